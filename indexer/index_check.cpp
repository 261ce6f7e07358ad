#include "indexer/index_check.h"

#include <sstream>
#include <stdexcept>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "indexer/index_lock.h"
#include "indexer/shards.h"

namespace vnsearch::indexer {

namespace fs = std::filesystem;

namespace {

/// The checker's report, without its progress lines ("docdata:", "blocksize=…").
std::string error_lines(const std::string& report) {
  std::istringstream in(report);
  std::string line, errors;
  while (std::getline(in, line)) {
    if (line.find("rror") == std::string::npos && line.find("corrupt") == std::string::npos &&
        line.find("issing") == std::string::npos) {
      continue;
    }
    errors += (errors.empty() ? "" : "\n") + line;
  }
  return errors.empty() ? report : errors;
}

}  // namespace

bool IndexCheck::ok() const {
  for (const DatabaseCheck& database : databases) {
    if (database.errors > 0) return false;
  }
  return true;
}

std::string IndexCheck::to_text() const {
  std::string text;
  for (const DatabaseCheck& database : databases) {
    if (database.errors == 0) {
      text += "vnindex: " + database.label + ": no errors (" + std::to_string(database.documents) +
              " documents)\n";
    } else {
      text += "vnindex: " + database.label + " is damaged: " + std::to_string(database.errors) +
              (database.errors == 1 ? " error" : " errors") + "\n" + database.details + "\n";
    }
  }
  if (!ok()) {
    text += "vnindex: rebuild the index with 'vnindex --full -d " + index_dir + " CORPUS_DIR'\n";
  }
  return text;
}

std::string IndexCheck::to_json() const {
  nlohmann::ordered_json j;
  j["ok"] = ok();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const DatabaseCheck& database : databases) {
    list.push_back({{"database", database.label},
                    {"errors", database.errors},
                    {"documents", database.documents},
                    {"details", database.details}});
  }
  j["databases"] = std::move(list);
  return j.dump();
}

IndexCheck check_index(const fs::path& index_dir) {
  std::error_code ec;
  if (!fs::exists(index_dir, ec)) {
    throw std::runtime_error("no index at " + index_dir.string() +
                             "; run vnindex CORPUS_DIR first");
  }
  IndexLock lock(index_dir);
  const unsigned shards = existing_shard_count(index_dir);
  if (shards == 0) {
    throw std::runtime_error("no index at " + index_dir.string() +
                             "; run vnindex CORPUS_DIR first");
  }
  IndexCheck check;
  check.index_dir = index_dir.string();
  const std::vector<fs::path> paths = shard_paths(index_dir, shards);
  for (unsigned i = 0; i < shards; ++i) {
    DatabaseCheck database;
    const std::string shard = shard_label(i, shards);
    database.label = index_label(index_dir.string(), shard);
    std::ostringstream report;
    try {
      database.errors = Xapian::Database::check(paths[i].string(), 0, &report);
      if (database.errors > 0) database.details = error_lines(report.str());
      database.documents = Xapian::Database(paths[i].string()).get_doccount();
    } catch (const Xapian::Error& e) {
      database.errors = std::max<size_t>(database.errors, 1);
      database.details = e.get_description();
    }
    // The checker takes a database without a table it needs as consistent.
    for (const fs::path& table : missing_required_tables(paths[i])) {
      if (database.documents == 0) break;
      ++database.errors;
      database.details += (database.details.empty() ? "" : "\n") + table.string() + " is missing";
    }
    check.databases.push_back(std::move(database));
  }
  return check;
}

}  // namespace vnsearch::indexer
