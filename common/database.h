// @brief Where an index lives: one Xapian database, or a stub listing shards
// (local folders or xapian-tcpsrv servers) that are searched as one.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace vnsearch {

/// The stub file inside a sharded index folder. Xapian 1.4 opens a folder
/// holding a file of this name as the databases the file lists ("stub
/// directory"), so `Xapian::Database(INDEX_DIR)` and xapian-delve see every
/// shard; xapian-check and xapian-compact take the file path itself.
inline constexpr const char* kStubFileName = "XAPIANDB";

/// "shard-0", "shard-1", ...: the folder of shard `index` inside a sharded index.
std::string shard_folder_name(unsigned index);

/// The index both tools use when none is named: `env_index` (the value of
/// $VNSEARCH_INDEX) when set, else ./vnsearch-index.
std::string default_index_dir(const std::string& env_index);

/// One database to search: a local folder or a remote xapian-tcpsrv.
struct DatabaseSource {
  enum class Kind : unsigned char { kLocal, kRemoteTcp };
  Kind kind = Kind::kLocal;
  std::string name;            ///< what messages call it: the folder, or "HOST:PORT"
  std::filesystem::path path;  ///< kLocal
  std::string host;            ///< kRemoteTcp
  unsigned port = 0;           ///< kRemoteTcp
};

/// Parses "HOST:PORT" (IPv6 as "[::1]:PORT"). Throws std::invalid_argument.
DatabaseSource remote_source(const std::string& host_port);

/// Reads a Xapian 1.4 stub file: "auto PATH" or "glass PATH" (relative to
/// the stub's folder), "remote HOST:PORT", "#" comments. Other lines (chert,
/// "remote :PROGRAM", inmemory) are refused, with the line number. Throws
/// std::runtime_error.
std::vector<DatabaseSource> read_stub_file(const std::filesystem::path& stub_file);

/// The databases behind `-d DIR`: the shards a stub lists (DIR/XAPIANDB, or
/// DIR itself when it is a stub file), else DIR as one database.
std::vector<DatabaseSource> sources_of_index(const std::filesystem::path& index);

/// Opens one source; throws Xapian::Error (a remote one gives up after
/// kRemoteTimeoutMs).
Xapian::Database open_source(const DatabaseSource& source);

/// An index that cannot be read as it is; the message names it and says
/// what to do (damaged_index_message()).
class IndexDamagedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "index DIR", or "index DIR (shard-2)": how messages name an index or one
/// of its shards.
std::string index_label(const std::string& index_dir, const std::string& shard);

/// The glass tables every database with documents has (its postings, term
/// lists and document data); the others (positions, spelling…) may be absent.
inline constexpr const char* kRequiredGlassTables[] = {"postlist.glass", "termlist.glass",
                                                       "docdata.glass"};

/// The required tables missing from the database at `folder`: Xapian opens
/// such a database and reads a missing table as empty.
std::vector<std::filesystem::path> missing_required_tables(const std::filesystem::path& folder);

/// True when `folder` holds Xapian glass tables, whether or not their
/// version file (iamglass) is there: a folder with tables but no version
/// file is a damaged database, not "no index".
bool has_glass_tables(const std::filesystem::path& folder);

/// What to tell a user whose index is damaged: which index (and shard, when
/// not empty), what is wrong, and what to do about it.
std::string damaged_index_message(const std::string& index_dir, const std::string& shard,
                                  const std::string& detail);

/// How long a remote call may take before the search fails, and how long a
/// connection may take: small, because the user is waiting.
inline constexpr unsigned kRemoteTimeoutMs = 10000;
inline constexpr unsigned kRemoteConnectTimeoutMs = 5000;

}  // namespace vnsearch
