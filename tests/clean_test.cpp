// The clean-up stage: what is dropped, what becomes a space, and offsets.
#include "common/text/clean.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace vnsearch::text {
namespace {

std::string cleaned(const std::string& input) {
  CleanText c;
  clean_text(input, &c);
  std::string out;
  c.text().toUTF8String(out);
  return out;
}

struct CleanCase {
  const char* name;
  std::string input;
  std::string expected;
};

void PrintTo(const CleanCase& c, std::ostream* os) { *os << c.name; }

class CleanRules : public ::testing::TestWithParam<CleanCase> {};

TEST_P(CleanRules, Apply) { EXPECT_EQ(cleaned(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Text, CleanRules,
    ::testing::Values(CleanCase{"zero_width_space", "th\u200Bành", "thành"},
                      CleanCase{"zero_width_joiners", "a\u200Cb\u200Dc", "abc"},
                      CleanCase{"byte_order_mark", "\uFEFFXin", "Xin"},
                      CleanCase{"word_joiner", "x\u2060y", "xy"},
                      CleanCase{"soft_hyphen", "Việt\u00ADNam", "ViệtNam"},
                      CleanCase{"backspace",
                                "\x08"
                                "Dailymail",
                                "Dailymail"},
                      CleanCase{"other_controls",
                                "a\x01\x1f\x7f"
                                "b",
                                "ab"},
                      CleanCase{"c1_control", "a\u0085b", "ab"},
                      CleanCase{"tab_and_newlines_kept", "a\tb\nc\r\n", "a\tb\nc\r\n"},
                      CleanCase{"nbsp", "Hà\u00A0Nội", "Hà Nội"},
                      CleanCase{"narrow_nbsp", "5\u202F000", "5 000"},
                      CleanCase{"em_space", "a\u2003b", "a b"},
                      CleanCase{"ideographic_space", "a\u3000b", "a b"},
                      CleanCase{"underscore_joins_syllables", "đảng_viên", "đảng viên"},
                      CleanCase{"eth_as_d_with_stroke", "\u00D0ảng \u00F0i", "Đảng đi"},
                      CleanCase{"invalid_byte",
                                "a\xff"
                                "b",
                                "a\uFFFD"
                                "b"},
                      CleanCase{"truncated_sequence", "a\xe1\xba", "a\uFFFD\uFFFD"},
                      CleanCase{"overlong_slash",
                                "a\xc0\xaf"
                                "b",
                                "a\uFFFD\uFFFD"
                                "b"},
                      CleanCase{"surrogate_half", "a\xed\xa0\x80", "a\uFFFD\uFFFD\uFFFD"},
                      CleanCase{"emoji_kept", "a\U0001F600b", "a\U0001F600b"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CleanText, EveryUnitMapsBackToItsOriginalBytes) {
  const std::string input = "Đ\u200Bả\U0001F600x\xff";
  CleanText c;
  clean_text(input, &c);
  ASSERT_EQ(c.size(), static_cast<size_t>(c.text().length()));
  ASSERT_EQ(c.size(), 6u);
  // Đ: bytes [0,2); ZWSP dropped; ả: [5,8); emoji: [8,12) for both surrogates.
  EXPECT_EQ(c.begin(0), 0u);
  EXPECT_EQ(c.end(0), 2u);
  EXPECT_EQ(c.begin(1), 5u);
  EXPECT_EQ(c.end(1), 8u);
  EXPECT_EQ(c.begin(2), 8u);
  EXPECT_EQ(c.begin(3), 8u);
  EXPECT_EQ(c.end(3), 12u);
  EXPECT_EQ(c.begin(4), 12u);
  EXPECT_EQ(c.begin(5), 13u);  // U+FFFD for the bad byte
  EXPECT_EQ(c.begin(c.size()), input.size());
}

TEST(CleanText, EmptyInput) {
  CleanText c;
  clean_text("", &c);
  EXPECT_EQ(c.text().length(), 0);
  ASSERT_EQ(c.size(), 0u);
  EXPECT_EQ(c.begin(0), 0u);
}

}  // namespace
}  // namespace vnsearch::text
