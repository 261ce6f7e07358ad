#include "common/hash.h"

namespace vnsearch {

std::string Fnv1a64::hex() const {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  uint64_t h = hash_;
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kDigits[h & 0xF];
  return out;
}

}  // namespace vnsearch
