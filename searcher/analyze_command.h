// @brief `vnsearch --analyze`: shows how the analyzer tokenises a text, in the
// spirit of Elasticsearch's _analyze.
#pragma once

#include <ostream>
#include <string_view>

namespace vnsearch::searcher {

/// Writes the tokens of `text`, one per line: aligned columns for a person,
/// or with `json` one JSON object per token (text, start, end, position,
/// norm, folded, kind). Returns the exit status (0 tokens found, 1 none).
int run_analyze(std::string_view text, bool json, std::ostream& out);

}  // namespace vnsearch::searcher
