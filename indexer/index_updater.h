// @brief Bringing an index up to date with a corpus folder: one run, from
// the walk to the summary. The parts are reindex_plan (what to read),
// pipeline (workers that read and analyse), shard_writer (one writer per
// shard), shard_databases (opening and checking them) and run_summary.
#pragma once

#include "indexer/options.h"
#include "indexer/progress.h"
#include "indexer/run_summary.h"

namespace vnsearch::indexer {

/// Brings the index options.index_dir up to date with options.corpus_dir.
/// Each file goes to the shard shard_of() gives (one database when the index
/// has one shard). Files that cannot be indexed are reported on `console` and counted in
/// RunSummary::skipped. Throws std::runtime_error or Xapian::Error when the
/// run cannot go on (no corpus, index locked, other schema version, another
/// shard count without --full...);
/// everything committed until then stays in the index.
RunSummary update_index(const IndexOptions& options, Console& console);

}  // namespace vnsearch::indexer
