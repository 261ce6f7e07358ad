// @brief Renderers of a Snippet: plain text, ANSI colour, and the JSON
// highlight ranges. The snippet itself stays data.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "searcher/snippet.h"

namespace vnsearch::searcher {

/// SGR sequences used by the terminal renderer.
inline constexpr std::string_view kAnsiHighlight = "\x1b[1;31m";
inline constexpr std::string_view kAnsiBold = "\x1b[1m";
inline constexpr std::string_view kAnsiDim = "\x1b[2m";
inline constexpr std::string_view kAnsiReset = "\x1b[0m";

/// The text with control characters (line breaks, tabs, escapes) shown as
/// spaces, so that stored text can never drive the terminal.
std::string render_plain(const Snippet& snippet);

/// render_plain() with each highlight wrapped in `on` … kAnsiReset, then
/// `base` again: kAnsiReset ends every attribute, so a snippet printed in
/// bold (a title) must turn bold back on after each highlight.
std::string render_ansi(const Snippet& snippet, std::string_view on = kAnsiHighlight,
                        std::string_view base = {});

/// [[start,end],...] byte offsets into snippet.text.
nlohmann::json highlights_json(const Snippet& snippet);

}  // namespace vnsearch::searcher
