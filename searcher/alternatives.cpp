#include "searcher/alternatives.h"

#include "common/schema.h"
#include "searcher/forms.h"
#include "searcher/ranking.h"

namespace vnsearch::searcher {
namespace {

std::string join(const std::vector<std::string>& forms) {
  std::string out;
  for (const std::string& f : forms) {
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

// Documents with every exact form of `forms` and every folded pair of
// `folded` (title and lead).
Xapian::doccount count_reading(const Xapian::Database& db, const std::vector<std::string>& folded,
                               const std::vector<std::string>& forms) {
  std::vector<Xapian::Query> terms;
  for (size_t i = 0; i < forms.size(); ++i) {
    terms.emplace_back(std::string(schema::kExactPrefix) + forms[i]);
    if (i > 0) terms.emplace_back(schema::bigram_term(folded[i - 1], folded[i]));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
}

bool complete(const std::vector<std::string>& forms) {
  for (const std::string& f : forms) {
    if (f.empty()) return false;
  }
  return !forms.empty();
}

}  // namespace

std::vector<Alternative> reading_alternatives(const Xapian::Database& db,
                                              const std::vector<ReadRun>& runs) {
  std::vector<Alternative> out;
  if (runs.size() != 1) return out;
  const ReadRun& run = runs[0];
  const RunReading& reading = run.reading;
  std::vector<const std::vector<std::string>*> chosen;
  if (!reading.dominant && complete(reading.forms) && !reading.others.empty() &&
      reading.share >= ranking::kAlternativeMinShare) {
    chosen.push_back(&reading.forms);  // nothing ranked first: the best is a reading too
  }
  for (const RunReading::Chain& chain : reading.others) {
    if (chain.share < ranking::kAlternativeMinShare || chain.weakest < ranking::kReadingMinDocs ||
        !complete(chain.forms)) {
      continue;
    }
    chosen.push_back(&chain.forms);
  }
  if (chosen.size() < 2 && !reading.dominant) return out;  // one reading is no choice
  for (const std::vector<std::string>* forms : chosen) {
    if (out.size() >= ranking::kMaxAlternatives) break;
    out.push_back({join(*forms), count_reading(db, run.folded, *forms)});
  }
  return out;
}

std::vector<Alternative> word_alternatives(const Xapian::Database& db, const ParsedQuery& query) {
  std::vector<Alternative> out;
  const QueryNode& root = query.root;
  if (root.kind != QueryNode::Kind::kAnd || root.children.size() != 1) return out;
  const QueryNode& word = root.children[0];
  if (word.kind != QueryNode::Kind::kWord || word.excluded || word.words.size() != 1 ||
      word.words[0].has_diacritics()) {
    return out;
  }
  const std::vector<FormCount> forms =
      exact_forms(db, word.words[0].folded, ranking::kMaxAlternatives);
  if (forms.empty()) return out;
  for (const FormCount& f : forms) {
    if (f.docs < ranking::kAlternativeMinShare * forms[0].docs ||
        f.docs < static_cast<Xapian::doccount>(ranking::kReadingMinDocs)) {
      break;
    }
    out.push_back({f.form, f.docs});
  }
  if (out.size() < 2) out.clear();
  return out;
}

}  // namespace vnsearch::searcher
