// @brief What one vnindex run is asked to do: the parsed command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vnsearch::indexer {

/// How many documents of files gone from the corpus one run may delete
/// (--max-delete): a count, or a share of the documents in the index.
struct DeleteLimit {
  bool is_share = true;
  double share = 0.5;  ///< with is_share: 0.5 = half the index
  uint64_t count = 0;  ///< without

  /// The most this run may delete from an index of `indexed` documents.
  uint64_t allowed(uint64_t indexed) const {
    return is_share ? static_cast<uint64_t>(share * static_cast<double>(indexed)) : count;
  }
  /// "50%" or "120": as the option is written.
  std::string to_string() const {
    return is_share ? std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"
                    : std::to_string(count);
  }
};

struct IndexOptions {
  /// Files larger than this are skipped (and reported): a news article is a
  /// few kilobytes, a bigger file is a dump or a mistake.
  static constexpr uint64_t kDefaultMaxFileSize = 32ULL << 20;

  std::filesystem::path corpus_dir;
  std::filesystem::path index_dir;
  unsigned jobs = 1;           ///< worker threads reading and analysing files
  bool delete_missing = true;  ///< false with --no-delete
  /// A run that would delete more documents than this (their files gone:
  /// an unmounted disk, a mistyped sub-folder) stops before changing anything.
  DeleteLimit max_delete;
  /// The corpus folder was moved or renamed (--root-moved): documents keep
  /// their relative paths. Without it (or --full) another folder is refused.
  bool root_moved = false;
  bool full = false;  ///< rebuild from scratch
  /// Shard databases to write (--shards); 0 keeps the index's count (1 for
  /// a new index: one database at index_dir itself).
  unsigned shards = 0;
  bool quiet = false;          ///< no progress, warnings or summary on stderr
  bool show_progress = false;  ///< live progress line (stderr is a terminal)
  std::vector<std::string> include_globs;
  std::vector<std::string> exclude_globs;
  uint64_t max_file_size = kDefaultMaxFileSize;
  /// Folder level of the default category (--category-level; 1: the first
  /// sub-folder, 0: none); unset keeps the index's (1 for a new index).
  std::optional<unsigned> category_level;
  /// Commit after this many changed documents or this many seconds, whichever
  /// comes first: what a crash can lose, traded against commit cost. Measured
  /// on 3,000 news files: 250-750 documents per commit is fastest (larger
  /// batches grow Xapian's pending-change maps and get slower) and keeps the
  /// writer under 130 MB.
  unsigned commit_documents = 500;
  double commit_seconds = 5.0;
};

}  // namespace vnsearch::indexer
