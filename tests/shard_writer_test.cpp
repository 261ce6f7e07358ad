// @brief The shard writer on a real Xapian database, fed by hand: added,
// updated, unchanged and deleted counts, transactions, commit batches and
// duplicate counts.
#include "indexer/shard_writer.h"

#include <sstream>

#include <gtest/gtest.h>

#include "common/schema.h"
#include "test_util.h"

namespace vnsearch::indexer {
namespace {

using testing::TempDir;

BuiltDocument built(const std::string& path, const std::string& body) {
  BuiltDocument d;
  d.id_term = schema::id_term(path);
  d.document.add_boolean_term(d.id_term);
  d.document.add_boolean_term(std::string(schema::kDuplicatePrefix) + body);
  d.document.add_value(schema::kSlotFileStamp, "1:1:" + body);
  d.document.set_data(body);
  return d;
}

/// Feeds a writer one file's documents, in chunks of `chunk_size`.
class Feed {
 public:
  Feed(std::vector<BuiltDocument> documents, FileResult result, size_t chunk_size = 2)
      : documents_(std::move(documents)), result_(std::move(result)), chunk_size_(chunk_size) {}

  ShardWriter::NextChunk next_chunk() {
    return [this](std::vector<BuiltDocument>* chunk) {
      if (next_ >= documents_.size()) return false;
      for (size_t i = 0; i < chunk_size_ && next_ < documents_.size(); ++i) {
        chunk->push_back(documents_[next_++]);
      }
      return true;
    };
  }
  ShardWriter::TakeResult take_result() {
    return [this] { return result_; };
  }

 private:
  std::vector<BuiltDocument> documents_;
  FileResult result_;
  size_t chunk_size_;
  size_t next_ = 0;
};

FileResult outcome(Outcome o, const std::string& reason = "") {
  FileResult r;
  r.outcome = o;
  r.reason = reason;
  r.stamp = "9:9:new";
  r.bytes_read = 100;
  return r;
}

/// What the database holds for `path`, as load_indexed_files would see it.
IndexedFile indexed_of(const Xapian::Database& db, const std::vector<std::string>& paths) {
  IndexedFile f;
  for (const std::string& path : paths) {
    const std::string id = schema::id_term(path);
    auto posting = db.postlist_begin(id);
    if (posting != db.postlist_end(id)) f.documents.emplace(id, *posting);
  }
  return f;
}

/// Indexes "a.txt" with `writer`, then applies `then` to it as the next run
/// would; returns what the file held before `then`.
IndexedFile index_then(ShardWriter& writer, const Xapian::Database& db, FileResult then) {
  Feed add({built("a.txt", "x")}, outcome(Outcome::kIndexed));
  writer.apply_file("a.txt", nullptr, add.next_chunk(), add.take_result());
  IndexedFile before = indexed_of(db, {"a.txt"});
  Feed second({}, std::move(then));
  writer.apply_file("a.txt", &before, second.next_chunk(), second.take_result());
  return before;
}

class ShardWriterTest : public ::testing::Test {
 protected:
  ShardWriterTest() : db_((dir_.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN) {}

  WriterSettings settings(uint64_t commit_documents = 500) {
    WriterSettings s;
    s.corpus_dir = "/corpus";
    s.commit_documents = commit_documents;
    s.commit_seconds = 1e9;  // never by time: the test must not depend on speed
    return s;
  }

  TempDir dir_;
  Xapian::WritableDatabase db_;
  std::ostringstream err_;
  Console console_{err_, false};
};

TEST_F(ShardWriterTest, NewDocumentsAreAddedAndChangedOnesUpdated) {
  ShardWriter writer(db_, settings(), console_);
  Feed first({built("a.jsonl#1", "x"), built("a.jsonl#2", "y"), built("a.jsonl#3", "z")},
             outcome(Outcome::kIndexed));
  writer.apply_file("a.jsonl", nullptr, first.next_chunk(), first.take_result());
  EXPECT_EQ(writer.counts().added, 3u);
  EXPECT_EQ(writer.bytes_read(), 100u);
  EXPECT_EQ(db_.get_doccount(), 3u);

  // The file changed: record 2 is gone, 1 and 3 are rewritten.
  const IndexedFile before = indexed_of(db_, {"a.jsonl#1", "a.jsonl#2", "a.jsonl#3"});
  Feed second({built("a.jsonl#1", "x2"), built("a.jsonl#3", "z2")}, outcome(Outcome::kIndexed));
  writer.apply_file("a.jsonl", &before, second.next_chunk(), second.take_result());
  EXPECT_EQ(writer.counts().updated, 2u);
  EXPECT_EQ(writer.counts().deleted, 1u) << "a record gone from a changed file goes";
  EXPECT_EQ(db_.get_doccount(), 2u);
  EXPECT_FALSE(db_.term_exists(schema::id_term("a.jsonl#2")));
}

TEST_F(ShardWriterTest, AnUnchangedContentOnlyGetsTheNewStamp) {
  ShardWriter writer(db_, settings(), console_);
  const IndexedFile before = index_then(writer, db_, outcome(Outcome::kContentUnchanged));
  EXPECT_EQ(writer.counts().unchanged, 1u);
  const Xapian::docid docid = before.documents.begin()->second;
  EXPECT_EQ(db_.get_document(docid).get_value(schema::kSlotFileStamp), "9:9:new");
  EXPECT_EQ(db_.get_document(docid).get_data(), "x");
}

TEST_F(ShardWriterTest, ARejectedFileIsReportedAndItsDocumentsGoUnlessKept) {
  for (const bool delete_missing : {true, false}) {
    SCOPED_TRACE(delete_missing);
    TempDir dir;
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    WriterSettings s = settings();
    s.delete_missing = delete_missing;
    ShardWriter writer(db, s, console_);
    index_then(writer, db, outcome(Outcome::kRejected, "no article found"));
    EXPECT_EQ(writer.counts().skipped, 1u);
    EXPECT_EQ(writer.counts().deleted, delete_missing ? 1u : 0u);
    EXPECT_EQ(db.get_doccount(), delete_missing ? 0u : 1u);
  }
  EXPECT_NE(err_.str().find("vnindex: /corpus/a.txt: no article found"), std::string::npos)
      << err_.str();
}

TEST_F(ShardWriterTest, AnUnreadableFileKeepsItsDocuments) {
  ShardWriter writer(db_, settings(), console_);
  index_then(writer, db_, outcome(Outcome::kUnreadable, "Permission denied"));
  EXPECT_EQ(writer.counts().skipped, 1u);
  EXPECT_EQ(writer.counts().deleted, 0u);
  EXPECT_EQ(db_.get_doccount(), 1u);
}

TEST_F(ShardWriterTest, ADocumentXapianRefusesSkipsItsWholeFile) {
  ShardWriter writer(db_, settings(), console_);
  BuiltDocument too_long = built("a.jsonl#2", "y");
  too_long.document.add_term(std::string(300, 'a'));  // Xapian terms hold at most 245 bytes
  Feed feed({built("a.jsonl#1", "x"), too_long, built("a.jsonl#3", "z")},
            outcome(Outcome::kIndexed), 1);
  writer.apply_file("a.jsonl", nullptr, feed.next_chunk(), feed.take_result());
  writer.commit();
  EXPECT_EQ(writer.counts().skipped, 1u);
  EXPECT_EQ(writer.counts().added, 0u);
  EXPECT_EQ(db_.get_doccount(), 0u) << "the file's transaction is cancelled whole";
  EXPECT_NE(err_.str().find("/corpus/a.jsonl: cannot index"), std::string::npos) << err_.str();
}

TEST_F(ShardWriterTest, CommitsInBatchesOfDocuments) {
  ShardWriter writer(db_, settings(/*commit_documents=*/3), console_);
  for (int i = 0; i < 7; ++i) {
    Feed feed({built("f" + std::to_string(i) + ".txt", std::to_string(i))},
              outcome(Outcome::kIndexed));
    writer.apply_file("f" + std::to_string(i) + ".txt", nullptr, feed.next_chunk(),
                      feed.take_result());
  }
  EXPECT_EQ(writer.commits(), 2u) << "after documents 3 and 6";
  EXPECT_EQ(Xapian::Database((dir_.path() / "db").string()).get_doccount(), 6u)
      << "the seventh is not committed yet";
  writer.delete_documents(indexed_of(db_, {"f0.txt", "f1.txt"}));
  EXPECT_EQ(writer.counts().deleted, 2u);
  EXPECT_EQ(writer.commits(), 3u);
}

TEST_F(ShardWriterTest, DuplicatesAreCountedByCollapseKey) {
  ShardWriter writer(db_, settings(), console_);
  Feed feed({built("a.jsonl#1", "same"), built("a.jsonl#2", "same"), built("a.jsonl#3", "same"),
             built("a.jsonl#4", "other")},
            outcome(Outcome::kIndexed));
  writer.apply_file("a.jsonl", nullptr, feed.next_chunk(), feed.take_result());
  writer.commit();
  EXPECT_EQ(count_duplicates(db_), 2u);
}

TEST(ShardWriterFilesTest, OnlyJsonFilesMayHoldSeveralDocuments) {
  EXPECT_TRUE(may_hold_several_documents("a/b.jsonl"));
  EXPECT_TRUE(may_hold_several_documents("a/b.JSON"));
  EXPECT_FALSE(may_hold_several_documents("a/b.txt"));
  EXPECT_FALSE(may_hold_several_documents("jsonl"));
}

}  // namespace
}  // namespace vnsearch::indexer
