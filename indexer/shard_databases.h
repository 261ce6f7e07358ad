// @brief Opening the shard databases of an index for writing: the one place
// that names a locked shard, checks the schema version and the tables, and
// reads what each shard holds. update_index and compact_index share it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/reindex_plan.h"

namespace vnsearch::indexer {

/// Opens the database at `path`, one shard (`label`, "" for a one-database
/// index) of the index at `index_dir`, for writing with Xapian `action`
/// (never DB_CREATE_OR_OVERWRITE: --full writes a new folder, and the old
/// index must stay whole until the new one replaces it). Throws
/// std::runtime_error naming the shard when another process holds it.
Xapian::WritableDatabase open_writable_shard(const std::filesystem::path& path,
                                             const std::filesystem::path& index_dir,
                                             const std::string& label,
                                             int action = Xapian::DB_CREATE_OR_OPEN);

/// Throws std::runtime_error, saying to rebuild with --full, unless `db` has
/// the schema version this vnindex writes (an empty database without one
/// is new, and passes).
void check_schema_version(const Xapian::Database& db, const std::filesystem::path& index_dir,
                          const std::string& label);

/// Throws Xapian::DatabaseCorruptError when a database with documents lost
/// a required table file: Xapian would read the missing table as empty.
void check_required_tables(const std::filesystem::path& path, const Xapian::Database& db);

/// What `db` holds by corpus file: every id once, a few hundred
/// milliseconds for 40,000 documents; no document text is touched.
IndexedFiles load_indexed_files(const Xapian::Database& db);

/// One shard database open for writing, and what it held when opened.
struct OpenShard {
  std::string label;  ///< "shard-2", or empty for a one-database index
  Xapian::WritableDatabase db;
  IndexedFiles indexed;
};

/// Opens the shard databases at `paths` (of the index at `index_dir`, or
/// being built for it) for writing, creating them when new, checks each
/// one's schema version (unless `any_version`: --full) and tables, and loads
/// what each one holds. Throws IndexDamagedError for a damaged shard,
/// std::runtime_error as the checks above.
std::vector<OpenShard> open_shards(const std::vector<std::filesystem::path>& paths,
                                   const std::filesystem::path& index_dir, bool any_version);

}  // namespace vnsearch::indexer
