// WordBreaker: plain words cut without ICU break exactly as ICU breaks them.
#include "common/text/word_break.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace vnsearch::text {
namespace {

using vnsearch::testing::bundled_corpus_texts;

std::string describe(const icu::UnicodeString& text, const std::vector<WordSpan>& spans) {
  std::string out;
  for (const WordSpan& s : spans) {
    std::string word;
    text.tempSubStringBetween(s.start, s.end).toUTF8String(word);
    out += "[" + word + (s.kind == TokenKind::kNumber ? "#" : "") + "]";
  }
  return out;
}

void expect_like_icu(WordBreaker* breaker, const std::string& utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::vector<WordSpan> fast, icu_only;
  breaker->split(text, &fast);
  breaker->split_with_icu(text, &icu_only);
  EXPECT_EQ(describe(text, fast), describe(text, icu_only)) << "text: " << utf8;
}

TEST(WordBreaker, PlainWordsNumbersAndTheirPunctuation) {
  WordBreaker breaker;
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8("“Giá xăng tăng 5.850 đồng/lít,” kontumtv.vn (Covid-19) 117%");
  std::vector<WordSpan> spans;
  breaker.split(text, &spans);
  EXPECT_EQ(describe(text, spans),
            "[Giá][xăng][tăng][5.850#][đồng][lít][kontumtv.vn][Covid][19#][117#]");
}

TEST(WordBreaker, RandomTextBreaksAsIcuBreaksIt) {
  // Pieces where the rules of UAX #29 decide: marks after letters and after
  // spaces (WB4), joiners, numbers with separators, letters around
  // punctuation, hyphens, symbols, emoji, other scripts.
  const std::vector<std::string> pieces = {
      "a",      "Việt",        "NAM",    "đ",        "e\u0301", "\u0301", "\u0323", " ",
      "  ",     "\n",          "\r\n",   "\t",       ".",       ",",      ";",      ":",
      "!",      "?",           "5",      "850",      "5.850",   "3,5",    "-",      "/",
      "%",      "'",           "’",      "‘",        "“",       "”",      "…",      "\"",
      "(",      ")",           "[",      "]",        "\u00A0",  "\u00AD", "\u200D", "\u200B",
      "\u2060", "kontumtv.vn", "TP.HCM", "Covid-19", "U23",     "5G",     "😀",      "👍🏽",
      "中文",   "ไทย",         "x",      "A1",       "@",       "#",      "&",      "_",
      "a_b",    "ǃ",           "µ",      "×",        "Ω",       "—",      "«",      "»",
      "°",      "\u0300a",     "ß",      "ﬁ",        "٣",       "½"};
  WordBreaker breaker;
  std::mt19937 random(20261129);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 12);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k) text += pieces[piece(random)];
    expect_like_icu(&breaker, text);
    if (::testing::Test::HasFailure()) break;  // one counterexample is enough
  }
}

TEST(WordBreaker, TheBundledCorpusBreaksAsIcuBreaksIt) {
  WordBreaker breaker;
  const std::vector<std::string> texts = bundled_corpus_texts();
  for (const std::string& text : texts) expect_like_icu(&breaker, text);
  EXPECT_GT(texts.size(), 20u);
}

}  // namespace
}  // namespace vnsearch::text
