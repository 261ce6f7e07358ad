#include "common/text/utf8.h"

namespace vnsearch::text {

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    if (decode_utf8(s, i, &len) == kReplacementChar && len == 1) return false;
    i += len;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s, size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  size_t bad = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = decode_utf8(s, i, &len);
    if (c == kReplacementChar && len == 1) {
      ++bad;
      append_utf8(kReplacementChar, &out);
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  if (replaced) *replaced = bad;
  return out;
}

}  // namespace vnsearch::text
