#include "common/text/clean.h"

#include "common/text/utf8.h"

namespace vnsearch::text {

CleanAction clean_action(char32_t c) {
  if (c < 0x80) {
    if (c == '\t' || c == '\n' || c == '\r') return CleanAction::kKeep;
    if (c < 0x20 || c == 0x7F) return CleanAction::kDrop;
    if (c == '_') return CleanAction::kSpace;
    return CleanAction::kKeep;
  }
  if (c >= 0x80 && c <= 0x9F) return CleanAction::kDrop;  // C1 controls
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero width space
    case 0x200C:  // zero width non-joiner
    case 0x200D:  // zero width joiner
    case 0x200E:  // left-to-right mark
    case 0x200F:  // right-to-left mark
    case 0x2060:  // word joiner
    case 0xFEFF:  // byte order mark / zero width no-break space
      return CleanAction::kDrop;
    case 0x00A0:  // no-break space
    case 0x1680:
    case 0x202F:  // narrow no-break space
    case 0x205F:
    case 0x3000:
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
      return CleanAction::kSpace;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return CleanAction::kSpace;
  if (c >= 0x202A && c <= 0x202E) return CleanAction::kDrop;  // bidi embeddings
  return CleanAction::kKeep;
}

void clean_text(std::string_view input, CleanText* out) {
  out->text.remove();
  out->begin.clear();
  out->end.clear();
  out->begin.reserve(input.size() + 1);
  out->end.reserve(input.size() + 1);
  const auto push = [out](char32_t c, uint32_t b, uint32_t e) {
    out->text.append(static_cast<UChar32>(c));
    out->begin.push_back(b);
    out->end.push_back(e);
    if (c >= 0x10000) {  // a surrogate pair: both units map to the code point
      out->begin.push_back(b);
      out->end.push_back(e);
    }
  };
  for (size_t i = 0; i < input.size();) {
    const auto b = static_cast<unsigned char>(input[i]);
    if (b < 0x80 && b >= 0x20 && b != '_' && b != 0x7F) {  // the common case
      out->text.append(static_cast<UChar>(b));
      out->begin.push_back(static_cast<uint32_t>(i));
      out->end.push_back(static_cast<uint32_t>(i + 1));
      ++i;
      continue;
    }
    size_t len;
    char32_t c = decode_utf8(input, i, &len);
    const auto from = static_cast<uint32_t>(i), to = static_cast<uint32_t>(i + len);
    i += len;
    switch (clean_action(c)) {
      case CleanAction::kDrop:
        break;
      case CleanAction::kSpace:
        push(' ', from, to);
        break;
      case CleanAction::kKeep:
        if (c == 0x00D0) c = 0x0110;  // Ð → Đ
        if (c == 0x00F0) c = 0x0111;  // ð → đ
        push(c, from, to);
        break;
    }
  }
  // A sentinel so that end-of-text offsets need no special case.
  out->begin.push_back(static_cast<uint32_t>(input.size()));
  out->end.push_back(static_cast<uint32_t>(input.size()));
}

}  // namespace vnsearch::text
