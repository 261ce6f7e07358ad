// @brief query_words_last(): which arguments after the first query word are
// options and which are query words (issue #14: `vnsearch chelsea -arsenal`).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "searcher/cli_args.h"

namespace vnsearch::searcher {
namespace {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

po::options_description known_options() {
  po::options_description known;
  // clang-format off
  known.add_options()
    ("index,d", po::value<std::vector<std::string>>()->composing())
    ("limit,n", po::value<long long>())
    ("count,c", "")
    ("json", "")
    ("query", po::value<std::vector<std::string>>());
  // clang-format on
  return known;
}

TEST(QueryWordsLast, TableOfCommandLines) {
  const po::options_description known = known_options();
  const struct {
    Args in;
    Args out;
  } cases[] = {
      {{"chelsea", "-arsenal"}, {"--", "chelsea", "-arsenal"}},
      {{"chelsea", "-arsenal", "--json"}, {"--json", "--", "chelsea", "-arsenal"}},
      {{"-n", "5", "chelsea", "-n", "3", "-covid"},
       {"-n", "5", "-n", "3", "--", "chelsea", "-covid"}},
      {{"chelsea", "--limit=3", "-c"}, {"--limit=3", "-c", "--", "chelsea"}},
      {{"-n5", "chelsea", "-n5"}, {"-n5", "--", "chelsea", "-n5"}},  // whole options only
      {{"chelsea", "-dong"}, {"--", "chelsea", "-dong"}},            // not -d ong
      {{"chelsea", "-x", "-5"}, {"--", "chelsea", "-x", "-5"}},
      {{"-d", "idx", "ha", "noi"}, {"-d", "idx", "--", "ha", "noi"}},
      {{"--", "-covid", "--json"}, {"--", "-covid", "--json"}},
      {{"chelsea", "--", "-n", "5"}, {"--", "chelsea", "-n", "5"}},
      {{"chelsea", "--bogus"}, {"--bogus", "--", "chelsea"}},  // Boost reports it
      {{"-arsenal"}, {"-arsenal"}},                            // before the first word: an option
      {{"--json"}, {"--json"}},
      {{"chelsea", "-"}, {"--", "chelsea", "-"}},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const std::string& a : c.in) joined += a + " ";
    EXPECT_EQ(query_words_last(c.in, known), c.out) << joined;
  }
}

TEST(QueryWordsLast, BoostReadsTheResultAsQueryWords) {
  po::options_description known = known_options();
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(query_words_last({"chelsea", "-arsenal", "-n", "3"}, known))
                .options(known)
                .positional(positional)
                .run(),
            vm);
  EXPECT_EQ(vm["query"].as<std::vector<std::string>>(), (Args{"chelsea", "-arsenal"}));
  EXPECT_EQ(vm["limit"].as<long long>(), 3);
}

}  // namespace
}  // namespace vnsearch::searcher
