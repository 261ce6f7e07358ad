#include "searcher/snippet.h"

#include <algorithm>

#include "searcher/shape_filter.h"

namespace vnsearch::searcher {
namespace {

using Kind = QueryNode::Kind;

constexpr std::string_view kEllipsis = "…";

template <typename T>
void add_distinct(std::vector<T>* list, const T& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

HighlightWord highlight_word(const QueryWord& w, bool exact_accents) {
  const bool exact = exact_accents && w.has_diacritics();
  return {exact ? w.norm : w.folded, exact};
}

void collect(const QueryNode& node, bool exact_accents, HighlightQuery* q) {
  if (node.excluded) return;
  switch (node.kind) {
    case Kind::kPhrase: {
      std::vector<HighlightWord> phrase;
      for (const QueryWord& w : node.words) phrase.push_back(highlight_word(w, exact_accents));
      if (phrase.size() == 1) {
        add_distinct(&q->words, phrase[0]);
      } else {
        add_distinct(&q->phrases, phrase);
      }
      return;
    }
    case Kind::kWord:
    case Kind::kTitle:
      for (size_t i = 0; i < node.words.size(); ++i) {
        add_distinct(&q->words, highlight_word(node.words[i], exact_accents));
        if (i > 0) {
          q->pairs.emplace_back(highlight_word(node.words[i - 1], exact_accents),
                                highlight_word(node.words[i], exact_accents));
        }
      }
      return;
    case Kind::kWildcard:
      for (size_t i = 0; i + 1 < node.words.size(); ++i)
        add_distinct(&q->words, highlight_word(node.words[i], exact_accents));
      add_distinct(&q->prefixes, node.words.back().folded);
      return;
    case Kind::kAnd:
    case Kind::kOr: {
      const QueryWord* previous = nullptr;
      for (const QueryNode& c : node.children) {
        collect(c, exact_accents, q);
        const bool single = !c.excluded && c.kind == Kind::kWord && c.words.size() == 1;
        if (single && previous && node.kind == Kind::kAnd) {
          q->pairs.emplace_back(highlight_word(*previous, exact_accents),
                                highlight_word(c.words[0], exact_accents));
        }
        previous = single ? &c.words[0] : nullptr;
      }
      return;
    }
    default:
      return;
  }
}

bool matches(const HighlightWord& word, const text::Token& token) {
  return word.form == (word.exact ? token.norm : token.folded);
}

bool is_space_before(std::string_view s, size_t i) {  // the byte(s) ending at i
  const char c = s[i - 1];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  return i >= 2 && s[i - 2] == '\xC2' && s[i - 1] == '\xA0';
}

bool is_space_at(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  return i + 1 < s.size() && s[i] == '\xC2' && s[i + 1] == '\xA0';
}

// True when the text between two words ends a sentence.
bool ends_sentence(std::string_view gap) {
  for (char c : gap) {
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r') return true;
  }
  return gap.find(kEllipsis) != std::string_view::npos;
}

struct Word {
  uint32_t start;
  uint32_t end;
  uint32_t position;
  /// Index into HighlightQuery::words, then its prefixes, then its phrases
  /// (one index per phrase, for every word of an occurrence), or -1.
  int match;
  const text::Token* token;
};

struct Sentence {
  size_t first;  ///< word index
  size_t last;   ///< one past
  uint32_t start;
  uint32_t end;
};

struct Window {
  size_t first, last;   // word range
  uint32_t start, end;  // byte range
  bool cut_start, cut_end;
  long score = 0;
  uint32_t lead = 0;  // characters before the first match
};

class PassageFinder {
 public:
  PassageFinder(std::string_view body, const std::vector<text::Token>& tokens,
                const HighlightQuery& query, const PassageOptions& options)
      : body_(body), query_(query), options_(options) {
    for (const HighlightWord& w : query.words)
      (w.exact ? exact_shapes_ : folded_shapes_).add(w.form);
    find_words(tokens);
    cumulative_.assign(body.size() + 1, 0);
    for (size_t i = 0; i < body.size(); ++i) {
      cumulative_[i + 1] = cumulative_[i] + (starts_char(body, i) ? 1 : 0);
    }
    find_sentences();
  }

  const std::vector<std::pair<uint32_t, uint32_t>>& highlights() const { return highlights_; }

  std::vector<Snippet> run() {
    if (words_.empty()) return {};
    std::vector<Window> candidates;
    for (size_t k = 0; k < sentences_.size(); ++k) add_windows_from(k, &candidates);
    for (Window& w : candidates) score(&w);
    std::vector<Window> ranked = candidates;
    std::stable_sort(ranked.begin(), ranked.end(), [](const Window& a, const Window& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.lead != b.lead) return a.lead < b.lead;
      return a.start < b.start;
    });
    std::vector<Window> chosen;
    for (const Window& w : ranked) {
      if (chosen.size() >= options_.passages || w.score <= 0) break;
      bool overlaps = false;
      for (const Window& c : chosen) {
        // Articles often repeat their lead in the body: show a sentence once.
        overlaps |=
            (w.start < c.end && c.start < w.end) ||
            body_.substr(w.start, w.end - w.start) == body_.substr(c.start, c.end - c.start);
      }
      if (!overlaps) chosen.push_back(w);
    }
    if (chosen.empty() && options_.passages > 0) chosen.push_back(candidates.front());
    std::sort(chosen.begin(), chosen.end(),
              [](const Window& a, const Window& b) { return a.start < b.start; });
    std::vector<Snippet> out;
    for (const Window& w : chosen) out.push_back(render(w));
    return out;
  }

 private:
  static bool starts_char(std::string_view s, size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) return false;
    // U+0300–U+036F (CC 80 … CD AF): combining marks do not add a character.
    if (c == 0xCC) return false;
    if (c == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xAF) {
      return false;
    }
    return true;
  }

  uint32_t chars(uint32_t from, uint32_t to) const { return cumulative_[to] - cumulative_[from]; }

  int match(const text::Token& token) const {
    if (exact_shapes_.may_contain(token.norm) || folded_shapes_.may_contain(token.folded)) {
      for (size_t i = 0; i < query_.words.size(); ++i) {
        if (matches(query_.words[i], token)) return static_cast<int>(i);
      }
    }
    for (size_t i = 0; i < query_.prefixes.size(); ++i) {
      if (token.folded.compare(0, query_.prefixes[i].size(), query_.prefixes[i]) == 0) {
        return static_cast<int>(query_.words.size() + i);
      }
    }
    return -1;
  }

  void find_words(const std::vector<text::Token>& tokens) {
    for (const text::Token& t : tokens) {
      if (t.kind != text::TokenKind::kPart) {
        const int m = match(t);
        words_.push_back({t.start, t.end, t.position, m, &t});
        if (m >= 0) highlights_.emplace_back(t.start, t.end);
      } else if (!words_.empty() && words_.back().match < 0) {
        // kontumtv of kontumtv.vn: highlight just the label.
        const int m = match(t);
        if (m >= 0) {
          highlights_.emplace_back(t.start, t.end);
          if (words_.back().match < 0) words_.back().match = m;
        }
      }
    }
    find_phrases();
    std::sort(highlights_.begin(), highlights_.end());
    highlights_.erase(std::unique(highlights_.begin(), highlights_.end()), highlights_.end());
  }

  // Marks the occurrences of quoted phrases: their words in order at
  // consecutive positions, and nowhere else.
  void find_phrases() {
    const size_t first_id = query_.words.size() + query_.prefixes.size();
    for (size_t p = 0; p < query_.phrases.size(); ++p) {
      const std::vector<HighlightWord>& phrase = query_.phrases[p];
      for (size_t i = 0; i + phrase.size() <= words_.size(); ++i) {
        bool found = true;
        for (size_t k = 0; found && k < phrase.size(); ++k) {
          const Word& w = words_[i + k];
          found = matches(phrase[k], *w.token) &&
                  (k == 0 || w.position == words_[i + k - 1].position + 1);
        }
        if (!found) continue;
        for (size_t k = 0; k < phrase.size(); ++k) {
          Word& w = words_[i + k];
          if (w.match < 0) w.match = static_cast<int>(first_id + p);
          highlights_.emplace_back(w.start, w.end);
        }
      }
    }
  }

  void find_sentences() {
    size_t first = 0;
    for (size_t i = 0; i < words_.size(); ++i) {
      const bool last = i + 1 == words_.size();
      if (!last &&
          !ends_sentence(body_.substr(words_[i].end, words_[i + 1].start - words_[i].end))) {
        continue;
      }
      Sentence s{first, i + 1, words_[first].start, words_[i].end};
      // Take in the punctuation and quotes that touch the sentence.
      const uint32_t floor = sentences_.empty() ? 0 : sentences_.back().end;
      while (s.start > floor && !is_space_before(body_, s.start)) --s.start;
      const uint32_t ceiling = last ? static_cast<uint32_t>(body_.size()) : words_[i + 1].start;
      while (s.end < ceiling && !is_space_at(body_, s.end)) ++s.end;
      // Never stop inside a UTF-8 sequence.
      while (s.end < body_.size() && (static_cast<unsigned char>(body_[s.end]) & 0xC0) == 0x80) {
        ++s.end;
      }
      sentences_.push_back(s);
      first = i + 1;
    }
  }

  void add_windows_from(size_t k, std::vector<Window>* out) const {
    const size_t limit = options_.length;
    const Sentence& s = sentences_[k];
    if (chars(s.start, s.end) <= limit) {
      size_t m = k;
      while (m + 1 < sentences_.size() && chars(s.start, sentences_[m + 1].end) <= limit) ++m;
      out->push_back({s.first, sentences_[m].last, s.start, sentences_[m].end, false, false});
      return;
    }
    // A sentence too long for a passage: windows around its matches, with a
    // third of the length as context before the match.
    std::vector<size_t> anchors = {s.first};
    for (size_t j = s.first; j < s.last; ++j) {
      if (words_[j].match >= 0) anchors.push_back(j);
    }
    size_t previous_first = SIZE_MAX;
    for (size_t anchor : anchors) {
      size_t first = anchor;
      while (first > s.first && chars(words_[first - 1].start, words_[anchor].start) <= limit / 3) {
        --first;
      }
      if (first == previous_first) continue;
      previous_first = first;
      const uint32_t start = first == s.first ? s.start : words_[first].start;
      size_t last = first + 1;
      while (last < s.last && chars(start, words_[last].end) <= limit) ++last;
      const bool cut_end = last < s.last;
      out->push_back(
          {first, last, start, cut_end ? words_[last - 1].end : s.end, first != s.first, cut_end});
    }
  }

  void score(Window* w) const {
    std::vector<bool> seen(query_.words.size() + query_.prefixes.size() + query_.phrases.size(),
                           false);
    long distinct = 0, adjacent = 0, total = 0;
    bool found_first = false;
    for (size_t i = w->first; i < w->last; ++i) {
      const int m = words_[i].match;
      if (m < 0) continue;
      if (!found_first) {
        w->lead = chars(w->start, words_[i].start);
        found_first = true;
      }
      ++total;
      if (!seen[static_cast<size_t>(m)]) {
        seen[static_cast<size_t>(m)] = true;
        ++distinct;
      }
      if (i + 1 < w->last && words_[i + 1].match >= 0 &&
          words_[i + 1].position == words_[i].position + 1 && is_pair(m, words_[i + 1].match)) {
        ++adjacent;
      }
    }
    w->score = distinct * 10000 + adjacent * 100 + std::min(total, 99L);
  }

  bool is_pair(int a, int b) const {
    const size_t n = query_.words.size();
    if (a < 0 || b < 0 || static_cast<size_t>(a) >= n || static_cast<size_t>(b) >= n) return false;
    for (const auto& [x, y] : query_.pairs) {
      if (x == query_.words[static_cast<size_t>(a)] && y == query_.words[static_cast<size_t>(b)]) {
        return true;
      }
    }
    return false;
  }

  Snippet render(const Window& w) const {
    Snippet snippet;
    if (w.cut_start) snippet.text += kEllipsis;
    const uint32_t shift = static_cast<uint32_t>(snippet.text.size());
    snippet.text += body_.substr(w.start, w.end - w.start);
    for (const auto& [a, b] : highlights_) {
      if (a >= w.start && b <= w.end)
        snippet.highlights.emplace_back(a - w.start + shift, b - w.start + shift);
    }
    if (w.cut_end) snippet.text += kEllipsis;
    return snippet;
  }

  std::string_view body_;
  const HighlightQuery& query_;
  const PassageOptions& options_;
  std::vector<Word> words_;
  std::vector<Sentence> sentences_;
  std::vector<std::pair<uint32_t, uint32_t>> highlights_;
  std::vector<uint32_t> cumulative_;
  ShapeFilter exact_shapes_, folded_shapes_;  // of query_.words, by the form each compares
};

}  // namespace

HighlightQuery HighlightQuery::from(const ParsedQuery& query, bool exact_accents) {
  HighlightQuery q;
  collect(query.root, exact_accents, &q);
  return q;
}

size_t char_count(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80 || c == 0xCC) continue;
    if (c == 0xCD && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0xAF)
      continue;
    ++n;
  }
  return n;
}

Snippet join_snippets(const std::vector<Snippet>& parts, std::string_view separator) {
  Snippet out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out.text += separator;
    const uint32_t shift = static_cast<uint32_t>(out.text.size());
    out.text += parts[i].text;
    for (const auto& [a, b] : parts[i].highlights)
      out.highlights.emplace_back(a + shift, b + shift);
  }
  return out;
}

Snippet SnippetMaker::highlight(std::string_view text, const HighlightQuery& query) {
  tokens_.clear();
  analyzer_.analyze(text, &tokens_);
  const PassageOptions unused;
  Snippet s;
  s.text = std::string(text);
  s.highlights = PassageFinder(text, tokens_, query, unused).highlights();
  return s;
}

std::vector<Snippet> SnippetMaker::passages(std::string_view body, const HighlightQuery& query,
                                            const PassageOptions& options) {
  tokens_.clear();
  analyzer_.analyze(body, &tokens_);
  return PassageFinder(body, tokens_, query, options).run();
}

}  // namespace vnsearch::searcher
