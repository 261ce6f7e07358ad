// @brief libFuzzer target: the query parser must take any bytes and either
// parse them or throw QueryError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text/analyzer.h"
#include "searcher/query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vnsearch::text::Analyzer analyzer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    vnsearch::searcher::ParsedQuery parsed = vnsearch::searcher::parse_query(input, &analyzer);
    (void)parsed;
  } catch (const vnsearch::searcher::QueryError&) {
  }
  return 0;
}
