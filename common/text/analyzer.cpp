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

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    nfc = icu::Normalizer2::getNFCInstance(status);
  }

  // Appends the token for clean.text[start, end), unless it is too long.
  bool emit(int32_t start, int32_t end, TokenKind kind, uint32_t position, bool maybe_unnormalized,
            std::vector<Token>* out) {
    Token token;
    normalize_word(clean.text, start, end, maybe_unnormalized, &token.norm, &token.folded);
    if (token.norm.empty() || token.norm.size() > kMaxTokenBytes) return false;
    token.start = clean.begin[static_cast<size_t>(start)];
    token.end = clean.end[static_cast<size_t>(end - 1)];
    token.position = position;
    token.kind = kind;
    out->push_back(std::move(token));
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
  const bool maybe_unnormalized = m.nfc->quickCheck(m.clean.text, status) != UNORM_YES;
  m.breaker.split(m.clean.text, &m.spans);

  uint32_t position = first_position;
  const UChar* units = m.clean.text.getBuffer();
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
