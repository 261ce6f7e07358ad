// @brief `vnsearch QUERY` and `vnsearch --queries FILE`: validated options,
// one open index, a printer, and the exit status (0 match, 1 none, 2 error).
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "searcher/output.h"
#include "searcher/searcher.h"

namespace vnsearch::searcher {

/// A command line that cannot work; main prints it with a --help hint.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The options as given on the command line, and the environment facts that
/// decide defaults.
struct RawOptions {
  std::vector<std::string> query_words;
  std::vector<std::string> index_dirs;  ///< -d, repeatable
  std::vector<std::string> remotes;     ///< --remote HOST:PORT, repeatable
  bool allow_partial = false;
  std::optional<std::string> queries_file;
  long long limit = 10;
  bool limit_given = false;  ///< --limit was given (--files prints every match without it)
  long long offset = 0;
  std::string sort = "relevance";
  std::string accents = "exact";
  std::optional<std::string> from, to;
  std::optional<std::string> facets;
  std::string color = "auto";
  long long passages = 2;
  long long passage_length = 200;
  bool json = false;
  bool count = false;
  bool files = false;
  bool null_separated = false;  ///< -0/--null
  bool stats = false;
  bool no_collapse = false;            ///< --no-collapse
  bool timings = false;                ///< --timings
  std::optional<std::string> like;     ///< --like PATH
  std::optional<std::string> similar;  ///< --similar PATH
  // Environment.
  bool stdout_is_tty = false;
  std::string env_index;     ///< $VNSEARCH_INDEX
  std::string env_no_color;  ///< $NO_COLOR
};

/// What is asked: a query (or a batch of them), or the articles around one.
enum class Ask : uint8_t {
  kQuery,
  kRelated,     ///< --like: same subject, not near-copies
  kNearCopies,  ///< --similar: the near-copies
};

struct SearchOptions {
  IndexLocations index;
  Ask ask = Ask::kQuery;
  std::string article;       ///< kRelated, kNearCopies: the path or document id given
  std::string query;         ///< the query words joined by spaces
  std::string queries_file;  ///< batch input ("-": standard input), or empty
  PrintOptions print;
  bool stats = false;
  bool stats_json = false;
  SearchRequest request;  ///< everything but the query text
};

/// Checks and resolves `raw`. Throws UsageError.
SearchOptions validate_options(const RawOptions& raw);

/// "12.34 ms: parse 0.02, draw 1.70, …": a search's time and its phases
/// (SearchResult::phases), as --timings prints it on stderr.
std::string timings_line(const SearchResult& result);

/// Runs the searches (or --stats) and prints their results on `out`; query
/// errors go to `err` as "vnsearch: MESSAGE". Stops quietly when `out`
/// fails (a closed pipe). Returns 0 when some query matched, 1 when none
/// did, 2 when a query could not be read. Library failures are exceptions
/// (DocumentNotFoundError for an unknown --like/--similar article).
int run_search_command(const SearchOptions& options, std::istream& in, std::ostream& out,
                       std::ostream& err);

}  // namespace vnsearch::searcher
