#include "indexer/run_summary.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "common/plural.h"

namespace vnsearch::indexer {

ChangeCounts& ChangeCounts::operator+=(const ChangeCounts& other) {
  added += other.added;
  updated += other.updated;
  deleted += other.deleted;
  unchanged += other.unchanged;
  skipped += other.skipped;
  return *this;
}

namespace {

void put_counts(const ChangeCounts& counts, nlohmann::ordered_json* j) {
  (*j)["added"] = counts.added;
  (*j)["updated"] = counts.updated;
  (*j)["deleted"] = counts.deleted;
  (*j)["unchanged"] = counts.unchanged;
  (*j)["skipped"] = counts.skipped;
}

}  // namespace

double RunSummary::docs_per_second() const {
  return seconds > 0 ? static_cast<double>(added + updated) / seconds : 0.0;
}

std::string RunSummary::to_json() const {
  nlohmann::ordered_json j;
  put_counts(*this, &j);
  j["duplicates"] = duplicates;
  j["documents"] = documents;
  j["files"] = files;
  j["links_skipped"] = links_skipped;
  j["bytes"] = bytes;
  j["index_bytes"] = index_bytes;
  j["compacted"] = compacted;
  j["seconds"] = std::round(seconds * 1000) / 1000;
  j["docs_per_second"] = std::round(docs_per_second() * 10) / 10;
  if (!shards.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ShardSummary& s : shards) {
      nlohmann::ordered_json shard;
      shard["shard"] = s.name;
      shard["files"] = s.files;
      put_counts(s, &shard);
      shard["duplicates"] = s.duplicates;
      shard["documents"] = s.documents;
      list.push_back(std::move(shard));
    }
    j["shards"] = std::move(list);
  }
  return j.dump();
}

std::string RunSummary::to_text() const {
  char rates[100];
  std::snprintf(rates, sizeof rates, " in %.1f s, %.0f docs/s, %.1f MB/s", seconds,
                docs_per_second(),
                seconds > 0 ? static_cast<double>(bytes) / (1024.0 * 1024.0) / seconds : 0.0);
  std::string line = "vnindex: " + counted(files, "file", "files") + ": " + std::to_string(added) +
                     " added, " + std::to_string(updated) + " updated, " + std::to_string(deleted) +
                     " deleted, " + std::to_string(unchanged) + " unchanged, " +
                     std::to_string(skipped) + " skipped";
  if (links_skipped > 0) {
    line += "; " + counted(links_skipped, "symbolic link", "symbolic links") + " not followed";
  }
  line += "; " + counted(documents, "document", "documents") + " (" +
          counted(duplicates, "duplicate", "duplicates") + ")" + rates;
  char size[64];
  std::snprintf(size, sizeof size, "; index %.1f MB%s",
                static_cast<double>(index_bytes) / (1024.0 * 1024.0),
                compacted ? ", compacted" : "");
  line += size;
  if (!shards.empty()) line += " in " + std::to_string(shards.size()) + " shards";
  return line;
}

}  // namespace vnsearch::indexer
