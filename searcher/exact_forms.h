// @brief Every way a word typed without diacritics is written in the
// archive: the exact terms whose folding is the word ("dang" → đang, đảng,
// đăng, dạng…), read from the index's lexicon. Positions live on exact
// terms only, so a phrase of unaccented words is a phrase of these sets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace vnsearch::searcher {

/// The exact terms (schema::kExactPrefix + form) of `db` whose form folds to
/// `folded`, most frequent first, at most `limit`. Scans only the lexicon
/// ranges that can hold them: the word's leading consonants (`đ` for `d`)
/// followed by each accented form of its first vowel.
std::vector<std::string> exact_variants(const Xapian::Database& db, std::string_view folded,
                                        size_t limit = 64);

}  // namespace vnsearch::searcher
