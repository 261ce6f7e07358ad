// @brief The index blocks a search has read, kept for the rest of it: Xapian
// 1.4 has no block cache, and each B-tree cursor it opens reads its path
// from the root again, a pread a block (two thirds of a pasted headline's
// reads are of blocks it read before).
#pragma once

#include <cstdint>

namespace vnsearch::searcher {

/// While one is alive on a thread, that thread's whole-block preads (how
/// Xapian reads its tables) are kept, and a block read again is served
/// from memory. A block is taken to stay as first read: within a scope a
/// thread must not read a database, reopen or write it, then read it
/// again (Searcher opens one per attempt of a search). (A commit by
/// another process leaves the blocks of the revision being read alone
/// until the commit after; then a block read from the file may be newer,
/// Xapian throws DatabaseModifiedError, and the search is retried in a new
/// scope.)
///
/// The memory stays with the thread for its next scope, at most
/// kMostBytes: on this machine a page faulted in costs 13 µs, an 8 KB
/// pread 3. So the first scope a thread opens keeps nothing: a single
/// search (`vnsearch QUERY`) would spend more paging the memory in than
/// the reads it spares, while a batch or a server pays it once. Scopes
/// nest: an inner one changes nothing.
class BlockCacheScope {
 public:
  static constexpr uint64_t kMostBytes = uint64_t{8} << 20;
  BlockCacheScope();
  ~BlockCacheScope();
  BlockCacheScope(const BlockCacheScope&) = delete;
  BlockCacheScope& operator=(const BlockCacheScope&) = delete;

 private:
  bool owner_;
};

/// The calling thread's preads since it started, by where they came from.
struct BlockReads {
  uint64_t from_file = 0;
  uint64_t from_memory = 0;
};
BlockReads block_reads();

}  // namespace vnsearch::searcher
