// @brief The index schema: every term prefix, value slot and metadata key the
// indexer writes and the searcher reads. Neither side spells one itself.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace vnsearch::schema {

/// Bumped whenever terms, slots or document data change incompatibly; the
/// indexer refuses to update an index of another version without --full.
/// Also bumped when the analyzer's forms change (3: `sỹ` is spelled `sĩ`;
/// 4: positions moved from folded to exact terms). 5: category terms and the
/// category slot hold category_key(), and kCategoryFormPrefix terms the
/// forms as written. 6: near-copy signatures (kSlotNearCopySignature) and
/// groups (kCopyGroupPrefix, kSlotCollapseKey holds the group). 7: no year,
/// month and day terms (Y, M, D): no query read them, dates are filtered
/// and faceted by value slot (kSlotDate, kSlotYear). 8: no group term
/// (XGRP): a group lives in kSlotCollapseKey alone, so that regrouping
/// writes values only, never a document's terms and positions again.
inline constexpr int kVersion = 8;

// ---- Term prefixes -------------------------------------------------------
// Free-text terms are lower case, so an upper-case prefix never clashes with
// the first letter of a term (Xapian's convention, as in omega).

/// Unique id of a document: kIdPrefix + path relative to the corpus root
/// (JSON Lines files: path + "#" + line number).
inline constexpr std::string_view kIdPrefix = "Q";
/// Folded terms (no diacritics, đ → d) of title and body, without
/// positions: what a word typed without diacritics matches. No prefix.
inline constexpr std::string_view kFoldedPrefix = "";
/// Accent-exact terms (Token::norm) of title and body, with positions: what
/// a word typed with diacritics matches, and the positions of every phrase
/// (an unaccented word in a phrase is the OR of its exact forms), so that
/// `"thị trưởng"` never matches `thị trường`. Positions live here only,
/// once per token, as they lived on the folded terms before schema 4.
inline constexpr std::string_view kExactPrefix = "XA";
/// Folded pairs of adjacent words ("dang vien"), without positions: ranks
/// adjacent multi-syllable matches above scattered ones without a positional
/// check at query time, and finds the documents that tell the dominant
/// accented reading of an unaccented query. Title and lead only
/// (kBodyBigramTokens). (Exact pairs were dropped in
/// schema 2: they doubled indexing time for little ranking gain.)
inline constexpr std::string_view kBigramPrefix = "XB";
/// Folded title terms with positions, for title: queries.
inline constexpr std::string_view kTitlePrefix = "S";
/// Accent-exact title terms, for title: queries typed with accents.
inline constexpr std::string_view kTitleExactPrefix = "XT";

// Boolean filter terms; values are normalised by filter_value().
inline constexpr std::string_view kSourcePrefix = "XSOURCE";
/// + category_key(): "Thời sự", "thoi-su" and "thoi_su" are one category.
inline constexpr std::string_view kCategoryPrefix = "XCAT";
/// + the category as written (a header's "Thời sự", a folder's "thoi-su"):
/// the searcher shows each category in one of its forms, chosen from these
/// terms and their frequencies (see display_category()).
inline constexpr std::string_view kCategoryFormPrefix = "XCF";
/// + the hash of the normalised body: its term frequency counts exact copies
/// (the indexer's "duplicates"). Exact copies are also near-copies, grouped
/// as below.
inline constexpr std::string_view kDuplicatePrefix = "XDUP";

/// Folded pairs are indexed for the title and the first this many tokens of
/// the body: the lead, where a news article names its subject. Measured on
/// the evaluation collection, pairs from deeper in long articles made
/// relevance worse (distractors matching a query's words adjacently in
/// passing), and they were half of the indexing time.
inline constexpr size_t kBodyBigramTokens = 200;

/// Within-document frequency added per title token on top of body tokens, so
/// that title matches weigh more under BM25.
inline constexpr Xapian::termcount kTitleWdf = 3;
/// Position gap between title and body, so phrases never span the two.
inline constexpr Xapian::termpos kTitleBodyGap = 100;

// ---- Value slots ---------------------------------------------------------

/// Publication date as "YYYYMMDD" (sortable as a string); empty if unknown.
inline constexpr Xapian::valueno kSlotDate = 0;
/// The near-copy group id (16 hex digits), which the searcher collapses on;
/// no value outside a group, so the slot's value stream lists the grouped
/// documents only, and a group's members are the documents whose value is
/// its id (group_query()). Set by indexer/copy_groups.* after the documents
/// are written, never by the document builder: a group depends on other
/// documents. A value and no term (schema 8), so that regrouping a
/// document writes its values only, not its terms and positions
/// (indexer/copy_groups.h).
inline constexpr Xapian::valueno kSlotCollapseKey = 1;
/// "size:mtime_ns:content_hash" of the source file, for incremental re-runs.
inline constexpr Xapian::valueno kSlotFileStamp = 2;
/// Source, category (its category_key()) and year as plain strings, for
/// facet counting.
inline constexpr Xapian::valueno kSlotSource = 3;
inline constexpr Xapian::valueno kSlotCategory = 4;
inline constexpr Xapian::valueno kSlotYear = 5;
/// near_copies::Signature::encode() of the body (258 bytes); no value for a
/// body without words.
inline constexpr Xapian::valueno kSlotNearCopySignature = 6;
/// pair_sketch of the folded forms of every two exact terms at adjacent
/// positions (title and body): the rescoring reads a pair's positions only
/// where it may hold the pair. No value: read them (an index written before
/// the slot existed still reads as it did, so no new schema version).
inline constexpr Xapian::valueno kSlotPairSketch = 7;

// ---- Database metadata keys ---------------------------------------------

inline constexpr std::string_view kMetaSchemaVersion = "vnsearch:schema";
/// Absolute path of the corpus root the index was built from.
inline constexpr std::string_view kMetaCorpusRoot = "vnsearch:corpus_root";
/// ISO 8601 time of the last completed indexing run.
inline constexpr std::string_view kMetaLastUpdate = "vnsearch:last_update";
/// The folder level categories come from (vnindex --category-level).
inline constexpr std::string_view kMetaCategoryLevel = "vnsearch:category_level";
/// group_members_key(G): the members of near-copy group G (its value in
/// kSlotCollapseKey), their id terms (join_group_members()), in every
/// shard holding one of them. The searcher finds a hit's copies with one
/// look-up, not a pass over the group value of every document (on four
/// copies of the news folder, 9 ms of every one-query process).
inline constexpr std::string_view kMetaGroupMembersPrefix = "vnsearch:group:";
/// "1" in a shard whose group lists vnindex keeps. An index written before
/// them has none, and its groups are found by their value.
inline constexpr std::string_view kMetaGroupsListed = "vnsearch:groups_listed";

// ---- Document data --------------------------------------------------------

// Values of DocumentData::title_source. A derived title is shown, never
// indexed as a title: its words are the body's (or a URL's), and giving them
// title weight would rank these articles by a guess.
inline constexpr std::string_view kTitleFromHeader = "header";         ///< "# title = ..."
inline constexpr std::string_view kTitleFromFirstLine = "first_line";  ///< a headline line
inline constexpr std::string_view kTitleFromHtml = "html";             ///< og:title, <title>, <h1>
inline constexpr std::string_view kTitleFromJson = "json";             ///< a title field
inline constexpr std::string_view kTitleFromUrlSlug = "url_slug";      ///< derived
inline constexpr std::string_view kTitleFromSentence = "derived_sentence";  ///< derived

/// True for the title sources that are a guess (kTitleFromUrlSlug,
/// kTitleFromSentence).
bool is_derived_title(std::string_view title_source);
/// Document data that to_json() did not write: a damaged index.
class DocumentDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a search hit shows, stored as a JSON object in the document data.
/// Fields added later are optional in the JSON, so older indexes still read.
struct DocumentData {
  /// Relative to the corpus root (the id without kIdPrefix), as the bytes of
  /// the file name: JSON holds only UTF-8, so a path that is not UTF-8 is
  /// also stored as "path_hex".
  std::string path;
  std::string title;
  /// Where the title comes from: one of the kTitleFrom* values below, or
  /// empty (an index written before titles were derived).
  std::string title_source;
  std::string source;  ///< e.g. "kontumtv.vn"
  std::string category;
  std::string date;  ///< ISO YYYY-MM-DD, or empty
  std::string url;
  std::string author;
  std::string text;  ///< the body as decoded UTF-8, for passages

  std::string to_json() const;
  /// Throws DocumentDataError on data not written by to_json().
  static DocumentData from_json(std::string_view json);
  /// from_json() through nlohmann's DOM: what its fast reader must equal,
  /// and what reads any other layout.
  static DocumentData from_json_dom(std::string_view json);
};

/// The file a document came from, relative to the corpus root: the path
/// without the "#N" record number of a JSON or JSON Lines record.
std::string_view file_path(std::string_view document_path);

/// Lower-cases and trims a source or category name for a boolean filter term,
/// so that "Thể thao" typed in a query meets "thể thao" from a file.
std::string filter_value(std::string_view value);

/// Term helpers: prefix + value.
std::string id_term(std::string_view relative_path);
std::string source_term(std::string_view source);
std::string category_term(std::string_view category);
/// One key per category whatever its spelling: lower case, no diacritics,
/// '-' and '_' as spaces, spaces collapsed ("Thời sự", "thoi-su" → "thoi su").
std::string category_key(std::string_view category);
/// kCategoryFormPrefix + the category as written (at most 200 bytes).
std::string category_form_term(std::string_view category);
/// Of the forms of one category with the documents holding each, the one to
/// show: a form a person wrote (accents, capitals or spaces) over a folder
/// name ("thoi-su"), then the most frequent, then the first in byte order.
/// Independent of indexing order, so re-runs and shard counts never change
/// it.
bool better_category_form(std::string_view form, Xapian::doccount count, std::string_view than,
                          Xapian::doccount than_count);
/// The members of near-copy group `group_id`: the documents whose
/// kSlotCollapseKey holds it (a value range of one value).
Xapian::Query group_query(const std::string& group_id);
/// kMetaGroupMembersPrefix + `group_id`.
std::string group_members_key(std::string_view group_id);
/// The id terms of a group's members as one metadata value, sorted and
/// separated by NUL (a term holds none); split_group_members() reads it.
std::string join_group_members(std::vector<std::string> id_terms);
std::vector<std::string> split_group_members(std::string_view joined);
/// kBigramPrefix + "first second": the pair term of two adjacent folded words.
std::string bigram_term(std::string_view first, std::string_view second);

}  // namespace vnsearch::schema
