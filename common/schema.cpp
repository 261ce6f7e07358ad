#include "common/schema.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/hash.h"
#include "common/text/case.h"
#include "common/text/utf8.h"
#include "common/text/vietnamese.h"

namespace vnsearch::schema {
namespace {

std::string hex_bytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  return hex;
}

std::string bytes_of_hex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1]));
  }
  return bytes;
}

bool ends_with_ascii_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Reads a JSON object whose values are all strings, as to_json() writes
// it, calling `field(key, value)` for each member; false on anything else
// (another value type, broken JSON), which nlohmann then reads. Why: the
// document data holds the article's text, and nlohmann's lexer checks it a
// byte at a time into a DOM, an eighth of a short query's instructions
// (every hit's data is read for its passages). Strings are not checked for
// valid UTF-8: to_json() wrote them.
class FlatObjectReader {
 public:
  explicit FlatObjectReader(std::string_view json) : json_(json) {}

  template <typename Field>
  bool read(Field field) {
    skip_space();
    if (!consume('{')) return false;
    skip_space();
    if (consume('}')) return at_end();
    std::string key, value;
    while (true) {
      skip_space();
      if (!read_string(&key)) return false;
      skip_space();
      if (!consume(':')) return false;
      skip_space();
      if (!read_string(&value)) return false;
      field(key, std::move(value));
      skip_space();
      if (consume('}')) return at_end();
      if (!consume(',')) return false;
    }
  }

 private:
  bool at_end() {
    skip_space();
    return at_ == json_.size();
  }
  void skip_space() {
    while (at_ < json_.size() &&
           (json_[at_] == ' ' || json_[at_] == '\n' || json_[at_] == '\t' || json_[at_] == '\r')) {
      ++at_;
    }
  }
  bool consume(char c) {
    if (at_ >= json_.size() || json_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool hex4(uint32_t* out) {
    if (json_.size() - at_ < 4) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = json_[at_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    *out = v;
    return true;
  }
  bool read_string(std::string* out) {
    out->clear();
    if (!consume('"')) return false;
    while (true) {
      size_t end = at_;
      while (end < json_.size() && json_[end] != '"' && json_[end] != '\\' &&
             static_cast<unsigned char>(json_[end]) >= 0x20) {
        ++end;
      }
      out->append(json_.data() + at_, end - at_);
      at_ = end;
      if (at_ >= json_.size()) return false;
      if (consume('"')) return true;
      if (!consume('\\')) return false;  // a raw control character
      if (at_ >= json_.size()) return false;
      switch (json_[at_++]) {
        case '"':
          *out += '"';
          break;
        case '\\':
          *out += '\\';
          break;
        case '/':
          *out += '/';
          break;
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'n':
          *out += '\n';
          break;
        case 'r':
          *out += '\r';
          break;
        case 't':
          *out += '\t';
          break;
        case 'u': {
          uint32_t code = 0;
          if (!hex4(&code)) return false;
          if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a lone low surrogate
          if (code >= 0xD800 && code <= 0xDBFF) {
            uint32_t low = 0;
            if (!consume('\\') || !consume('u') || !hex4(&low) || low < 0xDC00 || low > 0xDFFF) {
              return false;
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          text::append_utf8(code, out);
          break;
        }
        default:
          return false;
      }
    }
  }

  std::string_view json_;
  size_t at_ = 0;
};

}  // namespace

std::string DocumentData::to_json() const {
  nlohmann::json j = {{"path", path}, {"title", title}, {"source", source}, {"category", category},
                      {"date", date}, {"url", url},     {"author", author}, {"text", text}};
  if (!text::is_valid_utf8(path)) j["path_hex"] = hex_bytes(path);
  if (!title_source.empty()) j["title_source"] = title_source;
  // Replace rather than throw: the text was validated, but data must never
  // make indexing fail.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// The string fields of the document data, by their JSON key ("path_hex",
// the bytes of a path that is not UTF-8, is read apart).
constexpr std::pair<std::string_view, std::string DocumentData::*> kStringFields[] = {
    {"path", &DocumentData::path},
    {"title", &DocumentData::title},
    {"title_source", &DocumentData::title_source},
    {"source", &DocumentData::source},
    {"category", &DocumentData::category},
    {"date", &DocumentData::date},
    {"url", &DocumentData::url},
    {"author", &DocumentData::author},
    {"text", &DocumentData::text}};

}  // namespace

DocumentData DocumentData::from_json(std::string_view json) {
  DocumentData d;
  std::string path_hex;
  bool has_path_hex = false;
  const bool flat = FlatObjectReader(json).read([&](const std::string& key, std::string value) {
    if (key == "path_hex") {
      path_hex = std::move(value);
      has_path_hex = true;
      return;
    }
    for (const auto& [name, field] : kStringFields) {
      if (key == name) d.*field = std::move(value);
    }
  });
  if (flat) {
    if (has_path_hex) d.path = bytes_of_hex(path_hex);
    return d;
  }
  return from_json_dom(json);
}

DocumentData DocumentData::from_json_dom(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw DocumentDataError("document data is not a JSON object");
  DocumentData d;
  for (const auto& [name, field] : kStringFields) {
    d.*field = j.value(std::string(name), std::string());
  }
  if (j.contains("path_hex")) d.path = bytes_of_hex(j.value("path_hex", std::string()));
  return d;
}

bool is_derived_title(std::string_view title_source) {
  return title_source == kTitleFromUrlSlug || title_source == kTitleFromSentence;
}

std::string_view file_path(std::string_view document_path) {
  const size_t hash = document_path.rfind('#');
  if (hash == std::string_view::npos || hash + 1 == document_path.size()) return document_path;
  for (size_t i = hash + 1; i < document_path.size(); ++i) {
    if (document_path[i] < '0' || document_path[i] > '9') return document_path;
  }
  const std::string_view file = document_path.substr(0, hash);
  // Only the JSON readers give one file several documents.
  for (std::string_view extension : {".json", ".jsonl", ".ndjson"}) {
    if (ends_with_ascii_ci(file, extension)) return file;
  }
  return document_path;
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
  return std::string(kCategoryPrefix) + category_key(category);
}

std::string category_key(std::string_view category) {
  std::string folded = text::fold(text::lower_nfc(category));
  std::string key;
  for (char c : folded) {
    if (c == '-' || c == '_' || c == '\t') c = ' ';
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key += c;
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string category_form_term(std::string_view category) {
  constexpr size_t kMaxFormBytes = 200;  // Xapian terms hold at most 245 bytes
  return std::string(kCategoryFormPrefix) + std::string(category.substr(0, kMaxFormBytes));
}

bool better_category_form(std::string_view form, Xapian::doccount count, std::string_view than,
                          Xapian::doccount than_count) {
  auto written_by_a_person = [](std::string_view f) {
    for (unsigned char c : f) {
      if (c >= 0x80 || c == ' ' || (c >= 'A' && c <= 'Z')) return true;
    }
    return false;
  };
  const bool human = written_by_a_person(form), than_human = written_by_a_person(than);
  if (human != than_human) return human;
  if (count != than_count) return count > than_count;
  return form < than;
}

Xapian::Query group_query(const std::string& group_id) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotCollapseKey, group_id, group_id);
}

std::string group_members_key(std::string_view group_id) {
  return std::string(kMetaGroupMembersPrefix) + std::string(group_id);
}

std::string join_group_members(std::vector<std::string> id_terms) {
  std::sort(id_terms.begin(), id_terms.end());
  std::string joined;
  for (const std::string& term : id_terms) {
    if (!joined.empty()) joined += '\0';
    joined += term;
  }
  return joined;
}

std::vector<std::string> split_group_members(std::string_view joined) {
  std::vector<std::string> id_terms;
  while (!joined.empty()) {
    const size_t end = joined.find('\0');
    id_terms.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return id_terms;
}

std::string bigram_term(std::string_view first, std::string_view second) {
  std::string t(kBigramPrefix);
  t += first;
  t += ' ';
  t += second;
  return t;
}

}  // namespace vnsearch::schema
