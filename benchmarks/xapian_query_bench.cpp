// Query latency of a plain Xapian database built by omindex, for comparison
// with vnsearch (scripts/bench.sh). One process: a warm-up pass over every
// query, then a timed pass. Each query is parsed by Xapian::QueryParser with
// its default settings (FLAG_DEFAULT, default operator OR, no stemmer), the
// top N hits are fetched and a snippet is made for each hit from the text
// sample omindex stores in the document data ("sample=" line).
//
// Usage: xapian_query_bench DB QUERY_FILE [LIMIT]
// QUERY_FILE: one query per line, optionally ID<TAB>QUERY; blank lines skipped.
// Prints one JSON object on stdout: documents, queries, per-query latency in
// milliseconds (timed pass), matches estimates and the timed pass in seconds.

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct QueryResult {
  double ms = 0;
  Xapian::doccount matches = 0;
  size_t snippet_bytes = 0;
  bool error = false;
};

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "xapian_query_bench: cannot read " << path << "\n";
    std::exit(2);
  }
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto tab = line.find('\t');
    if (tab != std::string::npos) line = line.substr(tab + 1);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    queries.push_back(line);
  }
  return queries;
}

// The "sample=" line of omindex's document data: the start of the text.
std::string sample_of(const std::string& data) {
  static const std::string kKey = "sample=";
  size_t pos = 0;
  if (data.compare(0, kKey.size(), kKey) != 0) {
    pos = data.find("\n" + kKey);
    if (pos == std::string::npos) return {};
    ++pos;
  }
  const size_t start = pos + kKey.size();
  const size_t end = data.find('\n', start);
  return data.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

QueryResult run_query(Xapian::Enquire& enquire, Xapian::QueryParser& parser,
                      const std::string& text, Xapian::doccount limit) {
  QueryResult result;
  const auto start = std::chrono::steady_clock::now();
  try {
    enquire.set_query(parser.parse_query(text));
    Xapian::MSet mset = enquire.get_mset(0, limit);
    result.matches = mset.get_matches_estimated();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      const std::string snippet = mset.snippet(sample_of(it.get_document().get_data()), 400);
      result.snippet_bytes += snippet.size();
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_query_bench: " << text << ": " << e.get_description() << "\n";
    result.error = true;
  }
  const auto end = std::chrono::steady_clock::now();
  result.ms = std::chrono::duration<double, std::milli>(end - start).count();
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: xapian_query_bench DB QUERY_FILE [LIMIT]\n";
    return 2;
  }
  const Xapian::doccount limit = argc == 4 ? std::strtoul(argv[3], nullptr, 10) : 10;
  const std::vector<std::string> queries = read_queries(argv[2]);
  try {
    Xapian::Database db(argv[1]);
    Xapian::Enquire enquire(db);
    Xapian::QueryParser parser;
    parser.set_database(db);

    for (const auto& q : queries) run_query(enquire, parser, q, limit);  // warm-up

    std::vector<QueryResult> results;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& q : queries) results.push_back(run_query(enquire, parser, q, limit));
    const auto end = std::chrono::steady_clock::now();

    size_t errors = 0;
    size_t snippet_bytes = 0;
    std::string ms;
    std::string matches;
    for (const auto& r : results) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", r.ms);
      ms += (ms.empty() ? "" : ",") + std::string(buf);
      matches += (matches.empty() ? "" : ",") + std::to_string(r.matches);
      errors += r.error ? 1 : 0;
      snippet_bytes += r.snippet_bytes;
    }
    std::printf(
        "{\"documents\":%u,\"queries\":%zu,\"errors\":%zu,\"seconds\":%.6f,"
        "\"snippet_bytes\":%zu,\"ms\":[%s],\"matches\":[%s]}\n",
        db.get_doccount(), queries.size(), errors,
        std::chrono::duration<double>(end - start).count(), snippet_bytes, ms.c_str(),
        matches.c_str());
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_query_bench: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
