// @brief Whole-string normalisation for names that are not tokenised
// (sources, categories, filter values).
#pragma once

#include <string>
#include <string_view>

namespace vnsearch::text {

/// NFC-normalised, Unicode case-folded copy of `s` (invalid UTF-8 replaced).
std::string lower_nfc(std::string_view s);

}  // namespace vnsearch::text
