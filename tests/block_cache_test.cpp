// @brief The per-search block cache: what it serves from memory, when, and
// that whatever it serves is what the file held when first read.
#include "searcher/block_cache.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <thread>

#include "test_util.h"

namespace vnsearch::searcher {
namespace {

using testing::TempDir;

constexpr size_t kBlock = 8192;

/// A file of `blocks` blocks, block i filled with the byte 'a' + i.
class BlockFile {
 public:
  explicit BlockFile(size_t blocks) {
    const std::string path = (dir_.path() / "table.glass").string();
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
    for (size_t i = 0; i < blocks; ++i) write_block(i, static_cast<char>('a' + i % 26));
  }
  ~BlockFile() { close(fd_); }
  void write_block(size_t i, char fill) {
    const std::string bytes(kBlock, fill);
    ASSERT_EQ(pwrite(fd_, bytes.data(), kBlock, static_cast<off_t>(i * kBlock)),
              static_cast<ssize_t>(kBlock));
  }
  /// The first byte of block i as pread gives it.
  char read_block(size_t i) const {
    std::string bytes(kBlock, '\0');
    EXPECT_EQ(pread(fd_, bytes.data(), kBlock, static_cast<off_t>(i * kBlock)),
              static_cast<ssize_t>(kBlock));
    return bytes[0];
  }
  int fd() const { return fd_; }

 private:
  TempDir dir_;
  int fd_ = -1;
};

/// Preads from the file and from memory made by `body`, on a thread of its
/// own (a fresh thread: its first scope keeps nothing).
template <typename Body>
BlockReads reads_on_new_thread(Body body) {
  BlockReads counted;
  std::thread thread([&] {
    const BlockReads before = block_reads();
    body();
    counted.from_file = block_reads().from_file - before.from_file;
    counted.from_memory = block_reads().from_memory - before.from_memory;
  });
  thread.join();
  return counted;
}

/// A thread's first scope keeps nothing (see BlockCacheScope): opens and
/// closes it, so that the next one keeps.
void spend_first_scope() { const BlockCacheScope first; }

TEST(BlockCacheTest, AThreadsFirstScopeReadsEveryBlockFromTheFile) {
  BlockFile file(4);
  const BlockReads reads = reads_on_new_thread([&] {
    const BlockCacheScope scope;
    EXPECT_EQ(file.read_block(1), 'b');
    EXPECT_EQ(file.read_block(1), 'b');
  });
  EXPECT_EQ(reads.from_file, 2u);
  EXPECT_EQ(reads.from_memory, 0u);
}

TEST(BlockCacheTest, ABlockReadAgainInAScopeComesFromMemory) {
  BlockFile file(4);
  const BlockReads reads = reads_on_new_thread([&] {
    spend_first_scope();
    const BlockCacheScope scope;
    EXPECT_EQ(file.read_block(1), 'b');
    EXPECT_EQ(file.read_block(2), 'c');
    EXPECT_EQ(file.read_block(1), 'b');
    EXPECT_EQ(file.read_block(2), 'c');
    EXPECT_EQ(file.read_block(1), 'b');
  });
  EXPECT_EQ(reads.from_file, 2u);
  EXPECT_EQ(reads.from_memory, 3u);
}

TEST(BlockCacheTest, ABlockStaysAsFirstReadUntilTheScopeEnds) {
  BlockFile file(4);
  reads_on_new_thread([&] {
    spend_first_scope();
    {
      const BlockCacheScope scope;
      EXPECT_EQ(file.read_block(3), 'd');
      file.write_block(3, 'z');
      EXPECT_EQ(file.read_block(3), 'd');
    }
    const BlockCacheScope next;
    EXPECT_EQ(file.read_block(3), 'z');
  });
}

TEST(BlockCacheTest, OutsideAScopeEveryReadGoesToTheFile) {
  BlockFile file(2);
  const BlockReads reads = reads_on_new_thread([&] {
    spend_first_scope();
    { const BlockCacheScope second; }
    EXPECT_EQ(file.read_block(0), 'a');
    EXPECT_EQ(file.read_block(0), 'a');
  });
  EXPECT_EQ(reads.from_memory, 0u);
}

TEST(BlockCacheTest, AnInnerScopeLeavesTheOuterOnesBlocks) {
  BlockFile file(2);
  const BlockReads reads = reads_on_new_thread([&] {
    spend_first_scope();
    const BlockCacheScope outer;
    EXPECT_EQ(file.read_block(0), 'a');
    { const BlockCacheScope inner; }
    EXPECT_EQ(file.read_block(0), 'a');
  });
  EXPECT_EQ(reads.from_file, 1u);
  EXPECT_EQ(reads.from_memory, 1u);
}

TEST(BlockCacheTest, ErrorsAndShortReadsAreTheFilesAndNotKept) {
  BlockFile file(2);
  reads_on_new_thread([&] {
    spend_first_scope();
    const BlockCacheScope scope;
    char bytes[kBlock];
    errno = 0;
    EXPECT_EQ(pread(-1, bytes, kBlock, 0), -1);
    EXPECT_EQ(errno, EBADF);
    // Past the end: what is left, each time from the file.
    for (int i = 0; i < 2; ++i) {
      const BlockReads before = block_reads();
      EXPECT_EQ(pread(file.fd(), bytes, kBlock, static_cast<off_t>(kBlock + 100)),
                static_cast<ssize_t>(kBlock - 100));
      EXPECT_EQ(block_reads().from_memory, before.from_memory);
    }
    // Another length at the same offset is another read.
    EXPECT_EQ(file.read_block(0), 'a');
    EXPECT_EQ(pread(file.fd(), bytes, 100, 0), 100);
    EXPECT_EQ(bytes[0], 'a');
  });
}

TEST(BlockCacheTest, PastItsMemoryItReadsFromTheFileAndStaysRight) {
  const size_t blocks = BlockCacheScope::kMostBytes / kBlock + 64;
  BlockFile file(blocks);
  const BlockReads reads = reads_on_new_thread([&] {
    spend_first_scope();
    const BlockCacheScope scope;
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < blocks; ++i) {
        ASSERT_EQ(file.read_block(i), static_cast<char>('a' + i % 26)) << "block " << i;
      }
    }
  });
  EXPECT_GT(reads.from_memory, 0u);
  EXPECT_LT(reads.from_memory, blocks);
  EXPECT_EQ(reads.from_file + reads.from_memory, 2 * blocks);
}

}  // namespace
}  // namespace vnsearch::searcher
