#include "common/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "common/text/utf8.h"
#include "common/text/vietnamese.h"

namespace vnsearch::text {

void normalize_word(const icu::UnicodeString& text, int32_t start, int32_t end,
                    bool maybe_unnormalized, std::string* norm, std::string* folded) {
  norm->clear();
  folded->clear();
  const UChar* units = text.getBuffer() + start;
  int32_t length = end - start;

  // Fast path: ASCII words need only lower-casing.
  bool ascii = true;
  for (int32_t i = 0; i < length && ascii; ++i) ascii = units[i] < 0x80;
  if (ascii) {
    norm->resize(static_cast<size_t>(length));
    for (int32_t i = 0; i < length; ++i) {
      UChar c = units[i];
      (*norm)[static_cast<size_t>(i)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    *folded = *norm;
    return;
  }

  icu::UnicodeString composed;
  if (maybe_unnormalized) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString word(false, units, length);  // read-only alias, no copy
    if (!nfc->isNormalized(word, status)) {
      status = U_ZERO_ERROR;
      composed = nfc->normalize(word, status);
      if (U_SUCCESS(status)) {
        units = composed.getBuffer();
        length = composed.length();
      }
    }
  }

  thread_local std::u32string code_points;
  code_points.clear();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    code_points.push_back(static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)));
  }
  canonicalize_tone(&code_points);
  for (char32_t c : code_points) {
    append_utf8(c, norm);
    if (char32_t f = fold_char(c)) append_utf8(f, folded);
  }
}

}  // namespace vnsearch::text
