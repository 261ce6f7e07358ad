// @brief Stage 2 of analysis: ICU word boundaries over the cleaned text.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include "common/text/token.h"

namespace vnsearch::text {

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
