// @brief Small string helpers shared by the file-format readers.
#include "indexer/formats/text_util.h"

#include <algorithm>
#include <cctype>

#include <unicode/unistr.h>

namespace vnsearch::indexer {
bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

namespace {

/// Byte length of a Unicode space or invisible separator starting at
/// `text[i]`, or 0. Covers NBSP, U+2000-U+200B, U+202F, U+205F, U+3000 and
/// U+FEFF: all found between words in scraped pages.
size_t unicode_space_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  if (byte(0) == 0xC2 && byte(1) == 0xA0) return 2;
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0x80 && byte(2) <= 0x8B) return 3;
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) == 0xAF) return 3;
  if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) return 3;
  if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;
  if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) return 3;
  return 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    // Find the next space and copy the run before it in one append; only
    // these lead bytes can start a Unicode space.
    size_t run_end = i;
    size_t space_length = 0;
    for (; run_end < text.size(); ++run_end) {
      const auto byte = static_cast<unsigned char>(text[run_end]);
      if (is_ascii_space(text[run_end])) {
        space_length = 1;
        break;
      }
      if ((byte == 0xC2 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF) &&
          (space_length = unicode_space_length(text, run_end)) > 0) {
        break;
      }
    }
    if (run_end > i) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(i, run_end - i));
    }
    if (space_length > 0) pending_space = true;
    i = run_end + space_length;
  }
  return out;
}

std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string paragraph = collapse_whitespace(text.substr(start, end - start));
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    if (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') ++end;
    start = end + 1;
  }
  return paragraphs;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string joined;
  for (const std::string& paragraph : paragraphs) {
    if (!joined.empty()) joined.push_back('\n');
    joined += paragraph;
  }
  return joined;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

size_t count_code_points(std::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

size_t count_words(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = is_ascii_space(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string host_from_url(std::string_view url) {
  url = trim(url);
  const size_t scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos &&
      url.substr(0, scheme_end).find_first_of("/?#") == std::string_view::npos) {
    url.remove_prefix(scheme_end + 3);
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  } else {
    // No scheme: only "host.tld/..." counts, not a path like "a/b.html".
    const std::string_view first_segment = url.substr(0, url.find_first_of("/?#"));
    if (!looks_like_host(first_segment)) return "";
  }
  std::string_view host = url.substr(0, url.find_first_of("/?#"));
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  std::string lower = ascii_lower(host);
  if (lower.compare(0, 4, "www.") == 0) lower.erase(0, 4);
  return lower;
}

bool looks_like_host(std::string_view text) {
  if (text.empty() || text.size() > 253 || text.front() == '.' || text.back() == '.') return false;
  const size_t last_dot = text.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  const std::string_view top_level = text.substr(last_dot + 1);
  if (top_level.size() < 2 || !std::all_of(top_level.begin(), top_level.end(),
                                           [](unsigned char c) { return std::isalpha(c); })) {
    return false;
  }
  return text.find("..") == std::string_view::npos &&
         std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; });
}

std::string normalize_source(std::string_view source) {
  const std::string collapsed = collapse_whitespace(source);
  if (collapsed.find("://") != std::string::npos || looks_like_host(collapsed)) {
    const std::string host = host_from_url(collapsed);
    if (!host.empty()) return host;
  }
  return collapsed;
}

std::string first_folder(std::string_view relative_path) {
  return folder_at_level(relative_path, 1);
}

std::string folder_at_level(std::string_view relative_path, unsigned level) {
  while (relative_path.substr(0, 2) == "./") relative_path.remove_prefix(2);
  while (!relative_path.empty() && relative_path.front() == '/') relative_path.remove_prefix(1);
  if (level == 0) return "";
  for (unsigned folder = 1;; ++folder) {
    const size_t slash = relative_path.find('/');
    if (slash == std::string_view::npos) return "";  // the file name is no folder
    if (folder == level) return std::string(relative_path.substr(0, slash));
    relative_path.remove_prefix(slash + 1);
  }
}

}  // namespace vnsearch::indexer
