// @brief vnsearch: search a vnindex database from the command line.
#include <iostream>
#include <string>

#include <boost/program_options.hpp>

#include "searcher/analyze_command.h"
#include "version.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description visible("Usage: vnsearch [OPTIONS] QUERY...\n\nOptions");
  visible.add_options()("help,h", "show this help and exit")("version,V",
                                                             "show the version and exit")(
      "analyze", po::value<std::string>()->value_name("TEXT"),
      "print the tokens the analyzer makes of TEXT and exit")("json", "JSON Lines output");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "vnsearch: " << e.what() << "\nTry 'vnsearch --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible;
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "vnsearch " << VNSEARCH_VERSION << '\n';
    return 0;
  }
  if (vm.count("analyze")) {
    return vnsearch::searcher::run_analyze(vm["analyze"].as<std::string>(), vm.count("json") > 0,
                                           std::cout);
  }
  std::cerr << "vnsearch: searching is not built yet; try --analyze\n";
  return 2;
}
