// @brief Passages and highlights for a hit: the best sentence-bounded windows
// of the stored text, with the byte ranges of words that match the query,
// found by re-analysing the text with the same text::Analyzer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/text/analyzer.h"
#include "searcher/query.h"

namespace vnsearch::searcher {

/// A piece of text and the byte ranges [start, end) in it to highlight:
/// sorted, not overlapping, each on UTF-8 character boundaries. The data;
/// renderers (snippet_render.h) decide how it looks.
struct Snippet {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> highlights;
  bool operator==(const Snippet& o) const { return text == o.text && highlights == o.highlights; }
};

/// What to highlight: a token matches when its folded form equals one of
/// `words` or starts with one of `prefixes`, so exact and folded matches and
/// phrase words are all marked.
/// A query word as highlighting compares it with the text's tokens.
struct HighlightWord {
  std::string form;    ///< Token::norm when `exact`, else Token::folded
  bool exact = false;  ///< typed with diacritics (and accents are exact)
  bool operator==(const HighlightWord& other) const {
    return form == other.form && exact == other.exact;
  }
};

struct HighlightQuery {
  /// Words highlighted wherever they stand: distinct, in query order.
  std::vector<HighlightWord> words;
  std::vector<std::string> prefixes;  ///< folded wildcard prefixes
  /// Quoted phrases: highlighted only where all their words stand in order.
  std::vector<std::vector<HighlightWord>> phrases;
  /// Words adjacent in the query: passages where they stand side by side in
  /// the text are preferred.
  std::vector<std::pair<HighlightWord, HighlightWord>> pairs;

  /// With `exact_accents`, a word typed with diacritics is highlighted only
  /// in its own form, as it matched (see CompileOptions::exact_accents).
  static HighlightQuery from(const ParsedQuery& query, bool exact_accents = true);
};

struct PassageOptions {
  size_t passages = 2;  ///< most passages per hit
  size_t length = 200;  ///< characters per passage, at most (words are never cut)
};

/// Joins snippets with `separator` (" … "), shifting highlights.
Snippet join_snippets(const std::vector<Snippet>& parts, std::string_view separator = " … ");

/// Number of characters of UTF-8 `text`, combining marks not counted.
size_t char_count(std::string_view text);

/// Makes snippets; holds an Analyzer, so use one per thread.
class SnippetMaker {
 public:
  /// The whole of `text` (a title) with its matching words highlighted.
  Snippet highlight(std::string_view text, const HighlightQuery& query);

  /// Up to options.passages windows of `body` with the most distinct query
  /// words (adjacent query pairs next, then the number of matches), each made
  /// of whole sentences when they fit in options.length characters, otherwise
  /// a part of one sentence around its matches marked with "…". They come in
  /// text order. With no match at all: the start of the body.
  std::vector<Snippet> passages(std::string_view body, const HighlightQuery& query,
                                const PassageOptions& options);

 private:
  text::Analyzer analyzer_;
  std::vector<text::Token> tokens_;
};

}  // namespace vnsearch::searcher
