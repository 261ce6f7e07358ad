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
char32_t decode_utf8(std::string_view s, size_t i, size_t* length);

/// Appends the UTF-8 form of `c` to `*out`.
void append_utf8(char32_t c, std::string* out);

/// True when `s` is entirely valid UTF-8.
bool is_valid_utf8(std::string_view s);

/// `s` with every invalid sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s, size_t* replaced = nullptr);

}  // namespace vnsearch::text
