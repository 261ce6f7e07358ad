// @brief HTML escaping for everything the page shows: text from scraped
// articles can hold `<script>`, quotes and broken markup, so nothing from the
// archive or the request reaches the page unescaped.
#pragma once

#include <string>
#include <string_view>

#include "searcher/snippet.h"

namespace vnsearch::searcher::web {

/// `text` escaped for an HTML text node or a double-quoted attribute value:
/// & < > " ' as character references; control characters (but tab and
/// line break) as spaces, as the terminal output shows them.
std::string escape_html(std::string_view text);

/// The snippet escaped, each highlight wrapped in <mark>…</mark>. With
/// `first_mark_id`, the first <mark> gets that id (the article view scrolls
/// to it). Highlights out of order or out of range are ignored.
std::string snippet_html(const Snippet& snippet, std::string_view first_mark_id = {});

/// True for an http: or https: URL, the only ones a page may link to: a
/// scraped `javascript:` URL must stay text.
bool linkable_url(std::string_view url);

}  // namespace vnsearch::searcher::web
