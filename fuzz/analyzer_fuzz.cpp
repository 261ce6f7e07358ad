// @brief libFuzzer target: the analyzer must take any bytes, and every token's
// offsets must lie inside the input, in order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vnsearch::text::Analyzer analyzer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  uint32_t last_start = 0;
  for (const vnsearch::text::Token& t : analyzer.analyze(input)) {
    if (t.start >= t.end || t.end > size || t.start < last_start || t.norm.empty() ||
        t.norm.size() > vnsearch::text::kMaxTokenBytes) {
      std::abort();
    }
    last_start = t.start;
  }
  return 0;
}
