#include "common/text/word_break.h"

#include <stdexcept>
#include <string>

#include <unicode/locid.h>
#include <unicode/ubrk.h>

namespace vnsearch::text {
namespace {

// Whitespace between chunks. UAX #29 breaks on both sides of it, so a chunk
// breaks the same alone as inside the text, except where a combining mark
// follows the whitespace (rule WB4 attaches it to the space): split() then
// leaves the whole text to ICU.
bool is_chunk_separator(char16_t c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Combining diacritical marks (Word_Break Extend): NFD accents.
bool is_combining_mark(char16_t c) { return c >= 0x300 && c <= 0x36F; }

// Whether `c` might be a mark, format character or joiner that WB4 attaches
// to the character before it. Conservative: everything but Latin letters,
// the punctuation below U+0300 (not the soft hyphen, a format character)
// and general punctuation from dashes to the ellipsis.
bool may_attach_to_previous(char16_t c) {
  if (c < 0x300) return c == 0xAD;
  if (c >= 0x2010 && c <= 0x2027) return false;
  return !is_latin_letter(c);
}

// The kind of the word `units[start, end)` is when UAX #29 keeps it whole and
// ICU would say so without looking further: Latin letters with their marks,
// or ASCII digits. False: ask ICU.
bool simple_word(const char16_t* units, int32_t start, int32_t end, TokenKind* kind) {
  if (start >= end) return false;
  if (is_latin_letter(units[start])) {
    for (int32_t i = start + 1; i < end; ++i) {
      if (!is_latin_letter(units[i]) && !is_combining_mark(units[i])) return false;
    }
    *kind = TokenKind::kWord;
    return true;
  }
  for (int32_t i = start; i < end; ++i) {
    if (!is_ascii_digit(units[i])) return false;
  }
  *kind = TokenKind::kNumber;
  return true;
}

}  // namespace

WordBreaker::WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !iterator_) {
    throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
}

void WordBreaker::split(const icu::UnicodeString& text, std::vector<WordSpan>* out) {
  // ICU's rule-based iterator costs about as much per character whatever the
  // text; news text is mostly plain words between spaces, which need no
  // rules. Chunks between whitespace that are a plain word, maybe with
  // punctuation at its edges, are cut here; the others go to ICU alone.
  out->clear();
  const char16_t* units = text.getBuffer();
  const int32_t size = text.length();
  for (int32_t i = 1; i < size; ++i) {
    if (is_chunk_separator(units[i - 1]) && may_attach_to_previous(units[i])) {
      // Maybe a mark or a joiner attached to the space before it (WB4).
      split_with_icu(text, 0, size, out);
      return;
    }
  }
  int32_t i = 0;
  while (i < size) {
    if (is_chunk_separator(units[i])) {
      ++i;
      continue;
    }
    const int32_t chunk_start = i;
    while (i < size && !is_chunk_separator(units[i])) ++i;
    const int32_t chunk_end = i;
    int32_t start = chunk_start, end = chunk_end;
    while (start < end && is_edge_punctuation(units[start])) ++start;
    while (end > start && is_edge_punctuation(units[end - 1])) --end;
    TokenKind kind;
    if (simple_word(units, start, end, &kind)) {
      out->push_back({start, end, kind});
    } else if (start < end) {
      split_with_icu(text, chunk_start, chunk_end, out);
    }
  }
}

void WordBreaker::split_with_icu(const icu::UnicodeString& text, int32_t from, int32_t to,
                                 std::vector<WordSpan>* out) {
  // A read-only alias: no copy of the text.
  const icu::UnicodeString part(false, text.getBuffer() + from, to - from);
  iterator_->setText(part);
  int32_t start = iterator_->first();
  for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator_->next()) {
    const int32_t status = iterator_->getRuleStatus();
    if (status < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols, emoji
    const TokenKind kind = status < UBRK_WORD_LETTER ? TokenKind::kNumber : TokenKind::kWord;
    out->push_back({from + start, from + end, kind});
  }
}

void WordBreaker::split_with_icu(const icu::UnicodeString& text, std::vector<WordSpan>* out) {
  out->clear();
  split_with_icu(text, 0, text.length(), out);
}

}  // namespace vnsearch::text
