// @brief vnindex --check: Xapian's consistency checker on every database of
// an index, with what it found said in a user's words.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vnsearch::indexer {

/// What the checker found in one database of the index.
struct DatabaseCheck {
  std::string label;    ///< "index DIR" or "index DIR (shard-2)"
  size_t errors = 0;    ///< 0: consistent
  std::string details;  ///< the checker's report of the errors (empty when none)
  uint64_t documents = 0;
};

struct IndexCheck {
  std::string index_dir;
  std::vector<DatabaseCheck> databases;
  bool ok() const;
  std::string to_text() const;  ///< one line per database, newline-terminated
  std::string to_json() const;  ///< one line, no newline
};

/// Checks every table of every database of `index_dir` (reads the whole
/// index), holding the IndexLock so that no commit races the check. Throws
/// std::runtime_error when there is no index or its layout is damaged, and
/// IndexLockedError.
IndexCheck check_index(const std::filesystem::path& index_dir);

}  // namespace vnsearch::indexer
