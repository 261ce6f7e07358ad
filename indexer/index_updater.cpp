#include "indexer/index_updater.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/hash.h"
#include "common/plural.h"
#include "common/schema.h"
#include "indexer/article.h"
#include "indexer/copy_groups.h"  // near-copies (#16)
#include "indexer/document_builder.h"
#include "indexer/index_lock.h"
#include "indexer/shards.h"
#include "indexer/walker.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- What the index already holds -----------------------------------------

/// The documents one corpus file produced in an earlier run.
struct IndexedFile {
  std::string stamp;  ///< shared by all its documents; empty when they disagree
  std::map<std::string, Xapian::docid> documents;  ///< id term → docid
};

/// "size:mtime_ns:" — the part of a stamp known without reading the file.
std::string stamp_prefix(uint64_t size, int64_t mtime_ns) {
  return std::to_string(size) + ":" + std::to_string(mtime_ns) + ":";
}

std::string stamp_hash(const std::string& stamp) {
  const size_t colon = stamp.rfind(':');
  return colon == std::string::npos ? std::string() : stamp.substr(colon + 1);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// The corpus file a document id belongs to: the id without its "#<n>"
/// record suffix (a suffix only follows an indexable extension).
std::string file_of_id(const std::string& id) {
  const size_t hash = id.rfind('#');
  if (hash != std::string::npos && all_digits(std::string_view(id).substr(hash + 1)) &&
      has_indexable_extension(std::string_view(id).substr(0, hash))) {
    return id.substr(0, hash);
  }
  return id;
}

/// Reads every id once: a few hundred milliseconds for 40,000 documents,
/// and no document text is touched.
std::map<std::string, IndexedFile> load_indexed_files(Xapian::WritableDatabase& db) {
  std::unordered_map<Xapian::docid, std::string> stamps;
  for (auto it = db.valuestream_begin(schema::kSlotFileStamp);
       it != db.valuestream_end(schema::kSlotFileStamp); ++it) {
    stamps.emplace(it.get_docid(), *it);
  }
  std::map<std::string, IndexedFile> files;
  const std::string prefix(schema::kIdPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string id_term = *term;
    auto posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) continue;
    const Xapian::docid docid = *posting;
    std::string id = id_term.substr(prefix.size());
    // Long ids are shortened with a hash (schema::id_term); the data has the path.
    if (id.size() > 200)
      id = schema::DocumentData::from_json(db.get_document(docid).get_data()).path;
    IndexedFile& file = files[file_of_id(id)];
    const std::string& stamp = stamps[docid];
    if (file.documents.empty()) {
      file.stamp = stamp;
    } else if (file.stamp != stamp) {
      file.stamp.clear();  // a run stopped half-way through this file: read it again
    }
    file.documents.emplace(id_term, docid);
  }
  return files;
}

// ---- The pipeline between workers and the writer ---------------------------

/// One file that needs reading, in walk order.
struct Task {
  const CorpusFile* file = nullptr;
  const IndexedFile* indexed = nullptr;  ///< null for a new file
  bool too_large = false;                ///< known from the walk: not read
  unsigned shard = 0;                    ///< whose writer applies it
};

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

  Pipeline(const std::vector<Task>& tasks, size_t window_tasks, uint64_t window_bytes)
      : tasks_(tasks),
        window_tasks_(window_tasks),
        window_bytes_(window_bytes),
        applied_(tasks.size(), false) {}

  /// Worker: the next task to do, or false when there is none (or on stop).
  bool claim(size_t* index) {
    std::unique_lock<std::mutex> lock(mutex_);
    worker_cv_.wait(lock, [&] {
      if (stopping_ || next_claim_ >= tasks_.size()) return true;
      const uint64_t size = task_bytes(next_claim_);
      return next_claim_ < next_apply_ + window_tasks_ &&
             (bytes_in_flight_ == 0 || bytes_in_flight_ + size <= window_bytes_);
    });
    if (stopping_ || next_claim_ >= tasks_.size()) return false;
    *index = next_claim_++;
    bytes_in_flight_ += task_bytes(*index);
    results_[*index];
    return true;
  }

  /// Worker: hands over built documents; waits while the writer is behind.
  void push_chunk(size_t index, std::vector<BuiltDocument> chunk) {
    std::unique_lock<std::mutex> lock(mutex_);
    worker_cv_.wait(lock,
                    [&] { return stopping_ || results_[index].chunks.size() < kMaxChunksWaiting; });
    if (stopping_) return;
    results_[index].chunks.push_back(std::move(chunk));
    writer_cv_.notify_all();  // several writers wait on it
  }

  /// Worker: the file is done; `result` carries its outcome (chunks pushed
  /// before stay in place).
  void finish(size_t index, FileResult result) {
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

  /// Writer: waits for the next chunk of task `index` and moves it to
  /// `*chunk`; returns false once the file is finished and drained.
  bool next_chunk(size_t index, std::vector<BuiltDocument>* chunk) {
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

  /// Writer: takes the outcome of the finished task `index` and frees its slot.
  FileResult take_result(size_t index) {
    std::lock_guard<std::mutex> lock(mutex_);
    FileResult result = std::move(results_[index]);
    results_.erase(index);
    bytes_in_flight_ -= task_bytes(index);
    // The window slides with the oldest task not yet applied by any writer.
    applied_[index] = true;
    while (next_apply_ < applied_.size() && applied_[next_apply_]) ++next_apply_;
    worker_cv_.notify_all();
    return result;
  }

  /// The first failure of a worker or writer, if any.
  std::exception_ptr failure() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failure_;
  }

  /// A worker or writer failed in a way that must end the run.
  void fail(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_) failure_ = error;
    stopping_ = true;
    worker_cv_.notify_all();
    writer_cv_.notify_all();
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    worker_cv_.notify_all();
  }

 private:
  uint64_t task_bytes(size_t index) const {
    return tasks_[index].too_large ? 0 : tasks_[index].file->size;
  }

  const std::vector<Task>& tasks_;
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

std::string too_large_reason(uint64_t size, uint64_t limit) {
  return "file too large (" + std::to_string(size) + " bytes, limit " + std::to_string(limit) +
         "; see --max-file-size)";
}

/// Reads, decodes, parses and analyses files; one per thread.
class Worker {
 public:
  Worker(const std::vector<Task>& tasks, Pipeline& pipeline, uint64_t max_file_size,
         unsigned category_level)
      : tasks_(tasks),
        pipeline_(pipeline),
        max_file_size_(max_file_size),
        category_level_(category_level) {}

  void run() {
    try {
      size_t index;
      while (pipeline_.claim(&index)) pipeline_.finish(index, process(index));
    } catch (...) {
      pipeline_.fail(std::current_exception());
    }
  }

 private:
  FileResult process(size_t index) {
    const Task& task = tasks_[index];
    const CorpusFile& file = *task.file;
    FileResult result;
    if (task.too_large) {
      result.outcome = Outcome::kRejected;
      result.reason = too_large_reason(file.size, max_file_size_);
      return result;
    }
    std::string bytes;
    struct stat st;
    if (!read_file(file.path, &bytes, &st, &result)) return result;
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

  // Reads the whole file; on failure fills in `result` and returns false.
  bool read_file(const fs::path& path, std::string* bytes, struct stat* st, FileResult* result) {
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
    } else if (static_cast<uint64_t>(st->st_size) > max_file_size_) {
      result->outcome = Outcome::kRejected;
      result->reason = too_large_reason(static_cast<uint64_t>(st->st_size), max_file_size_);
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

  const std::vector<Task>& tasks_;
  Pipeline& pipeline_;
  const uint64_t max_file_size_;
  const unsigned category_level_;
  DocumentBuilder builder_;
};

// ---- The writer --------------------------------------------------------------

bool may_hold_several_documents(const std::string& relative_path) {
  const size_t dot = relative_path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string extension = relative_path.substr(dot + 1);
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == "json" || extension == "jsonl";
}

std::string iso_time_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string index_label(const IndexOptions& options, const std::string& shard) {
  return vnsearch::index_label(options.index_dir.string(), shard);
}

Xapian::WritableDatabase open_shard(const fs::path& path, const IndexOptions& options,
                                    const std::string& shard) {
  try {
    // Never DB_CREATE_OR_OVERWRITE: --full writes a new folder, and the old
    // index must stay whole until the new one replaces it.
    return Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error(index_label(options, shard) +
                             " is locked by another process (another vnindex running?)");
  }
}

void check_schema_version(Xapian::WritableDatabase& db, const IndexOptions& options,
                          const std::string& shard) {
  if (options.full) return;
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  const std::string expected = std::to_string(schema::kVersion);
  if (version == expected || (version.empty() && db.get_doccount() == 0)) return;
  throw std::runtime_error(
      index_label(options, shard) + " has schema version " +
      (version.empty() ? std::string("(none: not made by vnindex)") : version) +
      ", this vnindex writes version " + expected + "; rebuild it with --full");
}

/// The category level this run uses: --category-level if given, else the
/// index's (1 for a new index or one written before the option). Changing it
/// changes unchanged files' categories, so it takes --full.
unsigned category_level_for_run(const IndexOptions& options, const Xapian::Database* db) {
  const std::string stored =
      db ? db->get_metadata(std::string(schema::kMetaCategoryLevel)) : std::string();
  const unsigned existing = stored.empty() ? 1 : static_cast<unsigned>(std::stoul(stored));
  const unsigned wanted = options.category_level.value_or(existing);
  if (wanted != existing && db && db->get_doccount() > 0 && !options.full) {
    throw std::runtime_error("index " + options.index_dir.string() +
                             " takes categories from folder level " + std::to_string(existing) +
                             ", not " + std::to_string(wanted) +
                             "; changing it re-reads every file: add --full (or leave out "
                             "--category-level)");
  }
  return wanted;
}

/// A database with documents lost a table file (deleted, or never copied):
/// Xapian would open it and read the missing table as empty.
void check_tables(const fs::path& path, const Xapian::Database& db) {
  if (db.get_doccount() == 0) return;
  const std::vector<fs::path> missing = missing_required_tables(path);
  if (!missing.empty()) {
    throw Xapian::DatabaseCorruptError(missing[0].string() + " is missing, though the " +
                                       "database holds " + std::to_string(db.get_doccount()) +
                                       " documents");
  }
}

/// The shard count this run writes: --shards if given, else what the index
/// has (1 for a new one). Changing it rebuilds every document, so it takes
/// --full.
unsigned shard_count_for_run(const IndexOptions& options, unsigned existing) {
  const unsigned wanted = options.shards > 0 ? options.shards : std::max(1U, existing);
  if (existing != 0 && wanted != existing && !options.full) {
    throw std::runtime_error("index " + options.index_dir.string() + " has " +
                             std::to_string(existing) + (existing == 1 ? " shard" : " shards") +
                             ", not " + std::to_string(wanted) +
                             "; changing the number of shards re-indexes everything: add --full "
                             "(or leave out --shards to keep " +
                             std::to_string(existing) + ")");
  }
  return wanted;
}

uint64_t count_duplicates(const Xapian::Database& db) {
  uint64_t copies = 0;
  const std::string prefix(schema::kDuplicatePrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    copies += term.get_termfreq() - 1;
  }
  return copies;
}

/// Serialises the progress line of several writers.
class SharedProgress {
 public:
  SharedProgress(Console& console, const ProgressSnapshot& initial, Clock::time_point start)
      : console_(console), snapshot_(initial), start_(start) {}

  void file_done(uint64_t bytes, uint64_t documents) {
    std::lock_guard<std::mutex> lock(mutex_);
    snapshot_.files_done += 1;
    snapshot_.bytes_done += bytes;
    snapshot_.documents_done += documents;
    snapshot_.seconds = seconds_since(start_);
    console_.progress(snapshot_);
  }

 private:
  Console& console_;
  std::mutex mutex_;
  ProgressSnapshot snapshot_;
  const Clock::time_point start_;
};

/// Applies one shard's results to its database.
class Writer {
 public:
  Writer(Xapian::WritableDatabase& db, const IndexOptions& options, Console& console,
         RunSummary& summary)
      : db_(db), options_(options), console_(console), summary_(summary) {}

  /// Applies the results of the tasks at `indices` (ascending) in order.
  void apply_all(const std::vector<Task>& tasks, const std::vector<size_t>& indices,
                 Pipeline& pipeline, SharedProgress& progress) {
    for (size_t index : indices) {
      const uint64_t written_before = summary_.added + summary_.updated;
      apply_file(*tasks[index].file, tasks[index].indexed, pipeline, index);
      progress.file_done(tasks[index].too_large ? 0 : tasks[index].file->size,
                         summary_.added + summary_.updated - written_before);
    }
  }

  void delete_documents(const IndexedFile& file) {
    for (const auto& [id_term, docid] : file.documents) {
      db_.delete_document(docid);
      ++summary_.deleted;
      ++changes_since_commit_;
    }
    maybe_commit();
  }

  void commit() {
    db_.commit();
    changes_since_commit_ = 0;
    last_commit_ = Clock::now();
  }

 private:
  void report(const std::string& relative, const std::string& reason) {
    console_.message("vnindex: " + (options_.corpus_dir / relative).string() + ": " + reason);
  }

  void maybe_commit() {
    if (changes_since_commit_ >= options_.commit_documents ||
        (changes_since_commit_ > 0 && seconds_since(last_commit_) >= options_.commit_seconds)) {
      commit();
    }
  }

  void apply_file(const CorpusFile& file, const IndexedFile* indexed, Pipeline& pipeline,
                  size_t index) {
    // A file that may give several documents (JSON, JSON Lines) is one
    // transaction: a run killed half-way through it must not leave its records
    // all carrying the new stamp while some are missing, which the next run
    // would take as complete. Single-document files skip it: measured, a
    // transaction per file doubles the writer's time.
    const bool use_transaction = may_hold_several_documents(file.relative_path) ||
                                 (indexed && indexed->documents.size() > 1);
    if (use_transaction) db_.begin_transaction(false);
    uint64_t added = 0, updated = 0, deleted = 0, unchanged = 0;
    std::set<std::string> written;
    std::string failure;
    std::vector<BuiltDocument> chunk;
    while (pipeline.next_chunk(index, &chunk)) {
      if (!failure.empty()) continue;  // drain what the worker still sends
      for (BuiltDocument& built : chunk) {
        try {
          db_.replace_document(built.id_term, built.document);
        } catch (const Xapian::InvalidArgumentError& e) {  // e.g. a term too long
          failure = "cannot index: " + e.get_msg();
          break;
        }
        const bool existed = indexed && indexed->documents.count(built.id_term) > 0;
        (existed ? updated : added) += 1;
        written.insert(std::move(built.id_term));
      }
      chunk.clear();
    }
    FileResult result = pipeline.take_result(index);
    if (!failure.empty()) {
      if (use_transaction) db_.cancel_transaction();
      ++summary_.skipped;
      report(file.relative_path, failure);
      return;
    }

    summary_.bytes += result.bytes_read;
    switch (result.outcome) {
      case Outcome::kIndexed:
        if (!options_.quiet) {
          for (const std::string& warning : result.warnings) {
            report(file.relative_path, "warning: " + warning);
          }
        }
        if (indexed) {  // records gone from a changed file, even with --no-delete
          for (const auto& [id_term, docid] : indexed->documents) {
            if (written.count(id_term)) continue;
            db_.delete_document(docid);
            ++deleted;
          }
        }
        break;
      case Outcome::kContentUnchanged:
        for (const auto& [id_term, docid] : indexed->documents) {
          Xapian::Document document = db_.get_document(docid);
          document.add_value(schema::kSlotFileStamp, result.stamp);
          db_.replace_document(docid, document);
          ++unchanged;
        }
        break;
      case Outcome::kRejected:
        ++summary_.skipped;
        report(file.relative_path, result.reason);
        if (indexed && options_.delete_missing) {
          for (const auto& [id_term, docid] : indexed->documents) {
            db_.delete_document(docid);
            ++deleted;
          }
        }
        break;
      case Outcome::kUnreadable:
        ++summary_.skipped;
        report(file.relative_path, result.reason);
        break;
    }
    if (use_transaction) db_.commit_transaction();
    summary_.added += added;
    summary_.updated += updated;
    summary_.deleted += deleted;
    summary_.unchanged += unchanged;
    changes_since_commit_ += added + updated + deleted + unchanged;
    maybe_commit();
  }

  Xapian::WritableDatabase& db_;
  const IndexOptions& options_;
  Console& console_;
  RunSummary& summary_;
  uint64_t changes_since_commit_ = 0;
  Clock::time_point last_commit_ = Clock::now();
};

/// Stops and joins the workers however the writers leave.
class WorkerThreads {
 public:
  WorkerThreads(Pipeline& pipeline) : pipeline_(pipeline) {}
  ~WorkerThreads() {
    pipeline_.stop();
    for (std::thread& t : threads_) t.join();
  }
  void start(unsigned count, const std::vector<Task>& tasks, uint64_t max_file_size,
             unsigned category_level) {
    for (unsigned i = 0; i < count; ++i) {
      workers_.push_back(std::make_unique<Worker>(tasks, pipeline_, max_file_size, category_level));
    }
    for (auto& worker : workers_) threads_.emplace_back([w = worker.get()] { w->run(); });
  }

 private:
  Pipeline& pipeline_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

bool under_any(const std::string& path, const std::vector<std::string>& folders) {
  for (const std::string& folder : folders) {
    if (folder.empty() || path.compare(0, folder.size() + 1, folder + "/") == 0) return true;
  }
  return false;
}

/// One shard's database and what this run does to it.
struct Shard {
  std::string label;  ///< "shard-2", or empty for a one-database index
  Xapian::WritableDatabase db;
  std::map<std::string, IndexedFile> indexed;
  std::vector<size_t> tasks;  ///< indices of its tasks, ascending
  uint64_t files = 0;         ///< corpus files that hash to it
  RunSummary summary;
};

/// The writer thread of one shard: applies its results, deletes the
/// documents of its files that are gone, and commits. Each shard is its own
/// database, so the shards are written in parallel.
void write_shard(Shard& shard, const IndexOptions& options, const std::vector<Task>& tasks,
                 const WalkResult& walk, const std::set<std::string>& present, Pipeline& pipeline,
                 SharedProgress& progress, Console& console) {
  Writer writer(shard.db, options, console, shard.summary);
  writer.apply_all(tasks, shard.tasks, pipeline, progress);
  // Files gone from the corpus (or now excluded) take their documents along.
  if (options.delete_missing) {
    for (const auto& [path, file] : shard.indexed) {
      if (present.count(path) || under_any(path, walk.unlisted_folders)) continue;
      writer.delete_documents(file);
    }
  }
  shard.db.set_metadata(std::string(schema::kMetaLastUpdate), iso_time_now());
  writer.commit();
}

/// Opens the `count` shard databases of the index at `folder` for writing,
/// checks each one's schema and files, and loads what each one holds.
std::vector<Shard> open_shards(const fs::path& folder, unsigned count,
                               const IndexOptions& options) {
  std::vector<Shard> shards(count);
  const std::vector<fs::path> paths = shard_paths(folder, count);
  for (unsigned i = 0; i < count; ++i) {
    Shard& shard = shards[i];
    shard.label = shard_label(i, count);
    try {
      shard.db = open_shard(paths[i], options, shard.label);
      check_schema_version(shard.db, options, shard.label);
      check_tables(paths[i], shard.db);
      shard.indexed = load_indexed_files(shard.db);
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexDamagedError(
          damaged_index_message(options.index_dir.string(), shard.label, e.get_description()));
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexDamagedError(
          damaged_index_message(options.index_dir.string(), shard.label, e.get_description()));
    }
  }
  return shards;
}

void close_shards(std::vector<Shard>* shards) {
  for (Shard& shard : *shards) shard.db.close();
}

/// "N documents" of the index in `shards`.
uint64_t document_count(const std::vector<Shard>& shards) {
  uint64_t documents = 0;
  for (const Shard& shard : shards) documents += shard.db.get_doccount();
  return documents;
}

std::string previous_root(const std::vector<Shard>& shards) {
  return shards.empty() ? std::string()
                        : shards[0].db.get_metadata(std::string(schema::kMetaCorpusRoot));
}

/// Another corpus folder than the index was built from is a typo or an
/// unmounted disk until the user says otherwise: an update from it would
/// delete every document the other folder lacks.
void check_corpus_root(const std::vector<Shard>& shards, const IndexOptions& options,
                       const std::string& corpus_root) {
  const std::string previous = previous_root(shards);
  if (previous.empty() || previous == corpus_root || options.full || options.root_moved) return;
  throw std::runtime_error(
      "index " + options.index_dir.string() + " was built from " + previous + ", not from " +
      corpus_root + ". Nothing was changed. If the archive moved there, add --root-moved (the " +
      "documents keep their paths relative to it); to index this folder instead, add --full " +
      "(rebuilds the index from it)");
}

std::string deletion_refusal(const IndexOptions& options, const std::string& corpus_root,
                             uint64_t doomed, uint64_t documents) {
  return "this run would delete " + std::to_string(doomed) + " of the " +
         std::to_string(documents) + " documents in index " + options.index_dir.string() +
         ", because their files are not in " + corpus_root + " (more than --max-delete " +
         options.max_delete.to_string() +
         " allows). Nothing was changed. Is the folder mounted and spelt right? To delete them, "
         "add --max-delete " +
         std::to_string(doomed) + " (or --max-delete 100%)";
}

/// True when the user's --include/--exclude globs leave `path` out: its
/// documents go because the user asked, not because the file vanished.
bool left_out_by_globs(const std::string& path, const IndexOptions& options) {
  for (size_t end = path.find('/'); end != std::string::npos; end = path.find('/', end + 1)) {
    for (const std::string& glob : options.exclude_globs) {
      if (glob_matches(glob, path.substr(0, end))) return true;  // an excluded folder
    }
  }
  for (const std::string& glob : options.exclude_globs) {
    if (glob_matches(glob, path)) return true;
  }
  if (options.include_globs.empty()) return false;
  for (const std::string& glob : options.include_globs) {
    if (glob_matches(glob, path)) return false;
  }
  return true;
}

/// Stops a run that would delete more documents of vanished files than
/// --max-delete allows, before anything is written.
void check_deletions(const std::vector<Shard>& shards, const WalkResult& walk,
                     const std::set<std::string>& present, const IndexOptions& options,
                     const std::string& corpus_root) {
  if (!options.delete_missing) return;
  uint64_t doomed = 0;
  for (const Shard& shard : shards) {
    for (const auto& [path, file] : shard.indexed) {
      if (present.count(path) || under_any(path, walk.unlisted_folders) ||
          left_out_by_globs(path, options)) {
        continue;
      }
      doomed += file.documents.size();
    }
  }
  const uint64_t documents = document_count(shards);
  if (doomed > options.max_delete.allowed(documents)) {
    throw std::runtime_error(deletion_refusal(options, corpus_root, doomed, documents));
  }
}

/// A rebuild of the same folder that would lose more documents than
/// --max-delete allows is stopped as an update would be; a rebuild from
/// another folder (asked for with --full) only when that folder is empty.
void check_full_rebuild(const std::vector<Shard>& current, const WalkResult& walk,
                        const IndexOptions& options, const std::string& corpus_root) {
  std::set<std::string> present;
  for (const CorpusFile& file : walk.files) present.insert(file.relative_path);
  if (previous_root(current) == corpus_root || previous_root(current).empty()) {
    check_deletions(current, walk, present, options, corpus_root);
    return;
  }
  const uint64_t documents = document_count(current);
  if (walk.files.empty() && documents > options.max_delete.allowed(documents)) {
    throw std::runtime_error(deletion_refusal(options, corpus_root, documents, documents));
  }
}

/// Joins its threads however the scope is left.
class JoiningThreads {
 public:
  ~JoiningThreads() {
    for (std::thread& t : threads_) t.join();
  }
  template <typename F>
  void start(F&& f) {
    threads_.emplace_back(std::forward<F>(f));
  }
  void join() {
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  std::vector<std::thread> threads_;
};

}  // namespace

// ---- The run -------------------------------------------------------------------

RunSummary update_index(const IndexOptions& options, Console& console) {
  const Clock::time_point start = Clock::now();
  RunSummary summary;

  WalkOptions walk_options;
  walk_options.include_globs = options.include_globs;
  walk_options.exclude_globs = options.exclude_globs;
  walk_options.skip_folders.push_back(options.index_dir);
  // Walk before touching the index: a missing corpus must not create one.
  const WalkResult walk = walk_corpus(options.corpus_dir, walk_options);
  summary.files = walk.files.size();
  const std::string corpus_root = fs::canonical(options.corpus_dir).string();

  // The lock first, then the layout read under it: a command refused for
  // any reason below has changed nothing.
  IndexLock lock(options.index_dir);
  for (const fs::path& leftover : remove_leftovers(options.index_dir)) {
    if (!options.quiet) {
      console.message("vnindex: note: removed " + leftover.string() + ", left by a stopped run");
    }
  }
  // The index as it is, opened and checked before anything is written: a
  // lock, schema or damage error stops the run with nothing changed. A
  // damaged index is what --full is for: it is rebuilt without being read.
  unsigned existing = 0;
  std::vector<Shard> current;
  try {
    existing = existing_shard_count(options.index_dir);
    if (existing > 0) current = open_shards(options.index_dir, existing, options);
  } catch (const IndexDamagedError& e) {
    if (!options.full) throw;
    if (existing == 0) existing = 1;  // tables without their version file: one database
    if (!options.quiet) console.message("vnindex: note: rebuilding: " + std::string(e.what()));
  }
  const unsigned shard_count = shard_count_for_run(options, existing);
  check_corpus_root(current, options, corpus_root);
  const unsigned category_level =
      category_level_for_run(options, current.empty() ? nullptr : &current[0].db);

  // --full builds a new index beside the old one and swaps the two at the
  // end: a run killed before that leaves the old index as it was.
  const bool rebuild = options.full && existing > 0;
  fs::path target = options.index_dir;
  if (rebuild) {
    target = rebuild_folder(options.index_dir);
    check_full_rebuild(current, walk, options, corpus_root);
    close_shards(&current);
    fs::create_directories(target);
    lock.also_lock(target);  // so that the lock moves with the swap
  }
  prepare_shards(target, shard_count);
  std::vector<Shard> shards =
      rebuild || existing == 0 ? open_shards(target, shard_count, options) : std::move(current);

  for (const WalkProblem& problem : walk.problems) {
    ++(problem.symbolic_link ? summary.links_skipped : summary.skipped);
    console.message("vnindex: " + (options.corpus_dir / problem.relative_path).string() + ": " +
                    problem.reason);
  }

  // Decide per file from the walk alone: unchanged files are never opened.
  std::vector<Task> tasks;
  ProgressSnapshot progress;
  progress.files_total = walk.files.size();
  for (const CorpusFile& file : walk.files) {
    const unsigned shard_index = shard_of(file.relative_path, shard_count);
    Shard& shard = shards[shard_index];
    ++shard.files;
    auto found = shard.indexed.find(file.relative_path);
    const IndexedFile* previous = found == shard.indexed.end() ? nullptr : &found->second;
    const bool too_large = file.size > options.max_file_size;  // even if unchanged
    const std::string prefix = stamp_prefix(file.size, file.mtime_ns);
    if (!too_large && previous && !previous->stamp.empty() &&
        previous->stamp.compare(0, prefix.size(), prefix) == 0) {
      shard.summary.unchanged += previous->documents.size();
      ++progress.files_done;
      continue;
    }
    Task task;
    task.file = &file;
    task.indexed = previous;
    task.too_large = too_large;
    task.shard = shard_index;
    if (!task.too_large) progress.bytes_total += file.size;
    shard.tasks.push_back(tasks.size());
    tasks.push_back(task);
  }

  std::set<std::string> present;
  for (const CorpusFile& file : walk.files) present.insert(file.relative_path);
  if (!rebuild) check_deletions(shards, walk, present, options, corpus_root);

  // Nothing before this line changed the index (a WritableDatabase commits
  // what is pending when it is destroyed, even by an exception).
  for (Shard& shard : shards) {
    // Written with the first commit, so that even a killed first run leaves
    // an index the next run recognises as its own.
    shard.db.set_metadata(std::string(schema::kMetaSchemaVersion),
                          std::to_string(schema::kVersion));
    shard.db.set_metadata(std::string(schema::kMetaCorpusRoot), corpus_root);
    shard.db.set_metadata(std::string(schema::kMetaCategoryLevel), std::to_string(category_level));
  }

  {
    const unsigned jobs = std::max(1U, options.jobs);
    Pipeline pipeline(tasks, /*window_tasks=*/8 * jobs, /*window_bytes=*/64ULL << 20);
    SharedProgress shared_progress(console, progress, start);
    WorkerThreads workers(pipeline);
    workers.start(jobs, tasks, options.max_file_size, category_level);
    JoiningThreads writers;
    for (Shard& shard : shards) {
      writers.start([&, target_shard = &shard] {
        try {
          write_shard(*target_shard, options, tasks, walk, present, pipeline, shared_progress,
                      console);
        } catch (...) {
          pipeline.fail(std::current_exception());  // stops the workers and the other writers
        }
      });
    }
    writers.join();
    if (const std::exception_ptr failure = pipeline.failure()) std::rethrow_exception(failure);
  }
  console.clear_progress();

  // Near-copies (#16): groups span shards, so one pass over all of them.
  update_copy_groups([&shards] {
    std::vector<Xapian::WritableDatabase*> dbs;
    for (Shard& shard : shards) dbs.push_back(&shard.db);
    return dbs;
  }());

  Xapian::Database all;
  for (Shard& shard : shards) {
    all.add_database(shard.db);
    summary.bytes += shard.summary.bytes;
    summary += shard.summary;
    if (shard_count > 1) {
      ShardSummary s;
      static_cast<ChangeCounts&>(s) = shard.summary;
      s.name = shard.label;
      s.files = shard.files;
      s.documents = shard.db.get_doccount();
      s.duplicates = count_duplicates(shard.db);
      summary.shards.push_back(s);
    }
  }
  // Copies may sit in different shards: counted over all of them at once.
  summary.documents = all.get_doccount();
  summary.duplicates = count_duplicates(all);
  if (rebuild) {
    all.close();
    close_shards(&shards);
    swap_folders(options.index_dir, target);
    std::error_code ec;
    fs::remove_all(target, ec);  // the old index now; a leftover goes next run
  }
  summary.seconds = seconds_since(start);
  return summary;
}

// ---- The summary -----------------------------------------------------------------

ChangeCounts& ChangeCounts::operator+=(const ChangeCounts& other) {
  added += other.added;
  updated += other.updated;
  deleted += other.deleted;
  unchanged += other.unchanged;
  skipped += other.skipped;
  return *this;
}

namespace {

void put_counts(const ChangeCounts& counts, nlohmann::ordered_json* j) {
  (*j)["added"] = counts.added;
  (*j)["updated"] = counts.updated;
  (*j)["deleted"] = counts.deleted;
  (*j)["unchanged"] = counts.unchanged;
  (*j)["skipped"] = counts.skipped;
}

}  // namespace

double RunSummary::docs_per_second() const {
  return seconds > 0 ? static_cast<double>(added + updated) / seconds : 0.0;
}

std::string RunSummary::to_json() const {
  nlohmann::ordered_json j;
  put_counts(*this, &j);
  j["duplicates"] = duplicates;
  j["documents"] = documents;
  j["files"] = files;
  j["links_skipped"] = links_skipped;
  j["bytes"] = bytes;
  j["seconds"] = std::round(seconds * 1000) / 1000;
  j["docs_per_second"] = std::round(docs_per_second() * 10) / 10;
  if (!shards.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ShardSummary& s : shards) {
      nlohmann::ordered_json shard;
      shard["shard"] = s.name;
      shard["files"] = s.files;
      put_counts(s, &shard);
      shard["duplicates"] = s.duplicates;
      shard["documents"] = s.documents;
      list.push_back(std::move(shard));
    }
    j["shards"] = std::move(list);
  }
  return j.dump();
}

std::string RunSummary::to_text() const {
  char rates[100];
  std::snprintf(rates, sizeof rates, " in %.1f s, %.0f docs/s, %.1f MB/s", seconds,
                docs_per_second(),
                seconds > 0 ? static_cast<double>(bytes) / (1024.0 * 1024.0) / seconds : 0.0);
  std::string line = "vnindex: " + counted(files, "file", "files") + ": " + std::to_string(added) +
                     " added, " + std::to_string(updated) + " updated, " + std::to_string(deleted) +
                     " deleted, " + std::to_string(unchanged) + " unchanged, " +
                     std::to_string(skipped) + " skipped";
  if (links_skipped > 0) {
    line += "; " + counted(links_skipped, "symbolic link", "symbolic links") + " not followed";
  }
  line += "; " + counted(documents, "document", "documents") + " (" +
          counted(duplicates, "duplicate", "duplicates") + ")" + rates;
  if (!shards.empty()) line += "; " + std::to_string(shards.size()) + " shards";
  return line;
}

}  // namespace vnsearch::indexer
