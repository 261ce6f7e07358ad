// @brief The dominant accented reading of syllables typed without
// diacritics ("dang vien" → "đảng viên"), from the exact forms of the
// syllables where they stand adjacent in a sample of matching documents.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/text/analyzer.h"

namespace vnsearch::searcher {

/// The reading of a run of adjacent folded syllables.
///
/// `forms[i]` is the chosen exact form (Token::norm) of syllable i, or empty
/// when no adjacent occurrence covers it. `share` is the chain's share of
/// the pair evidence: over the pairs of the run seen in the sample, the mean
/// share of each pair's documents that hold the chain's two forms side by
/// side (each pair weighs the same, rare or common); `dominant` is true when
/// it is at least ranking::kReadingDominance and every pair of the chain was
/// seen in at least ranking::kReadingMinDocs documents.
struct RunReading {
  std::vector<std::string> forms;
  double share = 0;
  bool dominant = false;
  /// Each syllable's form from its clearest adjacent pair: the pair's most
  /// sampled exact forms, seen in at least ranking::kPairReadingMinDocs
  /// documents and holding at least ranking::kReadingDominance of the
  /// pair's evidence (the better evidenced of a syllable's two pairs wins).
  /// A syllable no clear pair reads takes its form in the best chain
  /// (`forms`), or stays empty when no pair of the chain touching it was
  /// seen. What a long run without a dominant chain is read as.
  std::vector<std::string> pair_forms;
  /// Other complete chains (every adjacent pair seen), most evidence first:
  /// the other readings of the run (`thụy điển` beside `thủy điện`).
  struct Chain {
    std::vector<std::string> forms;
    double share = 0;  ///< of the pair evidence, as `share` above
    int weakest = 0;   ///< documents of its least-seen pair
  };
  std::vector<Chain> others;
};

/// A run of the query read for its dominant reading: the folded syllables
/// and what read_run found.
struct ReadRun {
  std::vector<std::string> folded;
  RunReading reading;
};

/// Counts of exact pairs seen for each adjacent pair of a run: `counts[i]`
/// maps (norm of syllable i, norm of syllable i + 1) to the number of
/// sampled documents where they stand side by side.
using PairCounts = std::vector<std::map<std::pair<std::string, std::string>, int>>;

/// The best chain of exact forms over `counts` (Viterbi over pairs), with
/// the dominance rule above, and the other complete chains (at most
/// ranking::kMaxAlternatives). Ties go to the form that sorts first.
RunReading best_chain(const PairCounts& counts, size_t syllables);

/// Reads a run: samples, for each adjacent pair of syllables, rarest pair
/// first, the first ranking::kReadingDocsPerPair documents whose title or
/// lead holds them side by side (their folded pair term), until
/// ranking::kReadingMaxDocs are taken (kLongRunReadingMaxDocs for a long
/// run); re-analyses their title and the start of their text (at most
/// ranking::kReadingBytesPerDoc, or kLongRunReadingBytesPerDoc) with
/// `analyzer`, counts the exact pairs and calls best_chain. In a long run,
/// each pair the sample shows nowhere is then read in its own first
/// ranking::kLongRunUnseenPairDocs documents. Deterministic for a given
/// index.
RunReading read_run(const Xapian::Database& db, const std::vector<std::string>& folded_syllables,
                    text::Analyzer* analyzer);

}  // namespace vnsearch::searcher
