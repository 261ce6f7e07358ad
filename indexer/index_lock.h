// @brief One writer per index: the lock every vnindex run that changes an
// index (update, --full, --compact, --check) takes before it reads the
// index's layout, and the hidden folders beside the index that a rebuild or
// a compaction writes before swapping them in.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace vnsearch::indexer {

/// The lock file inside an index folder. Hidden, so that neither the walk of
/// a corpus holding its own index nor a reader ever sees it.
inline constexpr const char* kLockFileName = ".vnindex.lock";

/// Another process holds the lock of the index.
class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An exclusive, non-blocking flock(2) on INDEX_DIR/.vnindex.lock, released
/// when the object goes (or the process dies: the kernel drops it, so a
/// killed run never leaves a stale lock behind).
///
/// Xapian's own write lock covers one database; this one covers the whole
/// folder, shards and stub included, and is taken before anything is read or
/// changed, so that a refused command changes nothing.
class IndexLock {
 public:
  /// Creates `index_dir` when it does not exist, then takes its lock. Throws
  /// IndexLockedError when another process holds it, std::runtime_error when
  /// the folder cannot be made or locked.
  explicit IndexLock(const std::filesystem::path& index_dir);
  ~IndexLock();
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

  /// Also locks `folder` (a rebuild or compaction beside the index), so that
  /// the lock still holds at INDEX_DIR after the two folders are swapped.
  void also_lock(const std::filesystem::path& folder);

 private:
  std::filesystem::path index_dir_;
  std::vector<int> fds_;
};

/// The hidden folder beside `index_dir` where `--full` builds the new index
/// (".NAME.rebuild") or `--compact` the compacted one (".NAME.compact"),
/// before it replaces the index in one step.
std::filesystem::path rebuild_folder(const std::filesystem::path& index_dir);
std::filesystem::path compact_folder(const std::filesystem::path& index_dir);

/// Removes what a killed rebuild or compaction left beside `index_dir`.
/// Call only while holding its IndexLock: then nobody is writing them.
/// Returns the folders removed.
std::vector<std::filesystem::path> remove_leftovers(const std::filesystem::path& index_dir);

/// Exchanges two folders in one step (Linux renameat2), so that a reader
/// opening `a` sees the old folder or the new one, never neither; where the
/// file system cannot, falls back to three renames with a short gap.
void swap_folders(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace vnsearch::indexer
