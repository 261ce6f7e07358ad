// @brief "Did you mean": a corrected query for a misspelt syllable, a wrong
// accent or a misspelt foreign name (`tổng thốg` → `tổng thống`, `Triều
// Tiền` → `Triều Tiên`, `Chealsea` → `Chelsea`; issue #12, rule 6).
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "common/text/analyzer.h"
#include "searcher/query.h"

namespace vnsearch::searcher {

/// The corrected text of `text` (the query as typed, parsed into `query`),
/// or empty when there is nothing to suggest. Only queries of plain words
/// are corrected (no phrases, filters, exclusions, OR or wildcards), at most
/// ranking::kSuggestMaxWords of them.
///
/// A word is suspect when its typed form is in fewer than
/// ranking::kSuggestSuspectDocs documents, or, in a query typed with
/// accents, when it and its neighbour are not seen side by side in those
/// forms. A suspect word's candidates are its other accented forms (same
/// letters, other marks: `tiền`/`tiên`), the folded words one edit away
/// found in the index with their accented form closest to what was typed
/// (`thốg` → `thống`), and Xapian's spelling suggestion where the index has
/// a spelling table (vnindex writes none; see README); in a query of more
/// than ranking::kMaxWordsForAllWordsFirst words, a word in
/// ranking::kSuggestSuspectDocs documents or more (suspect by its pair
/// alone) gets no edits. Candidates are
/// weighed by the documents holding each adjacent pair in those exact forms,
/// estimated on a sample (folded pair in title or lead, exact forms present,
/// then, unless they are most of the pair's documents, side by side in a few
/// of them by their positions), or, for a one-word query, by the documents
/// holding the form. The best change of one word is suggested when it
/// differs from the typed one and holds at least ranking::kSuggestMinDocs
/// and ranking::kSuggestRatio times what was typed.
std::string suggest(const Xapian::Database& db, std::string_view text, const ParsedQuery& query,
                    text::Analyzer* analyzer);

/// `form` written with the capitals of `typed` (`chelsea` as `Chealsea` →
/// `Chelsea`; all capitals stay all capitals). Pure.
std::string with_case_of(std::string_view typed, std::string_view form);

}  // namespace vnsearch::searcher
