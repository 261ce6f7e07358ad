#include "searcher/docid_set.h"

#include <algorithm>
#include <utility>

namespace vnsearch::searcher {

DocidSetPostingSource::DocidSetPostingSource(std::vector<Xapian::docid> docids)
    : docids_(std::move(docids)) {
  std::sort(docids_.begin(), docids_.end());
  docids_.erase(std::unique(docids_.begin(), docids_.end()), docids_.end());
}

Xapian::doccount DocidSetPostingSource::get_termfreq_min() const {
  return static_cast<Xapian::doccount>(docids_.size());
}
Xapian::doccount DocidSetPostingSource::get_termfreq_est() const { return get_termfreq_min(); }
Xapian::doccount DocidSetPostingSource::get_termfreq_max() const { return get_termfreq_min(); }

void DocidSetPostingSource::next(double) {
  if (started_) {
    ++at_;
  } else {
    started_ = true;
  }
}

void DocidSetPostingSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  const auto from = docids_.begin() + static_cast<std::ptrdiff_t>(std::min(at_, docids_.size()));
  at_ = static_cast<size_t>(std::lower_bound(from, docids_.end(), did) - docids_.begin());
}

bool DocidSetPostingSource::at_end() const { return started_ && at_ >= docids_.size(); }

Xapian::docid DocidSetPostingSource::get_docid() const { return docids_[at_]; }

DocidSetPostingSource* DocidSetPostingSource::clone() const {
  return new DocidSetPostingSource(docids_);
}

void DocidSetPostingSource::init(const Xapian::Database&) {
  at_ = 0;
  started_ = false;
}

Xapian::Query docid_set_query(std::vector<Xapian::docid> docids) {
  if (docids.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query((new DocidSetPostingSource(std::move(docids)))->release());
}

}  // namespace vnsearch::searcher
