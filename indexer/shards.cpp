#include "indexer/shards.h"

#include <fcntl.h>
#include <unistd.h>

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

std::string index_label(const fs::path& index_dir, const std::string& shard) {
  return "index " + index_dir.string() + (shard.empty() ? "" : " (" + shard + ")");
}

/// Throws unless `database` can be opened for writing: nobody else may be
/// writing a database we are about to remove or copy.
void check_not_locked(const fs::path& database, const std::string& label) {
  try {
    Xapian::WritableDatabase(database.string(), Xapian::DB_OPEN).close();
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error(label + " is locked by another process (another vnindex running?)");
  } catch (const Xapian::DatabaseOpeningError&) {
    // Not a database (a shard folder never written): nothing to protect.
  }
}

/// Removes the files of the glass database at `folder` and nothing else.
void remove_glass_files(const fs::path& folder) {
  std::vector<fs::path> doomed;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    const bool glass_table = name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0;
    if (entry.is_regular_file() && (glass_table || name == "iamglass" || name == "flintlock")) {
      doomed.push_back(entry.path());
    }
  }
  // The marker first: a run killed half-way leaves no half database that
  // Xapian would try to open.
  std::stable_partition(doomed.begin(), doomed.end(),
                        [](const fs::path& p) { return p.filename() == "iamglass"; });
  for (const fs::path& path : doomed) fs::remove(path);
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

uint64_t folder_bytes(const fs::path& folder) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) bytes += it->file_size(ec);
  }
  return bytes;
}

/// Exchanges two folders in one step (Linux renameat2); where the file
/// system cannot, falls back to two renames with a short gap.
void swap_folders(const fs::path& a, const fs::path& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw std::runtime_error("cannot swap " + a.string() + " and " + b.string() + ": " +
                             std::strerror(errno));
  }
  const fs::path aside = a.string() + ".swap";
  fs::rename(a, aside);
  fs::rename(b, a);
  fs::rename(aside, b);
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
  if (fs::is_empty(index_dir, ec)) return 0;
  throw std::runtime_error("index " + index_dir.string() +
                           " is a folder that is not a Xapian database; refusing to write into it");
}

void prepare_shards(const fs::path& index_dir, unsigned existing, unsigned wanted) {
  if (existing != 0 && existing != wanted) {
    // A change of layout (asked for with --full): the old databases go.
    if (existing == 1) {
      check_not_locked(index_dir, index_label(index_dir, ""));
      remove_glass_files(index_dir);
    } else {
      if (wanted == 1) fs::remove(index_dir / kStubFileName);
      for (unsigned i = 0; i < existing; ++i) {
        if (wanted > 1 && i < wanted) continue;  // rebuilt in place
        const fs::path shard = index_dir / shard_folder_name(i);
        check_not_locked(shard, index_label(index_dir, shard_folder_name(i)));
        fs::remove_all(shard);
      }
    }
  }
  fs::create_directories(index_dir);
  if (wanted > 1) write_stub(index_dir, wanted);
}

// ---- Compaction -------------------------------------------------------------------

CompactSummary compact_index(const fs::path& index_dir) {
  const auto started = std::chrono::steady_clock::now();
  CompactSummary summary;
  summary.shards_before = existing_shard_count(index_dir);
  if (summary.shards_before == 0) {
    throw std::runtime_error("no index at " + index_dir.string() +
                             "; run vnindex CORPUS_DIR first");
  }
  const std::vector<fs::path> shards = shard_paths(index_dir, summary.shards_before);

  // Write locks on every shard for the whole run: a vnindex that changed a
  // shard now would lose its changes at the swap.
  std::vector<Xapian::WritableDatabase> locks;
  Xapian::Database all;
  std::string last_update, corpus_root, schema_version;
  for (unsigned i = 0; i < shards.size(); ++i) {
    try {
      locks.emplace_back(shards[i].string(), Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      throw std::runtime_error(index_label(index_dir, shard_label(i, summary.shards_before)) +
                               " is locked by another process (another vnindex running?)");
    }
    Xapian::Database shard(shards[i].string());
    all.add_database(shard);
    // The newest update time speaks for the whole index.
    last_update = std::max(last_update, shard.get_metadata(std::string(schema::kMetaLastUpdate)));
    if (corpus_root.empty()) corpus_root = shard.get_metadata(std::string(schema::kMetaCorpusRoot));
    const std::string version = shard.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (!schema_version.empty() && !version.empty() && version != schema_version) {
      throw std::runtime_error("the shards of index " + index_dir.string() +
                               " have different schema versions (" + schema_version + ", " +
                               version + "); rebuild it with vnindex --full");
    }
    if (schema_version.empty()) schema_version = version;
  }
  summary.documents = all.get_doccount();
  summary.bytes_before = folder_bytes(index_dir);

  const fs::path absolute = fs::absolute(index_dir).lexically_normal();
  const fs::path folder = absolute.has_filename() ? absolute : absolute.parent_path();
  const fs::path temporary = folder.parent_path() / ("." + folder.filename().string() + ".compact");
  fs::remove_all(temporary);  // left by a killed run: never part of an index
  try {
    all.compact(temporary.string());
    Xapian::WritableDatabase result(temporary.string(), Xapian::DB_OPEN);
    // Metadata keys shared by every shard come out of the compactor once,
    // from the first shard; set them to what they mean for the whole.
    if (!schema_version.empty()) {
      result.set_metadata(std::string(schema::kMetaSchemaVersion), schema_version);
    }
    if (!corpus_root.empty())
      result.set_metadata(std::string(schema::kMetaCorpusRoot), corpus_root);
    if (!last_update.empty())
      result.set_metadata(std::string(schema::kMetaLastUpdate), last_update);
    result.commit();
    result.close();
    summary.bytes_after = folder_bytes(temporary);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(temporary, ec);
    throw;
  }

  swap_folders(folder, temporary);
  all.close();
  for (Xapian::WritableDatabase& lock : locks) lock.close();
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
