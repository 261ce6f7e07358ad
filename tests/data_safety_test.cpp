// @brief End-to-end tests of what must never cost a user their index or their
// run: hostile files, racing commands, a killed rebuild, a changed or empty
// corpus folder, damaged indexes, kills at random moments and a full disk.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "indexer/index_lock.h"
#include "searcher/searcher.h"
#include "test_util.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::run_command;
using testing::TempDir;
using testing::write_file;

constexpr auto npos = std::string::npos;

class DataSafetyTest : public ::testing::Test {
 protected:
  fs::path corpus() const { return dir_.path() / "corpus"; }
  fs::path index() const { return dir_.path() / "index"; }

  CommandResult vnindex(std::vector<std::string> args) {
    args.insert(args.begin(), VNINDEX_BIN);
    return run_command(args, "", {{"VNSEARCH_INDEX", ""}});
  }
  /// vnindex CORPUS -d INDEX EXTRA...
  CommandResult update(const fs::path& corpus_dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {corpus_dir.string(), "-d", index().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return vnindex(args);
  }
  CommandResult vnsearch(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {VNSEARCH_BIN, "-d", index().string()});
    return run_command(args, input, {{"VNSEARCH_INDEX", ""}, {"NO_COLOR", ""}});
  }
  Xapian::doccount doc_count() { return Xapian::Database(index().string()).get_doccount(); }

  /// Five small articles in two folders.
  void write_articles(const fs::path& root, int count = 5) {
    for (int i = 0; i < count; ++i) {
      write_file(root / (i % 2 ? "thoi-su" : "kinh-te") / ("tin-" + std::to_string(i) + ".txt"),
                 "Bản tin số " + std::to_string(i) + "\n\nNgười dân Hà Nội đón tin vui số " +
                     std::to_string(i) + " về giá lúa và thủy điện.\n");
    }
  }

  TempDir dir_;
};

// ---- Hostile files ----------------------------------------------------------------

TEST_F(DataSafetyTest, AHostileHtmlFileIsSkippedWithItsPathAndTheRunCompletes) {
  write_articles(corpus());
  std::string hostile;
  for (int i = 0; i < 20000; ++i) hostile += "<div>x ";
  write_file(corpus() / "rac/a.html", hostile);
  const CommandResult r = update(corpus());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find((corpus() / "rac/a.html").string() + ": HTML elements nested more than"),
            npos)
      << r.err;
  EXPECT_EQ(doc_count(), 5u);
}

TEST_F(DataSafetyTest, JobsMustBeAWholeNumberWithinBounds) {
  write_articles(corpus());
  for (const char* jobs : {"-1", "0", "1000", "4294967295", "2x", ""}) {
    const CommandResult r = update(corpus(), {"--jobs", jobs});
    EXPECT_EQ(r.exit_code, 2) << jobs;
    EXPECT_NE(r.err.find("--jobs must be a whole number from 1 to 64"), npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(index()));
  EXPECT_EQ(update(corpus(), {"--jobs", "2"}).exit_code, 0);
}

// ---- One writer at a time -----------------------------------------------------------

TEST_F(DataSafetyTest, ARefusedCommandLeavesALockedIndexAsItWas) {
  write_articles(corpus());
  ASSERT_EQ(update(corpus(), {"--shards", "2"}).exit_code, 0);
  const std::string stub = testing::read_file(index() / "XAPIANDB");
  {
    const indexer::IndexLock held(index());  // as a running vnindex holds it
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{corpus().string(), "-d", index().string(), "--shards", "1",
                                   "--full"},
          {corpus().string(), "-d", index().string()},
          {"--compact", "-d", index().string()},
          {"--check", "-d", index().string()}}) {
      const CommandResult r = vnindex(args);
      EXPECT_EQ(r.exit_code, 2) << args.back();
      EXPECT_NE(r.err.find("is locked by another vnindex"), npos) << r.err;
    }
  }
  // Nothing was removed: the stub and both shards still serve every document.
  EXPECT_EQ(testing::read_file(index() / "XAPIANDB"), stub);
  EXPECT_EQ(doc_count(), 5u);
  const CommandResult found = vnsearch({"--count", "thuy dien"});
  EXPECT_EQ(found.out, "5\n") << found.err;
}

TEST_F(DataSafetyTest, TwoRunsStartingOnANewIndexGiveTheLockMessage) {
  write_articles(corpus());
  const indexer::IndexLock held(index());  // the first run has just made the folder
  const CommandResult r = update(corpus());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is locked by another vnindex"), npos) << r.err;
  EXPECT_EQ(r.err.find("not a Xapian database"), npos) << r.err;
}

// ---- --full builds beside and swaps -------------------------------------------------

pid_t spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

/// Kills `pid` and tells whether it was still running then.
bool kill_and_reap(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

void write_many_articles(const fs::path& root, int count, const std::string& extra = "") {
  for (int i = 0; i < count; ++i) {
    write_file(root / ("muc-" + std::to_string(i % 10)) / ("tin-" + std::to_string(i) + ".txt"),
               "Bản tin số " + std::to_string(i) + "\n\nNgười dân xã " + std::to_string(i) +
                   " thu hoạch lúa, cà phê và hồ tiêu trong mùa khô năm nay. " + extra + "\n");
  }
}

TEST_F(DataSafetyTest, AKilledFullRebuildLeavesTheOldIndexWhole) {
  constexpr int kFiles = 3000;
  write_many_articles(corpus(), kFiles);
  ASSERT_EQ(update(corpus(), {"-q"}).exit_code, 0);
  ASSERT_EQ(doc_count(), static_cast<Xapian::doccount>(kFiles));

  const fs::path rebuild = dir_.path() / ".index.rebuild";
  const pid_t pid =
      spawn({VNINDEX_BIN, corpus().string(), "-d", index().string(), "--full", "-j", "1", "-q"});
  ASSERT_GT(pid, 0);
  // Kill as soon as the new index has some documents beside the old one.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool building = false;
  while (!building && std::chrono::steady_clock::now() < deadline) {
    try {
      building = Xapian::Database(rebuild.string()).get_doccount() > 0;
    } catch (const Xapian::Error&) {
    }
    if (!building) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(kill_and_reap(pid)) << "the rebuild ended before it could be killed";
  ASSERT_TRUE(building) << "no rebuild folder seen beside the index";

  EXPECT_EQ(doc_count(), static_cast<Xapian::doccount>(kFiles));
  const CommandResult check = run_command({"/usr/bin/xapian-check", index().string()});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  // Any run removes what the killed one left, and says so.
  const CommandResult next = update(corpus(), {"--json"});
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.err.find("removed " + rebuild.string()), npos) << next.err;
  EXPECT_FALSE(fs::exists(rebuild));
  EXPECT_EQ(nlohmann::json::parse(next.out)["unchanged"], kFiles);
}

TEST_F(DataSafetyTest, FullRebuildReplacesTheIndexInOneStepAndLeavesNothingBehind) {
  write_articles(corpus());
  ASSERT_EQ(update(corpus(), {"--shards", "3"}).exit_code, 0);
  write_file(dir_.path() / ".index.compact/iamglass", "left by a killed --compact");
  fs::remove(corpus() / "kinh-te/tin-0.txt");
  const CommandResult r = update(corpus(), {"--full", "--shards", "1", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 4);
  EXPECT_FALSE(fs::exists(index() / "XAPIANDB"));
  EXPECT_FALSE(fs::exists(index() / "shard-0"));
  EXPECT_TRUE(fs::exists(index() / "iamglass"));
  EXPECT_FALSE(fs::exists(dir_.path() / ".index.rebuild"));
  EXPECT_FALSE(fs::exists(dir_.path() / ".index.compact"));
  EXPECT_EQ(doc_count(), 4u);
}

// ---- Another folder, an empty folder ---------------------------------------------------

TEST_F(DataSafetyTest, AnotherCorpusFolderIsRefusedAndNothingIsDeleted) {
  write_articles(corpus());
  ASSERT_EQ(update(corpus()).exit_code, 0);
  // A sub-folder typed for the archive: 2 of its 5 files, in other paths.
  CommandResult r = update(corpus() / "thoi-su");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("was built from " + fs::canonical(corpus()).string()), npos) << r.err;
  EXPECT_NE(r.err.find("--root-moved"), npos) << r.err;
  EXPECT_EQ(doc_count(), 5u);
  // Also quiet: a refusal is an error, not a note.
  r = update(corpus() / "thoi-su", {"-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());

  // The archive moved: --root-moved keeps every document.
  const fs::path moved = dir_.path() / "kho-moi";
  fs::rename(corpus(), moved);
  EXPECT_EQ(update(moved).exit_code, 2);
  r = update(moved, {"--root-moved", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["unchanged"], 5);
  EXPECT_EQ(s["deleted"], 0);
  EXPECT_EQ(update(moved).exit_code, 0);  // the new folder is now the index's own

  // --full indexes the other folder instead.
  r = update(moved / "thoi-su", {"--full", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], 2);
}

TEST_F(DataSafetyTest, ARunThatWouldDeleteMostOfTheIndexStopsUntilAllowed) {
  write_articles(corpus(), 6);
  ASSERT_EQ(update(corpus()).exit_code, 0);
  // The disk is not mounted: the folder is there, its files are not.
  for (const fs::path& folder : {corpus() / "thoi-su", corpus() / "kinh-te"})
    fs::remove_all(folder);
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, {"-q"}, {"--full"}, {"--max-delete", "5"}}) {
    const CommandResult r = update(corpus(), extra);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("would delete 6 of the 6 documents"), npos) << r.err;
    EXPECT_EQ(doc_count(), 6u);
  }
  // Deleting half is within the default; more takes the flag.
  write_articles(corpus(), 3);
  CommandResult r = update(corpus(), {"--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["deleted"], 3);
  fs::remove_all(corpus() / "kinh-te");
  EXPECT_EQ(update(corpus(), {"--max-delete", "10%"}).exit_code, 2);
  r = update(corpus(), {"--max-delete", "100%", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["deleted"], 2);
  for (const char* bad : {"-1", "x", "150%", "%"}) {
    EXPECT_EQ(update(corpus(), {"--max-delete", bad}).exit_code, 2) << bad;
  }
}

TEST_F(DataSafetyTest, ExcludingFilesIsNotTakenForVanishedFiles) {
  write_articles(corpus(), 6);
  ASSERT_EQ(update(corpus()).exit_code, 0);
  const CommandResult r = update(corpus(), {"--exclude", "kinh-te", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["deleted"], 3);
}

// ---- Damaged indexes --------------------------------------------------------------------

void overwrite_with_garbage(const fs::path& file) {
  const auto size = fs::file_size(file);
  std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
  const std::string garbage(static_cast<size_t>(size), '\xA5');
  out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

class DamagedIndexTest : public DataSafetyTest,
                         public ::testing::WithParamInterface<std::string> {};

TEST_P(DamagedIndexTest, IsNamedWithWhatToDoAndFullRepairsIt) {
  write_articles(corpus());
  ASSERT_EQ(update(corpus()).exit_code, 0);
  const std::string damage = GetParam();
  if (damage == "docdata overwritten") overwrite_with_garbage(index() / "docdata.glass");
  if (damage == "postlist overwritten") overwrite_with_garbage(index() / "postlist.glass");
  if (damage == "docdata deleted") fs::remove(index() / "docdata.glass");
  if (damage == "iamglass deleted") fs::remove(index() / "iamglass");

  const CommandResult search = vnsearch({"--json", "ha noi"});
  EXPECT_EQ(search.exit_code, 2) << search.out;
  EXPECT_NE(search.err.find("index " + index().string() + " is damaged"), npos) << search.err;
  EXPECT_NE(search.err.find("vnindex --full"), npos) << search.err;

  const CommandResult check = vnindex({"--check", "-d", index().string()});
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_NE(check.err.find("is damaged"), npos) << check.err;

  if (damage != "docdata overwritten") {  // an update reads the other tables
    const CommandResult r = update(corpus());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("is damaged"), npos) << r.err;
  }
  const CommandResult repaired = update(corpus(), {"--full"});
  EXPECT_EQ(repaired.exit_code, 0) << repaired.err;
  EXPECT_EQ(vnindex({"--check", "-d", index().string()}).exit_code, 0);
  EXPECT_EQ(vnsearch({"--count", "ha noi"}).out, "5\n");
}

INSTANTIATE_TEST_SUITE_P(Kinds, DamagedIndexTest,
                         ::testing::Values("docdata overwritten", "postlist overwritten",
                                           "docdata deleted", "iamglass deleted"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == ' ') c = '_';
                           }
                           return name;
                         });

TEST_F(DataSafetyTest, CheckSaysAHealthyIndexIsConsistent) {
  write_articles(corpus());
  ASSERT_EQ(update(corpus(), {"--shards", "2"}).exit_code, 0);
  const CommandResult r = vnindex({"--check", "--json", "-d", index().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["databases"].size(), 2u);
  EXPECT_EQ(vnindex({"--check", "-d", (dir_.path() / "none").string()}).exit_code, 2);
}

/// Overwrites every block of a table but its root, so that the index opens
/// and fails only when a query reads the table.
void overwrite_all_but_the_root(const fs::path& table) {
  const CommandResult check = run_command({"/usr/bin/xapian-check", table.string()});
  const size_t at = check.out.find(" root=");
  ASSERT_NE(at, npos) << check.out;
  ASSERT_NE(check.out.find("blocksize=8K"), npos) << check.out;
  const uint64_t root = std::stoull(check.out.substr(at + 6));
  constexpr uint64_t kBlock = 8192;
  const uint64_t blocks = fs::file_size(table) / kBlock;
  ASSERT_GT(blocks, 2u) << "the table has one level only";
  std::fstream out(table, std::ios::in | std::ios::out | std::ios::binary);
  const std::string garbage(kBlock, '\xA5');
  for (uint64_t block = 0; block < blocks; ++block) {
    if (block == root) continue;
    out.seekp(static_cast<std::streamoff>(block * kBlock));
    out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
}

TEST_F(DataSafetyTest, AQueryThatFindsDamageFailsAloneInABatch) {
  write_many_articles(corpus(), 400);
  ASSERT_EQ(update(corpus(), {"-q"}).exit_code, 0);
  overwrite_all_but_the_root(index() / "docdata.glass");
  // The first query reads document data and fails; the second finds
  // nothing, reads none and still gets its record.
  const CommandResult r =
      vnsearch({"--json", "--queries", "-"}, "a\tthu hoach lua\nb\tkhongcotunay\n");
  EXPECT_EQ(r.exit_code, 2);
  const std::vector<std::string> records = testing::lines(r.out);
  ASSERT_EQ(records.size(), 2u) << r.out << r.err;
  const nlohmann::json failed = nlohmann::json::parse(records[0]);
  EXPECT_EQ(failed["type"], "error");
  EXPECT_EQ(failed["query_id"], "a");
  EXPECT_NE(failed["message"].get<std::string>().find("is damaged"), npos) << records[0];
  const nlohmann::json answered = nlohmann::json::parse(records[1]);
  EXPECT_EQ(answered["type"], "summary");
  EXPECT_EQ(answered["query_id"], "b");
}

// ---- Searching while vnindex commits --------------------------------------------------------

TEST_F(DataSafetyTest, ASearchOutlivesCommitsMadeSinceTheIndexWasOpened) {
  write_many_articles(corpus(), 400);
  ASSERT_EQ(update(corpus(), {"-q"}).exit_code, 0);
  searcher::Searcher searcher(index().string());
  searcher::SearchRequest request;
  request.query = "thu hoach lua";
  ASSERT_EQ(searcher.search(request).matches, 400u);
  {
    // Several commits that rewrite every document: the revision the
    // searcher opened is gone and its blocks are reused.
    Xapian::WritableDatabase db(index().string(), Xapian::DB_OPEN);
    for (int round = 0; round < 4; ++round) {
      for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
        Xapian::Document doc = db.get_document(id);
        doc.add_term("XROUND" + std::to_string(round));
        db.replace_document(id, doc);
      }
      db.commit();
    }
  }
  const searcher::SearchResult result = searcher.search(request);
  EXPECT_EQ(result.matches, 400u);
  EXPECT_EQ(result.hits.size(), 10u);
}

// ---- Kills at random moments, and a full disk ----------------------------------------------

TEST_F(DataSafetyTest, KillsAtRandomMomentsNeverLeaveAnUnusableIndex) {
  constexpr int kFiles = 1500;
  std::mt19937 random(20261129);
  std::uniform_int_distribution<int> delay_ms(50, 600);
  int killed = 0;
  for (int round = 0; round < 6; ++round) {
    // New text in every file, so that every run has all of them to write.
    write_many_articles(corpus(), kFiles, "lần " + std::to_string(round));
    std::vector<std::string> args = {
        VNINDEX_BIN, corpus().string(), "-d", index().string(), "-q", "-j", "1"};
    if (round == 2) args.push_back("--full");
    if (round == 4) args = {VNINDEX_BIN, "--compact", "-d", index().string(), "-q"};
    const pid_t pid = spawn(args);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    killed += kill_and_reap(pid) ? 1 : 0;
    if (!fs::exists(index() / "iamglass")) continue;  // killed before the first commit
    const CommandResult check = run_command({"/usr/bin/xapian-check", index().string()});
    EXPECT_EQ(check.exit_code, 0) << "round " << round << ": " << check.out;
    const CommandResult search = vnsearch({"--count", "thu hoach"});
    EXPECT_NE(search.exit_code, 2) << "round " << round << ": " << search.err;
  }
  EXPECT_GE(killed, 3) << "too few runs were killed for the test to mean much";
  const CommandResult r = update(corpus(), {"--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["documents"], kFiles);
  EXPECT_EQ(vnindex({"--check", "-d", index().string()}).exit_code, 0);
  EXPECT_EQ(vnsearch({"--count", "\"lần 5\""}).out, std::to_string(kFiles) + "\n");
}

TEST_F(DataSafetyTest, AFullDiskStopsTheRunAndKeepsWhatWasCommitted) {
  const fs::path mount_point = dir_.path() / "small-disk";
  fs::create_directories(mount_point);
  const CommandResult mounted =
      run_command({"/bin/mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount_point.string()});
  if (mounted.exit_code != 0) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): " << mounted.err;
  }
  struct Unmount {
    fs::path point;
    ~Unmount() { run_command({"/bin/umount", "-l", point.string()}); }
  } unmount{mount_point};

  const fs::path small_index = mount_point / "index";
  write_articles(corpus());
  CommandResult r = run_command({VNINDEX_BIN, corpus().string(), "-d", small_index.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Far more text than the disk holds.
  for (int i = 0; i < 300; ++i) {
    std::string body;
    for (int w = 0; w < 800; ++w) body += "từ" + std::to_string(i * 1000 + w) + " ";
    write_file(corpus() / "lon" / ("bai-" + std::to_string(i) + ".txt"), "Bài lớn\n\n" + body);
  }
  r = run_command({VNINDEX_BIN, corpus().string(), "-d", small_index.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("No space left on device"), npos) << r.err;
  EXPECT_NE(r.err.find("committed before"), npos) << r.err;
  const CommandResult check = run_command({"/usr/bin/xapian-check", small_index.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  Xapian::Database db(small_index.string());
  EXPECT_GE(db.get_doccount(), 5u);
  EXPECT_TRUE(db.term_exists(schema::id_term("thoi-su/tin-1.txt")));
}

}  // namespace
}  // namespace vnsearch
