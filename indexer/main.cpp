// @brief vnindex: build or update a vnsearch index from a corpus folder.
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <boost/program_options.hpp>

#include "common/database.h"
#include "common/version_info.h"
#include "indexer/index_updater.h"
#include "indexer/options.h"
#include "indexer/progress.h"
#include "indexer/shards.h"

namespace po = boost::program_options;
using vnsearch::indexer::IndexOptions;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSkipped = 1;
constexpr int kExitFatal = 2;
/// More shards than this only adds open files and merge work per query.
constexpr unsigned kMaxShards = 256;

const char* const kUsage = R"(Usage: vnindex [OPTIONS] CORPUS_DIR
   or: vnindex --compact [-d INDEX_DIR]

Builds or updates the vnsearch index of the news articles under CORPUS_DIR
(.txt .html .htm .json .jsonl files, recursively; hidden files and folders are
skipped, symbolic links are followed only inside CORPUS_DIR).

A re-run is incremental: files whose size and modification time are unchanged
are not read; changed files are re-indexed; documents of files that are gone
are deleted. The index stays searchable while vnindex runs and is committed
every few seconds, so an interrupted run loses little and the next run
completes it.

With --shards N the index is N databases, INDEX_DIR/shard-0 ... shard-(N-1),
written in parallel (one writer thread each); each file goes to the shard a
stable hash of its path picks. INDEX_DIR/XAPIANDB, a Xapian stub file, lists
them, so vnsearch -d INDEX_DIR (and Xapian's tools) search them as one.
Later runs keep the shard count; changing it takes --full. --compact merges
the shards into one database (or compacts a one-database index).

Options)";

const char* const kExitHelp = R"(
Index location: -d INDEX_DIR, else $VNSEARCH_INDEX, else ./vnsearch-index.

Counts in the summary: added, updated, deleted and unchanged count documents
(a JSON Lines file gives one per record); skipped counts files that could not
be indexed, each reported on stderr as "vnindex: PATH: REASON"; symbolic links
not followed (broken, loops, pointing outside CORPUS_DIR) are reported the same
way and counted apart (links_skipped), as they are not files.

Exit status:
  0  every file went in
  1  the run completed, but some files (or symbolic links) were skipped (see
     the messages)
  2  fatal error (bad usage, no corpus folder, index locked by another
     process, index of another schema version without --full, ...)
)";

// Parses "32M", "32MiB", "500k", "1G" or a plain number of bytes.
uint64_t parse_size(const std::string& text) {
  size_t end = 0;
  unsigned long long number = 0;
  try {
    number = std::stoull(text, &end);
  } catch (const std::exception&) {
    throw po::error("invalid size '" + text + "'");
  }
  std::string unit = text.substr(end);
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();
  if (unit.size() == 2 && unit[1] == 'i') unit.pop_back();
  uint64_t scale = 1;
  if (unit == "k" || unit == "K") {
    scale = 1ULL << 10;
  } else if (unit == "m" || unit == "M") {
    scale = 1ULL << 20;
  } else if (unit == "g" || unit == "G") {
    scale = 1ULL << 30;
  } else if (!unit.empty()) {
    throw po::error("invalid size '" + text + "' (use e.g. 500K, 32M, 1G)");
  }
  return number * scale;
}

}  // namespace

int main(int argc, char** argv) {
  IndexOptions options;
  bool json = false;
  bool compact = false;
  po::options_description visible(kUsage);
  // clang-format off
  visible.add_options()
      ("index,d", po::value<std::string>()->value_name("INDEX_DIR"),
       "index folder (default: $VNSEARCH_INDEX, else ./vnsearch-index; --index-dir is another "
       "name for it)")
      ("jobs,j", po::value<unsigned>()->value_name("N"),
       "worker threads reading and analysing files (default: all cores)")
      ("no-delete", "keep the documents of files that are gone from the corpus")
      ("full", "rebuild the index from scratch (also upgrades an index of another schema version)")
      ("shards", po::value<unsigned>()->value_name("N"),
       "split the index into N shard databases written in parallel (default: the index's "
       "current count, 1 for a new index; changing it needs --full)")
      ("compact", "merge the shards of INDEX_DIR into one compact database (or compact a "
                  "one-database index) and exit; takes no CORPUS_DIR")
      ("include", po::value<std::vector<std::string>>()->composing()->value_name("GLOB"),
       "index only files whose relative path or name matches GLOB (repeatable)")
      ("exclude", po::value<std::vector<std::string>>()->composing()->value_name("GLOB"),
       "leave out files and folders whose relative path or name matches GLOB (repeatable); "
       "documents of files left out are deleted")
      ("category-level", po::value<unsigned>()->value_name("N"),
       "the folder level that names an article's category when the file does not: 1 = the "
       "first sub-folder of CORPUS_DIR (default for a new index), 2 = the second (for "
       "SOURCE/CATEGORY/...), 0 = none; later runs keep it, changing it needs --full")
      ("max-file-size", po::value<std::string>()->value_name("SIZE"),
       "skip (and report) files larger than SIZE, e.g. 500K, 32M, 1G (default: 32M)")
      ("quiet,q", "no progress, warnings or summary on stderr (errors are still reported)")
      ("json", "print the summary as one JSON object on stdout: added, updated, deleted, "
               "unchanged, skipped, duplicates, documents, files, bytes, seconds, docs_per_second "
               "(and shards: the same per shard)")
      ("help,h", "show this help and exit")
      ("version,V", "show the version and exit");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("corpus", po::value<std::vector<std::string>>())(
      "index-dir", po::value<std::string>());  // the older name of --index
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("corpus", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << visible << kExitHelp;
      return kExitOk;
    }
    if (vm.count("version")) {
      std::cout << vnsearch::version_text("vnindex");
      return kExitOk;
    }
    compact = vm.count("compact") > 0;
    if (compact) {
      if (vm.count("corpus")) throw po::error("--compact takes no CORPUS_DIR");
      if (vm.count("shards")) throw po::error("--compact always makes one database");
    } else {
      if (!vm.count("corpus")) throw po::error("missing CORPUS_DIR");
      const auto& corpus = vm["corpus"].as<std::vector<std::string>>();
      if (corpus.size() != 1)
        throw po::error("expected one CORPUS_DIR, got " + std::to_string(corpus.size()));
      options.corpus_dir = corpus[0];
    }
    if (vm.count("shards")) {
      options.shards = vm["shards"].as<unsigned>();
      if (options.shards < 1 || options.shards > kMaxShards) {
        throw po::error("--shards must be between 1 and " + std::to_string(kMaxShards));
      }
    }
    if (vm.count("index") && vm.count("index-dir")) throw po::error("give --index once");
    if (vm.count("index") || vm.count("index-dir")) {
      options.index_dir = vm[vm.count("index") ? "index" : "index-dir"].as<std::string>();
    } else {
      const char* env = std::getenv("VNSEARCH_INDEX");
      options.index_dir = vnsearch::default_index_dir(env ? env : "");
    }
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    options.jobs = vm.count("jobs") ? vm["jobs"].as<unsigned>() : cores;
    if (options.jobs == 0) options.jobs = cores;
    options.delete_missing = !vm.count("no-delete");
    options.full = vm.count("full") > 0;
    options.quiet = vm.count("quiet") > 0;
    json = vm.count("json") > 0;
    if (vm.count("include")) options.include_globs = vm["include"].as<std::vector<std::string>>();
    if (vm.count("exclude")) options.exclude_globs = vm["exclude"].as<std::vector<std::string>>();
    if (vm.count("category-level")) options.category_level = vm["category-level"].as<unsigned>();
    if (vm.count("max-file-size")) {
      options.max_file_size = parse_size(vm["max-file-size"].as<std::string>());
    }
  } catch (const po::error& e) {
    std::cerr << "vnindex: " << e.what() << "\nTry 'vnindex --help'.\n";
    return kExitFatal;
  }
  options.show_progress = !options.quiet && isatty(STDERR_FILENO);

  vnsearch::indexer::Console console(std::cerr, options.show_progress);
  try {
    if (compact) {
      const vnsearch::indexer::CompactSummary summary =
          vnsearch::indexer::compact_index(options.index_dir);
      if (json) std::cout << summary.to_json() << std::endl;
      if (!options.quiet) console.message(summary.to_text());
      return kExitOk;
    }
    const vnsearch::indexer::RunSummary summary = vnsearch::indexer::update_index(options, console);
    if (json) std::cout << summary.to_json() << std::endl;
    if (!options.quiet) console.message(summary.to_text());
    return summary.skipped + summary.links_skipped > 0 ? kExitSkipped : kExitOk;
  } catch (const Xapian::Error& e) {
    console.message("vnindex: error: " + e.get_description());
  } catch (const std::exception& e) {
    console.message(std::string("vnindex: error: ") + e.what());
  }
  return kExitFatal;
}
