// @brief Analysis throughput over a folder of real articles: reads every file
// into memory first, then times the analyzer alone, single-threaded. Then
// checks that every file gives the tokens of the analyzer's full path
// (Analyzer::analyze_in_full), so that a shortcut cannot change a result.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/text/analyzer.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: analyze_folder DIR [REPEATS]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    bytes += s.str().size();
    texts.push_back(s.str());
  }
  vnsearch::text::Analyzer analyzer;
  std::vector<vnsearch::text::Token> tokens;
  double best = 1e300;
  size_t token_count = 0;
  for (int r = 0; r < repeats; ++r) {
    token_count = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) {
      tokens.clear();
      analyzer.analyze(text, &tokens);
      token_count += tokens.size();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  size_t differing = 0;
  std::vector<vnsearch::text::Token> full;
  for (size_t i = 0; i < texts.size(); ++i) {
    tokens.clear();
    full.clear();
    const uint32_t end = analyzer.analyze(texts[i], &tokens);
    const uint32_t full_end = analyzer.analyze_in_full(texts[i], &full);
    const auto same = [](const vnsearch::text::Token& a, const vnsearch::text::Token& b) {
      return a.norm == b.norm && a.folded == b.folded && a.start == b.start && a.end == b.end &&
             a.position == b.position && a.kind == b.kind;
    };
    if (end != full_end || tokens.size() != full.size() ||
        !std::equal(tokens.begin(), tokens.end(), full.begin(), same)) {
      if (differing++ < 5)
        std::cerr << "analyze_folder: tokens differ from the full path in file " << i << "\n";
    }
  }
  std::cout << "{\"files\": " << texts.size() << ", \"bytes\": " << bytes
            << ", \"tokens\": " << token_count << ", \"seconds\": " << best
            << ", \"mb_per_s\": " << bytes / 1e6 / best << ", \"differing_files\": " << differing
            << "}\n";
  return differing == 0 ? 0 : 1;
}
