#include "common/text/case.h"

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

}  // namespace vnsearch::text
