// @brief Reader for JSON articles: one object, an array of objects, or JSON Lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/article.h"

namespace vnsearch::indexer {

/// What parse_json_articles() found.
struct JsonArticles {
  std::vector<Article> articles;
  std::vector<std::string> warnings;  ///< e.g. "line 7: not JSON, skipped"
  std::string error;                  ///< non-empty when no article could be read
};

/// Reads articles from decoded UTF-8 JSON `text`. Never throws.
///
/// `json_lines` false: one object (id_suffix ""), or an array of objects
/// (id_suffix "#<element number>"), or an object wrapping such an array under
/// "articles", "items", "data", "posts", "results" or "news"; text that is
/// not one JSON value but whose lines are objects is read as JSON Lines.
/// `json_lines` true: one object per line (id_suffix "#<line number>"),
/// blank lines ignored, bad lines a warning each.
///
/// Fields, first one present wins: title (title, headline, name); body
/// (content, body, text, article, description; HTML markup is reduced to its
/// text, an array of strings is paragraphs); url (url, link); date (date,
/// published, published_at, publish_date, time, created_at; numbers are
/// Unix time or YYYYMMDD); source (source, site, publisher, domain);
/// category (category, section, topic); author (author, authors[0],
/// byline); doc_id (id, doc_id, _id). A string field can also be an array
/// (first element) or an object with a "name". Objects with neither title
/// nor body are skipped with a warning.
JsonArticles parse_json_articles(std::string_view text, bool json_lines);

}  // namespace vnsearch::indexer
