// @brief Near-copies: MinHash signatures of an article's body over folded
// word shingles, their resemblance, and the grouping of articles whose
// signatures say they are copies of one another (LSH banding, then
// connected components). Pure functions: the indexer stores signatures and
// groups, the searcher compares signatures; both agree through this file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::near_copies {

/// Words per shingle: five syllables is about two Vietnamese words, long
/// enough that two unrelated articles rarely share one, short enough that a
/// reworded sentence changes only the shingles it touches.
inline constexpr size_t kShingleWords = 5;
/// MinHash values per signature. 128 gives a standard error of 0.035 on a
/// resemblance of 0.8; each value keeps 16 bits (a chance collision adds
/// 1/65536 to the estimate), so a signature is 256 bytes.
inline constexpr size_t kHashes = 128;
/// LSH bands of kRows values: two articles become candidates when every
/// value of one band agrees. 32 × 4 makes a pair of resemblance 0.8 a
/// candidate with probability 1 - (1 - 0.8^4)^32 > 0.9999, and 0.5 with
/// 0.87; candidates are then checked on the whole signature.
inline constexpr size_t kBands = 32;
inline constexpr size_t kRows = kHashes / kBands;
/// Estimated resemblance (Jaccard of the shingle sets) from which two
/// articles are near-copies. Chosen on ../shared/data/news (README,
/// "Near-copies and related articles"): pairs from 0.8 up read as one
/// story told twice (reprints, updates); below, as two stories on one event.
inline constexpr double kThreshold = 0.8;
/// Bodies shorter than this many shingles are near-copies only when their
/// signatures are identical: a short result ("X thắng Y 2-1") differs from
/// another in a word or two, and that is all that differs between them.
inline constexpr uint16_t kMinShingles = 20;

struct Signature {
  std::array<uint16_t, kHashes> values{};
  /// Distinct shingles the body had (saturates at 65535).
  uint16_t shingles = 0;

  bool operator==(const Signature& other) const {
    return values == other.values && shingles == other.shingles;
  }

  /// For a document value slot: 2 + 2 * kHashes bytes, big-endian.
  std::string encode() const;
  /// Empty when `bytes` is not an encode() result (an older index).
  static std::optional<Signature> decode(std::string_view bytes);
};

/// Builds a signature from the folded words of a body, in order. Returns
/// nothing for a body without words. Fewer than kShingleWords words make one
/// shingle of them all.
class SignatureBuilder {
 public:
  void add_word(std::string_view folded_word);
  std::optional<Signature> finish();

 private:
  std::vector<std::string> window_;  // the last kShingleWords words
  size_t words_ = 0;
  std::vector<uint64_t> shingles_;
};

/// Estimated Jaccard resemblance of two bodies' shingle sets, in [0, 1].
double resemblance(const Signature& a, const Signature& b);

/// True when two bodies are near-copies by the rule above (threshold, short
/// bodies only when identical).
bool near_copies(const Signature& a, const Signature& b);

/// The key of band `band` of `signature` (the band's number is part of it).
uint64_t band_key(const Signature& signature, size_t band);

/// The near-copy groups of `signatures` (at least two members each): the
/// connected components of "shares a band and near_copies()". The result is
/// a property of the set, not of the order: each group is ascending indices,
/// groups ordered by their first index.
std::vector<std::vector<size_t>> group(const std::vector<Signature>& signatures);

}  // namespace vnsearch::near_copies
