// @brief Bringing an index up to date with a corpus folder: the incremental
// logic, the worker threads that read and analyse files, and one writer
// thread per shard, each owning its Xapian database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/options.h"
#include "indexer/progress.h"

namespace vnsearch::indexer {

/// What a run changed. added, updated, deleted and unchanged count
/// documents, so a JSON Lines file counts once per record; skipped counts
/// files (and folders) that could not be indexed, each reported once.
struct ChangeCounts {
  uint64_t added = 0;
  uint64_t updated = 0;
  uint64_t deleted = 0;
  uint64_t unchanged = 0;
  uint64_t skipped = 0;

  ChangeCounts& operator+=(const ChangeCounts& other);
};

/// What a run did to one shard of a sharded index.
struct ShardSummary : ChangeCounts {
  std::string name;         ///< "shard-0", ...
  uint64_t files = 0;       ///< corpus files that belong to it
  uint64_t duplicates = 0;  ///< copies of another document in the same shard
  uint64_t documents = 0;
};

/// What a run did.
struct RunSummary : ChangeCounts {
  uint64_t files = 0;  ///< corpus files found by the walk
  /// Symbolic links not followed (broken, loops, outside the corpus): never
  /// files, so not in `files` nor `skipped`; each is reported.
  uint64_t links_skipped = 0;
  uint64_t bytes = 0;       ///< bytes read this run (unchanged files are not read)
  uint64_t duplicates = 0;  ///< documents in the index that copy another one
  uint64_t documents = 0;   ///< documents in the index at the end
  double seconds = 0;
  std::vector<ShardSummary> shards;  ///< one per shard of a sharded index, else empty

  double docs_per_second() const;  ///< documents added or updated per second
  std::string to_json() const;     ///< one line, no newline
  std::string to_text() const;     ///< one line for humans, no newline
};

/// Brings the index options.index_dir up to date with options.corpus_dir.
/// Each file goes to the shard shard_of() gives (one database when the index
/// has one shard). Files that cannot be indexed are reported on `console` and counted in
/// RunSummary::skipped. Throws std::runtime_error or Xapian::Error when the
/// run cannot go on (no corpus, index locked, other schema version, another
/// shard count without --full...);
/// everything committed until then stays in the index.
RunSummary update_index(const IndexOptions& options, Console& console);

}  // namespace vnsearch::indexer
