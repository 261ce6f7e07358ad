// @brief The HTTP request and response as the web handlers see them, without
// a socket, and the strict reading of a query string: what the page and the
// API accept, and the 400 for everything else.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vnsearch::searcher::web {

/// One request: what the handlers need of it, as it came on the wire.
struct HttpRequest {
  std::string method;  ///< "GET", "HEAD", …
  std::string path;    ///< the path part of the target, not decoded ("/search")
  std::string query;   ///< the raw query string after '?', not decoded
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< beyond Content-Type
};

/// A request the server refuses with 400; the message says why, to a person.
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Query strings longer than this are refused: a search box never needs it.
inline constexpr size_t kMaxQueryStringBytes = 4096;
/// Parameters in one query string, at most.
inline constexpr size_t kMaxParameters = 32;

/// The decoded parameters of a query string, in order.
class QueryParams {
 public:
  /// Parses `raw` ("q=h%C3%A0+n%E1%BB%99i&page=2"): '+' is a space, %XX a
  /// byte. Throws BadRequest on a string over kMaxQueryStringBytes or with
  /// more than kMaxParameters parameters, a malformed %-escape, a name or
  /// value that is not valid UTF-8 or holds a control character (a tab or a
  /// line break in a value is read as a space), or a name given twice.
  static QueryParams parse(std::string_view raw);

  /// The value of `name`, or nullopt when absent. An empty value counts as
  /// absent: a form submits its empty fields.
  std::optional<std::string> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return params_; }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

/// True when `text` is valid UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view text);

/// Percent-encodes `text` for a query string value (everything but
/// unreserved characters; a space as %20).
std::string url_encode(std::string_view text);

/// Reads a whole decimal number in [low, high]; throws BadRequest naming
/// `name` otherwise (signs, spaces, overflow included).
long long parse_number(std::string_view text, long long low, long long high, std::string_view name);

}  // namespace vnsearch::searcher::web
