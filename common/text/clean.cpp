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
  if (c <= 0x9F) return CleanAction::kDrop;  // C1 controls
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

void CleanText::reserve(size_t units) {
  if (units <= capacity_) return;
  capacity_ = units;
  // Not value-initialised: every entry up to size_ is written before use.
  units_.reset(new char16_t[capacity_]);
  begin_.reset(new uint32_t[capacity_]);
  length_.reset(new uint8_t[capacity_]);
}

void clean_text(std::string_view input, CleanText* out) {
  // UTF-16 never needs more units than UTF-8 has bytes; +1 for the sentinel.
  out->reserve(input.size() + 1);
  char16_t* units = out->units_.get();
  uint32_t* begin = out->begin_.get();
  uint8_t* length = out->length_.get();
  size_t n = 0;
  bool may_need_nfc = false;
  const auto push = [&](char32_t c, size_t from, size_t len) {
    // Below U+0300 every code point is NFC-stable, as are the precomposed
    // letters of Latin Extended Additional and general punctuation.
    if (c >= 0x300 && !(c >= 0x1E00 && c <= 0x1EFF) && !(c >= 0x2010 && c <= 0x206F)) {
      may_need_nfc = true;
    }
    if (c < 0x10000) {
      units[n] = static_cast<char16_t>(c);
      begin[n] = static_cast<uint32_t>(from);
      length[n++] = static_cast<uint8_t>(len);
    } else {  // a surrogate pair: both units map to the code point
      units[n] = static_cast<char16_t>(0xD7C0 + (c >> 10));
      units[n + 1] = static_cast<char16_t>(0xDC00 | (c & 0x3FF));
      begin[n] = begin[n + 1] = static_cast<uint32_t>(from);
      length[n] = length[n + 1] = static_cast<uint8_t>(len);
      n += 2;
    }
  };
  const size_t size = input.size();
  for (size_t i = 0; i < size;) {
    const auto b = static_cast<unsigned char>(input[i]);
    if (b < 0x80 && b >= 0x20 && b != '_' && b != 0x7F) {  // the common case
      units[n] = b;
      begin[n] = static_cast<uint32_t>(i);
      length[n++] = 1;
      ++i;
      continue;
    }
    size_t len;
    char32_t c = decode_utf8(input, i, &len);
    const size_t from = i;
    i += len;
    switch (clean_action(c)) {
      case CleanAction::kDrop:
        break;
      case CleanAction::kSpace:
        push(' ', from, len);
        break;
      case CleanAction::kKeep:
        if (c == 0x00D0) c = 0x0110;  // Ð → Đ
        if (c == 0x00F0) c = 0x0111;  // ð → đ
        push(c, from, len);
        break;
    }
  }
  out->size_ = n;
  out->may_need_nfc_ = may_need_nfc;
  // A sentinel so that end-of-text offsets need no special case.
  begin[n] = static_cast<uint32_t>(size);
  length[n] = 0;
  out->text_.setTo(false, units, static_cast<int32_t>(n));
}

}  // namespace vnsearch::text
