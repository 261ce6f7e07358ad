#include "common/text/word_break.h"

#include <stdexcept>
#include <string>

#include <unicode/locid.h>
#include <unicode/ubrk.h>

namespace vnsearch::text {

WordBreaker::WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !iterator_) {
    throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
}

void WordBreaker::split(const icu::UnicodeString& text, std::vector<WordSpan>* out) {
  out->clear();
  iterator_->setText(text);
  int32_t start = iterator_->first();
  for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator_->next()) {
    const int32_t status = iterator_->getRuleStatus();
    if (status < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols, emoji
    const TokenKind kind = status < UBRK_WORD_LETTER ? TokenKind::kNumber : TokenKind::kWord;
    out->push_back({start, end, kind});
  }
}

}  // namespace vnsearch::text
