// @brief read_article_file(): decoding, dispatch by extension, and the
// clean-up every format shares (boilerplate, source, category, date).
#include <exception>

#include "common/schema.h"
#include "common/text/case.h"
#include "indexer/article.h"
#include "indexer/boilerplate.h"
#include "indexer/date.h"
#include "indexer/decode.h"
#include "indexer/derived_title.h"
#include "indexer/formats/html_format.h"
#include "indexer/formats/json_format.h"
#include "indexer/formats/text_format.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

enum class FileFormat { kUnsupported, kText, kHtml, kJson, kJsonLines };

FileFormat format_of(std::string_view relative_path) {
  const size_t slash = relative_path.rfind('/');
  const std::string_view name =
      slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return FileFormat::kUnsupported;
  const std::string extension = ascii_lower(name.substr(dot + 1));
  if (extension == "txt") return FileFormat::kText;
  if (extension == "html" || extension == "htm" || extension == "xhtml") return FileFormat::kHtml;
  if (extension == "json") return FileFormat::kJson;
  if (extension == "jsonl" || extension == "ndjson") return FileFormat::kJsonLines;
  return FileFormat::kUnsupported;
}

/// What all formats share once a parser has filled in what it found.
/// `fields_are_nfc` is true when the fields are slices of the decoded (NFC)
/// text; entities and JSON escapes can bring back decomposed text.
void finish_article(std::string_view relative_path, unsigned category_level, bool fields_are_nfc,
                    Article* article, std::vector<std::string>* warnings) {
  if (!fields_are_nfc) {
    article->title = text::nfc(article->title);
    article->author = text::nfc(article->author);
    article->category = text::nfc(article->category);
    article->source = text::nfc(article->source);
    article->body = text::nfc(article->body);
  }
  article->title = collapse_whitespace(article->title);
  article->author = collapse_whitespace(article->author);
  article->category = collapse_whitespace(article->category);
  article->url = std::string(trim(article->url));

  std::vector<std::string> paragraphs = split_paragraphs(article->body);
  // Pages and headers often repeat the title as the first line.
  if (!paragraphs.empty() && !article->title.empty() && paragraphs.front() == article->title) {
    paragraphs.erase(paragraphs.begin());
  }
  const std::string written_date = collapse_whitespace(article->date);
  article->date = normalize_date(written_date);
  if (article->date.empty() && !written_date.empty()) {
    const std::string record =
        article->id_suffix.empty() ? "" : "record " + article->id_suffix + ": ";
    warnings->push_back(record + "date not understood: " + written_date);
  }
  remove_boilerplate(&paragraphs, &article->author, &article->date);

  if (article->source.empty() && !paragraphs.empty()) {
    article->source = source_from_lead(paragraphs.front());
  }
  if (article->source.empty()) article->source = host_from_url(article->url);
  if (article->category.empty()) {
    article->category = folder_at_level(relative_path, category_level);
  }
  if (article->title.empty()) {
    DerivedTitle derived = derive_title(article->url, paragraphs);
    article->title = std::move(derived.text);
    article->title_source = derived.source;
  }

  article->body = join_paragraphs(paragraphs);
}

void read_decoded(std::string_view relative_path, unsigned category_level, FileFormat format,
                  std::string_view text, ReadResult* result) {
  std::vector<Article> articles;
  switch (format) {
    case FileFormat::kText:
      articles.push_back(parse_text_article(text));
      break;
    case FileFormat::kHtml:
      articles.push_back(parse_html_article(text));
      break;
    case FileFormat::kJson:
    case FileFormat::kJsonLines: {
      JsonArticles json = parse_json_articles(text, format == FileFormat::kJsonLines);
      result->warnings.insert(result->warnings.end(), json.warnings.begin(), json.warnings.end());
      if (!json.error.empty()) {
        result->error = json.error;
        return;
      }
      articles = std::move(json.articles);
      break;
    }
    case FileFormat::kUnsupported:
      result->error = "unsupported file type";
      return;
  }
  for (Article& article : articles) {
    if (!article.title.empty() && article.title_source.empty()) {
      article.title_source =
          format == FileFormat::kHtml ? schema::kTitleFromHtml : schema::kTitleFromJson;
    }
    finish_article(relative_path, category_level, format == FileFormat::kText, &article,
                   &result->warnings);
    if (!article.title.empty() || !article.body.empty())
      result->articles.push_back(std::move(article));
  }
  if (result->articles.empty()) result->error = "no text";
}

}  // namespace

ReadResult read_article_file(std::string_view relative_path, std::string_view bytes,
                             unsigned category_level) {
  ReadResult result;
  const FileFormat format = format_of(relative_path);
  if (format == FileFormat::kUnsupported) {
    result.error = "unsupported file type";
    return result;
  }
  try {
    DecodedText decoded = decode_to_utf8(bytes);
    result.encoding = std::move(decoded.encoding);
    result.warnings = std::move(decoded.warnings);
    if (!decoded.error.empty()) {
      result.error = std::move(decoded.error);
      return result;
    }
    read_decoded(relative_path, category_level, format, decoded.text, &result);
  } catch (const HtmlTooDeepError& error) {
    result.articles.clear();
    result.error = error.what();
  } catch (const std::exception& error) {
    // Only resource exhaustion can get here; one file must not stop a run.
    result.articles.clear();
    result.error = std::string("cannot read: ") + error.what();
  }
  return result;
}

}  // namespace vnsearch::indexer
