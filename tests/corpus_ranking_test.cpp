// Rankings on the bundled sample archive, through the real binaries: the
// cases the README promises, on text with its real mess.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace vnsearch::testing {
namespace {

class CorpusRankingTest : public CorpusIndexTest {
 protected:
  /// The hits' paths relative to corpus/ (--files prints them absolute).
  static std::vector<std::string> paths(const std::string& query) {
    const std::string root =
        std::filesystem::canonical(std::string(VNSEARCH_SOURCE_DIR) + "/corpus").string() + "/";
    std::vector<std::string> found =
        lines(run_command({VNSEARCH_BIN, "-d", index().string(), "--files", query}).out);
    for (std::string& path : found) {
      if (path.rfind(root, 0) == 0) path.erase(0, root.size());
    }
    return found;
  }

  static CommandResult vnsearch(std::vector<std::string> args) {
    args.insert(args.begin(), {VNSEARCH_BIN, "-d", index().string()});
    return run_command(args);
  }

  static int count(const std::string& query) { return std::stoi(vnsearch({"--count", query}).out); }

  /// Every highlighted range of the JSON hits of `query` (snippets and titles).
  static std::vector<std::string> highlighted(const std::string& query) {
    std::vector<std::string> words;
    for (const std::string& line : lines(vnsearch({"--json", "-n", "50", query}).out)) {
      const nlohmann::json record = nlohmann::json::parse(line);
      if (record["type"] != "hit") continue;
      for (const auto& [text, ranges] :
           {std::pair<const char*, const char*>{"snippet", "highlights"},
            {"title", "title_highlights"}}) {
        const std::string field = record[text];
        for (const auto& range : record[ranges]) {
          const size_t a = range[0], b = range[1];
          words.push_back(field.substr(a, b - a));
        }
      }
    }
    return words;
  }
};

TEST_F(CorpusRankingTest, AccentsTypedRankTheirExactFormFirst) {
  const std::vector<std::string> accented = paths("đường phố");
  ASSERT_GE(accented.size(), 2u);
  EXPECT_EQ(accented[0], "thoi-su/duong-pho-ha-noi-ruc-ro-co-hoa.html");
  const std::vector<std::string> other = paths("Dương Phố");
  ASSERT_GE(other.size(), 2u);
  EXPECT_EQ(other[0], "du-lich/lang-gom-duong-pho-hoi-sinh.json");
}

TEST_F(CorpusRankingTest, UnaccentedQueryFindsEveryReading) {
  const std::vector<std::string> found = paths("duong pho");
  const std::vector<std::string> top(found.begin(),
                                     found.begin() + std::min<size_t>(2, found.size()));
  EXPECT_NE(std::find(top.begin(), top.end(), "thoi-su/duong-pho-ha-noi-ruc-ro-co-hoa.html"),
            top.end());
  EXPECT_NE(std::find(top.begin(), top.end(), "du-lich/lang-gom-duong-pho-hoi-sinh.json"),
            top.end());
}

TEST_F(CorpusRankingTest, AdjacentSyllablesRankAboveScatteredOnes) {
  const std::vector<std::string> found = paths("dang vien");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "thoi-su/ket-nap-dang-vien-kon-tum.txt");
}

// Issue #13: a pasted headline finds its article, typed with accents or
// without, although that article has no title and holds the words in a row
// only deep in its body (past the lead's word pairs), while two titled
// articles share many of the headline's words in their titles, scattered.
TEST_F(CorpusRankingTest, PastedHeadlineFindsItsUntitledArticle) {
  for (const char* headline :
       {"Ninh Thuận giảm rất mạnh điện than, tiết kiệm hàng nghìn tỷ đồng mỗi năm",
        "Ninh Thuan giam rat manh dien than, tiet kiem hang nghin ty dong moi nam"}) {
    const std::vector<std::string> found = paths(headline);
    ASSERT_GE(found.size(), 3u) << headline;
    EXPECT_EQ(found[0], "kinh-te/ninh-thuan-chuyen-doi-nang-luong.json") << headline;
  }
}

// Rule 1 of "Words and accents" on the archive's own minimal pairs: the storm
// articles write bão (one of them in Windows-1258); others write báo (cảnh
// báo, thông báo), bảo, giá and gia, tăng and tặng.
TEST_F(CorpusRankingTest, AccentMinimalPairsMatchCountAndHighlightOnlyTheirForm) {
  const std::vector<std::string> storms = paths("bão");
  EXPECT_EQ(count("bão"), static_cast<int>(storms.size()));
  EXPECT_NE(std::find(storms.begin(), storms.end(), "thoi-su/da-nang-so-tan-dan-truoc-bao.txt"),
            storms.end());
  EXPECT_GT(count("báo"), 1);
  EXPECT_GT(count("bảo"), 1);
  // Unaccented: every form, so at least the articles of each form.
  EXPECT_GE(count("bao"), std::max(count("báo"), count("bảo")));
  EXPECT_GT(count("gia"), count("giá"));
  EXPECT_EQ(count("tặng"), 1);
  EXPECT_GT(count("tăng"), 1);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"bão", {"bão", "Bão"}}, {"báo", {"báo", "Báo"}},    {"giá", {"giá", "Giá"}},
      {"tặng", {"tặng"}},      {"tăng", {"tăng", "Tăng"}}, {"\"đảng viên\"", {"đảng", "viên"}}};
  for (const auto& [query, forms] : cases) {
    const std::vector<std::string> words = highlighted(query);
    EXPECT_FALSE(words.empty()) << query;
    for (const std::string& word : words) {
      EXPECT_NE(std::find(forms.begin(), forms.end(), word), forms.end()) << query << ": " << word;
    }
  }
}

TEST_F(CorpusRankingTest, CountsDoNotDependOnLimitOrOffset) {
  for (const std::string query : {"gia", "điện", "dang vien"}) {
    const int expected = count(query);
    ASSERT_GT(expected, 0) << query;
    for (const std::vector<std::string>& page :
         {std::vector<std::string>{"-n", "1"}, {"-n", "50"}, {"-n", "0"}, {"--offset", "3"}}) {
      std::vector<std::string> args = {"--json", query};
      args.insert(args.end(), page.begin(), page.end());
      const std::vector<std::string> records = lines(vnsearch(args).out);
      ASSERT_FALSE(records.empty());
      const nlohmann::json summary = nlohmann::json::parse(records.back());
      EXPECT_EQ(summary["matches"], expected) << query << " " << page[0] << " " << page[1];
      EXPECT_FALSE(summary.contains("matches_estimated"));
    }
  }
}

// --like (issue #16): an article is listed as related only when it scores a
// share of what the article itself scores for its own words, so an article
// the archive holds nothing else about gets no list at all — not five
// articles that merely share a few words.
TEST_F(CorpusRankingTest, LikeListsTheSameSubjectAndNothingWhenTheArchiveHasNone) {
  CommandResult r = vnsearch({"--like", "the-thao/chelsea-nguoc-dong-phut-cuoi.txt", "--files"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(lines(r.out).empty());
  EXPECT_NE(lines(r.out)[0].find("the-thao/tien-ve-thuy-dien-lap-cu-dup-cho-chelsea.txt"),
            std::string::npos)
      << r.out;

  r = vnsearch({"--like", "kinh-te/ninh-thuan-gia-dien-mat-troi.txt", "--files"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(lines(r.out).empty());
  EXPECT_NE(lines(r.out)[0].find("kinh-te/ninh-thuan-chuyen-doi-nang-luong.json"),
            std::string::npos)
      << r.out;

  // Nothing else in the archive is about students building a waste-sorting
  // robot: no list, "No matches" and exit 1, as a search without hits.
  r = vnsearch({"--like", "cong-nghe/sinh-vien-che-tao-robot-phan-loai-rac.txt"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("No matches"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("no article on the same subject"), std::string::npos) << r.err;
  r = vnsearch({"--like", "cong-nghe/sinh-vien-che-tao-robot-phan-loai-rac.txt", "--json"});
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_EQ(lines(r.out).size(), 1u) << r.out;
  const nlohmann::json summary = nlohmann::json::parse(lines(r.out)[0]);
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["matches"], 0);
}

}  // namespace
}  // namespace vnsearch::testing
