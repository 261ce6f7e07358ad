// @brief The token contract shared by indexing, query parsing and snippets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace vnsearch::text {

/// Words whose normalised form is longer than this many bytes are dropped
/// (base64 blobs, run-together URLs); Xapian terms must stay short anyway.
inline constexpr size_t kMaxTokenBytes = 64;

enum class TokenKind : uint8_t {
  kWord,    ///< letters: a Vietnamese syllable, a Latin word, a domain like kontumtv.vn
  kNumber,  ///< digits, with inner separators kept: 5.850, 3,5, 2020
  kPart,    ///< one label of a dotted word (kontumtv of kontumtv.vn), at the same position
};

/// One token of analysed text.
///
/// Offsets are byte offsets into the *original* UTF-8 input handed to the
/// analyzer (before any clean-up), so `input.substr(start, end - start)` is
/// exactly what the author wrote, zero-width characters and NFD marks included.
/// Later stages never change offsets.
struct Token {
  std::string norm;       ///< NFC, case-folded, canonical (new-style) tone placement
  std::string folded;     ///< norm with every diacritic removed and đ → d
  uint32_t start = 0;     ///< first byte in the original input
  uint32_t end = 0;       ///< one past the last byte in the original input
  uint32_t position = 0;  ///< word position; kPart tokens share their word's position
  TokenKind kind = TokenKind::kWord;

  /// True when the written form carries Vietnamese (or other) diacritics.
  bool has_diacritics() const { return norm != folded; }
};

}  // namespace vnsearch::text
