// @brief The vnsearch query language: words, "phrases", -exclusions, OR,
// parentheses, field filters and wildcards, parsed into a small tree whose
// words went through the same text::Analyzer as the documents.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace vnsearch::searcher {

/// A query the user must fix (bad date, no words at all). Its message is
/// shown as is.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One analysed query word.
struct QueryWord {
  std::string norm;    ///< text::Token::norm (NFC, case-folded, new-style tones)
  std::string folded;  ///< text::Token::folded (no diacritics)
  /// The exact form the dominant reading chose for a word typed without
  /// diacritics ("đảng" for "dang"), or in a long run without one the form
  /// of the word's clearest pair; filled in by the search, not the parser.
  std::string reading;
  bool has_diacritics() const { return norm != folded; }
};

/// An inclusive date range as "YYYYMMDD" strings; an empty bound is open.
struct DateRange {
  std::string from;
  std::string to;
  bool empty() const { return from.empty() && to.empty(); }
};

/// Parses a date bound "YYYY", "YYYY-MM" or "YYYY-MM-DD" into "YYYYMMDD":
/// the first day covered when `upper` is false, the last one when true
/// ("2020-02" upper → "20200231", which sorts after every February date).
/// Throws QueryError naming `what` on anything else.
std::string parse_date_bound(std::string_view text, bool upper, std::string_view what);

/// Parses "A..B", "A..", "..B" or "A" (a whole year, month or day).
DateRange parse_date_range(std::string_view text, std::string_view what);

struct QueryNode {
  enum class Kind : uint8_t {
    kWord,      ///< a typed word; several words when the analyzer split it (Covid-19)
    kPhrase,    ///< "quoted words"
    kWildcard,  ///< kinh*: words holds the prefix (several: split word, last is the prefix)
    kTitle,     ///< title:word or title:"phrase"
    kSource,    ///< source:NAME, value = schema::filter_value(NAME)
    kCategory,  ///< category:NAME
    kDate,      ///< date:RANGE
    kAnd,       ///< children side by side; ranking decides how strictly
    kOr,        ///< children joined by OR
  };
  Kind kind = Kind::kAnd;
  bool excluded = false;  ///< -x or NOT x
  std::vector<QueryWord> words;
  std::string value;
  DateRange dates;
  std::vector<QueryNode> children;
};

struct ParsedQuery {
  QueryNode root;  ///< kAnd or kOr
  size_t word_count = 0;
  bool truncated = false;  ///< words past kMaxQueryWords were dropped
  /// True when some positive node carries words (not only filters/exclusions).
  bool has_text = false;
};

/// Pasted text is cut to this many words; more only slows the search down.
inline constexpr size_t kMaxQueryWords = 64;
/// Deeper parentheses are read as plain grouping of the rest.
inline constexpr int kMaxQueryDepth = 16;

/// Parses `text` leniently: an unclosed quote (straight or typographic) is a
/// plain separator (it must not make the rest of a pasted question one strict
/// phrase), an unclosed parenthesis ends at the end of the query, and stray
/// `)`, lone `-`, dangling OR and punctuation-only words are ignored. Throws QueryError when
/// nothing searchable is left or a date is malformed.
ParsedQuery parse_query(std::string_view text, text::Analyzer* analyzer);

/// A compact, stable rendering of the tree for tests and debugging, e.g.
/// `AND(dang vien -"đường phố" source:vnexpress.net date:20200101..20200631)`.
std::string describe(const QueryNode& node);

/// True when no positive word of the query carries diacritics.
bool typed_without_diacritics(const QueryNode& node);

/// True when some word of a query with text was typed with diacritics.
bool typed_with_accents(const ParsedQuery& query);

/// Whether a word's own form is meant, not every accented form of it: it was
/// typed with diacritics, or without them in a query typed with them
/// (`Milan`, `2013`). The matcher's boosts and the rescoring agree on it.
inline bool own_form_meant(const QueryWord& word, bool accents_typed) {
  return word.has_diacritics() || accents_typed;
}

/// Turns the quoted phrases written side by side with the other words at the
/// top of `query` (not excluded ones, not inside OR groups) into their
/// words, in place, for the searcher's fallback when no article holds a
/// phrase: a pasted headline quotes a few of its words for emphasis
/// (Conte diễn "vũ điệu hoang dại"). Returns false when there was none.
bool phrases_to_words(ParsedQuery* query);

}  // namespace vnsearch::searcher
