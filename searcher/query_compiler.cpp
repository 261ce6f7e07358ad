#include "searcher/query_compiler.h"

#include <algorithm>
#include <map>
#include <vector>

#include "common/schema.h"
#include "searcher/forms.h"
#include "searcher/ranking.h"
#include "searcher/reading.h"

namespace vnsearch::searcher {
namespace {

using Kind = QueryNode::Kind;
using Xapian::Query;

std::string term(std::string_view prefix, std::string_view word) {
  std::string t(prefix);
  t += word;
  return t;
}

Query scaled(double factor, Query q) { return Query(Query::OP_SCALE_WEIGHT, q, factor); }

Query combine(Query::op op, const std::vector<Query>& parts) {
  if (parts.size() == 1) return parts[0];
  return Query(op, parts.begin(), parts.end());
}

// Folded terms of `words` with `prefix`: one term, or a phrase of them.
Query words_query(std::string_view prefix, const std::vector<QueryWord>& words) {
  if (words.size() == 1) return Query(term(prefix, words[0].folded));
  std::vector<Query> terms;
  for (const QueryWord& w : words) terms.emplace_back(term(prefix, w.folded));
  return Query(Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
}

// The positional query for one word of a phrase: its exact term when its
// accents are meant, else every exact form it has in the archive (positions
// live on exact terms only).
Query positional_word(const QueryWord& w, bool exact_accents, const Xapian::Database* db) {
  if (exact_accents && w.has_diacritics()) return Query(term(schema::kExactPrefix, w.norm));
  if (db == nullptr) return Query(term(schema::kExactPrefix, w.folded));
  const std::vector<FormCount> forms = exact_forms(*db, w.folded, ranking::kMaxFormsPerWord);
  if (forms.empty()) return Query(term(schema::kExactPrefix, w.folded));  // matches nothing
  std::vector<Query> terms;
  for (const FormCount& f : forms) terms.emplace_back(term(schema::kExactPrefix, f.form));
  return combine(Query::OP_OR, terms);
}

// What the words of one unit match, under rule 1 of "Words and accents":
// with exact accents a word typed with diacritics matches only its own form,
// a word typed without them every form; several words (a phrase, or a word
// the analyzer split, Covid-19) match where they stand side by side so.
Query match_query(const std::vector<QueryWord>& words, bool exact_accents,
                  const Xapian::Database* db) {
  if (words.size() == 1) {
    const QueryWord& w = words[0];
    return exact_accents && w.has_diacritics() ? Query(term(schema::kExactPrefix, w.norm))
                                               : Query(term(schema::kFoldedPrefix, w.folded));
  }
  std::vector<Query> parts;
  for (const QueryWord& w : words) parts.push_back(positional_word(w, exact_accents, db));
  return Query(Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
}

// What a quoted phrase matches and how it weighs: its words as words under
// rule 1 (one posting list each, not the OR of every form of an unaccented
// word). Their adjacency is `*positional`, an unweighted check that
// compile_list applies above the boosts (see there).
Query phrase_words_query(const std::vector<QueryWord>& words, bool exact_accents,
                         const Xapian::Database* db, std::vector<Query>* positional) {
  if (words.size() == 1) return match_query(words, exact_accents, db);
  std::vector<Query> parts;
  for (const QueryWord& w : words) parts.push_back(match_query({w}, exact_accents, db));
  positional->push_back(match_query(words, exact_accents, db));
  return combine(Query::OP_AND, parts);
}

// title: words: folded title terms carry positions; exact ones filter.
Query title_query(const std::vector<QueryWord>& words, bool exact_accents) {
  if (exact_accents && words.size() == 1 && words[0].has_diacritics()) {
    return Query(term(schema::kTitleExactPrefix, words[0].norm));
  }
  Query q = words_query(schema::kTitlePrefix, words);
  if (!exact_accents) return q;
  std::vector<Query> exact;
  for (const QueryWord& w : words) {
    if (w.has_diacritics()) exact.emplace_back(term(schema::kTitleExactPrefix, w.norm));
  }
  if (exact.empty()) return q;
  return Query(Query::OP_FILTER, q, combine(Query::OP_AND, exact));
}

// The most frequent terms of `db` starting with `prefix`, as a synonym.
// Xapian 1.4's OP_WILDCARD weighs its expansion about N times higher on N
// combined shards than on one database; expanding here keeps a sharded
// index ranking like one index.
Query expand_prefix(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  const size_t keep = std::min<size_t>(found.size(), ranking::kMaxWildcardTerms);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  if (keep == 0) return Query::MatchNothing;
  std::vector<Query> terms;
  for (size_t i = 0; i < keep; ++i) terms.emplace_back(found[i].second);
  return Query(Query::OP_SYNONYM, terms.begin(), terms.end());
}

Query wildcard_query(const std::vector<QueryWord>& words, bool exact_accents,
                     const Xapian::Database* db = nullptr) {
  // thủ*: the exact terms starting so; thu*: every folded one.
  const QueryWord& last = words.back();
  const std::string prefix = exact_accents && last.has_diacritics()
                                 ? term(schema::kExactPrefix, last.norm)
                                 : term(schema::kFoldedPrefix, last.folded);
  Query expansion = db ? expand_prefix(*db, prefix)
                       : Query(Query::OP_WILDCARD, prefix, ranking::kMaxWildcardTerms,
                               Query::WILDCARD_LIMIT_MOST_FREQUENT);
  if (words.size() == 1) return expansion;
  // covid-1*: the whole parts, and the last one as a prefix.
  std::vector<Query> parts;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    parts.push_back(match_query({words[i]}, exact_accents, db));
  }
  parts.push_back(expansion);
  return Query(Query::OP_AND, parts.begin(), parts.end());
}

Query filter_query(const QueryNode& node) {
  switch (node.kind) {
    case Kind::kSource:
      return Query(schema::source_term(node.value));
    case Kind::kCategory:
      return Query(schema::category_term(node.value));
    default:
      return date_filter(node.dates);
  }
}

// The accented form to boost for `w`, and whether the user typed it. When
// the user types accents (`accents_typed`), a word typed without them means
// that very form (`Milan`, `2013`), as a word typed with them does; in a
// query typed without any, the dominant reading stands for it.
std::string exact_form(const QueryWord& w, bool accents_typed, bool* typed) {
  *typed = own_form_meant(w, accents_typed) || w.reading == w.norm;
  return *typed ? w.norm : w.reading;
}

bool is_filter(Kind kind) {
  return kind == Kind::kSource || kind == Kind::kCategory || kind == Kind::kDate;
}

// A unit of a list, one that can match (a word, phrase or group; not an
// exclusion, not a filter).
bool is_unit(const QueryNode& node) { return !node.excluded && !is_filter(node.kind); }

// What every list of one query compiles with.
struct Compilation {
  CompileOptions options;
  /// Some word carries diacritics: the user types accents, so a word typed
  /// without them means exactly that form (Moscow, tham), for ranking.
  bool accents_typed = false;
};

Query compile_strict(const QueryNode& node, const Compilation& compilation);

Query compile_list(const std::vector<const QueryNode*>& children, const Compilation& compilation);

Query compile_node(const QueryNode& node, const Compilation& compilation) {
  if (node.kind == Kind::kAnd) {
    std::vector<const QueryNode*> children;
    for (const QueryNode& c : node.children) children.push_back(&c);
    return compile_list(children, compilation);
  }
  if (node.kind == Kind::kOr && !node.excluded) {
    std::vector<Query> branches;
    for (const QueryNode& c : node.children) {
      Query q = compile_node(c, compilation);
      if (!q.empty()) branches.push_back(q);
    }
    return branches.empty() ? Query() : combine(Query::OP_OR, branches);
  }
  return compile_list({&node}, compilation);
}

// Boolean matching only, for exclusions: which documents, not how well.
Query compile_strict(const QueryNode& node, const Compilation& compilation) {
  const bool exact = compilation.options.exact_accents;
  switch (node.kind) {
    case Kind::kWord:
    case Kind::kPhrase:
      return match_query(node.words, exact, compilation.options.db);
    case Kind::kWildcard:
      return wildcard_query(node.words, exact, compilation.options.db);
    case Kind::kTitle:
      return title_query(node.words, exact);
    case Kind::kSource:
    case Kind::kCategory:
    case Kind::kDate:
      return filter_query(node);
    case Kind::kAnd: {
      std::vector<Query> positive, negative;
      for (const QueryNode& c : node.children) {
        (c.excluded ? negative : positive).push_back(compile_strict(c, compilation));
      }
      Query q = positive.empty() ? Query::MatchAll : combine(Query::OP_AND, positive);
      if (!negative.empty()) q = Query(Query::OP_AND_NOT, q, combine(Query::OP_OR, negative));
      return q;
    }
    case Kind::kOr: {
      std::vector<Query> branches;
      for (const QueryNode& c : node.children) {
        Query q = compile_strict(c, compilation);
        branches.push_back(c.excluded ? Query(Query::OP_AND_NOT, Query::MatchAll, q) : q);
      }
      return combine(Query::OP_OR, branches);
    }
  }
  return Query();
}

// Ranking boosts for the words of a word or phrase: exact accented forms
// (unless `exact_boosts` is null) and title terms. (Adjacency inside a
// phrase is required, not boosted.)
void add_word_boosts(const std::vector<QueryWord>& words, bool accents_typed, bool title_boost,
                     std::vector<Query>* exact_boosts, std::vector<const QueryWord*>* titled) {
  for (const QueryWord& w : words) {
    bool typed = false;
    const std::string exact = exact_form(w, accents_typed, &typed);
    if (exact_boosts && !exact.empty()) {
      const double factor = ranking::kExactTermBoost * (typed ? 1.0 : ranking::kReadingBoostFactor);
      exact_boosts->push_back(scaled(factor, Query(term(schema::kExactPrefix, exact))));
    }
    if (title_boost) titled->push_back(&w);
  }
}

// Two adjacent single-word units of a list.
struct WordPair {
  const QueryWord* first;
  const QueryWord* second;
};

// The boosts for adjacent single-word units of a list: their folded pair
// term (no positional check, so long queries can afford it too).
void add_pair_boosts(const std::vector<WordPair>& pairs, std::vector<Query>* boosts) {
  for (const WordPair& p : pairs) {
    boosts->push_back(scaled(ranking::kAdjacencyBoost,
                             Query(schema::bigram_term(p.first->folded, p.second->folded))));
  }
}

// The boost for a title holding every word of the list's words and phrases,
// in the accented forms meant: typed, or read from an unaccented query. With
// folded title terms, `dang vien` would lift "Đảng ủy thăm bệnh viện" above
// an article about "đảng viên"; without a form for every word, no boost.
void add_title_all_words_boost(const std::vector<const QueryNode*>& children, bool accents_typed,
                               std::vector<Query>* boosts) {
  std::vector<Query> title_terms;
  for (const QueryNode* child : children) {
    if (child->excluded || (child->kind != Kind::kWord && child->kind != Kind::kPhrase)) continue;
    for (const QueryWord& w : child->words) {
      const std::string& form = own_form_meant(w, accents_typed) ? w.norm : w.reading;
      if (form.empty()) return;
      title_terms.emplace_back(term(schema::kTitleExactPrefix, form));
    }
  }
  if (title_terms.size() < 2) return;  // one word: the title term boost covers it
  boosts->push_back(scaled(ranking::kTitleAllWordsBoost,
                           Query(Query::OP_AND, title_terms.begin(), title_terms.end())));
}

// A long query (a pasted headline, a question) holds words nearly every
// article has (`của`, `là`, `người`): as matching terms they make the
// matcher walk most of the archive for documents that only hold them, as
// boosts they still weigh in every document a rarer word matched (what
// Elasticsearch's common-terms query does). The rarest words found in the
// archive always match, so a small archive, where every word is common,
// still finds its articles.
void demote_common_words(const Xapian::Database& db,
                         const std::map<size_t, const QueryWord*>& soft_words, bool exact_accents,
                         std::vector<Query>* soft, std::vector<Query>* boosts) {
  const double common = ranking::kCommonWordShare * db.get_doccount();
  std::vector<std::pair<Xapian::doccount, size_t>> by_docs;  // documents, soft index
  for (const auto& [index, word] : soft_words) {
    const std::string matched = exact_accents && word->has_diacritics()
                                    ? term(schema::kExactPrefix, word->norm)
                                    : term(schema::kFoldedPrefix, word->folded);
    by_docs.emplace_back(db.get_termfreq(matched), index);
  }
  std::sort(by_docs.begin(), by_docs.end());
  std::vector<bool> demoted(soft->size(), false);
  size_t matching = 0;  // words found in some article, kept as matching
  for (const auto& [docs, index] : by_docs) {
    if (matching >= ranking::kRarestWordsMatching && docs > common) demoted[index] = true;
    if (docs > 0 && !demoted[index]) ++matching;
  }
  std::vector<Query> kept;
  for (size_t i = 0; i < soft->size(); ++i) {
    (demoted[i] ? *boosts : kept).push_back((*soft)[i]);
  }
  *soft = std::move(kept);
}

// The units of a list (is_unit).
size_t word_units(const std::vector<const QueryNode*>& children) {
  return static_cast<size_t>(std::count_if(children.begin(), children.end(),
                                           [](const QueryNode* c) { return is_unit(*c); }));
}

// A folded word no mark or tone can change (`messi`, `2017`, `4g`): its
// exact and folded terms index the same word.
bool has_one_spelling(std::string_view folded) { return accent_variants(folded).size() == 1; }

// A word of a long query typed without accents, read as `w.reading`: that
// form weighs as a word typed so would, the others (its folded term) less.
// An ambiguous syllable (`bai`: bài, bãi, bái) weighs as its reading is rare,
// not as the syllable is common.
Query read_word_query(const QueryWord& w) {
  if (w.reading == w.folded && has_one_spelling(w.folded)) {
    // Read as itself (read_single_spellings): one posting list weighs as
    // both its terms.
    return scaled(ranking::kReadWordExactWeight + ranking::kReadWordFoldedWeight,
                  Query(term(schema::kFoldedPrefix, w.folded)));
  }
  return Query(
      Query::OP_OR,
      scaled(ranking::kReadWordExactWeight, Query(term(schema::kExactPrefix, w.reading))),
      scaled(ranking::kReadWordFoldedWeight, Query(term(schema::kFoldedPrefix, w.folded))));
}

// Children written side by side. Plain words are "soft": a document needs
// one of them, and with few of them documents having all rank first.
// Phrases and title: are required; filters restrict; exclusions remove.
Query compile_list(const std::vector<const QueryNode*>& children, const Compilation& compilation) {
  const CompileOptions& options = compilation.options;
  std::vector<Query> soft, required, boosts, negatives;
  std::vector<Query> positional;  // adjacency checks of the phrases
  std::map<Kind, std::vector<Query>> filters;
  const QueryWord* previous_word = nullptr;  // for adjacency boosts
  std::vector<WordPair> pairs;
  std::vector<Query> exact_boosts;                // scaled once the query's length is known
  std::vector<size_t> self_boosted;               // soft exact terms that are their own exact boost
  std::vector<const QueryWord*> titled;           // words whose title term is a boost
  std::map<size_t, const QueryWord*> soft_words;  // soft units that are one word
  // A long query typed without accents ranks its words by their readings
  // (ranking::kReadWordExactWeight); the candidates' match draws, and the
  // count matches, by the folded words, every form alike (the searcher draws
  // while it reads).
  const bool readings_weigh = !compilation.accents_typed && !options.candidates_only &&
                              !options.matching_only &&
                              word_units(children) > ranking::kMaxWordsForAllWordsFirst;
  for (const QueryNode* child : children) {
    const QueryNode& c = *child;
    if (c.excluded) {
      negatives.push_back(compile_strict(c, compilation));
      previous_word = nullptr;
      continue;
    }
    if (is_filter(c.kind)) {
      filters[c.kind].push_back(filter_query(c));
      continue;  // a filter between two words does not part them
    }
    const QueryWord* word = nullptr;
    switch (c.kind) {
      case Kind::kWord:
        if (readings_weigh && c.words.size() == 1 && !c.words[0].reading.empty()) {
          // Its reading weighs as the word (its exact boost inside).
          soft.push_back(read_word_query(c.words[0]));
          soft_words[soft.size() - 1] = &c.words[0];
          add_word_boosts(c.words, compilation.accents_typed, /*title_boost=*/true, nullptr,
                          &titled);
        } else if (options.exact_accents && c.words.size() == 1 && c.words[0].has_diacritics()) {
          soft.push_back(match_query(c.words, options.exact_accents, options.db));
          soft_words[soft.size() - 1] = &c.words[0];
          // It matches by its exact term already: weigh that term up rather
          // than boost it with a second copy of the same posting list.
          self_boosted.push_back(soft.size() - 1);
          add_word_boosts(c.words, compilation.accents_typed, /*title_boost=*/true, nullptr,
                          &titled);
        } else {
          soft.push_back(match_query(c.words, options.exact_accents, options.db));
          if (c.words.size() == 1) soft_words[soft.size() - 1] = &c.words[0];
          add_word_boosts(c.words, compilation.accents_typed, /*title_boost=*/true, &exact_boosts,
                          &titled);
        }
        if (c.words.size() == 1) {
          word = &c.words[0];
          if (previous_word) pairs.push_back({previous_word, word});
        }
        break;
      case Kind::kWildcard:
        soft.push_back(wildcard_query(c.words, options.exact_accents, options.db));
        break;
      case Kind::kPhrase:
        required.push_back(
            phrase_words_query(c.words, options.exact_accents, options.db, &positional));
        add_word_boosts(c.words, compilation.accents_typed, /*title_boost=*/true, &exact_boosts,
                        &titled);
        break;
      case Kind::kTitle: {
        required.push_back(title_query(c.words, options.exact_accents));
        for (const QueryWord& w : c.words) {
          if (w.has_diacritics()) {
            boosts.push_back(
                scaled(ranking::kExactTermBoost, Query(term(schema::kTitleExactPrefix, w.norm))));
          }
        }
        break;
      }
      default: {
        Query q = compile_node(c, compilation);
        if (!q.empty()) soft.push_back(q);
        break;
      }
    }
    previous_word = word;
  }

  const size_t units = soft.size() + required.size();
  const bool short_query = units >= 2 && units <= ranking::kMaxWordsForAllWordsFirst;
  // Title terms weigh in the matcher for a few words only: in a long query
  // (a pasted headline) a title sharing some of its words must not lift an
  // article over one holding them all in a row, and a boost per word would
  // double the posting lists read. The searcher's rescoring window weighs
  // the title words of long queries instead (see ranking::kLongQueryTitleWordWeight).
  if (units <= ranking::kMaxWordsForAllWordsFirst) {
    for (const QueryWord* w : titled) {
      boosts.push_back(scaled(ranking::kTitleBoost, Query(term(schema::kTitlePrefix, w->folded))));
    }
  }
  std::vector<Query> pair_boosts;
  add_pair_boosts(pairs, &pair_boosts);
  boosts.insert(boosts.end(), pair_boosts.begin(), pair_boosts.end());
  add_title_all_words_boost(children, compilation.accents_typed, &boosts);
  // A few words typed with accents mean those forms (`đường phố`, not
  // `Dương Phố`); in a long question the accents weigh like the rest.
  const double exact_factor = short_query ? ranking::kShortQueryExactFactor : 1.0;
  for (Query& q : exact_boosts) boosts.push_back(scaled(exact_factor, q));
  for (size_t i : self_boosted) {
    soft[i] = scaled(1 + ranking::kExactTermBoost * exact_factor, soft[i]);
  }
  if (units > ranking::kMaxWordsForAllWordsFirst && options.db) {
    demote_common_words(*options.db, soft_words, options.exact_accents, &soft, &boosts);
  }
  if (options.candidates_only && units > ranking::kMaxWordsForAllWordsFirst) {
    // The word pairs stay: short posting lists (title and lead) that tell
    // which articles hold the words in a row, which the words alone miss.
    // As alternatives to the words rather than boosts, so that Xapian's OR
    // can skip the articles that can no longer enter the candidates (an
    // AND_MAYBE's boosts keep every article of its left side in play). They
    // also match articles the query does not (a pair of two common words,
    // which only weigh as boosts there): the searcher counts with the query.
    soft.insert(soft.end(), pair_boosts.begin(), pair_boosts.end());
    boosts.clear();
  }
  if (options.matching_only) boosts.clear();
  Query core;
  if (!required.empty()) {
    core = combine(Query::OP_AND, required);
    if (!soft.empty()) core = Query(Query::OP_AND_MAYBE, core, combine(Query::OP_OR, soft));
  } else if (!soft.empty()) {
    core = combine(Query::OP_OR, soft);
  }
  if (!soft.empty() && short_query && options.require_all_words) {
    std::vector<Query> all = required;
    all.insert(all.end(), soft.begin(), soft.end());
    core = combine(Query::OP_AND, all);
  } else if (!soft.empty() && short_query) {
    // Documents with every unit get a constant above anything else can give.
    std::vector<Query> all = required;
    all.insert(all.end(), soft.begin(), soft.end());
    Query tier(
        Query::OP_AND,
        Query((new Xapian::FixedWeightPostingSource(ranking::kAllWordsTierWeight))->release()),
        scaled(0, combine(Query::OP_AND, all)));
    core = Query(Query::OP_OR, core, tier);
  }
  if (!core.empty() && !boosts.empty()) {
    core = Query(Query::OP_AND_MAYBE, core, combine(Query::OP_OR, boosts));
  }
  if (!core.empty() && !positional.empty()) {
    // Xapian 1.4 checks positions only in documents whose weight can still
    // enter the page, but it would lift the boosts of an AND_MAYBE above
    // the check, leaving it nothing to cut: every document holding the
    // phrase's words had its positions read (`"Bộ Công an"`: 10,000 of
    // 38,000 articles hold the three syllables, 830 the phrase). Scaling by
    // 1 keeps the AND_MAYBE whole under the filter.
    core = Query(Query::OP_FILTER, Query(Query::OP_SCALE_WEIGHT, core, 1.0),
                 combine(Query::OP_AND, positional));
  }
  if (core.empty()) {
    if (filters.empty() && negatives.empty()) return Query();
    core = Query::MatchAll;
  }
  if (!filters.empty()) {
    // Several values of one field are alternatives; different fields all apply.
    std::vector<Query> per_field;
    for (const auto& [kind, values] : filters) per_field.push_back(combine(Query::OP_OR, values));
    core = Query(Query::OP_FILTER, core, combine(Query::OP_AND, per_field));
  }
  if (!negatives.empty()) {
    core = Query(Query::OP_AND_NOT, core, combine(Query::OP_OR, negatives));
  }
  return core;
}

// Runs of adjacent unaccented single words in each list, for the reading.
void collect_runs(QueryNode* node, std::vector<std::vector<QueryWord*>>* runs) {
  if (node->excluded) return;
  if (node->kind == Kind::kOr) {
    for (QueryNode& c : node->children) collect_runs(&c, runs);
    return;
  }
  if (node->kind != Kind::kAnd) return;
  std::vector<QueryWord*> run;
  auto flush = [&] {
    if (run.size() >= 2) runs->push_back(run);
    run.clear();
  };
  for (QueryNode& c : node->children) {
    if (is_filter(c.kind) && !c.excluded) continue;
    if (!c.excluded && c.kind == Kind::kWord && c.words.size() == 1) {
      run.push_back(&c.words[0]);
      continue;
    }
    flush();
    if (!c.excluded && (c.kind == Kind::kPhrase || c.kind == Kind::kWord)) {
      std::vector<QueryWord*> phrase_run;
      for (QueryWord& w : c.words) phrase_run.push_back(&w);
      if (phrase_run.size() >= 2) runs->push_back(phrase_run);
    }
    collect_runs(&c, runs);
  }
  flush();
}

// A word of a long run with one spelling only (has_one_spelling) means what
// was typed, whatever its pairs tell. Read as itself, it weighs as the words
// read around it do, not by its folded term alone (measured with
// ranking::kLongRunUnseenPairDocs).
void read_single_spellings(const std::vector<QueryWord*>& run) {
  if (run.size() <= ranking::kMaxWordsForAllWordsFirst) return;
  for (QueryWord* word : run) {
    if (word->reading.empty() && has_one_spelling(word->folded)) {
      word->reading = word->folded;
    }
  }
}

}  // namespace

std::unique_ptr<Xapian::Weight> make_weight() {
  return std::make_unique<Xapian::BM25Weight>(ranking::kBm25K1, ranking::kBm25K2, ranking::kBm25K3,
                                              ranking::kBm25B, ranking::kBm25MinNormLen);
}

std::string apply_dominant_reading(const Xapian::Database& db, ParsedQuery* query,
                                   text::Analyzer* analyzer, std::vector<ReadRun>* runs_read) {
  if (!query->has_text || !typed_without_diacritics(query->root)) return {};
  std::vector<std::vector<QueryWord*>> runs;
  collect_runs(&query->root, &runs);
  std::string shown;
  bool adds_accents = false;
  for (const std::vector<QueryWord*>& run : runs) {
    std::vector<std::string> syllables;
    for (const QueryWord* w : run) syllables.push_back(w->folded);
    const RunReading reading = read_run(db, syllables, analyzer);
    if (runs_read) runs_read->push_back({syllables, reading});
    if (!reading.dominant) {
      // A pasted headline: the forms of its clear pairs weigh as a reading
      // would, without being shown as one (see ranking::kPairReadingMinDocs).
      if (run.size() > ranking::kMaxWordsForAllWordsFirst) {
        for (size_t i = 0; i < run.size(); ++i) run[i]->reading = reading.pair_forms[i];
      }
      read_single_spellings(run);
      continue;
    }
    for (size_t i = 0; i < run.size(); ++i)
      adds_accents |= reading.forms[i] != run[i]->folded && !reading.forms[i].empty();
    for (size_t i = 0; i < run.size(); ++i) {
      run[i]->reading = reading.forms[i];
      if (!shown.empty()) shown += ' ';
      shown += reading.forms[i].empty() ? run[i]->norm : reading.forms[i];
    }
    read_single_spellings(run);
  }
  // "covid 19" read as itself is no reading worth showing.
  return adds_accents ? shown : std::string();
}

Query compile_query(const ParsedQuery& query, const CompileOptions& options) {
  Compilation compilation{options, typed_with_accents(query)};
  return compile_node(query.root, compilation);
}

namespace {

// The units (words, phrases, groups) of a keyword query's top list; 0 for
// another kind of query.
size_t keyword_units(const ParsedQuery& query) {
  const QueryNode& root = query.root;
  if (root.kind != Kind::kAnd || root.excluded) return 0;
  return static_cast<size_t>(std::count_if(root.children.begin(), root.children.end(), is_unit));
}

}  // namespace

bool is_short_keyword_query(const ParsedQuery& query) {
  const size_t units = keyword_units(query);
  return units >= 2 && units <= ranking::kMaxWordsForAllWordsFirst;
}

bool is_long_keyword_query(const ParsedQuery& query) {
  return keyword_units(query) > ranking::kMaxWordsForAllWordsFirst;
}

std::vector<std::vector<QueryWord>> word_runs(const ParsedQuery& query) {
  std::vector<std::vector<QueryWord>> runs;
  const QueryNode& root = query.root;
  if (root.kind != Kind::kAnd || root.excluded) return runs;
  std::vector<QueryWord> run;
  const auto flush = [&] {
    if (run.size() >= 2) runs.push_back(std::move(run));
    run.clear();
  };
  for (const QueryNode& c : root.children) {
    if (!c.excluded && is_filter(c.kind)) continue;  // does not part two words
    if (!c.excluded && c.kind == Kind::kWord && c.words.size() == 1) {
      run.push_back(c.words[0]);
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

Query date_filter(const DateRange& range) {
  if (range.from.empty() && range.to.empty()) return Query();
  if (range.to.empty()) return Query(Query::OP_VALUE_GE, schema::kSlotDate, range.from);
  if (range.from.empty()) return Query(Query::OP_VALUE_LE, schema::kSlotDate, range.to);
  return Query(Query::OP_VALUE_RANGE, schema::kSlotDate, range.from, range.to);
}

}  // namespace vnsearch::searcher
