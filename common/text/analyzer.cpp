#include "common/text/analyzer.h"

#include <unicode/normalizer2.h>

#include "common/text/clean.h"
#include "common/text/normalize.h"
#include "common/text/word_break.h"

namespace vnsearch::text {

struct Analyzer::Impl {
  WordBreaker breaker;
  CleanText clean;
  std::vector<WordSpan> spans;
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

  void forms(int32_t start, int32_t end, bool maybe_unnormalized, Token* token) {
    const char16_t* units = clean.units() + start;
    const auto length = static_cast<size_t>(end - start);
    bool ascii = true;
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; ++i) {
      ascii &= units[i] < 0x80;
      hash = (hash ^ units[i]) * 16777619u;
    }
    if (ascii || length > sizeof(CachedForms::key) / sizeof(char16_t)) {
      normalize_word(clean.text(), start, end, maybe_unnormalized, &token->norm, &token->folded);
      return;
    }
    CachedForms& slot = cache[hash % kCacheSlots];
    if (slot.key_length == length &&
        std::char_traits<char16_t>::compare(slot.key, units, length) == 0) {
      token->norm.assign(slot.norm, slot.norm_length);
      token->folded.assign(slot.folded, slot.folded_length);
      return;
    }
    normalize_word(clean.text(), start, end, maybe_unnormalized, &token->norm, &token->folded);
    if (token->norm.size() <= sizeof slot.norm && token->folded.size() <= sizeof slot.folded) {
      slot.key_length = static_cast<uint8_t>(length);
      std::char_traits<char16_t>::copy(slot.key, units, length);
      slot.norm_length = static_cast<uint8_t>(token->norm.size());
      token->norm.copy(slot.norm, token->norm.size());
      slot.folded_length = static_cast<uint8_t>(token->folded.size());
      token->folded.copy(slot.folded, token->folded.size());
    }
  }

  // Appends the token for clean.text()[start, end), unless it is too long.
  bool emit(int32_t start, int32_t end, TokenKind kind, uint32_t position, bool maybe_unnormalized,
            std::vector<Token>* out) {
    Token& token = out->emplace_back();
    forms(start, end, maybe_unnormalized, &token);
    if (token.norm.empty()) {
      out->pop_back();
      return false;
    }
    token.start = clean.begin(static_cast<size_t>(start));
    token.end = clean.end(static_cast<size_t>(end - 1));
    token.position = position;
    token.kind = kind;
    return true;
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

uint32_t Analyzer::analyze(std::string_view text, std::vector<Token>* out,
                           uint32_t first_position) {
  Impl& m = *impl_;
  clean_text(text, &m.clean);
  UErrorCode status = U_ZERO_ERROR;
  const bool maybe_unnormalized =
      m.clean.may_need_nfc() && m.nfc->quickCheck(m.clean.text(), status) != UNORM_YES;
  m.breaker.split(m.clean.text(), &m.spans);

  uint32_t position = first_position;
  const char16_t* units = m.clean.units();
  for (const WordSpan& span : m.spans) {
    if (!m.emit(span.start, span.end, span.kind, position, maybe_unnormalized, out)) continue;
    // A dotted word (kontumtv.vn, TP.HCM) is also found by each of its labels,
    // at the same position.
    if (span.kind == TokenKind::kWord) {
      int32_t label_start = span.start;
      bool dotted = false;
      for (int32_t i = span.start; i <= span.end; ++i) {
        if (i < span.end && units[i] != '.') continue;
        if (i < span.end) dotted = true;
        if (dotted && i > label_start) {
          m.emit(label_start, i, TokenKind::kPart, position, maybe_unnormalized, out);
        }
        label_start = i + 1;
      }
    }
    ++position;
  }
  return position;
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
  std::vector<Token> tokens;
  analyze(text, &tokens);
  return tokens;
}

}  // namespace vnsearch::text
