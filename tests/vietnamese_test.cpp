// Tone placement and folding, written from Vietnamese orthography rules.
#include "common/text/vietnamese.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <ostream>
#include <string>

namespace vnsearch::text {
namespace {

std::u32string to_u32(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(u.char32At(i));
  return out;
}

std::string to_utf8(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string canonical(const std::string& syllable) {
  std::u32string s = to_u32(syllable);
  canonicalize_tone(&s);
  return to_utf8(s);
}

struct TonePair {
  const char* old_style;
  const char* new_style;
};

void PrintTo(const TonePair& p, std::ostream* os) { *os << p.old_style << "->" << p.new_style; }

class TonePlacementPair : public ::testing::TestWithParam<TonePair> {};

// Old style puts the mark on the second vowel of an open oa/oe/uy; new style
// on the first. Both must give the same (new-style) form.
TEST_P(TonePlacementPair, BothStylesGiveTheNewStyle) {
  EXPECT_EQ(canonical(GetParam().old_style), GetParam().new_style);
  EXPECT_EQ(canonical(GetParam().new_style), GetParam().new_style);
}

INSTANTIATE_TEST_SUITE_P(
    Vietnamese, TonePlacementPair,
    ::testing::Values(TonePair{"hoà", "hòa"}, TonePair{"hoá", "hóa"}, TonePair{"hoả", "hỏa"},
                      TonePair{"hoã", "hõa"}, TonePair{"hoạ", "họa"}, TonePair{"khoẻ", "khỏe"},
                      TonePair{"khoè", "khòe"}, TonePair{"loé", "lóe"}, TonePair{"thuỷ", "thủy"},
                      TonePair{"uỷ", "ủy"}, TonePair{"tuý", "túy"}, TonePair{"luỹ", "lũy"},
                      TonePair{"thoả", "thỏa"}, TonePair{"toà", "tòa"}, TonePair{"xoá", "xóa"},
                      TonePair{"nhoà", "nhòa"}, TonePair{"thuý", "thúy"}, TonePair{"suý", "súy"},
                      // a misplaced mark moves too
                      TonePair{"aó", "áo"}, TonePair{"hoăc", "hoăc"}, TonePair{"toán", "toán"}));

class UnchangedSyllable : public ::testing::TestWithParam<const char*> {};

// Syllables where both styles agree, and words that are not Vietnamese
// syllables, keep their marks where they are.
TEST_P(UnchangedSyllable, StaysAsWritten) { EXPECT_EQ(canonical(GetParam()), GetParam()); }

INSTANTIATE_TEST_SUITE_P(Vietnamese, UnchangedSyllable,
                         ::testing::Values("hoàn", "hoàng", "thuyền", "quyết", "quá", "quý",
                                           "quỳnh", "gìn", "gì", "già", "giữ", "giường", "người",
                                           "rượu", "của", "múa", "mía", "mái", "cháu", "ngoài",
                                           "khuỷu", "hoạch", "toán", "cửa", "mưa", "đường",
                                           "nghiêng", "điểm", "thuở", "xoong", "hòa", "thủy", "a",
                                           "á", "ý", "đảng",
                                           // not well-formed syllables: left alone
                                           "jơdreh", "café", "josé", "eé", "pháo", "ươé"));

std::string final_y_canonical(const std::string& syllable) {
  std::u32string s = to_u32(syllable);
  canonicalize_final_y(s.data(), s.size());
  return to_utf8(s);
}

struct SpellingPair {
  const char* y_spelling;
  const char* i_spelling;
};

void PrintTo(const SpellingPair& p, std::ostream* os) {
  *os << p.y_spelling << "->" << p.i_spelling;
}

class FinalYSpelling : public ::testing::TestWithParam<SpellingPair> {};

// bác sỹ / bác sĩ, kỹ thuật / kĩ thuật, quy định / qui định: one word, two
// house styles. Both give the i spelling, with the tone kept.
TEST_P(FinalYSpelling, BothSpellingsGiveI) {
  EXPECT_EQ(final_y_canonical(GetParam().y_spelling), GetParam().i_spelling);
  EXPECT_EQ(final_y_canonical(GetParam().i_spelling), GetParam().i_spelling);
}

INSTANTIATE_TEST_SUITE_P(Vietnamese, FinalYSpelling,
                         ::testing::Values(SpellingPair{"sỹ", "sĩ"}, SpellingPair{"kỹ", "kĩ"},
                                           SpellingPair{"lý", "lí"}, SpellingPair{"mỹ", "mĩ"},
                                           SpellingPair{"quy", "qui"}, SpellingPair{"quý", "quí"},
                                           SpellingPair{"hy", "hi"}, SpellingPair{"ty", "ti"},
                                           SpellingPair{"kỷ", "kỉ"}, SpellingPair{"lỵ", "lị"},
                                           SpellingPair{"thỳ", "thì"},
                                           SpellingPair{"nghỹ", "nghĩ"}));

class FinalYKept : public ::testing::TestWithParam<const char*> {};

// A lone y and y in a vowel cluster are other sounds: tay is not tai.
TEST_P(FinalYKept, StaysY) { EXPECT_EQ(final_y_canonical(GetParam()), GetParam()); }

INSTANTIATE_TEST_SUITE_P(Vietnamese, FinalYKept,
                         ::testing::Values("y", "ý", "tay", "máy", "huy", "thủy", "khuya", "yêu",
                                           "quyết", "gì", "sky", "fly", "tỵ1"));

struct FoldCase {
  const char* input;
  const char* folded;
};

void PrintTo(const FoldCase& c, std::ostream* os) { *os << c.input << "->" << c.folded; }

class Folding : public ::testing::TestWithParam<FoldCase> {};

TEST_P(Folding, RemovesEveryDiacritic) { EXPECT_EQ(fold(GetParam().input), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(
    Vietnamese, Folding,
    ::testing::Values(FoldCase{"đảng viên", "dang vien"}, FoldCase{"đường", "duong"},
                      FoldCase{"dương", "duong"}, FoldCase{"ăâêôơư", "aaeoou"},
                      FoldCase{"àáảãạ", "aaaaa"}, FoldCase{"ằắẳẵặ", "aaaaa"},
                      FoldCase{"ầấẩẫậ", "aaaaa"}, FoldCase{"èéẻẽẹềếểễệ", "eeeeeeeeee"},
                      FoldCase{"ìíỉĩị", "iiiii"}, FoldCase{"òóỏõọồốổỗộờớởỡợ", "ooooooooooooooo"},
                      FoldCase{"ùúủũụừứửữự", "uuuuuuuuuu"}, FoldCase{"ỳýỷỹỵ", "yyyyy"},
                      FoldCase{"đ", "d"}, FoldCase{"café", "cafe"}, FoldCase{"über", "uber"},
                      FoldCase{"5.850", "5.850"}, FoldCase{"kontumtv.vn", "kontumtv.vn"},
                      FoldCase{"ø", "o"}, FoldCase{"中文", "中文"}));

TEST(Folding, UpperCaseVietnameseLettersFoldToLowerBase) {
  EXPECT_EQ(fold_char(U'Đ'), U'd');
  EXPECT_EQ(fold_char(U'Ð'), U'd');  // U+00D0, typed for Đ
  EXPECT_EQ(fold_char(U'Ấ'), U'a');
}

TEST(Folding, CombiningMarksFoldToNothing) {
  EXPECT_EQ(fold_char(0x0301), 0u);
  EXPECT_EQ(fold_char(0x031B), 0u);
}

}  // namespace
}  // namespace vnsearch::text
