// @brief Issue #14, "CLI habits people already have": end-to-end tests that
// run the real vnindex and vnsearch on a small corpus made at test time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "indexer/derived_title.h"
#include "indexer/formats/text_util.h"
#include "indexer/index_updater.h"
#include "test_util.h"

namespace vnsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// One corpus, indexed once for the whole suite.
class CliHabitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    write_file(corpus() / "the-thao/chelsea.txt",
               "Chelsea thắng trận\n\nChelsea thắng ba bàn trong trận đấu hôm qua.\n");
    write_file(corpus() / "the-thao/arsenal.txt",
               "Chelsea thua Arsenal\n\nArsenal thắng Chelsea hai bàn trong trận đấu.\n");
    // Names a shell must be able to take apart: a space, a newline, and a
    // byte that is not UTF-8.
    for (const std::string name : {"a b.txt", "dòng\nmới.txt", "\xff.txt"}) {
      write_file(corpus() / "khac" / name,
                 "Hiệp phụ\n\nHai đội vào hiệp phụ ở sân " + name + ".\n");
    }
    for (int i = 0; i < 12; ++i) {
      write_file(corpus() / "bong-ro" / (std::to_string(i) + ".txt"),
                 "Bóng rổ số " + std::to_string(i) + "\n\nGiải bóng rổ mở màn, ngày " +
                     std::to_string(i) + ".\n");
    }
    write_file(corpus() / "kinh-te/tin.jsonl",
               "{\"title\": \"Giá lúa tăng\", \"content\": \"Giá lúa tăng nhẹ.\"}\n"
               "{\"title\": \"Giá lúa giảm\", \"content\": \"Giá lúa giảm nhẹ.\"}\n");
    // No title line: the first line is a sentence.
    write_file(corpus() / "khac/khong-tieu-de.txt",
               "Sáng nay, đoàn xe cứu hỏa đã đến hiện trường. Đám cháy được dập tắt.\n"
               "Không ai bị thương trong vụ hỏa hoạn.\n");
    const CommandResult r =
        run_command({VNINDEX_BIN, corpus().string(), "--index", index().string(), "-q", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    summary_ = new json(json::parse(r.out));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete dir_;
  }
  static fs::path corpus() { return dir_->path() / "corpus"; }
  static fs::path index() { return dir_->path() / "index"; }

  /// vnsearch on the suite's index, run in `cwd` (default: the temporary
  /// folder), colour and index variables cleared.
  static CommandResult vnsearch(std::vector<std::string> args, const std::string& stdin_text = "") {
    std::vector<std::string> argv = {VNSEARCH_BIN, "-d", index().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, stdin_text, {{"NO_COLOR", ""}, {"VNSEARCH_INDEX", ""}});
  }

  static std::vector<json> records(const std::string& out) {
    std::vector<json> result;
    for (const std::string& line : lines(out)) result.push_back(json::parse(line));
    return result;
  }

  static TempDir* dir_;
  static json* summary_;
};

TempDir* CliHabitsTest::dir_ = nullptr;
json* CliHabitsTest::summary_ = nullptr;

TEST_F(CliHabitsTest, DashWordAfterTheFirstQueryWordExcludesIt) {
  const CommandResult r = vnsearch({"--count", "chelsea", "-arsenal"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  // Options still work after the query words, whole.
  EXPECT_EQ(vnsearch({"chelsea", "-arsenal", "-c"}).out, "1\n");
  EXPECT_EQ(vnsearch({"chelsea", "--count"}).out, "2\n");
  // -- before a query that starts with '-'.
  EXPECT_EQ(vnsearch({"--count", "--", "-arsenal", "chelsea"}).out, "1\n");
  // A misspelt long option is still an error.
  EXPECT_EQ(vnsearch({"chelsea", "--cuont"}).exit_code, 2);
  EXPECT_NE(run_command({VNSEARCH_BIN, "--help"}).out.find("chelsea -arsenal"), std::string::npos);
}

TEST_F(CliHabitsTest, IndexOptionHasOneNameAndTheOtherAsAlias) {
  const std::string dir = index().string();
  const std::map<std::string, std::string> env = {{"VNSEARCH_INDEX", ""}};
  EXPECT_EQ(run_command({VNSEARCH_BIN, "--index-dir", dir, "--count", "chelsea"}, "", env).out,
            "2\n");
  EXPECT_EQ(run_command({VNSEARCH_BIN, "--index", dir, "--count", "chelsea"}, "", env).out, "2\n");
  // vnindex: --index (set-up above) and --index-dir both work.
  const CommandResult again =
      run_command({VNINDEX_BIN, corpus().string(), "--index-dir", dir, "--json", "-q"}, "", env);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["unchanged"], (*summary_)["documents"]);
  EXPECT_NE(run_command({VNINDEX_BIN, "--help"}).out.find("--index"), std::string::npos);
}

TEST_F(CliHabitsTest, FilesArePathsAShellCanOpenAndEveryMatch) {
  const fs::path root = fs::canonical(corpus());
  const CommandResult all = vnsearch({"--files", "bóng rổ"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const std::vector<std::string> paths = lines(all.out);
  EXPECT_EQ(paths.size(), 12u) << "every match, not the first 10";
  for (const std::string& path : paths) {
    EXPECT_EQ(path.rfind((root / "bong-ro").string() + "/", 0), 0u) << path;
    EXPECT_TRUE(fs::exists(path)) << path;
  }
  EXPECT_EQ(lines(vnsearch({"--files", "--limit", "3", "bóng rổ"}).out).size(), 3u);
  // Two records of one JSON Lines file: the file, once.
  EXPECT_EQ(vnsearch({"--files", "gia lua"}).out, (root / "kinh-te/tin.jsonl").string() + "\n");
}

TEST_F(CliHabitsTest, NullSeparatedFilesKeepEveryNameApart) {
  const fs::path root = fs::canonical(corpus());
  const CommandResult r = vnsearch({"--files", "-0", "hiệp phụ"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  size_t start = 0;
  for (size_t end; (end = r.out.find('\0', start)) != std::string::npos; start = end + 1) {
    names.push_back(r.out.substr(start, end - start));
  }
  EXPECT_EQ(start, r.out.size()) << "every path ends with a NUL";
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{(root / "khac/a b.txt").string(),
                                             (root / "khac/dòng\nmới.txt").string(),
                                             (root / "khac/\xff.txt").string()}));
  EXPECT_EQ(vnsearch({"--null", "hiệp phụ"}).exit_code, 2) << "--null goes with --files";
}

TEST_F(CliHabitsTest, PlainOutputWordingAndLayout) {
  const CommandResult r = vnsearch({"chelsea"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("1. ", 0), 0u) << "the first line is the first hit:\n" << r.out;
  EXPECT_NE(r.out.find("Results 1–2 of 2 matches"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("about"), std::string::npos) << r.out;
  EXPECT_NE(vnsearch({"chelsea", "-arsenal"}).out.find("Results 1–1 of 1 match ("),
            std::string::npos);
  const CommandResult none = vnsearch({"-n", "0", "chelsea"});
  EXPECT_EQ(none.out.rfind("2 matches (", 0), 0u) << none.out;
  EXPECT_NE(vnsearch({"--offset", "5", "chelsea"}).out.find("No more results (2 matches)"),
            std::string::npos);
}

TEST_F(CliHabitsTest, TitleStaysBoldAfterEachHighlight) {
  const CommandResult r = vnsearch({"--color=always", "chelsea arsenal", "-n", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\x1b[1;31mChelsea\x1b[0m\x1b[1m thua \x1b[1;31mArsenal\x1b[0m\x1b[1m"),
            std::string::npos)
      << r.out;
}

TEST_F(CliHabitsTest, QueryFileWithBomAndAnIdWithoutQuery) {
  const CommandResult r =
      vnsearch({"--json", "--queries", "-"}, "\xEF\xBB\xBFq1\tchelsea\nq2\t\nq3\tarsenal\n");
  EXPECT_EQ(r.exit_code, 2) << "a query could not run";
  std::vector<std::string> kinds;
  for (const json& rec : records(r.out)) {
    if (rec["type"] == "hit") continue;
    kinds.push_back(rec["type"].get<std::string>() + ":" + rec["query_id"].get<std::string>());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"summary:q1", "error:q2", "summary:q3"}));
}

TEST_F(CliHabitsTest, PlainFileGivenAsIndexIsNotAnIndex) {
  const fs::path plain = dir_->path() / "plainfile";
  write_file(plain, "hello\n");
  const CommandResult r = run_command({VNSEARCH_BIN, "-d", plain.string(), "chelsea"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(plain.string() + " is not an index"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(":1:"), std::string::npos) << r.err;
}

TEST_F(CliHabitsTest, HelpHasExitStatusAndVersionNamesLibrariesAndSchema) {
  const std::string help = run_command({VNSEARCH_BIN, "--help"}).out;
  EXPECT_NE(help.find("Exit status"), std::string::npos) << help;
  for (const char* tool : {VNSEARCH_BIN, VNINDEX_BIN}) {
    const CommandResult r = run_command({tool, "--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(std::string("Xapian ") + Xapian::version_string()), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(", ICU "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("index schema " + std::to_string(schema::kVersion)), std::string::npos)
        << r.out;
  }
}

TEST_F(CliHabitsTest, ArticleWithoutTitleShowsADerivedOneOnce) {
  const CommandResult r = vnsearch({"--json", "hỏa hoạn"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json hit = records(r.out).at(0);
  EXPECT_EQ(hit["title"], "Sáng nay, đoàn xe cứu hỏa đã đến hiện trường");
  EXPECT_EQ(hit["title_source"], "derived_sentence");
  const CommandResult plain = vnsearch({"hỏa hoạn"});
  EXPECT_EQ(plain.out.rfind("1. Sáng nay, đoàn xe cứu hỏa", 0), 0u) << plain.out;
  const size_t first = plain.out.find("khong-tieu-de.txt");
  EXPECT_EQ(plain.out.find("khong-tieu-de.txt", first + 1), std::string::npos) << plain.out;
  // Shown, not indexed as a title: a guess must not rank as one.
  EXPECT_EQ(vnsearch({"--count", "title:đoàn"}).out, "0\n");
  EXPECT_EQ(records(vnsearch({"--json", "chelsea", "-n", "1"}).out).at(0)["title_source"],
            "first_line");
}

TEST(DerivedTitle, UrlSlugWithTheTextsAccentsElseTheFirstSentence) {
  using indexer::derive_title;
  const std::vector<std::string> body = {
      "Cái gọi là \"da nhân tạo\" của Nga giúp chữa lành vết thương. Nga thử nghiệm.",
      "Da nhân tạo chứa tế bào, chứa collagen, chứa nước, giúp vết thương lành siêu nhanh."};
  indexer::DerivedTitle t = derive_title(
      "https://dantri.com.vn/khoa-hoc/da-nhan-tao-cua-nga-giup-chua-lanh-vet-thuong-sieu-nhanh-"
      "20210407053102351.htm",
      body);
  EXPECT_EQ(t.text, "Da nhân tạo của Nga giúp chữa lành vết thương siêu nhanh");
  EXPECT_EQ(t.source, schema::kTitleFromUrlSlug);
  // A slug word the text never has: the first sentence. So too for a slug
  // of fewer than three words.
  EXPECT_EQ(derive_title("https://example.vn/da-nhan-tao-chau-au.html", body).source,
            schema::kTitleFromSentence);
  t = derive_title("https://example.vn/tin/12345.html", body);
  EXPECT_EQ(t.text, "Cái gọi là \"da nhân tạo\" của Nga giúp chữa lành vết thương");
  EXPECT_EQ(t.source, schema::kTitleFromSentence);
  // Without the source lead; a question keeps its mark.
  EXPECT_EQ(derive_title("", {"(kontumtv.vn) – Vì sao giá lúa tăng? Vì mưa."}).text,
            "Vì sao giá lúa tăng?");
  // Long: cut at a word, with an ellipsis.
  std::string long_sentence;
  for (int i = 0; i < 40; ++i) long_sentence += "chữ ";
  t = derive_title("", {long_sentence + "hết."});
  std::string cut = "chữ";
  for (int i = 1; i < 25; ++i) cut += " chữ";  // 99 characters, then the ellipsis
  EXPECT_EQ(t.text, cut + "…");
  EXPECT_EQ(derive_title("", {}).source, "");
}

TEST(CategoryLevel, CategoryFromTheChosenFolderAndOneFormPerCategory) {
  TempDir dir;
  const fs::path corpus = dir.path() / "corpus";
  const std::string index = (dir.path() / "index").string();
  // SOURCE/CATEGORY/...: the category is the second folder.
  write_file(corpus / "bao-a/thoi-su/1.txt", "Mưa lớn\n\nMưa lớn ở Hà Nội suốt đêm qua.\n");
  write_file(corpus / "bao-b/thoi-su/2.txt", "Mưa đá\n\nMưa đá ở Lào Cai sáng nay.\n");
  write_file(corpus / "bao-b/khac/3.txt",
             "# category = Thời sự\n\nMưa rào\n\nMưa rào ở Huế chiều nay.\n");
  write_file(corpus / "bao-b/the-thao/4.txt", "Mưa hoãn trận\n\nMưa làm hoãn trận bóng.\n");
  auto vnindex = [&](std::vector<std::string> extra) {
    std::vector<std::string> argv = {VNINDEX_BIN, corpus.string(), "-d", index, "-q"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv);
  };
  auto vnsearch = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {VNSEARCH_BIN, "-d", index};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, "", {{"NO_COLOR", ""}});
  };
  ASSERT_EQ(vnindex({"--category-level", "2"}).exit_code, 0);
  const CommandResult facets = vnsearch({"--facets", "category", "mưa"});
  // The header's "Thời sự" names the folder's "thoi-su" too: one value.
  EXPECT_NE(facets.out.find("category: Thời sự 3 · the-thao 1\n"), std::string::npos) << facets.out;
  for (const std::string& hit : lines(vnsearch({"--json", "category:thoi-su"}).out)) {
    const json record = json::parse(hit);
    if (record["type"] == "hit") {
      EXPECT_EQ(record["category"], "Thời sự") << hit;
    }
  }
  EXPECT_EQ(vnsearch({"--count", "category:thoi-su"}).out, "3\n");
  EXPECT_EQ(vnsearch({"--count", "category:\"Thời sự\""}).out, "3\n");
  EXPECT_EQ(vnsearch({"--count", "category:bao-b"}).out, "0\n");
  // Later runs keep the level; changing it needs --full.
  EXPECT_EQ(vnindex({}).exit_code, 0);
  EXPECT_EQ(vnsearch({"--count", "category:thoi-su"}).out, "3\n");
  const CommandResult change = vnindex({"--category-level", "1"});
  EXPECT_EQ(change.exit_code, 2);
  EXPECT_NE(change.err.find("--full"), std::string::npos) << change.err;
  ASSERT_EQ(vnindex({"--category-level", "0", "--full"}).exit_code, 0);
  EXPECT_EQ(vnsearch({"--count", "category:thoi-su"}).out, "1\n") << "the header's alone";
}

TEST(CategoryKey, OneKeyPerCategoryAndAFormAPersonWroteFirst) {
  EXPECT_EQ(schema::category_key("Thời sự"), "thoi su");
  EXPECT_EQ(schema::category_key("thoi-su"), "thoi su");
  EXPECT_EQ(schema::category_key(" Thời_sự  - "), "thoi su");
  EXPECT_TRUE(schema::better_category_form("Thời sự", 1, "thoi-su", 50));
  EXPECT_FALSE(schema::better_category_form("thoi-su", 50, "Thời sự", 1));
  EXPECT_TRUE(schema::better_category_form("Thời sự", 5, "thời sự", 2));
  EXPECT_TRUE(schema::better_category_form("Thời Sự", 2, "Thời sự", 2));  // byte order
  EXPECT_EQ(indexer::folder_at_level("bao/thoi-su/2021/a.txt", 2), "thoi-su");
  EXPECT_EQ(indexer::folder_at_level("bao/thoi-su/2021/a.txt", 3), "2021");
  EXPECT_EQ(indexer::folder_at_level("bao/thoi-su/2021/a.txt", 4), "");
  EXPECT_EQ(indexer::folder_at_level("bao/a.txt", 0), "");
}

/// The long options `TOOL --help` lists.
std::vector<std::string> long_options(const std::string& tool) {
  std::vector<std::string> options;
  const std::string help = run_command({tool, "--help"}).out;
  for (size_t at = help.find("[ --"); at != std::string::npos; at = help.find("[ --", at + 1)) {
    options.push_back(help.substr(at + 2, help.find(' ', at + 2) - at - 2));
  }
  for (size_t at = help.find("\n  --"); at != std::string::npos; at = help.find("\n  --", at + 1)) {
    options.push_back(help.substr(at + 3, help.find_first_of(" \n", at + 3) - at - 3));
  }
  return options;
}

TEST(Install, BashCompletionKnowsEveryOption) {
  for (const char* tool : {"vnindex", "vnsearch"}) {
    const std::string completion =
        read_file(std::string(VNSEARCH_SOURCE_DIR) + "/packaging/bash-completion/" + tool);
    const std::vector<std::string> options =
        long_options(std::string(VNSEARCH_BUILD_DIR) + "/" + tool);
    EXPECT_GT(options.size(), 10u) << tool;
    for (const std::string& option : options) {
      bool listed = false;  // as a whole word: --index is not --index-dir
      for (size_t at = completion.find(option); !listed && at != std::string::npos;
           at = completion.find(option, at + 1)) {
        const char next =
            at + option.size() < completion.size() ? completion[at + option.size()] : ' ';
        listed = !std::isalnum(static_cast<unsigned char>(next)) && next != '-';
      }
      EXPECT_TRUE(listed) << tool << " " << option;
    }
  }
}

TEST(Install, CmakeInstallPutsToolsManPagesAndCompletionInTheUsualPlaces) {
  TempDir prefix;
  const CommandResult r = run_command(
      {"/usr/bin/env", "cmake", "--install", VNSEARCH_BUILD_DIR, "--prefix", prefix.path()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> expected = {"bin/vnindex", "bin/vnsearch",
                                       "share/bash-completion/completions/vnindex",
                                       "share/bash-completion/completions/vnsearch"};
  if (VNSEARCH_MAN_PAGES) {
    expected.push_back("share/man/man1/vnindex.1.gz");
    expected.push_back("share/man/man1/vnsearch.1.gz");
  }
  for (const std::string& file : expected) {
    EXPECT_TRUE(fs::exists(prefix.path() / file)) << file << "\n" << r.out;
  }
  const CommandResult version = run_command({(prefix.path() / "bin/vnsearch").string(), "-V"});
  EXPECT_EQ(version.out.rfind("vnsearch ", 0), 0u) << version.out;
}

TEST(RunSummaryText, CountsLinksApartAndNamesOneThingInTheSingular) {
  indexer::RunSummary summary;
  summary.files = 1;
  summary.added = 1;
  summary.documents = 1;
  summary.duplicates = 1;
  summary.links_skipped = 1;
  const std::string text = summary.to_text();
  EXPECT_EQ(text.rfind("vnindex: 1 file: 1 added, 0 updated, 0 deleted, 0 unchanged, 0 skipped; "
                       "1 symbolic link not followed; 1 document (1 duplicate) in ",
                       0),
            0u)
      << text;
  summary.files = summary.documents = 2;
  summary.duplicates = summary.links_skipped = 0;
  EXPECT_NE(summary.to_text().find("2 files: "), std::string::npos);
  EXPECT_NE(summary.to_text().find("; 2 documents (0 duplicates) in "), std::string::npos);
  EXPECT_EQ(summary.to_text().find("symbolic"), std::string::npos);
}

}  // namespace
}  // namespace vnsearch::testing
