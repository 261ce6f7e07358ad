#include "searcher/output.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "searcher/snippet_render.h"

namespace vnsearch::searcher {
namespace {

using nlohmann::json;

std::string dump(const json& j) {
  // Stored text was validated at index time; never fail on output anyway.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string with_thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_ms(double ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", ms);
  return buffer;
}

std::string matches_text(uint64_t matches) {
  return with_thousands(matches) + (matches == 1 ? " match" : " matches");
}

class TerminalPrinter : public ResultPrinter {
 public:
  TerminalPrinter(const PrintOptions& options, std::ostream& out)
      : color_(options.color), limit_(options.limit), out_(out) {}

  void print(const QueryContext& query, const SearchResult& result) override {
    if (query.batch)
      out_ << style(kAnsiBold) << "## " << query.id << ": " << query.text << reset() << '\n';
    if (!result.suggestion.empty()) {
      out_ << "Did you mean: " << style(kAnsiBold) << render_plain({result.suggestion, {}})
           << reset() << '\n';
    }
    if (!result.reading.empty()) {
      out_ << "Showing results for: " << style(kAnsiBold) << result.reading << reset() << '\n';
    }
    if (result.loose_matches > 0) {
      out_ << "Only " << with_thousands(result.matches)
           << (result.matches == 1 ? " article has" : " articles have")
           << " these words with the accents as typed; " << with_thousands(result.loose_matches)
           << " have them with any accents: search again with " << style(kAnsiBold)
           << "--accents loose" << reset() << ", or type them without accents\n";
    }
    if (result.phrases_as_words) {
      out_ << "No article has the quoted words side by side; showing articles with the words\n";
    }
    if (result.some_words_only) {
      out_ << "No article has every word; showing articles with some of them\n";
    }
    print_alternatives(result);
    // A blank line sets these notices apart from the hits; without them the
    // first line is the first hit (for `| head -1`).
    if (!result.reading.empty() || !result.suggestion.empty() || !result.alternatives.empty() ||
        result.loose_matches > 0 || result.some_words_only || result.phrases_as_words) {
      out_ << '\n';
    }
    for (const Hit& hit : result.hits) print_hit(hit);
    print_facets(result);
    out_ << style(kAnsiDim) << summary(result) << reset() << '\n';
    if (query.batch) out_ << '\n';
  }

 private:
  std::string_view style(std::string_view sgr) const { return color_ ? sgr : std::string_view(); }
  std::string_view reset() const { return color_ ? kAnsiReset : std::string_view(); }
  std::string render(const Snippet& s, std::string_view base = {}) const {
    return color_ ? render_ansi(s, kAnsiHighlight, base) : render_plain(s);
  }

  void print_hit(const Hit& hit) {
    out_ << style(kAnsiBold) << hit.rank << ". " << reset();
    if (hit.title.text.empty()) {
      out_ << style(kAnsiBold) << render_plain({hit.doc.path, {}}) << reset();
    } else {
      out_ << style(kAnsiBold) << render(hit.title, kAnsiBold) << reset();
    }
    if (!hit.copies.empty()) out_ << " (+" << hit.copies.size() << " similar)";
    out_ << '\n';
    std::string meta;
    for (const std::string* part : {&hit.doc.source, &hit.doc.date, &hit.doc.path}) {
      if (part->empty()) continue;
      if (!meta.empty()) meta += " · ";
      meta += *part;
    }
    out_ << "   " << style(kAnsiDim) << render_plain({meta, {}}) << reset() << '\n';
    for (const Snippet& passage : hit.passages) out_ << "   " << render(passage) << '\n';
    print_copies(hit);
    out_ << '\n';
  }

  // "   similar: tuoitre.vn 2017-03-02 · vnexpress.net 2017-03-01 · +3 more":
  // where else the story ran, not what it says (--similar lists them).
  void print_copies(const Hit& hit) {
    if (hit.copies.empty()) return;
    constexpr size_t kListed = 4;
    std::string line;
    for (size_t i = 0; i < hit.copies.size() && i < kListed; ++i) {
      const Copy& c = hit.copies[i];
      std::string who = c.source.empty() ? c.path : c.source;
      if (!c.date.empty()) who += " " + c.date;
      line += (i ? " · " : "") + who;
    }
    if (hit.copies.size() > kListed) {
      line += " · +" + std::to_string(hit.copies.size() - kListed) + " more";
    }
    out_ << "   " << style(kAnsiDim) << "similar: " << render_plain({line, {}}) << reset() << '\n';
  }

  // "Other readings: thụy điển (122) · …" (or "Readings:" when none ranked first).
  void print_alternatives(const SearchResult& result) {
    if (result.alternatives.empty()) return;
    out_ << (result.reading.empty() ? "Readings: " : "Other readings: ");
    for (size_t i = 0; i < result.alternatives.size(); ++i) {
      const Alternative& a = result.alternatives[i];
      out_ << (i ? " · " : "") << style(kAnsiBold) << a.query << reset() << " ("
           << with_thousands(a.matches) << ')';
    }
    out_ << '\n';
  }

  void print_facets(const SearchResult& result) {
    for (const FacetCounts& facet : result.facets) {
      out_ << style(kAnsiBold) << facet_name(facet.facet) << ':' << reset();
      for (size_t i = 0; i < facet.values.size(); ++i) {
        out_ << (i ? " · " : " ") << render_plain({facet.values[i].value, {}}) << ' '
             << facet.values[i].count;
      }
      out_ << '\n';
    }
    if (!result.facets.empty()) out_ << '\n';
  }

  std::string summary(const SearchResult& result) const {
    std::string s;
    const std::string about = result.matches_estimated ? "about " : "";
    if (result.matches == 0) {
      s = "No matches";
    } else if (limit_ == 0) {
      s = about + matches_text(result.matches);  // -n 0: the count was all that was asked
    } else if (result.hits.empty()) {
      s = "No more results (" + about + matches_text(result.matches) + ")";
    } else {
      s = "Results " + std::to_string(result.hits.front().rank) + "–" +
          std::to_string(result.hits.back().rank) + " of " + about + matches_text(result.matches);
    }
    s += " (" + format_ms(result.ms) + " ms)";
    if (result.truncated) s += "; the query was cut to its first words";
    return s;
  }

  bool color_;
  size_t limit_;
  std::ostream& out_;
};

/// The other members of a hit's near-copy group: [{path, title, source,
/// date, similarity}], most similar first.
json copies_json(const Hit& hit) {
  json copies = json::array();
  for (const Copy& c : hit.copies) {
    copies.push_back({{"path", c.path},
                      {"title", c.title},
                      {"source", c.source},
                      {"date", c.date},
                      {"similarity", std::round(c.similarity * 1000) / 1000}});
  }
  return copies;
}

class JsonPrinter : public ResultPrinter {
 public:
  JsonPrinter(bool timings, std::ostream& out) : timings_(timings), out_(out) {}

  void print(const QueryContext& query, const SearchResult& result) override {
    for (const Hit& hit : result.hits) {
      const Snippet snippet = join_snippets(hit.passages);
      json j = {{"type", "hit"},
                {"rank", hit.rank},
                {"score", hit.score},
                {"path", hit.doc.path},
                {"title", hit.doc.title},
                {"title_source", hit.doc.title_source},
                {"source", hit.doc.source},
                {"category", hit.doc.category},
                {"date", hit.doc.date},
                {"url", hit.doc.url},
                {"author", hit.doc.author},
                {"copies", copies_json(hit)},
                {"snippet", snippet.text},
                {"highlights", highlights_json(snippet)},
                {"title_highlights", highlights_json(hit.title)}};
      write(query, &j);
    }
    for (const FacetCounts& facet : result.facets) {
      json values = json::array();
      for (const FacetValue& v : facet.values)
        values.push_back({{"value", v.value}, {"count", v.count}});
      json j = {{"type", "facet"}, {"facet", facet_name(facet.facet)}, {"values", values}};
      write(query, &j);
    }
    json summary = {{"type", "summary"},
                    {"matches", result.matches},
                    {"returned", result.hits.size()},
                    {"ms", result.ms},
                    {"query", query.text}};
    if (result.matches_estimated) {
      summary["matches_estimated"] = true;
      summary["matches_lower"] = result.matches_lower;
      summary["matches_upper"] = result.matches_upper;
    }
    if (result.loose_matches > 0) summary["loose_matches"] = result.loose_matches;
    if (result.some_words_only) summary["some_words_only"] = true;
    if (result.phrases_as_words) summary["phrases_as_words"] = true;
    if (!result.reading.empty()) summary["reading"] = result.reading;
    if (!result.alternatives.empty()) {
      json alternatives = json::array();
      for (const Alternative& a : result.alternatives)
        alternatives.push_back({{"query", a.query}, {"matches", a.matches}});
      summary["alternatives"] = alternatives;
    }
    if (!result.suggestion.empty()) summary["suggestion"] = result.suggestion;
    if (result.truncated) summary["truncated"] = true;
    if (timings_) {
      json timings = json::object();
      for (const PhaseTime& p : result.phases) timings[p.phase] = p.ms;
      summary["timings"] = timings;
    }
    if (!result.unavailable.empty()) {
      summary["partial"] = true;
      json names = json::array();
      for (const UnavailableShard& shard : result.unavailable) names.push_back(shard.name);
      summary["unavailable"] = names;
    }
    write(query, &summary);
  }

  void print_error(const QueryContext& query, const std::string& message) override {
    json j = {{"type", "error"}, {"query", query.text}, {"message", message}};
    write(query, &j);
  }

 private:
  void write(const QueryContext& query, json* j) {
    if (query.batch) (*j)["query_id"] = query.id;
    out_ << dump(*j) << '\n';
  }

  bool timings_;
  std::ostream& out_;
};

class FilesPrinter : public ResultPrinter {
 public:
  FilesPrinter(bool null_separated, std::ostream& out)
      : separator_(null_separated ? '\0' : '\n'), out_(out) {}
  void print(const QueryContext&, const SearchResult& result) override {
    // Records of one JSON Lines file: the file once, as grep -l does.
    std::set<std::string> printed;
    for (const Hit& hit : result.hits) {
      std::string path = openable_path(hit);
      if (printed.insert(path).second) out_ << path << separator_;
    }
  }

 private:
  char separator_;
  std::ostream& out_;
};

class CountPrinter : public ResultPrinter {
 public:
  explicit CountPrinter(std::ostream& out) : out_(out) {}
  void print(const QueryContext& query, const SearchResult& result) override {
    if (query.batch) out_ << query.id << '\t';
    out_ << result.matches << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::string openable_path(const Hit& hit) {
  const std::string_view file = schema::file_path(hit.doc.path);
  if (hit.corpus_root.empty()) return std::string(file);
  return (std::filesystem::path(hit.corpus_root) / file).string();
}

std::unique_ptr<ResultPrinter> make_printer(const PrintOptions& options, std::ostream& out) {
  switch (options.mode) {
    case OutputMode::kJson:
      return std::make_unique<JsonPrinter>(options.timings, out);
    case OutputMode::kFiles:
      return std::make_unique<FilesPrinter>(options.null_separated, out);
    case OutputMode::kCount:
      return std::make_unique<CountPrinter>(out);
    case OutputMode::kTerminal:
      break;
  }
  return std::make_unique<TerminalPrinter>(options, out);
}

void print_stats(const IndexStats& s, bool as_json, std::ostream& out) {
  if (as_json) {
    json j = {{"type", "stats"},
              {"index", s.index_dir},
              {"documents", s.documents},
              {"copy_groups", s.copy_groups},
              {"grouped_articles", s.grouped_articles},
              {"terms", s.words},
              {"postings", s.postings},
              {"last_update", s.last_update},
              {"corpus_root", s.corpus_root},
              {"schema_version", s.schema_version}};
    out << dump(j) << '\n';
    return;
  }
  out << "index:        " << s.index_dir << '\n'
      << "documents:    " << with_thousands(s.documents) << '\n'
      << "near-copies:  " << with_thousands(s.grouped_articles) << " articles in "
      << with_thousands(s.copy_groups) << " groups\n"
      << "terms:        " << with_thousands(s.words) << " distinct words\n"
      << "postings:     " << with_thousands(s.postings) << '\n'
      << "last update:  " << (s.last_update.empty() ? "unknown" : s.last_update) << '\n'
      << "corpus root:  " << (s.corpus_root.empty() ? "unknown" : s.corpus_root) << '\n';
}

}  // namespace vnsearch::searcher
