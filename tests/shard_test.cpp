// @brief Sharded indexes end to end: vnindex --shards and --compact, and
// vnsearch over local shards, over xapian-tcpsrv servers and over stubs
// giving the same hits, order and scores as one index of the same corpus.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "searcher/searcher.h"
#include "test_util.h"

namespace vnsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr unsigned kShards = 3;

// ---- xapian-tcpsrv servers that never outlive the test ---------------------------

std::string find_tcpsrv() {
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    size_t start = 0;
    while (start <= dirs.size()) {
      size_t colon = dirs.find(':', start);
      if (colon == std::string::npos) colon = dirs.size();
      const fs::path candidate = fs::path(dirs.substr(start, colon - start)) / "xapian-tcpsrv";
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
      start = colon + 1;
    }
  }
  return access("/usr/bin/xapian-tcpsrv", X_OK) == 0 ? "/usr/bin/xapian-tcpsrv" : "";
}

/// A port nothing listens on now (the kernel's pick); a server started on it
/// may still lose a race, which ShardServers retries.
unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(unsigned port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

/// One xapian-tcpsrv per shard folder on 127.0.0.1. The destructor kills
/// every server (and the children it forked per connection); the servers also
/// die with the test process (PR_SET_PDEATHSIG) if it crashes.
class ShardServers {
 public:
  ShardServers(const std::string& tcpsrv, const std::vector<fs::path>& shards) {
    for (const fs::path& shard : shards) start(tcpsrv, shard);
  }
  ~ShardServers() {
    for (size_t i = 0; i < pids_.size(); ++i) stop(i);
  }
  ShardServers(const ShardServers&) = delete;
  ShardServers& operator=(const ShardServers&) = delete;

  const std::vector<unsigned>& ports() const { return ports_; }
  std::string address(size_t i) const { return "127.0.0.1:" + std::to_string(ports_[i]); }

  /// Kills server `i` (a shard going down).
  void stop(size_t i) {
    if (pids_[i] <= 0) return;
    kill(-pids_[i], SIGTERM);  // its process group: the server and its children
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (waitpid(pids_[i], &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(-pids_[i], SIGKILL);
        waitpid(pids_[i], &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(-pids_[i], SIGKILL);  // any connection child still there
    pids_[i] = 0;
  }

 private:
  void start(const std::string& tcpsrv, const fs::path& shard) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      const unsigned port = free_port();
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("fork failed");
      if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        const std::string port_text = std::to_string(port), folder = shard.string();
        execl(tcpsrv.c_str(), tcpsrv.c_str(), "--port", port_text.c_str(), "--interface",
              "127.0.0.1", folder.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      setpgid(pid, pid);
      pids_.push_back(pid);
      ports_.push_back(port);
      // Bounded wait until it listens; a server that exits lost the port.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (std::chrono::steady_clock::now() < deadline) {
        if (accepts_connections(port)) return;
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      stop(pids_.size() - 1);
      pids_.pop_back();
      ports_.pop_back();
    }
    throw std::runtime_error("xapian-tcpsrv did not start for " + shard.string());
  }

  std::vector<pid_t> pids_;
  std::vector<unsigned> ports_;
};

// ---- Search results as the comparison sees them ------------------------------------

struct HitRecord {
  std::string path;
  double score = 0;
  std::string snippet;
  size_t copies = 0;  ///< other members of its near-copy group
};

struct Results {
  int exit_code = -1;
  std::string err;
  std::vector<HitRecord> hits;
  std::vector<json> facets;
  json summary;
};

Results parse_results(const CommandResult& r) {
  Results results;
  results.exit_code = r.exit_code;
  results.err = r.err;
  for (const std::string& line : lines(r.out)) {
    const json record = json::parse(line);
    if (record["type"] == "hit") {
      results.hits.push_back(
          {record["path"], record["score"], record["snippet"], record["copies"].size()});
    } else if (record["type"] == "facet") {
      results.facets.push_back(record);
    } else if (record["type"] == "summary") {
      results.summary = record;
    }
  }
  return results;
}

bool same_score(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a));
}

/// Path → collapse key (its near-copy group) of every document of an index.
std::map<std::string, std::string> content_keys(const fs::path& index) {
  std::map<std::string, std::string> keys;
  Xapian::Database db(index.string());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    keys[schema::DocumentData::from_json(doc.get_data()).path] =
        doc.get_value(schema::kSlotCollapseKey);
  }
  return keys;
}

/// Same hits in the same order with the same scores, copies and passages
/// (which come from the stored document). Only hits that tie on score may
/// come in another order: Xapian breaks ties by docid, and shards number
/// their documents differently. For the same reason another copy may stand
/// for collapsed duplicates: such hits are compared by content (`keys`:
/// path → collapse key).
void expect_same_results(const Results& expected, const Results& actual,
                         const std::map<std::string, std::string>& keys, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(actual.exit_code, expected.exit_code) << actual.err;
  ASSERT_EQ(actual.hits.size(), expected.hits.size());
  EXPECT_EQ(actual.summary["matches"], expected.summary["matches"]);
  EXPECT_EQ(actual.summary.value("reading", ""), expected.summary.value("reading", ""));
  EXPECT_FALSE(actual.summary.contains("partial"));
  size_t group_start = 0;
  for (size_t i = 0; i < expected.hits.size(); ++i) {
    EXPECT_TRUE(same_score(actual.hits[i].score, expected.hits[i].score))
        << "rank " << i + 1 << ": " << actual.hits[i].score << " vs " << expected.hits[i].score;
    const bool group_ends = i + 1 == expected.hits.size() ||
                            !same_score(expected.hits[i + 1].score, expected.hits[i].score);
    if (!group_ends) continue;
    auto identity = [&](const HitRecord& hit, bool by_content) {
      auto key = keys.find(hit.path);
      const std::string content = key == keys.end() || key->second.empty() ? hit.path : key->second;
      return (by_content ? content : hit.path) + " copies=" + std::to_string(hit.copies) + "\n" +
             hit.snippet;
    };
    std::vector<std::string> want, got;
    for (size_t k = group_start; k <= i; ++k) {
      // Collapsed copies with equal scores: the one with the lower docid shows.
      const bool by_content = group_start < i || expected.hits[k].copies > 0;
      want.push_back(identity(expected.hits[k], by_content));
      got.push_back(identity(actual.hits[k], by_content));
    }
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want) << "ranks " << group_start + 1 << "-" << i + 1;
    group_start = i + 1;
  }
  ASSERT_EQ(actual.facets.size(), expected.facets.size());
  for (size_t i = 0; i < expected.facets.size(); ++i) {
    EXPECT_EQ(actual.facets[i], expected.facets[i]);
  }
}

/// ~10 queries covering the query language, filters, date sort and facets.
const std::vector<std::vector<std::string>>& queries() {
  static const std::vector<std::vector<std::string>> list = {
      {"đảng viên"},
      {"dang vien"},
      {"bóng đá"},
      {"\"Kon Tum\""},
      {"\"ha noi\""},  // many forms per word: the phrase weighs as its words
      {"\"Đà Nẵng\" du lich"},
      {"ha noi", "--facets", "source,category,year"},
      {"vac xin covid", "--sort", "date"},
      {"da nang -covid"},
      {"source:kontumtv.vn"},
      {"kinh te", "--from", "2020", "--to", "2023-06"},
      {"title:hoi an OR tam coc"},
      {"du lich", "--facets", "year", "--sort", "date"},
  };
  return list;
}

class ShardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    for (const auto& [folder, extra] : std::vector<std::pair<fs::path, std::vector<std::string>>>{
             {single(), {}}, {sharded(), {"--shards", std::to_string(kShards)}}}) {
      std::vector<std::string> argv = {VNINDEX_BIN, corpus().string(), "-d", folder.string(), "-q"};
      argv.insert(argv.end(), extra.begin(), extra.end());
      const CommandResult r = run_command(argv, "", {{"VNSEARCH_INDEX", ""}});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    keys_ = new std::map<std::string, std::string>(content_keys(single()));
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  static fs::path corpus() { return fs::path(VNSEARCH_SOURCE_DIR) / "corpus"; }
  static fs::path single() { return dir_->path() / "single"; }
  static fs::path sharded() { return dir_->path() / "sharded"; }
  static std::vector<fs::path> shard_folders(const fs::path& index) {
    std::vector<fs::path> folders;
    for (unsigned i = 0; i < kShards; ++i)
      folders.push_back(index / ("shard-" + std::to_string(i)));
    return folders;
  }

  /// vnsearch --json with `locations` (-d/--remote options) and `query`.
  static Results search(const std::vector<std::string>& locations,
                        const std::vector<std::string>& query) {
    std::vector<std::string> argv = {VNSEARCH_BIN, "--json", "--limit", "1000", "--passages", "1"};
    argv.insert(argv.end(), locations.begin(), locations.end());
    argv.insert(argv.end(), query.begin(), query.end());
    return parse_results(run_command(argv, "", {{"VNSEARCH_INDEX", ""}, {"NO_COLOR", ""}}));
  }

  /// Every query gives the same results through `locations` as on the single index.
  static void expect_like_single_index(const std::vector<std::string>& locations,
                                       const std::string& what) {
    for (const auto& query : queries()) {
      const Results expected = search({"-d", single().string()}, query);
      ASSERT_EQ(expected.exit_code, 0) << query[0] << ": " << expected.err;
      ASSERT_FALSE(expected.hits.empty()) << query[0];
      expect_same_results(expected, search(locations, query), *keys_, what + ", query " + query[0]);
    }
  }

  static std::string tcpsrv() {
    static const std::string path = find_tcpsrv();
    return path;
  }

  static TempDir* dir_;
  static std::map<std::string, std::string>* keys_;
};

TempDir* ShardTest::dir_ = nullptr;
std::map<std::string, std::string>* ShardTest::keys_ = nullptr;

#define REQUIRE_TCPSRV()                                                  \
  if (tcpsrv().empty())                                                   \
  GTEST_SKIP() << "xapian-tcpsrv not found (package xapian-tools, which " \
                  "scripts/install-deps.sh installs)"

// ---- vnindex --shards ------------------------------------------------------------------

TEST_F(ShardTest, EachDocumentLivesInExactlyOneShardListedByTheStub) {
  const std::string stub = read_file(sharded() / "XAPIANDB");
  for (unsigned i = 0; i < kShards; ++i) {
    EXPECT_NE(stub.find("auto shard-" + std::to_string(i) + "\n"), std::string::npos) << stub;
  }
  Xapian::Database one(single().string());
  Xapian::Database all(sharded().string());  // Xapian opens the folder through its stub
  EXPECT_EQ(all.get_doccount(), one.get_doccount());
  std::vector<Xapian::Database> shards;
  for (const fs::path& folder : shard_folders(sharded())) {
    shards.emplace_back(folder.string());
    EXPECT_GT(shards.back().get_doccount(), 0u) << folder;
    EXPECT_EQ(shards.back().get_metadata(std::string(schema::kMetaSchemaVersion)),
              std::to_string(schema::kVersion));
  }
  const std::string prefix(schema::kIdPrefix);
  for (auto id = one.allterms_begin(prefix); id != one.allterms_end(prefix); ++id) {
    int holders = 0;
    for (const Xapian::Database& shard : shards) holders += shard.term_exists(*id);
    EXPECT_EQ(holders, 1) << *id;
  }
  const CommandResult check =
      run_command({"/usr/bin/xapian-check", (sharded() / "XAPIANDB").string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(ShardTest, ReRunsAreIncrementalPerShardAndTheShardCountIsKept) {
  TempDir dir;
  const fs::path corpus = dir.path() / "corpus", index = dir.path() / "index";
  fs::copy(ShardTest::corpus(), corpus, fs::copy_options::recursive);
  auto vnindex = [&](std::vector<std::string> extra) {
    std::vector<std::string> argv = {VNINDEX_BIN, corpus.string(), "-d", index.string(), "--json"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv, "", {{"VNSEARCH_INDEX", ""}});
  };
  CommandResult r = vnindex({"--shards", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json first = json::parse(r.out);
  ASSERT_EQ(first["shards"].size(), 3u);
  uint64_t added = 0, files = 0;
  for (const json& shard : first["shards"]) {
    added += shard["added"].get<uint64_t>();
    files += shard["files"].get<uint64_t>();
  }
  EXPECT_EQ(added, first["added"].get<uint64_t>());
  EXPECT_EQ(files, first["files"].get<uint64_t>());
  EXPECT_EQ(first["duplicates"], 2) << "copies in different shards still count";

  // Without --shards the index keeps its three.
  fs::last_write_time(corpus / "thoi-su/ket-nap-dang-vien-kon-tum.txt",
                      fs::last_write_time(corpus / "thoi-su/ket-nap-dang-vien-kon-tum.txt") +
                          std::chrono::seconds(10));
  std::ofstream(corpus / "thoi-su/ket-nap-dang-vien-kon-tum.txt", std::ios::app) << "\nThêm.\n";
  fs::remove(corpus / "kinh-te/gia-thanh-long-giam-sau.txt");
  r = vnindex({});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json second = json::parse(r.out);
  EXPECT_EQ(second["updated"], 1);
  EXPECT_EQ(second["deleted"], 1);
  EXPECT_EQ(second["added"], 0);
  EXPECT_EQ(second["documents"], first["documents"].get<int>() - 1);
  EXPECT_EQ(second["shards"].size(), 3u);

  r = vnindex({"--shards", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("has 3 shards, not 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--full"), std::string::npos) << r.err;
  r = vnindex({"--shards", "2", "--full"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["shards"].size(), 2u);
  EXPECT_FALSE(fs::exists(index / "shard-2"));
  r = vnindex({"--shards", "1", "--full"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(json::parse(r.out).contains("shards"));
  EXPECT_TRUE(fs::exists(index / "iamglass"));
  EXPECT_FALSE(fs::exists(index / "XAPIANDB"));
  EXPECT_FALSE(fs::exists(index / "shard-0"));
  EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), second["documents"].get<unsigned>());
}

TEST_F(ShardTest, ALockedShardIsNamed) {
  TempDir dir;
  const fs::path index = dir.path() / "index";
  fs::copy(sharded(), index, fs::copy_options::recursive);
  Xapian::WritableDatabase holder((index / "shard-1").string(), Xapian::DB_OPEN);
  const CommandResult r = run_command({VNINDEX_BIN, corpus().string(), "-d", index.string()}, "",
                                      {{"VNSEARCH_INDEX", ""}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("index " + index.string() + " (shard-1) is locked by another process"),
            std::string::npos)
      << r.err;
}

// ---- Searching shards as one -------------------------------------------------------------

TEST_F(ShardTest, LocalShardsRankLikeOneIndex) {
  expect_like_single_index({"-d", sharded().string()}, "stub folder");
  std::vector<std::string> each;
  for (const fs::path& folder : shard_folders(sharded())) {
    each.push_back("-d");
    each.push_back(folder.string());
  }
  expect_like_single_index(each, "repeated -d");
}

// Xapian 1.4.22 weights an OP_WILDCARD expansion on a sharded database about
// N times higher than on one database (N shards); the query compiler expands
// prefixes itself (allterms over all shards, then OP_SYNONYM) to avoid it.
// What remains: Xapian estimates the synonym's term frequency on each shard
// and adds the estimates up, which is not quite the estimate over one
// database once the expanded terms share documents (`1*` in covid-1* expands
// to 64 numbers): the weights then differ by well under a percent. So the
// same articles match and score alike, and a prefix whose terms share no
// document ranks exactly as on one index.
TEST_F(ShardTest, WildcardsRankLikeOneIndex) {
  const std::vector<std::string> exact = {"kinh*"};
  const Results expected = search({"-d", single().string()}, exact);
  ASSERT_FALSE(expected.hits.empty());
  expect_same_results(expected, search({"-d", sharded().string()}, exact), *keys_, exact[0]);

  const std::vector<std::string> many_terms = {"covid-1*"};
  const Results one = search({"-d", single().string()}, many_terms);
  const Results shards = search({"-d", sharded().string()}, many_terms);
  ASSERT_FALSE(one.hits.empty());
  ASSERT_EQ(shards.hits.size(), one.hits.size());
  EXPECT_EQ(shards.summary["matches"], one.summary["matches"]);
  // A collapsed group may show another of its members on shards.
  const auto content_of = [this](const std::string& path) {
    const auto key = keys_->find(path);
    return key == keys_->end() || key->second.empty() ? path : key->second;
  };
  std::multiset<std::string> one_paths, shard_paths;
  for (size_t i = 0; i < one.hits.size(); ++i) {
    EXPECT_NEAR(shards.hits[i].score, one.hits[i].score, 0.01 * one.hits[i].score)
        << "rank " << i + 1;
    one_paths.insert(content_of(one.hits[i].path));
    shard_paths.insert(content_of(shards.hits[i].path));
  }
  EXPECT_EQ(shard_paths, one_paths);
}

TEST_F(ShardTest, RemoteShardsRankLikeOneIndex) {
  REQUIRE_TCPSRV();
  ShardServers servers(tcpsrv(), shard_folders(sharded()));
  std::vector<std::string> remotes;
  std::string stub_text = "# shards served by xapian-tcpsrv\n";
  for (size_t i = 0; i < kShards; ++i) {
    remotes.push_back("--remote");
    remotes.push_back(servers.address(i));
    stub_text += "remote " + servers.address(i) + "\n";
  }
  expect_like_single_index(remotes, "--remote");

  TempDir dir;
  write_file(dir.path() / "remote-index" / "XAPIANDB", stub_text);
  expect_like_single_index({"-d", (dir.path() / "remote-index").string()}, "stub of remotes");
  write_file(dir.path() / "mixed.stub", "auto " + (sharded() / "shard-0").string() + "\nremote " +
                                            servers.address(1) + "\nremote " + servers.address(2) +
                                            "\n");
  expect_like_single_index({"-d", (dir.path() / "mixed.stub").string()}, "stub, local and remote");
}

TEST_F(ShardTest, AShardThatIsDownIsNamedOrLeftOutWithAllowPartial) {
  REQUIRE_TCPSRV();
  ShardServers servers(tcpsrv(), shard_folders(sharded()));
  servers.stop(1);
  const std::string down = servers.address(1);
  std::vector<std::string> remotes;
  for (size_t i = 0; i < kShards; ++i) {
    remotes.push_back("--remote");
    remotes.push_back(servers.address(i));
  }

  Results r = search(remotes, {"dang vien"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("vnsearch: error: cannot open shard " + down), std::string::npos) << r.err;
  EXPECT_TRUE(r.hits.empty());

  remotes.push_back("--allow-partial");
  r = search(remotes, {"dang vien"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("vnsearch: warning: results are partial: 1 shard unavailable"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(down), std::string::npos) << r.err;
  EXPECT_EQ(r.summary["partial"], true);
  EXPECT_EQ(r.summary["unavailable"], json::array({down}));
  // The other shards' hits, none from the shard that is down.
  const Results all = search({"-d", single().string()}, {"dang vien"});
  EXPECT_FALSE(r.hits.empty());
  EXPECT_LT(r.hits.size(), all.hits.size());
  Xapian::Database missing((sharded() / "shard-1").string());
  for (const HitRecord& hit : r.hits) {
    EXPECT_FALSE(missing.term_exists(schema::id_term(hit.path))) << hit.path;
  }

  // A local shard gone from a stub folder is named the same way.
  TempDir dir;
  const fs::path index = dir.path() / "index";
  fs::copy(sharded(), index, fs::copy_options::recursive);
  fs::remove_all(index / "shard-2");
  r = search({"-d", index.string()}, {"dang vien"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find((index / "shard-2").string()), std::string::npos) << r.err;
  r = search({"-d", index.string(), "--allow-partial"}, {"dang vien"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.summary["partial"], true);
}

TEST_F(ShardTest, AShardThatGoesDownAfterOpeningIsNamedOrDroppedWithAllowPartial) {
  REQUIRE_TCPSRV();
  ShardServers servers(tcpsrv(), shard_folders(sharded()));
  searcher::IndexLocations locations;
  for (size_t i = 0; i < kShards; ++i) locations.remotes.push_back(servers.address(i));
  searcher::SearchRequest request;
  request.query = "dang vien";
  request.limit = 1000;
  searcher::Searcher strict(locations);
  locations.allow_partial = true;
  searcher::Searcher lenient(locations);
  const size_t all_hits = strict.search(request).hits.size();
  ASSERT_GT(all_hits, 0u);

  servers.stop(1);
  try {
    strict.search(request);
    ADD_FAILURE() << "no error with a shard down";
  } catch (const searcher::ShardUnavailableError& e) {
    EXPECT_NE(std::string(e.what()).find(servers.address(1)), std::string::npos) << e.what();
  }
  const searcher::SearchResult partial = lenient.search(request);
  ASSERT_EQ(partial.unavailable.size(), 1u);
  EXPECT_EQ(partial.unavailable[0].name, servers.address(1));
  EXPECT_GT(partial.hits.size(), 0u);
  EXPECT_LT(partial.hits.size(), all_hits);
  EXPECT_EQ(lenient.search(request).unavailable.size(), 1u) << "still reported on later queries";
}

// ---- vnindex --compact --------------------------------------------------------------------

TEST_F(ShardTest, CompactMergesShardsIntoOneIndexThatRanksTheSame) {
  TempDir dir;
  const fs::path index = dir.path() / "index";
  fs::copy(sharded(), index, fs::copy_options::recursive);
  CommandResult r = run_command({VNINDEX_BIN, "--compact", "-d", index.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json summary = json::parse(r.out);
  EXPECT_EQ(summary["shards_before"], kShards);
  EXPECT_EQ(summary["documents"], Xapian::Database(single().string()).get_doccount());
  EXPECT_TRUE(fs::exists(index / "iamglass"));
  EXPECT_FALSE(fs::exists(index / "XAPIANDB"));
  EXPECT_FALSE(fs::exists(index / "shard-0"));
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path(), index) << "left behind: " << entry.path();
  }
  Xapian::Database compacted(index.string());
  EXPECT_EQ(compacted.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kVersion));
  EXPECT_FALSE(compacted.get_metadata(std::string(schema::kMetaLastUpdate)).empty());
  EXPECT_EQ(compacted.get_metadata(std::string(schema::kMetaCorpusRoot)),
            fs::canonical(corpus()).string());
  expect_like_single_index({"-d", index.string()}, "compacted");

  // Still an index vnindex updates in place, and compacts again.
  r = run_command({VNINDEX_BIN, corpus().string(), "-d", index.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["unchanged"], summary["documents"]);
  r = run_command({VNINDEX_BIN, "--compact", "-d", index.string(), "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run_command({VNINDEX_BIN, "--compact", "-d", (dir.path() / "none").string()}).exit_code,
            2);
  EXPECT_EQ(run_command({VNINDEX_BIN, "--compact", corpus().string()}).exit_code, 2);
}

}  // namespace
}  // namespace vnsearch::testing
