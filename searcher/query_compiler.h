// @brief Turns a parsed query into the Xapian query that matches folded terms
// and ranks with exact-accent, adjacency, title and all-words boosts.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "searcher/query.h"
#include "searcher/reading.h"

namespace vnsearch::searcher {

/// BM25 with the constants of searcher/ranking.h.
std::unique_ptr<Xapian::Weight> make_weight();

/// Fills QueryWord::reading in `query` from the dominant accented reading of
/// its unaccented words, when the whole query is typed without diacritics.
/// Returns the reading to show ("đảng viên"), or empty when none is dominant.
/// `analyzer` re-analyses the sampled documents (see reading.h). When
/// `runs_read` is given, every run read is appended to it (for the other
/// readings, see alternatives.h).
std::string apply_dominant_reading(const Xapian::Database& db, ParsedQuery* query,
                                   text::Analyzer* analyzer,
                                   std::vector<ReadRun>* runs_read = nullptr);

struct CompileOptions {
  /// Short keyword queries match only documents with every word, so that
  /// their count is the number of articles holding them all. False: every
  /// document with one of them, those with all ranking first (the
  /// searcher's fallback when no document has every word).
  bool require_all_words = true;
  /// When set, prefix queries (kinh*) are expanded over this database's
  /// terms, so that they rank the same on one database and on shards.
  const Xapian::Database* db = nullptr;
  /// A word typed with diacritics matches only its own form (after the
  /// analyzer's normalisation); false: every form, the exact one ranking
  /// higher (--accents loose).
  bool exact_accents = true;
  /// The match a long query (more than ranking::kMaxWordsForAllWordsFirst
  /// units) draws its candidates from: its words and word pairs, any of
  /// them, weighed by those alone. The other boosts would be checked in
  /// every matching document; the searcher weighs them among the candidates
  /// (see ranking::kLongQueryCandidates). It may match documents the query
  /// does not (a word pair of two common words), so it cannot count the
  /// query's matches. Other queries compile as without it.
  bool candidates_only = false;
  /// Only what decides which documents match, without the boosts that
  /// weigh them: for counting the matches of a long query ranked among
  /// candidates, where the boosts' posting lists would only be opened.
  bool matching_only = false;
};

/// The Xapian query for `query` (see searcher/ranking.h for the boosts).
/// Without positive words (only filters or exclusions) it matches every
/// document that passes them.
Xapian::Query compile_query(const ParsedQuery& query, const CompileOptions& options = {});

/// The runs of single words typed side by side at the top of a keyword
/// query (filters between them do not part them; phrases, groups, wildcards
/// and exclusions do), in order, runs of one word left out: [[thủy, điện]]
/// for `thủy điện`. Their adjacency in the text, in the forms meant, is what
/// the rescoring window rewards. Empty for an OR query.
std::vector<std::vector<QueryWord>> word_runs(const ParsedQuery& query);

/// True for a keyword query of 2 to ranking::kMaxWordsForAllWordsFirst units
/// (words, phrases, groups) side by side: it requires every unit.
bool is_short_keyword_query(const ParsedQuery& query);

/// True for a keyword query of more than ranking::kMaxWordsForAllWordsFirst
/// units side by side (a pasted headline, a question): any of its telling
/// words matches.
bool is_long_keyword_query(const ParsedQuery& query);

/// The filter query for a --from/--to range (empty range: Xapian::Query()).
Xapian::Query date_filter(const DateRange& range);

}  // namespace vnsearch::searcher
