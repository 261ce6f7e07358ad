#include "searcher/query.h"

#include <cctype>
#include <optional>

#include "common/schema.h"

namespace vnsearch::searcher {
namespace {

using Kind = QueryNode::Kind;

// ---- Dates ---------------------------------------------------------------

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// ---- Lexing ----------------------------------------------------------------

// Byte length of a separator at `s[i]` (ASCII space, NBSP, ideographic space),
// or 0.
size_t space_length(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
  return 0;
}

// Byte length of a phrase quote at `s[i]`: only the ASCII " a person types.
size_t quote_length(std::string_view s, size_t i) { return s[i] == '"' ? 1 : 0; }

// Byte length of a typographic quotation mark at `s[i]` (“ ” « » „). These
// come with text pasted from articles, where they quote a name or a nickname
// inside a headline; as a strict phrase they would drop the articles that
// report the same story in other words, so they only separate words.
// Adjacency still ranks the quoted words together higher.
size_t typographic_quote_length(std::string_view s, size_t i) {
  if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0 ||
      s.compare(i, 3, "\xE2\x80\x9E") == 0) {
    return 3;
  }
  if (s.compare(i, 2, "\xC2\xAB") == 0 || s.compare(i, 2, "\xC2\xBB") == 0) return 2;
  return 0;
}

struct Lexeme {
  enum class Type : uint8_t { kOpen, kClose, kQuoted, kWord };
  Type type;
  std::string text;
  bool minus = false;  ///< written with a leading '-'
};

std::vector<Lexeme> lex(std::string_view s) {
  std::vector<Lexeme> out;
  bool minus = false;
  size_t i = 0;
  while (i < s.size()) {
    if (size_t n = space_length(s, i)) {
      i += n;
      minus = false;  // "- word": a lone minus is punctuation
      continue;
    }
    if (size_t n = typographic_quote_length(s, i)) {
      i += n;  // -“x” still excludes x
      continue;
    }
    if (s[i] == '(' || s[i] == ')') {
      out.push_back({s[i] == '(' ? Lexeme::Type::kOpen : Lexeme::Type::kClose, {}, minus});
      minus = false;
      ++i;
      continue;
    }
    if (size_t q = quote_length(s, i)) {
      size_t j = i + q;
      size_t close = j;
      while (close < s.size() && quote_length(s, close) == 0) ++close;
      if (close == s.size()) {
        // An unclosed quote (a question quoting half a title) is a separator:
        // it must not make the rest of the query one strict phrase.
        i = j;
        minus = false;
        continue;
      }
      out.push_back({Lexeme::Type::kQuoted, std::string(s.substr(j, close - j)), minus});
      minus = false;
      i = close + quote_length(s, close);
      continue;
    }
    if (s[i] == '-') {
      // A leading minus excludes what follows it directly; inside a word
      // (Covid-19) it is part of the word.
      minus = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && space_length(s, j) == 0 && s[j] != '(' && s[j] != ')' &&
           quote_length(s, j) == 0 && typographic_quote_length(s, j) == 0) {
      ++j;
    }
    out.push_back({Lexeme::Type::kWord, std::string(s.substr(i, j - i)), minus});
    minus = false;
    i = j;
  }
  return out;
}

// ---- Parsing -----------------------------------------------------------------

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, text::Analyzer* analyzer)
      : lexemes_(std::move(lexemes)), analyzer_(analyzer) {}

  ParsedQuery parse() {
    ParsedQuery result;
    QueryNode top = parse_or(0);
    if (top.kind == Kind::kAnd) {
      result.root = std::move(top);
    } else {
      result.root.kind = Kind::kAnd;
      result.root.children.push_back(std::move(top));
    }
    result.word_count = word_count_;
    result.truncated = truncated_;
    return result;
  }

 private:
  bool at_end() const { return pos_ >= lexemes_.size() || truncated_; }
  const Lexeme& peek() const { return lexemes_[pos_]; }
  bool at_word(std::string_view w) const {
    return !at_end() && peek().type == Lexeme::Type::kWord && !peek().minus && peek().text == w;
  }

  // or := and ("OR" and)*
  QueryNode parse_or(int depth) {
    QueryNode node;
    node.kind = Kind::kOr;
    for (;;) {
      QueryNode branch = parse_and(depth);
      if (!branch.children.empty()) {
        if (branch.children.size() == 1 && !branch.children[0].excluded &&
            branch.children[0].kind != Kind::kAnd) {
          add_flattened(&node, std::move(branch.children[0]));
        } else {
          node.children.push_back(std::move(branch));
        }
      }
      if (!at_word("OR")) break;
      ++pos_;
    }
    if (node.children.size() == 1 && node.children[0].kind == Kind::kAnd) {
      return std::move(node.children[0]);
    }
    if (node.children.size() <= 1) {
      QueryNode single;
      single.kind = Kind::kAnd;
      single.children = std::move(node.children);
      return single;
    }
    return node;
  }

  // and := unary*, up to OR, a closing parenthesis or the end.
  QueryNode parse_and(int depth) {
    QueryNode node;
    node.kind = Kind::kAnd;
    while (!at_end()) {
      if (at_word("OR")) break;
      if (peek().type == Lexeme::Type::kClose) {
        if (depth > 0) break;
        ++pos_;  // a stray ')' at the top is ignored
        continue;
      }
      if (at_word("AND")) {
        ++pos_;
        continue;
      }
      bool excluded = false;
      if (at_word("NOT")) {
        excluded = true;
        ++pos_;
        if (at_end()) break;
      }
      std::vector<QueryNode> units = parse_unary(depth);
      for (QueryNode& unit : units) {
        if (excluded) unit.excluded = true;
        add_flattened(&node, std::move(unit));
      }
    }
    return node;
  }

  // Adds `child` to `parent`, splicing a group of the same kind into it:
  // (a b) c is a b c, and (a OR b) OR c is a OR b OR c.
  static void add_flattened(QueryNode* parent, QueryNode child) {
    if (!child.excluded && child.kind == parent->kind) {
      for (QueryNode& c : child.children) parent->children.push_back(std::move(c));
    } else {
      parent->children.push_back(std::move(child));
    }
  }

  // One unit: a group, a phrase, a field or a word. Returns no node for
  // what carries no words.
  std::vector<QueryNode> parse_unary(int depth) {
    const Lexeme lexeme = peek();
    ++pos_;
    std::vector<QueryNode> out;
    switch (lexeme.type) {
      case Lexeme::Type::kOpen: {
        if (depth >= kMaxQueryDepth) return out;  // deeper nesting reads as plain words
        QueryNode group = parse_or(depth + 1);
        if (!at_end() && peek().type == Lexeme::Type::kClose) ++pos_;  // unclosed: ends here
        if (group.children.empty()) return out;
        if (group.kind == Kind::kAnd && group.children.size() == 1 && !lexeme.minus) {
          out.push_back(std::move(group.children[0]));
        } else {
          group.excluded = lexeme.minus;
          out.push_back(std::move(group));
        }
        return out;
      }
      case Lexeme::Type::kClose:
        return out;
      case Lexeme::Type::kQuoted: {
        QueryNode phrase;
        phrase.kind = Kind::kPhrase;
        phrase.words = analyze(lexeme.text);
        if (phrase.words.empty()) return out;
        if (phrase.words.size() == 1) phrase.kind = Kind::kWord;
        phrase.excluded = lexeme.minus;
        out.push_back(std::move(phrase));
        return out;
      }
      case Lexeme::Type::kWord:
        break;
    }
    if (auto field = parse_field(lexeme)) {
      if (field->kind != Kind::kAnd) out.push_back(std::move(*field));
      return out;
    }
    QueryNode word;
    word.excluded = lexeme.minus;
    std::string_view raw = lexeme.text;
    if (!raw.empty() && raw.back() == '*') {
      while (!raw.empty() && raw.back() == '*') raw.remove_suffix(1);
      word.kind = Kind::kWildcard;
    } else {
      word.kind = Kind::kWord;
    }
    word.words = analyze(raw);
    if (!word.words.empty()) out.push_back(std::move(word));
    return out;
  }

  // A field filter, if `lexeme` starts with a known field name and a colon.
  // A field with nothing after it yields a node of kind kAnd (dropped).
  std::optional<QueryNode> parse_field(const Lexeme& lexeme) {
    const std::string& raw = lexeme.text;
    const size_t colon = raw.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    std::string name = raw.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    QueryNode node;
    if (name == "source") {
      node.kind = Kind::kSource;
    } else if (name == "category") {
      node.kind = Kind::kCategory;
    } else if (name == "title") {
      node.kind = Kind::kTitle;
    } else if (name == "date") {
      node.kind = Kind::kDate;
    } else {
      return std::nullopt;  // 10:30, http://… and such are text
    }
    node.excluded = lexeme.minus;
    std::string value = raw.substr(colon + 1);
    bool quoted = false;
    if (value.empty() && !at_end() && peek().type == Lexeme::Type::kQuoted && !peek().minus) {
      value = peek().text;
      quoted = true;
      ++pos_;
    }
    QueryNode nothing;  // kAnd without children: dropped by the caller
    switch (node.kind) {
      case Kind::kSource:
      case Kind::kCategory:
        node.value = schema::filter_value(value);
        if (node.value.empty()) return nothing;
        return node;
      case Kind::kDate:
        if (value.empty()) return nothing;
        node.dates = parse_date_range(value, raw + (quoted ? value : ""));
        return node;
      default:
        break;
    }
    node.words = analyze(value);  // title:
    if (node.words.empty()) return nothing;
    return node;
  }

  // The words of `raw`, counted against kMaxQueryWords. Dotted-word labels
  // (kPart) are left out: the whole dotted word is a term of its own.
  std::vector<QueryWord> analyze(std::string_view raw) {
    std::vector<QueryWord> words;
    if (truncated_) return words;
    tokens_.clear();
    analyzer_->analyze(raw, &tokens_);
    for (const text::Token& t : tokens_) {
      if (t.kind == text::TokenKind::kPart) continue;
      if (word_count_ == kMaxQueryWords) {
        truncated_ = true;
        break;
      }
      ++word_count_;
      words.push_back({t.norm, t.folded, {}});
    }
    return words;
  }

  std::vector<Lexeme> lexemes_;
  text::Analyzer* analyzer_;
  std::vector<text::Token> tokens_;
  size_t pos_ = 0;
  size_t word_count_ = 0;
  bool truncated_ = false;
};

bool has_positive_text(const QueryNode& node) {
  if (node.excluded) return false;
  switch (node.kind) {
    case Kind::kWord:
    case Kind::kPhrase:
    case Kind::kWildcard:
    case Kind::kTitle:
      return true;
    case Kind::kAnd:
    case Kind::kOr:
      for (const QueryNode& c : node.children) {
        if (has_positive_text(c)) return true;
      }
      return false;
    default:
      return false;
  }
}

std::string join_norms(const std::vector<QueryWord>& words) {
  std::string s;
  for (const QueryWord& w : words) {
    if (!s.empty()) s += ' ';
    s += w.norm;
  }
  return s;
}

}  // namespace

std::string parse_date_bound(std::string_view text, bool upper, std::string_view what) {
  const std::string error = "invalid date in '" + std::string(what) +
                            "': use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2020-06-30)";
  std::string_view parts[3];
  size_t count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-') {
      if (count == 3) throw QueryError(error);
      parts[count++] = text.substr(start, i - start);
      start = i + 1;
    }
  }
  if (parts[0].size() != 4 || !all_digits(parts[0])) throw QueryError(error);
  std::string out(parts[0]);
  auto two_digits = [&](std::string_view p, int max) {
    if (p.empty() || p.size() > 2 || !all_digits(p)) throw QueryError(error);
    const int v = std::stoi(std::string(p));
    if (v < 1 || v > max) throw QueryError(error);
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
  };
  if (count >= 2) {
    two_digits(parts[1], 12);
  } else {
    out += upper ? "12" : "01";
  }
  if (count == 3) {
    two_digits(parts[2], 31);
  } else {
    out += upper ? "31" : "01";
  }
  return out;
}

DateRange parse_date_range(std::string_view text, std::string_view what) {
  DateRange range;
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    range.from = parse_date_bound(text, false, what);
    range.to = parse_date_bound(text, true, what);
    return range;
  }
  const std::string_view from = text.substr(0, dots);
  const std::string_view to = text.substr(dots + 2);
  if (from.empty() && to.empty()) {
    throw QueryError("invalid date in '" + std::string(what) + "': give at least one end");
  }
  if (!from.empty()) range.from = parse_date_bound(from, false, what);
  if (!to.empty()) range.to = parse_date_bound(to, true, what);
  if (!range.from.empty() && !range.to.empty() && range.from > range.to) {
    throw QueryError("invalid date in '" + std::string(what) +
                     "': the range ends before it starts");
  }
  return range;
}

ParsedQuery parse_query(std::string_view text, text::Analyzer* analyzer) {
  bool blank = true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!space_length(text, i)) {
      blank = false;
      break;
    }
  }
  if (blank) throw QueryError("empty query");
  ParsedQuery parsed = Parser(lex(text), analyzer).parse();
  if (parsed.root.children.empty()) {
    throw QueryError("the query has no words to search for: '" + std::string(text.substr(0, 80)) +
                     "'");
  }
  parsed.has_text = has_positive_text(parsed.root);
  return parsed;
}

std::string describe(const QueryNode& node) {
  std::string s = node.excluded ? "-" : "";
  switch (node.kind) {
    case Kind::kWord:
      if (node.words.size() == 1) return s + node.words[0].norm;
      return s + "[" + join_norms(node.words) + "]";
    case Kind::kPhrase:
      return s + "\"" + join_norms(node.words) + "\"";
    case Kind::kWildcard:
      if (node.words.size() == 1) return s + node.words[0].norm + "*";
      return s + "[" + join_norms(node.words) + "*]";
    case Kind::kTitle:
      if (node.words.size() == 1) return s + "title:" + node.words[0].norm;
      return s + "title:\"" + join_norms(node.words) + "\"";
    case Kind::kSource:
      return s + "source:" + node.value;
    case Kind::kCategory:
      return s + "category:" + node.value;
    case Kind::kDate:
      return s + "date:" + node.dates.from + ".." + node.dates.to;
    case Kind::kAnd:
    case Kind::kOr: {
      s += node.kind == Kind::kAnd ? "AND(" : "OR(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i) s += ' ';
        s += describe(node.children[i]);
      }
      return s + ")";
    }
  }
  return s;
}

bool typed_without_diacritics(const QueryNode& node) {
  if (node.excluded) return true;
  for (const QueryWord& w : node.words) {
    if (w.has_diacritics()) return false;
  }
  for (const QueryNode& c : node.children) {
    if (!typed_without_diacritics(c)) return false;
  }
  return true;
}

bool typed_with_accents(const ParsedQuery& query) {
  return query.has_text && !typed_without_diacritics(query.root);
}

bool phrases_to_words(ParsedQuery* query) {
  QueryNode& root = query->root;
  if (root.kind != QueryNode::Kind::kAnd || root.excluded) return false;
  std::vector<QueryNode> children;
  bool changed = false;
  for (QueryNode& c : root.children) {
    if (c.kind != QueryNode::Kind::kPhrase || c.excluded) {
      children.push_back(std::move(c));
      continue;
    }
    changed = true;
    for (QueryWord& w : c.words) {
      QueryNode word;
      word.kind = QueryNode::Kind::kWord;
      word.words.push_back(std::move(w));
      children.push_back(std::move(word));
    }
  }
  root.children = std::move(children);
  return changed;
}

}  // namespace vnsearch::searcher
