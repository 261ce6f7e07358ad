// @brief The search core: opens an index once and answers queries with
// ranked, collapsed hits, their passages and facet counts.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "common/text/analyzer.h"
#include "searcher/query.h"
#include "searcher/snippet.h"

namespace vnsearch::searcher {

/// No index at the given folder (message: "no index at DIR; run vnindex
/// CORPUS_DIR first").
class IndexMissingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class SortOrder : uint8_t { kRelevance, kDate };
enum class Facet : uint8_t { kSource, kCategory, kYear };
const char* facet_name(Facet facet);

struct SearchRequest {
  std::string query;
  size_t offset = 0;
  size_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  DateRange dates;            ///< --from/--to
  bool count_only = false;    ///< only the number of matches
  bool with_passages = true;  ///< false: no analysis of the hits' text
  PassageOptions passages;
  std::vector<Facet> facets;
};

struct Hit {
  size_t rank = 0;  ///< 1-based, counting from the first result, not the offset
  double score = 0;
  Xapian::docid docid = 0;
  schema::DocumentData doc;
  Xapian::doccount copies = 1;  ///< this article and its collapsed near-duplicates
  Snippet title;
  std::vector<Snippet> passages;
};

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

struct FacetCounts {
  Facet facet;
  std::vector<FacetValue> values;  ///< most frequent first
};

struct SearchResult {
  std::vector<Hit> hits;
  Xapian::doccount matches = 0;  ///< estimated total (after collapsing)
  std::string reading;           ///< dominant accented reading used, or empty
  bool truncated = false;        ///< the query was cut to kMaxQueryWords words
  std::vector<FacetCounts> facets;
  double ms = 0;
};

struct IndexStats {
  std::string index_dir;
  Xapian::doccount documents = 0;
  Xapian::termcount words = 0;  ///< distinct folded terms
  Xapian::totallength postings = 0;
  std::string last_update;
  std::string corpus_root;
  std::string schema_version;
};

/// Not thread-safe (one analyzer, one database handle): one per thread.
class Searcher {
 public:
  /// Opens the index at `index_dir`. Throws IndexMissingError when there is
  /// none, std::runtime_error for an index of another schema version, and
  /// Xapian::Error for a damaged one.
  explicit Searcher(const std::string& index_dir);

  /// Runs one query. Throws QueryError for a query that cannot be read.
  SearchResult search(const SearchRequest& request);

  /// Counts over the whole index (walks the term list: not for every query).
  IndexStats stats() const;

 private:
  std::string index_dir_;
  Xapian::Database db_;
  text::Analyzer analyzer_;
  SnippetMaker snippets_;
};

}  // namespace vnsearch::searcher
