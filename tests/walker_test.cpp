// @brief Tests of the corpus walk: hidden files, extensions, order, globs,
// symbolic links inside and outside the root, loops.
#include "indexer/walker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace vnsearch::indexer {
namespace {

namespace fs = std::filesystem;
using vnsearch::testing::TempDir;
using vnsearch::testing::write_file;

std::vector<std::string> paths(const WalkResult& result) {
  std::vector<std::string> out;
  for (const CorpusFile& f : result.files) out.push_back(f.relative_path);
  return out;
}

bool has_problem(const WalkResult& result, const std::string& path, const std::string& reason) {
  return std::any_of(result.problems.begin(), result.problems.end(), [&](const WalkProblem& p) {
    return p.relative_path == path && p.reason.find(reason) != std::string::npos;
  });
}

TEST(Walker, KeepsIndexableExtensionsInSortedOrderAndSkipsHidden) {
  TempDir dir;
  const fs::path root = dir.path() / "corpus";
  write_file(root / "b/tin.TXT", "Tin tức");
  write_file(root / "a/bai.html", "<p>Bài báo</p>");
  write_file(root / "a/trang.htm", "<p>Trang</p>");
  write_file(root / "a/du-lieu.json", "{}");
  write_file(root / "a/dong.jsonl", "{}");
  write_file(root / "a/anh.jpg", "x");
  write_file(root / "a/ghi-chu.md", "x");
  write_file(root / "a/.an.txt", "ẩn");
  write_file(root / ".git/config.txt", "ẩn");
  write_file(root / "c/.an/tin.txt", "ẩn");
  write_file(root / "khong-duoi", "x");

  const WalkResult result = walk_corpus(root, {});
  EXPECT_EQ(paths(result), (std::vector<std::string>{"a/bai.html", "a/dong.jsonl", "a/du-lieu.json",
                                                     "a/trang.htm", "b/tin.TXT"}));
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.files[4].size, std::string("Tin tức").size());
  EXPECT_EQ(result.files[4].path, root / "b/tin.TXT");
  EXPECT_GT(result.files[4].mtime_ns, 0);
}

TEST(Walker, IncludeAndExcludeGlobsMatchPathOrName) {
  TempDir dir;
  const fs::path root = dir.path();
  write_file(root / "thethao/a.txt", "a");
  write_file(root / "thethao/nhap-b.txt", "b");
  write_file(root / "kinhte/c.txt", "c");
  write_file(root / "luu-tru/d.txt", "d");

  WalkOptions exclude;
  exclude.exclude_globs = {"nhap-*", "luu-tru"};
  EXPECT_EQ(paths(walk_corpus(root, exclude)),
            (std::vector<std::string>{"kinhte/c.txt", "thethao/a.txt"}));

  WalkOptions include;
  include.include_globs = {"thethao/*"};
  EXPECT_EQ(paths(walk_corpus(root, include)),
            (std::vector<std::string>{"thethao/a.txt", "thethao/nhap-b.txt"}));

  WalkOptions both;
  both.include_globs = {"*.txt"};
  both.exclude_globs = {"kinhte/*"};
  EXPECT_EQ(paths(walk_corpus(root, both)),
            (std::vector<std::string>{"luu-tru/d.txt", "thethao/a.txt", "thethao/nhap-b.txt"}));
}

TEST(Walker, FollowsLinksInsideTheRootOnly) {
  TempDir dir;
  const fs::path root = dir.path() / "corpus";
  write_file(root / "that/a.txt", "a");
  write_file(dir.path() / "ngoai/b.txt", "b");
  write_file(dir.path() / "ngoai.txt", "c");
  fs::create_directory_symlink("that", root / "lien-ket");                // same folder again
  fs::create_symlink("that/a.txt", root / "ban-sao.txt");                 // a file inside
  fs::create_directory_symlink(dir.path() / "ngoai", root / "ra-ngoai");  // a folder outside
  fs::create_symlink(dir.path() / "ngoai.txt", root / "tep-ngoai.txt");   // a file outside
  fs::create_symlink("khong-co.txt", root / "gay.txt");                   // broken

  const WalkResult result = walk_corpus(root, {});
  EXPECT_EQ(paths(result), (std::vector<std::string>{"ban-sao.txt", "that/a.txt"}));
  EXPECT_TRUE(has_problem(result, "ra-ngoai", "outside the corpus folder"));
  EXPECT_TRUE(has_problem(result, "tep-ngoai.txt", "outside the corpus folder"));
  EXPECT_TRUE(has_problem(result, "gay.txt", "broken symbolic link"));
  EXPECT_EQ(result.problems.size(), 3u);
}

TEST(Walker, LinkToAHiddenFolderInsideTheRootIsWalkedUnderTheLinkName) {
  TempDir dir;
  write_file(dir.path() / ".kho/a.txt", "a");
  fs::create_directory_symlink(".kho", dir.path() / "kho");
  EXPECT_EQ(paths(walk_corpus(dir.path(), {})), (std::vector<std::string>{"kho/a.txt"}));
}

TEST(Walker, SurvivesSymlinkLoops) {
  TempDir dir;
  const fs::path root = dir.path();
  write_file(root / "a/b/tin.txt", "tin");
  fs::create_directory_symlink("..", root / "a/b/len");   // to an enclosing folder
  fs::create_directory_symlink(root, root / "a/goc");     // to the root
  fs::create_symlink("vong-2.txt", root / "vong-1.txt");  // a link cycle
  fs::create_symlink("vong-1.txt", root / "vong-2.txt");

  const WalkResult result = walk_corpus(root, {});
  EXPECT_EQ(paths(result), (std::vector<std::string>{"a/b/tin.txt"}));
  EXPECT_TRUE(has_problem(result, "a/b/len", "loop"));
  EXPECT_TRUE(has_problem(result, "a/goc", "loop"));
  EXPECT_TRUE(has_problem(result, "vong-1.txt", "loop"));
  EXPECT_TRUE(has_problem(result, "vong-2.txt", "loop"));
}

TEST(Walker, ReportsUnreadableFolders) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  TempDir dir;
  write_file(dir.path() / "khoa/a.txt", "a");
  write_file(dir.path() / "mo/b.txt", "b");
  chmod((dir.path() / "khoa").c_str(), 0);
  const WalkResult result = walk_corpus(dir.path(), {});
  EXPECT_EQ(paths(result), (std::vector<std::string>{"mo/b.txt"}));
  EXPECT_TRUE(has_problem(result, "khoa", "Permission denied"));
  EXPECT_EQ(result.unlisted_folders, (std::vector<std::string>{"khoa"}));
}

TEST(Walker, SkipsTheGivenFolders) {
  TempDir dir;
  write_file(dir.path() / "a.txt", "a");
  write_file(dir.path() / "chi-muc/b.txt", "b");
  WalkOptions options;
  options.skip_folders = {dir.path() / "chi-muc"};
  EXPECT_EQ(paths(walk_corpus(dir.path(), options)), (std::vector<std::string>{"a.txt"}));
}

TEST(Walker, MissingRootThrows) {
  TempDir dir;
  EXPECT_THROW(walk_corpus(dir.path() / "khong-co", {}), std::runtime_error);
}

TEST(Walker, IndexableExtensions) {
  EXPECT_TRUE(has_indexable_extension("a.txt"));
  EXPECT_TRUE(has_indexable_extension("a.HTML"));
  EXPECT_TRUE(has_indexable_extension("a.b.Jsonl"));
  EXPECT_FALSE(has_indexable_extension("a.txt.gz"));
  EXPECT_FALSE(has_indexable_extension(".txt"));
  EXPECT_FALSE(has_indexable_extension("txt"));
}

}  // namespace
}  // namespace vnsearch::indexer
