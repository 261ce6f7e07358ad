// @brief Stable 64-bit hashing (FNV-1a) for content hashes and collapse keys:
// the same bytes give the same hash on every machine and every run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vnsearch {

class Fnv1a64 {
 public:
  void update(std::string_view bytes) {
    for (unsigned char b : bytes) {
      hash_ ^= b;
      hash_ *= 0x100000001b3ULL;
    }
  }
  uint64_t digest() const { return hash_; }
  /// 16 lower-case hex digits.
  std::string hex() const;

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

inline std::string hash_hex(std::string_view bytes) {
  Fnv1a64 h;
  h.update(bytes);
  return h.hex();
}

}  // namespace vnsearch
