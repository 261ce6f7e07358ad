// @brief Applying one shard's results to its Xapian database: documents
// replaced by id, files whose content is unchanged re-stamped, documents of
// rejected or vanished files deleted, commits in batches, duplicates counted.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/pipeline.h"
#include "indexer/progress.h"
#include "indexer/reindex_plan.h"
#include "indexer/run_summary.h"

namespace vnsearch::indexer {

/// How a writer behaves (from IndexOptions).
struct WriterSettings {
  std::filesystem::path corpus_dir;  ///< to name files in messages
  bool quiet = false;                ///< no warnings about files
  bool delete_missing = true;        ///< a rejected file's old documents go (not --no-delete)
  /// Commit after this many changed documents or this many seconds,
  /// whichever comes first: what a crash can lose, against commit cost.
  uint64_t commit_documents = 500;
  double commit_seconds = 5.0;
};

/// Writes one shard. Not thread-safe: one writer thread per shard.
class ShardWriter {
 public:
  using NextChunk = std::function<bool(std::vector<BuiltDocument>*)>;
  using TakeResult = std::function<FileResult()>;

  ShardWriter(Xapian::WritableDatabase& db, WriterSettings settings, Console& console);

  /// Applies one file: the documents `next_chunk` hands over until it
  /// returns false, then the outcome `take_result` gives. `indexed` is what
  /// the file gave before (null for a new file). A file that may hold
  /// several documents is one transaction, so that a run killed half-way
  /// through it never leaves its records looking complete.
  void apply_file(const std::string& relative_path, const IndexedFile* indexed,
                  const NextChunk& next_chunk, const TakeResult& take_result);
  /// Deletes the documents of a file gone from the corpus.
  void delete_documents(const IndexedFile& file);
  /// Commits now.
  void commit();

  const ChangeCounts& counts() const { return counts_; }
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t commits() const { return commits_; }

 private:
  void report(const std::string& relative_path, const std::string& reason);
  void maybe_commit();

  Xapian::WritableDatabase& db_;
  const WriterSettings settings_;
  Console& console_;
  ChangeCounts counts_;
  uint64_t bytes_read_ = 0;
  uint64_t commits_ = 0;
  uint64_t changes_since_commit_ = 0;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
};

/// True for a file that may give several documents (.json, .jsonl).
bool may_hold_several_documents(const std::string& relative_path);

/// Documents in `db` that copy another one (same collapse key): for each
/// duplicate term, its documents but one.
uint64_t count_duplicates(const Xapian::Database& db);

}  // namespace vnsearch::indexer
