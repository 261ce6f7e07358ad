// @brief The other common readings of a query typed without diacritics
// (`thuy dien`: thủy điện, Thụy Điển; `bao`: báo, bảo, bão), each ready to
// type, with a cheap count of the documents that hold it (issue #12, rule 5).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/query.h"
#include "searcher/reading.h"

namespace vnsearch::searcher {

/// One reading of the query: its accented text and how many documents hold
/// it (see reading_alternatives and word_alternatives for what is counted).
struct Alternative {
  std::string query;
  Xapian::doccount matches = 0;
};

/// The other readings of a query that is one run of unaccented words (`runs`
/// as apply_dominant_reading read them, exactly one): the chains of the
/// sample with at least ranking::kAlternativeMinShare of its evidence and
/// every pair in ranking::kReadingMinDocs documents, most evidence first.
/// When the run's reading is dominant (it ranked first) it is left out; else
/// the best chain comes first. `matches` counts the documents holding every
/// exact form of the reading and its words side by side (folded) in the
/// title or lead: the schema::kBigramPrefix pairs with the
/// schema::kExactPrefix forms, no positional check.
std::vector<Alternative> reading_alternatives(const Xapian::Database& db,
                                              const std::vector<ReadRun>& runs);

/// The common accented forms of a query that is one unaccented word: those
/// in at least ranking::kAlternativeMinShare of the documents of the most
/// frequent one, most documents first, when there are two or more; `matches`
/// is the documents holding the exact form. Empty for any other query.
std::vector<Alternative> word_alternatives(const Xapian::Database& db, const ParsedQuery& query);

}  // namespace vnsearch::searcher
