// @brief The handlers of `vnsearch serve`, without a socket: a request in, a
// response out. Routes: / and /search (the search page), /article, the JSON
// API at /api/search (the records of `vnsearch --json`) and /api/health,
// and /style.css. Safe to call from many threads at once.
#pragma once

#include "searcher/web/http.h"
#include "searcher/web/searcher_pool.h"

namespace vnsearch::searcher::web {

class WebApp {
 public:
  /// Opens the index once now; throws as the Searcher constructor does.
  explicit WebApp(const IndexLocations& locations);

  /// Answers one request; never throws (a failure is a 500 page).
  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse route(const HttpRequest& request);
  HttpResponse search_page(const QueryParams& params);
  HttpResponse article_page(const QueryParams& params);
  HttpResponse api_search(const QueryParams& params);
  HttpResponse api_health();

  SearcherPool pool_;
};

}  // namespace vnsearch::searcher::web
