#include "searcher/reading.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/schema.h"
#include "searcher/ranking.h"
#include "searcher/shape_filter.h"

namespace vnsearch::searcher {
namespace {

using Pair = std::pair<std::string, std::string>;

// `text` cut to at most `limit` bytes, at a space so that no word is cut.
std::string_view head(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  const size_t space = text.rfind(' ', limit);
  return text.substr(0, space == std::string_view::npos ? limit : space);
}

// Where each syllable stands in the run (ascending): a token's folded form
// is looked up once, not compared with every syllable, and most tokens are
// told apart by their length and first byte before any hashing.
class SyllablePlaces {
 public:
  explicit SyllablePlaces(const std::vector<std::string>& syllables) {
    for (size_t i = 0; i < syllables.size(); ++i) {
      places_[syllables[i]].push_back(i);
      shapes_.add(syllables[i]);
    }
  }
  /// The places of `folded` in the run, or nullptr.
  const std::vector<size_t>* find(std::string_view folded) const {
    if (!shapes_.may_contain(folded)) return nullptr;
    const auto found = places_.find(folded);
    return found == places_.end() ? nullptr : &found->second;
  }

 private:
  std::unordered_map<std::string_view, std::vector<size_t>> places_;
  ShapeFilter shapes_;
};

// Adds to `seen` the exact pairs of `tokens` that fold to adjacent syllables
// of the run.
void find_pairs(const std::vector<text::Token>& tokens, const SyllablePlaces& places,
                std::set<std::pair<size_t, Pair>>* seen) {
  const text::Token* previous = nullptr;
  const std::vector<size_t>* previous_places = nullptr;
  for (const text::Token& t : tokens) {
    if (t.kind == text::TokenKind::kPart) continue;
    const std::vector<size_t>* here = places.find(t.folded);
    if (previous_places && here && previous->position + 1 == t.position) {
      for (size_t i : *previous_places) {
        if (std::binary_search(here->begin(), here->end(), i + 1)) {
          seen->insert({i, {previous->norm, t.norm}});
        }
      }
    }
    previous = &t;
    previous_places = here;
  }
}

// The evidence of a chain of forms: for each pair of the run, the share of
// that pair's sampled documents where the chain's two forms stand side by
// side. Every pair weighs the same, however many documents hold it: a rare
// pair, all of whose few documents were read (`chùm nho`, 3), tells as much
// as a common one that filled its quota (`nhỏ hơn`, 5 of 6).
struct PairShares {
  explicit PairShares(const PairCounts& counts) : totals(counts.size(), 0) {
    for (size_t i = 0; i < counts.size(); ++i) {
      for (const auto& [pair, count] : counts[i]) totals[i] += count;
      if (totals[i] > 0) ++seen;
    }
  }
  /// The share of pair i's evidence that `count` documents are.
  double of(size_t i, int count) const { return count > 0 ? count / totals[i] : 0.0; }
  std::vector<double> totals;  ///< documents counted for each pair
  double seen = 0;             ///< pairs with any evidence
};

// Every chain whose adjacent pairs were all seen, but the best one, into
// reading->others: most evidence first, at most kMaxAlternatives.
void add_other_chains(const PairCounts& counts, const PairShares& shares, size_t n,
                      RunReading* reading) {
  std::vector<RunReading::Chain> chains;
  std::vector<std::string> forms(n);
  // Depth-first over the pairs; a sample holds a few dozen pairs at most,
  // and the number of chains followed is capped all the same.
  constexpr size_t kMaxChains = 256;
  auto extend = [&](auto&& self, size_t i, double mass, int weakest) -> void {
    if (chains.size() >= kMaxChains) return;
    if (i + 1 == n) {
      if (forms != reading->forms) chains.push_back({forms, mass / shares.seen, weakest});
      return;
    }
    for (const auto& [pair, count] : counts[i]) {
      if (count <= 0 || (i > 0 && pair.first != forms[i])) continue;
      forms[i] = pair.first;
      forms[i + 1] = pair.second;
      self(self, i + 1, mass + shares.of(i, count), i == 0 ? count : std::min(weakest, count));
    }
  };
  extend(extend, 0, 0.0, 0);
  std::stable_sort(
      chains.begin(), chains.end(),
      [](const RunReading::Chain& a, const RunReading::Chain& b) { return a.share > b.share; });
  if (chains.size() > ranking::kMaxAlternatives) chains.resize(ranking::kMaxAlternatives);
  reading->others = std::move(chains);
}

// reading->pair_forms: each syllable's form from its clearest pair.
void add_pair_forms(const PairCounts& counts, const PairShares& shares, size_t n,
                    RunReading* reading) {
  // The share of its pair's documents the form holds, then their number.
  std::vector<std::pair<double, int>> evidence(n, {0.0, 0});
  for (size_t i = 0; i + 1 < n; ++i) {
    int best = 0;
    const Pair* clearest = nullptr;
    for (const auto& [pair, count] : counts[i]) {
      if (count > best) {  // strict: the first (sorted) on ties
        best = count;
        clearest = &pair;
      }
    }
    if (!clearest || best < ranking::kPairReadingMinDocs ||
        best < ranking::kReadingDominance * shares.totals[i]) {
      continue;
    }
    const std::pair<double, int> clarity{shares.of(i, best), best};
    if (clarity > evidence[i]) {
      reading->pair_forms[i] = clearest->first;
      evidence[i] = clarity;
    }
    if (clarity > evidence[i + 1]) {
      reading->pair_forms[i + 1] = clearest->second;
      evidence[i + 1] = clarity;
    }
  }
}

}  // namespace

RunReading best_chain(const PairCounts& counts, size_t n) {
  RunReading reading;
  reading.forms.assign(n, std::string());
  reading.pair_forms.assign(n, std::string());
  if (n < 2 || counts.size() + 1 != n) return reading;

  // Candidate forms of each syllable: those seen in a pair touching it.
  std::vector<std::vector<std::string>> candidates(n);
  for (size_t i = 0; i + 1 < n; ++i) {
    for (const auto& [pair, count] : counts[i]) {
      candidates[i].push_back(pair.first);
      candidates[i + 1].push_back(pair.second);
    }
  }
  const PairShares shares(counts);
  if (shares.seen == 0) return reading;
  for (std::vector<std::string>& c : candidates) {
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    if (c.empty()) c.emplace_back();  // no evidence: a placeholder form
  }
  auto count_of = [&](size_t i, const std::string& a, const std::string& b) {
    const auto it = counts[i].find({a, b});
    return it == counts[i].end() ? 0 : it->second;
  };

  // Viterbi: best[i][b] is the largest sum of pair shares (PairShares) of a
  // chain ending in candidate b of syllable i; strict > keeps the first
  // (sorted) on ties.
  std::vector<std::vector<double>> best(n);
  std::vector<std::vector<size_t>> back(n);
  best[0].assign(candidates[0].size(), 0.0);
  for (size_t i = 1; i < n; ++i) {
    best[i].assign(candidates[i].size(), -1.0);
    back[i].assign(candidates[i].size(), 0);
    for (size_t a = 0; a < candidates[i - 1].size(); ++a) {
      for (size_t b = 0; b < candidates[i].size(); ++b) {
        const double f = best[i - 1][a] +
                         shares.of(i - 1, count_of(i - 1, candidates[i - 1][a], candidates[i][b]));
        if (f > best[i][b]) {
          best[i][b] = f;
          back[i][b] = a;
        }
      }
    }
  }
  size_t b = static_cast<size_t>(std::max_element(best[n - 1].begin(), best[n - 1].end()) -
                                 best[n - 1].begin());
  const double chain_mass = best[n - 1][b];
  std::vector<size_t> chosen(n);
  for (size_t i = n; i-- > 0;) {
    chosen[i] = b;
    if (i > 0) b = back[i][b];
  }
  // A syllable is resolved when a pair of the chain that touches it was seen.
  int weakest_pair = 0;
  bool any_pair = false;
  for (size_t i = 1; i < n; ++i) {
    const std::string& first = candidates[i - 1][chosen[i - 1]];
    const std::string& second = candidates[i][chosen[i]];
    const int f = count_of(i - 1, first, second);
    if (f <= 0) continue;
    reading.forms[i - 1] = first;
    reading.forms[i] = second;
    weakest_pair = any_pair ? std::min(weakest_pair, f) : f;
    any_pair = true;
  }
  reading.share = chain_mass / shares.seen;
  reading.dominant = any_pair && reading.share >= ranking::kReadingDominance &&
                     weakest_pair >= ranking::kReadingMinDocs;
  add_other_chains(counts, shares, n, &reading);
  add_pair_forms(counts, shares, n, &reading);
  // A syllable no clear pair reads (its pairs unseen, or split between
  // forms) is better read as the best chain reads it than not at all: the
  // matcher would weigh it by its folded term alone, less than the words
  // read around it.
  for (size_t i = 0; i < n; ++i) {
    if (reading.pair_forms[i].empty()) reading.pair_forms[i] = reading.forms[i];
  }
  return reading;
}

RunReading read_run(const Xapian::Database& db, const std::vector<std::string>& syllables,
                    text::Analyzer* analyzer) {
  const size_t n = syllables.size();
  if (n < 2) return best_chain({}, n);
  // For each pair, the first documents (by docid, unranked: the head of the
  // posting list) that hold its folded pair term, i.e. where the two words stand
  // side by side; each sampled document is read once. The rarest pairs
  // first: when a long run's pairs outnumber the documents to read, a rare
  // pair's few documents are what tell its forms (`ca thoi` as `cá thòi`),
  // while a common pair is also seen in the documents of the others (as
  // `cả thời`, if that is all it is seen in). Short runs sample every pair.
  std::vector<std::pair<Xapian::doccount, size_t>> by_rarity;  // documents, pair index
  std::vector<std::string> pairs;
  for (size_t i = 0; i + 1 < n; ++i) {
    pairs.push_back(schema::bigram_term(syllables[i], syllables[i + 1]));
    by_rarity.emplace_back(db.get_termfreq(pairs.back()), i);
  }
  std::sort(by_rarity.begin(), by_rarity.end());
  std::set<Xapian::docid> sample;
  const bool long_run = n > ranking::kMaxWordsForAllWordsFirst;
  const size_t max_docs = long_run ? ranking::kLongRunReadingMaxDocs : ranking::kReadingMaxDocs;
  for (const auto& [documents, i] : by_rarity) {
    if (documents == 0) continue;
    const std::string& pair = pairs[i];
    Xapian::doccount taken = 0;
    for (auto it = db.postlist_begin(pair);
         it != db.postlist_end(pair) && taken < ranking::kReadingDocsPerPair; ++it, ++taken) {
      sample.insert(*it);
    }
    if (sample.size() >= max_docs) break;
  }

  const size_t bytes_per_doc =
      long_run ? ranking::kLongRunReadingBytesPerDoc : ranking::kReadingBytesPerDoc;
  PairCounts counts(n - 1);
  const SyllablePlaces places(syllables);
  std::vector<text::Token> tokens;
  std::set<std::string> bodies;  // copies would count twice
  const auto count_pairs = [&](Xapian::docid id) {
    const schema::DocumentData data =
        schema::DocumentData::from_json(db.get_document(id).get_data());
    const std::string_view body = head(data.text, bytes_per_doc);
    if (!bodies.insert(std::string(body)).second) return;
    std::set<std::pair<size_t, Pair>> seen;  // per document: documents are counted
    tokens.clear();
    analyzer->analyze(data.title, &tokens);
    find_pairs(tokens, places, &seen);
    tokens.clear();
    analyzer->analyze(body, &tokens);
    find_pairs(tokens, places, &seen);
    for (const auto& [i, pair] : seen) ++counts[i][pair];
  };
  for (Xapian::docid id : sample) count_pairs(id);
  if (long_run) {
    // The sample ran out on the rarer pairs: a common pair (`hai duong`)
    // that none of their documents holds would leave its syllables to their
    // other pair, however that reads them (`tại hai`).
    for (const auto& [documents, i] : by_rarity) {
      if (documents == 0 || !counts[i].empty()) continue;
      const std::string& pair = pairs[i];
      size_t taken = 0;
      for (auto it = db.postlist_begin(pair);
           it != db.postlist_end(pair) && taken < ranking::kLongRunUnseenPairDocs; ++it) {
        if (!sample.insert(*it).second) continue;
        count_pairs(*it);
        ++taken;
      }
    }
  }
  return best_chain(counts, n);
}

}  // namespace vnsearch::searcher
