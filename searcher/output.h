// @brief Printers of search results: terminal (plain or ANSI colour), JSON
// Lines records, file paths, counts. They only write; the search is done.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "searcher/searcher.h"

namespace vnsearch::searcher {

enum class OutputMode : uint8_t { kTerminal, kJson, kFiles, kCount };

/// What a printer needs to know about the query it prints results for.
struct QueryContext {
  std::string id;  ///< batch mode: the given id or the line number; else empty
  std::string text;
  bool batch = false;
};

class ResultPrinter {
 public:
  virtual ~ResultPrinter() = default;
  /// Writes the results of one query.
  virtual void print(const QueryContext& query, const SearchResult& result) = 0;
  /// Records that one query could not be run (the message also goes to
  /// stderr); only JSON output has a record for it.
  virtual void print_error(const QueryContext& /*query*/, const std::string& /*message*/) {}
};

/// How results are printed.
struct PrintOptions {
  OutputMode mode = OutputMode::kTerminal;
  bool color = false;  ///< kTerminal: ANSI colour
  /// The page size asked for: with 0 a terminal summary gives the count alone.
  size_t limit = 10;
  /// kFiles: end each path with a NUL byte instead of a newline (-0), so
  /// that any file name, even one holding a newline, passes to xargs -0.
  bool null_separated = false;
  /// kJson: the summary says where the time went (SearchResult::phases).
  bool timings = false;
};

std::unique_ptr<ResultPrinter> make_printer(const PrintOptions& options, std::ostream& out);

/// The path of the file a hit came from as a shell can open it: absolute
/// (the corpus root the index recorded, joined with the relative path), or
/// relative to the corpus root when the index recorded none.
std::string openable_path(const Hit& hit);

/// Writes the index statistics (as one JSON record of type "stats" with
/// `json`).
void print_stats(const IndexStats& stats, bool json, std::ostream& out);

}  // namespace vnsearch::searcher
