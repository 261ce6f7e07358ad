#include "common/text/analyzer.h"

#include <iterator>

#include <unicode/normalizer2.h>

#include "common/text/clean.h"
#include "common/text/normalize.h"
#include "common/text/utf8.h"
#include "common/text/word_break.h"

namespace vnsearch::text {
namespace {

// ASCII whitespace between chunks in the input: what clean-up leaves as a
// chunk separator (clean.h makes '_' a space, and NBSP, found apart).
bool is_plain_separator(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '_';
}

// Code points the plain path takes as they are: clean-up keeps them, they
// are NFC whatever follows them, and no break rule attaches them to the
// whitespace before them (WB4), so a text of them breaks chunk by chunk.
// The rest (marks, joiners, dropped controls, Ð, other scripts, symbols)
// sends the text down the full path.
bool is_plain_code_point(char32_t c) {
  if (c < 0x80) return c >= 0x20 && c != 0x7F;
  if (c < 0xA0) return false;                                 // C1 controls: dropped
  if (c < 0x300) return c != 0xAD && c != 0xD0 && c != 0xF0;  // soft hyphen; Ð, ð → Đ, đ
  return (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x2027);
}

}  // namespace

struct Analyzer::Impl {
  WordBreaker breaker;
  CleanText clean;
  std::vector<WordSpan> spans;
  // A plain word in UTF-16, for its forms: longer words give no token
  // (normalize_word drops them), so their units need not be kept.
  char16_t word_units[kMaxTokenBytes + 1];
  const icu::Normalizer2* nfc = nullptr;

  // A direct-mapped cache of the forms of short non-ASCII words, keyed by
  // their cleaned UTF-16 units. News text repeats a few thousand syllables,
  // so most words skip NFC, case folding, tone placement and folding. The
  // forms are a function of the units alone, so a hit is always right.
  struct CachedForms {
    uint8_t key_length = 0;  // 0: empty slot
    uint8_t norm_length = 0;
    uint8_t folded_length = 0;
    char16_t key[12];
    char norm[40];
    char folded[24];
  };
  static constexpr size_t kCacheSlots = 4096;
  std::unique_ptr<CachedForms[]> cache = std::make_unique<CachedForms[]>(kCacheSlots);

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
  }

  void forms(const char16_t* units, size_t length, bool maybe_unnormalized, Token* token) {
    bool ascii = true;
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; ++i) {
      ascii &= units[i] < 0x80;
      hash = (hash ^ units[i]) * 16777619u;
    }
    const auto size = static_cast<int32_t>(length);
    if (ascii || length > sizeof(CachedForms::key) / sizeof(char16_t)) {
      normalize_word(units, size, maybe_unnormalized, &token->norm, &token->folded);
      return;
    }
    CachedForms& slot = cache[hash % kCacheSlots];
    if (slot.key_length == length &&
        std::char_traits<char16_t>::compare(slot.key, units, length) == 0) {
      token->norm.assign(slot.norm, slot.norm_length);
      token->folded.assign(slot.folded, slot.folded_length);
      return;
    }
    normalize_word(units, size, maybe_unnormalized, &token->norm, &token->folded);
    if (token->norm.size() <= sizeof slot.norm && token->folded.size() <= sizeof slot.folded) {
      slot.key_length = static_cast<uint8_t>(length);
      std::char_traits<char16_t>::copy(slot.key, units, length);
      slot.norm_length = static_cast<uint8_t>(token->norm.size());
      token->norm.copy(slot.norm, token->norm.size());
      slot.folded_length = static_cast<uint8_t>(token->folded.size());
      token->folded.copy(slot.folded, token->folded.size());
    }
  }

  // Appends the token of the word `units[0, length)`, bytes [start, end) of
  // the input, unless it is too long.
  bool emit(const char16_t* units, size_t length, uint32_t start, uint32_t end, TokenKind kind,
            uint32_t position, bool maybe_unnormalized, std::vector<Token>* out) {
    Token& token = out->emplace_back();
    forms(units, length, maybe_unnormalized, &token);
    if (token.norm.empty()) {
      out->pop_back();
      return false;
    }
    token.start = start;
    token.end = end;
    token.position = position;
    token.kind = kind;
    return true;
  }

  // The tokens of `clean`, the cleaned form of input bytes that begin at
  // `offset`; returns the position after them.
  uint32_t emit_clean_words(uint32_t offset, bool maybe_unnormalized, uint32_t position,
                            std::vector<Token>* out) {
    const char16_t* units = clean.units();
    const auto emit_units = [&](int32_t from, int32_t to, TokenKind kind) {
      return emit(units + from, static_cast<size_t>(to - from),
                  offset + clean.begin(static_cast<size_t>(from)),
                  offset + clean.end(static_cast<size_t>(to - 1)), kind, position,
                  maybe_unnormalized, out);
    };
    for (const WordSpan& span : spans) {
      if (!emit_units(span.start, span.end, span.kind)) continue;
      // A dotted word (kontumtv.vn, TP.HCM) is also found by each of its
      // labels, at the same position.
      if (span.kind == TokenKind::kWord) {
        int32_t label_start = span.start;
        bool dotted = false;
        for (int32_t i = span.start; i <= span.end; ++i) {
          if (i < span.end && units[i] != '.') continue;
          if (i < span.end) dotted = true;
          if (dotted && i > label_start) emit_units(label_start, i, TokenKind::kPart);
          label_start = i + 1;
        }
      }
      ++position;
    }
    return position;
  }

  uint32_t analyze_in_full(std::string_view text, std::vector<Token>* out, uint32_t position) {
    clean_text(text, &clean);
    UErrorCode status = U_ZERO_ERROR;
    const bool maybe_unnormalized =
        clean.may_need_nfc() && nfc->quickCheck(clean.text(), status) != UNORM_YES;
    breaker.split(clean.text(), &spans);
    return emit_clean_words(0, maybe_unnormalized, position, out);
  }

  // The plain path: chunks between whitespace read straight from UTF-8, a
  // chunk that is one word (Latin letters, or digits, between edge
  // punctuation) turned into its token without clean-up or break rules, any
  // other chunk cleaned and broken alone, as WordBreaker::split() would
  // break it. False, with tokens appended, when `text` holds a code point
  // the path does not take.
  bool analyze_plain(std::string_view text, std::vector<Token>* out, uint32_t* position) {
    const size_t size = text.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0;
    while (i < size) {
      // Separators, then a chunk up to the next one.
      if (is_plain_separator(bytes[i])) {
        ++i;
        continue;
      }
      if (bytes[i] == 0xC2 && i + 1 < size && bytes[i + 1] == 0xA0) {  // NBSP
        i += 2;
        continue;
      }
      const size_t chunk_start = i;
      // The word: from the first code point that is not edge punctuation to
      // the last one, in bytes and in UTF-16 units (word_units).
      size_t word_start = SIZE_MAX, word_end = 0, units_end = 0;
      // The first unit of the word that is not of its kind: simple when the
      // word ends before it.
      size_t first_odd = SIZE_MAX;
      bool letters = false;
      size_t units = 0;
      while (i < size) {
        char32_t c = bytes[i];
        size_t length = 1;
        if (c >= 0x80) {
          c = decode_utf8(text, i, &length);
          if (c == 0xA0) break;
          if (!is_plain_code_point(c)) return false;
        } else if (is_plain_separator(static_cast<unsigned char>(c))) {
          break;
        } else if (c < 0x20 || c == 0x7F) {
          return false;
        }
        const bool edge = is_edge_punctuation(c);
        if (word_start == SIZE_MAX) {
          if (edge) {
            i += length;
            continue;  // leading punctuation
          }
          word_start = i;
          letters = is_latin_letter(c);
        }
        if (first_odd == SIZE_MAX && !(letters ? is_latin_letter(c) : is_ascii_digit(c))) {
          first_odd = units;
        }
        // Plain code points are in the BMP: one unit each.
        if (units < std::size(word_units)) word_units[units] = static_cast<char16_t>(c);
        ++units;
        i += length;
        if (!edge) {
          word_end = i;
          units_end = units;
        }
      }
      if (word_start == SIZE_MAX) continue;  // punctuation alone
      if (first_odd >= units_end) {
        if (units_end <= std::size(word_units) &&
            emit(word_units, units_end, static_cast<uint32_t>(word_start),
                 static_cast<uint32_t>(word_end), letters ? TokenKind::kWord : TokenKind::kNumber,
                 *position, /*maybe_unnormalized=*/false, out)) {
          ++*position;
        }
        continue;
      }
      clean_text(text.substr(chunk_start, i - chunk_start), &clean);
      breaker.split_with_icu(clean.text(), &spans);
      *position = emit_clean_words(static_cast<uint32_t>(chunk_start),
                                   /*maybe_unnormalized=*/false, *position, out);
    }
    return true;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

uint32_t Analyzer::analyze(std::string_view text, std::vector<Token>* out,
                           uint32_t first_position) {
  const size_t first_token = out->size();
  uint32_t position = first_position;
  if (impl_->analyze_plain(text, out, &position)) return position;
  out->resize(first_token);
  return impl_->analyze_in_full(text, out, first_position);
}

uint32_t Analyzer::analyze_in_full(std::string_view text, std::vector<Token>* out,
                                   uint32_t first_position) {
  return impl_->analyze_in_full(text, out, first_position);
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
  std::vector<Token> tokens;
  analyze(text, &tokens);
  return tokens;
}

}  // namespace vnsearch::text
