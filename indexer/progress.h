// @brief The stderr side of a run: messages about files, and a live progress
// line refreshed in place when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace vnsearch::indexer {

/// Where a run stands, for the progress line.
struct ProgressSnapshot {
  uint64_t files_done = 0;
  uint64_t files_total = 0;
  uint64_t bytes_done = 0;   ///< of the files that need reading
  uint64_t bytes_total = 0;  ///< of the files that need reading
  uint64_t documents_done = 0;
  double seconds = 0;
};

/// Writes whole lines to `err`; while a progress line is showing, each
/// message first erases it, so the two never mix. Thread-safe: the writers of
/// several shards share it.
class Console {
 public:
  Console(std::ostream& err, bool show_progress);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  /// Prints `line` and a newline.
  void message(const std::string& line);
  /// Redraws the progress line, at most a few times a second.
  void progress(const ProgressSnapshot& snapshot);
  /// Erases the progress line, before the summary.
  void clear_progress();

 private:
  void clear_progress_locked();

  std::mutex mutex_;
  std::ostream& err_;
  bool show_progress_;
  bool progress_showing_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

/// "1:02:03" or "2:03" for a number of seconds.
std::string format_duration(double seconds);

}  // namespace vnsearch::indexer
