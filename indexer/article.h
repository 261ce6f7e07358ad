// @brief Turning the bytes of one corpus file into articles: the reader contract.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// One news article as read from a file, before analysis.
struct Article {
  std::string title;              // UTF-8
  std::string_view title_source;  // a schema::kTitleFrom* value; empty while there is no title
  std::string body;    // UTF-8, decoded, boilerplate removed, paragraphs separated by "\n"
  std::string source;  // e.g. "kontumtv.vn" (host without www.), may be empty
  std::string category;
  std::string date;  // ISO "YYYY-MM-DD" or empty
  std::string url;
  std::string author;
  std::string id_suffix;  // "" for one-article files; "#<line number, 1-based>" for JSON Lines
                          // records; "#<element number, 1-based>" for JSON arrays
  std::string doc_id;     // the file's own id (a "# doc_id" header or a JSON "id"), informational
};

/// Everything read_article_file() learned about one file.
struct ReadResult {
  std::vector<Article> articles;  // may be several (JSONL)
  std::vector<std::string>
      warnings;          // e.g. "3 invalid bytes replaced", "line 7: not JSON, skipped"
  std::string error;     // non-empty: the file is skipped, this is the reason ("binary file",
                         // "empty file", "not valid JSON: ...")
  std::string encoding;  // detected encoding, e.g. "UTF-8", "UTF-16LE", "CP1258", "TCVN3", "VISCII"
};

/// Decodes `bytes` and parses them by the extension of `relative_path`
/// (.txt; .html/.htm; .json/.jsonl). Never throws on bad input.
/// `relative_path` uses '/' separators, relative to the corpus root; its folder at
/// `category_level` (1: the first; 0: none) is the default category.
ReadResult read_article_file(std::string_view relative_path, std::string_view bytes,
                             unsigned category_level = 1);

}  // namespace vnsearch::indexer
