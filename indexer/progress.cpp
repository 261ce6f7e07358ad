#include "indexer/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace vnsearch::indexer {

Console::Console(std::ostream& err, bool show_progress)
    : err_(err), show_progress_(show_progress) {}

Console::~Console() { clear_progress(); }

void Console::message(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_progress_locked();
  err_ << line << '\n';
  err_.flush();
}

void Console::clear_progress() {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_progress_locked();
}

void Console::clear_progress_locked() {
  if (!progress_showing_) return;
  err_ << "\r\033[K";
  err_.flush();
  progress_showing_ = false;
}

void Console::progress(const ProgressSnapshot& s) {
  if (!show_progress_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const bool finished = s.files_done == s.files_total;
  if (!finished && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;

  const double seconds = s.seconds > 0 ? s.seconds : 1e-9;
  const double docs_per_second = static_cast<double>(s.documents_done) / seconds;
  const double mb_per_second = static_cast<double>(s.bytes_done) / (1024.0 * 1024.0) / seconds;
  std::string eta = "--:--";
  if (s.bytes_done > 0 && s.bytes_total >= s.bytes_done) {
    const double remaining = static_cast<double>(s.bytes_total - s.bytes_done) /
                             (static_cast<double>(s.bytes_done) / seconds);
    eta = format_duration(remaining);
  }
  char line[200];
  std::snprintf(line, sizeof line, "\r\033[K%llu/%llu files  %.0f docs/s  %.1f MB/s  ETA %s",
                static_cast<unsigned long long>(s.files_done),
                static_cast<unsigned long long>(s.files_total), docs_per_second, mb_per_second,
                eta.c_str());
  err_ << line;
  err_.flush();
  progress_showing_ = true;
}

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

}  // namespace vnsearch::indexer
