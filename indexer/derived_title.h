// @brief A title for an article whose file gives none: the URL's slug with
// the accents the text uses, else the first sentence, shortened.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

struct DerivedTitle {
  std::string text;  ///< empty when nothing fits
  /// schema::kTitleFromUrlSlug or schema::kTitleFromSentence, or empty.
  std::string_view source;
};

/// The URL's last path segment as words when it has at least three
/// ("/da-nhan-tao-cua-nga-giup-chua-lanh-vet-thuong-20210407053102351.htm"
/// gives "Da nhân tạo của Nga giúp chữa lành vết thương": trailing numeric
/// ids dropped, each word spelled as the body spells it, next to the same
/// neighbour if it can, first letter capitalised) and the body has every
/// word; else the first sentence of the first paragraph without a source
/// lead, cut at a word to at most 100 characters with "…".
/// `paragraphs` is the body, boilerplate removed.
DerivedTitle derive_title(std::string_view url, const std::vector<std::string>& paragraphs);

}  // namespace vnsearch::indexer
