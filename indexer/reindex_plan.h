// @brief What a run must do to each file, decided from the walk and what the
// index holds, before any file is opened: a pure function, no Xapian
// database involved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>  // Xapian::docid only: a plan touches no database

#include "indexer/walker.h"

namespace vnsearch::indexer {

/// The documents one corpus file produced in an earlier run.
struct IndexedFile {
  std::string stamp;  ///< shared by all its documents; empty when they disagree
  std::map<std::string, Xapian::docid> documents;  ///< id term → docid
};

/// What one shard holds, by corpus file (relative path).
using IndexedFiles = std::map<std::string, IndexedFile>;

/// "size:mtime_ns:" — the part of a file stamp known without reading the file.
std::string stamp_prefix(uint64_t size, int64_t mtime_ns);
/// The content hash at the end of a file stamp ("" when it has none).
std::string stamp_hash(const std::string& stamp);
/// The corpus file a document id belongs to: the id without its "#<n>"
/// record suffix (a suffix only follows an indexable extension).
std::string file_of_id(const std::string& id);

/// One file that needs reading (new, or with another size or mtime).
struct ReindexTask {
  const CorpusFile* file = nullptr;
  const IndexedFile* indexed = nullptr;  ///< null for a new file
  bool too_large = false;                ///< known from the walk: not read
  unsigned shard = 0;                    ///< whose writer applies it

  /// The bytes a worker reads for it (0 when too large).
  uint64_t bytes() const { return too_large ? 0 : file->size; }
};

/// What the run does to one shard.
struct ShardPlan {
  std::vector<size_t> tasks;  ///< indices into ReindexPlan::tasks, ascending
  uint64_t files = 0;         ///< corpus files that hash to it
  uint64_t unchanged = 0;     ///< documents of files with the same size and mtime
  /// Files gone from the corpus (or left out by the globs now): their
  /// documents go, unless the run keeps them (--no-delete).
  std::vector<const IndexedFile*> gone;
};

/// The rules a plan follows.
struct PlanRules {
  uint64_t max_file_size = UINT64_MAX;
  std::vector<std::string> include_globs;
  std::vector<std::string> exclude_globs;
  /// Folders the walk could not list: what they held is unknown, not gone.
  std::vector<std::string> unlisted_folders;
};

struct ReindexPlan {
  std::vector<ReindexTask> tasks;  ///< in walk order
  std::vector<ShardPlan> shards;
  uint64_t files_unchanged = 0;  ///< files not to read at all
  uint64_t bytes_to_read = 0;    ///< of the tasks
  /// Documents of files that vanished from the corpus (not merely left out
  /// by the globs): what --max-delete weighs.
  uint64_t vanished_documents = 0;
};

/// Plans a run over `files` (the walk, sorted) against `indexed` (what each
/// shard holds; one entry per shard, at least one). A file is unchanged when its size and
/// mtime match its stamp and it is not too large; every other file is a
/// task for the shard shard_of() gives. The plan points into `files` and
/// `indexed`, which must outlive it.
ReindexPlan plan_reindex(const std::vector<CorpusFile>& files,
                         const std::vector<IndexedFiles>& indexed, const PlanRules& rules);

/// True when the globs leave `path` out: its documents go because the user
/// asked, not because the file vanished.
bool left_out_by_globs(const std::string& path, const std::vector<std::string>& include_globs,
                       const std::vector<std::string>& exclude_globs);

}  // namespace vnsearch::indexer
