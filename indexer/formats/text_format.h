// @brief Reader for plain-text articles: "# key = value" headers, a title line, paragraphs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/article.h"

namespace vnsearch::indexer {

/// Reads a plain-text article from decoded UTF-8 `text`.
///
/// Leading header lines `# key = value` (keys doc_id, url, date, title,
/// source, category, author; other keys are ignored) are metadata. The title
/// is the `title` header, else the first line when looks_like_title() and
/// more text follows. Every other non-empty line is a body paragraph.
/// Fields are as written (the date not yet normalised); read_article_file()
/// finishes them.
Article parse_text_article(std::string_view text);

/// True when `line` reads like a headline: at most 200 characters and 30
/// words, some letters, and no sentence-final '.' (nor ',' ';' ':' '…')
/// unless it ends with '?' or '!'; a line opening with a source lead is a
/// paragraph, not a title.
bool looks_like_title(std::string_view line);

/// The source named by a lead at the start of a first paragraph:
/// "(kontumtv.vn) – ...", "(kontumtv.vn) - ...", "KONTUMTV.VN – ..." give
/// "kontumtv.vn"; "" when there is no such lead.
std::string source_from_lead(std::string_view paragraph);

}  // namespace vnsearch::indexer
