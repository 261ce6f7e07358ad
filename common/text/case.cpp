#include "common/text/case.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/text/utf8.h"

namespace vnsearch::text {

std::string lower_nfc(std::string_view s) {
  const std::string valid = to_valid_utf8(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(valid);
  u.foldCase();
  icu::UnicodeString normalized = nfc->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? normalized : u).toUTF8String(out);
  return out;
}

void nfc_in_place(std::string* utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  const icu::StringPiece piece(utf8->data(), static_cast<int32_t>(utf8->size()));
  // The quick check is one pass and allocates nothing: most files are NFC.
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return;
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(utf8->size());
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) *utf8 = std::move(normalized);
}

std::string nfc(std::string_view utf8) {
  std::string text(utf8);
  nfc_in_place(&text);
  return text;
}

}  // namespace vnsearch::text
