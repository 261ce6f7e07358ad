#include "common/near_copies.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "common/hash.h"

namespace vnsearch::near_copies {
namespace {

constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The kHashes hash functions: h ↦ top 16 bits of (a·h + b) mod 2^64, a odd
/// (multiply-shift). Fixed constants: signatures must never change between
/// runs or machines, or an index would group against itself.
struct Permutations {
  std::array<uint64_t, kHashes> a{}, b{};
  constexpr Permutations() {
    uint64_t state = 0x5eedc0b1e5ULL;
    for (size_t i = 0; i < kHashes; ++i) {
      state = splitmix64(state);
      a[i] = state | 1;
      state = splitmix64(state);
      b[i] = state;
    }
  }
};
constexpr Permutations kPermutations;

}  // namespace

std::string Signature::encode() const {
  std::string bytes;
  bytes.reserve(2 + 2 * kHashes);
  bytes += static_cast<char>(shingles >> 8);
  bytes += static_cast<char>(shingles & 0xff);
  for (uint16_t v : values) {
    bytes += static_cast<char>(v >> 8);
    bytes += static_cast<char>(v & 0xff);
  }
  return bytes;
}

std::optional<Signature> Signature::decode(std::string_view bytes) {
  if (bytes.size() != 2 + 2 * kHashes) return std::nullopt;
  auto u16 = [&bytes](size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) << 8 |
                                 static_cast<unsigned char>(bytes[at + 1]));
  };
  Signature s;
  s.shingles = u16(0);
  for (size_t i = 0; i < kHashes; ++i) s.values[i] = u16(2 + 2 * i);
  return s;
}

void SignatureBuilder::add_word(std::string_view folded_word) {
  if (window_.size() == kShingleWords) window_.erase(window_.begin());
  window_.emplace_back(folded_word);
  ++words_;
  if (window_.size() < kShingleWords) return;
  Fnv1a64 h;
  for (const std::string& w : window_) {
    h.update(w);
    h.update("\x1f");  // a separator no word holds: "ab c" is not "a bc"
  }
  shingles_.push_back(splitmix64(h.digest()));
}

std::optional<Signature> SignatureBuilder::finish() {
  if (words_ > 0 && words_ < kShingleWords) {
    Fnv1a64 h;
    for (const std::string& w : window_) {
      h.update(w);
      h.update("\x1f");
    }
    shingles_.push_back(splitmix64(h.digest()));
  }
  window_.clear();
  words_ = 0;
  if (shingles_.empty()) return std::nullopt;
  std::sort(shingles_.begin(), shingles_.end());
  shingles_.erase(std::unique(shingles_.begin(), shingles_.end()), shingles_.end());
  Signature s;
  s.shingles = static_cast<uint16_t>(std::min<size_t>(shingles_.size(), 0xffff));
  s.values.fill(0xffff);
  for (size_t i = 0; i < kHashes; ++i) {
    const uint64_t a = kPermutations.a[i], b = kPermutations.b[i];
    uint16_t smallest = 0xffff;
    for (uint64_t shingle : shingles_) {
      smallest = std::min(smallest, static_cast<uint16_t>((a * shingle + b) >> 48));
    }
    s.values[i] = smallest;
  }
  shingles_.clear();
  return s;
}

double resemblance(const Signature& a, const Signature& b) {
  size_t equal = 0;
  for (size_t i = 0; i < kHashes; ++i) equal += a.values[i] == b.values[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(kHashes);
}

bool near_copies(const Signature& a, const Signature& b) {
  if (a.shingles < kMinShingles || b.shingles < kMinShingles) return a == b;
  return resemblance(a, b) >= kThreshold;
}

uint64_t band_key(const Signature& signature, size_t band) {
  uint64_t key = splitmix64(band);
  for (size_t i = band * kRows; i < (band + 1) * kRows; ++i) {
    key = splitmix64(key ^ signature.values[i]);
  }
  return key;
}

std::vector<std::vector<size_t>> group(const std::vector<Signature>& signatures) {
  // Union-find; a pair already joined is not compared again, which changes
  // the work but not the components.
  std::vector<size_t> parent(signatures.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&parent](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::unordered_map<uint64_t, std::vector<size_t>> buckets;
  buckets.reserve(signatures.size() * 2);
  for (size_t band = 0; band < kBands; ++band) {
    buckets.clear();
    for (size_t i = 0; i < signatures.size(); ++i) {
      buckets[band_key(signatures[i], band)].push_back(i);
    }
    for (const auto& [key, members] : buckets) {
      for (size_t x = 1; x < members.size(); ++x) {
        for (size_t y = 0; y < x; ++y) {
          const size_t i = members[x], j = members[y];
          if (find(i) == find(j)) continue;
          if (near_copies(signatures[i], signatures[j])) parent[find(i)] = find(j);
        }
      }
    }
  }
  std::unordered_map<size_t, std::vector<size_t>> components;
  for (size_t i = 0; i < signatures.size(); ++i) components[find(i)].push_back(i);
  std::vector<std::vector<size_t>> groups;
  for (auto& [root, members] : components) {
    if (members.size() > 1) groups.push_back(std::move(members));  // ascending: i went up
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

}  // namespace vnsearch::near_copies
