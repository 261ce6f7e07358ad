#include "searcher/forms.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <set>

#include "common/schema.h"
#include "common/text/utf8.h"
#include "common/text/vietnamese.h"

namespace vnsearch::searcher {
namespace {

// Each base vowel with its quality-marked vowels, and each of those vowels
// with its six tones (level, grave, acute, hook, tilde, dot).
constexpr std::array<std::u32string_view, 12> kToned = {U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ",
                                                        U"êềếểễệ", U"iìíỉĩị", U"oòóỏõọ", U"ôồốổỗộ",
                                                        U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};

// The vowels (level tone) a folded vowel may stand for.
std::u32string_view qualities(char c) {
  switch (c) {
    case 'a':
      return U"aăâ";
    case 'e':
      return U"eê";
    case 'o':
      return U"oôơ";
    case 'u':
      return U"uư";
    case 'i':
      return U"i";
    case 'y':
      return U"y";
    case 'd':
      return U"dđ";
    default:
      return {};
  }
}

char32_t with_tone(char32_t vowel, size_t tone) {
  for (std::u32string_view row : kToned) {
    if (row[0] == vowel) return row[tone];
  }
  return vowel;
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::append_utf8(c, &out);
  return out;
}

std::u32string to_utf32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    size_t length = 1;
    out += text::decode_utf8(s, i, &length);
    i += length ? length : 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> accent_variants(std::string_view folded) {
  std::vector<std::string> out{std::string(folded)};
  size_t vowels = 0;
  for (char c : folded) {
    if (c < 'a' || c > 'z') return out;
    vowels += is_vowel(c);
  }
  if (vowels > 3 || folded.size() > 7) return out;
  // A syllable has one run of vowels (`chelsea` is no syllable); a word
  // without any is an abbreviation (`dt` for ĐT), marked but never toned.
  const size_t first = folded.find_first_of("aeiouy"), last = folded.find_last_of("aeiouy");
  if (vowels > 0 && last - first + 1 != vowels) return out;

  // Every combination of quality marks (an odometer over the letters that
  // have some), then each tone on each vowel, moved to its canonical place
  // by the analyzer's own rule (`qu`, `gi` onsets included) and deduplicated.
  std::u32string base(folded.begin(), folded.end());
  std::vector<size_t> marked;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (qualities(folded[i]).size() > 1) marked.push_back(i);
  }
  const size_t first_vowel = vowels > 0 ? first : folded.size();
  std::set<std::string> seen{out[0]};
  std::vector<size_t> choice(marked.size(), 0);
  for (;;) {
    std::u32string word = base;
    for (size_t k = 0; k < marked.size(); ++k) {
      word[marked[k]] = qualities(folded[marked[k]])[choice[k]];
    }
    if (vowels == 0) {
      std::string utf8 = to_utf8(word);
      if (seen.insert(utf8).second) out.push_back(std::move(utf8));
    }
    for (size_t tone = 0; tone < 6 && vowels > 0; ++tone) {
      for (size_t v = first_vowel; v < word.size(); ++v) {
        if (!is_vowel(folded[v]) || (tone == 0 && v > first_vowel)) continue;
        std::u32string toned = word;
        toned[v] = with_tone(toned[v], tone);
        text::canonicalize_tone(&toned);
        text::canonicalize_final_y(toned.data(), toned.size());
        std::string utf8 = to_utf8(toned);
        if (text::fold(utf8) != folded) continue;  // `sỹ` became `sĩ`: another word
        if (seen.insert(utf8).second) out.push_back(std::move(utf8));
      }
    }
    size_t k = 0;
    while (k < marked.size() && ++choice[k] == qualities(folded[marked[k]]).size()) choice[k++] = 0;
    if (k == marked.size()) break;
  }
  return out;
}

std::vector<Xapian::doccount> term_frequencies(const Xapian::Database& db,
                                               const std::vector<std::string>& terms) {
  std::vector<size_t> by_term(terms.size());
  std::iota(by_term.begin(), by_term.end(), size_t{0});
  std::sort(by_term.begin(), by_term.end(),
            [&](size_t a, size_t b) { return terms[a] < terms[b]; });
  std::vector<Xapian::doccount> docs(terms.size());
  for (size_t k : by_term) docs[k] = db.get_termfreq(terms[k]);
  return docs;
}

std::vector<FormCount> exact_forms(const Xapian::Database& db, std::string_view folded,
                                   size_t limit) {
  const std::vector<std::string> variants = accent_variants(folded);
  std::vector<std::string> terms;
  for (const std::string& form : variants) {
    terms.push_back(std::string(schema::kExactPrefix) + form);
  }
  const std::vector<Xapian::doccount> docs = term_frequencies(db, terms);
  std::vector<FormCount> found;
  for (size_t k = 0; k < variants.size(); ++k) {
    if (docs[k] > 0) found.push_back({variants[k], docs[k]});
  }
  std::sort(found.begin(), found.end(), [](const FormCount& a, const FormCount& b) {
    return a.docs != b.docs ? a.docs > b.docs : a.form < b.form;
  });
  if (found.size() > limit) found.resize(limit);
  return found;
}

std::vector<std::string> edit_variants(std::string_view folded) {
  std::vector<std::string> out;
  for (char c : folded) {
    if (c < 'a' || c > 'z') return out;
  }
  std::set<std::string> seen{std::string(folded)};
  auto add = [&](std::string s) {
    if (!s.empty() && seen.insert(s).second) out.push_back(std::move(s));
  };
  const std::string word(folded);
  for (size_t i = 0; i < word.size(); ++i) add(word.substr(0, i) + word.substr(i + 1));
  for (size_t i = 0; i + 1 < word.size(); ++i) {
    std::string s = word;
    std::swap(s[i], s[i + 1]);
    add(s);
  }
  for (size_t i = 0; i <= word.size(); ++i) {
    for (char c = 'a'; c <= 'z'; ++c) {
      if (i < word.size()) {
        std::string s = word;
        s[i] = c;
        add(s);
      }
      add(word.substr(0, i) + c + word.substr(i));
    }
  }
  return out;
}

size_t edit_distance(std::string_view a_utf8, std::string_view b_utf8) {
  const std::u32string a = to_utf32(a_utf8), b = to_utf32(b_utf8);
  // Optimal string alignment distance, three rows.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace vnsearch::searcher
