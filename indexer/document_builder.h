// @brief Turns one article into the Xapian document the schema describes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "common/text/analyzer.h"

namespace vnsearch::indexer {

/// Builds documents; owns the per-thread analysis buffers, so use one
/// builder per thread. The result depends only on the inputs.
class DocumentBuilder {
 public:
  /// The document for `data` (data.path is the unique id). `file_stamp` is
  /// stored for incremental re-runs (see schema::kSlotFileStamp). The
  /// duplicate key (a kDuplicatePrefix term) hashes the body's normalised
  /// words, so copies differing only in spacing, Unicode form, case or tone
  /// placement share it; the near-copy signature (kSlotNearCopySignature)
  /// shingles its folded words. The near-copy group is not the builder's:
  /// it depends on the other documents (indexer/copy_groups.h).
  Xapian::Document build(const schema::DocumentData& data, std::string_view file_stamp);

 private:
  text::Analyzer analyzer_;
  std::vector<text::Token> tokens_;
};

/// "YYYYMMDD" from an ISO "YYYY-MM-DD" date, or empty when it is not one.
std::string compact_date(std::string_view iso_date);

}  // namespace vnsearch::indexer
