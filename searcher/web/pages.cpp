#include "searcher/web/pages.h"

#include <cstdio>

#include "searcher/web/html.h"
#include "searcher/web/http.h"

namespace vnsearch::searcher::web {
namespace {

/// Facet values shown per facet: the most frequent.
constexpr size_t kFacetValuesShown = 12;

std::string format_ms(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", ms);
  std::string text = buffer;
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

void page_start(std::string* out, std::string_view title) {
  *out +=
      "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>";
  *out += escape_html(title);
  *out += "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n";
  *out += "<a class=\"skip\" href=\"#main\">Bỏ qua đến nội dung chính</a>\n";
}

void page_end(std::string* out) { *out += "</body>\n</html>\n"; }

/// The search form; the filters of `state` ride along as hidden fields, and
/// are shown (with a link that drops each) above the results.
void search_form(const SearchState& state, std::string* out) {
  *out += "<header class=\"top\">\n<a class=\"home\" href=\"/\">vnsearch</a>\n";
  *out += "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">\n";
  *out += "<label class=\"hidden\" for=\"q\">Từ khóa tìm kiếm</label>\n";
  *out += "<input id=\"q\" name=\"q\" type=\"search\" value=\"" + escape_html(state.q) +
          "\" placeholder=\"Tìm tin: dang vien, &quot;thị trưởng&quot;, source:vnexpress.net\""
          " autocomplete=\"off\" maxlength=\"" +
          std::to_string(kMaxQueryBytes) + "\"" + (state.q.empty() ? " autofocus" : "") + ">\n";
  *out += "<button type=\"submit\">Tìm</button>\n";
  const std::pair<const char*, const std::string*> filters[] = {
      {"source", &state.source}, {"category", &state.category}, {"year", &state.year}};
  for (const auto& [name, value] : filters) {
    if (value->empty()) continue;
    *out += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
            escape_html(*value) + "\">\n";
  }
  if (state.by_date) *out += "<input type=\"hidden\" name=\"sort\" value=\"date\">\n";
  if (state.loose_accents) *out += "<input type=\"hidden\" name=\"accents\" value=\"loose\">\n";
  *out += "<div class=\"dates\">\n<label for=\"from\">Từ ngày</label>\n";
  *out +=
      "<input id=\"from\" name=\"from\" placeholder=\"vd. 2020-01-31\" "
      "size=\"10\" maxlength=\"10\" value=\"" +
      escape_html(state.from) + "\">\n";
  *out += "<label for=\"to\">đến ngày</label>\n";
  *out +=
      "<input id=\"to\" name=\"to\" placeholder=\"vd. 2020-12-31\" "
      "size=\"10\" maxlength=\"10\" value=\"" +
      escape_html(state.to) + "\">\n</div>\n";
  *out += "</form>\n</header>\n";
}

std::string link(const std::string& url, const std::string& text_html,
                 std::string_view attributes = {}) {
  std::string out = "<a href=\"" + escape_html(url) + "\"";
  if (!attributes.empty()) {
    out += ' ';
    out += attributes;
  }
  out += '>' + text_html + "</a>";
  return out;
}

/// "source · date · category" under a title.
std::string meta_line(const schema::DocumentData& doc) {
  std::string out;
  for (const std::string* part : {&doc.source, &doc.date, &doc.category}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " · ";
    out += escape_html(*part);
  }
  return out;
}

/// The title to show: the marked title, else the stored path.
std::string title_html(const Hit& hit) {
  if (hit.title.text.empty()) return escape_html(hit.doc.path);
  return snippet_html(hit.title);
}

/// One list of hits (search results, copies, related articles).
void hit_list(const std::vector<Hit>& hits, const std::string& query, bool loose_accents,
              bool numbered, std::string* out) {
  if (numbered && !hits.empty()) {
    *out += "<ol class=\"hits\" start=\"" + std::to_string(hits.front().rank) + "\">\n";
  } else {
    *out += "<ul class=\"hits\">\n";
  }
  for (const Hit& hit : hits) {
    *out += "<li class=\"hit\">\n<h2 class=\"title\">";
    *out += link(article_url(hit.docid, hit.doc.path, query, loose_accents), title_html(hit));
    if (!hit.copies.empty()) {
      *out +=
          " <span class=\"copies\">+" + vietnamese_number(hit.copies.size()) + " bản sao</span>";
    }
    *out += "</h2>\n";
    const std::string meta = meta_line(hit.doc);
    if (!meta.empty()) *out += "<p class=\"meta\">" + meta + "</p>\n";
    for (const Snippet& passage : hit.passages) {
      *out += "<p class=\"passage\">" + snippet_html(passage) + "</p>\n";
    }
    *out += "</li>\n";
  }
  *out += numbered && !hits.empty() ? "</ol>\n" : "</ul>\n";
}

/// The CLI's notices, in Vietnamese: "Showing results for", "Did you mean",
/// other readings, the accents offer, some words only, a cut query.
void notices(const SearchState& state, const SearchResult& result, std::string* out) {
  std::string items;
  const auto with_query = [&](const std::string& q) {
    SearchState other = state;
    other.q = q;
    other.page = 1;
    return other.url();
  };
  if (!result.suggestion.empty()) {
    items += "<p class=\"notice\">Có phải bạn muốn tìm: " +
             link(with_query(result.suggestion),
                  "<strong>" + escape_html(result.suggestion) + "</strong>") +
             "</p>\n";
  }
  if (!result.reading.empty()) {
    items += "<p class=\"notice\">Đang hiện kết quả cho: <strong>" + escape_html(result.reading) +
             "</strong></p>\n";
  }
  if (!result.alternatives.empty()) {
    items += "<p class=\"notice\">";
    items += result.reading.empty() ? "Các cách đọc: " : "Cách đọc khác: ";
    for (size_t i = 0; i < result.alternatives.size(); ++i) {
      const Alternative& a = result.alternatives[i];
      if (i) items += " · ";
      items += link(with_query(a.query), escape_html(a.query)) + " (" +
               vietnamese_number(a.matches) + ")";
    }
    items += "</p>\n";
  }
  if (result.loose_matches > 0) {
    SearchState loose = state;
    loose.loose_accents = true;
    loose.page = 1;
    items += "<p class=\"notice\">Chỉ " + vietnamese_number(result.matches) +
             " bài có các từ này với dấu như đã gõ; " + vietnamese_number(result.loose_matches) +
             " bài có chúng với dấu bất kỳ: " + link(loose.url(), "tìm với dấu bất kỳ") +
             ", hoặc gõ không dấu</p>\n";
  }
  if (result.phrases_as_words) {
    items +=
        "<p class=\"notice\">Không bài nào có các từ trong ngoặc kép đứng liền nhau; đang hiện "
        "các bài có các từ đó</p>\n";
  }
  if (result.some_words_only) {
    items += "<p class=\"notice\">Không bài nào có đủ mọi từ; đang hiện các bài có một số từ</p>\n";
  }
  if (result.truncated) {
    items += "<p class=\"notice\">Truy vấn quá dài đã được cắt còn những từ đầu</p>\n";
  }
  if (!items.empty()) *out += "<div class=\"notices\">\n" + items + "</div>\n";
}

/// The filters in force, each with a link that drops it, and the sort.
void filters_and_sort(const SearchState& state, std::string* out) {
  SearchState base = state;
  base.page = 1;
  std::string chips;
  const auto chip = [&](const char* label, const std::string& value, std::string SearchState::*f) {
    if (value.empty()) return;
    SearchState without = base;
    without.*f = "";
    chips += "<li>" + std::string(label) + ": <strong>" + escape_html(value) + "</strong> " +
             link(without.url(), "bỏ", "aria-label=\"Bỏ lọc " + std::string(label) + "\"") +
             "</li>\n";
  };
  chip("Nguồn", state.source, &SearchState::source);
  chip("Chuyên mục", state.category, &SearchState::category);
  chip("Năm", state.year, &SearchState::year);
  chip("Từ ngày", state.from, &SearchState::from);
  chip("Đến ngày", state.to, &SearchState::to);
  if (!chips.empty()) *out += "<ul class=\"filters\" aria-label=\"Bộ lọc\">\n" + chips + "</ul>\n";

  SearchState relevance = base, newest = base;
  relevance.by_date = false;
  newest.by_date = true;
  *out += "<p class=\"sort\">Sắp xếp: ";
  *out += state.by_date ? link(relevance.url(), "liên quan") : "<strong>liên quan</strong>";
  *out += " · ";
  *out += state.by_date ? "<strong>mới nhất</strong>" : link(newest.url(), "mới nhất");
  *out += "</p>\n";
}

void facets(const SearchState& state, const SearchResult& result, std::string* out) {
  if (result.facets.empty()) return;
  *out += "<aside class=\"facets\" aria-label=\"Lọc kết quả\">\n";
  for (const FacetCounts& counts : result.facets) {
    if (counts.values.empty()) continue;
    const char* heading = "Năm";
    std::string SearchState::*field = &SearchState::year;
    if (counts.facet == Facet::kSource) {
      heading = "Nguồn";
      field = &SearchState::source;
    } else if (counts.facet == Facet::kCategory) {
      heading = "Chuyên mục";
      field = &SearchState::category;
    }
    *out += "<section>\n<h2>" + std::string(heading) + "</h2>\n<ul>\n";
    size_t shown = 0;
    for (const FacetValue& v : counts.values) {
      if (shown++ == kFacetValuesShown) break;
      SearchState filtered = state;
      filtered.page = 1;
      filtered.*field = v.value;
      const bool current = state.*field == v.value;
      *out += "<li>";
      *out += current ? "<strong>" + escape_html(v.value) + "</strong>"
                      : link(filtered.url(), escape_html(v.value));
      *out += " <span class=\"count\">" + vietnamese_number(v.count) + "</span></li>\n";
    }
    *out += "</ul>\n</section>\n";
  }
  *out += "</aside>\n";
}

void summary(const SearchState& state, const SearchResult& result, std::string* out) {
  *out += "<p class=\"summary\" role=\"status\">";
  const std::string about = result.matches_estimated ? "khoảng " : "";
  if (result.matches == 0) {
    *out += "Không tìm thấy bài nào";
  } else if (result.hits.empty()) {
    *out += "Không còn kết quả ở trang " + std::to_string(state.page) + " (" + about +
            vietnamese_number(result.matches) + " bài)";
  } else {
    *out += "Kết quả " + vietnamese_number(result.hits.front().rank) + "–" +
            vietnamese_number(result.hits.back().rank) + " trong " + about +
            vietnamese_number(result.matches) + " bài";
  }
  *out += " <span class=\"ms\">(" + format_ms(result.ms) + " ms)</span></p>\n";
}

void pager(const SearchState& state, const SearchResult& result, std::string* out) {
  const bool previous = state.page > 1;
  const bool next = state.page < kMaxPage &&
                    static_cast<uint64_t>(state.page) * kPageSize < result.matches &&
                    result.hits.size() == kPageSize;
  if (!previous && !next) return;
  *out += "<nav class=\"pager\" aria-label=\"Trang\">\n";
  if (previous) {
    SearchState before = state;
    before.page = state.page - 1;
    *out += link(before.url(), "← Trang trước", "rel=\"prev\"") + "\n";
  }
  *out += "<span>Trang " + std::to_string(state.page) + "</span>\n";
  if (next) {
    SearchState after = state;
    after.page = state.page + 1;
    *out += link(after.url(), "Trang sau →", "rel=\"next\"") + "\n";
  }
  *out += "</nav>\n";
}

}  // namespace

std::string vietnamese_number(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string article_url(Xapian::docid docid, const std::string& path, const std::string& query,
                        bool loose_accents) {
  std::string url = valid_utf8(path) && !path.empty() ? "/article?path=" + url_encode(path)
                                                      : "/article?id=" + std::to_string(docid);
  if (!query.empty()) url += "&q=" + url_encode(query);
  if (loose_accents) url += "&accents=loose";
  if (!query.empty()) url += "#m1";
  return url;
}

std::string render_search_page(const SearchState& state, const SearchResult* result,
                               std::string_view error, Xapian::doccount documents) {
  std::string out;
  const std::string shown = state.q.empty() ? state.filter_query() : state.q;
  page_start(&out, shown.empty() ? "vnsearch – tìm kiếm tin tức" : shown + " – vnsearch");
  search_form(state, &out);
  out += "<main id=\"main\">\n";
  if (!error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + escape_html(error) + "</p>\n";
  } else if (result == nullptr) {
    out += "<p class=\"intro\">Tìm trong " + vietnamese_number(documents) +
           " bài báo. Gõ từ có dấu hoặc không dấu; &quot;cụm từ&quot; trong ngoặc kép, "
           "-từ để loại trừ, a OR b, source:NGUỒN, category:CHUYÊN-MỤC, title:TỪ, "
           "date:2020-01..2020-06, kinh* (tiền tố).</p>\n";
  } else {
    notices(state, *result, &out);
    filters_and_sort(state, &out);
    summary(state, *result, &out);
    out += "<div class=\"columns\">\n<div class=\"results\">\n";
    hit_list(result->hits, state.q, state.loose_accents, /*numbered=*/true, &out);
    pager(state, *result, &out);
    out += "</div>\n";
    facets(state, *result, &out);
    out += "</div>\n";
  }
  out += "</main>\n";
  page_end(&out);
  return out;
}

std::string render_article_page(const ArticleView& view) {
  const Article& a = view.article;
  const schema::DocumentData& doc = a.doc;
  std::string out;
  page_start(&out, (doc.title.empty() ? doc.path : doc.title) + " – vnsearch");
  SearchState back;
  back.q = view.query;
  back.loose_accents = view.loose_accents;
  search_form(back, &out);
  out += "<main id=\"main\">\n<article class=\"article\">\n";
  if (!view.query.empty()) {
    out += "<p class=\"back\">" +
           link(back.url(), "← Kết quả tìm “" + escape_html(view.query) + "”") + "</p>\n";
  }
  out +=
      "<h1>" + (a.title.text.empty() ? escape_html(doc.path) : snippet_html(a.title)) + "</h1>\n";
  out += "<dl class=\"facts\">\n";
  const auto fact = [&](const char* label, const std::string& value_html) {
    if (value_html.empty()) return;
    out += "<div><dt>" + std::string(label) + "</dt><dd>" + value_html + "</dd></div>\n";
  };
  fact("Nguồn", escape_html(doc.source));
  fact("Ngày", escape_html(doc.date));
  fact("Chuyên mục", escape_html(doc.category));
  fact("Tác giả", escape_html(doc.author));
  if (!doc.url.empty()) {
    // Only http(s) links: a scraped javascript: URL stays text.
    fact("Bài gốc", linkable_url(doc.url) ? link(doc.url, escape_html(doc.url),
                                                 "rel=\"noopener noreferrer nofollow\"")
                                          : escape_html(doc.url));
  }
  fact("Tệp", "<code>" + escape_html(doc.path) + "</code>");
  out += "</dl>\n";
  // One paragraph per stored line; a marked word never spans a line break.
  std::string body = "<p>";
  for (const char c : snippet_html(a.body, "m1")) {
    body += c == '\n' ? std::string("</p>\n<p>") : std::string(1, c);
  }
  out += "<div class=\"body\">" + body + "</p></div>\n";
  out += "</article>\n";
  const auto section = [&](const char* id, const char* heading, const std::vector<Hit>& hits) {
    if (hits.empty()) return;
    out += "<section class=\"related\" id=\"" + std::string(id) + "\">\n<h2>" + heading + " (" +
           vietnamese_number(hits.size()) + ")</h2>\n";
    hit_list(hits, view.query, view.loose_accents, /*numbered=*/false, &out);
    out += "</section>\n";
  };
  section("near-copies", "Bản sao, giống hệt hoặc gần giống", view.near_copies);
  section("more-like-this", "Bài tương tự", view.more_like_this);
  out += "</main>\n";
  page_end(&out);
  return out;
}

std::string render_error_page(int status, std::string_view message) {
  std::string out;
  page_start(&out, "Lỗi " + std::to_string(status) + " – vnsearch");
  search_form(SearchState(), &out);
  out += "<main id=\"main\">\n<h1>Lỗi " + std::to_string(status) + "</h1>\n";
  out += "<p class=\"error\" role=\"alert\">" + escape_html(message) + "</p>\n";
  out += "<p><a href=\"/\">Về trang tìm kiếm</a></p>\n</main>\n";
  page_end(&out);
  return out;
}

std::string_view stylesheet() {
  return R"css(:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --dim: #5b5b5b;
  --link: #0b50a8; --mark: #ffe27a; --line: #d8d8d8; --panel: #f4f5f7; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #15171a; --dim: #a5a9b0; --link: #8ab8ff; --mark: #6b5800;
    --line: #3a3d42; --panel: #1f2226; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f29d00;
  outline-offset: 2px; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .8rem 1rem;
  border-bottom: 1px solid var(--line); background: var(--panel); }
.home { font-weight: 700; font-size: 1.2rem; text-decoration: none; color: var(--fg); }
.search { display: flex; flex-wrap: wrap; gap: .5rem; flex: 1 1 28rem; max-width: 52rem; }
.search input[type=search] { flex: 1 1 16rem; min-width: 0; font: inherit; padding: .45rem .6rem;
  border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.search button { font: inherit; padding: .45rem 1rem; border-radius: 6px; border: 0;
  background: var(--link); color: var(--bg); cursor: pointer; }
.dates { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .5rem; font-size: .9rem;
  color: var(--dim); flex-basis: 100%; }
.dates input { font: inherit; width: 8.5rem; padding: .2rem .4rem; border: 1px solid var(--line);
  border-radius: 4px; background: var(--bg); color: var(--fg); }
main { max-width: 64rem; padding: .5rem 1rem 3rem; margin: 0 auto; }
.notices { margin: .8rem 0; }
.notice { margin: .2rem 0; }
.error { border-left: 4px solid #c62828; padding: .5rem .8rem; background: var(--panel); }
.filters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.filters li { background: var(--panel); border: 1px solid var(--line); border-radius: 99px;
  padding: .1rem .7rem; font-size: .9rem; }
.sort, .summary { color: var(--dim); font-size: .9rem; margin: .3rem 0; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 14rem; gap: 2rem; }
.hits { padding-left: 1.6rem; }
ul.hits { padding-left: 0; list-style: none; }
.hit { margin: 0 0 1.3rem; }
.hit .title { font-size: 1.1rem; margin: 0; line-height: 1.35; }
.copies { font-size: .8rem; font-weight: 400; color: var(--dim); white-space: nowrap; }
.meta { color: var(--dim); font-size: .85rem; margin: .1rem 0; }
.passage { margin: .2rem 0; overflow-wrap: anywhere; }
.facets h2 { font-size: .95rem; margin: 1rem 0 .3rem; }
.facets ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; }
.facets li { margin: .15rem 0; overflow-wrap: anywhere; }
.count { color: var(--dim); }
.pager { display: flex; gap: 1.2rem; align-items: center; margin-top: 1.5rem; }
.pager a, .filters a { padding: .3rem 0; }
.article h1 { font-size: 1.6rem; line-height: 1.3; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; }
.facts div { display: contents; }
.facts dt { color: var(--dim); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.body { max-width: 42rem; font-size: 1.05rem; margin-top: 1.2rem; }
.body p { margin: 0 0 .8rem; }
.body p:empty { display: none; }
.related { border-top: 1px solid var(--line); margin-top: 2rem; }
.related h2 { font-size: 1.1rem; }
@media (max-width: 40rem) {
  .columns { grid-template-columns: 1fr; gap: 0; }
  .facets { border-top: 1px solid var(--line); }
  .top { padding: .6rem .7rem; }
  main { padding: .3rem .7rem 2rem; }
}
)css";
}

}  // namespace vnsearch::searcher::web
