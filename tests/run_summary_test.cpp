// @brief The run summary: the line for humans and the JSON object.
#include "indexer/run_summary.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace vnsearch::indexer {
namespace {

RunSummary sample() {
  RunSummary s;
  s.files = 3;
  s.added = 2;
  s.updated = 1;
  s.skipped = 1;
  s.documents = 5;
  s.duplicates = 1;
  s.bytes = 2 << 20;
  s.index_bytes = 3 << 20;
  s.compacted = true;
  s.seconds = 2;
  return s;
}

TEST(RunSummaryTest, TextSaysWhatChangedAndTheIndexSize) {
  EXPECT_EQ(sample().to_text(),
            "vnindex: 3 files: 2 added, 1 updated, 0 deleted, 0 unchanged, 1 skipped; "
            "5 documents (1 duplicate) in 2.0 s, 2 docs/s, 1.0 MB/s; index 3.0 MB, compacted");
  RunSummary one = sample();
  one.files = 1;
  one.links_skipped = 2;
  one.compacted = false;
  one.shards.resize(2);
  const std::string text = one.to_text();
  EXPECT_NE(text.find("vnindex: 1 file: "), std::string::npos) << text;
  EXPECT_NE(text.find("; 2 symbolic links not followed;"), std::string::npos) << text;
  EXPECT_NE(text.find("; index 3.0 MB in 2 shards"), std::string::npos) << text;
}

TEST(RunSummaryTest, JsonHasEveryCountAndEachShard) {
  RunSummary s = sample();
  ShardSummary shard;
  shard.name = "shard-0";
  shard.added = 2;
  shard.documents = 4;
  s.shards.push_back(shard);
  const nlohmann::json j = nlohmann::json::parse(s.to_json());
  EXPECT_EQ(j["added"], 2);
  EXPECT_EQ(j["updated"], 1);
  EXPECT_EQ(j["skipped"], 1);
  EXPECT_EQ(j["documents"], 5);
  EXPECT_EQ(j["index_bytes"], 3 << 20);
  EXPECT_EQ(j["compacted"], true);
  EXPECT_EQ(j["docs_per_second"], 1.5);
  ASSERT_EQ(j["shards"].size(), 1u);
  EXPECT_EQ(j["shards"][0]["shard"], "shard-0");
  EXPECT_EQ(j["shards"][0]["documents"], 4);
}

TEST(RunSummaryTest, CountsAddUp) {
  ChangeCounts a, b;
  a.added = 1;
  a.skipped = 2;
  b.added = 3;
  b.deleted = 4;
  a += b;
  EXPECT_EQ(a.added, 4u);
  EXPECT_EQ(a.deleted, 4u);
  EXPECT_EQ(a.skipped, 2u);
}

}  // namespace
}  // namespace vnsearch::indexer
