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
};

/// How a rule's `patterns` are compared with a paragraph, after both are
/// lower-cased and the paragraph loses a trailing ':', '*' or "(<count>)".
enum class BoilerplateMatch {
  kExact,         ///< the whole paragraph is one of the patterns
  kPrefix,        ///< the paragraph starts with one of the patterns
  kPersonalName,  ///< 1-3 names of 2-4 capitalised words each, joined by " - ", ", " or "/"
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

/// Removes page furniture from the end of `*paragraphs`: everything from the
/// first kCutTail(AndLinks) paragraph on, provided every paragraph after it
/// is furniture too (or, after a kCutTailAndLinks heading, a title-like
/// link). Then, if the body's last paragraph is a short byline and there is
/// text before it, sets `*author` when empty and drops a plain name line.
/// Returns the names of the rules that fired.
std::vector<std::string_view> remove_boilerplate(std::vector<std::string>* paragraphs,
                                                 std::string* author);

}  // namespace vnsearch::indexer
