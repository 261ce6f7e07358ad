#include "searcher/web/html.h"

#include <cctype>

namespace vnsearch::searcher::web {
namespace {

void append_escaped(std::string_view text, std::string* out) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&#39;";
        break;
      case '\t':
      case '\n':
        *out += c;
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          *out += ' ';
        } else if (byte == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
          *out += ' ';  // a C1 control character
          ++i;
        } else {
          *out += c;
        }
    }
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(text, &out);
  return out;
}

std::string snippet_html(const Snippet& snippet, std::string_view first_mark_id) {
  const std::string_view text = snippet.text;
  std::string out;
  out.reserve(text.size() + snippet.highlights.size() * 16);
  size_t at = 0;
  bool first = true;
  for (const auto& [start, end] : snippet.highlights) {
    if (start < at || end <= start || end > text.size()) continue;
    append_escaped(text.substr(at, start - at), &out);
    out += "<mark";
    if (first && !first_mark_id.empty()) {
      out += " id=\"";
      append_escaped(first_mark_id, &out);
      out += '"';
    }
    out += '>';
    append_escaped(text.substr(start, end - start), &out);
    out += "</mark>";
    at = end;
    first = false;
  }
  append_escaped(text.substr(at), &out);
  return out;
}

bool linkable_url(std::string_view url) {
  std::string scheme;
  for (const char c : url.substr(0, 8)) {
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scheme.rfind("http://", 0) == 0 || scheme.rfind("https://", 0) == 0;
}

}  // namespace vnsearch::searcher::web
