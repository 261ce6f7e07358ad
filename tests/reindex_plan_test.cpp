// @brief The re-index plan: what a run reads, keeps and deletes, decided from
// the walk and what the shards hold, without any database.
#include "indexer/reindex_plan.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "indexer/shards.h"

namespace vnsearch::indexer {
namespace {

CorpusFile file(const std::string& relative_path, uint64_t size, int64_t mtime_ns) {
  CorpusFile f;
  f.relative_path = relative_path;
  f.path = "/corpus/" + relative_path;
  f.size = size;
  f.mtime_ns = mtime_ns;
  return f;
}

/// A file indexed before with `documents` documents and the stamp of size and mtime.
IndexedFile indexed(uint64_t size, int64_t mtime_ns, int documents, Xapian::docid first = 1) {
  IndexedFile f;
  f.stamp = stamp_prefix(size, mtime_ns) + "abcdef";
  for (int i = 0; i < documents; ++i) {
    f.documents.emplace("Qdoc" + std::to_string(first + i), first + i);
  }
  return f;
}

TEST(ReindexPlanTest, ANewIndexReadsEveryFile) {
  const std::vector<CorpusFile> files = {file("a.txt", 10, 1), file("b/c.txt", 20, 2)};
  const ReindexPlan plan = plan_reindex(files, {IndexedFiles()}, PlanRules());
  ASSERT_EQ(plan.tasks.size(), 2u);
  EXPECT_EQ(plan.tasks[0].file, &files[0]);
  EXPECT_EQ(plan.tasks[0].indexed, nullptr);
  EXPECT_EQ(plan.tasks[1].file, &files[1]);
  EXPECT_EQ(plan.bytes_to_read, 30u);
  ASSERT_EQ(plan.shards.size(), 1u);
  EXPECT_EQ(plan.shards[0].tasks, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(plan.shards[0].files, 2u);
  EXPECT_EQ(plan.files_unchanged, 0u);
}

TEST(ReindexPlanTest, AddedChangedUnchangedAndDeletedFiles) {
  const std::vector<CorpusFile> files = {file("added.txt", 5, 1),
                                         file("changed.txt", 7, 99),      // another mtime
                                         file("resized.txt", 8, 3),       // another size
                                         file("unchanged.jsonl", 9, 4)};  // three records
  IndexedFiles shard;
  shard["changed.txt"] = indexed(7, 2, 1, 10);
  shard["resized.txt"] = indexed(6, 3, 1, 11);
  shard["unchanged.jsonl"] = indexed(9, 4, 3, 12);
  shard["deleted.txt"] = indexed(4, 4, 1, 20);
  const std::vector<IndexedFiles> shards = {shard};  // the plan points into it
  const ReindexPlan plan = plan_reindex(files, shards, PlanRules());

  ASSERT_EQ(plan.tasks.size(), 3u);
  EXPECT_EQ(plan.tasks[0].file->relative_path, "added.txt");
  EXPECT_EQ(plan.tasks[0].indexed, nullptr);
  EXPECT_EQ(plan.tasks[1].file->relative_path, "changed.txt");
  EXPECT_EQ(plan.tasks[1].indexed, &shards[0].at("changed.txt"));
  EXPECT_EQ(plan.tasks[2].file->relative_path, "resized.txt");
  EXPECT_EQ(plan.files_unchanged, 1u);
  EXPECT_EQ(plan.shards[0].unchanged, 3u) << "documents, not files";
  ASSERT_EQ(plan.shards[0].gone.size(), 1u);
  EXPECT_EQ(plan.shards[0].gone[0], &shards[0].at("deleted.txt"));
  EXPECT_EQ(plan.vanished_documents, 1u);
  EXPECT_EQ(plan.bytes_to_read, 5u + 7u + 8u);
}

TEST(ReindexPlanTest, AFileWithMixedStampsIsReadAgain) {
  // A run stopped half-way through a JSON Lines file leaves no common stamp.
  IndexedFiles shard;
  shard["tin.jsonl"] = indexed(9, 4, 2);
  shard["tin.jsonl"].stamp.clear();
  const std::vector<CorpusFile> files = {file("tin.jsonl", 9, 4)};
  const std::vector<IndexedFiles> shards = {shard};  // the plan points into it
  const ReindexPlan plan = plan_reindex(files, shards, PlanRules());
  ASSERT_EQ(plan.tasks.size(), 1u);
  EXPECT_EQ(plan.tasks[0].indexed, &shards[0].at("tin.jsonl"));
  EXPECT_EQ(plan.files_unchanged, 0u);
}

TEST(ReindexPlanTest, ATooLargeFileIsATaskEvenWhenUnchangedAndIsNotRead) {
  IndexedFiles shard;
  shard["big.txt"] = indexed(100, 1, 1);
  const std::vector<CorpusFile> files = {file("big.txt", 100, 1)};
  PlanRules rules;
  rules.max_file_size = 50;
  const std::vector<IndexedFiles> shards = {shard};  // the plan points into it
  const ReindexPlan plan = plan_reindex(files, shards, rules);
  ASSERT_EQ(plan.tasks.size(), 1u);
  EXPECT_TRUE(plan.tasks[0].too_large);
  EXPECT_EQ(plan.tasks[0].bytes(), 0u);
  EXPECT_EQ(plan.bytes_to_read, 0u);
}

TEST(ReindexPlanTest, FilesOfUnlistedFoldersAreNotGone) {
  IndexedFiles shard;
  shard["locked/a.txt"] = indexed(1, 1, 1);
  shard["lockedness/b.txt"] = indexed(1, 1, 1, 2);
  PlanRules rules;
  rules.unlisted_folders = {"locked"};
  const std::vector<IndexedFiles> shards = {shard};  // the plan points into it
  const ReindexPlan plan = plan_reindex({}, shards, rules);
  ASSERT_EQ(plan.shards[0].gone.size(), 1u);
  EXPECT_EQ(plan.shards[0].gone[0], &shards[0].at("lockedness/b.txt"));
}

TEST(ReindexPlanTest, FilesLeftOutByTheGlobsGoButDoNotCountAsVanished) {
  IndexedFiles shard;
  shard["old/a.txt"] = indexed(1, 1, 2);
  shard["b.html"] = indexed(1, 1, 1, 3);
  shard["c.txt"] = indexed(1, 1, 1, 4);
  PlanRules rules;
  rules.exclude_globs = {"old"};
  rules.include_globs = {"*.txt"};
  const std::vector<IndexedFiles> shards = {shard};  // the plan points into it
  const ReindexPlan plan = plan_reindex({}, shards, rules);
  EXPECT_EQ(plan.shards[0].gone.size(), 3u);
  EXPECT_EQ(plan.vanished_documents, 1u) << "only c.txt vanished by itself";
}

TEST(ReindexPlanTest, EachFileGoesToItsShard) {
  std::vector<CorpusFile> files;
  for (int i = 0; i < 20; ++i) files.push_back(file("f" + std::to_string(i) + ".txt", 1, 1));
  const std::vector<IndexedFiles> shards(3);
  const ReindexPlan plan = plan_reindex(files, shards, PlanRules());
  ASSERT_EQ(plan.shards.size(), 3u);
  size_t tasks = 0;
  for (unsigned s = 0; s < 3; ++s) {
    for (size_t index : plan.shards[s].tasks) {
      EXPECT_EQ(plan.tasks[index].shard, s);
      EXPECT_EQ(shard_of(plan.tasks[index].file->relative_path, 3), s);
    }
    EXPECT_TRUE(std::is_sorted(plan.shards[s].tasks.begin(), plan.shards[s].tasks.end()));
    tasks += plan.shards[s].tasks.size();
  }
  EXPECT_EQ(tasks, 20u);
}

TEST(ReindexPlanTest, StampsAndIds) {
  EXPECT_EQ(stamp_prefix(12, 345), "12:345:");
  EXPECT_EQ(stamp_hash("12:345:abc"), "abc");
  EXPECT_EQ(stamp_hash("nothing"), "");
  EXPECT_EQ(file_of_id("tin.jsonl#12"), "tin.jsonl");
  EXPECT_EQ(file_of_id("tin.JSON#1"), "tin.JSON");
  EXPECT_EQ(file_of_id("so#1.txt"), "so#1.txt");
  EXPECT_EQ(file_of_id("bai#1"), "bai#1") << "no indexable extension before '#'";
  EXPECT_EQ(file_of_id("tin.jsonl#x"), "tin.jsonl#x");
}

}  // namespace
}  // namespace vnsearch::indexer
