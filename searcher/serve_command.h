// @brief `vnsearch serve`: the web page and JSON API over one index (its
// options, its --help, and its exit status: 0 after a clean stop, 2 on an
// error).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace vnsearch::searcher {

/// Runs `vnsearch serve ARGS...` (`args` without "vnsearch serve");
/// `env_index` is $VNSEARCH_INDEX. Returns the exit status.
int run_serve_command(const std::vector<std::string>& args, const std::string& env_index,
                      std::ostream& out, std::ostream& err);

}  // namespace vnsearch::searcher
