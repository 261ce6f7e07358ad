#include "searcher/block_cache.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace vnsearch::searcher {
namespace {

/// One thread's kept blocks: an open-addressing table of copies in chunks
/// of memory that outlive the scope.
class BlockCache {
 public:
  /// The copy of the `size` bytes read at `offset` of `fd`, or null.
  const char* find(int fd, off_t offset, size_t size) const {
    for (size_t i = slot_of(fd, offset);; i = (i + 1) % kSlots) {
      const Entry& e = entries_[i];
      if (e.scope != scope_) return nullptr;
      if (e.fd == fd && e.offset == offset && e.size == size) return e.data;
    }
  }
  /// Keeps a copy of `data`, unless the cache is full.
  void keep(int fd, off_t offset, const void* data, size_t size) {
    if (kept_ >= kMostBlocks || size > kChunkBytes) return;
    if (used_ + size > kChunkBytes) {
      if (chunk_ + 1 >= kMostBytes / kChunkBytes) return;
      ++chunk_;
      used_ = 0;
    }
    if (chunk_ == chunks_.size()) chunks_.emplace_back(new_chunk());
    char* copy = chunks_[chunk_].get() + used_;
    used_ += size;
    std::memcpy(copy, data, size);
    size_t i = slot_of(fd, offset);
    while (entries_[i].scope == scope_) i = (i + 1) % kSlots;
    entries_[i] = Entry{fd, offset, size, copy, scope_};
    ++kept_;
  }
  /// Forgets every copy, keeping the memory.
  void clear() {
    ++scope_;
    kept_ = 0;
    chunk_ = 0;
    used_ = 0;
  }

 private:
  static constexpr uint64_t kMostBytes = BlockCacheScope::kMostBytes;
  static constexpr size_t kChunkBytes = size_t{2} << 20;
  static constexpr size_t kSlots = 4096;
  static constexpr size_t kMostBlocks = kSlots / 2;  // probes stay short
  struct Entry {
    int fd = -1;
    off_t offset = 0;
    size_t size = 0;
    const char* data = nullptr;
    uint64_t scope = 0;  ///< valid in the scope of this number only
  };
  static size_t slot_of(int fd, off_t offset) {
    const uint64_t h = static_cast<uint64_t>(offset) * 0x9E3779B97F4A7C15ull ^
                       static_cast<uint64_t>(fd) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<size_t>(h >> 32) % kSlots;
  }
  std::vector<Entry> entries_ = std::vector<Entry>(kSlots);
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  /// A chunk in one huge page where the kernel has them: one page fault
  /// instead of 512.
  static char* new_chunk() {
    void* p = std::aligned_alloc(kChunkBytes, kChunkBytes);
    if (p == nullptr) throw std::bad_alloc();
    madvise(p, kChunkBytes, MADV_HUGEPAGE);
    return static_cast<char*>(p);
  }
  std::vector<std::unique_ptr<char, Free>> chunks_;
  size_t chunk_ = 0;
  size_t used_ = 0;
  size_t kept_ = 0;
  uint64_t scope_ = 1;
};

// Plain pointers and counters: pread may run before and after the
// thread's objects with constructors live.
thread_local BlockCache* active = nullptr;
thread_local unsigned scopes_opened = 0;
thread_local BlockReads reads;

BlockCache* thread_cache() {
  thread_local BlockCache cache;
  return &cache;
}

/// The pread these definitions stand before: libc's (or a sanitizer's).
ssize_t read_from_file(int fd, void* buf, size_t count, off_t offset) {
  using Pread = ssize_t (*)(int, void*, size_t, off_t);
  static const Pread next_pread = reinterpret_cast<Pread>(dlsym(RTLD_NEXT, "pread"));
  ++reads.from_file;
  if (next_pread == nullptr) {  // a static executable: no pread after ours
    errno = ENOSYS;
    return -1;
  }
  return next_pread(fd, buf, count, offset);
}

ssize_t read_block(int fd, void* buf, size_t count, off_t offset) {
  BlockCache* cache = active;
  if (cache == nullptr) return read_from_file(fd, buf, count, offset);
  if (const char* kept = cache->find(fd, offset, count)) {
    ++reads.from_memory;
    std::memcpy(buf, kept, count);
    return static_cast<ssize_t>(count);
  }
  const ssize_t got = read_from_file(fd, buf, count, offset);
  if (got == static_cast<ssize_t>(count)) cache->keep(fd, offset, buf, count);
  return got;
}

}  // namespace

BlockCacheScope::BlockCacheScope() : owner_(active == nullptr && scopes_opened++ > 0) {
  if (!owner_) return;
  active = thread_cache();
  active->clear();
}

BlockCacheScope::~BlockCacheScope() {
  if (!owner_) return;
  active->clear();
  active = nullptr;
}

BlockReads block_reads() { return reads; }

}  // namespace vnsearch::searcher

// libxapian calls pread: this definition in the executable comes before
// libc's. Outside a scope it is libc's.
extern "C" ssize_t pread(int fd, void* buf, size_t count, off_t offset) {
  return vnsearch::searcher::read_block(fd, buf, count, offset);
}
#if defined(__LP64__)
// The same function under its other name, where off_t is 64 bits as its
// offset is (elsewhere a library calling pread64 reads through libc's).
extern "C" ssize_t pread64(int fd, void* buf, size_t count, off64_t offset) {
  return vnsearch::searcher::read_block(fd, buf, count, offset);
}
#endif
