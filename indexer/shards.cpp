#include "indexer/shards.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/hash.h"
#include "common/schema.h"
#include "indexer/index_lock.h"
#include "indexer/shard_databases.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

bool looks_like_xapian_database(const fs::path& folder) {
  std::error_code ec;
  for (const char* marker : {"iamglass", "iamchert", "iamhoney", "iamflint"}) {
    if (fs::exists(folder / marker, ec)) return true;
  }
  return false;
}

void write_stub(const fs::path& index_dir, unsigned shards) {
  std::string text =
      "# vnsearch index of " + std::to_string(shards) +
      " shards, written by vnindex. Xapian opens this folder as all of them together.\n";
  for (unsigned i = 0; i < shards; ++i) text += "auto " + shard_folder_name(i) + "\n";
  const fs::path stub = index_dir / kStubFileName;
  const fs::path temporary = index_dir / (std::string(kStubFileName) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  fs::rename(temporary, stub);  // atomic: readers never see half a stub
}

}  // namespace

unsigned shard_of(std::string_view relative_path, unsigned shards) {
  if (shards <= 1) return 0;
  Fnv1a64 hash;
  hash.update(relative_path);
  return static_cast<unsigned>(hash.digest() % shards);
}

std::vector<fs::path> shard_paths(const fs::path& index_dir, unsigned shards) {
  if (shards <= 1) return {index_dir};
  std::vector<fs::path> paths;
  for (unsigned i = 0; i < shards; ++i) paths.push_back(index_dir / shard_folder_name(i));
  return paths;
}

std::string shard_label(unsigned shard, unsigned shards) {
  return shards <= 1 ? std::string() : shard_folder_name(shard);
}

unsigned existing_shard_count(const fs::path& index_dir) {
  std::error_code ec;
  if (!fs::exists(index_dir, ec)) return 0;
  if (!fs::is_directory(index_dir, ec)) {
    throw std::runtime_error("index " + index_dir.string() + " exists and is not a folder");
  }
  if (looks_like_xapian_database(index_dir)) return 1;
  const fs::path stub = index_dir / kStubFileName;
  if (fs::exists(stub, ec)) {
    const std::vector<DatabaseSource> sources = read_stub_file(stub);
    bool ours = !sources.empty();
    for (size_t i = 0; ours && i < sources.size(); ++i) {
      ours = sources[i].kind == DatabaseSource::Kind::kLocal &&
             sources[i].path.lexically_normal() ==
                 (index_dir / shard_folder_name(static_cast<unsigned>(i))).lexically_normal();
    }
    if (!ours) {
      throw std::runtime_error("index " + index_dir.string() + " is a stub (" + stub.string() +
                               ") that vnindex did not write: it lists remote or other "
                               "databases. vnindex updates only the shard folders it made; "
                               "index each shard folder on its own");
    }
    return static_cast<unsigned>(sources.size());
  }
  bool empty = true;  // but for our lock file
  for (const fs::directory_entry& entry : fs::directory_iterator(index_dir, ec)) {
    if (entry.path().filename() != kLockFileName) empty = false;
  }
  if (empty && !ec) return 0;
  if (has_glass_tables(index_dir)) {
    throw IndexDamagedError(
        damaged_index_message(index_dir.string(), "",
                              "it holds Xapian tables (*.glass) but not their version file " +
                                  (index_dir / "iamglass").string()));
  }
  throw std::runtime_error("index " + index_dir.string() +
                           " is a folder that is not a Xapian database; refusing to write into it");
}

void prepare_shards(const fs::path& index_dir, unsigned shards) {
  fs::create_directories(index_dir);
  if (shards > 1) write_stub(index_dir, shards);
}

// ---- Compaction -------------------------------------------------------------------

uint64_t folder_bytes(const fs::path& folder) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) bytes += it->file_size(ec);
  }
  return bytes;
}

void write_compacted(const std::vector<fs::path>& databases, const fs::path& to, bool merge) {
  // FULL: split items wherever that saves space; the result stays updatable.
  const unsigned flags = Xapian::Compactor::FULL;
  if (!merge && databases.size() > 1) {
    const auto shards = static_cast<unsigned>(databases.size());
    fs::create_directories(to);
    const std::vector<fs::path> compacted = shard_paths(to, shards);
    for (unsigned i = 0; i < shards; ++i) {
      Xapian::Database(databases[i].string()).compact(compacted[i].string(), flags);
    }
    write_stub(to, shards);
    return;
  }
  Xapian::Database all;
  std::string last_update, corpus_root, schema_version;
  for (const fs::path& path : databases) {
    Xapian::Database shard(path.string());
    all.add_database(shard);
    // The newest update time speaks for the whole index.
    last_update = std::max(last_update, shard.get_metadata(std::string(schema::kMetaLastUpdate)));
    if (corpus_root.empty()) corpus_root = shard.get_metadata(std::string(schema::kMetaCorpusRoot));
    const std::string version = shard.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (!schema_version.empty() && !version.empty() && version != schema_version) {
      throw std::runtime_error("the shards of index " + databases[0].parent_path().string() +
                               " have different schema versions (" + schema_version + ", " +
                               version + "); rebuild it with vnindex --full");
    }
    if (schema_version.empty()) schema_version = version;
  }
  all.compact(to.string(), flags);
  if (databases.size() <= 1) return;  // one database: its metadata came over as it was
  // Metadata keys shared by every shard come out of the compactor once,
  // from the first shard; set them to what they mean for the whole.
  Xapian::WritableDatabase result(to.string(), Xapian::DB_OPEN);
  if (!schema_version.empty()) {
    result.set_metadata(std::string(schema::kMetaSchemaVersion), schema_version);
  }
  if (!corpus_root.empty()) result.set_metadata(std::string(schema::kMetaCorpusRoot), corpus_root);
  if (!last_update.empty()) result.set_metadata(std::string(schema::kMetaLastUpdate), last_update);
  result.commit();
}

CompactSummary compact_index(const fs::path& index_dir) {
  const auto started = std::chrono::steady_clock::now();
  CompactSummary summary;
  std::error_code ec;
  if (!fs::exists(index_dir, ec)) {
    throw std::runtime_error("no index at " + index_dir.string() +
                             "; run vnindex CORPUS_DIR first");
  }
  IndexLock lock(index_dir);
  remove_leftovers(index_dir);
  summary.shards_before = existing_shard_count(index_dir);
  if (summary.shards_before == 0) {
    throw std::runtime_error("no index at " + index_dir.string() +
                             "; run vnindex CORPUS_DIR first");
  }
  const std::vector<fs::path> shards = shard_paths(index_dir, summary.shards_before);

  // Xapian's write locks on every shard too, for the whole run: a writer
  // that does not know our lock (an older vnindex, a script) would lose its
  // changes at the swap.
  std::vector<Xapian::WritableDatabase> writers;
  for (unsigned i = 0; i < shards.size(); ++i) {
    writers.push_back(open_writable_shard(shards[i], index_dir,
                                          shard_label(i, summary.shards_before), Xapian::DB_OPEN));
    summary.documents += writers.back().get_doccount();
  }
  summary.bytes_before = folder_bytes(index_dir);

  const fs::path temporary = compact_folder(index_dir);
  try {
    write_compacted(shards, temporary, /*merge=*/true);
    lock.also_lock(temporary);  // the lock stays with the index across the swap
    summary.bytes_after = folder_bytes(temporary);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(temporary, ec);
    throw;
  }

  swap_folders(index_dir, temporary);
  for (Xapian::WritableDatabase& writer : writers) writer.close();
  fs::remove_all(temporary);  // the old index now
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::string CompactSummary::to_json() const {
  nlohmann::ordered_json j;
  j["shards_before"] = shards_before;
  j["documents"] = documents;
  j["bytes_before"] = bytes_before;
  j["bytes_after"] = bytes_after;
  j["seconds"] = std::round(seconds * 1000) / 1000;
  return j.dump();
}

std::string CompactSummary::to_text() const {
  const std::string what = shards_before == 1
                               ? std::string("the index")
                               : std::to_string(shards_before) + " shards into one database";
  char text[300];
  std::snprintf(text, sizeof text,
                "vnindex: compacted %s: %llu documents, %.1f MB → %.1f MB in %.1f s", what.c_str(),
                static_cast<unsigned long long>(documents),
                static_cast<double>(bytes_before) / (1024.0 * 1024.0),
                static_cast<double>(bytes_after) / (1024.0 * 1024.0), seconds);
  return text;
}

}  // namespace vnsearch::indexer
