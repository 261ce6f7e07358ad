// @brief Reader for JSON articles: one object, an array of objects, or JSON Lines.
#include "indexer/formats/json_format.h"

#include <cmath>
#include <initializer_list>
#include <map>

#include <nlohmann/json.hpp>

#include "indexer/formats/html_format.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

using nlohmann::json;

/// Lower-cased key → value, first occurrence wins, so "Title" works too.
using FieldMap = std::map<std::string, const json*>;

FieldMap fields_of(const json& object) {
  FieldMap fields;
  for (auto it = object.begin(); it != object.end(); ++it) {
    fields.emplace(ascii_lower(it.key()), &it.value());
  }
  return fields;
}

/// The text of a scalar: strings as they are, whole numbers in decimal.
std::string scalar_text(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return value.get_ref<const std::string&>();
    case json::value_t::number_integer:
      return std::to_string(value.get<int64_t>());
    case json::value_t::number_unsigned:
      return std::to_string(value.get<uint64_t>());
    case json::value_t::number_float: {
      const double number = value.get<double>();
      if (std::isfinite(number) && std::fabs(number) < 1e17) {
        return std::to_string(static_cast<int64_t>(number));
      }
      return "";
    }
    default:
      return "";
  }
}

/// A scalar, or an object's "name" / "rendered" (WordPress) scalar.
std::string named_text(const json& value) {
  if (value.is_object()) {
    for (const char* key : {"name", "rendered", "title", "value"}) {
      const auto found = value.find(key);
      if (found != value.end()) return scalar_text(*found);
    }
    return "";
  }
  return scalar_text(value);
}

/// The text of a metadata field: a scalar, a named object, or the first
/// such element of an array ("authors": ["A", "B"] → "A").
std::string field_text(const json& value) {
  if (!value.is_array()) return named_text(value);
  for (const json& element : value) {
    std::string text = named_text(element);
    if (!trim(text).empty()) return text;
  }
  return "";
}

/// The text of a body field; an array of strings is a list of paragraphs.
std::string body_text(const json& value) {
  if (!value.is_array()) return named_text(value);
  std::string text;
  for (const json& element : value) {
    const std::string paragraph = named_text(element);
    if (trim(paragraph).empty()) continue;
    if (!text.empty()) text.push_back('\n');
    text += paragraph;
  }
  return text;
}

/// The first of `keys` whose value has text.
std::string first_field(const FieldMap& fields, std::initializer_list<const char*> keys,
                        std::string (*text_of)(const json&) = field_text) {
  for (const char* key : keys) {
    const auto found = fields.find(key);
    if (found == fields.end()) continue;
    std::string text = text_of(*found->second);
    if (!trim(text).empty()) return std::string(trim(text));
  }
  return "";
}

/// A title with markup or entities ("&#8211;", "&amp;") as plain text.
std::string plain_title(const std::string& title) {
  const bool entity = title.find('&') != std::string::npos && title.find(';') != std::string::npos;
  return collapse_whitespace(entity || looks_like_html(title) ? html_to_text(title) : title);
}

/// A body with markup as plain paragraphs; line breaks in plain text matter,
/// so only real markup goes through the HTML parser.
std::string plain_body(const std::string& body) {
  return looks_like_html(body) ? html_to_text(body) : body;
}

/// The article in `object`; false when it has neither title nor body.
bool article_from_object(const json& object, Article* article) {
  const FieldMap fields = fields_of(object);
  article->title = plain_title(first_field(fields, {"title", "headline", "name"}));
  article->body = plain_body(
      first_field(fields, {"content", "body", "text", "article", "description"}, body_text));
  if (article->title.empty() && trim(article->body).empty()) return false;
  article->url = first_field(fields, {"url", "link"});
  article->date = first_field(
      fields, {"date", "published", "published_at", "publish_date", "time", "created_at"});
  article->source =
      normalize_source(first_field(fields, {"source", "site", "publisher", "domain"}));
  article->category = collapse_whitespace(first_field(fields, {"category", "section", "topic"}));
  article->author = collapse_whitespace(first_field(fields, {"author", "authors", "byline"}));
  article->doc_id = first_field(fields, {"id", "doc_id", "_id"});
  return true;
}

/// The array of articles an object wraps ({"articles": [...]}), or nullptr.
const json* wrapped_array(const json& object) {
  for (const char* key : {"articles", "items", "data", "posts", "results", "news"}) {
    const auto found = object.find(key);
    if (found != object.end() && found->is_array()) return &*found;
  }
  return nullptr;
}

/// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string parse_error_message(const std::exception& error) {
  std::string message = error.what();
  if (message.compare(0, 1, "[") == 0) {
    const size_t close = message.find("] ");
    if (close != std::string::npos) message.erase(0, close + 2);
  }
  return message;
}

/// One record of a JSON Lines file or a JSON array (`label` says which, for
/// warnings): an article with id suffix "#<number>", or a warning.
void add_record(const json& value, const std::string& label, size_t number, JsonArticles* result) {
  if (!value.is_object()) {
    result->warnings.push_back(label + ": not an object, skipped");
    return;
  }
  Article article;
  if (!article_from_object(value, &article)) {
    result->warnings.push_back(label + ": no title or text, skipped");
    return;
  }
  article.id_suffix = "#" + std::to_string(number);
  result->articles.push_back(std::move(article));
}

void read_json_lines(std::string_view text, JsonArticles* result) {
  size_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    const std::string label = "line " + std::to_string(line_number);
    const json value = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
      result->warnings.push_back(label + ": not JSON, skipped");
      continue;
    }
    add_record(value, label, line_number, result);
  }
  if (result->articles.empty()) result->error = "no valid JSON object";
}

void read_json_array(const json& array, JsonArticles* result) {
  size_t element_number = 0;
  for (const json& element : array) {
    ++element_number;
    add_record(element, "element " + std::to_string(element_number), element_number, result);
  }
  if (result->articles.empty()) result->error = "no article in the JSON array";
}

/// Several lines, the first of them a JSON object: JSON Lines named .json.
bool looks_like_json_lines(std::string_view text) {
  const std::string_view trimmed = trim(text);
  const size_t newline = trimmed.find('\n');
  if (newline == std::string_view::npos) return false;
  const std::string_view first_line = trim(trimmed.substr(0, newline));
  const json value =
      json::parse(first_line.begin(), first_line.end(), nullptr, /*allow_exceptions=*/false);
  return !value.is_discarded() && value.is_object();
}

}  // namespace

JsonArticles parse_json_articles(std::string_view text, bool json_lines) {
  JsonArticles result;
  if (json_lines) {
    read_json_lines(text, &result);
    return result;
  }
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    if (looks_like_json_lines(text)) {
      read_json_lines(text, &result);
    } else {
      result.error = "not valid JSON: " + parse_error_message(error);
    }
    return result;
  }
  if (document.is_array()) {
    read_json_array(document, &result);
  } else if (document.is_object()) {
    Article article;
    if (article_from_object(document, &article)) {
      result.articles.push_back(std::move(article));
    } else if (const json* array = wrapped_array(document)) {
      read_json_array(*array, &result);
    } else {
      result.error = "JSON object has no title or text";
    }
  } else {
    result.error = "JSON holds no object";
  }
  return result;
}

}  // namespace vnsearch::indexer
