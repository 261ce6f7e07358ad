#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "searcher/query_compiler.h"
#include "searcher/ranking.h"
#include "searcher/suggest.h"

namespace vnsearch::searcher {
namespace {

constexpr size_t kMaxFacetValues = 50;
/// Reopen-and-retry rounds for a search that a concurrent commit invalidated.
constexpr int kMaxReopenAttempts = 5;

Xapian::valueno facet_slot(Facet facet) {
  switch (facet) {
    case Facet::kSource:
      return schema::kSlotSource;
    case Facet::kCategory:
      return schema::kSlotCategory;
    case Facet::kYear:
      break;
  }
  return schema::kSlotYear;
}

}  // namespace

const char* facet_name(Facet facet) {
  switch (facet) {
    case Facet::kSource:
      return "source";
    case Facet::kCategory:
      return "category";
    case Facet::kYear:
      break;
  }
  return "year";
}

Searcher::Searcher(const std::string& index_dir)
    : Searcher(IndexLocations{{index_dir}, {}, false}) {}

Searcher::Searcher(const IndexLocations& locations) : allow_partial_(locations.allow_partial) {
  std::vector<DatabaseSource> sources;
  for (const std::string& index_dir : locations.index_dirs) open_location(index_dir, &sources);
  for (const std::string& remote : locations.remotes) {
    try {
      sources.push_back(remote_source(remote));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string("--remote ") + e.what());
    }
    if (!index_dir_.empty()) index_dir_ += ", ";
    index_dir_ += remote;
  }
  for (const DatabaseSource& source : sources) {
    try {
      shards_.push_back({source, open_source(source)});
    } catch (const Xapian::Error& e) {
      if (!allow_partial_) {
        throw ShardUnavailableError("cannot open shard " + source.name + ": " +
                                    e.get_description());
      }
      unavailable_.push_back({source.name, e.get_description()});
    }
  }
  if (shards_.empty()) {
    std::string reasons;
    for (const UnavailableShard& u : unavailable_) {
      reasons += (reasons.empty() ? "" : "; ") + u.name + ": " + u.reason;
    }
    throw ShardUnavailableError("no shard could be opened: " + reasons);
  }
  // Every shard must speak this schema: one stale shard would skew the ranking.
  const std::string expected = std::to_string(schema::kVersion);
  for (const OpenShard& shard : shards_) {
    const std::string version = shard.db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (!version.empty() && version != expected) {
      const std::string where =
          shards_.size() == 1 ? index_dir_ : index_dir_ + " (shard " + shard.source.name + ")";
      throw std::runtime_error("the index at " + where + " has schema version " + version +
                               ", this vnsearch reads version " + expected +
                               "; rebuild it with vnindex");
    }
  }
  combine();
}

void Searcher::open_location(const std::string& index_dir, std::vector<DatabaseSource>* sources) {
  if (!index_dir_.empty()) index_dir_ += ", ";
  index_dir_ += index_dir;
  const std::string missing = "no index at " + index_dir + "; run vnindex CORPUS_DIR first";
  std::error_code ec;
  if (!std::filesystem::exists(index_dir, ec)) throw IndexMissingError(missing);
  std::vector<DatabaseSource> found = sources_of_index(index_dir);
  if (found.size() == 1 && found[0].path == index_dir) {
    // Not a stub: the folder must be a database itself.
    try {
      shards_.push_back({found[0], open_source(found[0])});
    } catch (const Xapian::DatabaseOpeningError& e) {
      if (has_glass_tables(index_dir)) {
        throw IndexDamagedError(damaged_index_message(index_dir, "", e.get_description()));
      }
      throw IndexMissingError(missing);
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexDamagedError(damaged_index_message(index_dir, "", e.get_description()));
    }
    return;
  }
  sources->insert(sources->end(), found.begin(), found.end());
}

void Searcher::combine() {
  db_ = Xapian::Database();
  for (const OpenShard& shard : shards_) db_.add_database(shard.db);
}

size_t Searcher::drop_failed_remotes(const std::string& error) {
  std::vector<OpenShard> answering;
  std::vector<UnavailableShard> failed;
  for (OpenShard& shard : shards_) {
    if (shard.source.kind != DatabaseSource::Kind::kRemoteTcp) {
      answering.push_back(std::move(shard));
      continue;
    }
    try {
      // Reconnect rather than reuse: a match cut short by another shard's
      // failure can leave unread replies on this connection.
      shard.db = open_source(shard.source);
      shard.db.keep_alive();  // a round trip to the server
      answering.push_back(std::move(shard));
    } catch (const Xapian::Error& e) {
      failed.push_back({shard.source.name, e.get_description()});
    }
  }
  shards_ = std::move(answering);
  if (failed.empty()) return 0;
  if (!allow_partial_ || shards_.empty()) {
    throw ShardUnavailableError("shard " + failed[0].name + " failed during the search: " + error);
  }
  unavailable_.insert(unavailable_.end(), failed.begin(), failed.end());
  combine();
  return failed.size();
}

SearchResult Searcher::search(const SearchRequest& request) {
  for (int attempt = 1;; ++attempt) {
    try {
      return search_once(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // vnindex committed twice since this search began and the revision it
      // read is gone: Xapian's advice is to reopen and retry. When there is
      // nothing newer to reopen, or it keeps happening, the blocks are bad.
      if (attempt >= kMaxReopenAttempts || !db_.reopen()) {
        throw IndexDamagedError(damaged_index_message(index_dir_, "", e.get_description()));
      }
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw IndexDamagedError(damaged_index_message(index_dir_, "", e.get_description()));
    } catch (const schema::DocumentDataError& e) {  // a table lost or overwritten
      throw IndexDamagedError(damaged_index_message(index_dir_, "", e.what()));
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away since it was opened: name it, or with
      // --allow-partial search again without it.
      if (attempt >= kMaxReopenAttempts || drop_failed_remotes(e.get_description()) == 0) throw;
    }
  }
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  SearchResult result;
  ParsedQuery parsed = parse_query(request.query, &analyzer_);
  result.truncated = parsed.truncated;
  std::vector<ReadRun> runs;
  result.reading = apply_dominant_reading(db_, &parsed, &analyzer_, &runs);
  if (!request.count_only) {
    result.alternatives =
        runs.empty() ? word_alternatives(db_, parsed) : reading_alternatives(db_, runs);
    result.suggestion = suggest(db_, request.query, parsed, &analyzer_);
  }

  CompileOptions compile_options;
  // Sorted by date, relevance cannot lift documents with every word above
  // the rest, so a short query then requires them all.
  compile_options.require_all_words = request.sort == SortOrder::kDate;
  compile_options.db = &db_;
  Xapian::Query query = compile_query(parsed, compile_options);
  if (!request.dates.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_filter(request.dates));
  }

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const std::unique_ptr<Xapian::Weight> weight = make_weight();
  enquire.set_weighting_scheme(*weight);
  enquire.set_collapse_key(schema::kSlotCollapseKey);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);  // ties: by docid
  if (request.sort == SortOrder::kDate || !parsed.has_text) {
    // Filters alone carry no relevance: newest first.
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, /*reverse=*/true);
  }

  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (Facet facet : request.facets) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(facet)));
    enquire.add_matchspy(spies.back().get());
  }
  const Xapian::doccount limit = request.count_only ? 0 : request.limit;
  // Facets and --count look at every match; a page of hits needs only enough
  // to fill it, plus a few more so that small result sets are counted exactly.
  Xapian::doccount check_at_least =
      std::max<Xapian::doccount>(static_cast<Xapian::doccount>(request.offset) + limit, 100);
  const bool exhaustive = !spies.empty() || request.count_only;
  if (exhaustive) check_at_least = db_.get_doccount();
  const Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit, check_at_least);
  // Having seen every match (asked to, or fewer than it was told to look
  // at), the lower bound is the exact collapsed count; the estimate would be
  // rounded.
  const Xapian::doccount seen = mset.get_matches_lower_bound();
  result.matches = exhaustive || seen < check_at_least ? seen : mset.get_matches_estimated();

  const HighlightQuery highlight = HighlightQuery::from(parsed);
  size_t rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = ranking::reported_score(it.get_weight());
    hit.docid = *it;
    hit.copies = it.get_collapse_count() + 1;
    const Xapian::Document doc = it.get_document();
    hit.doc = schema::DocumentData::from_json(doc.get_data());
    if (request.with_passages) {
      hit.title = snippets_.highlight(hit.doc.title, highlight);
      hit.passages = snippets_.passages(hit.doc.text, highlight, request.passages);
    } else {
      hit.title.text = hit.doc.title;
    }
    result.hits.push_back(std::move(hit));
  }

  for (size_t i = 0; i < spies.size(); ++i) {
    FacetCounts counts{request.facets[i], {}};
    for (auto v = spies[i]->top_values_begin(kMaxFacetValues);
         v != spies[i]->top_values_end(kMaxFacetValues); ++v) {
      counts.values.push_back({*v, v.get_termfreq()});
    }
    result.facets.push_back(std::move(counts));
  }
  result.unavailable = unavailable_;
  result.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

IndexStats Searcher::stats() const {
  IndexStats s;
  s.index_dir = index_dir_;
  s.documents = db_.get_doccount();
  s.postings = db_.get_total_length();
  // A combined database answers metadata from its first shard only.
  for (const OpenShard& shard : shards_) {
    s.last_update =
        std::max(s.last_update, shard.db.get_metadata(std::string(schema::kMetaLastUpdate)));
    if (s.corpus_root.empty()) {
      s.corpus_root = shard.db.get_metadata(std::string(schema::kMetaCorpusRoot));
    }
    if (s.schema_version.empty()) {
      s.schema_version = shard.db.get_metadata(std::string(schema::kMetaSchemaVersion));
    }
  }
  // Folded terms have no prefix and start with a digit or a lower-case (or
  // non-ASCII) letter; prefixed terms start with an upper-case letter.
  auto it = db_.allterms_begin();
  while (it != db_.allterms_end()) {
    const std::string t = *it;
    if (!t.empty() && t[0] >= 'A' && t[0] <= 'Z') {
      it.skip_to("a");
      continue;
    }
    ++s.words;
    ++it;
  }
  return s;
}

}  // namespace vnsearch::searcher
