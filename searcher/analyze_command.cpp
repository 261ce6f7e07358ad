#include "searcher/analyze_command.h"

#include <nlohmann/json.hpp>

#include "common/text/analyzer.h"

namespace vnsearch::searcher {
namespace {

const char* kind_name(text::TokenKind kind) {
  switch (kind) {
    case text::TokenKind::kWord:
      return "word";
    case text::TokenKind::kNumber:
      return "number";
    case text::TokenKind::kPart:
      return "part";
  }
  return "word";
}

}  // namespace

int run_analyze(std::string_view input, bool json, std::ostream& out) {
  text::Analyzer analyzer;
  const std::vector<text::Token> tokens = analyzer.analyze(input);
  for (const text::Token& t : tokens) {
    const std::string_view original = input.substr(t.start, t.end - t.start);
    if (json) {
      nlohmann::json j = {{"text", original},         {"start", t.start}, {"end", t.end},
                          {"position", t.position},   {"norm", t.norm},   {"folded", t.folded},
                          {"kind", kind_name(t.kind)}};
      out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      out << t.position << "\t[" << t.start << ',' << t.end << ")\t" << original
          << "\tnorm=" << t.norm << "\tfolded=" << t.folded << '\t' << kind_name(t.kind) << '\n';
    }
  }
  return tokens.empty() ? 1 : 0;
}

}  // namespace vnsearch::searcher
