// @brief Reader for HTML pages: metadata from <head>, body text from <article> or <body>.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "indexer/article.h"

namespace vnsearch::indexer {

/// A page nested too deeply to parse in bounded time and memory; the file is
/// skipped with this message.
class HtmlTooDeepError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An estimate of how deeply the elements of `html` nest, from its tags alone
/// (void elements and those whose end the parser implies, such as <p> and
/// <li>, do not count); stops counting at `stop_at`. Linear in the size.
size_t html_nesting_depth(std::string_view html, size_t stop_at);

/// Reads an article from a decoded UTF-8 HTML page, parsed with gumbo.
///
/// title: og:title, else <title> without a trailing " | Site" / " - Site",
/// else the first <h1>. date: the first of article:published_time, <time
/// datetime>, meta date/pubdate/publishdate/DC.date.issued,
/// itemprop=datePublished that is a date. author: meta author, else
/// article:author unless it is a URL. url: link rel=canonical, else og:url.
/// source: og:site_name when it is a host name, else the url's host, else a
/// lead "(host) –" in the text, else og:site_name or the <title> suffix as
/// a name ("Báo Ninh Bình").
/// body: the text of the longest <article>, else of <body>, without script,
/// style, noscript, nav, header, footer, aside, form, iframe, svg and
/// comments; block elements end paragraphs.
/// Throws HtmlTooDeepError for a page nested too deeply (unclosed tags by
/// the thousand), whose parse would take time and memory growing with the
/// square of its depth.
Article parse_html_article(std::string_view html);

/// The paragraphs of the text of an HTML document or fragment (as in a JSON
/// "content" field), joined with "\n", by the body rules above. Throws
/// HtmlTooDeepError as parse_html_article() does.
std::string html_to_text(std::string_view html);

/// True when `text` contains HTML markup (closing tags, <p>, <br>, <div>...).
bool looks_like_html(std::string_view text);

/// `title` without a trailing site name after " | ", " - ", " – " or " — ":
/// removed when it equals `site_name` or is short (6 words, 50 characters)
/// and shorter than what precedes it.
std::string strip_site_suffix(std::string_view title, std::string_view site_name);

}  // namespace vnsearch::indexer
