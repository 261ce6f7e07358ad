// @brief Removal of scraped page furniture (comment forms, share buttons,
// related-article lists) from article bodies, and byline detection.
#include "indexer/boilerplate.h"
#include "common/text/case.h"

#include <algorithm>
#include <cctype>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/text/utf8.h"
#include "indexer/date.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

using Action = BoilerplateAction;
using Match = BoilerplateMatch;

/// Furniture is short; longer paragraphs are never compared.
constexpr size_t kMaxFurnitureBytes = 400;
/// Bylines, credits and datelines are at most this many characters.
constexpr size_t kMaxBylineCodePoints = 60;
/// A dateline has a few words besides the date (weekday, time, a name).
constexpr size_t kMaxDatelineWords = 10;
/// The tail (furniture plus a related-articles list) is never longer; the
/// bound keeps files of many short lines linear.
constexpr size_t kMaxTailParagraphs = 60;
/// A line after a "related articles" heading is a link when it is no longer
/// than an article title.
constexpr size_t kMaxLinkCodePoints = 200;

/// Lower case, without a trailing ':', '*' or comment count "(12)".
std::string matching_form(std::string_view paragraph) {
  std::string form = text::lower_nfc(collapse_whitespace(paragraph));
  for (bool changed = true; changed;) {
    changed = false;
    while (!form.empty() && (form.back() == ' ' || form.back() == ':' || form.back() == '*')) {
      form.pop_back();
      changed = true;
    }
    if (!form.empty() && form.back() == ')') {
      const size_t open = form.rfind('(');
      if (open != std::string::npos && open + 2 < form.size() &&
          form.find_first_not_of("0123456789", open + 1) == form.size() - 1) {
        form.erase(open);
        changed = true;
      }
    }
  }
  return form;
}

/// A capitalised ("Chí") or all-capitals ("CHÍ") word of letters.
bool is_name_word(std::string_view word) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (text.isEmpty() || !u_isupper(text.char32At(0))) return false;
  bool all_lower = true;
  bool all_upper = true;
  for (int32_t i = text.moveIndex32(0, 1); i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (u_getCombiningClass(c) != 0) continue;
    if (!u_isalpha(c)) return false;
    all_lower = all_lower && u_islower(c);
    all_upper = all_upper && u_isupper(c);
  }
  return all_lower || all_upper;
}

/// One to three names of 2-4 name words, joined by " - ", " – ", ", " or "/".
bool is_personal_name_line(std::string_view paragraph) {
  std::string line = collapse_whitespace(paragraph);
  if (line.empty() || count_code_points(line) > kMaxBylineCodePoints) return false;
  for (const std::string_view separator : {" - ", " \xE2\x80\x93 ", ", ", " / ", "/"}) {
    for (size_t at = line.find(separator); at != std::string::npos; at = line.find(separator)) {
      line.replace(at, separator.size(), "|");
    }
  }
  size_t names = 0;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find('|', start);
    if (end == std::string::npos) end = line.size();
    const std::string_view name = trim(std::string_view(line).substr(start, end - start));
    size_t words = 0;
    size_t word_start = 0;
    while (word_start < name.size()) {
      size_t word_end = name.find(' ', word_start);
      if (word_end == std::string_view::npos) word_end = name.size();
      if (!is_name_word(name.substr(word_start, word_end - word_start))) return false;
      ++words;
      word_start = word_end + 1;
    }
    if (words < 2 || words > 4) return false;
    ++names;
    start = end + 1;
  }
  return names >= 1 && names <= 3;
}

/// "Thứ Năm, 20/06/2019, 17:05" or "28/05/2023 09:00 GMT+7": a date, and
/// not a sentence ("Ngày 30/10/2020, tỉnh khai mạc hội chợ." is one).
bool is_dateline(std::string_view paragraph) {
  const std::string_view line = trim(paragraph);
  if (line.empty() || line.back() == '.' || line.back() == '!' || line.back() == '?') return false;
  // Cheap tests first: normalize_date() runs regular expressions.
  return count_code_points(line) <= kMaxBylineCodePoints &&
         count_words(line) <= kMaxDatelineWords &&
         std::any_of(line.begin(), line.end(), [](unsigned char c) { return std::isdigit(c); }) &&
         !normalize_date(line).empty();
}

/// True when `next`, the byte after a prefix, cannot continue its word:
/// ASCII space or punctuation ("tags:" but not "tagalog"). Bytes of
/// multi-byte characters count as letters.
bool is_word_boundary(char next) {
  const auto byte = static_cast<unsigned char>(next);
  return byte < 0x80 && !std::isalnum(byte);
}

/// `form` equals or starts with (at a word boundary) one of the '|'-separated
/// `patterns`.
bool matches_patterns(std::string_view form, std::string_view patterns, Match match) {
  size_t start = 0;
  while (start <= patterns.size()) {
    size_t end = patterns.find('|', start);
    if (end == std::string_view::npos) end = patterns.size();
    const std::string_view pattern = patterns.substr(start, end - start);
    if (match == Match::kExact && form == pattern) return true;
    if (match == Match::kPrefix && form.substr(0, pattern.size()) == pattern &&
        (form.size() == pattern.size() || is_word_boundary(form[pattern.size()]))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool cuts_tail(const BoilerplateRule* rule) {
  return rule != nullptr &&
         (rule->action == Action::kCutTail || rule->action == Action::kCutTailAndLinks);
}

/// The credited name of a credit line: "Theo Báo Kon Tum" → "Báo Kon Tum",
/// "Nguồn: TTXVN" → "TTXVN", "(Tổng hợp)" → "Tổng hợp".
std::string credited_name(const BoilerplateRule& rule, std::string_view paragraph) {
  std::string_view name = trim(paragraph);
  if (rule.match == Match::kPrefix) {
    const size_t space = name.find_first_of(" :");
    name = space == std::string_view::npos ? std::string_view() : name.substr(space + 1);
  }
  while (!name.empty() && (name.front() == '(' || name.front() == ':' || name.front() == ' ')) {
    name.remove_prefix(1);
  }
  while (!name.empty() && (name.back() == ')' || name.back() == '.' || name.back() == ' ')) {
    name.remove_suffix(1);
  }
  return std::string(name);
}

}  // namespace

const std::vector<BoilerplateRule>& boilerplate_rules() {
  // Vietnamese patterns are UTF-8 NFC, lower case. Order matters only where
  // two rules could match the same line: credits before personal names
  // ("Theo Báo Kon Tum" is capitalised too).
  static const std::vector<BoilerplateRule> kRules = {
      {"comment_reply", Action::kCutTail, Match::kExact,
       "trả lời|hủy trả lời|huỷ trả lời|phản hồi"},
      {"comment_email_notice", Action::kCutTail, Match::kPrefix,
       "email của bạn sẽ không được hiển thị công khai"},
      {"comment_required_fields", Action::kCutTail, Match::kPrefix,
       "các trường bắt buộc được đánh dấu"},
      {"comment_heading", Action::kCutTail, Match::kExact,
       "bình luận|các bình luận|ý kiến bạn đọc|ý kiến"},
      {"comment_leave", Action::kCutTail, Match::kExact,
       "để lại một bình luận|để lại bình luận|viết bình luận|gửi bình luận|gửi ý kiến|gửi"},
      {"comment_form_field", Action::kCutTail, Match::kExact,
       "tên|họ tên|họ và tên|email|địa chỉ email|trang web|website|nội dung"},
      {"comment_save_details", Action::kCutTail, Match::kPrefix,
       "lưu tên của tôi, email, và trang web"},
      {"share_buttons", Action::kCutTail, Match::kExact,
       "chia sẻ|chia sẻ bài viết|chia sẻ bài này|share|facebook|twitter|zalo|tweet|like"},
      {"page_tools", Action::kCutTail, Match::kExact,
       "in bài viết|in bài|bản in|gửi email|lên đầu trang|về đầu trang|quay lại"},
      {"tags", Action::kCutTail, Match::kPrefix, "từ khóa|từ khoá|tags|tag"},
      {"related_articles", Action::kCutTailAndLinks, Match::kExact,
       "tin liên quan|bài viết liên quan|bài liên quan|tin cùng chuyên mục|tin khác|các tin "
       "khác|tin mới|tin mới hơn|tin cũ hơn|tin đọc nhiều|có thể bạn quan tâm|đọc thêm"},
      {"see_also", Action::kCutTailAndLinks, Match::kPrefix, "xem thêm"},
      {"credit_theo", Action::kBylineCredit, Match::kPrefix, "theo"},
      {"credit_source", Action::kBylineCredit, Match::kPrefix, "nguồn"},
      {"credit_compiled", Action::kBylineCredit, Match::kExact,
       "(tổng hợp)|tổng hợp|(st)|(sưu tầm)|sưu tầm"},
      {"byline_name", Action::kBylineName, Match::kPersonalName, ""},
      {"leading_dateline", Action::kLeadingDateline, Match::kDateline, ""},
  };
  return kRules;
}

const BoilerplateRule* find_boilerplate_rule(std::string_view paragraph) {
  if (paragraph.size() > kMaxFurnitureBytes) return nullptr;
  const std::string form = matching_form(paragraph);
  if (form.empty()) return nullptr;
  const bool byline_sized = count_code_points(form) <= kMaxBylineCodePoints;
  for (const BoilerplateRule& rule : boilerplate_rules()) {
    switch (rule.action) {
      case Action::kCutTail:
      case Action::kCutTailAndLinks:
        if (matches_patterns(form, rule.patterns, rule.match)) return &rule;
        break;
      case Action::kBylineCredit:
        // "Theo kế hoạch, ..." opens a sentence; a credit has no comma.
        if (byline_sized && form.find(',') == std::string::npos &&
            matches_patterns(form, rule.patterns, rule.match)) {
          return &rule;
        }
        break;
      case Action::kBylineName:
        if (byline_sized && is_personal_name_line(paragraph)) return &rule;
        break;
      case Action::kLeadingDateline:
        if (is_dateline(paragraph)) return &rule;
        break;
    }
  }
  return nullptr;
}

namespace {

/// A related link's headline has at least this many words, and at most
/// kMaxLinkCodePoints code points.
constexpr size_t kMinLinkWords = 4;

/// True when the code point starting at byte `i` of `text` can open a
/// headline or a sentence: a capital, a digit or an opening quote.
bool opens_sentence(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  size_t length = 0;
  const char32_t c = text::decode_utf8(text, i, &length);
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)) ||
         (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == 0x201C || c == 0x2018;
}

/// True when the byte before `end` (past trailing spaces) closes a
/// sentence, or nothing precedes it.
bool after_sentence(std::string_view text, size_t end) {
  size_t i = end;
  while (i > 0 && is_ascii_space(text[i - 1])) --i;
  if (i == 0) return true;
  if (i == end) return false;  // no space before the bracket
  const unsigned char last = static_cast<unsigned char>(text[i - 1]);
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == ':' || last == ')' ||
      last == ']' || last == '\'') {
    return true;
  }
  // "…", "”", "’": E2 80 A6, E2 80 9D, E2 80 99.
  return i >= 3 && static_cast<unsigned char>(text[i - 3]) == 0xE2 &&
         static_cast<unsigned char>(text[i - 2]) == 0x80 &&
         (last == 0xA6 || last == 0x9D || last == 0x99);
}

}  // namespace

size_t remove_related_links(std::string* paragraph) {
  size_t removed = 0;
  size_t from = 0;
  while (true) {
    const size_t open = paragraph->find('[', from);
    if (open == std::string::npos) break;
    const size_t close = paragraph->find_first_of("[]", open + 1);
    if (close == std::string::npos) break;
    from = open + 1;
    if ((*paragraph)[close] == '[') continue;
    const std::string_view text(*paragraph);
    const std::string_view inner = text.substr(open + 1, close - open - 1);
    if (count_words(inner) < kMinLinkWords || count_code_points(inner) > kMaxLinkCodePoints ||
        !opens_sentence(text, open + 1) || !after_sentence(text, open)) {
      continue;
    }
    size_t next = close + 1;
    while (next < text.size() && is_ascii_space(text[next])) ++next;
    if (next < text.size() && (next == close + 1 || !opens_sentence(text, next))) continue;
    // The link and the spaces after it go; the spaces before it stay.
    paragraph->erase(open, next - open);
    ++removed;
    from = open;
  }
  if (removed > 0) *paragraph = std::string(trim(*paragraph));
  return removed;
}

std::vector<std::string_view> remove_boilerplate(std::vector<std::string>* paragraphs,
                                                 std::string* author, std::string* iso_date) {
  std::vector<std::string_view> fired;
  size_t links = 0;
  for (std::string& paragraph : *paragraphs) links += remove_related_links(&paragraph);
  if (links > 0) {
    paragraphs->erase(std::remove_if(paragraphs->begin(), paragraphs->end(),
                                     [](const std::string& p) { return trim(p).empty(); }),
                      paragraphs->end());
    fired.push_back("related link");
  }
  const size_t count = paragraphs->size();

  // The tail can only hold furniture and short lines: find where it may start.
  std::vector<const BoilerplateRule*> rules(count, nullptr);
  size_t region_start = count;
  while (region_start > 0 && count - region_start < kMaxTailParagraphs) {
    const std::string& paragraph = (*paragraphs)[region_start - 1];
    rules[region_start - 1] = find_boilerplate_rule(paragraph);
    if (!cuts_tail(rules[region_start - 1]) && count_code_points(paragraph) > kMaxLinkCodePoints) {
      break;
    }
    --region_start;
  }
  for (size_t cut = region_start; cut < count; ++cut) {
    if (!cuts_tail(rules[cut])) continue;
    bool links_allowed = false;
    bool all_furniture = true;
    for (size_t k = cut; k < count && all_furniture; ++k) {
      if (cuts_tail(rules[k])) {
        links_allowed = links_allowed || rules[k]->action == Action::kCutTailAndLinks;
      } else {
        all_furniture = links_allowed;  // the region only holds short lines
      }
    }
    if (!all_furniture) continue;
    for (size_t k = cut; k < count; ++k) {
      if (rules[k] != nullptr && cuts_tail(rules[k])) fired.push_back(rules[k]->name);
    }
    paragraphs->resize(cut);
    break;
  }

  // A dateline opens the text: page furniture between title and story.
  if (paragraphs->size() >= 2) {
    const BoilerplateRule* rule = find_boilerplate_rule(paragraphs->front());
    if (rule != nullptr && rule->action == Action::kLeadingDateline) {
      if (iso_date->empty()) *iso_date = normalize_date(paragraphs->front());
      paragraphs->erase(paragraphs->begin());
      fired.push_back(rule->name);
    }
  }

  // A byline is the last paragraph, after some text.
  if (paragraphs->size() >= 2) {
    const BoilerplateRule* rule = find_boilerplate_rule(paragraphs->back());
    if (rule != nullptr && rule->action == Action::kBylineName) {
      const std::string name = collapse_whitespace(paragraphs->back());
      if (author->empty() || text::lower_nfc(*author) == text::lower_nfc(name)) {
        *author = name;
        paragraphs->pop_back();
        fired.push_back(rule->name);
      }
    } else if (rule != nullptr && rule->action == Action::kBylineCredit && author->empty()) {
      *author = credited_name(*rule, paragraphs->back());
      if (!author->empty()) fired.push_back(rule->name);
    }
  }
  return fired;
}

}  // namespace vnsearch::indexer
