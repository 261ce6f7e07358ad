// @brief Analysis throughput over a folder of real articles: reads every file
// into memory first, then times the analyzer alone, single-threaded.
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
  std::cout << "{\"files\": " << texts.size() << ", \"bytes\": " << bytes
            << ", \"tokens\": " << token_count << ", \"seconds\": " << best
            << ", \"mb_per_s\": " << bytes / 1e6 / best << "}\n";
  return 0;
}
