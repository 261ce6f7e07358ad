#include "searcher/search_command.h"

#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "common/database.h"

namespace vnsearch::searcher {
namespace {

constexpr long long kMaxLimit = 10000;
/// --files without --limit: every match. Far above any archive's size, and
/// small enough that offset + limit cannot overflow a Xapian::doccount.
constexpr size_t kEveryMatch = 1U << 30;
constexpr long long kMaxPassages = 10;
constexpr long long kMinPassageLength = 20;
constexpr long long kMaxPassageLength = 5000;

long long in_range(long long value, long long low, long long high, const char* option) {
  if (value < low || value > high) {
    throw UsageError(std::string("--") + option + " must be between " + std::to_string(low) +
                     " and " + std::to_string(high));
  }
  return value;
}

std::vector<Facet> parse_facets(const std::string& list) {
  std::vector<Facet> facets;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    const std::string name = list.substr(start, comma - start);
    Facet facet;
    if (name == "source") {
      facet = Facet::kSource;
    } else if (name == "category") {
      facet = Facet::kCategory;
    } else if (name == "year") {
      facet = Facet::kYear;
    } else {
      throw UsageError("unknown facet '" + name + "' (use source, category, year)");
    }
    bool seen = false;
    for (Facet f : facets) seen |= f == facet;
    if (!seen) facets.push_back(facet);
    start = comma + 1;
  }
  return facets;
}

struct QueryLine {
  std::string id;
  std::string text;
};

std::vector<QueryLine> read_queries(std::istream& in) {
  std::vector<QueryLine> queries;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    // A UTF-8 byte order mark (Windows editors write one) is not part of the id.
    if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;  // blank or comment
    QueryLine q;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      q.id = std::to_string(number);
      q.text = line;
    } else {
      q.id = line.substr(0, tab);
      q.text = line.substr(tab + 1);
    }
    // An id with no query stays: the search reports "empty query" for it.
    queries.push_back(std::move(q));
  }
  return queries;
}

/// On stderr, so that JSON on stdout stays clean; the JSON summary also says
/// "partial".
void warn_partial(const std::vector<UnavailableShard>& unavailable, std::ostream& err) {
  err << "vnsearch: warning: results are partial: " << unavailable.size()
      << (unavailable.size() == 1 ? " shard" : " shards") << " unavailable\n";
  for (const UnavailableShard& shard : unavailable) {
    err << "vnsearch: warning:   " << shard.name << ": " << shard.reason << '\n';
  }
  err.flush();
}

}  // namespace

SearchOptions validate_options(const RawOptions& raw) {
  SearchOptions o;
  o.index.index_dirs = raw.index_dirs;
  o.index.remotes = raw.remotes;
  o.index.allow_partial = raw.allow_partial;
  // The default index only when no location is given at all: --remote alone
  // searches the remote shards alone.
  if (raw.index_dirs.empty() && raw.remotes.empty()) {
    o.index.index_dirs.push_back(default_index_dir(raw.env_index));
  }
  for (const std::string& dir : o.index.index_dirs) {
    if (dir.empty()) throw UsageError("--index needs a folder");
  }
  for (const std::string& remote : o.index.remotes) {
    try {
      remote_source(remote);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--remote ") + e.what());
    }
  }
  for (const std::string& w : raw.query_words) {
    if (!o.query.empty()) o.query += ' ';
    o.query += w;
  }
  if (raw.queries_file) {
    if (!raw.query_words.empty())
      throw UsageError("give either a QUERY or --queries FILE, not both");
    if (raw.queries_file->empty()) throw UsageError("--queries needs a file name, or - for stdin");
    o.queries_file = *raw.queries_file;
  }
  o.stats = raw.stats;
  o.stats_json = raw.json;
  if (raw.like && raw.similar) throw UsageError("give either --like or --similar, not both");
  if (raw.like || raw.similar) {
    o.ask = raw.like ? Ask::kRelated : Ask::kNearCopies;
    o.article = raw.like ? *raw.like : *raw.similar;
    const char* option = raw.like ? "--like" : "--similar";
    if (o.article.empty()) throw UsageError(std::string(option) + " needs a path or document id");
    if (!raw.query_words.empty() || raw.queries_file) {
      throw UsageError(std::string(option) + " takes an article, not a query");
    }
    if (raw.stats) throw UsageError(std::string(option) + " and --stats cannot be combined");
  }
  if (!o.stats && o.ask == Ask::kQuery && !raw.queries_file && raw.query_words.empty()) {
    throw UsageError("no query given");
  }

  const int modes = int(raw.count) + int(raw.files);
  if (modes > 1) throw UsageError("--count and --files cannot be combined");
  if (raw.files && raw.json) throw UsageError("--files and --json cannot be combined");
  if (raw.null_separated && !raw.files) throw UsageError("--null goes with --files");
  PrintOptions& print = o.print;
  if (raw.count) {
    print.mode = OutputMode::kCount;
  } else if (raw.files) {
    print.mode = OutputMode::kFiles;
  } else if (raw.json) {
    print.mode = OutputMode::kJson;
  }
  // --json --count: the summary record alone.
  if (raw.count && raw.json) print.mode = OutputMode::kJson;
  print.null_separated = raw.null_separated;
  print.timings = raw.timings;

  if (raw.color == "always") {
    print.color = true;
  } else if (raw.color == "never") {
    print.color = false;
  } else if (raw.color == "auto") {
    print.color = raw.stdout_is_tty && raw.env_no_color.empty();
  } else {
    throw UsageError("--color must be auto, always or never");
  }

  SearchRequest& r = o.request;
  r.limit = static_cast<size_t>(in_range(raw.limit, 0, kMaxLimit, "limit"));
  if (raw.files && !raw.limit_given) r.limit = kEveryMatch;
  print.limit = r.limit;
  r.offset = static_cast<size_t>(in_range(raw.offset, 0, 1000000, "offset"));
  if (raw.sort == "relevance") {
    r.sort = SortOrder::kRelevance;
  } else if (raw.sort == "date") {
    r.sort = SortOrder::kDate;
  } else {
    throw UsageError("--sort must be relevance or date");
  }
  try {
    if (raw.from) r.dates.from = parse_date_bound(*raw.from, false, "--from " + *raw.from);
    if (raw.to) r.dates.to = parse_date_bound(*raw.to, true, "--to " + *raw.to);
  } catch (const QueryError& e) {
    throw UsageError(e.what());
  }
  if (!r.dates.from.empty() && !r.dates.to.empty() && r.dates.from > r.dates.to) {
    throw UsageError("--from is after --to");
  }
  if (raw.accents == "exact") {
    r.exact_accents = true;
  } else if (raw.accents == "loose") {
    r.exact_accents = false;
  } else {
    throw UsageError("--accents must be exact or loose");
  }
  if (raw.facets) r.facets = parse_facets(*raw.facets);
  r.passages.passages = static_cast<size_t>(in_range(raw.passages, 0, kMaxPassages, "passages"));
  r.passages.length = static_cast<size_t>(
      in_range(raw.passage_length, kMinPassageLength, kMaxPassageLength, "passage-length"));
  r.collapse = !raw.no_collapse;
  r.count_only = raw.count;
  r.with_passages = !raw.count && !raw.files && r.passages.passages > 0;
  return o;
}

std::string timings_line(const SearchResult& result) {
  std::ostringstream line;
  line << std::fixed << std::setprecision(2) << result.ms << " ms:";
  const char* separator = " ";
  for (const PhaseTime& p : result.phases) {
    line << separator << p.phase << ' ' << p.ms;
    separator = ", ";
  }
  return line.str();
}

int run_search_command(const SearchOptions& options, std::istream& in, std::ostream& out,
                       std::ostream& err) {
  Searcher searcher(options.index);
  if (options.stats) {
    print_stats(searcher.stats(), options.stats_json, out);
    out.flush();
    if (options.query.empty() && options.queries_file.empty()) return 0;
  }

  if (options.ask != Ask::kQuery) {
    const Xapian::docid docid = searcher.find_document(options.article);
    const SearchResult result = options.ask == Ask::kRelated
                                    ? searcher.related(docid, options.request)
                                    : searcher.similar(docid, options.request);
    if (!result.unavailable.empty()) warn_partial(result.unavailable, err);
    make_printer(options.print, out)->print({"", options.article, false}, result);
    out.flush();
    const bool none = result.matches == 0 && result.hits.empty();
    if (none && options.ask == Ask::kRelated) {
      err << "vnsearch: no article on the same subject as " << options.article
          << " (none scores enough of what the article scores for its own words)\n";
    }
    return none ? 1 : 0;
  }

  std::vector<QueryLine> queries;
  const bool batch = !options.queries_file.empty();
  if (batch) {
    if (options.queries_file == "-") {
      queries = read_queries(in);
    } else {
      std::ifstream file(options.queries_file);
      if (!file) throw std::runtime_error("cannot read queries from " + options.queries_file);
      queries = read_queries(file);
    }
  } else {
    queries.push_back({"", options.query});
  }

  const std::unique_ptr<ResultPrinter> printer = make_printer(options.print, out);
  bool matched = false, failed = false;
  size_t warned_unavailable = 0;  // warn once, and again only when more shards fail
  for (const QueryLine& q : queries) {
    const auto report_failure = [&](const std::string& reason) {
      err << "vnsearch: query " << q.id << ": " << reason << '\n';
      printer->print_error({q.id, q.text, batch}, reason);
      failed = true;
    };
    SearchRequest request = options.request;
    request.query = q.text;
    SearchResult result;
    try {
      result = searcher.search(request);
    } catch (const QueryError& e) {
      err << "vnsearch: " << (batch ? "query " + q.id + ": " : std::string()) << e.what() << '\n';
      if (batch) printer->print_error({q.id, q.text, batch}, e.what());
      failed = true;
      continue;
    } catch (const std::exception& e) {
      // A shard that died or an index found damaged mid-batch fails this
      // query, not the batch: each query says so in its own record.
      if (!batch) throw;
      report_failure(e.what());
      continue;
    } catch (const Xapian::Error& e) {
      if (!batch) throw;
      report_failure(e.get_description());
      continue;
    }
    if (result.unavailable.size() > warned_unavailable) {
      warn_partial(result.unavailable, err);
      warned_unavailable = result.unavailable.size();
    }
    matched |= result.matches > 0 || !result.hits.empty();
    printer->print({q.id, q.text, batch}, result);
    out.flush();
    if (options.print.timings && options.print.mode != OutputMode::kJson) {
      err << "vnsearch: " << (batch ? "query " + q.id + ": " : std::string())
          << timings_line(result) << '\n';
    }
    if (!out) break;  // a closed pipe: nobody is reading any more
  }
  if (failed && out) return 2;
  return matched ? 0 : 1;
}

}  // namespace vnsearch::searcher
