// Rankings on the bundled sample archive, through the real binaries: the
// cases the README promises, on text with its real mess.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace vnsearch::testing {
namespace {

class CorpusRankingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const CommandResult r = run_command(
        {VNINDEX_BIN, "-q", std::string(VNSEARCH_SOURCE_DIR) + "/corpus", "-d", index().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::filesystem::path index() { return dir_->path() / "index"; }

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

  static TempDir* dir_;
};

TempDir* CorpusRankingTest::dir_ = nullptr;

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

}  // namespace
}  // namespace vnsearch::testing
