// @brief The reading and analysing side of a run: worker threads that read,
// decode, parse and analyse files into Xapian documents, and the pipeline
// that hands their results to the shard writers in walk order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "indexer/document_builder.h"
#include "indexer/reindex_plan.h"

namespace vnsearch::indexer {

struct BuiltDocument {
  std::string id_term;
  Xapian::Document document;
};

enum class Outcome {
  kIndexed,           ///< documents built
  kContentUnchanged,  ///< new size or mtime, same bytes: only the stamp changes
  kRejected,          ///< content cannot be indexed: the old documents go
  kUnreadable,        ///< I/O error: the old documents stay, the content is unknown
};

/// What a worker hands the writer for one file. Documents come in chunks,
/// so that a large JSON Lines file never sits in memory whole.
struct FileResult {
  std::deque<std::vector<BuiltDocument>> chunks;
  bool finished = false;
  Outcome outcome = Outcome::kIndexed;
  std::string stamp;
  std::string reason;
  std::vector<std::string> warnings;
  uint64_t bytes_read = 0;
};

/// Hands out tasks in order to the workers and results in order to the
/// writers (each shard's writer takes its own tasks in order), so that the
/// index never depends on thread timing. A window caps the tasks in flight
/// (count and bytes), which keeps memory flat.
class Pipeline {
 public:
  static constexpr size_t kChunkDocuments = 32;
  static constexpr size_t kMaxChunksWaiting = 4;

  /// `task_bytes`: what each task reads, in task order.
  Pipeline(std::vector<uint64_t> task_bytes, size_t window_tasks, uint64_t window_bytes);

  /// Worker: the next task to do, or false when there is none (or on stop).
  bool claim(size_t* index);
  /// Worker: hands over built documents; waits while the writer is behind.
  void push_chunk(size_t index, std::vector<BuiltDocument> chunk);
  /// Worker: the file is done; `result` carries its outcome (chunks pushed
  /// before stay in place).
  void finish(size_t index, FileResult result);

  /// Writer: waits for the next chunk of task `index` and moves it to
  /// `*chunk`; returns false once the file is finished and drained.
  bool next_chunk(size_t index, std::vector<BuiltDocument>* chunk);
  /// Writer: takes the outcome of the finished task `index` and frees its slot.
  FileResult take_result(size_t index);

  /// The first failure of a worker or writer, if any.
  std::exception_ptr failure();
  /// A worker or writer failed in a way that must end the run: stops all.
  void fail(std::exception_ptr error);
  /// No more claims (the writers are done or gone).
  void stop();

 private:
  const std::vector<uint64_t> task_bytes_;
  const size_t window_tasks_;
  const uint64_t window_bytes_;
  std::mutex mutex_;
  std::condition_variable worker_cv_;
  std::condition_variable writer_cv_;
  std::unordered_map<size_t, FileResult> results_;
  std::vector<bool> applied_;
  size_t next_claim_ = 0;
  size_t next_apply_ = 0;
  uint64_t bytes_in_flight_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
};

/// "file too large (N bytes, limit L; see --max-file-size)".
std::string too_large_reason(uint64_t size, uint64_t limit);

/// Reads, decodes, parses and analyses files; one per thread.
class Worker {
 public:
  Worker(const std::vector<ReindexTask>& tasks, Pipeline& pipeline, uint64_t max_file_size,
         unsigned category_level);
  /// Claims tasks until there are none; a failure stops the pipeline.
  void run();

 private:
  FileResult process(size_t index);

  const std::vector<ReindexTask>& tasks_;
  Pipeline& pipeline_;
  const uint64_t max_file_size_;
  const unsigned category_level_;
  DocumentBuilder builder_;
};

/// The worker threads of a run; stops and joins them however the writers
/// leave.
class WorkerThreads {
 public:
  explicit WorkerThreads(Pipeline& pipeline) : pipeline_(pipeline) {}
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  void start(unsigned count, const std::vector<ReindexTask>& tasks, uint64_t max_file_size,
             unsigned category_level);

 private:
  Pipeline& pipeline_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

}  // namespace vnsearch::indexer
