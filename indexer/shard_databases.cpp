#include "indexer/shard_databases.h"

#include <stdexcept>
#include <unordered_map>

#include "common/database.h"
#include "common/schema.h"
#include "indexer/shards.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

Xapian::WritableDatabase open_writable_shard(const fs::path& path, const fs::path& index_dir,
                                             const std::string& label, int action) {
  try {
    return Xapian::WritableDatabase(path.string(), action);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error(index_label(index_dir.string(), label) +
                             " is locked by another process (another vnindex running?)");
  }
}

void check_schema_version(const Xapian::Database& db, const fs::path& index_dir,
                          const std::string& label) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  const std::string expected = std::to_string(schema::kVersion);
  if (version == expected || (version.empty() && db.get_doccount() == 0)) return;
  throw std::runtime_error(
      index_label(index_dir.string(), label) + " has schema version " +
      (version.empty() ? std::string("(none: not made by vnindex)") : version) +
      ", this vnindex writes version " + expected + "; rebuild it with --full");
}

void check_required_tables(const fs::path& path, const Xapian::Database& db) {
  if (db.get_doccount() == 0) return;
  const std::vector<fs::path> missing = missing_required_tables(path);
  if (!missing.empty()) {
    throw Xapian::DatabaseCorruptError(missing[0].string() + " is missing, though the " +
                                       "database holds " + std::to_string(db.get_doccount()) +
                                       " documents");
  }
}

IndexedFiles load_indexed_files(const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> stamps;
  for (auto it = db.valuestream_begin(schema::kSlotFileStamp);
       it != db.valuestream_end(schema::kSlotFileStamp); ++it) {
    stamps.emplace(it.get_docid(), *it);
  }
  IndexedFiles files;
  const std::string prefix(schema::kIdPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string id_term = *term;
    auto posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) continue;
    const Xapian::docid docid = *posting;
    std::string id = id_term.substr(prefix.size());
    // Long ids are shortened with a hash (schema::id_term); the data has the path.
    if (id.size() > 200)
      id = schema::DocumentData::from_json(db.get_document(docid).get_data()).path;
    IndexedFile& file = files[file_of_id(id)];
    const std::string& stamp = stamps[docid];
    if (file.documents.empty()) {
      file.stamp = stamp;
    } else if (file.stamp != stamp) {
      file.stamp.clear();  // a run stopped half-way through this file: read it again
    }
    file.documents.emplace(id_term, docid);
  }
  return files;
}

std::vector<OpenShard> open_shards(const std::vector<fs::path>& paths, const fs::path& index_dir,
                                   bool any_version) {
  const auto count = static_cast<unsigned>(paths.size());
  std::vector<OpenShard> shards(count);
  for (unsigned i = 0; i < count; ++i) {
    OpenShard& shard = shards[i];
    shard.label = shard_label(i, count);
    try {
      shard.db = open_writable_shard(paths[i], index_dir, shard.label);
      if (!any_version) check_schema_version(shard.db, index_dir, shard.label);
      check_required_tables(paths[i], shard.db);
      shard.indexed = load_indexed_files(shard.db);
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexDamagedError(
          damaged_index_message(index_dir.string(), shard.label, e.get_description()));
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexDamagedError(
          damaged_index_message(index_dir.string(), shard.label, e.get_description()));
    }
  }
  return shards;
}

}  // namespace vnsearch::indexer
