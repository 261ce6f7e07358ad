// DocumentData: what the index stores for each article, written and read back.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/schema.h"

namespace vnsearch::schema {
namespace {

void expect_same(const DocumentData& a, const DocumentData& b, const std::string& json) {
  EXPECT_EQ(a.path, b.path) << json;
  EXPECT_EQ(a.title, b.title) << json;
  EXPECT_EQ(a.title_source, b.title_source) << json;
  EXPECT_EQ(a.source, b.source) << json;
  EXPECT_EQ(a.category, b.category) << json;
  EXPECT_EQ(a.date, b.date) << json;
  EXPECT_EQ(a.url, b.url) << json;
  EXPECT_EQ(a.author, b.author) << json;
  EXPECT_EQ(a.text, b.text) << json;
}

TEST(DocumentData, EveryFieldReadsBackAsWritten) {
  DocumentData d;
  d.path = "thoi-su/bão số 3.json#2";
  d.title = "Bão \"Yagi\" đổ bộ\\n";
  d.title_source = "first-sentence";
  d.source = "kontumtv.vn";
  d.category = "Thời sự";
  d.date = "2024-09-07";
  d.url = "https://example.vn/a?b=1&c=/d";
  d.author = "Nguyễn Văn A";
  d.text = "Dòng một\nDòng hai\t\x01\x1f 😀 “trích” \\ / end";
  const std::string json = d.to_json();
  expect_same(DocumentData::from_json(json), d, json);
  expect_same(DocumentData::from_json_dom(json), d, json);
}

TEST(DocumentData, APathThatIsNotUtf8ComesBackByteForByte) {
  DocumentData d;
  d.path = std::string("cu\xe1/t\xe0i-li\xea\xf5u.txt");  // a CP1258 file name
  d.text = "x";
  const std::string json = d.to_json();
  EXPECT_NE(json.find("path_hex"), std::string::npos);
  EXPECT_EQ(DocumentData::from_json(json).path, d.path);
}

TEST(DocumentData, RandomFieldsReadAlikeThroughBothReaders) {
  const std::vector<std::string> pieces = {
      "a", "Việt", "\"", "\\", "/", "\n", "\r",   "\t",      "\x01",   "\x7f",    "😀",
      "đ", " ",    "{",  "}",  ":", ",",  "[\"]", "\\u0041", "\u2028", "\xc3\xa0"};
  std::mt19937 random(29112026);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 8);
  auto field = [&] {
    std::string s;
    for (int k = length(random); k > 0; --k) s += pieces[piece(random)];
    return s;
  };
  for (int n = 0; n < 2000; ++n) {
    DocumentData d;
    d.path = field();
    d.title = field();
    d.title_source = field();
    d.source = field();
    d.date = field();
    d.text = field();
    const std::string json = d.to_json();
    expect_same(DocumentData::from_json(json), DocumentData::from_json_dom(json), json);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(DocumentData, EscapesAndSpacingOfAnyWriterAreRead) {
  const std::string json =
      " {\n \"path\" : \"a\\u0020b\\u00e0\" ,\"title\":\"\\ud83d\\ude00 \\\"q\\\" \\/ \\b\\f\","
      "\"text\":\"x\\u1ec7y\", \"extra\": \"ignored\"}\n";
  const DocumentData d = DocumentData::from_json(json);
  EXPECT_EQ(d.path, "a bà");
  EXPECT_EQ(d.title, "😀 \"q\" / \b\f");
  EXPECT_EQ(d.text, "xệy");
  expect_same(d, DocumentData::from_json_dom(json), json);
}

TEST(DocumentData, OtherLayoutsGoThroughTheDomAndBrokenDataThrows) {
  // A number where strings are: not the fast reader's, nlohmann's answer.
  const std::string numbers = R"({"path":"a.txt","length":12,"text":"t"})";
  EXPECT_EQ(DocumentData::from_json(numbers).path, "a.txt");
  EXPECT_EQ(DocumentData::from_json(numbers).text, "t");
  for (const std::string broken :
       {"", "[]", "{\"path\":\"a\"", "{\"path\":\"\\ud800\"}", "{\"path\":\"a\"} x", "\"path\""}) {
    EXPECT_THROW(DocumentData::from_json(broken), DocumentDataError) << broken;
  }
}

}  // namespace
}  // namespace vnsearch::schema
