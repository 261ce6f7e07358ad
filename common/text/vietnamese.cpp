#include "common/text/vietnamese.h"

#include <array>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/text/utf8.h"

namespace vnsearch::text {
namespace {

// The twelve vowels with their quality marks, and whether they carry one.
constexpr std::array<char32_t, 12> kVowels = {U'a', U'ă', U'â', U'e', U'ê', U'i',
                                              U'o', U'ô', U'ơ', U'u', U'ư', U'y'};
constexpr std::array<char32_t, 6> kToneMarks = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

struct VowelInfo {
  int8_t vowel = -1;  // index into kVowels, -1 when not a vowel
  Tone tone = Tone::kLevel;
};

// Lower-case Latin letters used by Vietnamese live below U+0200 and in Latin
// Extended Additional (U+1E00–U+1EFF); one flat table covers both.
constexpr char32_t kTableEnd = 0x1F00;

struct Tables {
  std::vector<VowelInfo> vowel_info = std::vector<VowelInfo>(kTableEnd);
  std::vector<char32_t> folded = std::vector<char32_t>(kTableEnd);
  std::array<std::array<char32_t, 6>, 12> compose{};  // [vowel][tone]

  Tables() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (char32_t c = 0; c < kTableEnd; ++c) {
      folded[c] = c;
      if (is_combining_mark(c)) folded[c] = 0;
    }
    for (size_t v = 0; v < kVowels.size(); ++v) {
      for (size_t t = 0; t < kToneMarks.size(); ++t) {
        icu::UnicodeString s(static_cast<UChar32>(kVowels[v]));
        if (kToneMarks[t]) s.append(static_cast<UChar32>(kToneMarks[t]));
        icu::UnicodeString composed = nfc->normalize(s, status);
        char32_t c = static_cast<char32_t>(composed.char32At(0));
        compose[v][t] = c;
        if (c < kTableEnd) vowel_info[c] = {static_cast<int8_t>(v), static_cast<Tone>(t)};
      }
    }
    // Folding: the first code point of the canonical decomposition when it is
    // an ASCII letter (covers every Vietnamese and most European letters).
    for (char32_t c = 0x80; c < kTableEnd; ++c) {
      icu::UnicodeString decomposition;
      if (!nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) continue;
      UChar32 base = decomposition.char32At(0);
      if (base < 0x80 && u_isalpha(base)) folded[c] = static_cast<char32_t>(u_tolower(base));
    }
    // Letters Unicode does not decompose.
    for (auto [from, to] : std::initializer_list<std::pair<char32_t, char32_t>>{{U'đ', U'd'},
                                                                                {U'Đ', U'd'},
                                                                                {U'ð', U'd'},
                                                                                {U'Ð', U'd'},
                                                                                {U'ø', U'o'},
                                                                                {U'Ø', U'o'},
                                                                                {U'ł', U'l'},
                                                                                {U'Ł', U'l'},
                                                                                {U'ı', U'i'}}) {
      folded[from] = to;
    }
  }
};

const Tables& tables() {
  static const Tables instance;
  return instance;
}

bool is_onset(std::u32string_view onset) {
  static const std::u32string_view kOnsets[] = {
      U"",  U"b",  U"c",   U"ch", U"d", U"đ",  U"g",  U"gh", U"gi", U"h", U"k",  U"kh", U"l", U"m",
      U"n", U"ng", U"ngh", U"nh", U"p", U"ph", U"qu", U"r",  U"s",  U"t", U"th", U"tr", U"v", U"x"};
  for (auto o : kOnsets) {
    if (o == onset) return true;
  }
  return false;
}

bool is_coda(std::u32string_view coda) {
  static const std::u32string_view kCodas[] = {U"",   U"c",  U"ch", U"m", U"n",
                                               U"ng", U"nh", U"p",  U"t"};
  for (auto c : kCodas) {
    if (c == coda) return true;
  }
  return false;
}

// The vowel clusters of Vietnamese syllables, tone marks removed.
bool is_nucleus(std::u32string_view vowels) {
  static const std::u32string_view kNuclei[] = {
      U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
      U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
      U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",  U"ua",  U"uâ",  U"uê",
      U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ươ",  U"ưu",  U"yê",  U"iêu", U"oai",
      U"oay", U"oeo", U"uây", U"uôi", U"uya", U"uyê", U"uyu", U"ươi", U"ươu", U"yêu"};
  for (auto n : kNuclei) {
    if (n == vowels) return true;
  }
  return false;
}

bool has_quality_mark(int8_t vowel) {
  const char32_t v = kVowels[static_cast<size_t>(vowel)];
  return v == U'ă' || v == U'â' || v == U'ê' || v == U'ô' || v == U'ơ' || v == U'ư';
}

}  // namespace

void canonicalize_tone(char32_t* s, size_t n) {
  if (n < 2 || n > 7) return;  // the longest syllable is "nghiêng"
  const Tables& t = tables();
  const auto info = [&t](char32_t c) { return c < kTableEnd ? t.vowel_info[c] : VowelInfo{}; };

  // Exactly one tone mark; a level-tone syllable has nothing to move.
  size_t marked = n;
  for (size_t i = 0; i < n; ++i) {
    const VowelInfo v = info(s[i]);
    if (v.vowel >= 0 && v.tone != Tone::kLevel) {
      if (marked != n) return;
      marked = i;
    }
  }
  if (marked == n) return;

  // Onset: consonants up to the first vowel; "qu" and "gi" before a vowel.
  size_t onset_end = 0;
  while (onset_end < n && info(s[onset_end]).vowel < 0) ++onset_end;
  if (onset_end == n) return;
  if (onset_end + 1 < n && info(s[onset_end + 1]).vowel >= 0) {
    const VowelInfo first = info(s[onset_end]);
    const bool qu = onset_end == 1 && s[0] == U'q' && kVowels[first.vowel] == U'u';
    const bool gi = onset_end == 1 && s[0] == U'g' && kVowels[first.vowel] == U'i';
    if (qu || gi) ++onset_end;
  }
  size_t nucleus_end = onset_end;
  while (nucleus_end < n && info(s[nucleus_end]).vowel >= 0) ++nucleus_end;
  const size_t nucleus_size = nucleus_end - onset_end;
  if (nucleus_size == 0 || nucleus_size > 3 || marked >= nucleus_end) return;

  size_t target;
  size_t last_quality = n;
  for (size_t i = onset_end; i < nucleus_end; ++i) {
    if (has_quality_mark(info(s[i]).vowel)) last_quality = i;
  }
  if (last_quality != n) {
    target = last_quality;
  } else if (nucleus_end < n || nucleus_size == 1) {
    target = nucleus_end - 1;
  } else if (nucleus_size == 3) {
    target = onset_end + 1;
  } else {
    target = onset_end;
  }
  // Most text is already canonical: validate the syllable only to move a mark.
  if (target == marked) return;
  const std::u32string_view view(s, n);
  if (!is_onset(view.substr(0, onset_end)) || !is_coda(view.substr(nucleus_end))) return;
  std::u32string vowels;
  for (size_t i = onset_end; i < nucleus_end; ++i) vowels += kVowels[info(s[i]).vowel];
  if (!is_nucleus(vowels)) return;
  const VowelInfo from = info(s[marked]);
  const VowelInfo to = info(s[target]);
  s[marked] = t.compose[static_cast<size_t>(from.vowel)][0];
  s[target] = t.compose[static_cast<size_t>(to.vowel)][static_cast<size_t>(from.tone)];
}

void canonicalize_final_y(char32_t* s, size_t n) {
  if (n < 2 || n > 4) return;  // a lone "y" stays; "nghỹ" is the longest
  const Tables& t = tables();
  const char32_t last = s[n - 1];
  if (last >= kTableEnd) return;
  const VowelInfo y = t.vowel_info[last];
  if (y.vowel < 0 || kVowels[static_cast<size_t>(y.vowel)] != U'y') return;
  // "qu" is an onset before a vowel: quy / qui.
  const std::u32string_view onset(s, n - 1);
  if (onset != U"qu") {
    for (char32_t c : onset) {
      if (c < kTableEnd && t.vowel_info[c].vowel >= 0) return;  // tay, huy, khuy
    }
    if (!is_onset(onset) || onset == U"gi") return;
  }
  constexpr size_t kI = 5;  // index of 'i' in kVowels
  static_assert(kVowels[kI] == U'i');
  s[n - 1] = t.compose[kI][static_cast<size_t>(y.tone)];
}

char32_t fold_char(char32_t c) {
  if (c < 0x80) return c;
  return c < kTableEnd ? tables().folded[c] : c;
}

void append_folded(const char32_t* code_points, size_t length, std::string* out) {
  const Tables& t = tables();
  char buf[4 * 64];
  size_t used = 0;
  for (size_t i = 0; i < length; ++i) {
    const char32_t c = code_points[i];
    const char32_t f = c < 0x80 ? c : c < kTableEnd ? t.folded[c] : c;
    if (f == 0) continue;
    if (used + 4 > sizeof buf) {
      out->append(buf, used);
      used = 0;
    }
    used += encode_utf8(f, buf + used);
  }
  out->append(buf, used);
}

std::string fold(std::string_view lower_nfc) {
  std::string out;
  out.reserve(lower_nfc.size());
  for (size_t i = 0; i < lower_nfc.size();) {
    size_t len;
    char32_t c = fold_char(decode_utf8(lower_nfc, i, &len));
    if (c) append_utf8(c, &out);
    i += len;
  }
  return out;
}

}  // namespace vnsearch::text
