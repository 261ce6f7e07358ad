// @brief A Xapian posting source over a fixed set of document ids: filters a
// query down to the candidates an earlier match chose.
#pragma once

#include <vector>

#include <xapian.h>

namespace vnsearch::searcher {

/// Matches exactly the documents of a sorted set of docids, with weight 0.
/// Xapian 1.4 has no docid filter; OP_FILTER with this source is one, and
/// the matcher then looks at these documents only (it skips to them).
///
/// The docids are those of the database the query runs on, so it serves a
/// single local database only: on several shards Xapian hands each shard's
/// own docids to a copy of the source, and a remote shard cannot run it.
class DocidSetPostingSource : public Xapian::PostingSource {
 public:
  /// `docids` need not be sorted or unique.
  explicit DocidSetPostingSource(std::vector<Xapian::docid> docids);

  Xapian::doccount get_termfreq_min() const override;
  Xapian::doccount get_termfreq_est() const override;
  Xapian::doccount get_termfreq_max() const override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override;
  Xapian::docid get_docid() const override;
  DocidSetPostingSource* clone() const override;
  void init(const Xapian::Database& db) override;

 private:
  std::vector<Xapian::docid> docids_;  ///< sorted, unique
  size_t at_ = 0;
  bool started_ = false;
};

/// The filter query matching exactly `docids` (none when empty).
Xapian::Query docid_set_query(std::vector<Xapian::docid> docids);

}  // namespace vnsearch::searcher
