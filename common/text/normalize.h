// @brief Stage 3 of analysis: one word's normalised and folded forms.
#pragma once

#include <cstdint>
#include <string>

namespace vnsearch::text {

/// Computes the forms of the word `units[0, length)` (UTF-16 code units of
/// cleaned text): `*norm` is NFC, case-folded, with canonical tone placement;
/// `*folded` is `*norm` without diacritics. `maybe_unnormalized` false
/// promises the text is already NFC, which skips the NFC check.
void normalize_word(const char16_t* units, int32_t length, bool maybe_unnormalized,
                    std::string* norm, std::string* folded);

}  // namespace vnsearch::text
