// @brief Tests of reading one file into articles: decoding, dates, boilerplate,
// and the text, HTML and JSON formats.
#include <iconv.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/schema.h"
#include "indexer/article.h"
#include "indexer/boilerplate.h"
#include "indexer/date.h"
#include "indexer/decode.h"
#include "indexer/formats/html_format.h"
#include "indexer/formats/text_format.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

/// `utf8` converted to the iconv encoding `to`; fails the test if iconv cannot.
std::string encode(const char* to, const std::string& utf8) {
  iconv_t converter = iconv_open(to, "UTF-8");
  EXPECT_NE(converter, reinterpret_cast<iconv_t>(-1)) << to;
  if (converter == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_cursor = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(converter, &in, &in_left, &out_cursor, &out_left), static_cast<size_t>(-1))
      << to << ": cannot encode " << utf8;
  iconv(converter, nullptr, nullptr, &out_cursor, &out_left);
  iconv_close(converter);
  out.resize(out_cursor - out.data());
  return out;
}

/// Reads `content` as `path` and expects exactly one article.
Article read_one(const std::string& path, const std::string& content) {
  const ReadResult result = read_article_file(path, content);
  EXPECT_EQ(result.error, "") << path;
  EXPECT_EQ(result.articles.size(), 1u) << path;
  return result.articles.empty() ? Article{} : result.articles.front();
}

// Our own sentences, written for these tests.
const std::string kSentenceFestival =
    "Sáng nay, hàng nghìn người dân đã đổ về quảng trường để xem lễ hội đua thuyền truyền thống.";
const std::string kSentenceCoffee =
    "Nông dân huyện miền núi phấn khởi vì được mùa cà phê, giá bán tăng mạnh so với năm trước.";
const std::string kSentenceSchool =
    "Trường học mới khang trang giúp các em học sinh yên tâm đến lớp mỗi ngày.\n"
    "Thầy cô giáo cũng được hỗ trợ nhà ở công vụ.";
const std::string kSentenceHeadline = "ĐỘI TUYỂN BÓNG ĐÁ TỈNH GIÀNH HUY CHƯƠNG VÀNG";

// ---- Decoding --------------------------------------------------------------

struct LegacyCase {
  const char* iconv_name;
  const char* reported_name;
};

class LegacyEncodingTest : public ::testing::TestWithParam<LegacyCase> {};

TEST_P(LegacyEncodingTest, DecodesToTheSameNfcTextAndNamesTheEncoding) {
  for (const std::string& sentence :
       {kSentenceFestival, kSentenceCoffee, kSentenceSchool, kSentenceHeadline}) {
    const std::string bytes = encode(GetParam().iconv_name, sentence);
    ASSERT_NE(bytes, sentence);
    const DecodedText decoded = decode_to_utf8(bytes);
    EXPECT_EQ(decoded.error, "");
    EXPECT_EQ(decoded.encoding, GetParam().reported_name) << sentence;
    EXPECT_EQ(decoded.text, sentence);
    EXPECT_TRUE(decoded.warnings.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Vietnamese, LegacyEncodingTest,
                         ::testing::Values(LegacyCase{"CP1258", "CP1258"},
                                           LegacyCase{"TCVN5712-1", "TCVN3"},
                                           LegacyCase{"VISCII", "VISCII"}),
                         [](const auto& info) { return std::string(info.param.reported_name); });

TEST(DecodeTest, LegacyFileReadsThroughReadArticleFile) {
  const std::string text = "Lễ hội đua thuyền\n" + kSentenceFestival + "\n" + kSentenceCoffee;
  const ReadResult result = read_article_file("van-hoa/le-hoi.txt", encode("VISCII", text));
  EXPECT_EQ(result.encoding, "VISCII");
  ASSERT_EQ(result.articles.size(), 1u);
  EXPECT_EQ(result.articles[0].title, "Lễ hội đua thuyền");
  EXPECT_EQ(result.articles[0].body, kSentenceFestival + "\n" + kSentenceCoffee);
}

TEST(DecodeTest, ValidUtf8StaysAsIs) {
  const DecodedText decoded = decode_to_utf8(kSentenceCoffee);
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.text, kSentenceCoffee);
  EXPECT_TRUE(decoded.warnings.empty());
  EXPECT_EQ(decoded.error, "");
}

TEST(DecodeTest, DecomposedUtf8BecomesNfc) {
  // "Hoà Bình" with the grave as a combining mark, and "ệ" as e + dot + circumflex.
  const DecodedText decoded = decode_to_utf8("Hoa\xCC\x80 Bi\xCC\x80nh hie\xCC\xA3\xCC\x82n");
  EXPECT_EQ(decoded.text, "Hoà Bình hiện");
  EXPECT_EQ(decoded.encoding, "UTF-8");
}

struct BomCase {
  const char* name;
  std::string bytes;
  const char* encoding;
};

class BomTest : public ::testing::TestWithParam<BomCase> {};

TEST_P(BomTest, MarkIsRemovedAndTextDecoded) {
  const DecodedText decoded = decode_to_utf8(GetParam().bytes);
  EXPECT_EQ(decoded.error, "");
  EXPECT_EQ(decoded.encoding, GetParam().encoding);
  EXPECT_EQ(decoded.text, kSentenceFestival);
  EXPECT_TRUE(decoded.warnings.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Marks, BomTest,
    ::testing::Values(
        BomCase{"Utf8Bom", "\xEF\xBB\xBF" + kSentenceFestival, "UTF-8"},
        BomCase{"Utf16LeBom", "\xFF\xFE" + encode("UTF-16LE", kSentenceFestival), "UTF-16LE"},
        BomCase{"Utf16BeBom", "\xFE\xFF" + encode("UTF-16BE", kSentenceFestival), "UTF-16BE"},
        BomCase{"Utf16LeWithoutBom", encode("UTF-16LE", kSentenceFestival), "UTF-16LE"},
        BomCase{"Utf16BeWithoutBom", encode("UTF-16BE", kSentenceFestival), "UTF-16BE"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DecodeTest, Utf16UnpairedSurrogateIsReplacedWithAWarning) {
  const std::string bytes = "\xFF\xFE" + encode("UTF-16LE", "Kon Tum") + std::string("\x00\xD8", 2);
  const DecodedText decoded = decode_to_utf8(bytes);
  EXPECT_EQ(decoded.text, "Kon Tum\xEF\xBF\xBD");
  EXPECT_EQ(decoded.warnings, std::vector<std::string>{"1 invalid UTF-16 code unit replaced"});
}

TEST(DecodeTest, InvalidUtf8BytesAreReplacedAndCounted) {
  const std::string bytes = kSentenceFestival + " \xC3 x \xFF\xFE " + kSentenceCoffee;
  const DecodedText decoded = decode_to_utf8(bytes);
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.text,
            kSentenceFestival + " \xEF\xBF\xBD x \xEF\xBF\xBD\xEF\xBF\xBD " + kSentenceCoffee);
  EXPECT_EQ(decoded.warnings, std::vector<std::string>{"3 invalid bytes replaced"});
}

TEST(DecodeTest, UndecodableBytesWithoutVietnameseFallBackToReplacement) {
  const DecodedText decoded = decode_to_utf8("abc \x81\x8D\x8F def");
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.warnings, std::vector<std::string>{"3 invalid bytes replaced"});
}

TEST(DecodeTest, Utf8BomWithInvalidBytesStaysUtf8) {
  const DecodedText decoded = decode_to_utf8(
      "\xEF\xBB\xBF"
      "ch\xE0o");
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.text, "ch\xEF\xBF\xBDo");
  EXPECT_EQ(decoded.warnings, std::vector<std::string>{"1 invalid byte replaced"});
}

struct RejectedCase {
  const char* name;
  std::string bytes;
  const char* error;
};

class RejectedFileTest : public ::testing::TestWithParam<RejectedCase> {};

TEST_P(RejectedFileTest, IsAnError) {
  const ReadResult result = read_article_file("thoi-su/a.txt", GetParam().bytes);
  EXPECT_EQ(result.error, GetParam().error);
  EXPECT_TRUE(result.articles.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Files, RejectedFileTest,
    ::testing::Values(
        RejectedCase{"Empty", "", "empty file"},
        RejectedCase{"OnlyWhitespace", " \n\r\n\t \n", "empty file"},
        RejectedCase{"Utf8BomOnly", "\xEF\xBB\xBF", "empty file"},
        RejectedCase{"PngHeader", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10", 20),
                     "binary file"},
        RejectedCase{"NulInsideText", std::string("Kon Tum\0\0\0 tin tức\0", 21), "binary file"},
        RejectedCase{"ControlBytes", std::string(40, '\x01') + "abc" + std::string(40, '\x1B'),
                     "binary file"},
        RejectedCase{"Utf16WithNuls", "\xFF\xFE" + std::string(20, '\0'), "binary file"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DecodeTest, AFewControlBytesAreStillText) {
  const DecodedText decoded = decode_to_utf8(kSentenceCoffee + "\x0C" + kSentenceFestival);
  EXPECT_EQ(decoded.error, "");
  EXPECT_EQ(decoded.encoding, "UTF-8");
}

struct SyllableCase {
  const char* word;
  bool is_syllable;
};

class SyllableTest : public ::testing::TestWithParam<SyllableCase> {};

TEST_P(SyllableTest, Judged) {
  EXPECT_EQ(is_vietnamese_syllable(GetParam().word), GetParam().is_syllable) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Words, SyllableTest,
    ::testing::Values(SyllableCase{"người", true}, SyllableCase{"được", true},
                      SyllableCase{"khuya", true}, SyllableCase{"quốc", true},
                      SyllableCase{"giữa", true}, SyllableCase{"gì", true},
                      SyllableCase{"nghiêng", true}, SyllableCase{"Đảng", true},
                      SyllableCase{"THUYỀN", true}, SyllableCase{"thuở", true},
                      SyllableCase{"ăn", true}, SyllableCase{"Kon", true},
                      SyllableCase{"àc", false},    // stop coda with the falling tone
                      SyllableCase{"ă", false},     // ă needs a coda
                      SyllableCase{"tóàn", false},  // two tone marks
                      SyllableCase{"ĕm", false},    // e with a breve
                      SyllableCase{"ôê", false},    // no such nucleus
                      SyllableCase{"bwả", false},   // w is not Vietnamese
                      SyllableCase{"ñi", false},    // tilde on a consonant
                      SyllableCase{"Ã¡", false}));  // UTF-8 read as Windows-1252

TEST(DecodeTest, VietnameseScoreRewardsSyllablesAndPunishesMojibake) {
  EXPECT_GT(vietnamese_score(kSentenceCoffee), 10);
  EXPECT_EQ(vietnamese_score("plain ascii words only"), 0);
  EXPECT_LT(vietnamese_score("Ä‘Æ°á»£c Ä‘áº¿n \xEF\xBF\xBD"), 0);  // UTF-8 read as Windows-1252
}

// ---- Dates -----------------------------------------------------------------

struct DateCase {
  const char* text;
  const char* iso;
};

class DateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateTest, Normalized) {
  EXPECT_EQ(normalize_date(GetParam().text), GetParam().iso) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, DateTest,
    ::testing::Values(
        DateCase{"20201101", "2020-11-01"}, DateCase{"01/11/2020", "2020-11-01"},
        DateCase{"1/11/2020 14:05", "2020-11-01"}, DateCase{"01-11-2020", "2020-11-01"},
        DateCase{"01.11.2020", "2020-11-01"}, DateCase{"2020-11-01", "2020-11-01"},
        DateCase{"2020-11-01T08:30:00+07:00", "2020-11-01"}, DateCase{"2020/11/01", "2020-11-01"},
        DateCase{"Thứ hai, 02/11/2020 - 14:05", "2020-11-02"},
        DateCase{"ngày 1 tháng 11 năm 2020", "2020-11-01"},
        DateCase{"Ngày 15 tháng 8 năm 2019", "2019-08-15"},
        DateCase{"Cập nhật 14:05 ngày 02/11/2020", "2020-11-02"},
        DateCase{"Sun, 01 Nov 2020 08:30:00 +0700", "2020-11-01"},
        DateCase{"November 1, 2020", "2020-11-01"},
        DateCase{"1604217600", "2020-11-01"},     // Unix seconds (15:00 in Vietnam)
        DateCase{"1604217600000", "2020-11-01"},  // Unix milliseconds
        DateCase{"  2020-02-29 ", "2020-02-29"},  // leap day
        DateCase{"29/02/2021", ""},               // not a leap year
        DateCase{"31/04/2020", ""}, DateCase{"2020-13-01", ""}, DateCase{"00/11/2020", ""},
        DateCase{"01/11/1899", ""}, DateCase{"01/11/2101", ""}, DateCase{"123/11/2020", ""},
        DateCase{"hôm qua", ""}, DateCase{"", ""}, DateCase{"20201341", ""}));

TEST(DateTest, UnixSecondsUseVietnamTime) {
  EXPECT_EQ(date_from_unix_seconds(1604163600), "2020-11-01");  // 2020-10-31T17:00Z
  EXPECT_EQ(date_from_unix_seconds(1604163599), "2020-10-31");
}

// ---- Plain text ------------------------------------------------------------

TEST(TextFormatTest, HeaderLinesAreMetadata) {
  const Article article = read_one("thoi-su/2020/a.txt",
                                   "# doc_id = bai-42\n"
                                   "# title = Khánh thành cầu treo ở xã vùng sâu\n"
                                   "# date = 01/11/2020\n"
                                   "#url=https://www.baomau.vn/cau-treo.html\n"
                                   "# source = https://www.BaoMau.vn/\n"
                                   "# category = Xã hội\n"
                                   "# author = Lan Anh\n"
                                   "# lang = vi\n"
                                   "\n" +
                                       kSentenceFestival + "\n\n" + kSentenceCoffee + "\n");
  EXPECT_EQ(article.doc_id, "bai-42");
  EXPECT_EQ(article.title, "Khánh thành cầu treo ở xã vùng sâu");
  EXPECT_EQ(article.date, "2020-11-01");
  EXPECT_EQ(article.url, "https://www.baomau.vn/cau-treo.html");
  EXPECT_EQ(article.source, "baomau.vn");
  EXPECT_EQ(article.category, "Xã hội");
  EXPECT_EQ(article.author, "Lan Anh");
  EXPECT_EQ(article.body, kSentenceFestival + "\n" + kSentenceCoffee);
  EXPECT_EQ(article.id_suffix, "");
}

TEST(TextFormatTest, UnreadableHeaderDateIsAWarning) {
  const ReadResult result = read_article_file("a.txt", "# date = hôm qua\n\nMột đoạn văn.");
  ASSERT_EQ(result.articles.size(), 1u);
  EXPECT_EQ(result.articles[0].date, "");
  EXPECT_EQ(result.warnings, std::vector<std::string>{"date not understood: hôm qua"});
}

TEST(TextFormatTest, HashLineWithoutKeyIsBody) {
  const Article article = read_one("a.txt", "#KonTum tin nhanh\nMột đoạn văn.");
  EXPECT_EQ(article.title, "#KonTum tin nhanh");
  EXPECT_EQ(article.body, "Một đoạn văn.");
}

struct TitleCase {
  const char* name;
  std::string line;
  bool is_title;
};

class TitleHeuristicTest : public ::testing::TestWithParam<TitleCase> {};

TEST_P(TitleHeuristicTest, Judged) {
  EXPECT_EQ(looks_like_title(GetParam().line), GetParam().is_title) << GetParam().line;
}

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    Lines, TitleHeuristicTest,
    ::testing::Values(TitleCase{"Headline", "Khởi công dự án thủy điện trên sông Đăk Bla", true},
                      TitleCase{"Question", "Vì sao giá cà phê tăng mạnh?", true},
                      TitleCase{"Exclamation", "Cảnh giác với lừa đảo qua mạng!", true},
                      TitleCase{"SentencePeriod", "Hôm nay trời mưa to ở vùng núi.", false},
                      TitleCase{"Ellipsis", "Và rồi mọi chuyện đã thay đổi…", false},
                      TitleCase{"Colon", "Xem thêm:", false},
                      TitleCase{"Comma", "Sáng nay,", false},
                      TitleCase{"TooLong", repeat("dài ", 70), false},
                      TitleCase{"TooManyWords", repeat("a ", 31), false},
                      TitleCase{"ThirtyWords", repeat("a ", 30), true},
                      TitleCase{"SourceLead", "(kontumtv.vn) – Tin ngắn về thời tiết", false},
                      TitleCase{"NoLetters", "* * *", false}, TitleCase{"Empty", "", false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TextFormatTest, FirstLineIsTitleWhenItLooksLikeOne) {
  const Article article =
      read_one("a.txt", "\n\nĐua thuyền trên sông Đăk Bla\n\n" + kSentenceFestival + "\n");
  EXPECT_EQ(article.title, "Đua thuyền trên sông Đăk Bla");
  EXPECT_EQ(article.title_source, schema::kTitleFromFirstLine);
  EXPECT_EQ(article.body, kSentenceFestival);
}

TEST(TextFormatTest, FirstLineIsBodyWhenItIsASentence) {
  const Article article = read_one("a.txt", kSentenceFestival + "\n" + kSentenceCoffee);
  // Shown with a title derived from the first sentence (issue #14).
  EXPECT_EQ(article.title, kSentenceFestival.substr(0, kSentenceFestival.size() - 1));
  EXPECT_EQ(article.title_source, schema::kTitleFromSentence);
  EXPECT_EQ(article.body, kSentenceFestival + "\n" + kSentenceCoffee);
}

TEST(TextFormatTest, LoneTitleLikeLineIsBody) {
  const Article article = read_one("a.txt", "Đua thuyền trên sông Đăk Bla\n");
  EXPECT_EQ(article.title_source, schema::kTitleFromSentence);
  EXPECT_EQ(article.body, "Đua thuyền trên sông Đăk Bla");
}

TEST(TextFormatTest, CrLfAndWhitespaceAreCleaned) {
  const Article article =
      read_one("a.txt", "Tiêu đề  bài viết\r\n\r\n  Đoạn   một.\xC2\xA0\r\nĐoạn hai.\rĐoạn ba.");
  EXPECT_EQ(article.title, "Tiêu đề bài viết");
  EXPECT_EQ(article.body, "Đoạn một.\nĐoạn hai.\nĐoạn ba.");
}

struct LeadCase {
  const char* paragraph;
  const char* source;
};

class SourceLeadTest : public ::testing::TestWithParam<LeadCase> {};

TEST_P(SourceLeadTest, Found) {
  EXPECT_EQ(source_from_lead(GetParam().paragraph), GetParam().source);
}

INSTANTIATE_TEST_SUITE_P(
    Leads, SourceLeadTest,
    ::testing::Values(LeadCase{"(kontumtv.vn) – Sáng nay, tỉnh tổ chức hội nghị.", "kontumtv.vn"},
                      LeadCase{"(kontumtv.vn) - Sáng nay, tỉnh tổ chức hội nghị.", "kontumtv.vn"},
                      LeadCase{"(kontumtv.vn)– Sáng nay.", "kontumtv.vn"},
                      LeadCase{"KONTUMTV.VN – Sáng nay, tỉnh tổ chức hội nghị.", "kontumtv.vn"},
                      LeadCase{"KONTUMTV.VN - Sáng nay.", "kontumtv.vn"},
                      LeadCase{"(www.BaoMau.com.vn) — Chiều qua.", "baomau.com.vn"},
                      LeadCase{"(TTXVN) – Sáng nay.", ""},
                      LeadCase{"(kontumtv.vn) Sáng nay không có gạch.", ""},
                      LeadCase{"Sáng nay – tỉnh tổ chức hội nghị.", ""},
                      LeadCase{"2020 - năm của nhiều thay đổi.", ""}));

TEST(TextFormatTest, LeadGivesSourceAndStaysInBody) {
  const std::string body = "(kontumtv.vn) – " + kSentenceFestival;
  const Article article = read_one("a.txt", body + "\n" + kSentenceCoffee);
  EXPECT_EQ(article.source, "kontumtv.vn");
  EXPECT_EQ(article.body, body + "\n" + kSentenceCoffee);
}

TEST(TextFormatTest, SourceFromUrlHostWhenThereIsNoLead) {
  const Article article =
      read_one("a.txt", "# url = http://WWW.KontumTV.vn:8080/tin-tuc/a?id=1\n" + kSentenceCoffee);
  EXPECT_EQ(article.source, "kontumtv.vn");
}

TEST(TextFormatTest, SourceHeaderWinsOverLead) {
  const Article article =
      read_one("a.txt", "# source = baomau.vn\n(kontumtv.vn) – " + kSentenceCoffee);
  EXPECT_EQ(article.source, "baomau.vn");
}

struct CategoryCase {
  const char* path;
  const char* category;
};

class CategoryDefaultTest : public ::testing::TestWithParam<CategoryCase> {};

TEST_P(CategoryDefaultTest, IsTheFirstFolder) {
  EXPECT_EQ(read_one(GetParam().path, kSentenceCoffee).category, GetParam().category);
}

INSTANTIATE_TEST_SUITE_P(Paths, CategoryDefaultTest,
                         ::testing::Values(CategoryCase{"kinh-te/2020/11/a.txt", "kinh-te"},
                                           CategoryCase{"Thể thao/a.txt", "Thể thao"},
                                           CategoryCase{"a.txt", ""}));

TEST(TextFormatTest, TypicalScrapedFile) {
  // Shaped like the scraped seed files: lead, paragraphs, "./.", byline, comment form.
  const std::string first = "(kontumtv.vn) – " + kSentenceFestival;
  const std::string last = "Lễ hội sẽ kéo dài đến hết tuần sau./.";
  const std::string file = first + "\n\n" + kSentenceCoffee + "\n\n" + last +
                           "\n\nMinh Khang\n\nTrả lời\n\nEmail của bạn sẽ không được hiển thị "
                           "công khai. Các trường bắt buộc được đánh dấu *";
  const Article article = read_one("van-hoa/a.txt", file);
  EXPECT_EQ(article.title, kSentenceFestival.substr(0, kSentenceFestival.size() - 1));
  EXPECT_EQ(article.title_source, schema::kTitleFromSentence);
  EXPECT_EQ(article.body, first + "\n" + kSentenceCoffee + "\n" + last);
  EXPECT_EQ(article.author, "Minh Khang");
  EXPECT_EQ(article.source, "kontumtv.vn");
  EXPECT_EQ(article.category, "van-hoa");
}

// ---- Boilerplate -------------------------------------------------------------

struct RuleCase {
  const char* rule;
  const char* line;
};

/// At least one line per rule of the table; RuleTableTest checks coverage.
const std::vector<RuleCase>& rule_cases() {
  static const std::vector<RuleCase> kCases = {
      {"comment_reply", "Trả lời"},
      {"comment_reply", "Hủy trả lời"},
      {"comment_email_notice", "Email của bạn sẽ không được hiển thị công khai."},
      {"comment_email_notice",
       "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *"},
      {"comment_required_fields", "Các trường bắt buộc được đánh dấu *"},
      {"comment_heading", "Bình luận"},
      {"comment_heading", "Bình luận (12)"},
      {"comment_heading", "BÌNH LUẬN"},
      {"comment_leave", "Để lại một bình luận"},
      {"comment_leave", "Gửi bình luận"},
      {"comment_form_field", "Tên *"},
      {"comment_form_field", "Email *"},
      {"comment_save_details",
       "Lưu tên của tôi, email, và trang web trong trình duyệt này cho lần bình luận kế tiếp."},
      {"share_buttons", "Chia sẻ"},
      {"share_buttons", "Chia sẻ:"},
      {"page_tools", "In bài viết"},
      {"tags", "Từ khóa: lễ hội, đua thuyền"},
      {"tags", "Tags: kon tum"},
      {"related_articles", "Tin liên quan"},
      {"related_articles", "TIN LIÊN QUAN:"},
      {"related_articles", "Tin cùng chuyên mục"},
      {"see_also", "Xem thêm:"},
      {"see_also", "Xem thêm: Lễ hội đua thuyền năm ngoái"},
      {"credit_theo", "Theo Báo Gia Lai"},
      {"credit_source", "Nguồn: TTXVN"},
      {"credit_compiled", "(Tổng hợp)"},
      {"byline_name", "Minh Khang"},
      {"byline_name", "Nguyễn Thị Thu Hà"},
      {"byline_name", "TRẦN VĂN BÌNH"},
      {"byline_name", "Minh Khang - Thu Hà"},
      {"leading_dateline", "Thứ Năm, 20/06/2019, 17:05"},
      {"leading_dateline", "28/05/2023 09:00 GMT+7"},
      {"leading_dateline", "Chủ nhật, 01/11/2020 06:45 (GMT+7)"},
  };
  return kCases;
}

TEST(RuleTableTest, EveryRuleHasACaseAndEveryCaseMatchesItsRule) {
  for (const BoilerplateRule& rule : boilerplate_rules()) {
    bool tested = false;
    for (const RuleCase& rule_case : rule_cases()) tested = tested || rule.name == rule_case.rule;
    EXPECT_TRUE(tested) << "no test line for rule " << rule.name;
  }
  for (const RuleCase& rule_case : rule_cases()) {
    const BoilerplateRule* rule = find_boilerplate_rule(rule_case.line);
    ASSERT_NE(rule, nullptr) << rule_case.line;
    EXPECT_EQ(rule->name, rule_case.rule) << rule_case.line;
  }
}

TEST(RuleTableTest, OrdinaryLinesMatchNoRule) {
  for (const std::string& line :
       {kSentenceFestival, std::string("Theo kế hoạch, công trình sẽ xong vào tháng 12"),
        std::string("Bình luận viên nổi tiếng"), std::string("Trả lời phỏng vấn báo chí"),
        std::string("Minh"), std::string("Ông Nguyễn Văn An cho biết thêm"), std::string("Tagalog"),
        std::string("Ngày 30/10/2020, tỉnh khai mạc hội chợ."),
        std::string("Hội chợ mở cửa từ 30/10/2020 đến hết ngày 15/11/2020 tại sân vận động")}) {
    EXPECT_EQ(find_boilerplate_rule(line), nullptr) << line;
  }
}

struct RemovalCase {
  const char* name;
  std::vector<std::string> paragraphs;
  std::string known_author;
  std::vector<std::string> expected_paragraphs;
  std::string expected_author;
  std::vector<std::string_view> expected_rules;
  std::string known_date = "";
  std::string expected_date = "";
};

class BoilerplateRemovalTest : public ::testing::TestWithParam<RemovalCase> {};

TEST_P(BoilerplateRemovalTest, Removes) {
  std::vector<std::string> paragraphs = GetParam().paragraphs;
  std::string author = GetParam().known_author;
  std::string date = GetParam().known_date;
  const std::vector<std::string_view> fired = remove_boilerplate(&paragraphs, &author, &date);
  EXPECT_EQ(paragraphs, GetParam().expected_paragraphs);
  EXPECT_EQ(author, GetParam().expected_author);
  EXPECT_EQ(date, GetParam().expected_date);
  EXPECT_EQ(fired, GetParam().expected_rules);
}

const std::string kP1 = kSentenceFestival;
const std::string kP2 = kSentenceCoffee;

INSTANTIATE_TEST_SUITE_P(
    Bodies, BoilerplateRemovalTest,
    ::testing::Values(
        RemovalCase{
            "CommentFormTail",
            {kP1, kP2, "Trả lời", "Email của bạn sẽ không được hiển thị công khai.",
             "Các trường bắt buộc được đánh dấu *", "Bình luận *", "Tên *", "Email *", "Trang web",
             "Gửi bình luận"},
            "",
            {kP1, kP2},
            "",
            {"comment_reply", "comment_email_notice", "comment_required_fields", "comment_heading",
             "comment_form_field", "comment_form_field", "comment_form_field", "comment_leave"}},
        RemovalCase{"ShareAndComments",
                    {kP1, "Chia sẻ", "Để lại một bình luận"},
                    "",
                    {kP1},
                    "",
                    {"share_buttons", "comment_leave"}},
        RemovalCase{"TailMarkerFollowedByTextStays",
                    {kP1, "Chia sẻ", kP2},
                    "",
                    {kP1, "Chia sẻ", kP2},
                    "",
                    {}},
        RemovalCase{"RelatedArticleLinks",
                    {kP1, kP2, "Tin liên quan", "Khởi công cầu treo ở xã vùng sâu",
                     "Giá cà phê tăng mạnh trong tháng Mười"},
                    "",
                    {kP1, kP2},
                    "",
                    {"related_articles"}},
        RemovalCase{"SeeAlsoInline",
                    {kP1, "Xem thêm: Giá cà phê tăng mạnh", "Khởi công cầu treo"},
                    "",
                    {kP1},
                    "",
                    {"see_also"}},
        RemovalCase{"LinksWithoutHeadingStay",
                    {kP1, "Chia sẻ", "Khởi công cầu treo ở xã vùng sâu"},
                    "",
                    {kP1, "Chia sẻ", "Khởi công cầu treo ở xã vùng sâu"},
                    "",
                    {}},
        RemovalCase{"ByLineBecomesAuthorAndIsRemoved",
                    {kP1, kP2, "Minh Khang", "Trả lời"},
                    "",
                    {kP1, kP2},
                    "Minh Khang",
                    {"comment_reply", "byline_name"}},
        RemovalCase{"KnownAuthorKeepsOtherName",
                    {kP1, "Minh Khang"},
                    "Lan Anh",
                    {kP1, "Minh Khang"},
                    "Lan Anh",
                    {}},
        RemovalCase{"KnownAuthorRemovesItsOwnName",
                    {kP1, "Minh Khang"},
                    "minh khang",
                    {kP1},
                    "Minh Khang",
                    {"byline_name"}},
        RemovalCase{"CreditTheoStaysInBody",
                    {kP1, "Theo Báo Gia Lai"},
                    "",
                    {kP1, "Theo Báo Gia Lai"},
                    "Báo Gia Lai",
                    {"credit_theo"}},
        RemovalCase{"CreditCompiledStaysInBody",
                    {kP1, "(Tổng hợp)"},
                    "",
                    {kP1, "(Tổng hợp)"},
                    "Tổng hợp",
                    {"credit_compiled"}},
        RemovalCase{"CreditWithKnownAuthorChangesNothing",
                    {kP1, "Nguồn: TTXVN"},
                    "Lan Anh",
                    {kP1, "Nguồn: TTXVN"},
                    "Lan Anh",
                    {}},
        RemovalCase{"NameAloneIsNotAByline", {"Minh Khang"}, "", {"Minh Khang"}, "", {}},
        RemovalCase{"LeadingDatelineGivesTheDate",
                    {"Thứ hai, 02/11/2020 - 14:05", kP1},
                    "",
                    {kP1},
                    "",
                    {"leading_dateline"},
                    "",
                    "2020-11-02"},
        RemovalCase{"LeadingDatelineKeepsAKnownDate",
                    {"02/11/2020 14:05", kP1},
                    "",
                    {kP1},
                    "",
                    {"leading_dateline"},
                    "2020-11-01",
                    "2020-11-01"},
        RemovalCase{"DatelineAloneStays", {"02/11/2020 14:05"}, "", {"02/11/2020 14:05"}, "", {}},
        RemovalCase{"DatelineOnlyAtTheStart",
                    {kP1, "02/11/2020 14:05", kP2},
                    "",
                    {kP1, "02/11/2020 14:05", kP2},
                    "",
                    {}},
        RemovalCase{"SentenceEndingIsNotAByline",
                    {kP1, "Theo kế hoạch, công trình sẽ xong vào tháng 12"},
                    "",
                    {kP1, "Theo kế hoạch, công trình sẽ xong vào tháng 12"},
                    "",
                    {}},
        RemovalCase{"RelatedLinksBetweenSentences",
                    {"Vụ thử diễn ra sáng cùng ngày.  [Triều Tiên tuyên bố thử thành công tên "
                     "lửa liên lục địa]  Bình Nhưỡng sau đó lên tiếng.",
                     "[Mỹ xem xét chuyển sứ quán tới Jerusalem]", kP1,
                     "Ông nói: “Chúng tôi sẽ đáp trả.” [Báo chí Nhật nói gì về chuyến thăm?]"},
                    "",
                    {"Vụ thử diễn ra sáng cùng ngày.  Bình Nhưỡng sau đó lên tiếng.", kP1,
                     "Ông nói: “Chúng tôi sẽ đáp trả.”"},
                    "",
                    {"related link"}},
        RemovalCase{"BracketsInsideASentenceStay",
                    {"Tên chùa Bàng Long [Bàng là Hồng Bàng, Long là Lạc Long Quân] có ý nghĩa.",
                     "Giá vàng tăng. [USD tăng] Giá dầu giảm.",
                     "Giá vàng tăng. [tăng mạnh trong tuần qua] Giá dầu giảm.",
                     "Theo ông Bình [Chủ tịch Hiệp hội Lúa gạo] Việt Nam sẽ bán thêm gạo."},
                    "",
                    {"Tên chùa Bàng Long [Bàng là Hồng Bàng, Long là Lạc Long Quân] có ý nghĩa.",
                     "Giá vàng tăng. [USD tăng] Giá dầu giảm.",
                     "Giá vàng tăng. [tăng mạnh trong tuần qua] Giá dầu giảm.",
                     "Theo ông Bình [Chủ tịch Hiệp hội Lúa gạo] Việt Nam sẽ bán thêm gạo."},
                    "",
                    {}}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- HTML ------------------------------------------------------------------

const char kHtmlPage[] = R"(<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Đua thuyền trên sông | Báo Mẫu</title>
<meta property="og:title" content="Lễ hội đua thuyền truyền thống">
<meta property="og:site_name" content="Báo Mẫu">
<meta property="article:published_time" content="2020-11-01T08:30:00+07:00">
<meta name="author" content="Lan Anh">
<link rel="canonical" href="https://www.baomau.vn/le-hoi-dua-thuyen.html">
<style>.x { color: red }</style>
<script>var tracking = "không phải nội dung";</script>
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/the-thao">Thể thao</a></nav>
<header><h1>Báo Mẫu</h1></header>
<aside>Quảng cáo bên lề</aside>
<article>
  <header><h1>Lễ hội đua thuyền truyền thống</h1><time datetime="2020-11-02">02/11/2020</time></header>
  <p>Sáng nay, hàng nghìn người dân &amp; du khách đã đổ về&nbsp;bờ sông.</p>
  <!-- a comment that is not text -->
  <p>Đội thuyền xã Đăk Cấm về nhất<br>sau ba vòng đua.</p>
  <h2>Những con số</h2>
  <ul><li>Hai mươi đội</li><li>Ba trăm tay chèo</li></ul>
  <table><tr><td>Giải nhất</td><td>Đăk Cấm</td></tr></table>
  <script>document.write("quảng cáo")</script>
  <noscript>Bật JavaScript</noscript>
  <form><input name="q"><button>Tìm</button></form>
  <iframe src="https://video.example/1"></iframe>
  <svg><text>biểu đồ</text></svg>
  <p>Ng&#7885;c Ch&iacute; ghi nh&#x1EAD;n.</p>
</article>
<footer>Bản quyền thuộc về Báo Mẫu</footer>
</body></html>)";

TEST(HtmlFormatTest, FullPage) {
  const Article article = read_one("van-hoa/a.html", kHtmlPage);
  EXPECT_EQ(article.title, "Lễ hội đua thuyền truyền thống");
  EXPECT_EQ(article.date, "2020-11-01");
  EXPECT_EQ(article.author, "Lan Anh");
  EXPECT_EQ(article.url, "https://www.baomau.vn/le-hoi-dua-thuyen.html");
  EXPECT_EQ(article.source, "baomau.vn");
  EXPECT_EQ(article.category, "van-hoa");
  EXPECT_EQ(article.body,
            "Sáng nay, hàng nghìn người dân & du khách đã đổ về bờ sông.\n"
            "Đội thuyền xã Đăk Cấm về nhất\n"
            "sau ba vòng đua.\n"
            "Những con số\n"
            "Hai mươi đội\n"
            "Ba trăm tay chèo\n"
            "Giải nhất Đăk Cấm\n"
            "Ngọc Chí ghi nhận.");
}

TEST(HtmlFormatTest, BodyWithoutArticleElement) {
  const Article article =
      read_one("a.htm",
               "<html><body><nav>Menu</nav><div>Đoạn một.</div><div>Đoạn <b>hai</b>.</div>"
               "<footer>Chân trang</footer></body></html>");
  EXPECT_EQ(article.body, "Đoạn một.\nĐoạn hai.");
}

TEST(HtmlFormatTest, LongestArticleWins) {
  const Article article =
      read_one("a.html",
               "<body><article><p>Tin ngắn bên lề.</p></article>"
               "<article><p>" +
                   kSentenceFestival + "</p><p>" + kSentenceCoffee + "</p></article></body>");
  EXPECT_EQ(article.body, kSentenceFestival + "\n" + kSentenceCoffee);
}

struct HtmlTitleCase {
  const char* name;
  std::string head;
  std::string body;
  const char* title;
};

class HtmlTitleTest : public ::testing::TestWithParam<HtmlTitleCase> {};

TEST_P(HtmlTitleTest, Chosen) {
  const Article article =
      read_one("a.html", "<html><head>" + GetParam().head + "</head><body>" + GetParam().body +
                             "<p>Đoạn văn của bài.</p></body></html>");
  EXPECT_EQ(article.title, GetParam().title);
}

INSTANTIATE_TEST_SUITE_P(
    Sources, HtmlTitleTest,
    ::testing::Values(
        HtmlTitleCase{"OgTitle",
                      R"(<meta property="og:title" content="Tiêu đề OG"><title>Khác</title>)", "",
                      "Tiêu đề OG"},
        HtmlTitleCase{"OgTitleWithSiteName",
                      R"(<meta property="og:title" content="Tiêu đề OG - Báo Mẫu">)"
                      R"(<meta property="og:site_name" content="Báo Mẫu">)",
                      "", "Tiêu đề OG"},
        HtmlTitleCase{"TitlePipeSite", "<title>Giá cà phê tăng mạnh | Báo Mẫu</title>", "",
                      "Giá cà phê tăng mạnh"},
        HtmlTitleCase{"TitleDashSite", "<title>Giá cà phê tăng mạnh - Báo Mẫu Online</title>", "",
                      "Giá cà phê tăng mạnh"},
        HtmlTitleCase{"TitleLongSuffixKept",
                      "<title>Kon Tum - Ba mươi năm xây dựng và phát triển tỉnh nhà</title>", "",
                      "Kon Tum - Ba mươi năm xây dựng và phát triển tỉnh nhà"},
        HtmlTitleCase{"FirstH1", "", "<h1>Tiêu đề <em>H1</em></h1><h1>Thứ hai</h1>", "Tiêu đề H1"}),
    [](const auto& info) { return std::string(info.param.name); });

struct HtmlMetaCase {
  const char* name;
  std::string markup;
  const char* date;
  const char* author;
  const char* url;
  const char* source;
};

class HtmlMetadataTest : public ::testing::TestWithParam<HtmlMetaCase> {};

TEST_P(HtmlMetadataTest, Found) {
  const Article article =
      read_one("a.html", "<html><head><title>Tiêu đề</title></head><body>" + GetParam().markup +
                             "<p>Đoạn văn của bài.</p></body></html>");
  EXPECT_EQ(article.date, GetParam().date);
  EXPECT_EQ(article.author, GetParam().author);
  EXPECT_EQ(article.url, GetParam().url);
  EXPECT_EQ(article.source, GetParam().source);
}

INSTANTIATE_TEST_SUITE_P(
    Tags, HtmlMetadataTest,
    ::testing::Values(
        HtmlMetaCase{"TimeDatetime", R"(<time datetime="2020-11-02T10:00">hôm qua</time>)",
                     "2020-11-02", "", "", ""},
        HtmlMetaCase{"MetaDate", R"(<meta name="date" content="03/11/2020">)", "2020-11-03", "", "",
                     ""},
        HtmlMetaCase{"MetaPubdate", R"(<meta name="pubdate" content="20201104">)", "2020-11-04", "",
                     "", ""},
        HtmlMetaCase{"MetaPublishDate", R"(<meta name="PublishDate" content="2020/11/05">)",
                     "2020-11-05", "", "", ""},
        HtmlMetaCase{"DublinCore", R"(<meta name="DC.date.issued" content="2020-11-06">)",
                     "2020-11-06", "", "", ""},
        HtmlMetaCase{"ItempropContent",
                     R"(<meta itemprop="datePublished" content="2020-11-07T07:00:00Z">)",
                     "2020-11-07", "", "", ""},
        HtmlMetaCase{"ItempropText",
                     R"(<span itemprop="datePublished">Thứ hai, 09/11/2020 - 14:05</span>)",
                     "2020-11-09", "", "", ""},
        HtmlMetaCase{"PublishedTimeBeatsTime",
                     R"(<meta property="article:published_time" content="2020-11-10">)"
                     R"(<time datetime="2020-11-11"></time>)",
                     "2020-11-10", "", "", ""},
        HtmlMetaCase{"UnreadableCandidateSkipped",
                     R"(<time datetime="sắp tới"></time><meta name="date" content="12/11/2020">)",
                     "2020-11-12", "", "", ""},
        HtmlMetaCase{"ArticleAuthorName", R"(<meta property="article:author" content="Thu Hà">)",
                     "", "Thu Hà", "", ""},
        HtmlMetaCase{"ArticleAuthorUrlIgnored",
                     R"(<meta property="article:author" content="https://facebook.com/baomau">)",
                     "", "", "", ""},
        HtmlMetaCase{"OgUrl", R"(<meta property="og:url" content="https://m.baomau.vn/a">)", "", "",
                     "https://m.baomau.vn/a", "m.baomau.vn"},
        HtmlMetaCase{"CanonicalBeatsOgUrl",
                     R"(<meta property="og:url" content="https://m.baomau.vn/a">)"
                     R"(<link rel="canonical" href="https://baomau.vn/a">)",
                     "", "", "https://baomau.vn/a", "baomau.vn"},
        HtmlMetaCase{"SiteNameHost",
                     R"(<meta property="og:site_name" content="KontumTV.vn">)"
                     R"(<link rel="canonical" href="https://baomau.vn/a">)",
                     "", "", "https://baomau.vn/a", "kontumtv.vn"}),
    [](const auto& info) { return std::string(info.param.name); });

struct HtmlSourceCase {
  const char* name;
  std::string head;
  std::string body;
  const char* source;
};

class HtmlSourceTest : public ::testing::TestWithParam<HtmlSourceCase> {};

TEST_P(HtmlSourceTest, Chosen) {
  const Article article =
      read_one("a.html", "<html><head>" + GetParam().head + "</head><body>" + GetParam().body +
                             "<p>Đoạn văn của bài.</p></body></html>");
  EXPECT_EQ(article.source, GetParam().source);
}

INSTANTIATE_TEST_SUITE_P(
    Fallbacks, HtmlSourceTest,
    ::testing::Values(
        HtmlSourceCase{"UrlHost", R"(<meta property="og:url" content="https://baomau.vn/a">)", "",
                       "baomau.vn"},
        HtmlSourceCase{"LeadInText", "<title>Tiêu đề | Báo Mẫu</title>",
                       "<p>(baomau.vn) – Sáng nay có tin.</p>", "baomau.vn"},
        HtmlSourceCase{"SiteNameAsName", R"(<meta property="og:site_name" content="Báo Mẫu">)", "",
                       "Báo Mẫu"},
        HtmlSourceCase{"TitleSuffix", "<title>Lúa chín ở Tam Cốc | Báo Mẫu</title>", "", "Báo Mẫu"},
        HtmlSourceCase{"Nothing", "<title>Lúa chín ở Tam Cốc</title>", "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HtmlFormatTest, DatelineAndBylineAreNotBody) {
  const Article article = read_one(
      "a.html", "<article><h1>Tiêu đề</h1><div class='date'>Thứ Năm, 20/06/2019, 17:05</div><p>" +
                    kSentenceFestival + "</p><p align='right'><b>Minh Khang</b></p></article>");
  EXPECT_EQ(article.title, "Tiêu đề");
  EXPECT_EQ(article.body, kSentenceFestival);
  EXPECT_EQ(article.date, "2019-06-20");
  EXPECT_EQ(article.author, "Minh Khang");
}

TEST(HtmlFormatTest, SiteSuffixStripping) {
  EXPECT_EQ(strip_site_suffix("Giá lúa tăng – Báo Mẫu", ""), "Giá lúa tăng");
  EXPECT_EQ(strip_site_suffix("A - Một tên trang rất dài hơn cả tiêu đề", ""),
            "A - Một tên trang rất dài hơn cả tiêu đề");
  EXPECT_EQ(strip_site_suffix("A - Báo Mẫu", "Báo Mẫu"), "A");
  EXPECT_EQ(strip_site_suffix("Không có dấu phân cách", ""), "Không có dấu phân cách");
}

TEST(HtmlFormatTest, DeepNestingDoesNotOverflow) {
  const std::string html = repeat("<div>", 5000) + "Đáy sâu" + repeat("</div>", 5000);
  EXPECT_EQ(html_to_text(html), "Đáy sâu");
}

TEST(HtmlFormatTest, NestingDepthCountsElementsLeftOpen) {
  EXPECT_EQ(html_nesting_depth("<div><span>a</span></div><div>b</div>", 100), 2u);
  EXPECT_EQ(html_nesting_depth(repeat("<div>x ", 50), 1000), 50u);
  EXPECT_EQ(html_nesting_depth(repeat("<DIV class=a>x ", 50), 1000), 50u);
  // Stops counting at the limit: a huge file costs no more than it must.
  EXPECT_EQ(html_nesting_depth(repeat("<div>x ", 500), 100), 100u);
  // Void elements and those whose end is implied never pile up.
  EXPECT_EQ(html_nesting_depth(repeat("<p>x <br><img src=a><li>y <meta>", 500), 1000), 0u);
  EXPECT_EQ(html_nesting_depth("a < b, 3<4, </>", 100), 0u);
}

// The parser's time and memory grow with the square of the depth: 20,000
// unclosed <div>s took 3.2 GB. The file is refused before parsing, with a
// reason, and must not take the run down.
TEST(HtmlFormatTest, UnclosedTagsByTheThousandAreRefusedWithAReason) {
  const ReadResult result = read_article_file("tin/a.html", repeat("<div>x ", 20000));
  EXPECT_TRUE(result.articles.empty());
  EXPECT_NE(result.error.find("nested more than 8192 deep"), std::string::npos) << result.error;
  // JSON records with such markup in a field are refused the same way.
  const ReadResult json = read_article_file(
      "tin/a.json", "{\"title\": \"T\", \"content\": \"" + repeat("<div>x ", 20000) + "\"}");
  EXPECT_TRUE(json.articles.empty());
  EXPECT_NE(json.error.find("nested more than"), std::string::npos) << json.error;
}

// ---- JSON ------------------------------------------------------------------

TEST(JsonFormatTest, OneObject) {
  const Article article = read_one("kinh-te/a.json", R"({
    "id": 7, "title": "Giá cà phê tăng", "content": "Đoạn một.\nĐoạn hai.",
    "url": "https://www.baomau.vn/ca-phe", "date": "2020-11-01",
    "category": "Nông nghiệp", "author": "Lan Anh"})");
  EXPECT_EQ(article.title, "Giá cà phê tăng");
  EXPECT_EQ(article.body, "Đoạn một.\nĐoạn hai.");
  EXPECT_EQ(article.url, "https://www.baomau.vn/ca-phe");
  EXPECT_EQ(article.source, "baomau.vn");
  EXPECT_EQ(article.date, "2020-11-01");
  EXPECT_EQ(article.category, "Nông nghiệp");
  EXPECT_EQ(article.author, "Lan Anh");
  EXPECT_EQ(article.doc_id, "7");
  EXPECT_EQ(article.id_suffix, "");
}

struct JsonFieldCase {
  const char* name;
  std::string fields;  // members added to {"title": "T", "content": "B"}-less object
  Article expected;    // only the fields named below are compared
};

Article expect_fields(std::string title, std::string body, std::string url, std::string date,
                      std::string source, std::string category, std::string author) {
  Article article;
  article.title = std::move(title);
  article.body = std::move(body);
  article.url = std::move(url);
  article.date = std::move(date);
  article.source = std::move(source);
  article.category = std::move(category);
  article.author = std::move(author);
  return article;
}

class JsonFieldTest : public ::testing::TestWithParam<JsonFieldCase> {};

TEST_P(JsonFieldTest, Read) {
  const Article article = read_one("a.json", "{" + GetParam().fields + "}");
  const Article& expected = GetParam().expected;
  // A title derived from the body is not one the JSON gave.
  EXPECT_EQ(schema::is_derived_title(article.title_source) ? "" : article.title, expected.title);
  EXPECT_EQ(article.body, expected.body);
  EXPECT_EQ(article.url, expected.url);
  EXPECT_EQ(article.date, expected.date);
  EXPECT_EQ(article.source, expected.source);
  EXPECT_EQ(article.category, expected.category);
  EXPECT_EQ(article.author, expected.author);
}

INSTANTIATE_TEST_SUITE_P(
    Names, JsonFieldTest,
    ::testing::Values(
        JsonFieldCase{"Headline", R"("headline": "H", "body": "B")",
                      expect_fields("H", "B", "", "", "", "", "")},
        JsonFieldCase{"NameAndText", R"("name": "N", "text": "B")",
                      expect_fields("N", "B", "", "", "", "", "")},
        JsonFieldCase{"Article", R"("title": "T", "article": "B")",
                      expect_fields("T", "B", "", "", "", "", "")},
        JsonFieldCase{"Description", R"("title": "T", "description": "B")",
                      expect_fields("T", "B", "", "", "", "", "")},
        JsonFieldCase{"FirstPresentWins", R"("text": "second", "content": "first", "title": "")",
                      expect_fields("", "first", "", "", "", "", "")},
        JsonFieldCase{"EmptyFieldSkipped", R"("title": " ", "headline": "H", "content": "B")",
                      expect_fields("H", "B", "", "", "", "", "")},
        JsonFieldCase{"Link", R"("title": "T", "link": "https://baomau.vn/x")",
                      expect_fields("T", "", "https://baomau.vn/x", "", "baomau.vn", "", "")},
        JsonFieldCase{"Published", R"("title": "T", "published": "01/11/2020")",
                      expect_fields("T", "", "", "2020-11-01", "", "", "")},
        JsonFieldCase{"PublishedAt", R"("title": "T", "published_at": "2020-11-02T01:00:00Z")",
                      expect_fields("T", "", "", "2020-11-02", "", "", "")},
        JsonFieldCase{"PublishDate", R"("title": "T", "publish_date": 20201103)",
                      expect_fields("T", "", "", "2020-11-03", "", "", "")},
        JsonFieldCase{"TimeUnixSeconds", R"("title": "T", "time": 1604217600)",
                      expect_fields("T", "", "", "2020-11-01", "", "", "")},
        JsonFieldCase{"CreatedAt", R"("title": "T", "created_at": "ngày 4 tháng 11 năm 2020")",
                      expect_fields("T", "", "", "2020-11-04", "", "", "")},
        JsonFieldCase{"SiteName", R"("title": "T", "site": "Báo Mẫu")",
                      expect_fields("T", "", "", "", "Báo Mẫu", "", "")},
        JsonFieldCase{"PublisherUrl", R"("title": "T", "publisher": "https://www.BaoMau.vn")",
                      expect_fields("T", "", "", "", "baomau.vn", "", "")},
        JsonFieldCase{"Domain", R"("title": "T", "domain": "www.baomau.vn")",
                      expect_fields("T", "", "", "", "baomau.vn", "", "")},
        JsonFieldCase{"Section", R"("title": "T", "section": "Thể thao")",
                      expect_fields("T", "", "", "", "", "Thể thao", "")},
        JsonFieldCase{"Topic", R"("title": "T", "topic": ["Giáo dục", "Xã hội"])",
                      expect_fields("T", "", "", "", "", "Giáo dục", "")},
        JsonFieldCase{"AuthorsFirst", R"("title": "T", "authors": ["Lan Anh", "Thu Hà"])",
                      expect_fields("T", "", "", "", "", "", "Lan Anh")},
        JsonFieldCase{"AuthorObject", R"("title": "T", "author": {"name": "Thu Hà"})",
                      expect_fields("T", "", "", "", "", "", "Thu Hà")},
        JsonFieldCase{"Byline", R"("title": "T", "byline": "Minh Khang")",
                      expect_fields("T", "", "", "", "", "", "Minh Khang")},
        JsonFieldCase{"HtmlContent", R"("title": "T &amp; U", "content": "<p>Một</p><p>Hai</p>")",
                      expect_fields("T & U", "Một\nHai", "", "", "", "", "")},
        JsonFieldCase{"ContentParagraphArray", R"("title": "T", "content": ["Một", "", "Hai"])",
                      expect_fields("T", "Một\nHai", "", "", "", "", "")},
        JsonFieldCase{"WordPressRendered",
                      R"("title": {"rendered": "T"}, "content": {"rendered": "<p>B</p>"})",
                      expect_fields("T", "B", "", "", "", "", "")},
        JsonFieldCase{"UpperCaseKeys", R"("Title": "T", "Content": "B")",
                      expect_fields("T", "B", "", "", "", "", "")},
        JsonFieldCase{"DecomposedEscapes", R"("title": "Hoa\u0300 Bi\u0300nh")",
                      expect_fields("Hoà Bình", "", "", "", "", "", "")}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(JsonFormatTest, ArrayOfObjects) {
  const ReadResult result = read_article_file(
      "a.json", R"([{"title": "Một"}, 5, {"url": "x"}, {"title": "Bốn", "content": "B"}])");
  EXPECT_EQ(result.error, "");
  ASSERT_EQ(result.articles.size(), 2u);
  EXPECT_EQ(result.articles[0].title, "Một");
  EXPECT_EQ(result.articles[0].id_suffix, "#1");
  EXPECT_EQ(result.articles[1].title, "Bốn");
  EXPECT_EQ(result.articles[1].id_suffix, "#4");
  EXPECT_EQ(result.warnings, (std::vector<std::string>{"element 2: not an object, skipped",
                                                       "element 3: no title or text, skipped"}));
}

TEST(JsonFormatTest, WrappedArray) {
  const ReadResult result =
      read_article_file("a.json", R"({"articles": [{"title": "A"}, {"title": "B"}]})");
  ASSERT_EQ(result.articles.size(), 2u);
  EXPECT_EQ(result.articles[1].id_suffix, "#2");
}

TEST(JsonFormatTest, JsonLinesWithBlankAndBadLines) {
  const ReadResult result = read_article_file("tin/a.jsonl",
                                              "{\"title\": \"Một\", \"date\": \"01/11/2020\"}\n"
                                              "\n"
                                              "{\"title\": \"Ba\", \"date\": \"sắp tới\"}\r\n"
                                              "{not json\n"
                                              "[1, 2]\n"
                                              "{\"title\": \"Sáu\"}");
  EXPECT_EQ(result.error, "");
  ASSERT_EQ(result.articles.size(), 3u);
  EXPECT_EQ(result.articles[0].id_suffix, "#1");
  EXPECT_EQ(result.articles[0].date, "2020-11-01");
  EXPECT_EQ(result.articles[0].category, "tin");
  EXPECT_EQ(result.articles[1].id_suffix, "#3");
  EXPECT_EQ(result.articles[2].id_suffix, "#6");
  EXPECT_EQ(result.articles[2].title, "Sáu");
  EXPECT_EQ(result.warnings,
            (std::vector<std::string>{"line 4: not JSON, skipped", "line 5: not an object, skipped",
                                      "record #3: date not understood: sắp tới"}));
}

TEST(JsonFormatTest, JsonLinesInADotJsonFile) {
  const ReadResult result = read_article_file("a.json", "{\"title\": \"A\"}\n{\"title\": \"B\"}\n");
  EXPECT_EQ(result.error, "");
  ASSERT_EQ(result.articles.size(), 2u);
  EXPECT_EQ(result.articles[1].id_suffix, "#2");
}

struct JsonErrorCase {
  const char* name;
  const char* path;
  std::string content;
  std::string error_prefix;
};

class JsonErrorTest : public ::testing::TestWithParam<JsonErrorCase> {};

TEST_P(JsonErrorTest, FileIsSkipped) {
  const ReadResult result = read_article_file(GetParam().path, GetParam().content);
  EXPECT_EQ(result.error.substr(0, GetParam().error_prefix.size()), GetParam().error_prefix)
      << result.error;
  EXPECT_TRUE(result.articles.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Files, JsonErrorTest,
    ::testing::Values(
        JsonErrorCase{"Syntax", "a.json", "{\"title\": ", "not valid JSON: parse error"},
        JsonErrorCase{"Scalar", "a.json", "42", "JSON holds no object"},
        JsonErrorCase{"NoArticleFields", "a.json", R"({"foo": 1})",
                      "JSON object has no title or text"},
        JsonErrorCase{"EmptyArray", "a.json", "[]", "no article in the JSON array"},
        JsonErrorCase{"NoValidLine", "a.jsonl", "nope\n[1]\n", "no valid JSON object"},
        JsonErrorCase{"InvalidUtf8InString", "a.json", "{\"title\": \"\xFF\"", "not valid JSON"}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- Dispatch ----------------------------------------------------------------

TEST(ReadArticleFileTest, UnsupportedExtension) {
  EXPECT_EQ(read_article_file("a.pdf", "%PDF-1.4").error, "unsupported file type");
  EXPECT_EQ(read_article_file("README", "text").error, "unsupported file type");
}

TEST(ReadArticleFileTest, ExtensionsAreCaseInsensitive) {
  EXPECT_EQ(read_article_file("A.TXT", "Một đoạn.").error, "");
  EXPECT_EQ(read_article_file("a.HTM", "<p>Một đoạn.</p>").error, "");
  EXPECT_EQ(read_article_file("a.JSONL", "{\"title\": \"T\"}").error, "");
}

TEST(ReadArticleFileTest, HtmlWithoutTextIsAnError) {
  EXPECT_EQ(read_article_file("a.html", "<html><script>x()</script></html>").error, "no text");
}

TEST(ReadArticleFileTest, TitleRepeatedAsFirstParagraphIsDropped) {
  const Article article =
      read_one("a.txt", "# title = Tiêu đề bài\nTiêu đề bài\n" + kSentenceCoffee);
  EXPECT_EQ(article.body, kSentenceCoffee);
}

TEST(TextUtilTest, HostFromUrl) {
  EXPECT_EQ(host_from_url("https://user@www.baomau.vn:443/a/b?c#d"), "baomau.vn");
  EXPECT_EQ(host_from_url("//cdn.baomau.vn/x"), "cdn.baomau.vn");
  EXPECT_EQ(host_from_url("baomau.vn/tin"), "baomau.vn");
  EXPECT_EQ(host_from_url("tin/bai.html"), "");
  EXPECT_EQ(host_from_url(""), "");
}

}  // namespace
}  // namespace vnsearch::indexer
