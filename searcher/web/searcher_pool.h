// @brief Searchers for concurrent requests: a Searcher (and the Xapian
// database it holds) is never used by two threads at once, so each request
// leases one of its own, and a Searcher opened on an older index revision
// is replaced by one on the newest.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace vnsearch::searcher::web {

class SearcherPool {
  struct Entry {
    std::unique_ptr<Searcher> searcher;
    std::string revision;  ///< revision_of() the index when it was opened
  };

 public:
  /// Opens one Searcher now, so that a missing or damaged index fails at
  /// start-up (throws as the Searcher constructor does).
  explicit SearcherPool(IndexLocations locations);

  /// One Searcher, for the lease's lifetime, used by nobody else meanwhile.
  class Lease {
   public:
    Lease(SearcherPool* pool, Entry entry) : pool_(pool), entry_(std::move(entry)) {}
    Lease(Lease&&) = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Searcher& operator*() const { return *entry_.searcher; }
    Searcher* operator->() const { return entry_.searcher.get(); }
    /// Closes the Searcher instead of returning it: after a failure its
    /// database may be in any state.
    void discard() { entry_.searcher.reset(); }

   private:
    SearcherPool* pool_;
    Entry entry_;
  };

  /// An idle Searcher on the newest revision, or a new one (opening the
  /// index: throws as the Searcher constructor does).
  Lease acquire();

  /// How many Searchers are open (idle ones only; for tests).
  size_t idle() const;

 private:
  void release(Entry entry);

  IndexLocations locations_;
  mutable std::mutex mutex_;
  std::vector<Entry> idle_;
};

/// A fingerprint of the index on disk at `locations`: the identity and the
/// modification time of each local database's version file (rewritten by
/// every commit) and of its folder (`vnindex --full` swaps folders), and of
/// a stub file. Equal fingerprints: the same revision. Remote shards are
/// not included (the Searcher reopens them when they change mid-search).
std::string revision_of(const IndexLocations& locations);

}  // namespace vnsearch::searcher::web
