// @brief Stage 2 of analysis: ICU word boundaries over the cleaned text.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "common/text/token.h"

namespace vnsearch::text {

/// Latin letters, Vietnamese ones included (Word_Break ALetter): a run of
/// them between spaces is one word, which needs no break rules.
inline bool is_latin_letter(char32_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

inline bool is_ascii_digit(char32_t c) { return c >= u'0' && c <= u'9'; }

/// Punctuation that UAX #29 joins to a word only between two letters or two
/// digits (WB6, WB7, WB11, WB12): at a chunk's edge, with whitespace on the
/// other side, it is never part of a word.
inline bool is_edge_punctuation(char32_t c) {
  switch (c) {
    case u',':
    case u'.':
    case u';':
    case u':':
    case u'!':
    case u'?':
    case u'"':
    case u'\'':
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u'\u2018':  // ‘ ’ “ ” …
    case u'\u2019':
    case u'\u201C':
    case u'\u201D':
    case u'\u2026':
      return true;
    default:
      return false;
  }
}

/// A word found by ICU's word break rules, in UTF-16 code units of the text.
struct WordSpan {
  int32_t start;
  int32_t end;
  TokenKind kind;  ///< kWord or kNumber
};

/// Splits text into words with ICU's root word break rules: spaces and
/// punctuation separate, combining marks stay with their letter (so NFD text
/// breaks like NFC), `5.850` and `3,5` stay one number, `kontumtv.vn` stays
/// one word, `117%` gives `117`, `30/10` and `Covid-19` give two words each.
/// Symbols and emoji are not words. Not thread-safe.
class WordBreaker {
 public:
  WordBreaker();
  /// Replaces `*out` with the words of `text`.
  /// REQUIRES: `text` outlives the call.
  void split(const icu::UnicodeString& text, std::vector<WordSpan>* out);
  /// The same words from ICU alone, every character through its rules: what
  /// split() must equal (it cuts plain words itself, see there).
  void split_with_icu(const icu::UnicodeString& text, std::vector<WordSpan>* out);

 private:
  /// Appends the words of `text[from, to)`, broken alone.
  void split_with_icu(const icu::UnicodeString& text, int32_t from, int32_t to,
                      std::vector<WordSpan>* out);

  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace vnsearch::text
