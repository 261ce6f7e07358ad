// @brief "1 match", "2 matches": a count with its noun in the right number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vnsearch {

/// `count` followed by `one` when it is 1, else by `many`.
inline std::string counted(uint64_t count, std::string_view one, std::string_view many) {
  std::string text = std::to_string(count);
  text += ' ';
  text += count == 1 ? one : many;
  return text;
}

}  // namespace vnsearch
