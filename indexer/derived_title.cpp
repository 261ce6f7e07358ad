#include "indexer/derived_title.h"
#include "common/text/case.h"

#include <cctype>
#include <map>

#include <unicode/unistr.h>

#include "common/schema.h"
#include "common/text/vietnamese.h"
#include "indexer/formats/text_format.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

constexpr size_t kMinSlugWords = 3;
constexpr size_t kMaxSentenceCodePoints = 100;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

bool all_digits(std::string_view word) {
  for (char c : word) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !word.empty();
}

/// The words of the last path segment of `url`, numeric ids at the end
/// dropped; empty when they are not plain ASCII words.
std::vector<std::string> slug_words(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return {};
  std::string_view segment = url.substr(url.rfind('/') + 1);
  const size_t dot = segment.rfind('.');
  if (dot != std::string_view::npos && dot > 0) segment = segment.substr(0, dot);
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= segment.size(); ++i) {
    const char c = i < segment.size() ? segment[i] : '-';
    if (c == '-' || c == '_') {
      if (!word.empty()) words.push_back(ascii_lower(word));
      word.clear();
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else {
      return {};  // percent escapes, accents, other marks: not a plain slug
    }
  }
  while (!words.empty() && all_digits(words.back())) words.pop_back();
  return words;
}

/// A word of the body as written, and folded (lower case, no diacritics).
struct BodyWord {
  std::string written;
  std::string folded;
};

std::vector<BodyWord> body_words(const std::vector<std::string>& paragraphs) {
  std::vector<BodyWord> words;
  for (const std::string& paragraph : paragraphs) {
    std::string word;
    for (size_t i = 0; i <= paragraph.size(); ++i) {
      const unsigned char c = i < paragraph.size() ? paragraph[i] : ' ';
      if (c >= 0x80 || std::isalnum(c)) {
        word += static_cast<char>(c);
        continue;
      }
      if (!word.empty()) words.push_back({word, text::fold(text::lower_nfc(word))});
      word.clear();
    }
  }
  return words;
}

/// How the body spells slug word `i`: the most frequent spelling next to a
/// neighbour of the slug (the pair fixes the reading: "chua lanh" is "chữa
/// lành", not the more frequent "chứa"), else next to anything; empty when
/// the body never has the word.
std::string spelling_of(const std::vector<std::string>& slug, size_t i,
                        const std::vector<BodyWord>& body) {
  std::map<std::string, int> in_pair, alone;
  for (size_t j = 0; j < body.size(); ++j) {
    if (body[j].folded != slug[i]) continue;
    const bool pair =
        (i > 0 && j > 0 && body[j - 1].folded == slug[i - 1]) ||
        (i + 1 < slug.size() && j + 1 < body.size() && body[j + 1].folded == slug[i + 1]);
    ++(pair ? in_pair : alone)[body[j].written];
  }
  const std::map<std::string, int>& counts = in_pair.empty() ? alone : in_pair;
  std::string best;
  int best_count = 0;
  for (const auto& [form, count] : counts) {  // ties: the first in byte order
    if (count > best_count) {
      best = form;
      best_count = count;
    }
  }
  return best;
}

std::string capitalised(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (u.isEmpty()) return word;
  const int32_t first = u.moveIndex32(0, 1);
  icu::UnicodeString head(u, 0, first);
  head.toUpper();
  u.replace(0, first, head);
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// The slug's words as the body spells them; empty when the body lacks
/// one of them (half-accented titles read worse than a sentence).
std::string title_from_slug(const std::vector<std::string>& slug,
                            const std::vector<std::string>& paragraphs) {
  const std::vector<BodyWord> body = body_words(paragraphs);
  std::string title;
  for (size_t i = 0; i < slug.size(); ++i) {
    std::string spelled = spelling_of(slug, i, body);
    if (spelled.empty() && !all_digits(slug[i])) return {};
    if (spelled.empty()) spelled = slug[i];
    if (!title.empty()) title += ' ';
    title += title.empty() ? capitalised(spelled) : spelled;
  }
  return title;
}

/// `paragraph` without a "(kontumtv.vn) – " lead.
std::string_view without_lead(std::string_view paragraph) {
  if (source_from_lead(paragraph).empty()) return paragraph;
  for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-"}) {
    const size_t at = paragraph.find(dash);
    if (at != std::string_view::npos) return trim(paragraph.substr(at + dash.size()));
  }
  return paragraph;
}

std::string first_sentence(std::string_view paragraph) {
  paragraph = trim(without_lead(paragraph));
  size_t end = paragraph.size();
  for (size_t i = 0; i + 1 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if ((c == '.' || c == '?' || c == '!') && paragraph[i + 1] == ' ') {
      end = c == '.' ? i : i + 1;
      break;
    }
  }
  std::string sentence(trim(paragraph.substr(0, end)));
  if (!sentence.empty() && sentence.back() == '.') sentence.pop_back();
  if (count_code_points(sentence) <= kMaxSentenceCodePoints) return sentence;
  // Cut at the last space within the limit.
  size_t cut = 0, code_points = 0;
  for (size_t i = 0; i < sentence.size() && code_points < kMaxSentenceCodePoints; ++i) {
    if ((static_cast<unsigned char>(sentence[i]) & 0xC0) != 0x80) ++code_points;
    if (sentence[i] == ' ') cut = i;
  }
  if (cut == 0) return sentence;
  return std::string(trim(sentence.substr(0, cut))) + std::string(kEllipsis);
}

}  // namespace

DerivedTitle derive_title(std::string_view url, const std::vector<std::string>& paragraphs) {
  const std::vector<std::string> words = slug_words(url);
  if (words.size() >= kMinSlugWords) {
    std::string title = title_from_slug(words, paragraphs);
    if (!title.empty()) return {std::move(title), schema::kTitleFromUrlSlug};
  }
  for (const std::string& paragraph : paragraphs) {
    std::string sentence = first_sentence(paragraph);
    if (!sentence.empty()) return {std::move(sentence), schema::kTitleFromSentence};
  }
  return {};
}

}  // namespace vnsearch::indexer
