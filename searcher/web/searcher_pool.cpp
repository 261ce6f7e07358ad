#include "searcher/web/searcher_pool.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "common/database.h"

namespace vnsearch::searcher::web {
namespace {

namespace fs = std::filesystem;

void append_stat(const fs::path& path, std::string* out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    *out += "-;";
    return;
  }
  *out += std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino) + ':' +
          std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.' +
          std::to_string(st.st_mtim.tv_nsec) + ';';
}

}  // namespace

std::string revision_of(const IndexLocations& locations) {
  std::string out;
  for (const std::string& dir : locations.index_dirs) {
    append_stat(dir, &out);
    append_stat(fs::path(dir) / kStubFileName, &out);
    std::vector<DatabaseSource> sources;
    try {
      sources = sources_of_index(dir);
    } catch (const std::exception&) {
      out += "unreadable;";  // opening will say what is wrong
      continue;
    }
    for (const DatabaseSource& source : sources) {
      if (source.kind != DatabaseSource::Kind::kLocal) continue;
      append_stat(source.path, &out);
      append_stat(source.path / "iamglass", &out);
    }
  }
  return out;
}

SearcherPool::SearcherPool(IndexLocations locations) : locations_(std::move(locations)) {
  Entry first;
  first.revision = revision_of(locations_);
  first.searcher = std::make_unique<Searcher>(locations_);
  idle_.push_back(std::move(first));
}

SearcherPool::Lease::~Lease() {
  if (entry_.searcher) pool_->release(std::move(entry_));
}

SearcherPool::Lease SearcherPool::acquire() {
  const std::string revision = revision_of(locations_);
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    // Every Searcher of another revision is closed now, not when its turn
    // comes: after `vnindex --full` it holds the deleted old files open.
    idle_.erase(std::remove_if(idle_.begin(), idle_.end(),
                               [&](const Entry& e) { return e.revision != revision; }),
                idle_.end());
    if (!idle_.empty()) {
      Entry entry = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(entry));
    }
  }
  Entry fresh;
  fresh.revision = revision;
  fresh.searcher = std::make_unique<Searcher>(locations_);
  return Lease(this, std::move(fresh));
}

size_t SearcherPool::idle() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

void SearcherPool::release(Entry entry) {
  const std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(entry));
}

}  // namespace vnsearch::searcher::web
