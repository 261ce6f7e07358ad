// @brief A quick "certainly not" for looking a word up among a few: most
// words of a text differ from the query's in length or first byte, which
// two loads tell, before any string is compared or hashed.
#pragma once

#include <bitset>
#include <cstddef>
#include <string_view>

namespace vnsearch::searcher {

class ShapeFilter {
 public:
  void add(std::string_view word) { shapes_.set(shape(word)); }
  /// False when `word` is certainly none of the words added.
  bool may_contain(std::string_view word) const { return shapes_.test(shape(word)); }

 private:
  static constexpr size_t kLengths = 16;  // lengths modulo 16
  static size_t shape(std::string_view word) {
    const size_t first = word.empty() ? 0 : static_cast<unsigned char>(word[0]);
    return (word.size() % kLengths) * 256 + first;
  }
  std::bitset<kLengths * 256> shapes_;
};

}  // namespace vnsearch::searcher
