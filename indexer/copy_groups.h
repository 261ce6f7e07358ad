// @brief Near-copy groups of an index: which documents are copies of one
// another (common/near_copies.h), written as a group id in each member's
// collapse slot (a value only: terms and positions are never written again),
// so that the searcher shows a group once, and as a list of the members'
// id terms in the metadata of each shard holding one, so that it finds a
// group's members with one look-up.
#pragma once

#include <cstdint>
#include <vector>

#include <xapian.h>

namespace vnsearch::indexer {

struct CopyGroupCounts {
  uint64_t groups = 0;     ///< groups of two or more documents
  uint64_t grouped = 0;    ///< documents in them
  uint64_t rewritten = 0;  ///< documents whose group this call changed
  /// Member lists (schema::kMetaGroupMembersPrefix) written or removed,
  /// counted once per shard.
  uint64_t lists_written = 0;
};

/// Brings the groups of an index (every shard, so that copies in different
/// shards are one group) in line with the signatures its documents hold,
/// and commits each shard it changed. The groups are a function of the set
/// of documents alone — the connected components of "near-copies" — and
/// each is named by a hash of its smallest id term: after any sequence of
/// incremental runs they are the groups a rebuild from the same files gives.
/// Reads every signature (258 bytes a document: tens of milliseconds for
/// 40,000) and changes the group value of only the documents whose group
/// changed, and the member lists that changed; the documents' terms,
/// postings and positions are left as they are. Marks each shard as
/// keeping the lists (schema::kMetaGroupsListed).
CopyGroupCounts update_copy_groups(const std::vector<Xapian::WritableDatabase*>& shards);

}  // namespace vnsearch::indexer
