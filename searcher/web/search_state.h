// @brief The state of a search page as its URL holds it (query, filters,
// date range, sort, page), read strictly from the query string, turned into
// a SearchRequest, and written back into links: every state is a URL that
// can be bookmarked and shared.
#pragma once

#include <string>

#include "searcher/searcher.h"
#include "searcher/web/http.h"

namespace vnsearch::searcher::web {

/// Hits per page.
inline constexpr size_t kPageSize = 10;
/// Pages past this are refused: nobody reads result 10,001, and a huge
/// offset costs the server as much as a huge page.
inline constexpr long long kMaxPage = 1000;
/// The longest query text accepted, in bytes (a pasted paragraph fits;
/// the searcher reads its first kMaxQueryWords words anyway).
inline constexpr size_t kMaxQueryBytes = 2000;
/// The longest filter value (source or category name), in bytes.
inline constexpr size_t kMaxFilterBytes = 200;

struct SearchState {
  std::string q;         ///< the query as typed, in the CLI's query language
  std::string source;    ///< filter: source name, or empty
  std::string category;  ///< filter: category, or empty
  std::string year;      ///< filter: "YYYY", or empty
  std::string from, to;  ///< date range as typed: YYYY[-MM[-DD]], or empty
  bool by_date = false;  ///< sort newest first instead of by relevance
  bool loose_accents = false;
  long long page = 1;

  /// Nothing to search: the home page.
  bool empty() const;
  /// The filters as query language ("source:\"vnexpress.net\" date:2020").
  std::string filter_query() const;
  /// "/search?q=…&…" for this state; parameters at their default are left
  /// out, so that equal states have equal URLs.
  std::string url() const;
};

/// Reads the search page's parameters (q, source, category, year, from, to,
/// sort, accents, page); unknown ones are ignored. Throws BadRequest for a
/// value out of range or malformed (dates included).
SearchState read_search_state(const QueryParams& params);

/// The request for `state`'s page of hits, with facets by source, category
/// and year.
SearchRequest search_request(const SearchState& state);

}  // namespace vnsearch::searcher::web
