#include "searcher/web/search_state.h"

#include "searcher/query.h"

namespace vnsearch::searcher::web {
namespace {

std::string filter_value(const QueryParams& params, const char* name, const char* label) {
  std::string value = params.get(name).value_or("");
  if (value.size() > kMaxFilterBytes) throw BadRequest(std::string(label) + " quá dài");
  // The value goes into the query as source:"VALUE": a quote would end it.
  std::string kept;
  for (const char c : value) {
    if (c != '"') kept += c;
  }
  return kept;
}

/// A date bound as typed, checked now so that the page can say which one
/// is wrong.
std::string date_bound(const QueryParams& params, const char* name, const char* label) {
  std::string value = params.get(name).value_or("");
  if (value.empty()) return value;
  try {
    parse_date_bound(value, false, value);
  } catch (const QueryError&) {
    throw BadRequest(std::string(label) + " phải có dạng NĂM, NĂM-THÁNG hoặc NĂM-THÁNG-NGÀY (" +
                     "ví dụ 2020-06-30)");
  }
  return value;
}

void append_param(std::string* url, const char* name, const std::string& value) {
  if (value.empty()) return;
  *url += url->find('?') == std::string::npos ? '?' : '&';
  *url += name;
  *url += '=';
  *url += url_encode(value);
}

}  // namespace

bool SearchState::empty() const { return q.empty() && filter_query().empty(); }

std::string SearchState::filter_query() const {
  std::string out;
  const auto add = [&](const std::string& part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  if (!source.empty()) add("source:\"" + source + "\"");
  if (!category.empty()) add("category:\"" + category + "\"");
  if (!year.empty()) add("date:" + year);
  return out;
}

std::string SearchState::url() const {
  std::string url = "/search";
  append_param(&url, "q", q);
  append_param(&url, "source", source);
  append_param(&url, "category", category);
  append_param(&url, "year", year);
  append_param(&url, "from", from);
  append_param(&url, "to", to);
  if (by_date) append_param(&url, "sort", "date");
  if (loose_accents) append_param(&url, "accents", "loose");
  if (page > 1) append_param(&url, "page", std::to_string(page));
  return url;
}

SearchState read_search_state(const QueryParams& params) {
  SearchState state;
  state.q = params.get("q").value_or("");
  if (state.q.size() > kMaxQueryBytes) {
    throw BadRequest("Truy vấn quá dài (tối đa " + std::to_string(kMaxQueryBytes) + " byte)");
  }
  state.source = filter_value(params, "source", "Nguồn");
  state.category = filter_value(params, "category", "Chuyên mục");
  if (auto year = params.get("year")) {
    state.year = std::to_string(parse_number(*year, 1000, 9999, "year"));
  }
  state.from = date_bound(params, "from", "Ngày bắt đầu");
  state.to = date_bound(params, "to", "Ngày kết thúc");
  const std::string sort = params.get("sort").value_or("relevance");
  if (sort != "relevance" && sort != "date") {
    throw BadRequest("Tham số 'sort' phải là relevance hoặc date");
  }
  state.by_date = sort == "date";
  const std::string accents = params.get("accents").value_or("exact");
  if (accents != "exact" && accents != "loose") {
    throw BadRequest("Tham số 'accents' phải là exact hoặc loose");
  }
  state.loose_accents = accents == "loose";
  if (auto page = params.get("page")) state.page = parse_number(*page, 1, kMaxPage, "page");
  return state;
}

SearchRequest search_request(const SearchState& state) {
  SearchRequest request;
  request.query = state.q;
  const std::string filters = state.filter_query();
  if (!filters.empty()) request.query += (request.query.empty() ? "" : " ") + filters;
  request.offset = static_cast<size_t>(state.page - 1) * kPageSize;
  request.limit = kPageSize;
  request.sort = state.by_date ? SortOrder::kDate : SortOrder::kRelevance;
  if (!state.from.empty()) request.dates.from = parse_date_bound(state.from, false, state.from);
  if (!state.to.empty()) request.dates.to = parse_date_bound(state.to, true, state.to);
  if (!request.dates.from.empty() && !request.dates.to.empty() &&
      request.dates.from > request.dates.to) {
    throw BadRequest("Ngày bắt đầu ở sau ngày kết thúc");
  }
  request.exact_accents = !state.loose_accents;
  request.facets = {Facet::kSource, Facet::kCategory, Facet::kYear};
  return request;
}

}  // namespace vnsearch::searcher::web
