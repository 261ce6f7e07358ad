#include "searcher/exact_forms.h"

#include <algorithm>
#include <array>
#include <utility>

#include "common/schema.h"
#include "common/text/utf8.h"
#include "common/text/vietnamese.h"

namespace vnsearch::searcher {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/// Every lower-case letter that folds to `base` (itself included), as UTF-8:
/// the table is built once from the analyzer's own folding.
const std::vector<std::string>& forms_of(char base) {
  static const std::array<std::vector<std::string>, 128> table = [] {
    std::array<std::vector<std::string>, 128> t;
    for (char c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)].push_back(std::string(1, c));
    const auto add_range = [&](char32_t from, char32_t to) {
      for (char32_t c = from; c <= to; ++c) {
        const char32_t folded = text::fold_char(c);
        if (folded == c || folded >= 128 || folded < 'a' || folded > 'z') continue;
        std::string utf8;
        text::append_utf8(c, &utf8);
        t[static_cast<size_t>(folded)].push_back(utf8);
      }
    };
    add_range(0xE0, 0x24F);     // Latin-1 Supplement, Latin Extended-A and -B
    add_range(0x1EA0, 0x1EFF);  // Latin Extended Additional: ạ ả ấ … ỹ
    return t;
  }();
  static const std::vector<std::string> none;
  const auto index = static_cast<unsigned char>(base);
  return index < 128 ? table[index] : none;
}

}  // namespace

std::vector<std::string> exact_variants(const Xapian::Database& db, std::string_view folded,
                                        size_t limit) {
  // Leading consonants are written the same in every form (but d/đ); the
  // first vowel carries the marks, so its forms bound the lexicon ranges.
  size_t vowel = 0;
  while (vowel < folded.size() && !is_vowel(folded[vowel])) ++vowel;
  std::vector<std::string> leads = {std::string(folded.substr(0, vowel))};
  if (!folded.empty() && folded[0] == 'd') {
    leads.push_back("\xC4\x91" + std::string(folded.substr(1, vowel == 0 ? 0 : vowel - 1)));
  }
  std::vector<std::string> prefixes;
  for (const std::string& lead : leads) {
    if (vowel == folded.size() || static_cast<unsigned char>(folded[vowel]) >= 128) {
      prefixes.push_back(lead);
      continue;
    }
    for (const std::string& form : forms_of(folded[vowel])) prefixes.push_back(lead + form);
  }

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  const std::string exact_prefix(schema::kExactPrefix);
  for (const std::string& prefix : prefixes) {
    const std::string start = exact_prefix + prefix;
    for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
      const std::string term = *it;
      if (text::fold(std::string_view(term).substr(exact_prefix.size())) == folded) {
        found.emplace_back(it.get_termfreq(), term);
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> variants;
  for (size_t i = 0; i < found.size() && i < limit; ++i) variants.push_back(found[i].second);
  return variants;
}

}  // namespace vnsearch::searcher
