#include "searcher/suggest.h"

#include <algorithm>
#include <map>
#include <set>

#include <unicode/uchar.h>

#include "common/schema.h"
#include "common/text/utf8.h"
#include "common/text/vietnamese.h"
#include "searcher/forms.h"
#include "searcher/ranking.h"

namespace vnsearch::searcher {
namespace {

std::string exact_term(std::string_view form) {
  std::string t(schema::kExactPrefix);
  t += form;
  return t;
}

// How many documents hold exact pairs side by side in title or lead, as
// estimated from the index: the documents holding the folded pair term
// (title and lead), the share of the first of them holding both exact
// forms, and, when the forms are not most of them, the share of a few of
// those whose positions put the forms side by side. Counting every document
// instead cost a skip in two long posting lists per document (`Việt Nam`:
// thousands), for every pair of every query.
class PairEvidence {
 public:
  explicit PairEvidence(const Xapian::Database& db) : db_(db) {}

  /// Estimated documents with `a` `b` side by side in title or lead. Up to
  /// `verify` documents are read when the forms are not most of the pair's
  /// documents; with `stop_at`, reading stops once that many hold the pair
  /// (the estimate is then at least that).
  double docs(const std::string& a, const std::string& b, Xapian::doccount verify,
              Xapian::doccount stop_at = 0) {
    Pair& p = sampled(a, b);
    if (is_trusted(p)) return p.with_forms();
    for (; p.read < p.with_forms_sample.size() && p.read < verify; ++p.read) {
      if (stop_at && p.seen >= stop_at) break;
      p.seen += holds(p.with_forms_sample[p.read], a, b);
    }
    return p.read ? p.with_forms() * static_cast<double>(p.seen) / p.read : 0.0;
  }

  /// Whether docs(a, b, ...) takes the documents holding both forms as they
  /// are, the forms being in most of the documents holding the folded pair.
  bool trusted(const std::string& a, const std::string& b) { return is_trusted(sampled(a, b)); }

  /// Documents holding the folded pair of `a` `b` in title or lead: an
  /// upper bound of docs(a, b, ...).
  Xapian::doccount pair_docs(const std::string& a, const std::string& b) {
    return entry(a, b).pair_docs;
  }

 private:
  struct Pair {
    Xapian::doccount pair_docs = 0;  // folded pair in title or lead
    bool sampled = false;            // share and with_forms_sample filled
    // Share of the first documents holding the folded pair that hold both
    // exact forms, and the first of those.
    double share = 0;
    std::vector<Xapian::docid> with_forms_sample;
    size_t read = 0;  // of with_forms_sample, read so far
    size_t seen = 0;  // ... holding the exact pair
    double with_forms() const { return share * pair_docs; }
  };

  static bool is_trusted(const Pair& p) {
    return p.with_forms() >= ranking::kSuggestMinDocs && p.share >= ranking::kSuggestTrustedShare;
  }

  static std::string pair_term(const std::string& a, const std::string& b) {
    return schema::bigram_term(text::fold(a), text::fold(b));
  }

  // The pair's entry, with its documents counted on first use.
  Pair& entry(const std::string& a, const std::string& b) {
    const auto [found, added] = pairs_.try_emplace(std::make_pair(a, b));
    if (added) found->second.pair_docs = db_.get_termfreq(pair_term(a, b));
    return found->second;
  }

  // The pair's entry, its sample taken on first use (a candidate's bound
  // needs none): the first documents holding the folded pair, each looked
  // up in the two forms' posting lists; at least kSuggestTrustSample of
  // them, and more until kSuggestVerifyTypedDocs hold the forms (at most
  // kSuggestSampleMax), for a rare form among a common folded pair (`tội
  // các` among `tới các`).
  Pair& sampled(const std::string& a, const std::string& b) {
    Pair& p = entry(a, b);
    if (p.sampled) return p;
    p.sampled = true;
    if (p.pair_docs == 0) return p;
    const std::string term = pair_term(a, b);
    const std::string first = exact_term(a), second = exact_term(b);
    Xapian::PostingIterator with_a = db_.postlist_begin(first), with_b = db_.postlist_begin(second);
    const Xapian::PostingIterator a_end = db_.postlist_end(first), b_end = db_.postlist_end(second);
    size_t looked = 0, held = 0;
    const auto enough = [&] {
      return looked >= ranking::kSuggestSampleMax ||
             (looked >= ranking::kSuggestTrustSample && held >= ranking::kSuggestVerifyTypedDocs);
    };
    for (auto doc = db_.postlist_begin(term); doc != db_.postlist_end(term) && !enough();
         ++doc, ++looked) {
      if (with_a != a_end) with_a.skip_to(*doc);
      if (with_a == a_end || *with_a != *doc) continue;
      if (with_b != b_end) with_b.skip_to(*doc);
      if (with_b == b_end || *with_b != *doc) continue;
      ++held;
      if (p.with_forms_sample.size() < ranking::kSuggestVerifyTypedDocs) {
        p.with_forms_sample.push_back(*doc);
      }
    }
    p.share = looked ? static_cast<double>(held) / static_cast<double>(looked) : 0.0;
    return p;
  }

  // Whether `id` has `a` `b` side by side in its title or lead, read from
  // the positions of the two exact terms: two short position lists, where
  // re-analysing the stored text cost about 400,000 instructions a document.
  bool holds(Xapian::docid id, const std::string& a, const std::string& b) {
    const std::string second = exact_term(b);
    auto after = db_.positionlist_begin(id, second);
    const auto after_end = db_.positionlist_end(id, second);
    const std::string first = exact_term(a);
    for (auto p = db_.positionlist_begin(id, first); p != db_.positionlist_end(id, first); ++p) {
      if (*p >= ranking::kSuggestLeadPositions || after == after_end) break;
      after.skip_to(*p + 1);
      if (after == after_end) break;
      if (*after == *p + 1) return true;
    }
    return false;
  }

  const Xapian::Database& db_;
  std::map<std::pair<std::string, std::string>, Pair> pairs_;
};

struct Word {
  std::string norm;
  std::string folded;
  Xapian::doccount docs = 0;  // documents holding the typed form
  std::vector<std::string> candidates;
};

// The accented forms of the folded word `folded` closest to `typed` (fewest
// edits; at most two, most documents first); none when the index has none.
std::vector<std::string> closest_forms(const Xapian::Database& db, const std::string& folded,
                                       const std::string& typed, bool accents_typed) {
  if (!accents_typed && db.get_termfreq(exact_term(folded)) > 0) return {folded};
  std::vector<std::string> best;
  size_t best_distance = 0;
  for (const FormCount& f : exact_forms(db, folded, ranking::kSuggestCandidates)) {
    const size_t d = edit_distance(typed, f.form);
    if (best.empty() || d < best_distance) best.clear(), best_distance = d;
    if (d == best_distance && best.size() < 2) best.push_back(f.form);
  }
  return best;
}

// Adds the candidates of suspect word `i` of `words`: its other accented
// forms, and with `edits` the words one edit away and Xapian's suggestion.
void add_candidates(const Xapian::Database& db, std::vector<Word>* words, size_t i,
                    bool accents_typed, bool edits_too) {
  Word& w = (*words)[i];
  std::set<std::string> seen(w.candidates.begin(), w.candidates.end());
  auto add = [&](const std::string& form) {
    if (!form.empty() && seen.insert(form).second) w.candidates.push_back(form);
  };
  if (accents_typed) {
    for (const FormCount& f : exact_forms(db, w.folded, ranking::kSuggestCandidates)) add(f.form);
  }
  // Folded words one edit away, by how often they stand beside the
  // neighbours (a one-word query: by documents).
  if (!edits_too) return;
  std::vector<std::pair<double, std::string>> edits;
  if (w.folded.size() >= 3) {
    // A few hundred words, most sharing a prefix with another.
    std::vector<std::string> variants = edit_variants(w.folded);
    const std::vector<Xapian::doccount> variant_docs = term_frequencies(db, variants);
    for (size_t k = 0; k < variants.size(); ++k) {
      std::string& v = variants[k];
      const Xapian::doccount docs = variant_docs[k];
      if (docs < ranking::kSuggestMinDocs) continue;
      double context = 0;
      if (i > 0) context += db.get_termfreq(schema::bigram_term((*words)[i - 1].folded, v));
      if (i + 1 < words->size()) {
        context += db.get_termfreq(schema::bigram_term(v, (*words)[i + 1].folded));
      }
      if (words->size() > 1 && context == 0) continue;
      edits.emplace_back(words->size() > 1 ? context : docs, std::move(v));
    }
  }
  std::sort(edits.begin(), edits.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; k < edits.size() && k < ranking::kSuggestCandidates / 2; ++k) {
    for (const std::string& form : closest_forms(db, edits[k].second, w.norm, accents_typed)) {
      add(form);
    }
  }
  // Xapian's own choice, from the spelling table (empty without one).
  try {
    const std::string spelled = db.get_spelling_suggestion(w.norm, 2);
    if (!spelled.empty() && (accents_typed || text::fold(spelled) == spelled)) add(spelled);
  } catch (const Xapian::Error&) {
    // Remote shards have no spelling table to ask.
  }
}

// Upper-cases the first code point of `form` (or all of it).
std::string upper(std::string_view form, bool all) {
  std::string out;
  bool first = true;
  for (size_t i = 0; i < form.size();) {
    size_t length = 1;
    char32_t c = text::decode_utf8(form, i, &length);
    if (first || all) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    text::append_utf8(c, &out);
    first = false;
    i += length;
  }
  return out;
}

}  // namespace

std::string with_case_of(std::string_view typed, std::string_view form) {
  size_t letters = 0, capitals = 0;
  bool first_capital = false;
  for (size_t i = 0; i < typed.size();) {
    size_t length = 1;
    const auto c = static_cast<UChar32>(text::decode_utf8(typed, i, &length));
    if (u_isalpha(c)) {
      const bool capital = u_isupper(c);
      if (letters == 0) first_capital = capital;
      ++letters;
      capitals += capital;
    }
    i += length;
  }
  if (!first_capital) return std::string(form);
  return upper(form, letters > 1 && capitals == letters);
}

std::string suggest(const Xapian::Database& db, std::string_view text, const ParsedQuery& query,
                    text::Analyzer* analyzer) {
  const QueryNode& root = query.root;
  if (!query.has_text || query.truncated || root.kind != QueryNode::Kind::kAnd) return {};
  if (root.children.size() > ranking::kSuggestMaxWords) return {};
  std::vector<Word> words;
  for (const QueryNode& c : root.children) {
    if (c.kind != QueryNode::Kind::kWord || c.excluded || c.words.size() != 1) return {};
    words.push_back({c.words[0].norm, c.words[0].folded, 0, {c.words[0].norm}});
  }
  // The typed words, where they stand in `text`, to write the suggestion.
  std::vector<text::Token> tokens = analyzer->analyze(text);
  tokens.erase(
      std::remove_if(tokens.begin(), tokens.end(),
                     [](const text::Token& t) { return t.kind == text::TokenKind::kPart; }),
      tokens.end());
  if (tokens.size() != words.size()) return {};
  for (size_t i = 0; i < words.size(); ++i) {
    if (tokens[i].norm != words[i].norm || tokens[i].kind != text::TokenKind::kWord) return {};
  }

  const bool accents_typed = !typed_without_diacritics(root);
  const size_t n = words.size();
  PairEvidence evidence(db);
  std::vector<bool> suspect(n, false);
  for (size_t i = 0; i < n; ++i) {
    // A word typed without accents stands for all its forms.
    words[i].docs = db.get_termfreq(words[i].norm == words[i].folded ? words[i].folded
                                                                     : exact_term(words[i].norm));
    suspect[i] = words[i].docs < ranking::kSuggestSuspectDocs;
  }
  if (accents_typed) {
    for (size_t i = 0; i + 1 < n; ++i) {
      if (suspect[i] || suspect[i + 1]) continue;
      // Typed forms in a small share of the pair's documents may hide a far
      // more common reading (`triều tiền` among `Triều Tiên`).
      if (evidence.trusted(words[i].norm, words[i + 1].norm)) continue;
      const double enough =
          std::max(ranking::kSuggestMinDocs,
                   evidence.pair_docs(words[i].norm, words[i + 1].norm) / ranking::kSuggestRatio);
      if (evidence.docs(words[i].norm, words[i + 1].norm, ranking::kSuggestVerifyTypedDocs,
                        static_cast<Xapian::doccount>(enough) + 1) < enough) {
        suspect[i] = suspect[i + 1] = true;
      }
    }
  }
  if (std::none_of(suspect.begin(), suspect.end(), [](bool s) { return s; })) return {};
  // Edits for rare words at once; for a common word in an unseen pair only
  // when its other accented forms do not do (`tiền` → `tiên` is the usual
  // case, `khoáng` → `khoán` the rarer one).
  std::vector<bool> edited(n, false);
  for (size_t i = 0; i < n; ++i) {
    edited[i] = n == 1 || words[i].docs < ranking::kSuggestSuspectDocs;
    if (suspect[i]) add_candidates(db, &words, i, accents_typed, edited[i]);
  }

  // The best change of one word: for a one-word query the form in most
  // documents, else the largest evidence of the pairs it makes with its
  // neighbours, each of which must be seen.
  size_t changed = n, chosen = 0;
  if (n == 1) {
    Xapian::doccount best_docs = words[0].docs;
    for (size_t k = 1; k < words[0].candidates.size(); ++k) {
      const Xapian::doccount docs = db.get_termfreq(exact_term(words[0].candidates[k]));
      if (docs > best_docs) best_docs = docs, changed = 0, chosen = k;
    }
    if (changed == n || best_docs < ranking::kSuggestMinDocs ||
        best_docs < ranking::kSuggestRatio * words[0].docs) {
      return {};
    }
  } else {
    // Evidence of word i as `form` with its typed neighbours; -1 when a pair
    // is not seen in kSuggestMinDocs documents.
    auto fit = [&](size_t i, const std::string& form, Xapian::doccount verify) {
      double sum = 0;
      for (size_t j = i > 0 ? i - 1 : i; j <= i && j + 1 < n; ++j) {
        const double docs = j == i ? evidence.docs(form, words[i + 1].norm, verify)
                                   : evidence.docs(words[i - 1].norm, form, verify);
        if (docs < ranking::kSuggestMinDocs) return -1.0;
        sum += docs;
      }
      return sum;
    };
    // Candidates by the documents holding their pairs' folded pair, an
    // upper bound of their evidence: looking stops once no candidate left
    // can beat the best one seen.
    struct Choice {
      double bound;
      size_t i, k;
    };
    // A common word of a longer query (a topic, a headline) stands beside
    // names and words of other phrases more often than in a pair of its
    // own: its unseen pairs are weak evidence, and the words one edit away
    // of each such word were most of such a query's time (a few hundred
    // look-ups each; `Ông Đặng Thành Tâm trả nợ ngàn tỉ`, 3.4 ms of 7.4).
    // It gets its other accented forms only.
    const int stages = n > ranking::kMaxWordsForAllWordsFirst ? 1 : 2;
    for (int stage = 0; stage < stages && changed == n; ++stage) {
      if (stage == 1) {
        bool more = false;
        for (size_t i = 0; i < n; ++i) {
          if (!suspect[i] || edited[i]) continue;
          add_candidates(db, &words, i, accents_typed, /*edits_too=*/true);
          edited[i] = more = true;
        }
        if (!more) break;
      }
      std::vector<Choice> choices;
      for (size_t i = 0; i < n; ++i) {
        for (size_t k = 1; k < words[i].candidates.size(); ++k) {
          double bound = 0;
          for (size_t j = i > 0 ? i - 1 : i; j <= i && j + 1 < n; ++j) {
            bound += j == i ? evidence.pair_docs(words[i].candidates[k], words[i + 1].norm)
                            : evidence.pair_docs(words[i - 1].norm, words[i].candidates[k]);
          }
          if (bound >= ranking::kSuggestMinDocs) choices.push_back({bound, i, k});
        }
      }
      std::stable_sort(choices.begin(), choices.end(),
                       [](const Choice& a, const Choice& b) { return a.bound > b.bound; });
      double best = 0;
      for (const Choice& c : choices) {
        if (c.bound <= best) break;
        const double f = fit(c.i, words[c.i].candidates[c.k], ranking::kSuggestVerifyDocs);
        if (f > best) best = f, changed = c.i, chosen = c.k;
      }
    }
    if (changed == n) return {};
    // Clearly more than what was typed, counted on a larger sample.
    const double suggested =
        fit(changed, words[changed].candidates[chosen], ranking::kSuggestVerifyTypedDocs);
    double typed = 0;
    for (size_t j = changed > 0 ? changed - 1 : changed; j <= changed && j + 1 < n; ++j) {
      typed += evidence.docs(words[j].norm, words[j + 1].norm, ranking::kSuggestVerifyTypedDocs);
    }
    if (suggested < ranking::kSuggestMinDocs || suggested < ranking::kSuggestRatio * typed) {
      return {};
    }
  }

  // The typed text with the changed word replaced, in the typed capitals.
  std::string out(text);
  const text::Token& t = tokens[changed];
  const std::string_view typed = text.substr(t.start, t.end - t.start);
  out.replace(t.start, t.end - t.start, with_case_of(typed, words[changed].candidates[chosen]));
  return out;
}

}  // namespace vnsearch::searcher
