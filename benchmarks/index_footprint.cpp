// @brief Where an index's bytes go (issue #15): the size of each glass table,
// and per term prefix of common/schema.h the terms, the (term, document)
// postings, the position lists and the positions, with the table bytes per
// entry they imply. Reads one database (a folder with *.glass files).
//
//   index_footprint INDEX_DIR [--no-positions]
//
// --no-positions skips reading the position lists (the slow part: one read
// per posting of a positional term).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.h"

namespace fs = std::filesystem;
namespace schema = vnsearch::schema;

namespace {

struct PrefixStats {
  uint64_t terms = 0;
  uint64_t postings = 0;
  uint64_t term_bytes = 0;     // the terms' own bytes, once each
  uint64_t posting_bytes = 0;  // term bytes times postings: the position table's keys
  uint64_t position_lists = 0;
  uint64_t positions = 0;

  PrefixStats& operator+=(const PrefixStats& o) {
    terms += o.terms;
    postings += o.postings;
    term_bytes += o.term_bytes;
    posting_bytes += o.posting_bytes;
    position_lists += o.position_lists;
    positions += o.positions;
    return *this;
  }
};

// One row of the per-prefix table.
void print_row(const char* label, const PrefixStats& s) {
  std::printf("%-10s %9llu %11llu %11llu %13llu %11llu %11llu\n", label,
              static_cast<unsigned long long>(s.terms), static_cast<unsigned long long>(s.postings),
              static_cast<unsigned long long>(s.term_bytes),
              static_cast<unsigned long long>(s.posting_bytes),
              static_cast<unsigned long long>(s.position_lists),
              static_cast<unsigned long long>(s.positions));
}

// The schema prefix of `term`, longest first; "(folded)" for an unprefixed term.
std::string prefix_of(std::string_view term) {
  static const std::vector<std::string_view> kPrefixes = [] {
    std::vector<std::string_view> p = {
        schema::kIdPrefix,       schema::kExactPrefix,        schema::kBigramPrefix,
        schema::kTitlePrefix,    schema::kTitleExactPrefix,   schema::kSourcePrefix,
        schema::kCategoryPrefix, schema::kCategoryFormPrefix, schema::kDuplicatePrefix,
    };
    std::sort(p.begin(), p.end(), [](auto a, auto b) { return a.size() > b.size(); });
    return p;
  }();
  if (term.empty() || term[0] < 'A' || term[0] > 'Z') return "(folded)";
  for (std::string_view p : kPrefixes) {
    if (term.substr(0, p.size()) == p) return std::string(p);
  }
  return "?" + std::string(term.substr(0, 1));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: index_footprint INDEX_DIR [--no-positions]\n");
    return 2;
  }
  const bool read_positions = !(argc > 2 && std::strcmp(argv[2], "--no-positions") == 0);
  try {
    std::printf("%-16s %14s\n", "table", "bytes");
    for (const char* table : {"postlist", "position", "termlist", "docdata"}) {
      const fs::path file = fs::path(argv[1]) / (std::string(table) + ".glass");
      std::error_code ec;
      const auto bytes = fs::file_size(file, ec);
      std::printf("%-16s %14llu\n", table, ec ? 0ULL : static_cast<unsigned long long>(bytes));
    }

    const Xapian::Database db(argv[1]);
    std::map<std::string, PrefixStats> stats;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string term = *t;
      PrefixStats& s = stats[prefix_of(term)];
      ++s.terms;
      s.postings += t.get_termfreq();
      s.term_bytes += term.size();
      s.posting_bytes += term.size() * static_cast<uint64_t>(t.get_termfreq());
      if (!read_positions || !db.has_positions()) continue;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        uint64_t n = 0;
        for (auto pos = p.positionlist_begin(); pos != p.positionlist_end(); ++pos) ++n;
        if (n == 0) break;  // a term has positions in every document or in none
        ++s.position_lists;
        s.positions += n;
      }
    }
    std::printf("\n%-10s %9s %11s %11s %13s %11s %11s\n", "prefix", "terms", "postings",
                "term bytes", "posting bytes", "pos. lists", "positions");
    PrefixStats total;
    for (const auto& [prefix, s] : stats) {
      print_row(prefix.c_str(), s);
      total += s;
    }
    print_row("total", total);

    uint64_t data_bytes = 0;
    std::map<Xapian::valueno, std::pair<uint64_t, uint64_t>> values;  // slot: count, bytes
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      const Xapian::Document doc = db.get_document(*d);
      data_bytes += doc.get_data().size();
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        auto& [count, bytes] = values[v.get_valueno()];
        ++count;
        bytes += (*v).size();
      }
    }
    std::printf("\ndocuments %u, document data %llu bytes before compression\n", db.get_doccount(),
                static_cast<unsigned long long>(data_bytes));
    for (const auto& [slot, v] : values) {
      std::printf("slot %u: %llu values, %llu bytes\n", slot,
                  static_cast<unsigned long long>(v.first),
                  static_cast<unsigned long long>(v.second));
    }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "index_footprint: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
