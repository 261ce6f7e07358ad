#include "common/schema.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/hash.h"
#include "common/text/case.h"

namespace vnsearch::schema {

std::string DocumentData::to_json() const {
  nlohmann::json j = {{"path", path}, {"title", title}, {"source", source}, {"category", category},
                      {"date", date}, {"url", url},     {"author", author}, {"text", text}};
  // Replace rather than throw: the text was validated, but data must never
  // make indexing fail.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DocumentData DocumentData::from_json(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw DocumentDataError("document data is not a JSON object");
  DocumentData d;
  auto get = [&j](const char* key) { return j.value(key, std::string()); };
  d.path = get("path");
  d.title = get("title");
  d.source = get("source");
  d.category = get("category");
  d.date = get("date");
  d.url = get("url");
  d.author = get("author");
  d.text = get("text");
  return d;
}

std::string filter_value(std::string_view value) {
  size_t b = 0, e = value.size();
  while (b < e && (value[b] == ' ' || value[b] == '\t')) ++b;
  while (e > b && (value[e - 1] == ' ' || value[e - 1] == '\t')) --e;
  return text::lower_nfc(value.substr(b, e - b));
}

std::string id_term(std::string_view relative_path) {
  std::string t(kIdPrefix);
  // Xapian terms are limited to 245 bytes: long paths keep a readable head and
  // a hash of the whole path, which stays unique.
  constexpr size_t kMaxPlain = 200;
  if (relative_path.size() <= kMaxPlain) {
    t += relative_path;
  } else {
    t += relative_path.substr(0, kMaxPlain);
    t += '#';
    t += hash_hex(relative_path);
  }
  return t;
}

std::string source_term(std::string_view source) {
  return std::string(kSourcePrefix) + filter_value(source);
}

std::string category_term(std::string_view category) {
  return std::string(kCategoryPrefix) + filter_value(category);
}

std::string bigram_term(std::string_view first, std::string_view second) {
  std::string t(kBigramPrefix);
  t += first;
  t += ' ';
  t += second;
  return t;
}

}  // namespace vnsearch::schema
