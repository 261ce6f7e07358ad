#include "indexer/walker.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <set>
#include <stdexcept>
#include <utility>

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

using FolderKey = std::pair<dev_t, ino_t>;

int64_t mtime_ns_of(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

std::string join(const std::string& folder, const std::string& name) {
  return folder.empty() ? name : folder + "/" + name;
}

// The canonical path, or empty with errno set.
std::string canonical_path(const std::string& path) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (!resolved) return {};
  std::string result(resolved);
  std::free(resolved);
  return result;
}

// True when `path` is `folder` or lies below it (both canonical).
bool is_within(const std::string& path, const std::string& folder) {
  if (folder == "/") return true;
  return path == folder ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
          path[folder.size()] == '/');
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options) : root_(root), options_(options) {
    canonical_root_ = canonical_path(root.string());
    if (canonical_root_.empty()) {
      throw std::runtime_error("corpus folder " + root.string() + ": " + std::strerror(errno));
    }
    struct stat st;
    if (stat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      throw std::runtime_error("corpus folder " + root.string() + ": not a folder");
    }
    for (const fs::path& skip : options.skip_folders) {
      struct stat skip_st;
      if (stat(skip.c_str(), &skip_st) == 0) visited_.insert({skip_st.st_dev, skip_st.st_ino});
    }
    visited_.insert({st.st_dev, st.st_ino});
  }

  WalkResult run() {
    walk_folder("");
    // Links to folders are followed only after every real folder has been
    // walked, so content reachable under its own name keeps that name.
    while (!linked_folders_.empty()) {
      LinkedFolder link = std::move(linked_folders_.front());
      linked_folders_.pop_front();
      follow_linked_folder(link);
    }
    auto by_path = [](const auto& a, const auto& b) { return a.relative_path < b.relative_path; };
    std::sort(result_.files.begin(), result_.files.end(), by_path);
    std::sort(result_.problems.begin(), result_.problems.end(), by_path);
    std::sort(result_.unlisted_folders.begin(), result_.unlisted_folders.end());
    return std::move(result_);
  }

 private:
  struct LinkedFolder {
    std::string relative_path;
    std::string target;  // canonical
    std::string parent;  // canonical path of the folder holding the link
  };

  std::string full_path(const std::string& relative) const {
    return relative.empty() ? root_.string() : (root_ / relative).string();
  }

  bool excluded(const std::string& relative) const {
    for (const std::string& glob : options_.exclude_globs) {
      if (glob_matches(glob, relative)) return true;
    }
    return false;
  }

  bool included(const std::string& relative) const {
    if (options_.include_globs.empty()) return true;
    for (const std::string& glob : options_.include_globs) {
      if (glob_matches(glob, relative)) return true;
    }
    return false;
  }

  bool wanted_file(const std::string& relative, const std::string& name) const {
    return has_indexable_extension(name) && included(relative) && !excluded(relative);
  }

  void problem(const std::string& relative, std::string reason) {
    result_.problems.push_back({relative, std::move(reason), false});
  }

  void link_problem(const std::string& relative, std::string reason) {
    result_.problems.push_back({relative, std::move(reason), true});
  }

  void add_file(const std::string& relative, const struct stat& st) {
    CorpusFile file;
    file.relative_path = relative;
    file.path = root_ / relative;
    file.size = static_cast<uint64_t>(st.st_size);
    file.mtime_ns = mtime_ns_of(st);
    result_.files.push_back(std::move(file));
  }

  void walk_folder(const std::string& relative) {
    const std::string folder_path = full_path(relative);
    DIR* dir = opendir(folder_path.c_str());
    if (!dir) {
      problem(relative.empty() ? "." : relative, std::strerror(errno));
      result_.unlisted_folders.push_back(relative);
      return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = readdir(dir)) {
      if (entry->d_name[0] == '.') continue;  // hidden, and "." and ".."
      names.emplace_back(entry->d_name);
    }
    const int read_error = errno;
    closedir(dir);
    if (read_error != 0) {
      problem(relative, std::strerror(read_error));
      result_.unlisted_folders.push_back(relative);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) visit_entry(join(relative, name), name);
  }

  void visit_entry(const std::string& relative, const std::string& name) {
    const std::string path = full_path(relative);
    struct stat st;
    if (lstat(path.c_str(), &st) != 0) {
      if (has_indexable_extension(name)) problem(relative, std::strerror(errno));
      return;
    }
    if (S_ISLNK(st.st_mode)) {
      visit_link(relative, name, path);
    } else if (S_ISDIR(st.st_mode)) {
      if (excluded(relative)) return;
      if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
      walk_folder(relative);
    } else if (S_ISREG(st.st_mode)) {
      if (wanted_file(relative, name)) add_file(relative, st);
    } else if (wanted_file(relative, name)) {
      // Never open a FIFO or a device: reading one may block forever.
      problem(relative, "not a regular file");
    }
  }

  void visit_link(const std::string& relative, const std::string& name, const std::string& path) {
    const std::string target = canonical_path(path);
    if (target.empty()) {
      const int error = errno;
      if (error == ELOOP) {
        link_problem(relative, "symbolic link loop");
      } else if (wanted_file(relative, name)) {
        link_problem(relative, error == ENOENT ? "broken symbolic link" : std::strerror(error));
      }
      return;
    }
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      if (wanted_file(relative, name)) link_problem(relative, std::strerror(errno));
      return;
    }
    const bool is_folder = S_ISDIR(st.st_mode);
    if (is_folder ? excluded(relative) : !wanted_file(relative, name)) return;
    if (!is_within(target, canonical_root_)) {
      link_problem(relative, "symbolic link to " + target + ", outside the corpus folder");
      return;
    }
    if (is_folder) {
      const size_t slash = relative.rfind('/');
      const std::string parent =
          canonical_path(full_path(slash == std::string::npos ? "" : relative.substr(0, slash)));
      linked_folders_.push_back({relative, target, parent});
    } else if (S_ISREG(st.st_mode)) {
      add_file(relative, st);
    } else {
      link_problem(relative, "not a regular file");
    }
  }

  void follow_linked_folder(const LinkedFolder& link) {
    if (is_within(link.parent, link.target)) {
      link_problem(link.relative_path, "symbolic link loop (points to an enclosing folder)");
      return;
    }
    struct stat st;
    if (stat(link.target.c_str(), &st) != 0) return;
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;  // walked under its own name
    walk_folder(link.relative_path);
  }

  fs::path root_;
  const WalkOptions& options_;
  std::string canonical_root_;
  std::set<FolderKey> visited_;
  std::deque<LinkedFolder> linked_folders_;
  WalkResult result_;
};

}  // namespace

bool has_indexable_extension(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string extension(file_name.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == "txt" || extension == "html" || extension == "htm" || extension == "json" ||
         extension == "jsonl";
}

bool glob_matches(const std::string& glob, const std::string& relative_path) {
  if (fnmatch(glob.c_str(), relative_path.c_str(), 0) == 0) return true;
  const size_t slash = relative_path.rfind('/');
  if (slash == std::string::npos) return false;
  return fnmatch(glob.c_str(), relative_path.c_str() + slash + 1, 0) == 0;
}

WalkResult walk_corpus(const fs::path& root, const WalkOptions& options) {
  return Walker(root, options).run();
}

}  // namespace vnsearch::indexer
