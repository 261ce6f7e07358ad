// @brief Micro-benchmark of the analysis chain on a fixed text written for
// this project. The token count is checked, so a speed-up cannot silently
// change results.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "common/text/analyzer.h"

namespace {

const char* const kParagraph =
    "(baomau.vn) – Sáng 30/10, Đảng bộ tỉnh Kon Tum tổ chức hội nghị tổng kết công tác phát "
    "triển đảng viên. Trong nhiệm kỳ, toàn tỉnh kết nạp hơn 5.850 đảng viên mới, đạt 117% chỉ "
    "tiêu; công tác thuỷ lợi, hoà giải ở cơ sở và chăm sóc sức khoẻ người dân có nhiều chuyển "
    "biến. ÔNG NGUYỄN VĂN AN cho biết, dịch Covid-19 khiến nhiều hoạt động phải điều chỉnh, "
    "nhưng các chi bộ vẫn duy trì sinh hoạt đều đặn và giữ vững kỷ cương.\n";

// Tokens the analyzer makes of one kParagraph; update only with a reason.
constexpr size_t kTokensPerParagraph = 91;

std::string make_text(int paragraphs) {
  std::string text;
  for (int i = 0; i < paragraphs; ++i) text += kParagraph;
  return text;
}

void BM_AnalyzeNews(benchmark::State& state) {
  const std::string text = make_text(static_cast<int>(state.range(0)));
  vnsearch::text::Analyzer analyzer;
  std::vector<vnsearch::text::Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    analyzer.analyze(text, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  const size_t expected = kTokensPerParagraph * static_cast<size_t>(state.range(0));
  if (tokens.size() != expected) {
    std::cerr << "analyzer_bench: " << tokens.size() << " tokens, expected " << expected << '\n';
    std::exit(1);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_AnalyzeNews)->Arg(1)->Arg(64);

}  // namespace

BENCHMARK_MAIN();
