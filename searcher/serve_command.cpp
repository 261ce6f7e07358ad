#include "searcher/serve_command.h"

#include <signal.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <boost/program_options.hpp>

#include "common/database.h"
#include "searcher/searcher.h"
#include "searcher/web/http_server.h"
#include "searcher/web/web_app.h"

namespace vnsearch::searcher {
namespace {

namespace po = boost::program_options;

constexpr const char* kServeMoreHelp = R"(
The page has no authentication: anyone who can reach the address can search
the index and read its articles. The default address is reachable from this
machine only; to serve a newsroom, put it behind a reverse proxy (or an SSH
tunnel) that authenticates, rather than listening on 0.0.0.0.

Pages: / (search), /article?path=PATH, /api/search?q=QUERY (the records of
vnsearch --json; parameters limit, offset, sort, from, to, accents, facets,
passages, passage_length as the options of the same names), /api/health.
A new index revision written by vnindex is picked up without a restart.

Exit status: 0 after Ctrl-C or SIGTERM, 2 on an error (bad usage, no index,
an address that cannot be listened on).
)";

}  // namespace

int run_serve_command(const std::vector<std::string>& args, const std::string& env_index,
                      std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "Usage: vnsearch serve [-d INDEX] [--listen HOST:PORT]\n\n"
      "Serves a search page and a JSON API over the index.\n\nOptions");
  std::string listen = "127.0.0.1:8080";
  long long workers = 0;
  // clang-format off
  visible.add_options()
    ("help,h", "show this help and exit")
    ("index,d", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
     "index folder, or a Xapian stub file listing shards (repeatable; default: "
     "$VNSEARCH_INDEX or ./vnsearch-index)")
    ("remote", po::value<std::vector<std::string>>()->composing()->value_name("HOST:PORT"),
     "also search the shard xapian-tcpsrv serves at HOST:PORT (repeatable)")
    ("allow-partial", "when some shards cannot be reached, search the others")
    ("listen", po::value<std::string>(&listen)->value_name("HOST:PORT"),
     "address to listen on (default 127.0.0.1:8080, this machine only; port 0: any free "
     "port, shown on stderr)")
    ("workers", po::value<long long>(&workers)->value_name("N"),
     "requests answered at once (default: the number of cores, at least 4)");
  // clang-format on
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(visible).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "vnsearch serve: " << e.what() << "\nTry 'vnsearch serve --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    out << visible << kServeMoreHelp;
    return 0;
  }

  IndexLocations locations;
  if (vm.count("index")) locations.index_dirs = vm["index"].as<std::vector<std::string>>();
  if (vm.count("remote")) locations.remotes = vm["remote"].as<std::vector<std::string>>();
  locations.allow_partial = vm.count("allow-partial") > 0;
  if (locations.index_dirs.empty() && locations.remotes.empty()) {
    locations.index_dirs.push_back(default_index_dir(env_index));
  }
  web::ServeOptions options;
  try {
    options.listen = web::parse_listen_address(listen);
  } catch (const std::invalid_argument& e) {
    err << "vnsearch serve: --listen " << e.what() << "\nTry 'vnsearch serve --help'.\n";
    return 2;
  }
  if (vm.count("workers") && (workers < 1 || workers > 256)) {
    err << "vnsearch serve: --workers must be between 1 and 256\n";
    return 2;
  }
  // A worker per core; at least 4, so that a browser's spare connections
  // never hold every worker.
  options.workers = workers > 0 ? static_cast<size_t>(workers)
                                : std::max<size_t>(4, std::thread::hardware_concurrency());

  // A client that hangs up shows up as a failed write, not a signal.
  signal(SIGPIPE, SIG_IGN);
  try {
    web::WebApp app(locations);
    return web::serve_http(app, options, err);
  } catch (const IndexMissingError& e) {
    err << "vnsearch serve: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    err << "vnsearch serve: error: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    err << "vnsearch serve: error: " << e.what() << '\n';
  }
  return 2;
}

}  // namespace vnsearch::searcher
