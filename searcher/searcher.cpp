#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "searcher/query_compiler.h"

namespace vnsearch::searcher {
namespace {

constexpr size_t kMaxFacetValues = 50;

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

Searcher::Searcher(const std::string& index_dir) : index_dir_(index_dir) {
  const std::string missing = "no index at " + index_dir + "; run vnindex CORPUS_DIR first";
  std::error_code ec;
  if (!std::filesystem::is_directory(index_dir, ec)) throw IndexMissingError(missing);
  try {
    db_ = Xapian::Database(index_dir);
  } catch (const Xapian::DatabaseOpeningError&) {
    throw IndexMissingError(missing);
  }
  const std::string version = db_.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (!version.empty() && version != std::to_string(schema::kVersion)) {
    throw std::runtime_error("the index at " + index_dir + " has schema version " + version +
                             ", this vnsearch reads version " + std::to_string(schema::kVersion) +
                             "; rebuild it with vnindex");
  }
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  SearchResult result;
  ParsedQuery parsed = parse_query(request.query, &analyzer_);
  result.truncated = parsed.truncated;
  result.reading = apply_dominant_reading(db_, &parsed);

  CompileOptions compile_options;
  // Sorted by date, relevance cannot lift documents with every word above
  // the rest, so a short query then requires them all.
  compile_options.require_all_words = request.sort == SortOrder::kDate;
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
    hit.score = it.get_weight();
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
  result.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

IndexStats Searcher::stats() const {
  IndexStats s;
  s.index_dir = index_dir_;
  s.documents = db_.get_doccount();
  s.postings = db_.get_total_length();
  s.last_update = db_.get_metadata(std::string(schema::kMetaLastUpdate));
  s.corpus_root = db_.get_metadata(std::string(schema::kMetaCorpusRoot));
  s.schema_version = db_.get_metadata(std::string(schema::kMetaSchemaVersion));
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
