#include "indexer/copy_groups.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "common/hash.h"
#include "common/near_copies.h"
#include "common/schema.h"

namespace vnsearch::indexer {
namespace {

/// The document's unique id term (schema::id_term), the order that names a
/// group: docids differ between an updated index and a rebuilt one.
std::string id_term_of(const Xapian::Database& db, Xapian::docid docid) {
  const std::string prefix(schema::kIdPrefix);
  Xapian::TermIterator it = db.termlist_begin(docid);
  it.skip_to(prefix);
  if (it == db.termlist_end(docid)) return {};
  std::string term = *it;
  return term.compare(0, prefix.size(), prefix) == 0 ? term : std::string();
}

}  // namespace

CopyGroupCounts update_copy_groups(const std::vector<Xapian::WritableDatabase*>& shards) {
  CopyGroupCounts counts;
  if (shards.empty()) return counts;
  Xapian::Database all;
  for (Xapian::WritableDatabase* shard : shards) all.add_database(*shard);

  std::vector<Xapian::docid> docids;
  std::vector<near_copies::Signature> signatures;
  const Xapian::valueno slot = schema::kSlotNearCopySignature;
  for (auto it = all.valuestream_begin(slot); it != all.valuestream_end(slot); ++it) {
    if (const auto signature = near_copies::Signature::decode(*it)) {
      docids.push_back(it.get_docid());
      signatures.push_back(*signature);
    }
  }

  // A combined database numbers document d of shard s (of n) (d - 1) * n + s + 1.
  const size_t n = shards.size();
  const auto shard_of = [n](Xapian::docid docid) { return (docid - 1) % n; };

  std::unordered_map<Xapian::docid, std::string> wanted;  // docid → group id
  // Per shard, the member lists of the groups it holds a member of.
  std::vector<std::map<std::string, std::string>> wanted_lists(n);
  for (const std::vector<size_t>& members : near_copies::group(signatures)) {
    std::vector<std::string> ids;
    for (size_t i : members) ids.push_back(id_term_of(all, docids[i]));
    const std::string group_id = hash_hex(*std::min_element(ids.begin(), ids.end()));
    const std::string list = schema::join_group_members(std::move(ids));
    for (size_t i : members) {
      wanted.emplace(docids[i], group_id);
      wanted_lists[shard_of(docids[i])][schema::group_members_key(group_id)] = list;
    }
    ++counts.groups;
    counts.grouped += members.size();
  }

  std::unordered_map<Xapian::docid, std::string> current;
  const Xapian::valueno group_slot = schema::kSlotCollapseKey;
  for (auto it = all.valuestream_begin(group_slot); it != all.valuestream_end(group_slot); ++it) {
    current.emplace(it.get_docid(), *it);
  }
  std::vector<Xapian::docid> changed;
  for (const auto& [docid, group_id] : wanted) {
    const auto found = current.find(docid);
    if (found == current.end() || found->second != group_id) changed.push_back(docid);
  }
  for (const auto& [docid, group_id] : current) {
    if (!wanted.count(docid)) changed.push_back(docid);
  }

  std::vector<bool> touched(n, false);
  for (Xapian::docid docid : changed) {
    const size_t shard = shard_of(docid);
    const Xapian::docid local = static_cast<Xapian::docid>((docid - 1) / n + 1);
    // Xapian's modification shortcut: a document read from this database and
    // given back to it with its values changed and its terms untouched (never
    // read here, not even listed) has its values written, and nothing else.
    // A term added or removed would write its whole termlist, postings and
    // positions again: a second full write of an archive of copies.
    Xapian::Document doc = shards[shard]->get_document(local);
    const auto group_id = wanted.find(docid);
    if (group_id == wanted.end()) {
      doc.remove_value(group_slot);
    } else {
      doc.add_value(group_slot, group_id->second);
    }
    shards[shard]->replace_document(local, doc);
    touched[shard] = true;
    ++counts.rewritten;
  }
  // The member lists, in the same commit as the values: metadata only.
  const std::string prefix(schema::kMetaGroupMembersPrefix);
  for (size_t i = 0; i < n; ++i) {
    Xapian::WritableDatabase& shard = *shards[i];
    std::map<std::string, std::string>& lists = wanted_lists[i];
    std::vector<std::string> gone;
    for (auto key = shard.metadata_keys_begin(prefix); key != shard.metadata_keys_end(prefix);
         ++key) {
      const auto found = lists.find(*key);
      if (found == lists.end()) {
        gone.push_back(*key);
      } else if (shard.get_metadata(*key) == found->second) {
        lists.erase(found);  // as it should be
      }
    }
    for (const std::string& key : gone) shard.set_metadata(key, "");  // removes it
    for (const auto& [key, list] : lists) shard.set_metadata(key, list);
    counts.lists_written += gone.size() + lists.size();
    const std::string listed(schema::kMetaGroupsListed);
    if (shard.get_metadata(listed) != "1") {
      shard.set_metadata(listed, "1");
      touched[i] = true;
    }
    if (!gone.empty() || !lists.empty()) touched[i] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (touched[i]) shards[i]->commit();
  }
  return counts;
}

}  // namespace vnsearch::indexer
