// @brief Stage 3 of analysis: one word's normalised and folded forms.
#pragma once

#include <string>

#include <unicode/unistr.h>

namespace vnsearch::text {

/// Computes the forms of the word `word[start, end)` (UTF-16 code units of
/// cleaned text): `*norm` is NFC, case-folded, with canonical tone placement;
/// `*folded` is `*norm` without diacritics. `maybe_unnormalized` false
/// promises the text is already NFC, which skips the NFC check.
void normalize_word(const icu::UnicodeString& word, int32_t start, int32_t end,
                    bool maybe_unnormalized, std::string* norm, std::string* folded);

}  // namespace vnsearch::text
