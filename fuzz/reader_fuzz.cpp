// @brief libFuzzer target: the file readers (text, HTML, JSON, JSON Lines)
// must take any bytes, in bounded time, and return articles of valid UTF-8 or
// a reason. The first byte picks the file type.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <unicode/utf8.h>

#include "indexer/article.h"

namespace {

bool valid_utf8(const std::string& text) {
  int32_t i = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kPaths[] = {"muc/a.txt", "muc/a.html", "muc/a.json",
                                                "muc/a.jsonl"};
  const std::string_view path = kPaths[data[0] % 4];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const vnsearch::indexer::ReadResult result = vnsearch::indexer::read_article_file(path, bytes);
  if (result.articles.empty() && result.error.empty()) std::abort();  // no reason given
  for (const vnsearch::indexer::Article& article : result.articles) {
    for (const std::string* field : {&article.title, &article.body, &article.source,
                                     &article.category, &article.author, &article.date}) {
      if (!valid_utf8(*field)) std::abort();
    }
  }
  return 0;
}
