// @brief The dominant accented reading of syllables typed without
// diacritics ("dang vien" → "đảng viên"), from exact-term and exact-bigram
// frequencies in the index.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace vnsearch::searcher {

/// The most frequent exact forms (Token::norm) in `db` that fold to
/// `folded_syllable`, most frequent first (ties by form), at most `limit`.
std::vector<std::string> exact_candidates(const Xapian::Database& db,
                                          const std::string& folded_syllable, size_t limit);

/// For a run of adjacent folded syllables, the chain of exact forms whose
/// adjacent pairs (schema::kExactBigramPrefix) are most frequent (Viterbi
/// over pairs). `forms[i]` is the chosen form of syllable i, or empty when
/// no pair evidence covers it. `dominant` is true when the chain holds at
/// least ranking::kReadingDominance of the pair frequency mass and occurs in
/// at least ranking::kReadingMinDocs documents.
struct RunReading {
  std::vector<std::string> forms;
  double share = 0;
  bool dominant = false;
};
RunReading read_run(const Xapian::Database& db, const std::vector<std::string>& folded_syllables);

}  // namespace vnsearch::searcher
