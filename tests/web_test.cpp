// Unit tests of the web page's pieces without a socket or an index: query
// string reading, escaping, the search state in URLs, and the rendered HTML.
#include <gtest/gtest.h>

#include "searcher/web/html.h"
#include "searcher/web/http.h"
#include "searcher/web/http_server.h"
#include "searcher/web/pages.h"
#include "searcher/web/search_state.h"

namespace vnsearch::searcher::web {
namespace {

size_t count_of(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST(QueryParamsTest, DecodesPlusAndPercent) {
  const QueryParams p = QueryParams::parse("q=h%C3%A0+n%E1%BB%99i&page=2&empty=&flag");
  EXPECT_EQ(p.get("q"), "hà nội");
  EXPECT_EQ(p.get("page"), "2");
  EXPECT_EQ(p.get("empty"), std::nullopt);  // a form's empty field
  EXPECT_EQ(p.get("flag"), std::nullopt);
  EXPECT_EQ(p.get("missing"), std::nullopt);
  EXPECT_EQ(QueryParams::parse("q=a%09b%0Ac").get("q"), "a b c");  // pasted line breaks
}

TEST(QueryParamsTest, RefusesMalformedStrings) {
  for (const char* raw : {"q=%", "q=%4", "q=%G0", "q=%FF", "q=%C3", "q=%ED%A0%80",  // surrogate
                          "q=%C0%AF",                                               // overlong
                          "q=a%00b", "q=%1B[31m", "q=1&q=2"}) {
    EXPECT_THROW(QueryParams::parse(raw), BadRequest) << raw;
  }
  EXPECT_THROW(QueryParams::parse(std::string(kMaxQueryStringBytes + 1, 'a')), BadRequest);
  std::string many;
  for (size_t i = 0; i <= kMaxParameters; ++i) many += "p" + std::to_string(i) + "=1&";
  EXPECT_THROW(QueryParams::parse(many), BadRequest);
}

TEST(QueryParamsTest, Numbers) {
  EXPECT_EQ(parse_number("12", 1, 100, "page"), 12);
  for (const char* bad : {"", "-1", "0", "101", "1e3", " 5", "+5", "99999999999999999999999"}) {
    EXPECT_THROW(parse_number(bad, 1, 100, "page"), BadRequest) << bad;
  }
}

TEST(HtmlTest, EscapesMarkupQuotesAndControls) {
  EXPECT_EQ(escape_html("<script>alert(\"x\" + 'y')</script> & co"),
            "&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; co");
  EXPECT_EQ(escape_html("a\x1b[31mb\x7f"
                        "c\xC2\x85"
                        "d\ne"),
            "a [31mb c d\ne");
  EXPECT_EQ(escape_html("Hà Nội"), "Hà Nội");
}

TEST(HtmlTest, SnippetMarksHighlightsAndEscapesAround) {
  Snippet s{"<b>đảng</b> viên & dân", {{3, 10}, {15, 20}}};
  EXPECT_EQ(snippet_html(s), "&lt;b&gt;<mark>đảng</mark>&lt;/b&gt; <mark>viên</mark> &amp; dân");
  EXPECT_EQ(snippet_html(s, "m1"),
            "&lt;b&gt;<mark id=\"m1\">đảng</mark>&lt;/b&gt; <mark>viên</mark> &amp; dân");
  // Ranges out of order or past the end are ignored, never read past the text.
  Snippet broken{"abc", {{1, 2}, {0, 1}, {2, 99}}};
  EXPECT_EQ(snippet_html(broken), "a<mark>b</mark>c");
}

TEST(HtmlTest, OnlyHttpUrlsAreLinks) {
  EXPECT_TRUE(linkable_url("https://vnexpress.net/a"));
  EXPECT_TRUE(linkable_url("HTTP://x"));
  EXPECT_FALSE(linkable_url("javascript:alert(1)"));
  EXPECT_FALSE(linkable_url(" javascript:alert(1)"));
  EXPECT_FALSE(linkable_url("data:text/html,x"));
  EXPECT_FALSE(linkable_url("/etc/passwd"));
}

TEST(SearchStateTest, ReadsAndWritesTheUrl) {
  const SearchState s = read_search_state(QueryParams::parse(
      "q=dang+vien&source=vnexpress.net&category=Th%E1%BB%9Di+s%E1%BB%B1&year=2020&from=2020-01"
      "&to=2020-06-30&sort=date&accents=loose&page=3&unknown=1"));
  EXPECT_EQ(s.q, "dang vien");
  EXPECT_EQ(s.category, "Thời sự");
  EXPECT_EQ(s.page, 3);
  EXPECT_TRUE(s.by_date);
  EXPECT_TRUE(s.loose_accents);
  EXPECT_EQ(s.url(),
            "/search?q=dang%20vien&source=vnexpress.net&category=Th%E1%BB%9Di%20s%E1%BB%B1"
            "&year=2020&from=2020-01&to=2020-06-30&sort=date&accents=loose&page=3");
  // The URL reads back as the same state.
  EXPECT_EQ(read_search_state(QueryParams::parse(s.url().substr(8))).url(), s.url());
  EXPECT_EQ(s.filter_query(), "source:\"vnexpress.net\" category:\"Thời sự\" date:2020");

  const SearchRequest r = search_request(s);
  EXPECT_EQ(r.query, "dang vien source:\"vnexpress.net\" category:\"Thời sự\" date:2020");
  EXPECT_EQ(r.offset, 2 * kPageSize);
  EXPECT_EQ(r.limit, kPageSize);
  EXPECT_EQ(r.sort, SortOrder::kDate);
  EXPECT_EQ(r.dates.from, "20200101");
  EXPECT_EQ(r.dates.to, "20200630");
  EXPECT_FALSE(r.exact_accents);
  EXPECT_EQ(r.facets.size(), 3U);
}

TEST(SearchStateTest, DefaultsAreLeftOutOfTheUrl) {
  const SearchState s = read_search_state(QueryParams::parse("q=a&sort=relevance&page=1&source="));
  EXPECT_EQ(s.url(), "/search?q=a");
  EXPECT_TRUE(read_search_state(QueryParams::parse("")).empty());
  EXPECT_FALSE(read_search_state(QueryParams::parse("year=2020")).empty());
}

TEST(SearchStateTest, RefusesBadValues) {
  for (const char* raw : {"q=a&page=0", "q=a&page=-1", "q=a&page=1001", "q=a&page=abc",
                          "q=a&page=99999999999999999999", "q=a&sort=random", "q=a&accents=x",
                          "q=a&year=20", "q=a&from=2020-13", "q=a&to=yesterday"}) {
    EXPECT_THROW(read_search_state(QueryParams::parse(raw)), BadRequest) << raw;
  }
  EXPECT_THROW(read_search_state(QueryParams::parse("q=" + std::string(kMaxQueryBytes + 1, 'a'))),
               BadRequest);
  EXPECT_THROW(search_request(read_search_state(QueryParams::parse("q=a&from=2021&to=2020"))),
               BadRequest);
  // A quote cannot end the filter it goes into.
  const SearchState quoted = read_search_state(QueryParams::parse("source=a%22+OR+b"));
  EXPECT_EQ(quoted.filter_query(), "source:\"a OR b\"");
}

Hit hostile_hit() {
  Hit hit;
  hit.rank = 11;
  hit.docid = 7;
  hit.copies.resize(2);
  hit.doc.path = "bad/<x>.txt";
  hit.doc.title = "<script>alert(1)</script>";
  hit.doc.source = "\"><img src=x onerror=alert(2)>";
  hit.doc.date = "2020-01-15";
  hit.doc.category = "Thời sự";
  hit.title.text = hit.doc.title;
  hit.passages.push_back({"đảng viên <i>mới</i>", {{0, 7}}});
  return hit;
}

TEST(PagesTest, SearchPageEscapesEverythingFromTheArchive) {
  SearchState state = read_search_state(QueryParams::parse("q=%22%3E%3Cscript%3Ex&page=2"));
  SearchResult result;
  result.hits.push_back(hostile_hit());
  result.matches = 25;
  result.reading = "<b>đảng</b>";
  result.suggestion = "\"><script>";
  result.alternatives.push_back({"<i>x</i>", 3});
  result.facets.push_back({Facet::kSource, {{"<src>", 4}}});
  const std::string page = render_search_page(state, &result, {}, 100);
  EXPECT_EQ(page.find("<script"), std::string::npos) << page;
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<i>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("value=\"&quot;&gt;&lt;script&gt;x\""), std::string::npos);
  EXPECT_NE(page.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(page.find("<mark>đảng</mark> viên &lt;i&gt;mới&lt;/i&gt;"), std::string::npos);
  EXPECT_NE(page.find("+2 bản sao"), std::string::npos);
  EXPECT_NE(page.find("Đang hiện kết quả cho"), std::string::npos);
  EXPECT_NE(page.find("Có phải bạn muốn tìm"), std::string::npos);
  EXPECT_NE(page.find("Cách đọc khác"), std::string::npos);
  // The hit's link goes by its stored path, percent-encoded, with the query.
  EXPECT_NE(page.find("href=\"/article?path=bad%2F%3Cx%3E.txt&amp;q=%22%3E%3Cscript%3Ex#m1\""),
            std::string::npos)
      << page;
  // The facet link filters, back to page 1.
  EXPECT_NE(page.find("href=\"/search?q=%22%3E%3Cscript%3Ex&amp;source=%3Csrc%3E\""),
            std::string::npos);
  // Page 2 of 25 hits: both neighbours.
  EXPECT_NE(page.find("rel=\"prev\""), std::string::npos);
  EXPECT_EQ(count_of(page, "rel=\"next\""), 0U);  // one hit on this page: not a full page
}

TEST(PagesTest, PagerAndSummary) {
  SearchState state = read_search_state(QueryParams::parse("q=a"));
  SearchResult result;
  for (size_t i = 1; i <= kPageSize; ++i) {
    Hit hit;
    hit.rank = i;
    hit.doc.path = "p" + std::to_string(i);
    result.hits.push_back(hit);
  }
  result.matches = 1234;
  const std::string page = render_search_page(state, &result, {}, 5000);
  EXPECT_NE(page.find("Kết quả 1–10 trong 1.234 bài"), std::string::npos);
  EXPECT_NE(page.find("href=\"/search?q=a&amp;page=2\" rel=\"next\""), std::string::npos) << page;
  EXPECT_EQ(page.find("rel=\"prev\""), std::string::npos);
  const std::string empty = render_search_page(state, &result, "Lỗi <x>", 5000);
  EXPECT_NE(empty.find("Lỗi &lt;x&gt;"), std::string::npos);
}

TEST(PagesTest, ArticlePageMarksAndEscapes) {
  ArticleView view;
  view.query = "dang";
  view.article.docid = 7;
  view.article.doc = hostile_hit().doc;
  view.article.doc.url = "javascript:alert(3)";
  view.article.title = {view.article.doc.title, {}};
  view.article.body = {"Một <đảng> và đảng\nDòng hai", {{7, 14}, {20, 27}}};
  view.near_copies.push_back(hostile_hit());
  const std::string page = render_article_page(view);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("href=\"javascript"), std::string::npos);
  EXPECT_NE(page.find("javascript:alert(3)"), std::string::npos);  // shown as text
  EXPECT_NE(page.find("<p>Một &lt;<mark id=\"m1\">đảng</mark>&gt; và <mark>đảng</mark></p>\n"
                      "<p>Dòng hai</p>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("Bản sao, giống hệt hoặc gần giống (1)"), std::string::npos);
  EXPECT_EQ(page.find("Bài tương tự"), std::string::npos);  // empty lists are not shown

  view.article.doc.url = "https://baoxyz.vn/a?b=1&c=\"2\"";
  view.more_like_this.push_back(hostile_hit());
  const std::string linked = render_article_page(view);
  EXPECT_NE(linked.find("href=\"https://baoxyz.vn/a?b=1&amp;c=&quot;2&quot;\""), std::string::npos);
  EXPECT_NE(linked.find("Bài tương tự (1)"), std::string::npos);
}

TEST(PagesTest, ArticleUrlByPathOrId) {
  EXPECT_EQ(article_url(5, "thoi-su/a b.txt", "", false), "/article?path=thoi-su%2Fa%20b.txt");
  EXPECT_EQ(article_url(5, "x\xff.txt", "hà", true), "/article?id=5&q=h%C3%A0&accents=loose#m1");
}

TEST(ListenAddressTest, Parses) {
  EXPECT_EQ(parse_listen_address("0.0.0.0:80").host, "0.0.0.0");
  EXPECT_EQ(parse_listen_address(":8081").host, "127.0.0.1");
  EXPECT_EQ(parse_listen_address(":8081").port, 8081U);
  EXPECT_EQ(parse_listen_address("[::1]:0").host, "::1");
  EXPECT_EQ(parse_listen_address("[::1]:0").port, 0U);
  for (const char* bad : {"8080", "host:", "host:http", "host:65536"}) {
    EXPECT_THROW(parse_listen_address(bad), std::invalid_argument) << bad;
  }
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
}

}  // namespace
}  // namespace vnsearch::searcher::web
