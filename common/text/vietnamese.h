// @brief Vietnamese orthography: tone-mark placement and diacritic folding,
// both by lookup tables built once from Unicode decompositions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vnsearch::text {

/// The six tones; kLevel (thanh ngang) carries no mark.
enum class Tone : uint8_t { kLevel = 0, kGrave, kAcute, kHook, kTilde, kDot };

/// Moves the tone mark of a lower-case, NFC Vietnamese syllable to its
/// canonical (new-style) vowel: `hoà` → `hòa`, `thuỷ` → `thủy`, `khoẻ` →
/// `khỏe`. Rules: the last vowel with a quality mark (ă â ê ô ơ ư) if any;
/// else the last vowel when the syllable ends in a consonant; else the middle
/// of three vowels or the first of two. `qu` and `gi` before a vowel are
/// onsets (`quá`, `già`). Words that are not a well-formed Vietnamese
/// syllable (foreign words, names like `Jơdreh`) or carry other than one tone
/// mark are left as they are.
void canonicalize_tone(char32_t* syllable, size_t length);
inline void canonicalize_tone(std::u32string* syllable) {
  canonicalize_tone(syllable->data(), syllable->size());
}

/// Spells an open syllable whose only vowel is `y` after a consonant onset
/// with `i`, keeping its tone: `sỹ` → `sĩ`, `kỹ` → `kĩ`, `lý` → `lí`, `quý`
/// → `quí`, `Mỹ` → `mĩ`. Both spellings are in use for the same words (the
/// choice is a house style), so a search for one must find the other. A lone
/// `y` (`y tế`, `ý kiến`) and `y` in a vowel cluster (`tay`, `huy`) are
/// different sounds and stay. Lower-case NFC input, like canonicalize_tone.
void canonicalize_final_y(char32_t* syllable, size_t length);

/// The base letter of `c` with every diacritic removed (`ộ` → `o`, `đ` → `d`,
/// `é` → `e`), for lower-case Latin letters; other code points unchanged.
/// Combining marks fold to 0 (drop them).
char32_t fold_char(char32_t c);

/// True for combining diacritical marks (U+0300–U+036F).
inline bool is_combining_mark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

/// Folds a whole string (already lower-case NFC): `đảng viên` → `dang vien`.
std::string fold(std::string_view lower_nfc);

/// Appends the folded UTF-8 form of `length` code points to `*out`.
void append_folded(const char32_t* code_points, size_t length, std::string* out);

}  // namespace vnsearch::text
