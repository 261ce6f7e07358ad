// @brief The accented forms a folded word can stand for (`bao` → báo, bão,
// bảo, …) and the folded words one edit away (`chealsea` → chelsea), looked
// up in the index's own lexicon: what readings and suggestions choose from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace vnsearch::searcher {

/// An exact form (Token::norm) and the number of documents holding it.
struct FormCount {
  std::string form;
  Xapian::doccount docs = 0;
};

/// Every well-placed accented spelling of the folded syllable `folded`
/// (ASCII letters, one run of at most three vowels, at most seven letters;
/// else only `folded` itself): each vowel with or without its quality mark
/// (ă â ê ô ơ ư), `d` or `đ`, and one of the six tones on the canonical
/// vowel, in the analyzer's norm spelling (new-style tone placement, `sĩ`
/// not `sỹ`). Without a vowel (an abbreviation: `dt` for ĐT), `d` or `đ`
/// only. `folded` itself comes first. Pure; no index needed.
std::vector<std::string> accent_variants(std::string_view folded);

/// The number of documents of `db` holding each of `terms`, in their order.
/// They are looked up in the order of the postlist table: each look-up
/// moves the table's own cursor, and neighbouring terms share its blocks,
/// read once rather than once a term (a pread each: 18% of an unaccented
/// question's reads when a syllable's accent variants were looked up as
/// generated).
std::vector<Xapian::doccount> term_frequencies(const Xapian::Database& db,
                                               const std::vector<std::string>& terms);

/// The exact forms of `folded` found in `db` (schema::kExactPrefix terms),
/// most documents first (ties: the form that sorts first), at most `limit`.
std::vector<FormCount> exact_forms(const Xapian::Database& db, std::string_view folded,
                                   size_t limit);

/// The ASCII words one deletion, insertion, substitution or transposition
/// away from `folded` (letters a–z), without duplicates, `folded` excluded.
/// Empty when `folded` holds anything but ASCII letters. Pure.
std::vector<std::string> edit_variants(std::string_view folded);

/// Edit distance (insertions, deletions, substitutions; transpositions
/// count 1) between two UTF-8 strings, by code point.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace vnsearch::searcher
