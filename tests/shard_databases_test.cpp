// @brief Opening shard databases for writing: the lock message, the schema
// version check, damaged shards named, and what a shard holds by file.
#include "indexer/shard_databases.h"

#include <gtest/gtest.h>

#include "common/database.h"
#include "common/schema.h"
#include "indexer/shards.h"
#include "test_util.h"

namespace vnsearch::indexer {
namespace {

using testing::TempDir;

void add(Xapian::WritableDatabase& db, const std::string& path, const std::string& stamp) {
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(path));
  doc.add_value(schema::kSlotFileStamp, stamp);
  schema::DocumentData data;
  data.path = path;
  doc.set_data(data.to_json());
  db.replace_document(schema::id_term(path), doc);
}

TEST(ShardDatabasesTest, ALockedShardIsNamed) {
  TempDir dir;
  const auto path = dir.path() / "index" / "shard-1";
  std::filesystem::create_directories(path);
  Xapian::WritableDatabase holder(path.string(), Xapian::DB_CREATE_OR_OPEN);
  try {
    open_writable_shard(path, dir.path() / "index", "shard-1");
    FAIL() << "opened a locked shard";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), index_label((dir.path() / "index").string(), "shard-1") +
                                         " is locked by another process (another vnindex "
                                         "running?)");
  }
}

TEST(ShardDatabasesTest, AnotherSchemaVersionIsRefusedUnlessTheDatabaseIsNew) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  EXPECT_NO_THROW(check_schema_version(db, dir.path(), "")) << "a new database";
  add(db, "a.txt", "1:1:x");
  db.commit();
  EXPECT_THROW(check_schema_version(db, dir.path(), ""), std::runtime_error)
      << "documents, but no version: not made by vnindex";
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion - 1));
  try {
    check_schema_version(db, dir.path(), "shard-0");
    FAIL() << "an older version passed";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("(shard-0) has schema version " + std::to_string(schema::kVersion - 1)),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("--full"), std::string::npos) << message;
  }
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
  EXPECT_NO_THROW(check_schema_version(db, dir.path(), ""));
}

TEST(ShardDatabasesTest, WhatAShardHoldsByFile) {
  TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  add(db, "a.txt", "1:1:x");
  add(db, "b.jsonl#1", "2:2:y");
  add(db, "b.jsonl#2", "2:2:y");
  add(db, "c.jsonl#1", "3:3:z");
  add(db, "c.jsonl#2", "3:4:z");  // a run stopped half-way through c.jsonl
  const std::string long_path = std::string(250, 'd') + ".txt";
  add(db, long_path, "4:4:w");
  db.commit();
  const IndexedFiles files = load_indexed_files(db);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files.at("a.txt").stamp, "1:1:x");
  EXPECT_EQ(files.at("b.jsonl").documents.size(), 2u);
  EXPECT_EQ(files.at("b.jsonl").stamp, "2:2:y");
  EXPECT_EQ(files.at("c.jsonl").stamp, "") << "stamps disagree: read it again";
  EXPECT_EQ(files.count(long_path), 1u) << "a shortened id is found by its stored path";
}

TEST(ShardDatabasesTest, OpensEveryShardAndNamesADamagedOne) {
  TempDir dir;
  const auto index = dir.path() / "index";
  prepare_shards(index, 2);
  {
    std::vector<OpenShard> shards = open_shards(shard_paths(index, 2), index, false);
    ASSERT_EQ(shards.size(), 2u);
    EXPECT_EQ(shards[1].label, "shard-1");
    add(shards[1].db, "a.txt", "1:1:x");
    shards[1].db.set_metadata(std::string(schema::kMetaSchemaVersion),
                              std::to_string(schema::kVersion));
    shards[1].db.commit();
  }
  std::filesystem::remove(index / "shard-1" / "termlist.glass");
  try {
    open_shards(shard_paths(index, 2), index, false);
    FAIL() << "a shard without its term list opened";
  } catch (const IndexDamagedError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("(shard-1) is damaged"), std::string::npos) << message;
    EXPECT_NE(message.find("termlist.glass"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace vnsearch::indexer
