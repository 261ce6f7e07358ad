#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "common/near_copies.h"
#include "common/pair_sketch.h"
#include "searcher/block_cache.h"
#include "searcher/docid_set.h"
#include "searcher/forms.h"
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

/// Adds the time since the last phase ended to `phases` as `phase`.
class PhaseClock {
 public:
  explicit PhaseClock(std::vector<PhaseTime>* phases)
      : phases_(phases), last_(std::chrono::steady_clock::now()) {}
  void ended(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    for (PhaseTime& p : *phases_) {
      if (p.phase == phase) {
        p.ms += ms;
        return;
      }
    }
    phases_->push_back({phase, ms});
  }

 private:
  std::vector<PhaseTime>* phases_;
  std::chrono::steady_clock::time_point last_;
};

/// An unweighted match of `query`, for its count (the MSet's bounds) or
/// whether it matches at all: `items` documents, at least `check_at_least`
/// looked at, near-copies counted once when `collapse`.
Xapian::MSet unweighted_match(const Xapian::Database& db, const Xapian::Query& query, bool collapse,
                              Xapian::doccount items, Xapian::doccount check_at_least) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (collapse) enquire.set_collapse_key(schema::kSlotCollapseKey);
  return enquire.get_mset(0, items, check_at_least);
}

/// Ranks by relevance as every match of a query does: BM25 (make_weight),
/// near-copies collapsed when `collapse`, ties by docid.
void rank_by_relevance(Xapian::Enquire* enquire, bool collapse) {
  const std::unique_ptr<Xapian::Weight> weight = make_weight();
  enquire->set_weighting_scheme(*weight);  // a clone
  if (collapse) enquire->set_collapse_key(schema::kSlotCollapseKey);
  enquire->set_docid_order(Xapian::Enquire::ASCENDING);
}

/// The matches a ranking asks for, from `first`.
struct MatchSpan {
  Xapian::doccount first;
  Xapian::doccount wanted;
};

/// A long query's two matches (ranking::kLongQueryCandidates): the query
/// drawing its candidates by words and pairs, and the query itself,
/// unweighted, for its count.
struct DrawQueries {
  Xapian::Query candidates;
  Xapian::Query count;
};

/// What the first of a long query's two matches gives the second.
struct CandidateDraw {
  std::vector<Xapian::docid> candidates;
  Xapian::MSet counted;  ///< its bounds count the matches
};

/// Draws the candidates of a long query whose ranking asks for `span`, and
/// counts its matches (looking at `check_at_least`).
CandidateDraw draw_long_query_candidates(const Xapian::Database& db, const DrawQueries& queries,
                                         const SearchRequest& request, MatchSpan span,
                                         Xapian::doccount check_at_least) {
  Xapian::Enquire enquire(db);
  enquire.set_query(queries.candidates);
  rank_by_relevance(&enquire, request.collapse);
  const Xapian::MSet drawn =
      enquire.get_mset(0, std::max(request.long_query_candidates, span.first + span.wanted));
  CandidateDraw draw;
  draw.candidates.assign(drawn.begin(), drawn.end());
  // The candidates' match also holds documents the query does not match:
  // the query itself counts, unweighted, as far as it must. One item, not
  // none: Xapian checks a phrase's positions only in documents that could
  // enter the MSet, so with none a phrase no article holds would still
  // count (and its fallback never run).
  draw.counted = unweighted_match(db, queries.count, request.collapse, 1, check_at_least);
  return draw;
}

bool has_match(const Xapian::Database& db, const Xapian::Query& query) {
  return unweighted_match(db, query, /*collapse=*/false, 1, 0).size() > 0;
}

/// One match of the window: its weight, and how many of the query's
/// adjacent word pairs it holds side by side (and their weight, see
/// ranking::kRunPairWeight).
struct RankedDoc {
  Xapian::MSetIterator at;
  double weight;
  int adjacent_pairs = 0;
  double pair_weight = 0;
  /// Runs of ranking::kWholeRunWords words or more it holds whole, every
  /// adjacent pair side by side.
  int whole_runs = 0;
};

/// Which forms of the query's words are meant.
struct FormsMeant {
  bool exact_accents = true;  ///< SearchRequest::exact_accents
  bool accents_typed = true;  ///< some word of the query was typed with diacritics
  /// Only the word's own form (own_form_meant), as the matcher boosts it.
  bool own_form(const QueryWord& word) const {
    return exact_accents && own_form_meant(word, accents_typed);
  }
};

/// The exact terms whose positions stand for `word` in the rescoring: its
/// own form when that is meant, else its reading and up to `forms` of its
/// most frequent forms in the archive.
std::vector<std::string> positional_terms(const Xapian::Database& db, const QueryWord& word,
                                          const FormsMeant& meant, size_t forms) {
  const std::string prefix(schema::kExactPrefix);
  if (meant.own_form(word)) return {prefix + word.norm};
  std::vector<std::string> terms;
  if (!word.reading.empty()) terms.push_back(prefix + word.reading);
  for (const FormCount& f : exact_forms(db, word.folded, forms)) {
    std::string t = prefix + f.form;
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(std::move(t));
  }
  return terms;
}

/// The documents of `window` (ascending) that hold `term`.
std::vector<Xapian::docid> holding(const Xapian::Database& db, const std::string& term,
                                   const std::vector<Xapian::docid>& window) {
  std::vector<Xapian::docid> found;
  Xapian::PostingIterator it = db.postlist_begin(term);
  for (Xapian::docid id : window) {
    if (it == db.postlist_end(term)) break;
    it.skip_to(id);
    if (it != db.postlist_end(term) && *it == id) found.push_back(id);
  }
  return found;
}

/// The documents of the rescoring window by docid, the order posting lists
/// and the position table are walked in, and each one's place among them.
struct Window {
  explicit Window(const std::vector<RankedDoc>& ranked) {
    for (const RankedDoc& doc : ranked) docids.push_back(*doc.at);
    std::sort(docids.begin(), docids.end());
  }
  size_t index_of(Xapian::docid id) const {
    return static_cast<size_t>(std::lower_bound(docids.begin(), docids.end(), id) - docids.begin());
  }
  size_t size() const { return docids.size(); }
  std::vector<Xapian::docid> docids;
};

/// How much holding `term` tells about a document: ln(N / documents holding
/// it), smoothed.
double rarity(const Xapian::Database& db, const std::string& term) {
  const double documents = std::max<double>(1, db.get_doccount());
  return std::log((documents + 1) / (db.get_termfreq(term) + 1.0));
}

/// The pair sketches (schema::kSlotPairSketch) of a window's documents,
/// each read when first asked for: a value read, where the positions it
/// spares are a B-tree cursor each.
class PairSketches {
 public:
  PairSketches(const Xapian::Database& db, const Window& window)
      : db_(db), window_(window), sketches_(window.size()), read_(window.size(), 0) {}
  /// Document d's sketch; empty when it has none (pair_sketch::may_hold
  /// then says it may hold every pair).
  const std::string& of(size_t d) {
    if (!read_[d]) {
      sketches_[d] = db_.get_document(window_.docids[d], Xapian::DOC_ASSUME_VALID)
                         .get_value(schema::kSlotPairSketch);
      read_[d] = 1;
    }
    return sketches_[d];
  }

 private:
  const Xapian::Database& db_;
  const Window& window_;
  std::vector<std::string> sketches_;
  std::vector<char> read_;
};

/// True when some position of `first` is directly followed by one of
/// `second` (both sorted).
bool side_by_side(const std::vector<Xapian::termpos>& first,
                  const std::vector<Xapian::termpos>& second) {
  for (Xapian::termpos p : first) {
    if (std::binary_search(second.begin(), second.end(), p + 1)) return true;
  }
  return false;
}

/// True when the `words` position lists from `first` (each sorted) hold
/// consecutive positions p, p + 1, ..., one from each list in order.
bool in_a_row(std::vector<std::vector<Xapian::termpos>>::const_iterator first, size_t words) {
  for (Xapian::termpos p : *first) {
    size_t w = 1;
    while (w < words && std::binary_search(first[static_cast<std::ptrdiff_t>(w)].begin(),
                                           first[static_cast<std::ptrdiff_t>(w)].end(),
                                           p + static_cast<Xapian::termpos>(w))) {
      ++w;
    }
    if (w == words) return true;
  }
  return false;
}

/// Marks, for each document of `ranked`, the pairs of adjacent words of
/// `runs` it holds side by side in the forms meant, and adds up their
/// weights. Which window documents hold each word's terms is known first
/// (one posting-list walk a term); positions are then read only where they
/// can decide a pair: the document holds both of its words and the title
/// and lead's pair term does not already tell. Each is read once however
/// many pairs the word is part of. Each read costs Xapian 1.4 a new B-tree
/// cursor and preads of two blocks (together a fifth of a pasted headline's
/// time before the sketches), and a word held without its neighbours
/// decides nothing. With `sketched`, neither does a pair the document's
/// pair sketch says it does not hold (one value read a document); a short
/// query's one or two pairs are mostly held by the documents ranked for
/// them, and the sketch would only add its read (3% more preads on the 64
/// short benchmark queries).
void count_adjacent_pairs(const Xapian::Database& db,
                          const std::vector<std::vector<QueryWord>>& runs, const FormsMeant& meant,
                          size_t forms, bool sketched, const Window& window,
                          std::vector<RankedDoc>* ranked) {
  PairSketches sketches(db, window);
  std::vector<double> pair_weights(window.size(), 0);
  std::vector<int> pair_counts(window.size(), 0);
  std::vector<int> whole_runs(window.size(), 0);
  for (const std::vector<QueryWord>& run : runs) {
    const size_t words = run.size();
    // matched[d * words + w]: pair (w, w + 1) side by side in document d.
    std::vector<char> matched(window.size() * words, 0);
    std::vector<double> weights(words, 0);
    for (size_t w = 0; w + 1 < words; ++w) {
      const QueryWord& first = run[w];
      const QueryWord& second = run[w + 1];
      const std::string pair_term = schema::bigram_term(first.folded, second.folded);
      // A pair seen in few titles and leads tells more than `thành phố`.
      weights[w] = rarity(db, pair_term);
      // Any form meant for both: the folded pair term of the title and lead
      // tells it without a position read (and past the forms read). Two
      // words typed without diacritics in a query typed with them count by
      // it too: it holds their own forms, and spares a position read.
      const bool any_form =
          !(meant.exact_accents && (first.has_diacritics() || second.has_diacritics()));
      if (any_form) {
        for (Xapian::docid id : holding(db, pair_term, window.docids)) {
          matched[window.index_of(id) * words + w] = 1;
        }
      }
    }
    struct PositionRead {
      size_t doc;
      size_t word;
      const std::string* term;
    };
    std::vector<std::vector<std::string>> terms(words);
    // Each term of each word and the window documents holding it.
    std::vector<PositionRead> held;
    // held_word[d * words + w]: document d holds some term of word w.
    std::vector<char> held_word(window.size() * words, 0);
    for (size_t w = 0; w < words; ++w) {
      terms[w] = positional_terms(db, run[w], meant, forms);
      for (const std::string& term : terms[w]) {
        for (Xapian::docid id : holding(db, term, window.docids)) {
          const size_t d = window.index_of(id);
          held.push_back({d, w, &term});
          held_word[d * words + w] = 1;
        }
      }
    }
    // needed[d * words + w]: the positions of word w in document d decide a
    // pair, one not told by its pair term whose other word d holds too, and
    // which d's pair sketch says it may hold.
    std::vector<char> needed(window.size() * words, 0);
    for (size_t d = 0; d < window.size(); ++d) {
      for (size_t w = 0; w + 1 < words; ++w) {
        if (matched[d * words + w] || !held_word[d * words + w] || !held_word[d * words + w + 1] ||
            (sketched &&
             !pair_sketch::may_hold(sketches.of(d), run[w].folded, run[w + 1].folded))) {
          continue;
        }
        needed[d * words + w] = 1;
        needed[d * words + w + 1] = 1;
      }
    }
    std::vector<PositionRead> reads;
    // The terms held whose positions no pair needed: read only for a
    // document holding every pair of a long run, to tell it holds the run
    // whole (pairs can stand apart).
    std::vector<PositionRead> unread;
    const bool whole_run_possible = words >= ranking::kWholeRunWords;
    for (const PositionRead& h : held) {
      if (needed[h.doc * words + h.word]) {
        reads.push_back(h);
      } else if (whole_run_possible) {
        unread.push_back(h);
      }
    }
    // positions[d * words + w]: where word w stands in window document d.
    std::vector<std::vector<Xapian::termpos>> positions(window.size() * words);
    const auto read_positions = [&](const PositionRead& read) {
      const Xapian::docid id = window.docids[read.doc];
      std::vector<Xapian::termpos>& at = positions[read.doc * words + read.word];
      for (auto p = db.positionlist_begin(id, *read.term); p != db.positionlist_end(id, *read.term);
           ++p) {
        at.push_back(*p);
      }
    };
    for (const PositionRead& read : reads) read_positions(read);
    for (std::vector<Xapian::termpos>& at : positions) std::sort(at.begin(), at.end());
    std::vector<char> every_pair(window.size(), 0);
    for (size_t d = 0; d < window.size(); ++d) {
      for (size_t w = 0; w + 1 < words; ++w) {
        char& m = matched[d * words + w];
        if (!m) m = side_by_side(positions[d * words + w], positions[d * words + w + 1]) ? 1 : 0;
      }
      size_t held = 0;
      for (size_t w = 0; w + 1 < words; ++w) {
        if (!matched[d * words + w]) continue;
        ++held;
        ++pair_counts[d];
        pair_weights[d] += weights[w];
      }
      every_pair[d] = whole_run_possible && held + 1 == words;
    }
    for (const PositionRead& read : unread) {
      if (every_pair[read.doc]) read_positions(read);
    }
    for (size_t d = 0; d < window.size(); ++d) {
      if (!every_pair[d]) continue;
      const auto at = positions.begin() + static_cast<std::ptrdiff_t>(d * words);
      std::for_each(at, at + static_cast<std::ptrdiff_t>(words),
                    [](std::vector<Xapian::termpos>& p) { std::sort(p.begin(), p.end()); });
      if (in_a_row(at, words)) ++whole_runs[d];
    }
  }
  for (RankedDoc& doc : *ranked) {
    const size_t d = window.index_of(*doc.at);
    doc.adjacent_pairs = pair_counts[d];
    doc.pair_weight = pair_weights[d];
    doc.whole_runs = whole_runs[d];
  }
}

/// The documents that may hold `run` in a row: those holding every word
/// (folded term) whose pair sketch (schema::kSlotPairSketch) may hold each
/// adjacent pair. Nullopt when more than ranking::kWholeRunMostSuspects hold
/// every word: their sketches would cost more reads than they spare.
std::optional<std::vector<Xapian::docid>> whole_run_suspects(const Xapian::Database& db,
                                                             const std::vector<QueryWord>& run) {
  std::vector<std::string> words;
  for (const QueryWord& word : run) {
    words.push_back(std::string(schema::kFoldedPrefix) + word.folded);
  }
  const Xapian::MSet every_word =
      unweighted_match(db, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()),
                       /*collapse=*/false, ranking::kWholeRunMostSuspects + 1, 0);
  if (every_word.size() > ranking::kWholeRunMostSuspects) return std::nullopt;
  std::vector<Xapian::docid> suspects;
  for (auto it = every_word.begin(); it != every_word.end(); ++it) {
    const std::string sketch =
        db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotPairSketch);
    bool every_pair = true;
    for (size_t i = 0; every_pair && i + 1 < run.size(); ++i) {
      every_pair = pair_sketch::may_hold(sketch, run[i].folded, run[i + 1].folded);
    }
    if (every_pair) suspects.push_back(*it);
  }
  return suspects;
}

/// The query matching the documents that hold one of `runs` of at least
/// ranking::kWholeRunWords words whole, in order, each word by its
/// positional_terms() with ranking::kRescoreFormsPerWord forms (empty when
/// no run is so long, or no document can hold one). With `local` (docids
/// name documents), a phrase of words typed without accents is checked only
/// in the documents that may hold its run (whole_run_suspects): it is an OR
/// of seven forms a word, fifty posting lists walked for an unaccented
/// question, while the words' folded lists and the suspects' sketches
/// mostly tell at once that no article holds it. A phrase of the forms
/// typed walks one list a word, fewer than that check.
Xapian::Query whole_runs_query(const Xapian::Database& db, bool local,
                               const std::vector<std::vector<QueryWord>>& runs,
                               const FormsMeant& meant) {
  std::vector<Xapian::Query> phrases;
  for (const std::vector<QueryWord>& run : runs) {
    if (run.size() < ranking::kWholeRunWords) continue;
    std::optional<std::vector<Xapian::docid>> suspects;
    const bool forms_read = std::any_of(
        run.begin(), run.end(), [&](const QueryWord& word) { return !meant.own_form(word); });
    if (local && forms_read) {
      suspects = whole_run_suspects(db, run);
      if (suspects && suspects->empty()) continue;
    }
    std::vector<Xapian::Query> words;
    for (const QueryWord& word : run) {
      const std::vector<std::string> terms =
          positional_terms(db, word, meant, ranking::kRescoreFormsPerWord);
      if (terms.empty()) break;  // a word the archive does not hold: no holder
      words.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (words.size() < run.size()) continue;
    Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
    if (suspects) {
      phrase =
          Xapian::Query(Xapian::Query::OP_FILTER, phrase, docid_set_query(std::move(*suspects)));
    }
    phrases.push_back(std::move(phrase));
  }
  if (phrases.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
}

size_t pair_count(const std::vector<std::vector<QueryWord>>& runs) {
  size_t pairs = 0;
  for (const std::vector<QueryWord>& run : runs) pairs += run.size() - 1;
  return pairs;
}

/// Rule 2 of "Words and accents", for short keyword queries: among
/// documents of the same tier (every word, or not), those holding the
/// query's word pairs side by side, in the forms meant, come first; then the
/// weight orders them as before.
///
/// Only the first `page_end` documents of the result are shown, so the
/// documents are read in rank order, a batch at a time, until that many of
/// them hold the pairs in the best tier present: the sort is stable, so no
/// later document can come before them. Each document read costs a position
/// read per word (a B-tree cursor of its own in Xapian 1.4, so a pread of
/// its block); a common phrase (`giá nhà đất`) fills the page from the first
/// batch instead of reading the whole window.
void rescore_short_query(const Xapian::Database& db,
                         const std::vector<std::vector<QueryWord>>& runs, const FormsMeant& meant,
                         size_t page_end, std::vector<RankedDoc>* ranked) {
  // Side by side means at least half of the pairs: a query of several words
  // (nợ xấu | phát sinh) has pairs across its words (xấu phát) that an
  // article about it need not hold. The all-words tier stays on top: a
  // document missing a word is not lifted by the pairs it holds.
  const int needed = std::max(1, static_cast<int>((pair_count(runs) + 1) / 2));
  const auto all_words = [](const RankedDoc& doc) {
    return doc.weight >= ranking::kAllWordsTierWeight;
  };
  const bool top_all = !ranked->empty() && all_words(ranked->front());
  size_t read = 0, best = 0;
  size_t batch = std::max<size_t>(2 * page_end, ranking::kRescoreFirstBatch);
  while (read < ranked->size() && best < page_end) {
    const size_t end = std::min(ranked->size(), read + batch);
    std::vector<RankedDoc> part(ranked->begin() + static_cast<std::ptrdiff_t>(read),
                                ranked->begin() + static_cast<std::ptrdiff_t>(end));
    count_adjacent_pairs(db, runs, meant, ranking::kRescoreFormsPerWord, /*sketched=*/false,
                         Window(part), &part);
    for (size_t i = 0; i < part.size(); ++i) {
      RankedDoc& doc = (*ranked)[read + i];
      doc.adjacent_pairs = part[i].adjacent_pairs;
      doc.pair_weight = part[i].pair_weight;
      if (all_words(doc) == top_all && doc.adjacent_pairs >= needed) ++best;
    }
    read = end;
    batch *= 2;
  }
  std::stable_sort(ranked->begin(), ranked->end(),
                   [needed](const RankedDoc& a, const RankedDoc& b) {
                     const bool a_all = a.weight >= ranking::kAllWordsTierWeight;
                     const bool b_all = b.weight >= ranking::kAllWordsTierWeight;
                     if (a_all != b_all) return a_all;
                     return (a.adjacent_pairs >= needed) > (b.adjacent_pairs >= needed);
                   });
}

/// Long queries (a pasted headline, a question): every pair of adjacent
/// query words found side by side adds its weight, so that the article
/// holding a long run of the words in order ranks first, titled or not, and
/// scattered common words count for less; each query word in the title adds
/// a little, as a title boost would in the matcher, for the window only.
void rescore_long_query(const Xapian::Database& db, const std::vector<std::vector<QueryWord>>& runs,
                        const FormsMeant& meant, std::vector<RankedDoc>* ranked) {
  const Window window(*ranked);
  count_adjacent_pairs(db, runs, meant, ranking::kLongQueryFormsPerWord, /*sketched=*/true, window,
                       ranked);
  std::vector<double> title_weights(window.size(), 0);
  std::set<std::string> seen;
  for (const std::vector<QueryWord>& run : runs) {
    for (const QueryWord& word : run) {
      if (!seen.insert(word.folded).second) continue;
      const std::string title_term = std::string(schema::kTitlePrefix) + word.folded;
      const double title_rarity = rarity(db, title_term);
      for (Xapian::docid id : holding(db, title_term, window.docids)) {
        title_weights[window.index_of(id)] += title_rarity;
      }
    }
  }
  const double title_word_weight =
      ranking::kLongQueryTitleWordWeight *
      (meant.accents_typed ? 1.0 : ranking::kUnaccentedTitleWordFactor);
  for (RankedDoc& doc : *ranked) {
    doc.weight += ranking::kRunPairWeight * doc.pair_weight +
                  title_word_weight * title_weights[window.index_of(*doc.at)];
  }
  std::stable_sort(ranked->begin(), ranked->end(),
                   [](const RankedDoc& a, const RankedDoc& b) { return a.weight > b.weight; });
}

/// Where each document of a ranked list stands, and with `collapse` each
/// near-copy group: a document brought into the list from elsewhere is the
/// one there, or stands for its group's.
class Places {
 public:
  Places(const std::vector<RankedDoc>& ranked, bool collapse) : collapse_(collapse) {
    for (size_t i = 0; i < ranked.size(); ++i) {
      const Xapian::MSetIterator& at = ranked[i].at;
      docs_.emplace(*at, i);
      if (collapse_ && !at.get_collapse_key().empty()) groups_.emplace(at.get_collapse_key(), i);
    }
  }
  static constexpr size_t kNowhere = static_cast<size_t>(-1);
  /// The place of `at`'s document, else of its group, else kNowhere.
  size_t of(const Xapian::MSetIterator& at) const {
    if (const auto doc = docs_.find(*at); doc != docs_.end()) return doc->second;
    if (!collapse_) return kNowhere;
    const std::string group = at.get_collapse_key();
    if (group.empty()) return kNowhere;
    const auto found = groups_.find(group);
    return found == groups_.end() ? kNowhere : found->second;
  }

 private:
  bool collapse_;
  std::map<Xapian::docid, size_t> docs_;
  std::map<std::string, size_t> groups_;
};

/// Long queries: the documents holding a whole run of
/// ranking::kWholeRunWords words or more rank first, by
/// ranking::kAllWordsTierWeight. Those of the rescored window `ranked` are
/// known from its rescoring. When it holds none, the few documents of the
/// archive that do (ranking::kWholeRunMostHolders at most) join it, weighed
/// by `query` and rescored as the window was; a document of a group already
/// in the window lifts the group's document instead. Asked only then, since
/// a window holding the run (a headline found by its title) needs no phrase
/// match over the archive. `dates` (maybe empty) filters the documents;
/// `local`: docids can name documents (one local database).
void lift_whole_runs(const Xapian::Database& db, bool local, const Xapian::Query& query,
                     const Xapian::Query& dates, const std::vector<std::vector<QueryWord>>& runs,
                     const FormsMeant& meant, bool collapse, std::vector<RankedDoc>* ranked) {
  const auto by_weight = [](const RankedDoc& a, const RankedDoc& b) { return a.weight > b.weight; };
  bool held = false;
  for (RankedDoc& doc : *ranked) {
    if (doc.whole_runs == 0) continue;
    doc.weight += ranking::kAllWordsTierWeight;
    held = true;
  }
  if (held) {
    std::stable_sort(ranked->begin(), ranked->end(), by_weight);
    return;
  }
  Xapian::Query holding = whole_runs_query(db, local, runs, meant);
  if (holding.empty()) return;
  if (!dates.empty()) holding = Xapian::Query(Xapian::Query::OP_FILTER, holding, dates);
  const Xapian::MSet found =
      unweighted_match(db, holding, /*collapse=*/false, ranking::kWholeRunMostHolders + 1, 0);
  if (found.empty() || found.size() > ranking::kWholeRunMostHolders) return;
  Xapian::Enquire enquire(db);
  const Xapian::Query holders = local ? docid_set_query({found.begin(), found.end()})
                                      : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, holding, 0);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, holders));
  const std::unique_ptr<Xapian::Weight> weight = make_weight();
  enquire.set_weighting_scheme(*weight);
  if (collapse) enquire.set_collapse_key(schema::kSlotCollapseKey);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet weighed = enquire.get_mset(0, ranking::kWholeRunMostHolders);
  std::vector<RankedDoc> lifted;
  for (auto it = weighed.begin(); it != weighed.end(); ++it) {
    lifted.push_back({it, it.get_weight(), 0});
  }
  rescore_long_query(db, runs, meant, &lifted);
  const Places in_window(*ranked, collapse);
  for (RankedDoc& doc : lifted) {
    const size_t place = in_window.of(doc.at);
    if (place == Places::kNowhere) {
      doc.weight += ranking::kAllWordsTierWeight;
      ranked->push_back(doc);
      continue;
    }
    RankedDoc& there = (*ranked)[place];
    if (there.weight < ranking::kAllWordsTierWeight) {
      there.weight += ranking::kAllWordsTierWeight;
    }
  }
  std::stable_sort(ranked->begin(), ranked->end(), by_weight);
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
  forget_groups();  // docids change with the shards
  reading_db_.reset();
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

void Searcher::run_with_retries(const std::function<void()>& body) {
  for (int attempt = 1;; ++attempt) {
    try {
      const BlockCacheScope blocks_read_once;  // per attempt: see its invariant
      body();
      return;
    } catch (const Xapian::DatabaseModifiedError& e) {
      // vnindex committed twice since this search began and the revision it
      // read is gone: Xapian's advice is to reopen and retry. When there is
      // nothing newer to reopen, or it keeps happening, the blocks are bad.
      if (attempt >= kMaxReopenAttempts || !db_.reopen()) {
        throw IndexDamagedError(damaged_index_message(index_dir_, "", e.get_description()));
      }
      forget_groups();  // another revision: other groups
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

SearchResult Searcher::search(const SearchRequest& request) {
  return with_retries([&] { return search_once(request); });
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  SearchResult result;
  PhaseClock clock(&result.phases);
  ParsedQuery parsed = parse_query(request.query, &analyzer_);
  result.truncated = parsed.truncated;

  CompileOptions compile_options;
  compile_options.db = &db_;
  compile_options.exact_accents = request.exact_accents;
  const auto with_dates = [&](Xapian::Query q) {
    return request.dates.empty()
               ? q
               : Xapian::Query(Xapian::Query::OP_FILTER, q, date_filter(request.dates));
  };
  const Xapian::doccount limit = request.count_only ? 0 : request.limit;
  const auto offset = static_cast<Xapian::doccount>(request.offset);
  // Facets and --count look at every match; a page of hits counts exactly
  // up to kExactCountUpTo matches and estimates past that.
  const bool exhaustive = !request.facets.empty() || request.count_only;
  const Xapian::doccount check_at_least =
      exhaustive ? db_.get_doccount() : std::max(offset + limit, ranking::kExactCountUpTo);
  const bool local = shards_.size() == 1 && shards_[0].source.kind == DatabaseSource::Kind::kLocal;
  // A long query is ranked in two matches (ranking::kLongQueryCandidates):
  // its candidates drawn by its words and pairs, then the whole query among
  // them only.
  const auto draws_candidates = [&](const ParsedQuery& q) {
    return limit > 0 && request.sort == SortOrder::kRelevance && q.has_text && !exhaustive &&
           request.long_query_candidates > 0 && local && is_long_keyword_query(q);
  };
  // The queries of the candidates' match and of the count.
  const auto draw_queries = [&](const ParsedQuery& q) {
    CompileOptions candidates_options = compile_options;
    candidates_options.candidates_only = true;
    CompileOptions count_options = compile_options;
    count_options.matching_only = true;
    return DrawQueries{with_dates(compile_query(q, candidates_options)),
                       with_dates(compile_query(q, count_options))};
  };
  // The matches a ranking asks for: with word pairs to rescore, the window
  // from the top, re-ordered, then the page cut out of it (pages past the
  // window come as ranked).
  const auto span_of = [&](bool rescored, Xapian::doccount window) {
    return rescored ? MatchSpan{0, std::max(offset + limit, window)} : MatchSpan{offset, limit};
  };
  const auto draw_candidates = [&](const DrawQueries& queries, MatchSpan span) {
    return draw_long_query_candidates(db_, queries, request, span, check_at_least);
  };
  // The candidates and count the parsed query drew while it was read.
  std::optional<CandidateDraw> drawn_early;

  std::vector<ReadRun> runs;
  const Xapian::Database* reading_handle =
      draws_candidates(parsed) && typed_without_diacritics(parsed.root) ? reading_db() : nullptr;
  if (reading_handle) {
    // The candidates are drawn by the folded words and their pairs, whatever
    // the reading, and the reading reads its sample documents one block at a
    // time: the draw runs while another thread reads the runs, on a handle
    // of its own (1.7 ms of a pasted headline's 10). Whatever the draw needs
    // of the parsed query is taken before the reading thread writes the
    // readings into it.
    const DrawQueries draw = draw_queries(parsed);
    const bool rescored =  // as match() will find it
        !word_runs(parsed).empty() && offset < ranking::kLongQueryRescoreWindow;
    const MatchSpan span = span_of(rescored, ranking::kLongQueryRescoreWindow);
    clock.ended("parse");
    std::future<std::string> reading = std::async(std::launch::async, [&] {
      return apply_dominant_reading(*reading_handle, &parsed, &analyzer_, &runs);
    });
    drawn_early = draw_candidates(draw, span);
    clock.ended("draw");
    result.reading = reading.get();
  } else {
    clock.ended("parse");
    result.reading = apply_dominant_reading(db_, &parsed, &analyzer_, &runs);
  }
  clock.ended("reading");
  if (!request.count_only) {
    result.alternatives =
        runs.empty() ? word_alternatives(db_, parsed) : reading_alternatives(db_, runs);
    result.suggestion = suggest(db_, request.query, parsed, &analyzer_);
  }
  clock.ended("alternatives");

  Xapian::Query query = with_dates(compile_query(parsed, compile_options));
  bool short_query = is_short_keyword_query(parsed);
  std::vector<std::vector<QueryWord>> adjacent_runs;
  bool rescore = false;
  Xapian::doccount rescore_window = 0;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  // The match whose bounds count the matches: the ranked one, or for a long
  // query ranked among candidates an unweighted match of the query.
  Xapian::MSet counted;
  // Runs `query` as `parsed` and `short_query` stand.
  const auto match = [&] {
    const bool by_relevance = request.sort == SortOrder::kRelevance && parsed.has_text;
    adjacent_runs = by_relevance && !request.count_only ? word_runs(parsed)
                                                        : std::vector<std::vector<QueryWord>>();
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    rank_by_relevance(&enquire, request.collapse);
    if (request.sort == SortOrder::kDate || !parsed.has_text) {
      // Filters alone carry no relevance: newest first.
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, /*reverse=*/true);
    }
    spies.clear();
    for (Facet facet : request.facets) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(facet)));
      enquire.add_matchspy(spies.back().get());
    }
    const Xapian::doccount window =
        short_query ? ranking::kRescoreWindow : ranking::kLongQueryRescoreWindow;
    rescore = !adjacent_runs.empty() && offset < window;
    rescore_window = window;
    const MatchSpan span = span_of(rescore, window);
    if (draws_candidates(parsed)) {
      CandidateDraw draw =
          drawn_early ? std::move(*drawn_early) : draw_candidates(draw_queries(parsed), span);
      if (!drawn_early) clock.ended("draw");
      drawn_early.reset();  // a fallback's query draws its own
      counted = std::move(draw.counted);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      docid_set_query(std::move(draw.candidates))));
      Xapian::MSet ranked_candidates = enquire.get_mset(span.first, span.wanted);
      clock.ended("match");
      return ranked_candidates;
    }
    counted = enquire.get_mset(span.first, limit == 0 ? 0 : span.wanted, check_at_least);
    clock.ended("match");
    return counted;
  };
  Xapian::MSet mset = match();

  // Nothing matched: the fallbacks, each tried only now, since checking
  // for them on every query opened every posting list of the query twice.
  if (counted.get_matches_upper_bound() == 0) {
    bool changed = false;
    // No article with every word of a short query: those with some of
    // them, and the reader is told.
    const auto some_words = [&](const ParsedQuery& q) {
      CompileOptions some_options = compile_options;
      some_options.require_all_words = false;
      return with_dates(compile_query(q, some_options));
    };
    bool query_matches = false;
    if (short_query) {
      Xapian::Query some = some_words(parsed);
      if (has_match(db_, some)) {
        query = some;
        result.some_words_only = true;
        query_matches = changed = true;
      }
    }
    // Nothing holds a quoted phrase (a pasted headline quotes for
    // emphasis): its words as words, side by side ranking first, and the
    // reader is told.
    ParsedQuery unquoted = parsed;
    if (!query_matches && phrases_to_words(&unquoted)) {
      Xapian::Query words = with_dates(compile_query(unquoted, compile_options));
      const bool short_words = is_short_keyword_query(unquoted);
      bool some = false;
      bool found = has_match(db_, words);
      if (short_words && !found) {
        words = some_words(unquoted);
        some = true;
        found = has_match(db_, words);
      }
      if (found) {
        parsed = std::move(unquoted);
        query = words;
        short_query = short_words;
        result.some_words_only = some;
        result.phrases_as_words = true;
        changed = true;
      }
    }
    if (changed) mset = match();
  }
  // Having seen every match (asked to, or fewer than it was told to look
  // at), the lower bound is the exact collapsed count.
  const Xapian::doccount seen = counted.get_matches_lower_bound();
  result.matches_estimated =
      !exhaustive && seen >= check_at_least && counted.get_matches_upper_bound() != seen;
  result.matches = result.matches_estimated ? counted.get_matches_estimated() : seen;
  result.matches_lower = seen;
  result.matches_upper = result.matches_estimated ? counted.get_matches_upper_bound() : seen;

  std::vector<RankedDoc> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ranked.push_back({it, it.get_weight(), 0});
  }
  // Only the window is rescored, however many hits were asked for: a page
  // is the same whatever --limit (`-n 10` and `-n 100 | head` agree); the
  // matches past it follow as matched, as the pages past it come.
  std::vector<RankedDoc> past_window;
  if (rescore && ranked.size() > rescore_window) {
    past_window.assign(ranked.begin() + rescore_window, ranked.end());
    ranked.resize(rescore_window);
  }
  const FormsMeant meant{request.exact_accents, typed_with_accents(parsed)};
  if (rescore && short_query) {
    rescore_short_query(db_, adjacent_runs, meant, offset + limit, &ranked);
    clock.ended("rescore");
  } else if (rescore) {
    rescore_long_query(db_, adjacent_runs, meant, &ranked);
    clock.ended("rescore");
    if (limit > 0) {
      lift_whole_runs(db_, local, query, date_filter(request.dates), adjacent_runs, meant,
                      request.collapse, &ranked);
      clock.ended("lift");
    }
  }
  if (!past_window.empty()) {
    // Less what the whole-run lift brought into the window from past it.
    const Places in_window(ranked, request.collapse);
    for (const RankedDoc& doc : past_window) {
      if (in_window.of(doc.at) == Places::kNowhere) ranked.push_back(doc);
    }
  }
  const size_t page_start = rescore ? std::min<size_t>(offset, ranked.size()) : 0;
  const size_t page_end = std::min<size_t>(page_start + limit, ranked.size());

  const HighlightQuery highlight = HighlightQuery::from(parsed, request.exact_accents);
  if (!request.count_only) {
    std::vector<std::string> page_groups;
    for (size_t i = page_start; i < page_end; ++i) {
      page_groups.push_back(ranked[i].at.get_document().get_value(schema::kSlotCollapseKey));
    }
    look_up_groups(page_groups);
    clock.ended("groups");
  }
  size_t rank = request.offset;
  for (size_t i = page_start; i < page_end; ++i) {
    const Xapian::MSetIterator& it = ranked[i].at;
    Hit hit = make_hit(*it, it.get_document(), request, highlight);
    hit.rank = ++rank;
    hit.score = ranking::reported_score(ranked[i].weight);
    result.hits.push_back(std::move(hit));
  }
  if (!result.hits.empty()) clock.ended("hits");

  // A few articles with the accents as typed, many with other accents: a
  // mistyped accent must not hide them silently.
  if (request.exact_accents && result.matches < ranking::kLooseCheckBelow &&
      !typed_without_diacritics(parsed.root)) {
    CompileOptions loose = compile_options;
    loose.exact_accents = false;
    const Xapian::doccount loose_matches =
        unweighted_match(db_, with_dates(compile_query(parsed, loose)), request.collapse, 0,
                         db_.get_doccount())
            .get_matches_lower_bound();
    if (loose_matches >=
        ranking::kLooseOfferFactor * std::max<Xapian::doccount>(1, result.matches)) {
      result.loose_matches = loose_matches;
    }
  }

  for (size_t i = 0; i < spies.size(); ++i) {
    FacetCounts counts{request.facets[i], {}};
    for (auto v = spies[i]->top_values_begin(kMaxFacetValues);
         v != spies[i]->top_values_end(kMaxFacetValues); ++v) {
      const bool category = request.facets[i] == Facet::kCategory;
      counts.values.push_back({category ? display_category(*v) : *v, v.get_termfreq()});
    }
    result.facets.push_back(std::move(counts));
  }
  clock.ended("counts");
  finish(&result, started);
  return result;
}

void Searcher::finish(SearchResult* result, std::chrono::steady_clock::time_point started) const {
  result->unavailable = unavailable_;
  result->ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

const Xapian::Database* Searcher::reading_db() {
  if (!reading_db_) {
    reading_db_ = open_source(shards_.at(0).source);
  } else if (reading_db_->get_revision() != db_.get_revision()) {
    reading_db_->reopen();
  }
  return reading_db_->get_revision() == db_.get_revision() ? &*reading_db_ : nullptr;
}

Hit Searcher::make_hit(Xapian::docid docid, const Xapian::Document& doc,
                       const SearchRequest& request, const HighlightQuery& highlight) {
  Hit hit;
  hit.docid = docid;
  hit.doc = schema::DocumentData::from_json(doc.get_data());
  hit.corpus_root = corpus_root_of(docid);
  if (!hit.doc.category.empty()) hit.doc.category = display_category(hit.doc.category);
  if (request.with_passages) {
    hit.title = snippets_.highlight(hit.doc.title, highlight);
    hit.passages = snippets_.passages(hit.doc.text, highlight, request.passages);
  } else {
    hit.title.text = hit.doc.title;
  }
  if (!request.count_only) hit.copies = copies_of(docid, doc);
  return hit;
}

std::vector<Copy> Searcher::copies_of(Xapian::docid docid, const Xapian::Document& doc) {
  std::vector<Copy> copies;
  const std::string group = doc.get_value(schema::kSlotCollapseKey);
  if (group.empty()) return copies;
  const auto signature =
      near_copies::Signature::decode(doc.get_value(schema::kSlotNearCopySignature));
  for (Xapian::docid other_docid : group_members(group)) {
    if (other_docid == docid) continue;
    const Xapian::Document member = db_.get_document(other_docid);
    const schema::DocumentData data = schema::DocumentData::from_json(member.get_data());
    Copy copy;
    copy.docid = other_docid;
    copy.path = data.path;
    copy.title = data.title;
    copy.source = data.source;
    copy.date = data.date;
    const auto other =
        near_copies::Signature::decode(member.get_value(schema::kSlotNearCopySignature));
    if (signature && other) copy.similarity = near_copies::resemblance(*signature, *other);
    copies.push_back(std::move(copy));
  }
  std::sort(copies.begin(), copies.end(), [](const Copy& a, const Copy& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.path < b.path;
  });
  return copies;
}

void Searcher::read_groups() const {
  if (groups_read_) return;
  groups_read_ = true;
  groups_.clear();
  // Only grouped documents hold the slot: its value stream is the grouped
  // documents (the news archive's 178; 150,000 when every article of an
  // archive is a copy, 25-50 ms here), read once for the searcher's life:
  // a batch of queries or a server's requests pay it once.
  const Xapian::valueno slot = schema::kSlotCollapseKey;
  for (auto it = db_.valuestream_begin(slot); it != db_.valuestream_end(slot); ++it) {
    groups_[*it].push_back(it.get_docid());
  }
}

void Searcher::look_up_groups(const std::vector<std::string>& groups) const {
  if (groups_read_) return;
  std::set<std::string> wanted;
  for (const std::string& group : groups) {
    if (!group.empty() && groups_.find(group) == groups_.end()) wanted.insert(group);
  }
  if (wanted.empty()) return;
  if (groups_listed()) {
    for (const std::string& group : wanted) groups_[group] = listed_members(group);
    return;
  }
  if (group_passes_ >= ranking::kGroupPassesBeforeTable) {
    read_groups();
    return;
  }
  ++group_passes_;
  for (const std::string& group : wanted) groups_[group];
  const Xapian::valueno slot = schema::kSlotCollapseKey;
  for (auto it = db_.valuestream_begin(slot); it != db_.valuestream_end(slot); ++it) {
    const std::string group = *it;
    if (wanted.count(group)) groups_[group].push_back(it.get_docid());
  }
}

void Searcher::forget_groups() {
  groups_.clear();
  groups_read_ = false;
  group_passes_ = 0;
  groups_listed_.reset();
}

bool Searcher::groups_listed() const {
  if (!groups_listed_) {
    bool every_shard = !shards_.empty();
    for (const OpenShard& shard : shards_) {
      every_shard =
          every_shard && shard.db.get_metadata(std::string(schema::kMetaGroupsListed)) == "1";
    }
    groups_listed_ = every_shard;
  }
  return *groups_listed_;
}

std::vector<Xapian::docid> Searcher::listed_members(const std::string& group) const {
  const std::string key = schema::group_members_key(group);
  std::set<std::string> id_terms;  // each shard holding a member lists them all
  for (const OpenShard& shard : shards_) {
    for (std::string& id : schema::split_group_members(shard.db.get_metadata(key))) {
      id_terms.insert(std::move(id));
    }
  }
  std::vector<Xapian::docid> members;
  for (const std::string& id : id_terms) {
    const std::vector<Xapian::docid> holders(db_.postlist_begin(id), db_.postlist_end(id));
    for (Xapian::docid docid : holders) {
      // An id names one document of an index; indexes searched together
      // may each hold the path: then the group's own is the member.
      if (holders.size() == 1 ||
          db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotCollapseKey) ==
              group) {
        members.push_back(docid);
      }
    }
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

const std::vector<Xapian::docid>& Searcher::group_members(const std::string& group) {
  static const std::vector<Xapian::docid> kNone;
  if (group.empty()) return kNone;
  look_up_groups({group});
  const auto found = groups_.find(group);
  return found == groups_.end() ? kNone : found->second;
}

Xapian::docid Searcher::find_document(const std::string& path_or_id) {
  const bool digits = !path_or_id.empty() && path_or_id.size() < 10 &&
                      std::all_of(path_or_id.begin(), path_or_id.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    const auto docid = static_cast<Xapian::docid>(std::stoul(path_or_id));
    try {
      if (docid > 0) {
        db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data();
        return docid;
      }
    } catch (const Xapian::DocNotFoundError&) {
    }
  }
  std::vector<std::string> relatives = {path_or_id};
  // The absolute path --files prints: the corpus root of some shard, then the
  // relative path.
  corpus_root_of(1);
  for (const std::string& root : corpus_roots_) {
    if (!root.empty() && path_or_id.size() > root.size() + 1 &&
        path_or_id.compare(0, root.size(), root) == 0 && path_or_id[root.size()] == '/') {
      relatives.push_back(path_or_id.substr(root.size() + 1));
    }
  }
  for (const std::string& relative : relatives) {
    if (const Xapian::docid docid = docid_of_path(relative)) return docid;
    // --files prints a JSON Lines file once: its first record stands for it.
    if (const Xapian::docid docid = docid_of_path(relative + "#1")) return docid;
  }
  throw DocumentNotFoundError("no article " + path_or_id +
                              " in the index (give a path as --files prints it, one relative "
                              "to the corpus folder, or a document id)");
}

SearchResult Searcher::similar(Xapian::docid docid, const SearchRequest& request) {
  return with_retries([&] {
    const auto started = std::chrono::steady_clock::now();
    SearchResult result;
    const std::vector<Copy> copies = copies_of(docid, db_.get_document(docid));
    result.matches = static_cast<Xapian::doccount>(copies.size());
    const HighlightQuery nothing;
    for (size_t i = request.offset; i < copies.size() && i < request.offset + request.limit; ++i) {
      Hit hit = make_hit(copies[i].docid, db_.get_document(copies[i].docid), request, nothing);
      hit.rank = i + 1;
      hit.score = copies[i].similarity;
      result.hits.push_back(std::move(hit));
    }
    finish(&result, started);
    return result;
  });
}

namespace {

/// The terms relevance feedback may pick from an article: its words and word
/// pairs (folded), not its filters, ids, exact forms or group; and only
/// terms some other article holds too.
class RelatedTermDecider : public Xapian::ExpandDecider {
 public:
  /// `own`: the documents of the relevance set (the article and its copies).
  RelatedTermDecider(const Xapian::Database& db, Xapian::doccount own) : db_(db), own_(own) {}

  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    const auto first = static_cast<unsigned char>(term[0]);
    // Numbers (dates, scores, prices) say little about a subject.
    if (first >= '0' && first <= '9') return false;
    // Prefixed terms start with an upper-case letter; folded words never do.
    const bool word = first < 'A' || first > 'Z';
    if (!word && !(ranking::kRelatedUsesPairs &&
                   term.compare(0, schema::kBigramPrefix.size(), schema::kBigramPrefix) == 0)) {
      return false;
    }
    // A term no other article holds (most are word pairs met once, `con
    // 359`) finds nothing, and the expansion weighs the rarest terms most:
    // they would fill the query.
    return db_.get_termfreq(term) > own_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::doccount own_;
};

}  // namespace

SearchResult Searcher::related(Xapian::docid docid, const SearchRequest& request) {
  return with_retries([&] {
    const auto started = std::chrono::steady_clock::now();
    SearchResult result;
    const Xapian::Document doc = db_.get_document(docid);
    Xapian::RSet rset;
    rset.add_document(docid);
    // Its near-copies are the same text: what they share tells the subject
    // better than what one of them adds.
    const std::string group = doc.get_value(schema::kSlotCollapseKey);
    if (!group.empty()) {
      for (Xapian::docid member : group_members(group)) rset.add_document(member);
    }
    Xapian::Enquire feedback(db_);
    feedback.set_expansion_scheme(std::string(ranking::kRelatedExpansion));
    const RelatedTermDecider decider(db_, rset.size());
    const Xapian::ESet eset = feedback.get_eset(ranking::kRelatedTerms, rset, &decider);
    // Each term weighs what the feedback says it tells about the article,
    // times its BM25 weight in each candidate.
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    }
    if (terms.empty()) return result;
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    const std::unique_ptr<Xapian::Weight> weight = make_weight();
    const Xapian::Query article(
        schema::id_term(schema::DocumentData::from_json(doc.get_data()).path));
    // The bar: a share of the score the article itself gets for its own
    // query, so that it means the same for a long article and a short one.
    const double bar = ranking::kRelatedMinShare * own_score(query, article, *weight);
    // Not the article, nor its near-copies: those are --similar's.
    std::vector<Xapian::Query> own = {article};
    if (!group.empty()) own.push_back(schema::group_query(group));
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_OR, own.begin(), own.end()));
    if (!request.dates.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_filter(request.dates));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(*weight);
    enquire.set_cutoff(0, bar);
    if (request.collapse) enquire.set_collapse_key(schema::kSlotCollapseKey);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit));
    result.matches = mset.get_matches_estimated();
    result.matches_estimated = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
    result.matches_lower = mset.get_matches_lower_bound();
    result.matches_upper = mset.get_matches_upper_bound();
    if (mset.empty() && request.offset == 0) {  // nothing cleared the bar: none, exactly
      result.matches = result.matches_lower = result.matches_upper = 0;
      result.matches_estimated = false;
    }
    const HighlightQuery nothing;
    std::vector<std::string> page_groups;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      page_groups.push_back(it.get_document().get_value(schema::kSlotCollapseKey));
    }
    look_up_groups(page_groups);
    size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit = make_hit(*it, it.get_document(), request, nothing);
      hit.rank = ++rank;
      hit.score = ranking::reported_score(it.get_weight());
      result.hits.push_back(std::move(hit));
    }
    finish(&result, started);
    return result;
  });
}

double Searcher::own_score(const Xapian::Query& query, const Xapian::Query& article,
                           const Xapian::Weight& weight) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, article));
  enquire.set_weighting_scheme(weight);
  const Xapian::MSet mset = enquire.get_mset(0, 1);
  return mset.empty() ? 0.0 : mset.begin().get_weight();
}

const std::string& Searcher::corpus_root_of(Xapian::docid docid) {
  if (corpus_roots_.size() != shards_.size()) {
    corpus_roots_.clear();
    for (const OpenShard& shard : shards_) {
      corpus_roots_.push_back(shard.db.get_metadata(std::string(schema::kMetaCorpusRoot)));
    }
  }
  // A combined database numbers document d of shard s (of n) (d - 1) * n + s + 1.
  return corpus_roots_[(docid - 1) % corpus_roots_.size()];
}

std::string Searcher::display_category(const std::string& value) {
  if (!category_display_read_) {
    std::map<std::string, Xapian::doccount> counts;  // key → documents of the chosen form
    const std::string prefix(schema::kCategoryFormPrefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      const std::string form = (*it).substr(prefix.size());
      const std::string key = schema::category_key(form);
      auto [chosen, added] = category_display_.emplace(key, form);
      if (added ||
          schema::better_category_form(form, it.get_termfreq(), chosen->second, counts[key])) {
        chosen->second = form;
        counts[key] = it.get_termfreq();
      }
    }
    category_display_read_ = true;
  }
  const auto found = category_display_.find(schema::category_key(value));
  return found == category_display_.end() ? value : found->second;
}

IndexStats Searcher::stats() const {
  IndexStats s;
  s.index_dir = index_dir_;
  s.documents = db_.get_doccount();
  s.postings = db_.get_total_length();
  // Every value of the group slot names a group of two or more.
  read_groups();
  s.copy_groups = static_cast<Xapian::doccount>(groups_.size());
  for (const auto& [group, members] : groups_) {
    s.grouped_articles += static_cast<Xapian::doccount>(members.size());
  }
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
