// @brief Encoding detection and conversion of a file's bytes to NFC UTF-8.
#include "indexer/decode.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/text/case.h"

namespace vnsearch::indexer {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
constexpr char32_t kReplacementChar = 0xFFFD;

/// Legacy encodings are scored on this much of the file; the winner then
/// converts all of it.
constexpr size_t kScoringSampleBytes = 64 * 1024;
/// UTF-16 without a byte order mark is recognised from this much of the file.
constexpr size_t kUtf16SniffBytes = 8 * 1024;

struct LegacyEncoding {
  const char* name;        ///< reported in DecodedText::encoding
  const char* iconv_name;  ///< as glibc's iconv spells it
};
constexpr LegacyEncoding kLegacyEncodings[] = {
    {"CP1258", "CP1258"},
    {"TCVN3", "TCVN5712-1"},
    {"VISCII", "VISCII"},
};

void append_utf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// Length of the well-formed UTF-8 sequence starting at `s[i]` (a non-ASCII
/// byte), or 0 when it is ill-formed (Unicode table 3-7: no overlongs, no
/// surrogates, nothing above U+10FFFF).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  const auto second = static_cast<unsigned char>(s[i + 1]);
  if (second < second_min || second > second_max) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

/// Control bytes other than the whitespace ones: a sign of binary data.
bool is_control_byte(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7F;
}

/// What one pass over the bytes finds.
struct ByteCensus {
  size_t nul = 0;
  size_t control = 0;       ///< excluding NUL
  size_t invalid_utf8 = 0;  ///< bytes not part of a well-formed UTF-8 sequence
};

ByteCensus take_census(std::string_view bytes) {
  ByteCensus census;
  size_t i = 0;
  while (i < bytes.size()) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      if (b == 0) {
        ++census.nul;
      } else if (is_control_byte(b)) {
        ++census.control;
      }
      ++i;
      continue;
    }
    size_t length = utf8_sequence_length(bytes, i);
    if (length == 0) {
      ++census.invalid_utf8;
      length = 1;
    }
    i += length;
  }
  return census;
}

/// Text has a few control characters at most (stray form feeds, TCVN3's
/// capitals in the C0 range); binary data has many.
bool looks_binary(const ByteCensus& census, size_t size) {
  return census.nul > 0 || census.control * 10 > size;
}

std::string replace_invalid_utf8(std::string_view bytes, size_t* replaced) {
  std::string out;
  out.reserve(bytes.size() + 16);
  size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      out.push_back(bytes[i++]);
      continue;
    }
    const size_t length = utf8_sequence_length(bytes, i);
    if (length == 0) {
      out.append(kReplacementUtf8);
      ++*replaced;
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

enum class Utf16Order { kNone, kLittleEndian, kBigEndian };

/// UTF-16 text without a byte order mark has NUL high bytes for every ASCII
/// character, all on the same side of each code unit.
Utf16Order guess_utf16_without_bom(std::string_view bytes) {
  const size_t sniffed = std::min(bytes.size(), kUtf16SniffBytes) & ~size_t{1};
  if (sniffed < 4) return Utf16Order::kNone;
  size_t nul_even = 0;
  size_t nul_odd = 0;
  for (size_t i = 0; i < sniffed; ++i) {
    if (bytes[i] == '\0') (i % 2 == 0 ? nul_even : nul_odd)++;
  }
  const size_t units = sniffed / 2;
  if (nul_odd * 10 >= units * 3 && nul_even * 20 <= units) return Utf16Order::kLittleEndian;
  if (nul_even * 10 >= units * 3 && nul_odd * 20 <= units) return Utf16Order::kBigEndian;
  return Utf16Order::kNone;
}

std::string decode_utf16(std::string_view bytes, Utf16Order order, size_t* replaced) {
  const auto unit_at = [&](size_t i) -> char32_t {
    const auto first = static_cast<unsigned char>(bytes[i]);
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    return order == Utf16Order::kLittleEndian ? (second << 8 | first) : (first << 8 | second);
  };
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  size_t i = 0;
  while (i + 1 < bytes.size()) {
    const char32_t unit = unit_at(i);
    i += 2;
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < bytes.size()) {
      const char32_t low = unit_at(i);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), &out);
        i += 2;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      append_utf8(kReplacementChar, &out);
      ++*replaced;
      continue;
    }
    append_utf8(unit, &out);
  }
  if (i < bytes.size()) {  // an odd trailing byte
    append_utf8(kReplacementChar, &out);
    ++*replaced;
  }
  return out;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

std::string count_phrase(size_t count, const char* singular, const char* plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

// ---- Vietnamese syllable structure ---------------------------------------

constexpr char32_t kCombiningGrave = 0x300;
constexpr char32_t kCombiningAcute = 0x301;
constexpr char32_t kCombiningCircumflex = 0x302;
constexpr char32_t kCombiningTilde = 0x303;
constexpr char32_t kCombiningBreve = 0x306;
constexpr char32_t kCombiningHookAbove = 0x309;
constexpr char32_t kCombiningHorn = 0x31B;
constexpr char32_t kCombiningDotBelow = 0x323;
constexpr char32_t kLowerDStroke = 0x111;  // đ

bool is_tone_mark(char32_t c) {
  return c == kCombiningGrave || c == kCombiningAcute || c == kCombiningTilde ||
         c == kCombiningHookAbove || c == kCombiningDotBelow;
}

bool is_combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

bool is_vowel(char32_t c) {
  static constexpr std::u32string_view kVowels = U"aăâeêioôơuưy";
  return kVowels.find(c) != std::u32string_view::npos;
}

/// The letter `base` carries the quality mark `modifier`: ă â ê ô ơ ư, or 0
/// when the pair does not exist in Vietnamese.
char32_t apply_modifier(char32_t base, char32_t modifier) {
  if (modifier == kCombiningCircumflex) {
    if (base == U'a') return U'â';
    if (base == U'e') return U'ê';
    if (base == U'o') return U'ô';
  } else if (modifier == kCombiningBreve) {
    if (base == U'a') return U'ă';
  } else if (modifier == kCombiningHorn) {
    if (base == U'o') return U'ơ';
    if (base == U'u') return U'ư';
  }
  return 0;
}

enum class WordVerdict { kNoDiacritics, kSyllable, kNotSyllable };

/// Judges one word given as lower-case NFD code points.
WordVerdict judge_word(std::u32string_view nfd_lower) {
  // Rebuild the word as letters with quality marks (â, ơ...) but no tone.
  std::u32string letters;
  char32_t tone = 0;
  int tone_count = 0;
  bool tone_on_consonant = false;
  bool has_diacritics = false;
  bool malformed = false;
  char32_t pending_modifier_base = 0;  // the plain letter a modifier may still attach to
  for (const char32_t c : nfd_lower) {
    if (is_combining_mark(c)) {
      has_diacritics = true;
      if (letters.empty()) {
        malformed = true;
      } else if (is_tone_mark(c)) {
        tone = c;
        ++tone_count;
        if (!is_vowel(letters.back())) tone_on_consonant = true;
      } else {
        const char32_t modified =
            pending_modifier_base != 0 ? apply_modifier(pending_modifier_base, c) : 0;
        if (modified == 0) {
          malformed = true;
        } else {
          letters.back() = modified;
          pending_modifier_base = 0;
        }
      }
      continue;
    }
    if (c == kLowerDStroke) {
      has_diacritics = true;
    } else if (c < U'a' || c > U'z' || c == U'f' || c == U'j' || c == U'w' || c == U'z') {
      malformed = true;  // Latin letters Vietnamese lacks, or another script
      if (c >= 0x80) has_diacritics = true;
    }
    letters.push_back(c);
    pending_modifier_base = c;
  }
  if (!has_diacritics) return WordVerdict::kNoDiacritics;
  if (malformed || tone_count > 1 || tone_on_consonant) return WordVerdict::kNotSyllable;

  // Onset: longest match; "gi" and "qu" only when a vowel follows.
  static constexpr std::u32string_view kOnsets[] = {
      U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"th",
      U"tr",  U"qu", U"b",  U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",
      U"l",   U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v",  U"x"};
  const std::u32string_view word = letters;
  size_t nucleus_start = 0;
  for (const std::u32string_view onset : kOnsets) {
    if (word.substr(0, onset.size()) != onset) continue;
    if ((onset == U"gi" || onset == U"qu") &&
        (word.size() == onset.size() || !is_vowel(word[onset.size()]))) {
      continue;
    }
    nucleus_start = onset.size();
    break;
  }
  size_t coda_start = nucleus_start;
  while (coda_start < word.size() && is_vowel(word[coda_start])) ++coda_start;
  const std::u32string_view nucleus = word.substr(nucleus_start, coda_start - nucleus_start);
  const std::u32string_view coda = word.substr(coda_start);

  static const std::unordered_set<std::u32string_view> kNuclei = {
      U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
      U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
      U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"oo",  U"ôi",  U"ơi",  U"ua",  U"uâ",  U"uê",
      U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ưu",  U"ươ",  U"yê",  U"iêu", U"yêu",
      U"oai", U"oao", U"oay", U"oeo", U"uây", U"uôi", U"uya", U"uyê", U"uyu", U"ươi", U"ươu"};
  static const std::unordered_set<std::u32string_view> kCodas = {U"",   U"c",  U"ch", U"m", U"n",
                                                                 U"ng", U"nh", U"p",  U"t"};
  if (kNuclei.count(nucleus) == 0 || kCodas.count(coda) == 0) return WordVerdict::kNotSyllable;
  // ă and â never end a syllable; stop codas take only the rising or heavy tone.
  if ((nucleus == U"ă" || nucleus == U"â") && coda.empty()) return WordVerdict::kNotSyllable;
  const bool stop_coda = coda == U"c" || coda == U"ch" || coda == U"p" || coda == U"t";
  if (stop_coda && tone != kCombiningAcute && tone != kCombiningDotBelow) {
    return WordVerdict::kNotSyllable;
  }
  return WordVerdict::kSyllable;
}

icu::UnicodeString to_nfd(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString decomposed = nfd->normalize(text, status);
  return U_SUCCESS(status) ? decomposed : text;
}

}  // namespace

bool convert_with_iconv(const char* iconv_name, std::string_view bytes, std::string* out,
                        size_t* replaced) {
  out->clear();
  iconv_t converter = iconv_open("UTF-8", iconv_name);
  if (converter == reinterpret_cast<iconv_t>(-1)) return false;

  std::string buffer(bytes.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it never writes there
  size_t in_left = bytes.size();
  char* out_cursor = buffer.data();
  size_t out_left = buffer.size();
  const auto grow = [&] {
    const size_t used = out_cursor - buffer.data();
    buffer.resize(buffer.size() * 2);
    out_cursor = buffer.data() + used;
    out_left = buffer.size() - used;
  };
  // CP1258 and TCVN3 hold back a base letter waiting for a combining mark:
  // a flush emits it, and must precede any replacement character.
  const auto flush = [&] {
    while (iconv(converter, nullptr, nullptr, &out_cursor, &out_left) == static_cast<size_t>(-1) &&
           errno == E2BIG) {
      grow();
    }
  };
  while (in_left > 0) {
    if (iconv(converter, &in, &in_left, &out_cursor, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      grow();
      continue;
    }
    // EILSEQ (a byte the charset does not define), EINVAL (truncated input)
    // or anything else: replace one byte and go on.
    flush();
    while (out_left < kReplacementUtf8.size()) grow();
    std::memcpy(out_cursor, kReplacementUtf8.data(), kReplacementUtf8.size());
    out_cursor += kReplacementUtf8.size();
    out_left -= kReplacementUtf8.size();
    ++*replaced;
    ++in;
    --in_left;
  }
  flush();
  iconv_close(converter);
  buffer.resize(out_cursor - buffer.data());
  *out = std::move(buffer);
  return true;
}

int vietnamese_score(std::string_view utf8) {
  const icu::UnicodeString text = to_nfd(utf8);
  int score = 0;
  std::u32string word;
  const auto judge_pending_word = [&] {
    if (word.empty()) return;
    switch (judge_word(word)) {
      case WordVerdict::kSyllable:
        ++score;
        break;
      case WordVerdict::kNotSyllable:
        --score;
        break;
      case WordVerdict::kNoDiacritics:
        break;
    }
    word.clear();
  };
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const auto c = static_cast<char32_t>(text.char32At(i));
    if (u_isalpha(c) || is_combining_mark(c)) {
      word.push_back(static_cast<char32_t>(u_tolower(c)));
      continue;
    }
    judge_pending_word();
    if (c == kReplacementChar) score -= 2;
  }
  judge_pending_word();
  return score;
}

bool is_vietnamese_syllable(std::string_view utf8_word) {
  const icu::UnicodeString text = to_nfd(utf8_word);
  std::u32string word;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    word.push_back(static_cast<char32_t>(u_tolower(text.char32At(i))));
  }
  return !word.empty() && judge_word(word) != WordVerdict::kNotSyllable &&
         std::all_of(word.begin(), word.end(),
                     [](char32_t c) { return u_isalpha(c) || is_combining_mark(c); });
}

DecodedText decode_to_utf8(std::string_view bytes) {
  DecodedText result;
  if (bytes.empty()) {
    result.error = "empty file";
    return result;
  }
  size_t replaced = 0;
  Utf16Order utf16_order = Utf16Order::kNone;
  bool declared_utf8 = false;
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    declared_utf8 = true;
    bytes.remove_prefix(kUtf8Bom.size());
  } else if (bytes.substr(0, kUtf16LeBom.size()) == kUtf16LeBom) {
    utf16_order = Utf16Order::kLittleEndian;
    bytes.remove_prefix(kUtf16LeBom.size());
  } else if (bytes.substr(0, kUtf16BeBom.size()) == kUtf16BeBom) {
    utf16_order = Utf16Order::kBigEndian;
    bytes.remove_prefix(kUtf16BeBom.size());
  } else if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
    utf16_order = guess_utf16_without_bom(bytes);
  }

  if (utf16_order != Utf16Order::kNone) {
    result.encoding = utf16_order == Utf16Order::kLittleEndian ? "UTF-16LE" : "UTF-16BE";
    result.text = decode_utf16(bytes, utf16_order, &replaced);
    if (looks_binary(take_census(result.text), result.text.size())) {
      result.error = "binary file";
      return result;
    }
    if (replaced > 0) {
      result.warnings.push_back(
          count_phrase(replaced, "invalid UTF-16 code unit", "invalid UTF-16 code units") +
          " replaced");
    }
  } else {
    const ByteCensus census = take_census(bytes);
    if (looks_binary(census, bytes.size())) {
      result.error = "binary file";
      return result;
    }
    result.encoding = "UTF-8";
    if (census.invalid_utf8 == 0) {
      result.text.assign(bytes);
    } else if (declared_utf8) {
      result.text = replace_invalid_utf8(bytes, &replaced);
    } else {
      // Score each candidate on a sample; broken UTF-8 competes too, so a
      // UTF-8 file with a few bad bytes stays UTF-8.
      const std::string_view sample = bytes.substr(0, kScoringSampleBytes);
      size_t ignored = 0;
      int best_score = vietnamese_score(replace_invalid_utf8(sample, &ignored));
      const LegacyEncoding* best = nullptr;
      for (const LegacyEncoding& candidate : kLegacyEncodings) {
        std::string converted;
        if (!convert_with_iconv(candidate.iconv_name, sample, &converted, &ignored)) continue;
        const int score = vietnamese_score(converted);
        if (score > 0 && score > best_score) {
          best_score = score;
          best = &candidate;
        }
      }
      if (best != nullptr && convert_with_iconv(best->iconv_name, bytes, &result.text, &replaced)) {
        result.encoding = best->name;
      } else {
        replaced = 0;
        result.text = replace_invalid_utf8(bytes, &replaced);
      }
    }
    if (replaced > 0) {
      result.warnings.push_back(count_phrase(replaced, "invalid byte", "invalid bytes") +
                                " replaced");
    }
  }
  text::nfc_in_place(&result.text);
  if (is_blank(result.text)) {
    result.text.clear();
    result.error = "empty file";
  }
  return result;
}

}  // namespace vnsearch::indexer
