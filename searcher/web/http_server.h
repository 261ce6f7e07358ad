// @brief The socket side of `vnsearch serve`: cpp-httplib (Debian's
// libcpp-httplib-dev) listening on one address, a pool of worker threads
// calling WebApp::handle(), one log line per request, and a clean stop on
// SIGINT or SIGTERM.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "searcher/web/web_app.h"

namespace vnsearch::searcher::web {

struct ListenAddress {
  std::string host = "127.0.0.1";
  unsigned port = 8080;  ///< 0: any free port (the start-up line says which)
};

/// Parses "HOST:PORT", "[IPv6]:PORT" or ":PORT" (loopback). Throws
/// std::invalid_argument.
ListenAddress parse_listen_address(const std::string& text);

/// True for 127.0.0.0/8, ::1 and localhost: only this machine can connect.
bool is_loopback(const std::string& host);

struct ServeOptions {
  ListenAddress listen;
  size_t workers = 4;  ///< threads answering requests
};

/// Serves `app` until SIGINT or SIGTERM, then finishes the requests under
/// way and returns 0; returns 2 when it cannot listen. Logs the start, one
/// line per request ("GET /search?q=… 200 3.1 ms") and the stop on `log`.
int serve_http(WebApp& app, const ServeOptions& options, std::ostream& log);

}  // namespace vnsearch::searcher::web
