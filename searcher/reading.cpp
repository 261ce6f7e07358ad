#include "searcher/reading.h"

#include <algorithm>
#include <string_view>

#include "common/schema.h"
#include "common/text/vietnamese.h"
#include "searcher/ranking.h"

namespace vnsearch::searcher {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The lower-case letters that fold to each vowel, as UTF-8.
const std::vector<std::string_view>& vowel_forms(char vowel) {
  static const std::vector<std::string_view> a = {"a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ",
                                                  "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ", "ẫ", "ậ"};
  static const std::vector<std::string_view> e = {"e", "è", "é", "ẻ", "ẽ", "ẹ",
                                                  "ê", "ề", "ế", "ể", "ễ", "ệ"};
  static const std::vector<std::string_view> i = {"i", "ì", "í", "ỉ", "ĩ", "ị"};
  static const std::vector<std::string_view> o = {"o", "ò", "ó", "ỏ", "õ", "ọ", "ô", "ồ", "ố",
                                                  "ổ", "ỗ", "ộ", "ơ", "ờ", "ớ", "ở", "ỡ", "ợ"};
  static const std::vector<std::string_view> u = {"u", "ù", "ú", "ủ", "ũ", "ụ",
                                                  "ư", "ừ", "ứ", "ử", "ữ", "ự"};
  static const std::vector<std::string_view> y = {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"};
  switch (vowel) {
    case 'a':
      return a;
    case 'e':
      return e;
    case 'i':
      return i;
    case 'o':
      return o;
    case 'u':
      return u;
    default:
      return y;
  }
}

std::string exact_bigram(const std::string& first, const std::string& second) {
  std::string t(schema::kExactBigramPrefix);
  t += first;
  t += ' ';
  t += second;
  return t;
}

}  // namespace

std::vector<std::string> exact_candidates(const Xapian::Database& db, const std::string& syllable,
                                          size_t limit) {
  // Enumerate only exact terms that can fold to the syllable: its onset (d
  // also as đ) followed by each accented form of its first vowel.
  size_t onset_end = 0;
  while (onset_end < syllable.size() && !is_vowel(syllable[onset_end])) ++onset_end;
  std::vector<std::string> onsets = {syllable.substr(0, onset_end)};
  if (!syllable.empty() && syllable[0] == 'd')
    onsets.push_back("đ" + syllable.substr(1, onset_end - 1));
  std::vector<std::string> prefixes;
  for (const std::string& onset : onsets) {
    if (onset_end == syllable.size()) {
      prefixes.push_back(std::string(schema::kExactPrefix) + onset);
      continue;
    }
    for (std::string_view v : vowel_forms(syllable[onset_end])) {
      prefixes.push_back(std::string(schema::kExactPrefix) + onset + std::string(v));
    }
  }

  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (const std::string& prefix : prefixes) {
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string term = *it;
      const std::string form = term.substr(schema::kExactPrefix.size());
      if (text::fold(form) != syllable) continue;
      found.emplace_back(it.get_termfreq(), form);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

RunReading read_run(const Xapian::Database& db, const std::vector<std::string>& syllables) {
  RunReading reading;
  reading.forms.assign(syllables.size(), std::string());
  if (syllables.size() < 2) return reading;
  std::vector<std::vector<std::string>> candidates;
  for (const std::string& s : syllables) {
    candidates.push_back(exact_candidates(db, s, ranking::kReadingCandidates));
    if (candidates.back().empty()) return reading;
  }

  // Viterbi: best[i][b] is the largest pair-frequency sum of a chain ending in
  // candidate b of syllable i.
  const size_t n = syllables.size();
  std::vector<std::vector<double>> best(n);
  std::vector<std::vector<size_t>> back(n);
  std::vector<std::vector<std::vector<double>>> pair_freq(n);  // [i][a][b], pair (i-1, i)
  best[0].assign(candidates[0].size(), 0.0);
  double total_mass = 0;
  for (size_t i = 1; i < n; ++i) {
    best[i].assign(candidates[i].size(), -1.0);
    back[i].assign(candidates[i].size(), 0);
    pair_freq[i].assign(candidates[i - 1].size(), std::vector<double>(candidates[i].size(), 0.0));
    for (size_t a = 0; a < candidates[i - 1].size(); ++a) {
      for (size_t b = 0; b < candidates[i].size(); ++b) {
        const double f = db.get_termfreq(exact_bigram(candidates[i - 1][a], candidates[i][b]));
        pair_freq[i][a][b] = f;
        total_mass += f;
        if (best[i - 1][a] + f > best[i][b]) {
          best[i][b] = best[i - 1][a] + f;
          back[i][b] = a;
        }
      }
    }
  }
  if (total_mass <= 0) return reading;
  size_t b = static_cast<size_t>(std::max_element(best[n - 1].begin(), best[n - 1].end()) -
                                 best[n - 1].begin());
  const double chain_mass = best[n - 1][b];
  std::vector<size_t> chosen(n);
  for (size_t i = n; i-- > 0;) {
    chosen[i] = b;
    if (i > 0) b = back[i][b];
  }
  // A syllable is resolved when a pair of the chain that touches it occurs.
  Xapian::doccount weakest_pair = 0;
  bool any_pair = false;
  for (size_t i = 1; i < n; ++i) {
    const double f = pair_freq[i][chosen[i - 1]][chosen[i]];
    if (f <= 0) continue;
    reading.forms[i - 1] = candidates[i - 1][chosen[i - 1]];
    reading.forms[i] = candidates[i][chosen[i]];
    const auto docs = static_cast<Xapian::doccount>(f);
    weakest_pair = any_pair ? std::min(weakest_pair, docs) : docs;
    any_pair = true;
  }
  reading.share = chain_mass / total_mass;
  reading.dominant = any_pair && reading.share >= ranking::kReadingDominance &&
                     weakest_pair >= ranking::kReadingMinDocs;
  return reading;
}

}  // namespace vnsearch::searcher
