#include "indexer/shard_writer.h"

#include <cctype>
#include <set>
#include <utility>

#include "common/schema.h"

namespace vnsearch::indexer {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool may_hold_several_documents(const std::string& relative_path) {
  const size_t dot = relative_path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string extension = relative_path.substr(dot + 1);
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == "json" || extension == "jsonl";
}

uint64_t count_duplicates(const Xapian::Database& db) {
  uint64_t copies = 0;
  const std::string prefix(schema::kDuplicatePrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    copies += term.get_termfreq() - 1;
  }
  return copies;
}

ShardWriter::ShardWriter(Xapian::WritableDatabase& db, WriterSettings settings, Console& console)
    : db_(db), settings_(std::move(settings)), console_(console) {}

void ShardWriter::delete_documents(const IndexedFile& file) {
  for (const auto& [id_term, docid] : file.documents) {
    db_.delete_document(docid);
    ++counts_.deleted;
    ++changes_since_commit_;
  }
  maybe_commit();
}

void ShardWriter::commit() {
  db_.commit();
  ++commits_;
  changes_since_commit_ = 0;
  last_commit_ = std::chrono::steady_clock::now();
}

void ShardWriter::report(const std::string& relative_path, const std::string& reason) {
  console_.message("vnindex: " + (settings_.corpus_dir / relative_path).string() + ": " + reason);
}

void ShardWriter::maybe_commit() {
  if (changes_since_commit_ >= settings_.commit_documents ||
      (changes_since_commit_ > 0 && seconds_since(last_commit_) >= settings_.commit_seconds)) {
    commit();
  }
}

void ShardWriter::apply_file(const std::string& relative_path, const IndexedFile* indexed,
                             const NextChunk& next_chunk, const TakeResult& take_result) {
  // A file that may give several documents (JSON, JSON Lines) is one
  // transaction: a run killed half-way through it must not leave its records
  // all carrying the new stamp while some are missing, which the next run
  // would take as complete. Single-document files skip it: measured, a
  // transaction per file doubles the writer's time.
  const bool use_transaction =
      may_hold_several_documents(relative_path) || (indexed && indexed->documents.size() > 1);
  if (use_transaction) db_.begin_transaction(false);
  uint64_t added = 0, updated = 0, deleted = 0, unchanged = 0;
  std::set<std::string> written;
  std::string failure;
  std::vector<BuiltDocument> chunk;
  while (next_chunk(&chunk)) {
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
  FileResult result = take_result();
  if (!failure.empty()) {
    if (use_transaction) db_.cancel_transaction();
    ++counts_.skipped;
    report(relative_path, failure);
    return;
  }

  bytes_read_ += result.bytes_read;
  switch (result.outcome) {
    case Outcome::kIndexed:
      if (!settings_.quiet) {
        for (const std::string& warning : result.warnings) {
          report(relative_path, "warning: " + warning);
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
      if (!indexed) break;  // only a file indexed before can be unchanged
      for (const auto& [id_term, docid] : indexed->documents) {
        Xapian::Document document = db_.get_document(docid);
        document.add_value(schema::kSlotFileStamp, result.stamp);
        db_.replace_document(docid, document);
        ++unchanged;
      }
      break;
    case Outcome::kRejected:
      ++counts_.skipped;
      report(relative_path, result.reason);
      if (indexed && settings_.delete_missing) {
        for (const auto& [id_term, docid] : indexed->documents) {
          db_.delete_document(docid);
          ++deleted;
        }
      }
      break;
    case Outcome::kUnreadable:
      ++counts_.skipped;
      report(relative_path, result.reason);
      break;
  }
  if (use_transaction) db_.commit_transaction();
  counts_.added += added;
  counts_.updated += updated;
  counts_.deleted += deleted;
  counts_.unchanged += unchanged;
  changes_since_commit_ += added + updated + deleted + unchanged;
  maybe_commit();
}

}  // namespace vnsearch::indexer
