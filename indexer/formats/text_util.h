// @brief Small string helpers shared by the file-format readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// True for ASCII whitespace: space, tab, CR, LF, FF, VT.
bool is_ascii_space(char c);

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

/// `text` with every run of whitespace (ASCII, NBSP and the other Unicode
/// spaces, zero-width space, BOM) made one ' ', and trimmed.
std::string collapse_whitespace(std::string_view text);

/// The non-empty lines of `text` (split at "\n", "\r\n" or "\r"), each with
/// its whitespace collapsed.
std::vector<std::string> split_paragraphs(std::string_view text);

/// The paragraphs joined with "\n".
std::string join_paragraphs(const std::vector<std::string>& paragraphs);

std::string ascii_lower(std::string_view text);

/// Number of code points in UTF-8 `text`.
size_t count_code_points(std::string_view text);

/// Number of space-separated words in `text`.
size_t count_words(std::string_view text);

/// The host of `url` in lower case, without "www.", port or user:
/// "https://www.KontumTV.vn:443/a" → "kontumtv.vn". Accepts "//host/..." and
/// "host.tld/..." without a scheme; "" when there is no host.
std::string host_from_url(std::string_view url);

/// True for a domain name such as "kontumtv.vn" or "Baochinhphu.VN": dotted
/// labels of letters, digits and '-', ending in a letters-only label.
bool looks_like_host(std::string_view text);

/// A source as written in metadata, as the index stores it: URLs and domain
/// names become a lower-case host without "www."; other names stay as they
/// are (whitespace collapsed).
std::string normalize_source(std::string_view source);

/// The first folder of a '/'-separated relative path, "" for a top-level file.
std::string first_folder(std::string_view relative_path);

/// The folder at `level` of a '/'-separated relative path (1: the first,
/// as first_folder()); "" when the file lies less deep, or for level 0.
std::string folder_at_level(std::string_view relative_path, unsigned level);

}  // namespace vnsearch::indexer
