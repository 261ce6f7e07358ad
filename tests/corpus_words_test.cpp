// Other readings and "did you mean" (issue #12, rules 5 and 6) on the
// bundled sample archive, through the real binaries.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"

namespace vnsearch::testing {
namespace {

using nlohmann::json;

class CorpusWordsTest : public CorpusIndexTest {
 protected:
  // The JSON summary record of `query`.
  static json summary(const std::string& query) {
    const CommandResult r =
        run_command({VNSEARCH_BIN, "-d", index().string(), "--json", "--passages", "0", query});
    const std::vector<std::string> records = lines(r.out);
    if (records.empty()) return json::object();
    return json::parse(records.back());
  }

  static std::string terminal(const std::string& query) {
    return run_command(
               {VNSEARCH_BIN, "-d", index().string(), "--color", "never", "--limit", "1", query})
        .out;
  }
};

TEST_F(CorpusWordsTest, UnaccentedRunShowsItsReadingAndOffersTheOther) {
  const json s = summary("thuy dien");
  EXPECT_EQ(s.value("reading", ""), "thủy điện");
  ASSERT_TRUE(s.contains("alternatives")) << s.dump();
  ASSERT_EQ(s["alternatives"].size(), 1u) << s.dump();
  EXPECT_EQ(s["alternatives"][0]["query"], "thụy điển");
  EXPECT_EQ(s["alternatives"][0]["matches"], 2);
  EXPECT_FALSE(s.contains("suggestion"));

  const std::string out = terminal("thuy dien");
  EXPECT_NE(out.find("Showing results for: thủy điện\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Other readings: thụy điển (2)\n"), std::string::npos) << out;
}

TEST_F(CorpusWordsTest, OtherReadingIsReadyToType) {
  // The offered reading, typed, finds its articles first.
  const CommandResult r =
      run_command({VNSEARCH_BIN, "-d", index().string(), "--files", "--limit", "2", "thụy điển"});
  const std::vector<std::string> found = lines(r.out);
  ASSERT_EQ(found.size(), 2u);
  for (const std::string& path : found) {
    EXPECT_NE(path.find("chelsea"), std::string::npos) << path;
  }
}

TEST_F(CorpusWordsTest, UnaccentedWordListsItsCommonForms) {
  const json s = summary("bao");
  EXPECT_FALSE(s.contains("reading"));
  ASSERT_TRUE(s.contains("alternatives")) << s.dump();
  std::vector<std::string> forms;
  for (const json& a : s["alternatives"]) {
    forms.push_back(a["query"]);
    EXPECT_GE(a["matches"].get<int>(), 2);
  }
  for (const char* form : {"báo", "bảo", "bão"}) {
    EXPECT_NE(std::find(forms.begin(), forms.end(), form), forms.end()) << form << " " << s.dump();
  }
  EXPECT_NE(terminal("bao").find("Readings: "), std::string::npos);
}

TEST_F(CorpusWordsTest, AccentedQueryHasNoAlternatives) {
  EXPECT_FALSE(summary("thủy điện").contains("alternatives"));
  EXPECT_FALSE(summary("báo").contains("alternatives"));
}

TEST_F(CorpusWordsTest, WrongAccentGetsASuggestion) {
  EXPECT_EQ(summary("Triều Tiền").value("suggestion", ""), "Triều Tiên");
  EXPECT_NE(terminal("Triều Tiền").find("Did you mean: Triều Tiên\n"), std::string::npos);
}

TEST_F(CorpusWordsTest, DroppedLetterGetsASuggestion) {
  EXPECT_EQ(summary("tổng thốg").value("suggestion", ""), "tổng thống");
}

TEST_F(CorpusWordsTest, MisspeltForeignNameGetsASuggestionInTheTypedCapitals) {
  const json s = summary("Chealsea");
  EXPECT_EQ(s["matches"], 0);
  EXPECT_EQ(s.value("suggestion", ""), "Chelsea");
  EXPECT_NE(terminal("Chealsea").find("Did you mean: Chelsea\n"), std::string::npos);
  EXPECT_EQ(summary("CHEALSEA").value("suggestion", ""), "CHELSEA");
}

TEST_F(CorpusWordsTest, CorrectQueriesGetNoSuggestion) {
  for (const char* query : {"Triều Tiên", "tổng thống", "Chelsea", "thủy điện", "Thụy Điển",
                            "đảng viên", "Hà Nội", "Kon Tum", "bác sĩ", "hoà bình"}) {
    EXPECT_FALSE(summary(query).contains("suggestion")) << query << " " << summary(query).dump();
  }
}

}  // namespace
}  // namespace vnsearch::testing
