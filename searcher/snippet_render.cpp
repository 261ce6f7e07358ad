#include "searcher/snippet_render.h"

namespace vnsearch::searcher {
namespace {

// Appends text[from, to) with C0/C1 controls and DEL replaced by spaces
// (same byte count, so offsets stay valid).
void append_safe(std::string_view text, size_t from, size_t to, std::string* out) {
  for (size_t i = from; i < to; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      *out += ' ';
    } else if (c == 0xC2 && i + 1 < to && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      *out += "  ";
      ++i;
    } else {
      *out += static_cast<char>(c);
    }
  }
}

}  // namespace

std::string render_plain(const Snippet& snippet) {
  std::string out;
  append_safe(snippet.text, 0, snippet.text.size(), &out);
  return out;
}

std::string render_ansi(const Snippet& snippet, std::string_view on, std::string_view base) {
  std::string out;
  size_t at = 0;
  for (const auto& [start, end] : snippet.highlights) {
    if (start < at || end > snippet.text.size()) continue;
    append_safe(snippet.text, at, start, &out);
    out += on;
    append_safe(snippet.text, start, end, &out);
    out += kAnsiReset;
    out += base;
    at = end;
  }
  append_safe(snippet.text, at, snippet.text.size(), &out);
  return out;
}

nlohmann::json highlights_json(const Snippet& snippet) {
  nlohmann::json ranges = nlohmann::json::array();
  for (const auto& [start, end] : snippet.highlights) ranges.push_back({start, end});
  return ranges;
}

}  // namespace vnsearch::searcher
