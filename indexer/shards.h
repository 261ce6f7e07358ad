// @brief How an index is split into shards on disk: which shard a file goes
// to, the shard folders and their stub file, changing the shard count, and
// compacting shards back into one database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// The shard (0 ≤ shard < shards) of the corpus file at `relative_path`: a
/// stable hash, so a re-run on any machine finds each file where it left it.
/// Every record of a JSON Lines file goes with its file.
unsigned shard_of(std::string_view relative_path, unsigned shards);

/// What `index_dir` holds now: 0 (nothing yet, or an empty folder), 1 (one
/// database at the folder itself, the default layout) or N (shard-0 …
/// shard-(N-1) and the stub that lists them). Throws std::runtime_error for
/// a folder vnindex must not write into (other files, a stub it did not
/// write, e.g. with remote shards) and for a database that lost its version
/// file. Read it while holding the IndexLock.
unsigned existing_shard_count(const std::filesystem::path& index_dir);

/// The databases vnindex writes for an index of `shards` shards: the folder
/// itself for one shard, else its shard-K subfolders.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& index_dir,
                                               unsigned shards);

/// "shard-2" for messages about one shard, or "" for a one-database index.
std::string shard_label(unsigned shard, unsigned shards);

/// Makes `index_dir` (new, or of the same layout) ready for `shards` shards:
/// for several, writes the stub listing them (atomically, before any
/// document goes in, so that a killed first run still leaves an index the
/// next run recognises). Another layout is only ever built afresh beside the
/// index (--full), never changed in place.
void prepare_shards(const std::filesystem::path& index_dir, unsigned shards);

/// The bytes of the files under `folder`, recursively: the size of an index.
uint64_t folder_bytes(const std::filesystem::path& folder);

/// Writes a compacted copy of `databases` into the new folder `to` with
/// Xapian's compactor: one database when `merge` (merged, as Lucene merges
/// segments), else each database compacted alone into to/shard-K, with the
/// stub (or into `to` itself for one). A freshly written B-tree leaves its
/// blocks part full; the copy fills them (a fresh index of the news folder:
/// 576 → 375 MB). The vnsearch metadata is kept (for a merge: the newest
/// update time, the one schema version). Throws std::runtime_error for
/// databases of different schema versions, Xapian::Error.
void write_compacted(const std::vector<std::filesystem::path>& databases,
                     const std::filesystem::path& to, bool merge);

/// What `vnindex --compact` did.
struct CompactSummary {
  unsigned shards_before = 0;
  uint64_t documents = 0;
  uint64_t bytes_before = 0;
  uint64_t bytes_after = 0;
  double seconds = 0;

  std::string to_json() const;  ///< one line, no newline
  std::string to_text() const;  ///< one line for humans, no newline
};

/// Merges every shard of `index_dir` into one database (or compacts a
/// one-database index) with Xapian's compactor, keeping the vnsearch
/// metadata. Builds the result in a temporary folder beside the index, then
/// swaps the two, so readers see either the old index or the new one, and a
/// failure leaves the old one as it was. Holds the IndexLock and every
/// shard's write lock meanwhile. Throws std::runtime_error, IndexLockedError
/// or Xapian::Error.
CompactSummary compact_index(const std::filesystem::path& index_dir);

}  // namespace vnsearch::indexer
