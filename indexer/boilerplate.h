// @brief Removal of scraped page furniture (comment forms, share buttons,
// related-article lists) from article bodies, and byline detection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::indexer {

/// What a boilerplate rule does with a matching paragraph.
enum class BoilerplateAction {
  kCutTail,          ///< furniture: cut from here to the end, if all that follows is furniture too
  kCutTailAndLinks,  ///< like kCutTail, and title-like lines after it are a link list
  kBylineName,       ///< a final personal-name line: the author, removed from the body
  kBylineCredit,     ///< a final credit ("Theo X"): the author, kept in the body
  kLeadingDateline,  ///< a first paragraph that is only a date line: removed, gives the date
};

/// How a rule's `patterns` are compared with a paragraph, after both are
/// lower-cased and the paragraph loses a trailing ':', '*' or "(<count>)".
enum class BoilerplateMatch {
  kExact,         ///< the whole paragraph is one of the patterns
  kPrefix,        ///< the paragraph starts with one of the patterns
  kPersonalName,  ///< 1-3 names of 2-4 capitalised words each, joined by " - ", ", " or "/"
  kDateline,      ///< a short line holding a date, not a sentence ("Thứ hai, 02/11/2020 - 14:05")
};

struct BoilerplateRule {
  std::string_view name;
  BoilerplateAction action;
  BoilerplateMatch match;
  std::string_view patterns;  ///< lower case, alternatives separated by '|'
};

/// The one table of boilerplate rules, in matching order.
const std::vector<BoilerplateRule>& boilerplate_rules();

/// The first rule matching the single paragraph `paragraph`, or nullptr.
const BoilerplateRule* find_boilerplate_rule(std::string_view paragraph);

/// Removes from `*paragraph` the links to related articles a page sets
/// between two sentences: a bracketed headline ("… ngày. [Triều Tiên thử
/// tên lửa liên lục địa] Bình Nhưỡng …"), of four words or more,
/// starting with a capital, a digit or a quote, after a sentence's end (or
/// the paragraph's start) and before the next sentence (or the paragraph's
/// end). Brackets inside a sentence ("Chùa Bàng Long [Bàng là Hồng Bàng]
/// có …") stay. Returns the number removed.
size_t remove_related_links(std::string* paragraph);

/// Removes page furniture from `*paragraphs`:
/// - links to related articles set between sentences (remove_related_links);
/// - the tail: everything from the first kCutTail(AndLinks) paragraph on,
///   provided every paragraph after it is furniture too (or, after a
///   kCutTailAndLinks heading, a title-like link);
/// - a leading dateline, when text follows; it sets `*iso_date` when empty;
/// - a byline: if the last paragraph is a short byline after some text, it
///   sets `*author` when empty, and a plain name line is dropped.
/// Returns the names of the rules that fired.
std::vector<std::string_view> remove_boilerplate(std::vector<std::string>* paragraphs,
                                                 std::string* author, std::string* iso_date);

}  // namespace vnsearch::indexer
