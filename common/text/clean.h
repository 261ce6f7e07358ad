// @brief Stage 1 of analysis: decode UTF-8 into a cleaned UTF-16 buffer that
// remembers, for every code unit, where it came from in the original bytes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <unicode/unistr.h>

namespace vnsearch::text {

/// What clean_text() does to one code point.
enum class CleanAction : uint8_t { kKeep, kDrop, kSpace };

/// The rule table of the clean-up stage, exposed for tests:
/// - dropped: zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the soft
///   hyphen, bidi marks, and control characters other than tab and line ends
///   (U+0008 is found inside words in real files);
/// - made a space: NBSP and the other Unicode spaces, and '_' (word-segmented
///   text joins syllables with it: "đảng_viên");
/// - kept: everything else (clean_text() also maps Ð/ð to Đ/đ).
CleanAction clean_action(char32_t c);

/// The cleaned text plus, for each UTF-16 code unit, the original byte range
/// of the code point it came from.
struct CleanText {
  icu::UnicodeString text;
  std::vector<uint32_t> begin;  ///< original byte offset where unit i's code point starts
  std::vector<uint32_t> end;    ///< original byte offset where it ends
};

/// Decodes `input`; invalid UTF-8 becomes U+FFFD (a separator), never an error.
/// `Ð` (U+00D0, Icelandic Eth, typed for lack of `Đ`) becomes `Đ` (U+0110),
/// and `ð` becomes `đ`. Reuses `*out`'s storage.
void clean_text(std::string_view input, CleanText* out);

}  // namespace vnsearch::text
