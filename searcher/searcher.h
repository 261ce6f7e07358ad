// @brief The search core: opens an index once (one database, or shards local
// and remote searched as one) and answers queries with ranked, collapsed
// hits, their passages and facet counts.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/database.h"
#include "common/schema.h"
#include "common/text/analyzer.h"
#include "searcher/alternatives.h"
#include "searcher/query.h"
#include "searcher/ranking.h"
#include "searcher/snippet.h"

namespace vnsearch::searcher {

/// No index at the given folder (message: "no index at DIR; run vnindex
/// CORPUS_DIR first").
class IndexMissingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `--like`/`--similar` named an article the index does not hold.
class DocumentNotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A shard (local or remote) that cannot be opened or fails during a search,
/// without --allow-partial; the message names it.
class ShardUnavailableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where to search: index folders (-d: one database or a stub listing
/// shards) and remote shards (--remote HOST:PORT), searched as one.
struct IndexLocations {
  std::vector<std::string> index_dirs;
  std::vector<std::string> remotes;  ///< "HOST:PORT" of xapian-tcpsrv servers
  /// Search the shards that answer when some do not (a warning and
  /// SearchResult::unavailable say which), instead of failing.
  bool allow_partial = false;
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
  /// Words typed with diacritics match only their own form (--accents
  /// exact, the default); false: every form, exact ones ranking higher.
  bool exact_accents = true;
  PassageOptions passages;
  std::vector<Facet> facets;
  /// Show one member of each near-copy group (the best ranked), its other
  /// members in Hit::copies; false: every member (--no-collapse).
  bool collapse = true;
  /// A long query's boosts are weighed among this many candidates, the best
  /// by its words and word pairs (see ranking::kLongQueryCandidates); 0:
  /// among every match. On one local database only (see docid_set.h).
  Xapian::doccount long_query_candidates = ranking::kLongQueryCandidates;
};

/// Another member of a hit's near-copy group.
struct Copy {
  Xapian::docid docid = 0;
  std::string path;
  std::string title;
  std::string source;
  std::string date;
  /// Estimated resemblance of its body to the hit's (Jaccard of the
  /// 5-syllable shingles), 0 … 1.
  double similarity = 0;
};

struct Hit {
  size_t rank = 0;  ///< 1-based, counting from the first result, not the offset
  double score = 0;
  Xapian::docid docid = 0;
  schema::DocumentData doc;
  /// The absolute corpus root the hit's shard was indexed from, or empty.
  std::string corpus_root;
  /// The other members of its near-copy group (whether or not they match),
  /// most similar first; empty outside a group.
  std::vector<Copy> copies;
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

/// A shard that could not be searched: its folder or HOST:PORT, and why.
struct UnavailableShard {
  std::string name;
  std::string reason;
};

/// How long one phase of a search took (--timings).
struct PhaseTime {
  std::string phase;
  double ms = 0;
};

struct SearchResult {
  std::vector<Hit> hits;
  /// Matching articles, copies collapsed: exact unless matches_estimated.
  Xapian::doccount matches = 0;
  /// Counting every match would cost too much for a page of hits (more
  /// than kExactCountUpTo): `matches` is Xapian's estimate, between these
  /// bounds. --count, --facets and --files always count exactly.
  bool matches_estimated = false;
  Xapian::doccount matches_lower = 0;
  Xapian::doccount matches_upper = 0;
  /// With exact accents, when the accents typed match few articles and the
  /// same words with any accents match many more: how many (else 0).
  Xapian::doccount loose_matches = 0;
  /// No article holds every word of the short query: these hold some of
  /// them.
  bool some_words_only = false;
  /// No article holds a quoted phrase of the query: its words were searched
  /// as words, side by side or not.
  bool phrases_as_words = false;
  std::string reading;  ///< dominant accented reading used, or empty
  /// Other common readings of an unaccented query (see alternatives.h).
  std::vector<Alternative> alternatives;
  /// "Did you mean": the corrected query, or empty (see suggest.h).
  std::string suggestion;
  bool truncated = false;  ///< the query was cut to kMaxQueryWords words
  std::vector<FacetCounts> facets;
  /// Shards left out with --allow-partial; empty when every shard answered.
  std::vector<UnavailableShard> unavailable;
  double ms = 0;
  /// Where the time of a query went, phase by phase in the order first run
  /// (a phase run again, for a fallback, adds up): parse, draw (a long
  /// query's candidates and count), reading (its dominant reading; when it
  /// runs beside the draw, the wait for it after the draw), alternatives,
  /// match, rescore, lift (a long query's whole runs lifted, found in the
  /// archive when the window holds none), groups (the page's near-copy
  /// groups), hits (stored data, passages, copies), counts (the
  /// loose-accents count, facets).
  /// Empty for --like and --similar.
  std::vector<PhaseTime> phases;
};

struct IndexStats {
  std::string index_dir;  ///< the locations, joined by ", "
  Xapian::doccount documents = 0;
  Xapian::doccount copy_groups = 0;       ///< near-copy groups (two members or more)
  Xapian::doccount grouped_articles = 0;  ///< articles in them
  Xapian::termcount words = 0;            ///< distinct folded terms
  Xapian::totallength postings = 0;
  std::string last_update;  ///< the newest of the shards'
  std::string corpus_root;
  std::string schema_version;
};

/// One stored article, whole, as the article view of `vnsearch serve` shows it.
struct Article {
  Xapian::docid docid = 0;
  schema::DocumentData doc;  ///< category in the form search results show
  std::string corpus_root;   ///< as Hit::corpus_root
  Snippet title;             ///< the title with the query's words marked
  Snippet body;              ///< the whole stored text with the query's words marked
};

/// Not thread-safe (one analyzer, one database handle): one per thread.
class Searcher {
 public:
  /// Opens the index at `index_dir`. Throws IndexMissingError when there is
  /// none, std::runtime_error for an index of another schema version, and
  /// Xapian::Error for a damaged one.
  explicit Searcher(const std::string& index_dir);

  /// Opens every database the locations name, one by one so that a failure
  /// names its shard. Throws as above, and ShardUnavailableError for a shard
  /// that cannot be opened (unless allow_partial and another one opens).
  explicit Searcher(const IndexLocations& locations);

  /// Runs one query. Throws QueryError for a query that cannot be read.
  SearchResult search(const SearchRequest& request);

  /// The article `path_or_id` names: its path relative to the corpus root,
  /// the absolute path `--files` prints (a JSON Lines file: its first
  /// record), or a document id. Throws DocumentNotFoundError.
  Xapian::docid find_document(const std::string& path_or_id);

  /// The near-copies of `docid` (its group's other members), most similar
  /// first, as hits (score: the similarity); request.limit and offset apply,
  /// its query is ignored.
  SearchResult similar(Xapian::docid docid, const SearchRequest& request);

  /// Articles about the subject of `docid` that are not near-copies of it,
  /// best first: relevance feedback, the query being the article's most
  /// telling words (ranking::kRelatedTerms of its Xapian ESet), its own group
  /// left out and copies collapsed. Only articles scoring at least
  /// ranking::kRelatedMinShare of the article's own score for that query are
  /// listed, so an article whose subject the index barely holds gets few or
  /// none (matches 0). request.limit, offset and dates apply.
  SearchResult related(Xapian::docid docid, const SearchRequest& request);

  /// Counts over the whole index (walks the term list: not for every query).
  IndexStats stats() const;

  /// The article with document id `docid`, its title and text marked with
  /// the words of `query` (nothing marked when it is empty or unreadable),
  /// and its exact copies; nullopt when the index holds no such document.
  /// (searcher/article.cpp)
  std::optional<Article> article(Xapian::docid docid, const std::string& query,
                                 bool exact_accents = true);

  /// Articles in the index (copies included); cheap, unlike stats().
  Xapian::doccount documents() const;

  /// The document id of the article stored under `path` (DocumentData::path,
  /// as search results show it), or 0 when the index holds none.
  Xapian::docid docid_of_path(const std::string& path);

 private:
  /// One opened shard.
  struct OpenShard {
    DatabaseSource source;
    Xapian::Database db;
  };

  void open_location(const std::string& index_dir, std::vector<DatabaseSource>* sources);
  /// Combines the open shards into db_.
  void combine();
  /// After a network error: drops the remote shards that no longer answer
  /// (recording them in unavailable_) and returns how many were dropped.
  size_t drop_failed_remotes(const std::string& error);
  SearchResult search_once(const SearchRequest& request);
  /// The corpus root recorded by the shard that holds `docid` (read once).
  const std::string& corpus_root_of(Xapian::docid docid);
  /// How category `value` (any of its forms, or its key) is shown: the form
  /// schema::better_category_form() picks among the index's forms.
  std::string display_category(const std::string& value);
  /// The other members of the near-copy group of `doc` (see Hit::copies).
  std::vector<Copy> copies_of(Xapian::docid docid, const Xapian::Document& doc);
  /// The documents of near-copy group `group` (its value in
  /// schema::kSlotCollapseKey), in docid order; empty for no group. Valid
  /// until the next look_up_groups() or reopening.
  const std::vector<Xapian::docid>& group_members(const std::string& group);
  /// Makes the members of `groups` known (the page's hits' groups): their
  /// lists in the index (listed_members()), or, in an index written before
  /// vnindex kept them, one pass over the group slot's value stream that
  /// keeps only theirs, or, once ranking::kGroupPassesBeforeTable such
  /// passes were made, every group (read_groups()).
  void look_up_groups(const std::vector<std::string>& groups) const;
  /// Whether every shard lists its groups' members (schema::kMetaGroupsListed).
  bool groups_listed() const;
  /// The members of `group` by the lists of the shards, in docid order.
  std::vector<Xapian::docid> listed_members(const std::string& group) const;
  /// Reads every near-copy group of the index, once (one pass over the
  /// group slot's value stream); a cache, so const.
  void read_groups() const;
  /// Forgets the groups read: the database was reopened or recombined.
  void forget_groups();
  /// The weight the one document `article` matches gets for `query` (0 when
  /// it does not match).
  double own_score(const Xapian::Query& query, const Xapian::Query& article,
                   const Xapian::Weight& weight);
  /// A hit for `docid` (data, corpus root, category form, passages).
  Hit make_hit(Xapian::docid docid, const Xapian::Document& doc, const SearchRequest& request,
               const HighlightQuery& highlight);
  /// A handle of its own on the one local database, at db_'s revision
  /// (null when the index has moved on since db_ was opened): the reading
  /// of a long unaccented query runs on it in another thread while db_
  /// draws the query's candidates.
  const Xapian::Database* reading_db();
  /// Fills in what every result ends with: the shards left out, the time.
  void finish(SearchResult* result, std::chrono::steady_clock::time_point started) const;
  /// Runs `body` and returns what it returns, with the searcher's retries
  /// on a concurrent commit, a damaged index or a lost remote shard (as
  /// search() does).
  template <typename Body>
  auto with_retries(Body body) -> decltype(body()) {
    decltype(body()) result;
    run_with_retries([&] { result = body(); });
    return result;
  }
  void run_with_retries(const std::function<void()>& body);

  std::string index_dir_;
  bool allow_partial_ = false;
  std::vector<OpenShard> shards_;
  std::vector<UnavailableShard> unavailable_;
  Xapian::Database db_;                         ///< every open shard
  std::optional<Xapian::Database> reading_db_;  ///< see reading_db()
  std::vector<std::string> corpus_roots_;       ///< per shard, in shards_ order
  /// category_key() → form to show; read from the index on first use.
  std::map<std::string, std::string> category_display_;
  bool category_display_read_ = false;
  /// Near-copy group id → its members: every group once read_groups() ran
  /// (groups_read_), else the groups looked up (an empty list for a group
  /// looked up with no member); forgotten when the database is reopened.
  mutable std::unordered_map<std::string, std::vector<Xapian::docid>> groups_;
  mutable bool groups_read_ = false;
  mutable int group_passes_ = 0;               ///< look_up_groups() passes made
  mutable std::optional<bool> groups_listed_;  ///< see groups_listed()
  text::Analyzer analyzer_;
  SnippetMaker snippets_;
};

}  // namespace vnsearch::searcher
