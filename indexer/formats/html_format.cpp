// @brief Reader for HTML pages: metadata from <head>, body text from <article> or <body>.
#include "indexer/formats/html_format.h"
#include "common/text/case.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "indexer/date.h"
#include "indexer/formats/text_format.h"
#include "indexer/formats/text_util.h"

namespace vnsearch::indexer {
namespace {

constexpr size_t kMaxSiteSuffixWords = 6;
constexpr size_t kMaxSiteSuffixCodePoints = 50;

/// gumbo's tree builder scans the stack of open elements for most tags, so
/// its time grows with the square of the nesting depth (100,000 unclosed
/// <div>s: 22 s), and so does the memory of its error list, which copies that
/// stack for every error (a 140 KB file: 3.2 GB). Real pages nest a few
/// dozen deep; at this depth gumbo needs about 0.15 s.
constexpr size_t kMaxNestingDepth = 8192;

/// Void elements and those whose end tag the parser implies (the next <p>
/// or <li> closes the last one) never deepen the tree for long.
bool never_nests(std::string_view lower_tag) {
  static constexpr std::string_view kTags[] = {
      "area",   "base",     "br",       "col",     "embed",  "hr",       "img",     "input", "link",
      "meta",   "param",    "source",   "track",   "wbr",    "p",        "li",      "dt",    "dd",
      "option", "optgroup", "tr",       "td",      "th",     "thead",    "tbody",   "tfoot", "rb",
      "rt",     "rp",       "colgroup", "caption", "keygen", "basefont", "bgsound", "frame"};
  for (std::string_view tag : kTags) {
    if (tag == lower_tag) return true;
  }
  return false;
}

/// Elements whose content is never article text.
bool is_skipped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

/// Elements that start and end a paragraph.
bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

/// Table cells are words apart, not paragraphs apart.
bool is_cell_tag(GumboTag tag) { return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH; }

const char* attribute(const GumboNode* element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element->v.element.attributes, name);
  return found != nullptr ? found->value : nullptr;
}

std::string attribute_text(const GumboNode* element, const char* name) {
  const char* value = attribute(element, name);
  return value != nullptr ? collapse_whitespace(value) : std::string();
}

const GumboVector& children_of(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

/// Gathers text into paragraphs.
class ParagraphCollector {
 public:
  void add_text(std::string_view text) { current_.append(text); }
  void add_space() { current_.push_back(' '); }
  void end_paragraph() {
    std::string paragraph = collapse_whitespace(current_);
    current_.clear();
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
  }
  std::vector<std::string> take_paragraphs() {
    end_paragraph();
    return std::move(paragraphs_);
  }

 private:
  std::string current_;
  std::vector<std::string> paragraphs_;
};

/// Collects the text under `root` (itself never skipped). Iterative, so that
/// deeply nested markup cannot exhaust the stack.
void collect_text(const GumboNode* root, ParagraphCollector* out) {
  struct Frame {
    const GumboNode* node;
    unsigned int next_child;
  };
  std::vector<Frame> stack;
  const auto enter = [&](const GumboNode* node, bool is_root) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        out->add_text(node->v.text.text);
        return;
      case GUMBO_NODE_COMMENT:
        return;
      case GUMBO_NODE_DOCUMENT:
        stack.push_back({node, 0});
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboTag tag = node->v.element.tag;
        if (!is_root && (is_skipped_tag(tag) || attribute(node, "hidden") != nullptr)) return;
        if (is_block_tag(tag)) out->end_paragraph();
        if (is_cell_tag(tag)) out->add_space();
        stack.push_back({node, 0});
        return;
      }
    }
  };
  enter(root, true);
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector& children = children_of(node);
    if (stack.back().next_child < children.length) {
      enter(static_cast<const GumboNode*>(children.data[stack.back().next_child++]), false);
      continue;
    }
    if (is_element(node) && is_block_tag(node->v.element.tag)) out->end_paragraph();
    if (is_element(node) && is_cell_tag(node->v.element.tag)) out->add_space();
    stack.pop_back();
  }
}

std::vector<std::string> paragraphs_of(const GumboNode* root) {
  ParagraphCollector collector;
  collect_text(root, &collector);
  return collector.take_paragraphs();
}

/// The text of an element on one line ("<h1>A<br>B</h1>" → "A B").
std::string inline_text_of(const GumboNode* root) {
  std::string text;
  for (const std::string& paragraph : paragraphs_of(root)) {
    if (!text.empty()) text.push_back(' ');
    text += paragraph;
  }
  return text;
}

size_t text_length(const std::vector<std::string>& paragraphs) {
  size_t length = 0;
  for (const std::string& paragraph : paragraphs) length += paragraph.size();
  return length;
}

/// What the page says about itself, in one walk over the tree.
struct PageFacts {
  std::string og_title;
  std::string og_url;
  std::string og_site_name;
  std::string title_element;
  std::string first_h1;
  std::string canonical_url;
  std::string meta_author;
  std::string article_author;
  /// Date candidates by source, in priority order.
  std::vector<std::string> published_times;
  std::vector<std::string> time_datetimes;
  std::vector<std::string> meta_dates;
  std::vector<std::string> itemprop_dates;
  std::vector<const GumboNode*> articles;
  const GumboNode* body = nullptr;
};

void note_meta(const GumboNode* meta, PageFacts* facts) {
  const std::string content = attribute_text(meta, "content");
  if (content.empty()) return;
  for (const char* key_attribute : {"property", "name"}) {
    const std::string key = ascii_lower(attribute_text(meta, key_attribute));
    if (key.empty()) continue;
    if (key == "og:title" && facts->og_title.empty()) facts->og_title = content;
    if (key == "og:url" && facts->og_url.empty()) facts->og_url = content;
    if (key == "og:site_name" && facts->og_site_name.empty()) facts->og_site_name = content;
    if (key == "article:published_time") facts->published_times.push_back(content);
    if (key == "article:author" && facts->article_author.empty()) facts->article_author = content;
    if (key == "author" && facts->meta_author.empty()) facts->meta_author = content;
    if (key == "date" || key == "pubdate" || key == "publishdate" || key == "dc.date.issued") {
      facts->meta_dates.push_back(content);
    }
  }
}

void note_element(const GumboNode* element, PageFacts* facts) {
  const GumboTag tag = element->v.element.tag;
  switch (tag) {
    case GUMBO_TAG_META:
      note_meta(element, facts);
      break;
    case GUMBO_TAG_TITLE:
      if (facts->title_element.empty()) facts->title_element = inline_text_of(element);
      break;
    case GUMBO_TAG_H1:
      if (facts->first_h1.empty()) facts->first_h1 = inline_text_of(element);
      break;
    case GUMBO_TAG_LINK:
      if (facts->canonical_url.empty() &&
          (" " + ascii_lower(attribute_text(element, "rel")) + " ").find(" canonical ") !=
              std::string::npos) {
        facts->canonical_url = attribute_text(element, "href");
      }
      break;
    case GUMBO_TAG_TIME: {
      const std::string datetime = attribute_text(element, "datetime");
      if (!datetime.empty()) facts->time_datetimes.push_back(datetime);
      break;
    }
    case GUMBO_TAG_ARTICLE:
      facts->articles.push_back(element);
      break;
    case GUMBO_TAG_BODY:
      if (facts->body == nullptr) facts->body = element;
      break;
    default:
      break;
  }
  if (ascii_lower(attribute_text(element, "itemprop")) == "datepublished") {
    std::string date = attribute_text(element, "content");
    if (date.empty()) date = attribute_text(element, "datetime");
    if (date.empty()) date = inline_text_of(element);
    if (!date.empty()) facts->itemprop_dates.push_back(date);
  }
}

PageFacts gather_facts(const GumboNode* document) {
  PageFacts facts;
  std::vector<const GumboNode*> pending = {document};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_DOCUMENT && !is_element(node)) continue;
    if (is_element(node)) note_element(node, &facts);
    const GumboVector& children = children_of(node);
    for (unsigned int i = children.length; i > 0; --i) {  // reversed: document order
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  return facts;
}

/// The first candidate that is a date, by priority; else the first candidate
/// as written (read_article_file() then warns), else "".
std::string pick_date(const PageFacts& facts) {
  const std::vector<std::string>* buckets[] = {&facts.published_times, &facts.time_datetimes,
                                               &facts.meta_dates, &facts.itemprop_dates};
  for (const auto* bucket : buckets) {
    for (const std::string& candidate : *bucket) {
      if (!normalize_date(candidate).empty()) return candidate;
    }
  }
  for (const auto* bucket : buckets) {
    if (!bucket->empty()) return bucket->front();
  }
  return "";
}

/// Splits `title` at its last site-name separator; false when there is none.
bool split_site_suffix(std::string_view title, std::string_view* head, std::string_view* suffix) {
  size_t best = std::string_view::npos;
  size_t separator_size = 0;
  for (const std::string_view separator :
       {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "}) {
    const size_t at = title.rfind(separator);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
      best = at;
      separator_size = separator.size();
    }
  }
  if (best == std::string_view::npos) return false;
  *head = trim(title.substr(0, best));
  *suffix = trim(title.substr(best + separator_size));
  return !head->empty();
}

bool same_text(std::string_view a, std::string_view b) {
  return !a.empty() &&
         text::lower_nfc(collapse_whitespace(a)) == text::lower_nfc(collapse_whitespace(b));
}

/// The site's name when no host names it: og:site_name, else the suffix
/// strip_site_suffix() removes from <title> ("… | Báo Ninh Bình").
std::string site_name_of(const PageFacts& facts) {
  if (!facts.og_site_name.empty()) return facts.og_site_name;
  std::string_view head;
  std::string_view suffix;
  const std::string title = collapse_whitespace(facts.title_element);
  if (split_site_suffix(title, &head, &suffix) && strip_site_suffix(title, "") == head) {
    return std::string(suffix);
  }
  return "";
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

GumboTree parse_html(std::string_view html) {
  const size_t depth = html_nesting_depth(html, kMaxNestingDepth + 1);
  if (depth > kMaxNestingDepth) {
    throw HtmlTooDeepError("HTML elements nested more than " + std::to_string(kMaxNestingDepth) +
                           " deep (unclosed tags); not parsed");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // nobody reads them, and each one copies the open-element stack
  return GumboTree(gumbo_parse_with_options(&options, html.data(), html.size()));
}

}  // namespace

size_t html_nesting_depth(std::string_view html, size_t stop_at) {
  size_t depth = 0;
  size_t deepest = 0;
  size_t i = 0;
  std::string name;
  while ((i = html.find('<', i)) != std::string_view::npos && deepest < stop_at) {
    ++i;
    const bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    name.clear();
    while (i < html.size() && name.size() < 16 &&
           (std::isalnum(static_cast<unsigned char>(html[i])) != 0)) {
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(html[i]))));
      ++i;
    }
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) continue;
    if (never_nests(name)) continue;
    if (closing) {
      if (depth > 0) --depth;
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

std::string strip_site_suffix(std::string_view title, std::string_view site_name) {
  const std::string collapsed = collapse_whitespace(title);
  std::string_view head;
  std::string_view suffix;
  if (!split_site_suffix(collapsed, &head, &suffix)) return collapsed;
  const bool short_suffix = count_words(suffix) <= kMaxSiteSuffixWords &&
                            count_code_points(suffix) <= kMaxSiteSuffixCodePoints &&
                            count_code_points(suffix) < count_code_points(head);
  return same_text(suffix, site_name) || short_suffix ? std::string(head) : collapsed;
}

bool looks_like_html(std::string_view text) {
  const std::string lower = ascii_lower(text.substr(0, 64 * 1024));
  for (const char* marker : {"</p>", "<p>", "<p ", "<br", "<div", "</a>", "<img ", "</span>",
                             "</strong>", "</li>", "</h1>", "</h2>", "</h3>", "</em>", "</b>"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string html_to_text(std::string_view html) {
  const GumboTree tree = parse_html(html);
  if (tree == nullptr) return "";
  const PageFacts facts = gather_facts(tree->document);
  return join_paragraphs(paragraphs_of(facts.body != nullptr ? facts.body : tree->document));
}

Article parse_html_article(std::string_view html) {
  Article article;
  const GumboTree tree = parse_html(html);
  if (tree == nullptr) return article;
  const PageFacts facts = gather_facts(tree->document);

  if (!facts.og_title.empty()) {
    std::string_view head;
    std::string_view suffix;
    article.title =
        split_site_suffix(facts.og_title, &head, &suffix) && same_text(suffix, facts.og_site_name)
            ? std::string(head)
            : facts.og_title;
  } else if (!facts.title_element.empty()) {
    article.title = strip_site_suffix(facts.title_element, facts.og_site_name);
  } else {
    article.title = facts.first_h1;
  }
  article.date = pick_date(facts);
  article.author = facts.meta_author;
  if (article.author.empty() && host_from_url(facts.article_author).empty()) {
    article.author = facts.article_author;  // article:author is often a profile URL
  }
  article.url = !facts.canonical_url.empty() ? facts.canonical_url : facts.og_url;
  article.source = looks_like_host(facts.og_site_name) ? host_from_url(facts.og_site_name)
                                                       : host_from_url(article.url);

  std::vector<std::string> paragraphs;
  for (const GumboNode* candidate : facts.articles) {
    std::vector<std::string> candidate_paragraphs = paragraphs_of(candidate);
    if (text_length(candidate_paragraphs) > text_length(paragraphs)) {
      paragraphs = std::move(candidate_paragraphs);
    }
  }
  if (paragraphs.empty() && facts.body != nullptr) paragraphs = paragraphs_of(facts.body);
  if (article.source.empty() && !paragraphs.empty()) {
    article.source = source_from_lead(paragraphs.front());
  }
  if (article.source.empty()) article.source = site_name_of(facts);
  article.body = join_paragraphs(paragraphs);
  return article;
}

}  // namespace vnsearch::indexer
