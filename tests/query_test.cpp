// @brief Table tests of the vnsearch query parser: every construct, and every
// kind of malformed query (which must never crash).
#include <gtest/gtest.h>

#include <string>

#include "searcher/query.h"
#include "searcher/query_compiler.h"

namespace vnsearch::searcher {
namespace {

struct ParseCase {
  const char* name;
  std::string input;
  const char* expected;  // describe() of the tree
};

class QueryParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QueryParseTest, Parses) {
  text::Analyzer analyzer;
  const ParseCase& c = GetParam();
  EXPECT_EQ(describe(parse_query(c.input, &analyzer).root), c.expected) << c.input;
}

const ParseCase kParseCases[] = {
    {"words", "dang vien", "AND(dang vien)"},
    {"capitals_fold_case", "Đảng Viên", "AND(đảng viên)"},
    {"old_style_tone", "hoà bình", "AND(hòa bình)"},
    {"nfd_input",
     "Ho\xCC\x80"
     "a bi\xCC\x80nh",
     "AND(hòa bình)"},
    {"eth_lookalike", "\xC3\x90\xC3\xA0 Nẵng", "AND(đà nẵng)"},  // Ð (U+00D0)
    {"phrase", "\"đường phố\" Hà Nội", "AND(\"đường phố\" hà nội)"},
    // Typographic quotes come with pasted headlines: separators, not phrases.
    {"typographic_quotes_separate", "“đường phố” x", "AND(đường phố x)"},
    {"guillemets_separate", "«Nhà tâm linh»bị bắt", "AND(nhà tâm linh bị bắt)"},
    {"excluded_typographic_quote", "a -“b”", "AND(a -b)"},
    {"quoted_single_word", "\"phố\"", "AND(phố)"},
    {"split_word_is_phrase", "Covid-19", "AND([covid 19])"},
    {"split_date_is_phrase", "30/10", "AND([30 10])"},
    {"dotted_word_stays_whole", "kontumtv.vn TP.HCM", "AND(kontumtv.vn tp.hcm)"},
    {"exclusion", "dang -vien", "AND(dang -vien)"},
    {"excluded_phrase", "-\"x y\" z", "AND(-\"x y\" z)"},
    {"excluded_group", "-(a b) c", "AND(-AND(a b) c)"},
    {"not_keyword", "NOT b a", "AND(-b a)"},
    {"and_keyword_is_implicit", "a AND b", "AND(a b)"},
    {"or_binds_looser_than_words", "hà nội OR sài gòn", "AND(OR(AND(hà nội) AND(sài gòn)))"},
    {"or_of_single_words", "a OR b OR c", "AND(OR(a b c))"},
    {"parentheses", "(a OR b) c", "AND(OR(a b) c)"},
    {"nested_parentheses", "a (b OR (c d))", "AND(a OR(b AND(c d)))"},
    {"redundant_parentheses", "((a b)) c", "AND(a b c)"},
    {"source_filter", "source:VnExpress.net kinh", "AND(source:vnexpress.net kinh)"},
    {"quoted_category", "category:\"Thể thao\" bóng", "AND(category:thể thao bóng)"},
    {"excluded_source", "-source:x a", "AND(-source:x a)"},
    {"title_word", "title:Hà", "AND(title:hà)"},
    {"title_phrase", "title:\"đường phố\"", "AND(title:\"đường phố\")"},
    {"date_range", "date:2020-01..2020-06 x", "AND(date:20200101..20200631 x)"},
    {"date_year", "date:2020", "AND(date:20200101..20201231)"},
    {"date_open_start", "date:..2019", "AND(date:..20191231)"},
    {"date_open_end", "date:2019-03-05..", "AND(date:20190305..)"},
    {"wildcard", "kinh* te", "AND(kinh* te)"},
    {"wildcard_folds_accents", "Kính*", "AND(kính*)"},
    {"unknown_field_is_text", "foo:bar 10:30", "AND([foo bar] [10 30])"},
    // Lenient readings of malformed queries.
    // An unclosed quote separates words; it does not make a strict phrase.
    {"unclosed_quote", "\"unclosed phrase", "AND(unclosed phrase)"},
    {"unclosed_curly_quote", "ai viết “Truyện Kiều", "AND(ai viết truyện kiều)"},
    {"closed_then_unclosed", "\"a b\" c \"d e", "AND(\"a b\" c d e)"},
    {"closed_ascii_quotes_stay_strict", "ai viết \"Truyện Kiều\"?", "AND(ai viết \"truyện kiều\")"},
    {"closed_curly_quotes_separate", "ai viết “Truyện Kiều”?", "AND(ai viết truyện kiều)"},
    {"unclosed_quote_glued_to_word", "x\"y z", "AND(x y z)"},
    {"unclosed_parenthesis", "((a b", "AND(a b)"},
    {"stray_parenthesis", "a b)", "AND(a b)"},
    {"lone_minus", "a - b", "AND(a b)"},
    {"trailing_minus", "a b -", "AND(a b)"},
    {"dangling_or", "a OR", "AND(a)"},
    {"doubled_or", "OR OR a", "AND(a)"},
    {"empty_group", "a ()", "AND(a)"},
    {"empty_field", "source: a", "AND(a)"},
    {"punctuation_between", "a !!! b", "AND(a b)"},
};

INSTANTIATE_TEST_SUITE_P(Table, QueryParseTest, ::testing::ValuesIn(kParseCases),
                         [](const auto& info) { return std::string(info.param.name); });

struct ErrorCase {
  const char* name;
  std::string input;
  const char* message_part;
};

class QueryErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(QueryErrorTest, ThrowsClearMessage) {
  text::Analyzer analyzer;
  const ErrorCase& c = GetParam();
  try {
    parse_query(c.input, &analyzer);
    FAIL() << "no error for '" << c.input << "'";
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << e.what();
  }
}

const ErrorCase kErrorCases[] = {
    {"empty", "", "empty query"},
    {"blank", "  \t ", "empty query"},
    {"lone_minus", "-", "no words"},
    {"only_punctuation", "!!! ... ?", "no words"},
    {"lone_star", "*", "no words"},
    {"lone_or", "OR", "no words"},
    {"empty_parentheses", "()", "no words"},
    {"empty_quotes", "\"\"", "no words"},
    {"bad_month", "date:2020-13", "invalid date"},
    {"bad_day", "date:2020-01-32", "invalid date"},
    {"bad_year", "date:20", "invalid date"},
    {"bad_range", "date:2021..2020", "ends before it starts"},
    {"empty_range", "date:..", "at least one end"},
};

INSTANTIATE_TEST_SUITE_P(Table, QueryErrorTest, ::testing::ValuesIn(kErrorCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(QueryParser, LongPasteIsCutToTheFirstWords) {
  text::Analyzer analyzer;
  std::string paste;
  for (int i = 0; i < 10000; ++i) paste += "từ" + std::to_string(i % 7) + " ";
  const ParsedQuery parsed = parse_query(paste, &analyzer);
  EXPECT_TRUE(parsed.truncated);
  EXPECT_EQ(parsed.word_count, kMaxQueryWords);
  EXPECT_EQ(parsed.root.children.size(), kMaxQueryWords);
}

TEST(QueryParser, DeepNestingDoesNotRecurseWithoutBound) {
  text::Analyzer analyzer;
  const std::string deep = std::string(5000, '(') + "a" + std::string(5000, ')');
  EXPECT_NO_THROW(parse_query(deep, &analyzer));
}

TEST(QueryParser, ReportsWhetherTypedWithoutDiacritics) {
  text::Analyzer analyzer;
  EXPECT_TRUE(typed_without_diacritics(parse_query("dang vien -đảng", &analyzer).root));
  EXPECT_FALSE(typed_without_diacritics(parse_query("dang viên", &analyzer).root));
  EXPECT_FALSE(parse_query("date:2020 source:x", &analyzer).has_text);
  EXPECT_TRUE(parse_query("date:2020 x", &analyzer).has_text);
}

TEST(DateBound, ParsesEveryPrecision) {
  EXPECT_EQ(parse_date_bound("2020", false, "x"), "20200101");
  EXPECT_EQ(parse_date_bound("2020", true, "x"), "20201231");
  EXPECT_EQ(parse_date_bound("2020-02", false, "x"), "20200201");
  EXPECT_EQ(parse_date_bound("2020-02", true, "x"), "20200231");
  EXPECT_EQ(parse_date_bound("2020-2-5", true, "x"), "20200205");
  EXPECT_THROW(parse_date_bound("2020-00", false, "x"), QueryError);
  EXPECT_THROW(parse_date_bound("2020-01-01-01", false, "x"), QueryError);
  EXPECT_THROW(parse_date_bound("abcd", false, "x"), QueryError);
}

}  // namespace
// The runs of adjacent single words the rescoring window checks, as typed.
TEST(WordRuns, SingleWordsSideBySideMakeARun) {
  text::Analyzer analyzer;
  const auto runs_of = [&](const std::string& query) {
    std::string out;
    for (const auto& run : word_runs(parse_query(query, &analyzer))) {
      out += "[";
      for (const QueryWord& w : run) out += (out.back() == '[' ? "" : " ") + w.norm;
      out += "]";
    }
    return out;
  };
  EXPECT_EQ(runs_of("thủy điện"), "[thủy điện]");
  EXPECT_EQ(runs_of("Giá xăng tăng mạnh từ chiều nay"), "[giá xăng tăng mạnh từ chiều nay]");
  // Filters do not part two words; phrases, exclusions and groups do.
  EXPECT_EQ(runs_of("giá source:vnexpress vàng"), "[giá vàng]");
  EXPECT_EQ(runs_of("a b \"c d\" e f"), "[a b][e f]");
  EXPECT_EQ(runs_of("giá vàng -xăng dầu thô"), "[giá vàng][dầu thô]");
  EXPECT_EQ(runs_of("bão"), "");
  EXPECT_EQ(runs_of("hà nội OR sài gòn"), "");
}

TEST(PhrasesToWords, QuotedWordsBesideOthersBecomeWords) {
  text::Analyzer analyzer;
  const auto unquoted = [&](const std::string& query) {
    ParsedQuery parsed = parse_query(query, &analyzer);
    const bool changed = phrases_to_words(&parsed);
    return (changed ? "" : "unchanged ") + describe(parsed.root);
  };
  EXPECT_EQ(unquoted("Conte diễn \"vũ điệu hoang dại\""), "AND(conte diễn vũ điệu hoang dại)");
  // Excluded phrases and phrases inside OR groups keep their quotes.
  EXPECT_EQ(unquoted("giá vàng -\"thị trường\""), "unchanged AND(giá vàng -\"thị trường\")");
  EXPECT_EQ(unquoted("\"hố tử thần\" OR sụt lún"),
            "unchanged AND(OR(\"hố tử thần\" AND(sụt lún)))");
  EXPECT_EQ(unquoted("bão"), "unchanged AND(bão)");
}

}  // namespace vnsearch::searcher
