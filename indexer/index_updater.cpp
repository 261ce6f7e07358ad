#include "indexer/index_updater.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/database.h"
#include "common/schema.h"
#include "indexer/copy_groups.h"  // near-copies (#16)
#include "indexer/index_lock.h"
#include "indexer/pipeline.h"
#include "indexer/reindex_plan.h"
#include "indexer/shard_databases.h"
#include "indexer/shard_writer.h"
#include "indexer/shards.h"
#include "indexer/walker.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/// The databases a new one-database index is written as at once, one
/// writer thread each, then merged (see update_index): both cores of a
/// small machine. Not tied to --jobs, so that the index (its document ids)
/// is the same whatever the number of threads.
constexpr unsigned kBuildWriters = 2;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string iso_time_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
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

/// The writer thread of one shard: applies its results in order, deletes the
/// documents of its files that are gone, and commits. Each shard is its own
/// database, so the shards are written in parallel.
void write_shard(OpenShard& shard, const ShardPlan& plan, const std::vector<ReindexTask>& tasks,
                 const IndexOptions& options, Pipeline& pipeline, SharedProgress& progress,
                 Console& console, ChangeCounts* counts, uint64_t* bytes_read) {
  WriterSettings settings;
  settings.corpus_dir = options.corpus_dir;
  settings.quiet = options.quiet;
  settings.delete_missing = options.delete_missing;
  settings.commit_documents = options.commit_documents;
  settings.commit_seconds = options.commit_seconds;
  ShardWriter writer(shard.db, settings, console);
  for (size_t index : plan.tasks) {
    const uint64_t written_before = writer.counts().added + writer.counts().updated;
    writer.apply_file(
        tasks[index].file->relative_path, tasks[index].indexed,
        [&](std::vector<BuiltDocument>* chunk) { return pipeline.next_chunk(index, chunk); },
        [&] { return pipeline.take_result(index); });
    progress.file_done(tasks[index].bytes(),
                       writer.counts().added + writer.counts().updated - written_before);
  }
  // Files gone from the corpus (or now excluded) take their documents along.
  if (options.delete_missing) {
    for (const IndexedFile* file : plan.gone) writer.delete_documents(*file);
  }
  shard.db.set_metadata(std::string(schema::kMetaLastUpdate), iso_time_now());
  writer.commit();
  *counts = writer.counts();
  *bytes_read = writer.bytes_read();
}

void close_shards(std::vector<OpenShard>* shards) {
  for (OpenShard& shard : *shards) shard.db.close();
}

/// Documents in the index in `shards`.
uint64_t document_count(const std::vector<OpenShard>& shards) {
  uint64_t documents = 0;
  for (const OpenShard& shard : shards) documents += shard.db.get_doccount();
  return documents;
}

std::string previous_root(const std::vector<OpenShard>& shards) {
  return shards.empty() ? std::string()
                        : shards[0].db.get_metadata(std::string(schema::kMetaCorpusRoot));
}

/// Another corpus folder than the index was built from is a typo or an
/// unmounted disk until the user says otherwise: an update from it would
/// delete every document the other folder lacks.
void check_corpus_root(const std::vector<OpenShard>& shards, const IndexOptions& options,
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

PlanRules plan_rules(const IndexOptions& options, const WalkResult& walk) {
  PlanRules rules;
  rules.max_file_size = options.max_file_size;
  rules.include_globs = options.include_globs;
  rules.exclude_globs = options.exclude_globs;
  rules.unlisted_folders = walk.unlisted_folders;
  return rules;
}

std::vector<IndexedFiles> indexed_files(const std::vector<OpenShard>& shards) {
  std::vector<IndexedFiles> indexed;
  for (const OpenShard& shard : shards) indexed.push_back(shard.indexed);
  return indexed;
}

/// Stops a run that would delete more documents of vanished files than
/// --max-delete allows, before anything is written.
void check_deletions(const ReindexPlan& plan, uint64_t documents, const IndexOptions& options,
                     const std::string& corpus_root) {
  if (!options.delete_missing) return;
  if (plan.vanished_documents > options.max_delete.allowed(documents)) {
    throw std::runtime_error(
        deletion_refusal(options, corpus_root, plan.vanished_documents, documents));
  }
}

/// A rebuild of the same folder that would lose more documents than
/// --max-delete allows is stopped as an update would be; a rebuild from
/// another folder (asked for with --full) only when that folder is empty.
void check_full_rebuild(const std::vector<OpenShard>& current, const WalkResult& walk,
                        const IndexOptions& options, const std::string& corpus_root) {
  if (current.empty()) return;  // damaged: rebuilt without being read
  const uint64_t documents = document_count(current);
  if (previous_root(current) == corpus_root || previous_root(current).empty()) {
    const std::vector<IndexedFiles> indexed = indexed_files(current);
    const ReindexPlan plan = plan_reindex(walk.files, indexed, plan_rules(options, walk));
    check_deletions(plan, documents, options, corpus_root);
    return;
  }
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

/// Replaces the index with a compacted copy of the databases the run wrote
/// (merged into one when `merge`), in one swap. The copy is built in the
/// hidden folder beside the index, so a run killed meanwhile leaves the
/// index as it was. Without `merge` the index is whole already: a copy that
/// cannot be made leaves it uncompacted, with a note, and returns false.
bool swap_in_compacted(const IndexOptions& options, const std::vector<fs::path>& databases,
                       bool merge, IndexLock& lock, Console& console) {
  const fs::path compacted = compact_folder(options.index_dir);
  std::string failure;
  try {
    write_compacted(databases, compacted, merge);
    lock.also_lock(compacted);  // the lock stays with the index across the swap
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (const Xapian::Error& e) {
    failure = e.get_description();
  }
  if (!failure.empty()) {
    std::error_code ec;
    fs::remove_all(compacted, ec);
    if (merge) throw std::runtime_error("cannot merge the new index: " + failure);
    console.message("vnindex: note: the index is complete but could not be compacted: " + failure);
    return false;
  }
  swap_folders(options.index_dir, compacted);
  std::error_code ec;
  fs::remove_all(compacted, ec);  // what was the index; a leftover goes next run
  return true;
}

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
  std::vector<OpenShard> current;
  try {
    existing = existing_shard_count(options.index_dir);
    if (existing > 0) {
      current =
          open_shards(shard_paths(options.index_dir, existing), options.index_dir, options.full);
    }
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
  // A new one-database index is written as several databases at once, one
  // writer thread each (the writer is most of the work), merged at the end.
  // The first is the index itself when there was none, so that a killed
  // first run leaves an index the next run completes; the others live in the
  // hidden folder beside it, which any later run removes.
  const unsigned writers =
      (rebuild || existing == 0) && shard_count == 1 ? kBuildWriters : shard_count;
  const bool merge = writers > shard_count;
  const fs::path beside = rebuild_folder(options.index_dir);
  std::vector<fs::path> paths;
  if (rebuild) {
    check_full_rebuild(current, walk, options, corpus_root);
    close_shards(&current);
    fs::create_directories(beside);
    lock.also_lock(beside);           // so that the lock moves with a swap
    prepare_shards(beside, writers);  // a stub for several: Xapian opens the folder as one
    paths = shard_paths(beside, writers);
  } else {
    prepare_shards(options.index_dir, shard_count);
    paths = shard_paths(options.index_dir, shard_count);
    for (unsigned i = 1; merge && i < writers; ++i) {
      fs::create_directories(beside);
      paths.push_back(beside / shard_folder_name(i));
    }
  }
  std::vector<OpenShard> shards = rebuild || existing == 0
                                      ? open_shards(paths, options.index_dir, /*any_version=*/false)
                                      : std::move(current);
  const uint64_t documents_before = document_count(shards);

  for (const WalkProblem& problem : walk.problems) {
    ++(problem.symbolic_link ? summary.links_skipped : summary.skipped);
    console.message("vnindex: " + (options.corpus_dir / problem.relative_path).string() + ": " +
                    problem.reason);
  }

  // Decide per file from the walk alone: unchanged files are never opened.
  std::vector<IndexedFiles> indexed;
  for (OpenShard& shard : shards) indexed.push_back(std::move(shard.indexed));
  const ReindexPlan plan = plan_reindex(walk.files, indexed, plan_rules(options, walk));
  if (!rebuild) check_deletions(plan, documents_before, options, corpus_root);

  // Nothing before this line changed the index (a WritableDatabase commits
  // what is pending when it is destroyed, even by an exception).
  for (OpenShard& shard : shards) {
    // Written with the first commit, so that even a killed first run leaves
    // an index the next run recognises as its own.
    shard.db.set_metadata(std::string(schema::kMetaSchemaVersion),
                          std::to_string(schema::kVersion));
    shard.db.set_metadata(std::string(schema::kMetaCorpusRoot), corpus_root);
    shard.db.set_metadata(std::string(schema::kMetaCategoryLevel), std::to_string(category_level));
  }

  std::vector<ChangeCounts> shard_counts(shards.size());
  std::vector<uint64_t> shard_bytes(shards.size());
  {
    ProgressSnapshot progress;
    progress.files_total = walk.files.size();
    progress.files_done = plan.files_unchanged;
    progress.bytes_total = plan.bytes_to_read;
    std::vector<uint64_t> task_bytes;
    for (const ReindexTask& task : plan.tasks) task_bytes.push_back(task.bytes());
    const unsigned jobs = std::max(1U, options.jobs);
    Pipeline pipeline(std::move(task_bytes), /*window_tasks=*/8 * jobs,
                      /*window_bytes=*/64ULL << 20);
    SharedProgress shared_progress(console, progress, start);
    WorkerThreads workers(pipeline);
    workers.start(jobs, plan.tasks, options.max_file_size, category_level);
    JoiningThreads writers;
    for (size_t i = 0; i < shards.size(); ++i) {
      writers.start([&, i] {
        try {
          write_shard(shards[i], plan.shards[i], plan.tasks, options, pipeline, shared_progress,
                      console, &shard_counts[i], &shard_bytes[i]);
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
    for (OpenShard& shard : shards) dbs.push_back(&shard.db);
    return dbs;
  }());

  Xapian::Database all;
  for (size_t i = 0; i < shards.size(); ++i) {
    all.add_database(shards[i].db);
    ChangeCounts counts = shard_counts[i];
    counts.unchanged += plan.shards[i].unchanged;
    summary += counts;
    summary.bytes += shard_bytes[i];
    if (shard_count > 1) {
      ShardSummary s;
      static_cast<ChangeCounts&>(s) = counts;
      s.name = shards[i].label;
      s.files = plan.shards[i].files;
      s.documents = shards[i].db.get_doccount();
      s.duplicates = count_duplicates(shards[i].db);
      summary.shards.push_back(s);
    }
  }
  // Copies may sit in different shards: counted over all of them at once.
  summary.documents = all.get_doccount();
  summary.duplicates = count_duplicates(all);
  all.close();
  close_shards(&shards);

  // A run that wrote most of the index (the first, --full, a large change)
  // leaves its B-trees part full: a compacted copy is a third smaller.
  // Smaller runs leave it as it is (--compact does it on demand).
  if (merge || summary.added + summary.updated > documents_before) {
    summary.compacted = swap_in_compacted(options, paths, merge, lock, console);
  }
  if (rebuild && !summary.compacted) swap_folders(options.index_dir, beside);
  if (rebuild || merge) {
    std::error_code ec;
    fs::remove_all(beside, ec);  // the old index or the raw build; a leftover goes next run
  }
  summary.index_bytes = folder_bytes(options.index_dir);
  summary.seconds = seconds_since(start);
  return summary;
}

}  // namespace vnsearch::indexer
