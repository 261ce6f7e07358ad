// @brief End-to-end tests of the vnsearch binary (VNSEARCH_BIN) on an index
// built in a temporary folder: exit codes, output modes, batch, messages.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/document_builder.h"
#include "test_util.h"

namespace vnsearch::testing {
namespace {

using nlohmann::json;

schema::DocumentData article(const std::string& path, const std::string& title,
                             const std::string& text, const std::string& date,
                             const std::string& source, const std::string& category) {
  schema::DocumentData d;
  d.path = path;
  d.title = title;
  d.text = text;
  d.date = date;
  d.source = source;
  d.category = category;
  return d;
}

class SearcherE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Xapian::WritableDatabase db(index_dir(), Xapian::DB_CREATE_OR_OVERWRITE);
    indexer::DocumentBuilder builder;
    const std::vector<schema::DocumentData> docs = {
        article("the-thao/1.txt", "Bóng đá Việt Nam thắng lớn",
                "Đội tuyển bóng đá Việt Nam thắng 3-0. Người hâm mộ vui mừng.", "2020-03-01",
                "vnexpress.net", "Thể thao"),
        article("the-thao/2.txt", "Bóng đá nữ", "Đội bóng đá nữ tập luyện.", "2021-06-02",
                "tuoitre.vn", "Thể thao"),
        article("xa-hoi/1.txt", "Thời tiết", "Trời mưa to ở Hà Nội.", "2021-07-03", "tuoitre.vn",
                "Xã hội"),
    };
    for (const auto& d : docs) db.replace_document(schema::id_term(d.path), builder.build(d, "s"));
    // Many articles, for output larger than a pipe buffer.
    for (int i = 0; i < 400; ++i) {
      const auto d =
          article("many/" + std::to_string(i) + ".txt", "Tin nhanh số " + std::to_string(i),
                  "Tin nhanh trong ngày, bản tin số " + std::to_string(i) +
                      " với nhiều nội dung dài để lấp đầy đường ống của tiến trình.",
                  "2019-01-01", "baomoi.com", "Tổng hợp");
      db.replace_document(schema::id_term(d.path), builder.build(d, "s"));
    }
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
    db.set_metadata(std::string(schema::kMetaLastUpdate), "2024-01-02T03:04:05Z");
    db.set_metadata(std::string(schema::kMetaCorpusRoot), "/corpus");
    db.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string index_dir() { return (dir_->path() / "index").string(); }

  // Runs vnsearch on the test index, colour and index variables cleared.
  static CommandResult vnsearch(std::vector<std::string> args, const std::string& stdin_text = "",
                                std::map<std::string, std::string> env = {}) {
    std::vector<std::string> argv = {VNSEARCH_BIN, "-d", index_dir()};
    argv.insert(argv.end(), args.begin(), args.end());
    env.emplace("NO_COLOR", "");
    env.emplace("VNSEARCH_INDEX", "");
    return run_command(argv, stdin_text, env);
  }

  static std::vector<json> records(const std::string& out) {
    std::vector<json> result;
    for (const std::string& line : lines(out)) result.push_back(json::parse(line));
    return result;
  }

  static TempDir* dir_;
};

TempDir* SearcherE2eTest::dir_ = nullptr;

TEST_F(SearcherE2eTest, ExitCodes) {
  EXPECT_EQ(vnsearch({"bong da"}).exit_code, 0);
  EXPECT_EQ(vnsearch({"xyzzy"}).exit_code, 1);
  EXPECT_EQ(vnsearch({"--limit", "-3", "x"}).exit_code, 2);
  EXPECT_EQ(vnsearch({"--bogus", "x"}).exit_code, 2);
  EXPECT_EQ(vnsearch({}).exit_code, 2);
}

TEST_F(SearcherE2eTest, TerminalOutput) {
  const CommandResult r = vnsearch({"bóng đá Việt Nam", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1. Bóng đá"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("vnexpress.net · 2020-03-01 · the-thao/1.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Results 1–1 of 1 match"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when not on a terminal";
}

TEST_F(SearcherE2eTest, JsonRecords) {
  const CommandResult r = vnsearch({"--json", "bong da"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> recs = records(r.out);
  ASSERT_EQ(recs.size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    const json& hit = recs[i];
    EXPECT_EQ(hit["type"], "hit");
    EXPECT_EQ(hit["rank"], i + 1);
    for (const char* key : {"score", "path", "title", "source", "category", "date", "url", "author",
                            "copies", "snippet", "highlights"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
    const std::string snippet = hit["snippet"];
    for (const auto& range : hit["highlights"]) {
      const std::string word =
          snippet.substr(range[0], range[1].get<size_t>() - range[0].get<size_t>());
      EXPECT_TRUE(word == "bóng" || word == "đá") << word;
    }
  }
  EXPECT_EQ(recs[2]["type"], "summary");
  EXPECT_EQ(recs[2]["matches"], 2);
  EXPECT_EQ(recs[2]["returned"], 2);
  EXPECT_EQ(recs[2]["query"], "bong da");
}

TEST_F(SearcherE2eTest, TimingsSayWhereTheTimeWent) {
  // Without --timings the summary has none.
  EXPECT_FALSE(records(vnsearch({"--json", "bong da"}).out).back().contains("timings"));

  const auto phases_of = [&](const std::vector<std::string>& args) {
    const CommandResult r = vnsearch(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json summary = records(r.out).back();
    EXPECT_EQ(summary["type"], "summary");
    std::set<std::string> phases;
    double sum = 0;
    for (const auto& [phase, ms] : summary["timings"].items()) {
      EXPECT_GE(ms.get<double>(), 0) << phase;
      sum += ms.get<double>();
      phases.insert(phase);
    }
    // The phases are parts of the search, one after another.
    EXPECT_LE(sum, summary["ms"].get<double>() + 1e-6) << summary.dump();
    EXPECT_GT(sum, 0.5 * summary["ms"].get<double>()) << summary.dump();
    return phases;
  };
  const std::set<std::string> short_query = phases_of({"--json", "--timings", "bong da"});
  for (const char* phase : {"parse", "reading", "match", "hits"}) {
    EXPECT_TRUE(short_query.count(phase)) << phase;
  }
  EXPECT_FALSE(short_query.count("draw")) << "a short query is one match";
  // A pasted headline: candidates drawn, then ranked and rescored.
  const std::set<std::string> long_query =
      phases_of({"--json", "--timings", "đội tuyển bóng đá Việt Nam thắng người hâm mộ vui mừng"});
  for (const char* phase : {"parse", "draw", "match", "rescore", "lift", "hits"}) {
    EXPECT_TRUE(long_query.count(phase)) << phase;
  }

  // Off JSON, one line on stderr a query; the results as without.
  CommandResult r = vnsearch({"--timings", "bong da"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto without_time = [](std::string out) {  // "… of 2 matches (2.6 ms)"
    return std::regex_replace(out, std::regex(R"( \([0-9.]+ ms\))"), "");
  };
  EXPECT_EQ(without_time(r.out), without_time(vnsearch({"bong da"}).out));
  EXPECT_NE(without_time(r.out), r.out) << "the time is taken out";
  EXPECT_EQ(r.err.rfind("vnsearch: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(" ms: parse "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(", match "), std::string::npos) << r.err;
  r = vnsearch({"--count", "--timings", "--queries", "-"}, "a\tbong da\nb\txyzzy\n");
  EXPECT_EQ(r.out, "a\t2\nb\t0\n");
  EXPECT_NE(r.err.find("vnsearch: query a: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("vnsearch: query b: "), std::string::npos) << r.err;
}

TEST_F(SearcherE2eTest, FilesAndCount) {
  const CommandResult files = vnsearch({"--files", "bóng đá"});
  EXPECT_EQ(files.exit_code, 0);
  std::vector<std::string> found = lines(files.out);
  std::sort(found.begin(), found.end());
  // Absolute: the index's corpus root joined with the relative path.
  EXPECT_EQ(found, (std::vector<std::string>{"/corpus/the-thao/1.txt", "/corpus/the-thao/2.txt"}));
  const CommandResult count = vnsearch({"--count", "bóng đá"});
  EXPECT_EQ(count.exit_code, 0);
  EXPECT_EQ(count.out, "2\n");
  EXPECT_EQ(vnsearch({"--count", "xyzzy"}).out, "0\n");
  EXPECT_EQ(vnsearch({"--files", "--json", "x"}).exit_code, 2);
}

TEST_F(SearcherE2eTest, FiltersFromTheCommandLine) {
  EXPECT_EQ(vnsearch({"--files", "--from", "2021", "bóng đá"}).out, "/corpus/the-thao/2.txt\n");
  EXPECT_EQ(vnsearch({"--files", "--to", "2020-12", "bóng đá"}).out, "/corpus/the-thao/1.txt\n");
  EXPECT_EQ(vnsearch({"--files", "--sort", "date", "--limit", "1", "source:tuoitre.vn"}).out,
            "/corpus/xa-hoi/1.txt\n");
  EXPECT_EQ(vnsearch({"--from", "2021-13", "x"}).exit_code, 2);
}

TEST_F(SearcherE2eTest, Facets) {
  const CommandResult r = vnsearch({"--json", "--facets", "source,year", "bóng đá"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> facets;
  for (const json& rec : records(r.out)) {
    if (rec["type"] == "facet") facets.push_back(rec);
  }
  ASSERT_EQ(facets.size(), 2u);
  EXPECT_EQ(facets[0]["facet"], "source");
  EXPECT_EQ(facets[0]["values"].size(), 2u);
  EXPECT_EQ(facets[1]["facet"], "year");
  const CommandResult text = vnsearch({"--facets", "category", "bóng đá"});
  EXPECT_NE(text.out.find("category: Thể thao 2"), std::string::npos) << text.out;
  EXPECT_EQ(vnsearch({"--facets", "color", "x"}).exit_code, 2);
}

TEST_F(SearcherE2eTest, BatchWithIds) {
  const std::string queries =
      read_file(std::string(VNSEARCH_FIXTURES_DIR) + "/searcher/queries.tsv");
  const CommandResult r = vnsearch({"--json", "--queries", "-"}, queries);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> summary_ids;
  for (const json& rec : records(r.out)) {
    ASSERT_TRUE(rec.contains("query_id")) << rec.dump();
    if (rec["type"] == "summary") summary_ids.push_back(rec["query_id"]);
  }
  EXPECT_EQ(summary_ids, (std::vector<std::string>{"bong", "3", "4"}));
  const CommandResult from_file = vnsearch(
      {"--count", "--queries", std::string(VNSEARCH_FIXTURES_DIR) + "/searcher/queries.tsv"});
  EXPECT_EQ(from_file.out, "bong\t2\n3\t0\n4\t1\n");
  EXPECT_EQ(vnsearch({"--count", "--queries", "-"}, "xyzzy\n").exit_code, 1);
}

TEST_F(SearcherE2eTest, MissingIndex) {
  const CommandResult r =
      run_command({VNSEARCH_BIN, "-d", (dir_->path() / "nothing").string(), "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "vnsearch: no index at " + (dir_->path() / "nothing").string() +
                       "; run vnindex CORPUS_DIR first\n");
  EXPECT_EQ(r.out, "");
  // $VNSEARCH_INDEX names the default.
  const CommandResult env =
      run_command({VNSEARCH_BIN, "--count", "bóng"}, "", {{"VNSEARCH_INDEX", index_dir()}});
  EXPECT_EQ(env.out, "2\n");
}

TEST_F(SearcherE2eTest, MalformedQueries) {
  for (const std::string q : {"\"\"", "!!!", "-", "date:2020-13 x"}) {
    const CommandResult r = vnsearch({q});
    EXPECT_EQ(r.exit_code, 2) << q;
    EXPECT_EQ(r.err.rfind("vnsearch: ", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "") << q;
  }
  EXPECT_NE(vnsearch({"\"\""}).err.find("no words"), std::string::npos);
  EXPECT_NE(vnsearch({"date:2020-13 x"}).err.find("invalid date"), std::string::npos);
  // Lenient readings still search.
  EXPECT_EQ(vnsearch({"--count", "(bóng \"đá"}).out, "2\n");
  std::string paste;
  for (int i = 0; i < 10000; ++i) paste += "bóng ";
  EXPECT_EQ(vnsearch({"--count", paste}).exit_code, 0);
  // A malformed line in a batch is reported, the others still run.
  const CommandResult batch = vnsearch({"--count", "--queries", "-"}, "bóng\n!!!\n");
  EXPECT_EQ(batch.exit_code, 2);
  EXPECT_EQ(batch.out, "1\t2\n");
  EXPECT_NE(batch.err.find("query 2:"), std::string::npos) << batch.err;
  // With --json the failed query has an error record; comments are skipped.
  const CommandResult json_batch =
      vnsearch({"--json", "--queries", "-"}, "# a comment\nbóng\n  # indented\nx\t!!!\n");
  EXPECT_EQ(json_batch.exit_code, 2);
  std::vector<std::string> kinds;
  for (const json& rec : records(json_batch.out)) {
    if (rec["type"] == "hit") continue;
    kinds.push_back(rec["type"].get<std::string>() + ":" + rec["query_id"].get<std::string>());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"summary:2", "error:x"}));
}

TEST_F(SearcherE2eTest, Colour) {
  EXPECT_NE(vnsearch({"--color=always", "bóng"}).out.find("\x1b[1;31m"), std::string::npos);
  EXPECT_NE(vnsearch({"--color=always", "bóng"}, "", {{"NO_COLOR", "1"}}).out.find("\x1b["),
            std::string::npos);
  EXPECT_EQ(vnsearch({"--color=never", "bóng"}).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(vnsearch({"--color=auto", "bóng"}, "", {{"NO_COLOR", "1"}}).out.find("\x1b["),
            std::string::npos);
  EXPECT_EQ(vnsearch({"--color=sometimes", "bóng"}).exit_code, 2);
}

TEST_F(SearcherE2eTest, StatsHelpVersionAnalyze) {
  const CommandResult stats = vnsearch({"--stats", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const json s = json::parse(stats.out);
  EXPECT_EQ(s["type"], "stats");
  EXPECT_EQ(s["documents"], 403);
  EXPECT_EQ(s["last_update"], "2024-01-02T03:04:05Z");
  EXPECT_NE(vnsearch({"--stats"}).out.find("corpus root:  /corpus"), std::string::npos);
  EXPECT_EQ(run_command({VNSEARCH_BIN, "--help"}).exit_code, 0);
  EXPECT_EQ(run_command({VNSEARCH_BIN, "--version"}).out.rfind("vnsearch ", 0), 0u);
  const CommandResult analyze = run_command({VNSEARCH_BIN, "--analyze", "Hoà", "--json"});
  EXPECT_EQ(analyze.exit_code, 0);
  EXPECT_EQ(json::parse(analyze.out)["norm"], "hòa");
}

TEST_F(SearcherE2eTest, ClosedPipeExitsQuietly) {
  const std::string command = std::string("'") + VNSEARCH_BIN + "' -d '" + index_dir() +
                              "' --limit 400 'tin nhanh' | head -c 10 >/dev/null; "
                              "echo \"status=${PIPESTATUS[0]}\"";
  const CommandResult r = run_command({"/bin/bash", "-c", command}, "", {{"NO_COLOR", ""}});
  EXPECT_EQ(r.out, "status=0\n");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace vnsearch::testing
