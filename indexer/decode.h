// @brief Encoding detection and conversion of a file's bytes to NFC UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// The bytes of one file as text.
struct DecodedText {
  std::string text;      ///< NFC UTF-8, byte order mark removed
  std::string encoding;  ///< "UTF-8", "UTF-16LE", "UTF-16BE", "CP1258", "TCVN3", "VISCII"
  std::vector<std::string> warnings;  ///< e.g. "3 invalid bytes replaced"
  std::string error;                  ///< "binary file" or "empty file": nothing to read
};

/// Detects the encoding of `bytes` and converts them to NFC UTF-8.
///
/// Order: byte order marks (UTF-8, UTF-16LE/BE); UTF-16 without a mark (NUL
/// bytes in every other position); binary (other NUL bytes, or many control
/// bytes); valid UTF-8 as is (one pass, no conversion); otherwise the legacy
/// Vietnamese encodings Windows-1258, TCVN3 and VISCII are each tried with
/// iconv and the one whose output reads most like Vietnamese wins, unless
/// none does, in which case invalid UTF-8 bytes become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes);

/// Converts `bytes` from the iconv encoding `iconv_name` to UTF-8. Each byte
/// iconv cannot convert becomes U+FFFD and is counted in `*replaced`.
/// Returns false (and leaves `*out` empty) when iconv lacks the encoding.
bool convert_with_iconv(const char* iconv_name, std::string_view bytes, std::string* out,
                        size_t* replaced);

/// How much `utf8` reads like Vietnamese: +1 for each word with diacritics
/// that is a well-formed Vietnamese syllable (onset, vowel nucleus, coda,
/// one tone mark allowed by the coda), -1 for each word with diacritics that
/// is not, -2 for each U+FFFD. Words without diacritics count 0, since every
/// candidate encoding decodes ASCII alike.
int vietnamese_score(std::string_view utf8);

/// True when the lower-case or capitalised word `utf8_word` (any
/// normalisation form) is a well-formed Vietnamese syllable.
bool is_vietnamese_syllable(std::string_view utf8_word);

}  // namespace vnsearch::indexer
