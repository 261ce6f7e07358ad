// @brief A document's pairs of words side by side, as a Bloom filter of
// their folded forms: whether it can hold a pair is read from one value,
// where the pair's positions cost two position-list reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::pair_sketch {

/// Bits set a pair, and bits of sketch a distinct pair: about 2% of the
/// pairs a document does not hold pass for held (then their positions are
/// read as without a sketch); never the other way.
inline constexpr int kHashesPerPair = 5;
inline constexpr size_t kBitsPerPair = 8;

/// Collects the pairs of one document.
class Builder {
 public:
  /// `first` stands right before `second` (folded forms, Token::folded).
  void add(std::string_view first, std::string_view second);
  /// The sketch of the pairs added: kBitsPerPair bits a distinct pair,
  /// at least 64; empty when none was added. Deterministic: the same pairs
  /// give the same bytes on every machine.
  std::string finish();

 private:
  std::vector<uint64_t> hashes_;
};

/// False only when `sketch`'s document holds no `first` `second` side by
/// side (folded forms); true for an empty sketch (none was written: an
/// index built before sketches, or a document without pairs).
bool may_hold(std::string_view sketch, std::string_view first, std::string_view second);

}  // namespace vnsearch::pair_sketch
