#include "common/text/normalize.h"

#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/text/token.h"
#include "common/text/utf8.h"
#include "common/text/vietnamese.h"

namespace vnsearch::text {
namespace {

// Case folding of the code points Vietnamese and other Latin text use, by
// table: u_foldCase per code point showed up in profiles.
constexpr char32_t kFoldTableEnd = 0x2000;

const std::vector<char32_t>& case_fold_table() {
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> t(kFoldTableEnd);
    for (char32_t c = 0; c < kFoldTableEnd; ++c) {
      t[c] = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    }
    return t;
  }();
  return table;
}

}  // namespace

void normalize_word(const char16_t* units, int32_t length, bool maybe_unnormalized,
                    std::string* norm, std::string* folded) {
  norm->clear();
  folded->clear();
  // UTF-8 never has fewer bytes than UTF-16 has units: too long already.
  if (static_cast<size_t>(length) > kMaxTokenBytes && !maybe_unnormalized) return;

  // Fast path: ASCII words need only lower-casing.
  char ascii[kMaxTokenBytes];
  int32_t i = 0;
  for (; i < length && static_cast<size_t>(i) < kMaxTokenBytes; ++i) {
    const UChar c = units[i];
    if (c >= 0x80) break;
    ascii[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (i == length) {
    if (length >= 2 && length <= 4 && ascii[length - 1] == 'y') {  // sy, quy, my
      char32_t syllable[4];
      for (int32_t k = 0; k < length; ++k) syllable[k] = static_cast<unsigned char>(ascii[k]);
      canonicalize_final_y(syllable, static_cast<size_t>(length));
      ascii[length - 1] = static_cast<char>(syllable[length - 1]);
    }
    norm->assign(ascii, static_cast<size_t>(length));
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
    if (static_cast<size_t>(length) > kMaxTokenBytes) return;
  }

  char32_t code_points[kMaxTokenBytes];
  size_t n = 0;
  const std::vector<char32_t>& table = case_fold_table();
  for (int32_t k = 0; k < length;) {
    UChar32 c;
    U16_NEXT(units, k, length, c);
    code_points[n++] = c < static_cast<UChar32>(kFoldTableEnd)
                           ? table[static_cast<size_t>(c)]
                           : static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  canonicalize_tone(code_points, n);
  canonicalize_final_y(code_points, n);
  char utf8[4 * kMaxTokenBytes];
  size_t used = 0;
  for (size_t k = 0; k < n; ++k) used += encode_utf8(code_points[k], utf8 + used);
  if (used > kMaxTokenBytes) return;
  norm->assign(utf8, used);
  append_folded(code_points, n, folded);
}

}  // namespace vnsearch::text
