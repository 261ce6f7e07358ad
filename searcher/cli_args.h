// @brief The vnsearch command line before Boost.Program_options reads it:
// words such as `-arsenal` after the first query word are query words.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>

namespace vnsearch::searcher {

/// Reorders `args` (without the program name) so that every query word
/// comes after a "--", where Boost.Program_options takes it as positional.
///
/// Up to the first query word the arguments are options as usual (an option
/// that takes a value consumes the next argument). After it, an argument
/// starting with '-' is an option only when it is "--..." or exactly a known
/// short option ("-n"); anything else ("-arsenal", "-5", "-dong") is a query
/// word, as the query language reads `-word` as "without word". "--" still
/// ends the options. Options keep their order, and so do the query words.
std::vector<std::string> query_words_last(const std::vector<std::string>& args,
                                          const boost::program_options::options_description& known);

}  // namespace vnsearch::searcher
