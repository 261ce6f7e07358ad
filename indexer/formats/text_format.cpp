// @brief Reader for plain-text articles: "# key = value" headers, a title line, paragraphs.
#include "indexer/formats/text_format.h"

#include <algorithm>
#include <cctype>

#include "common/schema.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

constexpr size_t kMaxTitleCodePoints = 200;
constexpr size_t kMaxTitleWords = 30;
constexpr size_t kMaxLeadHostBytes = 64;

constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_identifier(std::string_view key) {
  return !key.empty() &&
         (std::isalpha(static_cast<unsigned char>(key.front())) || key.front() == '_') &&
         std::all_of(key.begin(), key.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

/// Splits "# key = value" into key and value; false for any other line.
bool parse_header_line(std::string_view line, std::string* key, std::string_view* value) {
  if (line.empty() || line.front() != '#') return false;
  const size_t equals = line.find('=');
  if (equals == std::string_view::npos) return false;
  const std::string_view raw_key = trim(line.substr(1, equals - 1));
  if (!is_identifier(raw_key)) return false;
  *key = ascii_lower(raw_key);
  *value = trim(line.substr(equals + 1));
  return true;
}

/// Stores a known header in `*article`; unknown keys are ignored.
void apply_header(const std::string& key, std::string_view value, Article* article) {
  if (value.empty()) return;
  const std::string text(value);
  if (key == "doc_id") {
    article->doc_id = text;
  } else if (key == "url") {
    article->url = text;
  } else if (key == "date") {
    article->date = text;
  } else if (key == "title") {
    article->title = text;
    article->title_source = schema::kTitleFromHeader;
  } else if (key == "source") {
    article->source = normalize_source(text);
  } else if (key == "category") {
    article->category = text;
  } else if (key == "author") {
    article->author = text;
  }
}

bool has_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
}

}  // namespace

bool looks_like_title(std::string_view line) {
  line = trim(line);
  if (line.empty() || !has_letter(line)) return false;
  if (count_code_points(line) > kMaxTitleCodePoints || count_words(line) > kMaxTitleWords) {
    return false;
  }
  if (ends_with(line, "?") || ends_with(line, "!")) return source_from_lead(line).empty();
  if (ends_with(line, ".") || ends_with(line, ",") || ends_with(line, ";") ||
      ends_with(line, ":") || ends_with(line, kEllipsis)) {
    return false;
  }
  return source_from_lead(line).empty();
}

std::string source_from_lead(std::string_view paragraph) {
  paragraph = trim(paragraph);
  std::string_view host;
  std::string_view rest;
  if (!paragraph.empty() && paragraph.front() == '(') {
    const size_t close = paragraph.find(')');
    if (close == std::string_view::npos || close > kMaxLeadHostBytes) return "";
    host = trim(paragraph.substr(1, close - 1));
    rest = paragraph.substr(close + 1);
  } else {
    size_t end = 0;
    while (end < paragraph.size() && end <= kMaxLeadHostBytes &&
           (std::isalnum(static_cast<unsigned char>(paragraph[end])) || paragraph[end] == '.' ||
            paragraph[end] == '-')) {
      ++end;
    }
    while (end > 0 && paragraph[end - 1] == '-') --end;  // "KONTUMTV.VN-" ends in the dash
    host = paragraph.substr(0, end);
    rest = paragraph.substr(end);
  }
  rest = trim(rest);
  const bool dash_follows = rest.substr(0, 1) == "-" || rest.substr(0, kEnDash.size()) == kEnDash ||
                            rest.substr(0, kEmDash.size()) == kEmDash;
  if (!dash_follows || !looks_like_host(host)) return "";
  return host_from_url(host);
}

Article parse_text_article(std::string_view text) {
  Article article;
  const std::vector<std::string> lines = split_paragraphs(text);
  size_t next = 0;
  std::string key;
  std::string_view value;
  while (next < lines.size() && parse_header_line(lines[next], &key, &value)) {
    apply_header(key, value, &article);
    ++next;
  }
  if (article.title.empty() && next + 1 < lines.size() && looks_like_title(lines[next])) {
    article.title = lines[next++];
    article.title_source = schema::kTitleFromFirstLine;
  }
  article.body = join_paragraphs(std::vector<std::string>(lines.begin() + next, lines.end()));
  return article;
}

}  // namespace vnsearch::indexer
