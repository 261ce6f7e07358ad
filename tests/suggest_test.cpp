// Unit tests of the word forms, other readings and suggestions of issue #12
// (searcher/forms.h, reading.h, suggest.h) on small in-memory indexes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/schema.h"
#include "common/text/vietnamese.h"
#include "indexer/document_builder.h"
#include "searcher/alternatives.h"
#include "searcher/forms.h"
#include "searcher/query.h"
#include "searcher/ranking.h"
#include "searcher/reading.h"
#include "searcher/suggest.h"

namespace vnsearch::searcher {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(AccentVariants, EveryToneAndMarkInTheAnalyzersSpelling) {
  const std::vector<std::string> bao = accent_variants("bao");
  EXPECT_EQ(bao[0], "bao");
  for (const char* form : {"báo", "bão", "bảo", "bạo", "bào"}) {
    EXPECT_TRUE(contains(bao, form)) << form;
  }
  for (const std::string& form : bao) EXPECT_EQ(text::fold(form), "bao") << form;
  // New-style tone placement, `qu` onset, `đ`, final `i` not `y`.
  const std::vector<std::string> hoa = accent_variants("hoa");
  EXPECT_TRUE(contains(hoa, "hòa"));
  EXPECT_FALSE(contains(hoa, "hoà"));
  EXPECT_TRUE(contains(accent_variants("quoc"), "quốc"));
  EXPECT_TRUE(contains(accent_variants("quang"), "quảng"));
  EXPECT_TRUE(contains(accent_variants("dien"), "điển"));
  EXPECT_TRUE(contains(accent_variants("dien"), "điện"));
  EXPECT_TRUE(contains(accent_variants("truong"), "trưởng"));
  EXPECT_TRUE(contains(accent_variants("si"), "sĩ"));
  EXPECT_FALSE(contains(accent_variants("sy"), "sĩ"));
  // No vowel (an abbreviation): `d` or `đ`, itself first.
  EXPECT_EQ(accent_variants("dt"), (std::vector<std::string>{"dt", "đt"}));
  EXPECT_EQ(accent_variants("ddt"), (std::vector<std::string>{"ddt", "đdt", "dđt", "đđt"}));
  EXPECT_EQ(accent_variants("tp"), std::vector<std::string>{"tp"});
  // Not a syllable: only itself.
  EXPECT_EQ(accent_variants("chelsea"), std::vector<std::string>{"chelsea"});
  EXPECT_EQ(accent_variants("covid19"), std::vector<std::string>{"covid19"});
}

TEST(EditVariants, OneEditAway) {
  const std::vector<std::string> v = edit_variants("chealsea");
  EXPECT_TRUE(contains(v, "chelsea"));                          // deletion
  EXPECT_TRUE(contains(edit_variants("vietlot"), "vietlott"));  // insertion
  EXPECT_TRUE(contains(edit_variants("thog"), "thong"));
  EXPECT_TRUE(contains(edit_variants("ab"), "ba"));  // transposition
  EXPECT_FALSE(contains(v, "chealsea"));
  EXPECT_TRUE(edit_variants("thốg").empty());
}

TEST(EditDistance, ByCodePoint) {
  EXPECT_EQ(edit_distance("thốg", "thống"), 1u);
  EXPECT_EQ(edit_distance("tiền", "tiên"), 1u);
  EXPECT_EQ(edit_distance("mnh", "minh"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("thống", "thống"), 0u);
}

TEST(WithCaseOf, KeepsTheTypedCapitals) {
  EXPECT_EQ(with_case_of("Chealsea", "chelsea"), "Chelsea");
  EXPECT_EQ(with_case_of("CHEALSEA", "chelsea"), "CHELSEA");
  EXPECT_EQ(with_case_of("Tiền", "tiên"), "Tiên");
  EXPECT_EQ(with_case_of("TIỀN", "tiên"), "TIÊN");
  EXPECT_EQ(with_case_of("thốg", "thống"), "thống");
  EXPECT_EQ(with_case_of("Đa", "đá"), "Đá");
}

TEST(BestChain, OtherChainsWithTheirEvidence) {
  PairCounts counts(1);
  counts[0][{"thủy", "điện"}] = 3;
  counts[0][{"thụy", "điển"}] = 2;
  const RunReading r = best_chain(counts, 2);
  EXPECT_EQ(r.forms, (std::vector<std::string>{"thủy", "điện"}));
  EXPECT_TRUE(r.dominant);
  ASSERT_EQ(r.others.size(), 1u);
  EXPECT_EQ(r.others[0].forms, (std::vector<std::string>{"thụy", "điển"}));
  EXPECT_DOUBLE_EQ(r.others[0].share, 0.4);
  EXPECT_EQ(r.others[0].weakest, 2);
}

TEST(BestChain, OtherChainsFollowEveryPair) {
  PairCounts counts(2);
  counts[0][{"a", "b"}] = 5;
  counts[0][{"c", "d"}] = 2;
  counts[1][{"b", "e"}] = 4;
  counts[1][{"d", "f"}] = 1;
  counts[1][{"x", "f"}] = 9;  // does not link to a first pair
  const RunReading r = best_chain(counts, 3);
  EXPECT_EQ(r.forms, (std::vector<std::string>{"a", "b", "e"}));
  ASSERT_EQ(r.others.size(), 1u);
  EXPECT_EQ(r.others[0].forms, (std::vector<std::string>{"c", "d", "f"}));
  EXPECT_EQ(r.others[0].weakest, 1);
}

// An in-memory index of articles given by title and text, and the
// suggestion for a query on it.
class SuggestIndex : public ::testing::Test {
 protected:
  void add(const std::string& title, const std::string& text) {
    schema::DocumentData d;
    d.path = std::to_string(++added_) + ".txt";
    d.title = title;
    d.text = text;
    db_.replace_document(schema::id_term(d.path), builder_.build(d, "s"));
  }

  std::string suggestion(const std::string& query) {
    ParsedQuery parsed = parse_query(query, &analyzer_);
    return suggest(db_, query, parsed, &analyzer_);
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  indexer::DocumentBuilder builder_;
  text::Analyzer analyzer_;
  int added_ = 0;
};

// A small index: articles about Triều Tiên (three of eight with "tiền"
// elsewhere, so that `Triều Tiền` must be checked by reading them), tổng
// thống, Chelsea, thủy điện and Thụy Điển.
class SuggestTest : public SuggestIndex {
 protected:
  void SetUp() override {
    for (int i = 0; i < 4; ++i) {
      add("Triều Tiên phóng tên lửa", i < 3
                                          ? "Tổng thống Hàn Quốc lên tiếng. Số tiền viện trợ tăng."
                                          : "Tổng thống Hàn Quốc lên tiếng.");
      add("Triều Tiên họp", "Tổng thống Mỹ lên tiếng.");
      add("Chelsea thắng đậm", "Tiền đạo Chelsea ghi hai bàn.");
      add("Nhà máy thủy điện xả lũ", "Thủy điện miền Trung xả lũ sau bão.");
    }
    add("Thụy Điển vô địch", "Đội tuyển Thụy Điển thắng.");
    add("Tin Thụy Điển", "Thủ tướng Thụy Điển thăm Hà Nội.");
    db_.commit();
  }
};

TEST_F(SuggestTest, EachKindOfMisspelling) {
  EXPECT_EQ(suggestion("Triều Tiền"), "Triều Tiên");  // a wrong tone
  EXPECT_EQ(suggestion("tổng thốg"), "tổng thống");   // a dropped letter
  EXPECT_EQ(suggestion("Chealsea"), "Chelsea");       // a misspelt name, capitals kept
  EXPECT_EQ(suggestion("thủy điên"), "thủy điện");    // a missing tone
}

TEST_F(SuggestTest, NoneForCorrectOrOtherQueries) {
  for (const char* query : {"Triều Tiên", "tổng thống", "Chelsea", "thủy điện", "Thụy Điển", "tiền",
                            "Hà Nội", "trieu tien", "\"Triều Tiền\"", "Triều -Tiền"}) {
    EXPECT_EQ(suggestion(query), "") << query;
  }
}

TEST_F(SuggestTest, LongQueriesAreNotCorrected) {
  EXPECT_EQ(suggestion("tin Triều Tiền"), "tin Triều Tiên");
  EXPECT_EQ(suggestion("một hai ba bốn năm sáu bảy tin Triều Tiền"), "");
}

// Words too common to be suspects on their own (50 documents or more): only
// the check of the typed pair against the folded pair's documents finds
// that `Triều Tiền` hides among `Triều Tiên`; a pair whose typed forms are
// most of its documents is left alone without reading any. More documents
// hold the pair than the check samples (kSuggestTrustSample).
class SuggestPairsOfCommonWords : public SuggestIndex {
 protected:
  void SetUp() override {
    for (int i = 0; i < 150; ++i) {
      // A third of them also hold `tiền`, elsewhere than beside `Triều`.
      add("Triều Tiên phóng tên lửa",
          i % 3 == 0 ? "Hàn Quốc lên tiếng. Số tiền viện trợ tăng." : "Hàn Quốc lên tiếng.");
    }
    for (int i = 0; i < 40; ++i) add("Giá cả", "Giá tiền điện tăng.");
    db_.commit();
  }
};

TEST_F(SuggestPairsOfCommonWords, ATypedPairInASmallShareOfItsFoldedPairIsChecked) {
  ASSERT_GE(db_.get_termfreq(std::string(schema::kExactPrefix) + "triều"),
            ranking::kSuggestSuspectDocs);
  ASSERT_GE(db_.get_termfreq(std::string(schema::kExactPrefix) + "tiền"),
            ranking::kSuggestSuspectDocs);
  ASSERT_GT(db_.get_termfreq(schema::bigram_term("trieu", "tien")), ranking::kSuggestTrustSample);
  EXPECT_EQ(suggestion("Triều Tiền"), "Triều Tiên");
  EXPECT_EQ(suggestion("Triều Tiên"), "");
  EXPECT_EQ(suggestion("giá tiền"), "");
}

// `khoáng` and `chứng` in 60 articles each, never side by side: in
// `chứng khoáng` both are common, their pair unseen, and no other accented
// form of either makes a pair seen; only the words one edit away find
// `chứng khoán`.
class SuggestEditsOfCommonWords : public SuggestIndex {
 protected:
  void SetUp() override {
    for (int i = 0; i < 60; ++i) {
      const std::string n = std::to_string(i);
      add("Nước khoáng số " + n, "Nhà máy nước khoáng mở rộng.");
      add("Thị trường chứng khoán phiên " + n, "Chứng khoán hôm nay tăng điểm.");
    }
    db_.commit();
  }
};

TEST_F(SuggestEditsOfCommonWords, OnlyInQueriesOfFiveWordsOrFewer) {
  ASSERT_GE(db_.get_termfreq(std::string(schema::kExactPrefix) + "khoáng"),
            ranking::kSuggestSuspectDocs);
  EXPECT_EQ(suggestion("chứng khoáng"), "chứng khoán");
  EXPECT_EQ(suggestion("giá chứng khoáng hôm nay"), "giá chứng khoán hôm nay");
  // Longer, a common word's unseen pair is weak evidence (names, other
  // phrases), and its edits cost hundreds of look-ups: not looked for.
  EXPECT_EQ(suggestion("giá chứng khoáng hôm nay tăng"), "");
}

TEST_F(SuggestTest, WordAlternativesOfAnUnaccentedWord) {
  ParsedQuery parsed = parse_query("thuy", &analyzer_);
  const std::vector<Alternative> a = word_alternatives(db_, parsed);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].query, "thủy");
  EXPECT_EQ(a[0].matches, 4u);
  EXPECT_EQ(a[1].query, "thụy");
  EXPECT_EQ(a[1].matches, 2u);
  parsed = parse_query("thủy", &analyzer_);
  EXPECT_TRUE(word_alternatives(db_, parsed).empty());
}

TEST_F(SuggestTest, ExactFormsMostDocumentsFirst) {
  const std::vector<FormCount> forms = exact_forms(db_, "tien", 5);
  ASSERT_GE(forms.size(), 2u);
  EXPECT_EQ(forms[0].form, "tiên");  // Triều Tiên
  EXPECT_EQ(forms[0].docs, 8u);
  EXPECT_EQ(forms[1].form, "tiền");  // Số tiền, Tiền đạo
  EXPECT_EQ(forms[1].docs, 7u);
}

}  // namespace
}  // namespace vnsearch::searcher
