// The whole analysis chain: tokens, their forms and their offsets.
#include "common/text/analyzer.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace vnsearch::text {
namespace {

using vnsearch::testing::bundled_corpus_texts;

// One token as "original|norm|folded@position", where original is the input
// sliced at the token's offsets: offsets are checked by slicing.
std::vector<std::string> describe(const std::string& input) {
  Analyzer analyzer;
  std::vector<std::string> out;
  for (const Token& t : analyzer.analyze(input)) {
    EXPECT_LE(t.start, t.end);
    EXPECT_LE(t.end, input.size());
    std::string d = input.substr(t.start, t.end - t.start) + "|" + t.norm + "|" + t.folded + "@" +
                    std::to_string(t.position);
    if (t.kind == TokenKind::kPart) d += "+";
    if (t.kind == TokenKind::kNumber) d += "#";
    out.push_back(d);
  }
  return out;
}

std::string nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::Normalizer2::getNFDInstance(status)->normalize(icu::UnicodeString::fromUTF8(s), status);
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct AnalyzerCase {
  const char* name;
  std::string input;
  std::vector<std::string> tokens;
};

void PrintTo(const AnalyzerCase& c, std::ostream* os) { *os << c.name; }

class AnalyzerTable : public ::testing::TestWithParam<AnalyzerCase> {};

TEST_P(AnalyzerTable, Tokens) { EXPECT_EQ(describe(GetParam().input), GetParam().tokens); }

using V = std::vector<std::string>;

INSTANTIATE_TEST_SUITE_P(
    Vietnamese, AnalyzerTable,
    ::testing::Values(
        AnalyzerCase{"syllables", "Đảng viên", V{"Đảng|đảng|dang@0", "viên|viên|vien@1"}},
        AnalyzerCase{"capitals", "ĐẢNG VIÊN", V{"ĐẢNG|đảng|dang@0", "VIÊN|viên|vien@1"}},
        AnalyzerCase{"eth_for_d_with_stroke", "\u00D0ảng", V{"\u00D0ảng|đảng|dang@0"}},
        AnalyzerCase{"lower_eth", "\u00F0i", V{"\u00F0i|đi|di@0"}},
        AnalyzerCase{
            "old_style_tone", "Hoà bình, khoẻ mạnh",
            V{"Hoà|hòa|hoa@0", "bình|bình|binh@1", "khoẻ|khỏe|khoe@2", "mạnh|mạnh|manh@3"}},
        AnalyzerCase{"old_style_capitals", "UỶ BAN", V{"UỶ|ủy|uy@0", "BAN|ban|ban@1"}},
        AnalyzerCase{"final_y_spelled_i", "Bác sỹ KỸ",
                     V{"Bác|bác|bac@0", "sỹ|sĩ|si@1", "KỸ|kĩ|ki@2"}},
        AnalyzerCase{
            "final_y_unaccented", "bac sy My quy tay",
            V{"bac|bac|bac@0", "sy|si|si@1", "My|mi|mi@2", "quy|qui|qui@3", "tay|tay|tay@4"}},
        AnalyzerCase{"zero_width_inside_word", "th\u200Bành phố",
                     V{"th\u200Bành|thành|thanh@0", "phố|phố|pho@1"}},
        AnalyzerCase{"soft_hyphen_inside_word", "Việt\u00ADNam",
                     V{"Việt\u00ADNam|việtnam|vietnam@0"}},
        AnalyzerCase{"backspace_inside_word",
                     "Ảnh: \x08"
                     "Dailymail",
                     V{"Ảnh|ảnh|anh@0", "Dailymail|dailymail|dailymail@1"}},
        AnalyzerCase{"backspace_between_letters", "Đả\x08ng", V{"Đả\x08ng|đảng|dang@0"}},
        AnalyzerCase{"nbsp_separates", "Hà\u00A0Nội", V{"Hà|hà|ha@0", "Nội|nội|noi@1"}},
        AnalyzerCase{
            "thousands_number", "hơn 5.850 đảng viên",
            V{"hơn|hơn|hon@0", "5.850|5.850|5.850@1#", "đảng|đảng|dang@2", "viên|viên|vien@3"}},
        AnalyzerCase{"percent", "117%", V{"117|117|117@0#"}},
        AnalyzerCase{"decimal_comma", "3,5 tỷ", V{"3,5|3,5|3,5@0#", "tỷ|tỉ|ti@1"}},
        AnalyzerCase{"day_month", "ngày 30/10",
                     V{"ngày|ngày|ngay@0", "30|30|30@1#", "10|10|10@2#"}},
        AnalyzerCase{"covid", "Covid-19", V{"Covid|covid|covid@0", "19|19|19@1#"}},
        AnalyzerCase{"domain", "(kontumtv.vn) –",
                     V{"kontumtv.vn|kontumtv.vn|kontumtv.vn@0", "kontumtv|kontumtv|kontumtv@0+",
                       "vn|vn|vn@0+"}},
        AnalyzerCase{"abbreviation_with_dot", "TP.HCM",
                     V{"TP.HCM|tp.hcm|tp.hcm@0", "TP|tp|tp@0+", "HCM|hcm|hcm@0+"}},
        AnalyzerCase{"sentence_end_is_not_a_domain", "Kon Tum. Hà Nội",
                     V{"Kon|kon|kon@0", "Tum|tum|tum@1", "Hà|hà|ha@2", "Nội|nội|noi@3"}},
        AnalyzerCase{"latin_words", "Google Maps café",
                     V{"Google|google|google@0", "Maps|maps|maps@1", "café|café|cafe@2"}},
        AnalyzerCase{"letters_and_digits_count_as_a_number", "U23 Việt Nam",
                     V{"U23|u23|u23@0#", "Việt|việt|viet@1", "Nam|nam|nam@2"}},
        AnalyzerCase{"emoji_skipped", "vui 😀 quá 👍🏽",
                     V{"vui|vui|vui@0", "quá|quá|qua@1"}},
        AnalyzerCase{"punctuation_only", "… – “” !?", V{}}, AnalyzerCase{"empty", "", V{}},
        AnalyzerCase{"invalid_utf8_is_a_separator",
                     "đảng\xff"
                     "viên",
                     V{"đảng|đảng|dang@0", "viên|viên|vien@1"}},
        AnalyzerCase{"lone_continuation_bytes",
                     "\x80\x80"
                     "ab",
                     V{"ab|ab|ab@0"}},
        AnalyzerCase{"quotes_and_dashes", "“tự diễn biến” – Hồ Chí Minh",
                     V{"tự|tự|tu@0", "diễn|diễn|dien@1", "biến|biến|bien@2", "Hồ|hồ|ho@3",
                       "Chí|chí|chi@4", "Minh|minh|minh@5"}},
        AnalyzerCase{"word_segmented_underscore", "đảng_viên",
                     V{"đảng|đảng|dang@0", "viên|viên|vien@1"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Analyzer, NfdInputGivesTheSameFormsAsNfc) {
  const std::string nfc =
      "Đảng bộ tỉnh Kon Tum kết nạp hơn 5.850 đảng viên; thuỷ lợi, hoà giải, Nguyễn Thị Ánh";
  const std::string decomposed = nfd(nfc);
  ASSERT_NE(nfc, decomposed);
  Analyzer analyzer;
  std::vector<Token> a = analyzer.analyze(nfc);
  std::vector<Token> b = analyzer.analyze(decomposed);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].norm, b[i].norm);
    EXPECT_EQ(a[i].folded, b[i].folded);
    EXPECT_EQ(a[i].position, b[i].position);
    // Offsets point at the decomposed original, marks included.
    EXPECT_EQ(nfd(nfc.substr(a[i].start, a[i].end - a[i].start)),
              decomposed.substr(b[i].start, b[i].end - b[i].start));
  }
}

TEST(Analyzer, OverlongTokensAreDroppedWithoutUsingAPosition) {
  const std::string blob(Analyzer::kMaxTokenBytes + 1, 'x');
  EXPECT_EQ(describe("a " + blob + " b"), (V{"a|a|a@0", "b|b|b@1"}));
  const std::string longest(Analyzer::kMaxTokenBytes, 'y');
  EXPECT_EQ(describe(longest).size(), 1u);
}

TEST(Analyzer, PositionsContinueAcrossCalls) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  uint32_t next = analyzer.analyze("một hai", &tokens, 10);
  EXPECT_EQ(next, 12u);
  next = analyzer.analyze("ba", &tokens, next);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[2].position, 12u);
  EXPECT_EQ(next, 13u);
}

TEST(Analyzer, HasDiacriticsTellsAccentedFromPlainWords) {
  Analyzer analyzer;
  std::vector<Token> tokens = analyzer.analyze("đảng dang Dang");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0].has_diacritics());
  EXPECT_FALSE(tokens[1].has_diacritics());
  EXPECT_FALSE(tokens[2].has_diacritics());
}

TEST(Analyzer, ArbitraryBytesNeverBreakOffsets) {
  // Every byte value, in a few arrangements: offsets stay in range and ordered.
  std::string junk;
  for (int i = 0; i < 256; ++i) junk.push_back(static_cast<char>(i));
  junk += junk;
  junk += "\xe1\xba\xa3\xcc\x81\xcc";  // a letter, a mark, a truncated mark
  Analyzer analyzer;
  uint32_t last_start = 0;
  for (const Token& t : analyzer.analyze(junk)) {
    EXPECT_LT(t.start, t.end);
    EXPECT_LE(t.end, junk.size());
    EXPECT_GE(t.start, last_start);
    last_start = t.start;
  }
}

// analyze() reads plain text straight from UTF-8; analyze_in_full() takes
// every text through clean-up and break rules: both must give the same
// tokens, offsets, positions and end position.
void expect_like_full_path(Analyzer* analyzer, const std::string& text) {
  std::vector<Token> plain, full;
  const uint32_t plain_end = analyzer->analyze(text, &plain, 7);
  const uint32_t full_end = analyzer->analyze_in_full(text, &full, 7);
  const auto show = [&](const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) {
      out += "[" + text.substr(t.start, t.end - t.start) + "|" + t.norm + "|" + t.folded + "@" +
             std::to_string(t.position) + ":" + std::to_string(static_cast<int>(t.kind)) + "]";
    }
    return out;
  };
  EXPECT_EQ(show(plain), show(full)) << "text: " << text;
  EXPECT_EQ(plain_end, full_end) << "text: " << text;
}

TEST(Analyzer, RandomTextGivesTheTokensOfTheFullPath) {
  // Mostly what the plain path takes (words, numbers, edge punctuation,
  // '_' and NBSP as spaces, chunks it breaks with ICU), now and then what
  // sends a text down the full path (marks, joiners, controls, Ð, symbols).
  std::vector<std::string> plain = {
      "a",  "Việt",      "NAM",     "đ",    "Đảng",  "thuỷ",        "hoà",    "QUY",      "sy",
      " ",  "  ",        "\n",      "\r\n", "\t",    ".",           ",",      ";",        ":",
      "!",  "?",         "5",       "850",  "5.850", "3,5",         "-",      "/",        "%",
      "'",  "’",         "‘",       "“",    "”",     "…",           "\"",     "(",        ")",
      "[",  "]",         "\u00A0",  "_",    "a_b",   "kontumtv.vn", "TP.HCM", "Covid-19", "U23",
      "5G", "EPA/TTXVN", "x",       "A1",   "@",     "#",           "&",      "µ",        "×",
      "°",  "—",         "–",       "«",    "»",     "ß",           "ǃ",      "Ω",        "½",
      "ơ",  "Ư",         "ễ",       "Ỹ",    "don't", "a.b.c",       "1.",     ".5",       "...",
      "a'", "'a",        "(Nguồn:", "100%", "ÀÁẢ"};
  // Words past Analyzer::kMaxTokenBytes: dropped, without a position.
  plain.push_back(std::string(70, 'x'));
  plain.push_back(std::string(40, 'y') + "ữ");
  const std::vector<std::string> other = {
      "e\u0301", "\u0301", "\u00AD", "\u200B", "\u200D", "\u2060", "\u0008", "Ð",
      "ð",       "😀",      "中文",   "→",      "\u3000", "\xff",   "\xa0",   "\xc2"};
  Analyzer analyzer;
  std::mt19937 random(20261129);
  std::uniform_int_distribution<size_t> plain_piece(0, plain.size() - 1);
  std::uniform_int_distribution<size_t> other_piece(0, other.size() - 1);
  std::uniform_int_distribution<int> length(1, 14);
  std::uniform_int_distribution<int> percent(0, 99);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k) {
      text += percent(random) < 2 ? other[other_piece(random)] : plain[plain_piece(random)];
    }
    expect_like_full_path(&analyzer, text);
    if (::testing::Test::HasFailure()) break;  // one counterexample is enough
  }
}

TEST(Analyzer, TheBundledCorpusGivesTheTokensOfTheFullPath) {
  Analyzer analyzer;
  const std::vector<std::string> texts = bundled_corpus_texts();
  for (const std::string& text : texts) expect_like_full_path(&analyzer, text);
  EXPECT_GT(texts.size(), 20u);
}

}  // namespace
}  // namespace vnsearch::text
