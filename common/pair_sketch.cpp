#include "common/pair_sketch.h"

#include <algorithm>

#include "common/hash.h"

namespace vnsearch::pair_sketch {
namespace {

uint64_t pair_hash(std::string_view first, std::string_view second) {
  Fnv1a64 h;
  h.update(first);
  h.update(" ");  // no folded form holds a space
  h.update(second);
  // FNV-1a's low bits mix poorly for short keys; a 64-bit finaliser
  // (MurmurHash3's fmix64) spreads them over both halves used below.
  uint64_t x = h.digest();
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// The bits of `hash` in a sketch of `bits` bits (double hashing).
template <typename Visit>
void for_each_bit(uint64_t hash, uint64_t bits, Visit visit) {
  const uint64_t h1 = hash & 0xffffffffULL;
  const uint64_t h2 = (hash >> 32) | 1;
  for (int i = 0; i < kHashesPerPair; ++i) visit((h1 + static_cast<uint64_t>(i) * h2) % bits);
}

}  // namespace

void Builder::add(std::string_view first, std::string_view second) {
  hashes_.push_back(pair_hash(first, second));
}

std::string Builder::finish() {
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  if (hashes_.empty()) return {};
  const size_t bytes = std::max<size_t>(8, (hashes_.size() * kBitsPerPair + 7) / 8);
  std::string sketch(bytes, '\0');
  for (uint64_t hash : hashes_) {
    for_each_bit(hash, bytes * 8, [&](uint64_t bit) {
      sketch[bit / 8] =
          static_cast<char>(static_cast<unsigned char>(sketch[bit / 8]) | (1u << (bit % 8)));
    });
  }
  hashes_.clear();
  return sketch;
}

bool may_hold(std::string_view sketch, std::string_view first, std::string_view second) {
  if (sketch.empty()) return true;
  bool held = true;
  for_each_bit(pair_hash(first, second), sketch.size() * 8, [&](uint64_t bit) {
    held = held && (static_cast<unsigned char>(sketch[bit / 8]) & (1u << (bit % 8))) != 0;
  });
  return held;
}

}  // namespace vnsearch::pair_sketch
