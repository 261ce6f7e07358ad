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
#include "indexer/index_check.h"
#include "indexer/index_lock.h"
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
/// Each worker holds files in flight and an analyzer; past a few per core
/// more threads only add memory (1,000 took 634 MB).
constexpr unsigned kMaxJobs = 64;

const char* const kUsage = R"(Usage: vnindex [OPTIONS] CORPUS_DIR
   or: vnindex --compact [-d INDEX_DIR]
   or: vnindex --check [-d INDEX_DIR]

Builds or updates the vnsearch index of the news articles under CORPUS_DIR
(.txt .html .htm .json .jsonl files, recursively; hidden files and folders are
skipped, symbolic links are followed only inside CORPUS_DIR).

A re-run is incremental: files whose size and modification time are unchanged
are not read; changed files are re-indexed; documents of files that are gone
are deleted. The index stays searchable while vnindex runs and is committed
every few seconds, so an interrupted run loses little and the next run
completes it. --full builds the new index beside the old one and replaces
it only when complete.

An index remembers the folder it was built from: another folder is refused
(add --root-moved when the archive moved, --full to index the other folder
instead), and so is a run that would delete more documents of vanished files
than --max-delete allows (an unmounted disk, a mistyped sub-folder). One
vnindex at a time writes an index; another one is refused at once.

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
  0  every file went in (--check: the index is consistent)
  1  the run completed, but some files (or symbolic links) were skipped (see
     the messages)
  2  fatal error, index unchanged (bad usage, no corpus folder, index locked
     by another vnindex, index of another schema version without --full,
     another corpus folder, too many deletions, damaged index, ...)
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

// "120" (documents) or "10%" (of the index).
vnsearch::indexer::DeleteLimit parse_delete_limit(const std::string& text) {
  vnsearch::indexer::DeleteLimit limit;
  const bool share = !text.empty() && text.back() == '%';
  const std::string number = share ? text.substr(0, text.size() - 1) : text;
  if (number.empty() || number.size() > 12 ||
      number.find_first_not_of("0123456789") != std::string::npos) {
    throw po::error("--max-delete takes a number of documents or a share such as 10%, not '" +
                    text + "'");
  }
  limit.is_share = share;
  if (share) {
    limit.share = std::stod(number) / 100.0;
    if (limit.share > 1) throw po::error("--max-delete takes a share up to 100%");
  } else {
    limit.count = std::stoull(number);
  }
  return limit;
}

// A whole number from 1 to `max`; "-1" must not wrap round to 4 billion.
unsigned parse_count(const std::string& text, const std::string& option, unsigned max) {
  const std::string range = option + " must be a whole number from 1 to " + std::to_string(max);
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw po::error(range + ", not '" + text + "'");
  const unsigned long value = std::stoul(text);
  if (value < 1 || value > max) throw po::error(range + ", not '" + text + "'");
  return static_cast<unsigned>(value);
}

}  // namespace

int main(int argc, char** argv) {
  IndexOptions options;
  bool json = false;
  bool compact = false;
  bool check = false;
  po::options_description visible(kUsage);
  // clang-format off
  visible.add_options()
      ("index,d", po::value<std::string>()->value_name("INDEX_DIR"),
       "index folder (default: $VNSEARCH_INDEX, else ./vnsearch-index; --index-dir is another "
       "name for it)")
      ("jobs,j", po::value<std::string>()->value_name("N"),
       "worker threads reading and analysing files, 1 to 64 (default: all cores)")
      ("no-delete", "keep the documents of files that are gone from the corpus")
      ("full", "rebuild the index from scratch (also upgrades an index of another schema version)")
      ("shards", po::value<unsigned>()->value_name("N"),
       "split the index into N shard databases written in parallel (default: the index's "
       "current count, 1 for a new index; changing it needs --full)")
      ("compact", "merge the shards of INDEX_DIR into one compact database (or compact a "
                  "one-database index) and exit; takes no CORPUS_DIR")
      ("check", "check every table of every database of INDEX_DIR (reads the whole index) and "
                "exit: 0 when consistent, 2 when damaged; takes no CORPUS_DIR")
      ("max-delete", po::value<std::string>()->value_name("N|P%"),
       "stop, changing nothing, when the run would delete more than N documents (or P% of the "
       "index) because their files are gone (default: 50%)")
      ("root-moved", "the corpus folder was moved or renamed: update the index from CORPUS_DIR "
                     "though it was built from another folder")
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
               "unchanged, skipped, duplicates, documents, files, links_skipped, bytes, seconds, "
               "docs_per_second "
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
    check = vm.count("check") > 0;
    if (compact && check) throw po::error("--compact and --check cannot be combined");
    if (compact || check) {
      const std::string option = compact ? "--compact" : "--check";
      if (vm.count("corpus")) throw po::error(option + " takes no CORPUS_DIR");
      if (vm.count("shards")) throw po::error(option + " takes no --shards");
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
    options.jobs = vm.count("jobs") ? parse_count(vm["jobs"].as<std::string>(), "--jobs", kMaxJobs)
                                    : std::min(cores, kMaxJobs);
    options.delete_missing = !vm.count("no-delete");
    options.full = vm.count("full") > 0;
    options.root_moved = vm.count("root-moved") > 0;
    if (vm.count("max-delete")) {
      options.max_delete = parse_delete_limit(vm["max-delete"].as<std::string>());
    }
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
    if (check) {
      const vnsearch::indexer::IndexCheck result =
          vnsearch::indexer::check_index(options.index_dir);
      if (json) std::cout << result.to_json() << std::endl;
      if (!options.quiet || !result.ok()) std::cerr << result.to_text();
      return result.ok() ? kExitOk : kExitFatal;
    }
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
  } catch (const vnsearch::indexer::IndexLockedError& e) {
    console.message(std::string("vnindex: ") + e.what());
  } catch (const Xapian::DatabaseCorruptError& e) {
    console.message("vnindex: " + vnsearch::damaged_index_message(options.index_dir.string(), "",
                                                                  e.get_description()));
  } catch (const Xapian::DatabaseError& e) {  // e.g. a full disk
    console.message("vnindex: error writing index " + options.index_dir.string() + ": " +
                    e.get_description() +
                    ". The documents committed before stay in the index; the next run goes on "
                    "from there");
  } catch (const Xapian::Error& e) {
    console.message("vnindex: error: " + e.get_description());
  } catch (const std::exception& e) {
    console.message(std::string("vnindex: error: ") + e.what());
  }
  return kExitFatal;
}
