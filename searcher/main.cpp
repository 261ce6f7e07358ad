// @brief vnsearch: search a vnindex database from the command line.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "common/version_info.h"
#include "searcher/analyze_command.h"
#include "searcher/cli_args.h"
#include "searcher/search_command.h"
#include "searcher/serve_command.h"

namespace po = boost::program_options;
using vnsearch::searcher::RawOptions;

namespace {

const char* const kMoreHelp = R"(
Index location: -d DIR, else $VNSEARCH_INDEX, else ./vnsearch-index.

Exit status (as grep):
  0  something matched (with --queries: some query matched)
  1  nothing matched (--like, --similar: no article listed)
  2  error: bad usage, an unknown --like/--similar article, no index, an index of another schema version, a query
     that cannot be read (with --queries: the others still run)
)";

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "serve") {
    return vnsearch::searcher::run_serve_command(std::vector<std::string>(argv + 2, argv + argc),
                                                 env("VNSEARCH_INDEX"), std::cout, std::cerr);
  }
  RawOptions raw;
  po::options_description visible(
      "Usage: vnsearch [OPTIONS] QUERY...\n"
      "   or: vnsearch [OPTIONS] --queries FILE\n"
      "   or: vnsearch [OPTIONS] --like PATH | --similar PATH\n"
      "   or: vnsearch serve [-d DIR] [--listen HOST:PORT]   (web page: serve --help)\n\n"
      "Query language: words (accents optional), \"a phrase\", -excluded, a OR b, (groups),\n"
      "source:NAME, category:NAME, title:WORD, date:2020-01..2020-06, kinh* (prefix).\n"
      "OR joins the word groups around it: ha noi OR sai gon.\n"
      "-word leaves out articles with that word: vnsearch chelsea -arsenal. After the first\n"
      "query word, an argument starting with '-' is a query word unless it is a whole option\n"
      "(-n 5, --limit 5, --limit=5); put -- before a query that starts with '-' or with\n"
      "the word serve.\n\nOptions");
  // clang-format off
  visible.add_options()
    ("help,h", "show this help and exit")
    ("version,V", "show the version and exit")
    ("index,d", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
     "index folder, or a Xapian stub file listing shards (repeatable: searched as one; "
     "default: $VNSEARCH_INDEX or ./vnsearch-index; --index-dir is another name for it)")
    ("remote", po::value<std::vector<std::string>>()->composing()->value_name("HOST:PORT"),
     "also search the shard xapian-tcpsrv serves at HOST:PORT (repeatable)")
    ("allow-partial", "when some shards cannot be reached, search the others (warning on "
                      "stderr, \"partial\": true in the JSON summary) instead of failing")
    ("limit,n", po::value<long long>(&raw.limit)->value_name("N"),
     "hits to show (default 10; with --files every match); 0: the count alone")
    ("offset", po::value<long long>(&raw.offset)->value_name("N"), "skip the first N hits")
    ("sort", po::value<std::string>(&raw.sort)->value_name("ORDER"), "relevance (default) or date")
    ("from", po::value<std::string>()->value_name("DATE"), "only articles on or after YYYY[-MM[-DD]]")
    ("to", po::value<std::string>()->value_name("DATE"), "only articles on or before YYYY[-MM[-DD]]")
    ("accents", po::value<std::string>(&raw.accents)->value_name("MODE"),
     "exact (default): a word typed with accents matches only that form (bão is not báo), "
     "one typed without matches every form; loose: every form, the typed one ranking first")
    ("count,c", "print the number of matching articles only (exact)")
    ("files,l", "print the absolute path of each matching file, one per line, every match "
                "unless --limit is given (for xargs)")
    ("null,0", "with --files: end each path with a NUL byte, not a newline (for xargs -0; "
               "any file name passes)")
    ("facets", po::value<std::string>()->value_name("LIST"),
     "count matches by source,category,year")
    ("no-collapse", "show every near-copy of an article (by default a story republished "
                    "elsewhere shows once, with \"+N similar\" and where else it ran)")
    ("like", po::value<std::string>()->value_name("PATH"),
     "list articles about the same subject as the article at PATH (as --files prints it, "
     "relative to the corpus folder, or a document id), near-copies left out; only those "
     "scoring 15% of the article's own score for its words: fewer, or none, when the "
     "archive barely holds its subject")
    ("similar", po::value<std::string>()->value_name("PATH"),
     "list the near-copies of the article at PATH (reprints, updated versions), most "
     "similar first")
    ("stats", "print index statistics")
    ("queries", po::value<std::string>()->value_name("FILE"),
     "run one query per line of FILE (- for stdin), optionally ID<TAB>QUERY; blank lines "
     "and lines starting with # are skipped")
    ("passages", po::value<long long>(&raw.passages)->value_name("N"), "passages per hit (default 2)")
    ("passage-length", po::value<long long>(&raw.passage_length)->value_name("N"),
     "characters per passage (default 200)")
    ("color", po::value<std::string>(&raw.color)->value_name("WHEN"),
     "auto (default: on a terminal unless NO_COLOR is set), always or never")
    ("json", "JSON Lines output")
    ("timings", "say where each search's time went, phase by phase in ms: on stderr, or "
                "with --json as \"timings\" in the summary")
    ("analyze", po::value<std::string>()->value_name("TEXT"),
     "print the tokens the analyzer makes of TEXT and exit");
  // clang-format on
  po::options_description hidden;
  // clang-format off
  hidden.add_options()
    ("query", po::value<std::vector<std::string>>())
    ("index-dir", po::value<std::vector<std::string>>()->composing());  // vnindex's name
  // clang-format on
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    const std::vector<std::string> args =
        vnsearch::searcher::query_words_last(std::vector<std::string>(argv + 1, argv + argc), all);
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "vnsearch: " << e.what() << "\nTry 'vnsearch --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << kMoreHelp;
    return 0;
  }
  if (vm.count("version")) {
    std::cout << vnsearch::version_text("vnsearch");
    return 0;
  }
  if (vm.count("analyze")) {
    return vnsearch::searcher::run_analyze(vm["analyze"].as<std::string>(), vm.count("json") > 0,
                                           std::cout);
  }

  if (vm.count("query")) raw.query_words = vm["query"].as<std::vector<std::string>>();
  for (const char* name : {"index", "index-dir"}) {
    if (!vm.count(name)) continue;
    const auto& dirs = vm[name].as<std::vector<std::string>>();
    raw.index_dirs.insert(raw.index_dirs.end(), dirs.begin(), dirs.end());
  }
  if (vm.count("remote")) raw.remotes = vm["remote"].as<std::vector<std::string>>();
  raw.allow_partial = vm.count("allow-partial") > 0;
  if (vm.count("queries")) raw.queries_file = vm["queries"].as<std::string>();
  if (vm.count("from")) raw.from = vm["from"].as<std::string>();
  if (vm.count("to")) raw.to = vm["to"].as<std::string>();
  if (vm.count("facets")) raw.facets = vm["facets"].as<std::string>();
  raw.json = vm.count("json") > 0;
  raw.count = vm.count("count") > 0;
  raw.files = vm.count("files") > 0;
  raw.null_separated = vm.count("null") > 0;
  raw.limit_given = vm.count("limit") > 0;
  raw.stats = vm.count("stats") > 0;
  raw.no_collapse = vm.count("no-collapse") > 0;
  raw.timings = vm.count("timings") > 0;
  if (vm.count("like")) raw.like = vm["like"].as<std::string>();
  if (vm.count("similar")) raw.similar = vm["similar"].as<std::string>();
  raw.stdout_is_tty = isatty(STDOUT_FILENO) == 1;
  raw.env_index = env("VNSEARCH_INDEX");
  raw.env_no_color = env("NO_COLOR");

  // A closed pipe shows up as a failed write, which ends the run quietly.
  signal(SIGPIPE, SIG_IGN);
  try {
    const vnsearch::searcher::SearchOptions options = vnsearch::searcher::validate_options(raw);
    return vnsearch::searcher::run_search_command(options, std::cin, std::cout, std::cerr);
  } catch (const vnsearch::searcher::UsageError& e) {
    std::cerr << "vnsearch: " << e.what() << "\nTry 'vnsearch --help'.\n";
  } catch (const vnsearch::searcher::DocumentNotFoundError& e) {
    std::cerr << "vnsearch: " << e.what() << '\n';
  } catch (const vnsearch::searcher::IndexMissingError& e) {
    std::cerr << "vnsearch: " << e.what() << '\n';
  } catch (const vnsearch::searcher::QueryError& e) {
    std::cerr << "vnsearch: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "vnsearch: error: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "vnsearch: error: " << e.what() << '\n';
  }
  return 2;
}
