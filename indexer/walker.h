// @brief Finding the files of a corpus: recursive, sorted, hidden files and
// foreign extensions skipped, symbolic links kept inside the corpus root.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// One file to index, as found by the walk.
struct CorpusFile {
  std::string relative_path;   ///< '/'-separated, relative to the corpus root
  std::filesystem::path path;  ///< the corpus root as given, joined with relative_path
  uint64_t size = 0;
  int64_t mtime_ns = 0;  ///< nanoseconds since the epoch
};

/// Something the walk could not look at: reported and counted as skipped.
struct WalkProblem {
  std::string relative_path;
  std::string reason;
  /// A symbolic link not followed (broken, a loop, pointing outside the
  /// root or at no regular file): counted apart from files, as it never is
  /// one.
  bool symbolic_link = false;
};

struct WalkOptions {
  /// Shell patterns (fnmatch) tried on the relative path and on the file
  /// name. With includes, a file must match one; a file or folder matching an
  /// exclude is left out.
  std::vector<std::string> include_globs;
  std::vector<std::string> exclude_globs;
  /// Folders never entered (the index itself, when it lies in the corpus).
  std::vector<std::filesystem::path> skip_folders;
};

struct WalkResult {
  std::vector<CorpusFile> files;      ///< sorted by relative_path
  std::vector<WalkProblem> problems;  ///< sorted by relative_path
  /// Folders that could not be listed: their files are unknown, so the
  /// documents already indexed from them must not be taken as deleted.
  std::vector<std::string> unlisted_folders;
};

/// Walks `root` recursively. Symbolic links are followed only when their
/// target lies inside the root; a link to a folder already walked under its
/// own name is left out silently, a link to one of its own enclosing folders
/// is reported as a loop. Throws std::runtime_error when `root` itself
/// cannot be read.
WalkResult walk_corpus(const std::filesystem::path& root, const WalkOptions& options);

/// True for the extensions the reader understands: .txt .html .htm .json
/// .jsonl, in any case.
bool has_indexable_extension(std::string_view file_name);

/// True when `glob` matches `relative_path` or its last component.
bool glob_matches(const std::string& glob, const std::string& relative_path);

}  // namespace vnsearch::indexer
