// @brief Stage 1 of analysis: decode UTF-8 into a cleaned UTF-16 buffer that
// remembers, for every code unit, where it came from in the original bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

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
/// of the code point it came from. Buffers are reused from call to call.
class CleanText {
 public:
  /// The cleaned text; an alias of this object's buffer, valid until the next
  /// clean_text() into it.
  const icu::UnicodeString& text() const { return text_; }
  const char16_t* units() const { return units_.get(); }
  size_t size() const { return size_; }
  /// Original byte offset where unit i's code point starts; begin(size()) is
  /// the input size.
  uint32_t begin(size_t i) const { return begin_[i]; }
  /// Original byte offset where unit i's code point ends.
  uint32_t end(size_t i) const { return begin_[i] + length_[i]; }
  /// False when every code point is one that is always NFC (ASCII, Latin
  /// letters, precomposed Vietnamese, common punctuation): NFC checks can
  /// then be skipped.
  bool may_need_nfc() const { return may_need_nfc_; }

 private:
  friend void clean_text(std::string_view input, CleanText* out);
  void reserve(size_t units);

  std::unique_ptr<char16_t[]> units_;
  std::unique_ptr<uint32_t[]> begin_;
  std::unique_ptr<uint8_t[]> length_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  bool may_need_nfc_ = false;
  icu::UnicodeString text_;
};

/// Decodes `input`; invalid UTF-8 becomes U+FFFD (a separator), never an error.
/// `Ð` (U+00D0, Icelandic Eth, typed for lack of `Đ`) becomes `Đ` (U+0110),
/// and `ð` becomes `đ`.
void clean_text(std::string_view input, CleanText* out);

}  // namespace vnsearch::text
