// @brief Passages and highlights: ranges come from re-analysis, fold to a
// query word, respect sentences, and survive NFD and old-style tones.
#include <gtest/gtest.h>

#include <string>

#include "common/text/analyzer.h"
#include "searcher/query.h"
#include "searcher/snippet.h"
#include "searcher/snippet_render.h"

namespace vnsearch::searcher {
namespace {

HighlightQuery highlight_query(const std::string& query) {
  text::Analyzer analyzer;
  return HighlightQuery::from(parse_query(query, &analyzer));
}

// The folded form of each highlighted slice of `s`.
std::vector<std::string> highlighted_folds(const Snippet& s) {
  text::Analyzer analyzer;
  std::vector<std::string> out;
  for (const auto& [start, end] : s.highlights) {
    EXPECT_LE(start, end);
    EXPECT_LE(end, s.text.size());
    const auto tokens = analyzer.analyze(std::string_view(s.text).substr(start, end - start));
    EXPECT_EQ(tokens.size(), 1u) << s.text.substr(start, end - start);
    if (!tokens.empty()) out.push_back(tokens[0].folded);
  }
  return out;
}

std::string sliced(const Snippet& s, size_t i) {
  return s.text.substr(s.highlights[i].first, s.highlights[i].second - s.highlights[i].first);
}

TEST(Snippet, HighlightsFoldToQueryWords) {
  SnippetMaker maker;
  const std::string body =
      "Hôm nay trời đẹp. Các đảng viên họp tại Đường phố Hà Nội. Mọi người vui vẻ.";
  const auto passages = maker.passages(body, highlight_query("dang vien duong"), {1, 200});
  ASSERT_EQ(passages.size(), 1u);
  const std::vector<std::string> expected = {"dang", "vien", "duong"};
  EXPECT_EQ(highlighted_folds(passages[0]), expected);
  EXPECT_EQ(sliced(passages[0], 0), "đảng");
  EXPECT_EQ(sliced(passages[0], 2), "Đường");
}

TEST(Snippet, KeepsWholeSentencesThatFit) {
  SnippetMaker maker;
  const std::string body =
      "Câu đầu tiên không liên quan gì cả. Câu thứ hai nói về bóng đá Việt Nam! Câu ba cũng vậy.";
  const auto passages = maker.passages(body, highlight_query("bóng đá"), {1, 40});
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].text, "Câu thứ hai nói về bóng đá Việt Nam!");
}

TEST(Snippet, CutsLongSentencesWithEllipses) {
  SnippetMaker maker;
  std::string body = "Mở đầu";
  for (int i = 0; i < 40; ++i) body += " chữ";
  body += " kinh tế";
  for (int i = 0; i < 40; ++i) body += " chữ";
  body += ".";
  const auto passages = maker.passages(body, highlight_query("kinh tế"), {1, 60});
  ASSERT_EQ(passages.size(), 1u);
  const std::string& text = passages[0].text;
  EXPECT_EQ(text.rfind("…", 0), 0u) << text;
  EXPECT_EQ(text.substr(text.size() - 3), "…") << text;
  EXPECT_LE(char_count(text), 62u);
  EXPECT_EQ(highlighted_folds(passages[0]), (std::vector<std::string>{"kinh", "te"}));
}

TEST(Snippet, HighlightsNfdAndOldStyleTonesExactlyAsWritten) {
  SnippetMaker maker;
  const std::string nfd_hoa =
      "ho\xCC\x80"
      "a";  // "hoà" decomposed, old-style
  const std::string body = "Hiệp định " + nfd_hoa + " bình được ký. Thuỷ điện Hoà Bình.";
  const auto passages = maker.passages(body, highlight_query("hòa thủy"), {2, 200});
  ASSERT_FALSE(passages.empty());
  const Snippet all = join_snippets(passages);
  ASSERT_EQ(all.highlights.size(), 3u);
  EXPECT_EQ(sliced(all, 0), nfd_hoa);
  EXPECT_EQ(sliced(all, 1), "Thuỷ");
  EXPECT_EQ(sliced(all, 2), "Hoà");
}

TEST(Snippet, PrefersAdjacentQueryWords) {
  SnippetMaker maker;
  const std::string body =
      "Đảng ủy xã họp về bệnh viện mới. Chi bộ kết nạp đảng viên trẻ. Trời mưa.";
  const auto passages = maker.passages(body, highlight_query("dang vien"), {1, 32});
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].text, "Chi bộ kết nạp đảng viên trẻ.");
}

TEST(Snippet, SeveralPassagesInTextOrder) {
  SnippetMaker maker;
  const std::string body =
      "Giá vàng tăng mạnh. Thời tiết nắng nóng kéo dài ở miền Bắc. Giá vàng lại giảm sâu.";
  const auto passages = maker.passages(body, highlight_query("giá vàng"), {2, 25});
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].text, "Giá vàng tăng mạnh.");
  EXPECT_EQ(passages[1].text, "Giá vàng lại giảm sâu.");
  EXPECT_EQ(join_snippets(passages).text, "Giá vàng tăng mạnh. … Giá vàng lại giảm sâu.");
}

TEST(Snippet, NoMatchShowsTheStartOfTheBody) {
  SnippetMaker maker;
  const std::string body = "Bài viết mở đầu như thế này. Rồi tiếp tục.";
  const auto passages = maker.passages(body, highlight_query("tiêu đề"), {2, 30});
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].text, "Bài viết mở đầu như thế này.");
  EXPECT_TRUE(passages[0].highlights.empty());
}

TEST(Snippet, EmptyBodyGivesNoPassage) {
  SnippetMaker maker;
  EXPECT_TRUE(maker.passages("", highlight_query("x"), {2, 30}).empty());
}

TEST(Snippet, TitleHighlightsEveryMatch) {
  SnippetMaker maker;
  const Snippet title =
      maker.highlight("Đường phố Hà Nội. Dương Phố", highlight_query("duong pho"));
  EXPECT_EQ(title.text, "Đường phố Hà Nội. Dương Phố");
  EXPECT_EQ(highlighted_folds(title), (std::vector<std::string>{"duong", "pho", "duong", "pho"}));
}

TEST(Snippet, PhraseWordsWildcardsAndDottedLabelsAreHighlighted) {
  SnippetMaker maker;
  const Snippet s = maker.highlight("Kinh tế kontumtv.vn đường phố nay",
                                    highlight_query("kinh* kontumtv \"đường phố\" -nay"));
  EXPECT_EQ(highlighted_folds(s), (std::vector<std::string>{"kinh", "kontumtv", "duong", "pho"}));
  EXPECT_EQ(sliced(s, 1), "kontumtv");
}

TEST(SnippetRender, PlainAnsiAndJson) {
  const Snippet s{"a\tbc d\x1b", {{2, 4}}};
  EXPECT_EQ(render_plain(s), "a bc d ");
  EXPECT_EQ(render_ansi(s), "a \x1b[1;31mbc\x1b[0m d ");
  EXPECT_EQ(highlights_json(s).dump(), "[[2,4]]");
}

TEST(Snippet, RepeatedLeadIsShownOnce) {
  SnippetMaker maker;
  const std::string body =
      "Giá vàng tăng mạnh. Thời tiết đẹp. Giá vàng tăng mạnh. Giá vàng lại giảm.";
  const auto passages = maker.passages(body, highlight_query("giá vàng"), {2, 20});
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].text, "Giá vàng tăng mạnh.");
  EXPECT_EQ(passages[1].text, "Giá vàng lại giảm.");
}

}  // namespace
}  // namespace vnsearch::searcher
