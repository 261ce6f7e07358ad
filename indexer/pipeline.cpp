#include "indexer/pipeline.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "common/hash.h"
#include "common/schema.h"
#include "indexer/article.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

// ---- Pipeline -------------------------------------------------------------------

Pipeline::Pipeline(std::vector<uint64_t> task_bytes, size_t window_tasks, uint64_t window_bytes)
    : task_bytes_(std::move(task_bytes)),
      window_tasks_(window_tasks),
      window_bytes_(window_bytes),
      applied_(task_bytes_.size(), false) {}

bool Pipeline::claim(size_t* index) {
  std::unique_lock<std::mutex> lock(mutex_);
  worker_cv_.wait(lock, [&] {
    if (stopping_ || next_claim_ >= task_bytes_.size()) return true;
    const uint64_t size = task_bytes_[next_claim_];
    return next_claim_ < next_apply_ + window_tasks_ &&
           (bytes_in_flight_ == 0 || bytes_in_flight_ + size <= window_bytes_);
  });
  if (stopping_ || next_claim_ >= task_bytes_.size()) return false;
  *index = next_claim_++;
  bytes_in_flight_ += task_bytes_[*index];
  results_[*index];
  return true;
}

void Pipeline::push_chunk(size_t index, std::vector<BuiltDocument> chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  worker_cv_.wait(lock,
                  [&] { return stopping_ || results_[index].chunks.size() < kMaxChunksWaiting; });
  if (stopping_) return;
  results_[index].chunks.push_back(std::move(chunk));
  writer_cv_.notify_all();  // several writers wait on it
}

void Pipeline::finish(size_t index, FileResult result) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileResult& slot = results_[index];
  slot.finished = true;
  slot.outcome = result.outcome;
  slot.stamp = std::move(result.stamp);
  slot.reason = std::move(result.reason);
  slot.warnings = std::move(result.warnings);
  slot.bytes_read = result.bytes_read;
  writer_cv_.notify_all();  // several writers wait on it
}

bool Pipeline::next_chunk(size_t index, std::vector<BuiltDocument>* chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  writer_cv_.wait(lock, [&] {
    if (failure_) return true;
    auto it = results_.find(index);
    return it != results_.end() && (!it->second.chunks.empty() || it->second.finished);
  });
  if (failure_) std::rethrow_exception(failure_);
  FileResult& slot = results_[index];
  if (slot.chunks.empty()) return false;
  *chunk = std::move(slot.chunks.front());
  slot.chunks.pop_front();
  worker_cv_.notify_all();
  return true;
}

FileResult Pipeline::take_result(size_t index) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileResult result = std::move(results_[index]);
  results_.erase(index);
  bytes_in_flight_ -= task_bytes_[index];
  // The window slides with the oldest task not yet applied by any writer.
  applied_[index] = true;
  while (next_apply_ < applied_.size() && applied_[next_apply_]) ++next_apply_;
  worker_cv_.notify_all();
  return result;
}

std::exception_ptr Pipeline::failure() {
  std::lock_guard<std::mutex> lock(mutex_);
  return failure_;
}

void Pipeline::fail(std::exception_ptr error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failure_) failure_ = error;
  stopping_ = true;
  worker_cv_.notify_all();
  writer_cv_.notify_all();
}

void Pipeline::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
  worker_cv_.notify_all();
}

// ---- Workers --------------------------------------------------------------------

std::string too_large_reason(uint64_t size, uint64_t limit) {
  return "file too large (" + std::to_string(size) + " bytes, limit " + std::to_string(limit) +
         "; see --max-file-size)";
}

namespace {

// Reads the whole file; on failure fills in `result` and returns false.
bool read_whole_file(const fs::path& path, uint64_t max_file_size, std::string* bytes,
                     struct stat* st, FileResult* result) {
  // O_NONBLOCK: a FIFO swapped in since the walk must not hang the run.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    result->outcome = Outcome::kUnreadable;
    result->reason = std::strerror(errno);
    return false;
  }
  bool ok = false;
  if (fstat(fd, st) != 0) {
    result->outcome = Outcome::kUnreadable;
    result->reason = std::strerror(errno);
  } else if (!S_ISREG(st->st_mode)) {
    result->outcome = Outcome::kRejected;
    result->reason = "not a regular file";
  } else if (static_cast<uint64_t>(st->st_size) > max_file_size) {
    result->outcome = Outcome::kRejected;
    result->reason = too_large_reason(static_cast<uint64_t>(st->st_size), max_file_size);
  } else {
    bytes->resize(static_cast<size_t>(st->st_size));
    size_t done = 0;
    ok = true;
    while (done < bytes->size()) {
      const ssize_t n = read(fd, bytes->data() + done, bytes->size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        result->outcome = Outcome::kUnreadable;
        result->reason = std::strerror(errno);
        ok = false;
        break;
      }
      if (n == 0) break;  // shrunk since fstat
      done += static_cast<size_t>(n);
    }
    bytes->resize(done);
  }
  close(fd);
  return ok;
}

}  // namespace

Worker::Worker(const std::vector<ReindexTask>& tasks, Pipeline& pipeline, uint64_t max_file_size,
               unsigned category_level)
    : tasks_(tasks),
      pipeline_(pipeline),
      max_file_size_(max_file_size),
      category_level_(category_level) {}

void Worker::run() {
  try {
    size_t index;
    while (pipeline_.claim(&index)) pipeline_.finish(index, process(index));
  } catch (...) {
    pipeline_.fail(std::current_exception());
  }
}

FileResult Worker::process(size_t index) {
  const ReindexTask& task = tasks_[index];
  const CorpusFile& file = *task.file;
  FileResult result;
  if (task.too_large) {
    result.outcome = Outcome::kRejected;
    result.reason = too_large_reason(file.size, max_file_size_);
    return result;
  }
  std::string bytes;
  struct stat st;
  if (!read_whole_file(file.path, max_file_size_, &bytes, &st, &result)) return result;
  result.bytes_read = bytes.size();
  result.stamp =
      stamp_prefix(static_cast<uint64_t>(st.st_size),
                   static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec) +
      hash_hex(bytes);
  if (task.indexed && !task.indexed->stamp.empty() &&
      stamp_hash(task.indexed->stamp) == stamp_hash(result.stamp)) {
    result.outcome = Outcome::kContentUnchanged;
    return result;
  }

  ReadResult read = read_article_file(file.relative_path, bytes, category_level_);
  std::string().swap(bytes);
  if (!read.error.empty() || read.articles.empty()) {
    result.outcome = Outcome::kRejected;
    result.reason = read.error.empty() ? "no article found" : read.error;
    return result;
  }
  result.warnings = std::move(read.warnings);
  std::vector<BuiltDocument> chunk;
  for (Article& article : read.articles) {
    schema::DocumentData data;
    data.path = file.relative_path + article.id_suffix;
    data.title = std::move(article.title);
    data.title_source = article.title_source;
    data.source = std::move(article.source);
    data.category = std::move(article.category);
    data.date = std::move(article.date);
    data.url = std::move(article.url);
    data.author = std::move(article.author);
    data.text = std::move(article.body);
    chunk.push_back({schema::id_term(data.path), builder_.build(data, result.stamp)});
    if (chunk.size() >= Pipeline::kChunkDocuments) {
      pipeline_.push_chunk(index, std::move(chunk));
      chunk.clear();
    }
  }
  if (!chunk.empty()) pipeline_.push_chunk(index, std::move(chunk));
  return result;
}

WorkerThreads::~WorkerThreads() {
  pipeline_.stop();
  for (std::thread& t : threads_) t.join();
}

void WorkerThreads::start(unsigned count, const std::vector<ReindexTask>& tasks,
                          uint64_t max_file_size, unsigned category_level) {
  for (unsigned i = 0; i < count; ++i) {
    workers_.push_back(std::make_unique<Worker>(tasks, pipeline_, max_file_size, category_level));
  }
  for (auto& worker : workers_) threads_.emplace_back([w = worker.get()] { w->run(); });
}

}  // namespace vnsearch::indexer
