// @brief The one analysis chain used at index time, query time and snippet time.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/text/token.h"

namespace vnsearch::text {

/// Turns UTF-8 text into tokens: clean-up (invalid bytes, invisible
/// characters, spaces), ICU word breaks, then per token NFC, case folding,
/// canonical tone placement and diacritic folding.
///
/// Holds an ICU break iterator: not thread-safe, use one Analyzer per thread.
/// Construction is cheap enough for once per thread, not once per document.
class Analyzer {
 public:
  static constexpr size_t kMaxTokenBytes = text::kMaxTokenBytes;

  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// Appends the tokens of `text` to `*out`, numbering positions from
  /// `first_position`. Returns the position after the last word, so several
  /// fields can share one position space. Never throws on bad input:
  /// invalid UTF-8 is treated as a separator.
  uint32_t analyze(std::string_view text, std::vector<Token>* out, uint32_t first_position = 0);

  /// Convenience form of the above.
  std::vector<Token> analyze(std::string_view text);

  /// The same tokens as analyze(), every text through clean-up, break rules
  /// and forms in full: what analyze() must equal. analyze() reads text made
  /// of plain words between spaces (most news text) straight from UTF-8.
  uint32_t analyze_in_full(std::string_view text, std::vector<Token>* out,
                           uint32_t first_position = 0);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnsearch::text
