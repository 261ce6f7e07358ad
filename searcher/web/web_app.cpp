#include "searcher/web/web_app.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "searcher/output.h"
#include "searcher/search_command.h"
#include "searcher/web/pages.h"
#include "searcher/web/search_state.h"

namespace vnsearch::searcher::web {
namespace {

using nlohmann::json;

constexpr const char* kJsonLines = "application/x-ndjson; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";
/// Near-copies and related articles listed under an article.
constexpr size_t kNearCopiesShown = 50;
constexpr size_t kMoreLikeThisShown = 5;

/// Nothing on a page may run or load from elsewhere, even if some escaping
/// were ever missed: no script at all, styles and forms from this server.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

HttpResponse html(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse error_page(int status, const std::string& message) {
  return html(status, render_error_page(status, message));
}

HttpResponse json_response(int status, const json& record) {
  HttpResponse response;
  response.status = status;
  response.content_type = kJson;
  response.body = record.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  return response;
}

HttpResponse api_error(int status, const std::string& message) {
  return json_response(status, {{"type", "error"}, {"message", message}});
}

/// An API number parameter, as the CLI option of the same name reads it;
/// the CLI's validation then checks its range.
void api_number(const QueryParams& params, const char* name, long long* value,
                bool* given = nullptr) {
  const std::optional<std::string> text = params.get(name);
  if (!text) return;
  try {
    *value = parse_number(*text, 0, 1'000'000'000'000LL, name);
  } catch (const BadRequest&) {
    throw UsageError(std::string(name) + " must be a whole number from 0");
  }
  if (given) *given = true;
}

}  // namespace

WebApp::WebApp(const IndexLocations& locations) : pool_(locations) {}

HttpResponse WebApp::handle(const HttpRequest& request) {
  HttpResponse response;
  const bool api = request.path.rfind("/api/", 0) == 0;
  try {
    response = route(request);
  } catch (const BadRequest& e) {
    response = api ? api_error(400, e.what()) : error_page(400, e.what());
  } catch (const IndexMissingError& e) {
    response = api ? api_error(503, e.what()) : error_page(503, e.what());
  } catch (const Xapian::Error& e) {
    response = api ? api_error(500, e.get_description())
                   : error_page(500, "Lỗi khi đọc chỉ mục: " + e.get_description());
  } catch (const std::exception& e) {
    response = api ? api_error(500, e.what()) : error_page(500, std::string("Lỗi: ") + e.what());
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (response.content_type.rfind("text/html", 0) == 0) {
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  }
  return response;
}

HttpResponse WebApp::route(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse response = error_page(405, "Chỉ nhận yêu cầu GET");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const std::string& path = request.path;
  if (path == "/style.css") {
    HttpResponse response;
    response.content_type = "text/css; charset=utf-8";
    response.body = std::string(stylesheet());
    response.headers.emplace_back("Cache-Control", "max-age=3600");
    return response;
  }
  if (path == "/favicon.ico") {
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    return response;
  }
  const bool known = path == "/" || path == "/search" || path == "/article" ||
                     path == "/api/search" || path == "/api/health";
  if (!known) return error_page(404, "Không có trang này");
  const QueryParams params = QueryParams::parse(request.query);
  if (path == "/api/search") return api_search(params);
  if (path == "/api/health") return api_health();
  if (path == "/article") return article_page(params);
  return search_page(params);
}

HttpResponse WebApp::search_page(const QueryParams& params) {
  SearcherPool::Lease searcher = pool_.acquire();
  const Xapian::doccount documents = searcher->documents();
  SearchState state;
  try {
    state = read_search_state(params);
  } catch (const BadRequest& e) {
    // The form stays, with what could be read, so that the mistake can be fixed.
    SearchState typed;
    typed.q = params.get("q").value_or("");
    if (typed.q.size() > kMaxQueryBytes) typed.q.clear();
    return html(400, render_search_page(typed, nullptr, e.what(), documents));
  }
  if (state.empty()) return html(200, render_search_page(state, nullptr, {}, documents));
  try {
    const SearchResult result = searcher->search(search_request(state));
    return html(200, render_search_page(state, &result, {}, documents));
  } catch (const BadRequest& e) {
    return html(400, render_search_page(state, nullptr, e.what(), documents));
  } catch (const QueryError& e) {
    return html(
        400, render_search_page(state, nullptr, std::string("Không đọc được truy vấn: ") + e.what(),
                                documents));
  } catch (...) {
    searcher.discard();
    throw;
  }
}

HttpResponse WebApp::article_page(const QueryParams& params) {
  const std::optional<std::string> id = params.get("id");
  const std::optional<std::string> path = params.get("path");
  if (id.has_value() == path.has_value()) {
    throw BadRequest(
        "Cần đúng một trong hai tham số 'id' (số của bài) hoặc 'path' (đường dẫn "
        "của bài trong chỉ mục)");
  }
  ArticleView view;
  view.query = params.get("q").value_or("");
  if (view.query.size() > kMaxQueryBytes) throw BadRequest("Truy vấn quá dài");
  const std::string accents = params.get("accents").value_or("exact");
  if (accents != "exact" && accents != "loose") {
    throw BadRequest("Tham số 'accents' phải là exact hoặc loose");
  }
  view.loose_accents = accents == "loose";

  SearcherPool::Lease searcher = pool_.acquire();
  try {
    // Only documents of the index: an id, or a path looked up among the
    // stored ones; never a file read from the request's path.
    const Xapian::docid docid =
        id ? static_cast<Xapian::docid>(parse_number(*id, 1, 4'294'967'295LL, "id"))
           : searcher->docid_of_path(*path);
    std::optional<Article> article =
        docid == 0 ? std::nullopt : searcher->article(docid, view.query, !view.loose_accents);
    if (!article) return error_page(404, "Chỉ mục không có bài này");
    view.article = std::move(*article);
    // The same core as `vnsearch --similar` and `--like`, without passages:
    // a list of titles under the article.
    SearchRequest request;
    request.with_passages = false;
    request.limit = kNearCopiesShown;
    view.near_copies = searcher->similar(docid, request).hits;
    request.limit = kMoreLikeThisShown;
    view.more_like_this = searcher->related(docid, request).hits;
    return html(200, render_article_page(view));
  } catch (const BadRequest&) {
    throw;
  } catch (...) {
    searcher.discard();
    throw;
  }
}

HttpResponse WebApp::api_search(const QueryParams& params) {
  // The parameters are the CLI's options, read by the CLI's own validation,
  // and the records are written by the CLI's own JSON printer: the API
  // answers exactly what `vnsearch --json` prints for the same query.
  RawOptions raw;
  try {
    const std::optional<std::string> q = params.get("q");
    if (!q) throw UsageError("q (the query) is required");
    if (q->size() > kMaxQueryBytes) {
      throw UsageError("q is too long (at most " + std::to_string(kMaxQueryBytes) + " bytes)");
    }
    raw.query_words = {*q};
    raw.index_dirs = {"(served)"};  // the server's own index; not used
    raw.json = true;
    api_number(params, "limit", &raw.limit, &raw.limit_given);
    api_number(params, "offset", &raw.offset);
    api_number(params, "passages", &raw.passages);
    api_number(params, "passage_length", &raw.passage_length);
    if (auto v = params.get("sort")) raw.sort = *v;
    if (auto v = params.get("accents")) raw.accents = *v;
    if (auto v = params.get("from")) raw.from = *v;
    if (auto v = params.get("to")) raw.to = *v;
    if (auto v = params.get("facets")) raw.facets = *v;
    const SearchOptions options = validate_options(raw);

    SearcherPool::Lease searcher = pool_.acquire();
    std::ostringstream out;
    const std::unique_ptr<ResultPrinter> printer = make_printer(options.print, out);
    const QueryContext context{"", options.query, false};
    SearchRequest request = options.request;
    request.query = options.query;
    HttpResponse response;
    response.content_type = kJsonLines;
    try {
      printer->print(context, searcher->search(request));
    } catch (const QueryError& e) {
      printer->print_error(context, e.what());
      response.status = 400;
    } catch (...) {
      searcher.discard();
      throw;
    }
    response.body = out.str();
    return response;
  } catch (const UsageError& e) {
    return api_error(400, e.what());
  }
}

HttpResponse WebApp::api_health() {
  SearcherPool::Lease searcher = pool_.acquire();
  return json_response(200, {{"status", "ok"}, {"documents", searcher->documents()}});
}

}  // namespace vnsearch::searcher::web
