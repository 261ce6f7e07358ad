#include "searcher/cli_args.h"

namespace vnsearch::searcher {
namespace {

namespace po = boost::program_options;

/// The option `name` ("-n" or a long name, approximations allowed as Boost
/// allows them), or null when unknown or ambiguous (Boost then reports it).
const po::option_description* find_option(const po::options_description& known,
                                          const std::string& name) {
  try {
    return known.find_nothrow(name, /*approx=*/true);
  } catch (const po::error&) {
    return nullptr;
  }
}

bool takes_value(const po::option_description* option) {
  return option && option->semantic()->max_tokens() > 0;
}

}  // namespace

std::vector<std::string> query_words_last(const std::vector<std::string>& args,
                                          const po::options_description& known) {
  std::vector<std::string> options, words;
  bool in_query = false;  // a query word has been seen
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      words.insert(words.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    const bool dashed = arg.size() > 1 && arg[0] == '-';
    if (!dashed) {
      words.push_back(arg);
      in_query = true;
      continue;
    }
    const po::option_description* option = nullptr;
    bool value_attached = false;
    if (arg[1] == '-') {
      const size_t equals = arg.find('=');
      option = find_option(known, arg.substr(2, equals == std::string::npos ? equals : equals - 2));
      value_attached = equals != std::string::npos;
    } else if (in_query && arg.size() > 2) {
      words.push_back(arg);  // "-arsenal": a word to exclude
      continue;
    } else {
      option = find_option(known, arg.substr(0, 2));
      value_attached = arg.size() > 2;  // "-n5"
      if (in_query && !option) {
        words.push_back(arg);  // "-x" that is no option
        continue;
      }
    }
    options.push_back(arg);
    if (takes_value(option) && !value_attached && i + 1 < args.size()) {
      options.push_back(args[++i]);
    }
  }
  if (!words.empty()) {
    options.emplace_back("--");
    options.insert(options.end(), words.begin(), words.end());
  }
  return options;
}

}  // namespace vnsearch::searcher
