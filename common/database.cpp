#include "common/database.h"

#include <fstream>
#include <stdexcept>

namespace vnsearch {

namespace fs = std::filesystem;

std::string shard_folder_name(unsigned index) { return "shard-" + std::to_string(index); }

DatabaseSource remote_source(const std::string& host_port) {
  const size_t colon = host_port.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size()) {
    throw std::invalid_argument("'" + host_port + "' is not HOST:PORT");
  }
  std::string host = host_port.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = host_port.substr(colon + 1);
  unsigned long port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9') throw std::invalid_argument("'" + host_port + "' has a bad port");
    port = port * 10 + static_cast<unsigned>(c - '0');
    if (port > 65535) throw std::invalid_argument("'" + host_port + "' has a bad port");
  }
  if (port == 0) throw std::invalid_argument("'" + host_port + "' has a bad port");
  DatabaseSource source;
  source.kind = DatabaseSource::Kind::kRemoteTcp;
  source.name = host_port;
  source.host = host;
  source.port = static_cast<unsigned>(port);
  return source;
}

namespace {

/// The first words of the lines a Xapian 1.4 stub file may hold.
bool is_stub_keyword(const std::string& word) {
  for (const char* keyword : {"auto", "glass", "chert", "honey", "inmemory", "remote"}) {
    if (word == keyword) return true;
  }
  return false;
}

}  // namespace

std::vector<DatabaseSource> read_stub_file(const fs::path& stub_file) {
  std::ifstream in(stub_file);
  if (!in) throw std::runtime_error("cannot read the stub file " + stub_file.string());
  std::vector<DatabaseSource> sources;
  std::string line;
  unsigned line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = stub_file.string() + ":" + std::to_string(line_number) + ": ";
    const size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if ((type == "auto" || type == "glass") && !rest.empty()) {
      DatabaseSource source;
      // As Xapian does: relative paths are relative to the stub's folder.
      source.path = fs::path(rest).is_absolute() ? fs::path(rest) : stub_file.parent_path() / rest;
      source.name = source.path.string();
      sources.push_back(std::move(source));
    } else if (type == "remote" && !rest.empty() && rest[0] != ':') {
      try {
        sources.push_back(remote_source(rest));
      } catch (const std::invalid_argument& e) {
        throw std::runtime_error(where + e.what());
      }
    } else if (sources.empty() && !is_stub_keyword(type)) {
      // Nothing so far reads like a stub: the file is something else.
      throw std::runtime_error(stub_file.string() + " is not an index: give the folder vnindex " +
                               "wrote, or a Xapian stub file of 'auto PATH' or " +
                               "'remote HOST:PORT' lines");
    } else {
      throw std::runtime_error(where +
                               "vnsearch reads only 'auto PATH', 'glass PATH' and "
                               "'remote HOST:PORT' lines");
    }
  }
  return sources;
}

std::vector<DatabaseSource> sources_of_index(const fs::path& index) {
  std::error_code ec;
  const bool stub_folder =
      !fs::exists(index / "iamglass", ec) && fs::is_regular_file(index / kStubFileName, ec);
  if (fs::is_regular_file(index, ec) || stub_folder) {
    const fs::path stub = stub_folder ? index / kStubFileName : index;
    std::vector<DatabaseSource> sources = read_stub_file(stub);
    if (sources.empty()) throw std::runtime_error(stub.string() + " is not an index: no databases");
    return sources;
  }
  DatabaseSource source;
  source.path = index;
  source.name = index.string();
  return {source};
}

Xapian::Database open_source(const DatabaseSource& source) {
  switch (source.kind) {
    case DatabaseSource::Kind::kRemoteTcp:
      return Xapian::Remote::open(source.host, source.port, kRemoteTimeoutMs,
                                  kRemoteConnectTimeoutMs);
    case DatabaseSource::Kind::kLocal:
      break;
  }
  return Xapian::Database(source.path.string());
}

std::string index_label(const std::string& index_dir, const std::string& shard) {
  return "index " + index_dir + (shard.empty() ? "" : " (" + shard + ")");
}

std::vector<fs::path> missing_required_tables(const fs::path& folder) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (const char* table : kRequiredGlassTables) {
    if (!fs::exists(folder / table, ec)) missing.push_back(folder / table);
  }
  return missing;
}

bool has_glass_tables(const fs::path& folder) {
  std::error_code ec;
  for (const char* table : kRequiredGlassTables) {
    if (fs::exists(folder / table, ec)) return true;
  }
  return false;
}

std::string damaged_index_message(const std::string& index_dir, const std::string& shard,
                                  const std::string& detail) {
  return index_label(index_dir, shard) + " is damaged: " + detail +
         ". See what is wrong with 'vnindex --check -d " + index_dir +
         "'; rebuild it with 'vnindex --full -d " + index_dir + " CORPUS_DIR'";
}

std::string default_index_dir(const std::string& env_index) {
  return env_index.empty() ? "./vnsearch-index" : env_index;
}

}  // namespace vnsearch
