#include "indexer/index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

/// The folder itself, with no trailing slash: "idx/" and "idx" are one index.
fs::path folder_of(const fs::path& index_dir) {
  const fs::path absolute = fs::absolute(index_dir).lexically_normal();
  return absolute.has_filename() ? absolute : absolute.parent_path();
}

fs::path sibling(const fs::path& index_dir, const std::string& suffix) {
  const fs::path folder = folder_of(index_dir);
  return folder.parent_path() / ("." + folder.filename().string() + suffix);
}

/// Opens and locks `folder`/.vnindex.lock; returns the descriptor.
int lock_folder(const fs::path& folder, const std::string& label) {
  const fs::path file = folder / kLockFileName;
  // A few tries: the file may be replaced (a swap) between open and flock.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw std::runtime_error("cannot lock " + label + ": " + file.string() + ": " +
                               std::strerror(errno));
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      close(fd);
      if (error == EWOULDBLOCK) {
        throw IndexLockedError(label +
                               " is locked by another vnindex (updating, rebuilding, compacting "
                               "or checking it); try again when it has finished");
      }
      throw std::runtime_error("cannot lock " + label + ": " + std::strerror(error));
    }
    // Locked the file that is still at that path? A swap that finished
    // meanwhile leaves us holding the old folder's lock: take the new one.
    struct stat held, current;
    if (fstat(fd, &held) == 0 && stat(file.c_str(), &current) == 0 &&
        held.st_dev == current.st_dev && held.st_ino == current.st_ino) {
      return fd;
    }
    close(fd);
  }
  throw IndexLockedError(label + " keeps changing under vnindex; try again");
}

}  // namespace

IndexLock::IndexLock(const fs::path& index_dir) : index_dir_(index_dir) {
  std::error_code ec;
  if (fs::exists(index_dir, ec) && !fs::is_directory(index_dir, ec)) {
    throw std::runtime_error("index " + index_dir.string() + " exists and is not a folder");
  }
  fs::create_directories(index_dir, ec);
  if (ec) {
    throw std::runtime_error("cannot create index folder " + index_dir.string() + ": " +
                             ec.message());
  }
  fds_.push_back(lock_folder(index_dir, "index " + index_dir.string()));
}

IndexLock::~IndexLock() {
  for (int fd : fds_) close(fd);
}

void IndexLock::also_lock(const fs::path& folder) {
  fds_.push_back(lock_folder(folder, folder.string()));
}

fs::path rebuild_folder(const fs::path& index_dir) { return sibling(index_dir, ".rebuild"); }

fs::path compact_folder(const fs::path& index_dir) { return sibling(index_dir, ".compact"); }

std::vector<fs::path> remove_leftovers(const fs::path& index_dir) {
  std::vector<fs::path> removed;
  for (const fs::path& folder : {rebuild_folder(index_dir), compact_folder(index_dir)}) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) continue;
    fs::remove_all(folder, ec);
    if (ec) {
      throw std::runtime_error("cannot remove " + folder.string() +
                               ", left by a run that was stopped: " + ec.message());
    }
    removed.push_back(folder);
  }
  return removed;
}

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

}  // namespace vnsearch::indexer
