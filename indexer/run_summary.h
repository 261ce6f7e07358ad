// @brief What a run did, counted per shard and for the whole index, and
// how the summary reads (one line for humans, one JSON object).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
  uint64_t bytes = 0;        ///< bytes read this run (unchanged files are not read)
  uint64_t duplicates = 0;   ///< documents in the index that copy another one
  uint64_t documents = 0;    ///< documents in the index at the end
  uint64_t index_bytes = 0;  ///< the size of the index on disk at the end
  /// True when the run wrote most of the index and compacted it afterwards.
  bool compacted = false;
  double seconds = 0;
  std::vector<ShardSummary> shards;  ///< one per shard of a sharded index, else empty

  double docs_per_second() const;  ///< documents added or updated per second
  std::string to_json() const;     ///< one line, no newline
  std::string to_text() const;     ///< one line for humans, no newline
};

}  // namespace vnsearch::indexer
