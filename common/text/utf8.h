// @brief Minimal, strict UTF-8 decoding and encoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vnsearch::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at `s[i]`; sets `*length` to the bytes it
/// used. Invalid, overlong, surrogate or truncated sequences decode to
/// U+FFFD with length 1, so decoding always makes progress.
/// REQUIRES: i < s.size().
inline char32_t decode_utf8(std::string_view s, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  *length = 1;
  if (b0 < 0x80) return b0;
  size_t need;
  char32_t c, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, c = b0 & 0x07, min = 0x10000;
  } else {
    return kReplacementChar;
  }
  if (i + need >= s.size()) return kReplacementChar;
  for (size_t k = 1; k <= need; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return kReplacementChar;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kReplacementChar;
  *length = need + 1;
  return c;
}

/// Writes the UTF-8 form of `c` to `buf` (room for 4 bytes); returns its length.
inline size_t encode_utf8(char32_t c, char* buf) {
  if (c < 0x80) {
    buf[0] = static_cast<char>(c);
    return 1;
  }
  size_t n;
  if (c < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (c >> 6));
    buf[1] = static_cast<char>(0x80 | (c & 0x3F));
    n = 2;
  } else if (c < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (c >> 12));
    buf[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (c & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (c >> 18));
    buf[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (c & 0x3F));
    n = 4;
  }
  return n;
}

/// Appends the UTF-8 form of `c` to `*out`.
inline void append_utf8(char32_t c, std::string* out) {
  char buf[4];
  out->append(buf, encode_utf8(c, buf));
}

/// True when `s` is entirely valid UTF-8.
bool is_valid_utf8(std::string_view s);

/// `s` with every invalid sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s, size_t* replaced = nullptr);

}  // namespace vnsearch::text
