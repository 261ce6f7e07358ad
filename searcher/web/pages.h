// @brief The HTML of `vnsearch serve`: the search page, the article view and
// the error page, rendered on the server from the core's result structures,
// in Vietnamese, with a small stylesheet and no script. Pure functions: no
// socket, no index.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"
#include "searcher/web/search_state.h"

namespace vnsearch::searcher::web {

/// The search page: the form with `state`, then either `error` (a request
/// or query that cannot be read), or `result`'s notices, hits, facets and
/// pager, or (no search yet, `result` null) a line about the index.
std::string render_search_page(const SearchState& state, const SearchResult* result,
                               std::string_view error, Xapian::doccount documents);

/// What the article view shows. Each list under the text is one Hit list,
/// rendered as the search results are.
struct ArticleView {
  Article article;
  std::string query;  ///< the search it was opened from: marks, and the way back
  bool loose_accents = false;
  /// Near-copies (same story, other wording) and "more like this": filled by
  /// one call each on the core once the near-duplicate work (#16) lands;
  /// empty lists are not shown.
  std::vector<Hit> near_copies;
  std::vector<Hit> more_like_this;
};

std::string render_article_page(const ArticleView& view);

/// A page for a 4xx/5xx status: what went wrong, and a way back.
std::string render_error_page(int status, std::string_view message);

/// The link to a document's article view: by its stored path when that is
/// UTF-8 (stable across index revisions), else by document id; with the
/// query, to mark its words and scroll to the first one.
std::string article_url(Xapian::docid docid, const std::string& path, const std::string& query,
                        bool loose_accents);

/// "1.234": thousands as Vietnamese writes them.
std::string vietnamese_number(uint64_t n);

/// The stylesheet served at /style.css.
std::string_view stylesheet();

}  // namespace vnsearch::searcher::web
