#include "indexer/reindex_plan.h"

#include <set>
#include <stdexcept>
#include <string_view>

#include "indexer/shards.h"

namespace vnsearch::indexer {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool under_any(const std::string& path, const std::vector<std::string>& folders) {
  for (const std::string& folder : folders) {
    if (folder.empty() || path.compare(0, folder.size() + 1, folder + "/") == 0) return true;
  }
  return false;
}

}  // namespace

std::string stamp_prefix(uint64_t size, int64_t mtime_ns) {
  return std::to_string(size) + ":" + std::to_string(mtime_ns) + ":";
}

std::string stamp_hash(const std::string& stamp) {
  const size_t colon = stamp.rfind(':');
  return colon == std::string::npos ? std::string() : stamp.substr(colon + 1);
}

std::string file_of_id(const std::string& id) {
  const size_t hash = id.rfind('#');
  if (hash != std::string::npos && all_digits(std::string_view(id).substr(hash + 1)) &&
      has_indexable_extension(std::string_view(id).substr(0, hash))) {
    return id.substr(0, hash);
  }
  return id;
}

bool left_out_by_globs(const std::string& path, const std::vector<std::string>& include_globs,
                       const std::vector<std::string>& exclude_globs) {
  for (size_t end = path.find('/'); end != std::string::npos; end = path.find('/', end + 1)) {
    for (const std::string& glob : exclude_globs) {
      if (glob_matches(glob, path.substr(0, end))) return true;  // an excluded folder
    }
  }
  for (const std::string& glob : exclude_globs) {
    if (glob_matches(glob, path)) return true;
  }
  if (include_globs.empty()) return false;
  for (const std::string& glob : include_globs) {
    if (glob_matches(glob, path)) return false;
  }
  return true;
}

ReindexPlan plan_reindex(const std::vector<CorpusFile>& files,
                         const std::vector<IndexedFiles>& indexed, const PlanRules& rules) {
  if (indexed.empty()) throw std::invalid_argument("plan_reindex: no shard");
  ReindexPlan plan;
  plan.shards.resize(indexed.size());
  const auto shards = static_cast<unsigned>(indexed.size());
  std::set<std::string_view> present;
  for (const CorpusFile& file : files) {
    present.insert(file.relative_path);
    const unsigned shard_index = shard_of(file.relative_path, shards);
    ShardPlan& shard = plan.shards[shard_index];
    ++shard.files;
    const auto found = indexed[shard_index].find(file.relative_path);
    const IndexedFile* previous = found == indexed[shard_index].end() ? nullptr : &found->second;
    const bool too_large = file.size > rules.max_file_size;  // even if unchanged
    const std::string prefix = stamp_prefix(file.size, file.mtime_ns);
    if (!too_large && previous && !previous->stamp.empty() &&
        previous->stamp.compare(0, prefix.size(), prefix) == 0) {
      shard.unchanged += previous->documents.size();
      ++plan.files_unchanged;
      continue;
    }
    ReindexTask task;
    task.file = &file;
    task.indexed = previous;
    task.too_large = too_large;
    task.shard = shard_index;
    plan.bytes_to_read += task.bytes();
    shard.tasks.push_back(plan.tasks.size());
    plan.tasks.push_back(task);
  }
  for (size_t i = 0; i < indexed.size(); ++i) {
    for (const auto& [path, file] : indexed[i]) {
      if (present.count(path) || under_any(path, rules.unlisted_folders)) continue;
      plan.shards[i].gone.push_back(&file);
      if (!left_out_by_globs(path, rules.include_globs, rules.exclude_globs)) {
        plan.vanished_documents += file.documents.size();
      }
    }
  }
  return plan;
}

}  // namespace vnsearch::indexer
