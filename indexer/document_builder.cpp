#include "indexer/document_builder.h"

#include <cctype>

#include "common/hash.h"
#include "common/near_copies.h"
#include "common/pair_sketch.h"

namespace vnsearch::indexer {

namespace {

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string t(prefix);
  t += term;
  return t;
}

// Adds the folded pairs of adjacent words among the first `limit` tokens of
// one field.
void add_bigrams(const std::vector<text::Token>& tokens, size_t limit, Xapian::termcount wdf,
                 Xapian::Document* doc) {
  const text::Token* previous = nullptr;
  for (const text::Token& t : tokens) {
    if (limit-- == 0) break;
    if (t.kind == text::TokenKind::kPart) continue;
    if (previous && previous->position + 1 == t.position) {
      doc->add_term(schema::bigram_term(previous->folded, t.folded), wdf);
    }
    previous = &t;
  }
}

// Adds to `sketch` the folded forms of every two tokens at adjacent
// positions: what the rescoring's position reads can find side by side. A
// dotted word's parts share its position (kontumtv.vn, kontumtv, vn), so
// each token pairs with every token of the next position.
void add_adjacent_pairs(const std::vector<text::Token>& tokens, pair_sketch::Builder* sketch) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (size_t j = i + 1; j < tokens.size() && tokens[j].position <= tokens[i].position + 1; ++j) {
      if (tokens[j].position == tokens[i].position + 1) {
        sketch->add(tokens[i].folded, tokens[j].folded);
      }
    }
  }
}

}  // namespace

std::string compact_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string out;
  for (char c : iso) {
    if (c == '-') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
    out += c;
  }
  return out;
}

Xapian::Document DocumentBuilder::build(const schema::DocumentData& data,
                                        std::string_view file_stamp) {
  using namespace schema;
  Xapian::Document doc;
  doc.add_boolean_term(id_term(data.path));

  // Title: positions from 1, weighted above body terms, and searchable alone.
  // A derived title is for display only (see schema::is_derived_title).
  tokens_.clear();
  const std::string_view indexed_title =
      is_derived_title(data.title_source) ? std::string_view() : std::string_view(data.title);
  const Xapian::termpos title_end = analyzer_.analyze(indexed_title, &tokens_, 1);
  for (const text::Token& t : tokens_) {
    doc.add_term(prefixed(kFoldedPrefix, t.folded), kTitleWdf);
    doc.add_posting(prefixed(kExactPrefix, t.norm), t.position, kTitleWdf);
    doc.add_posting(prefixed(kTitlePrefix, t.folded), t.position);
    doc.add_term(prefixed(kTitleExactPrefix, t.norm));
  }
  add_bigrams(tokens_, tokens_.size(), kTitleWdf, &doc);
  pair_sketch::Builder pairs;
  add_adjacent_pairs(tokens_, &pairs);

  // Body: positions after a gap, so that no phrase spans title and body.
  tokens_.clear();
  analyzer_.analyze(data.text, &tokens_, title_end + kTitleBodyGap);
  Fnv1a64 body_hash;
  near_copies::SignatureBuilder signature;
  for (const text::Token& t : tokens_) {
    doc.add_term(prefixed(kFoldedPrefix, t.folded));
    doc.add_posting(prefixed(kExactPrefix, t.norm), t.position);
    if (t.kind != text::TokenKind::kPart) {
      body_hash.update(t.norm);
      body_hash.update(" ");
      signature.add_word(t.folded);
    }
  }
  add_bigrams(tokens_, kBodyBigramTokens, 1, &doc);
  add_adjacent_pairs(tokens_, &pairs);
  if (std::string sketch = pairs.finish(); !sketch.empty()) {
    doc.add_value(kSlotPairSketch, std::move(sketch));
  }
  if (!tokens_.empty()) doc.add_boolean_term(prefixed(kDuplicatePrefix, body_hash.hex()));
  // The group (kSlotCollapseKey) is set once every document is written:
  // see indexer/copy_groups.h.
  if (const auto s = signature.finish()) doc.add_value(kSlotNearCopySignature, s->encode());

  if (!data.source.empty()) {
    doc.add_boolean_term(source_term(data.source));
    doc.add_value(kSlotSource, data.source);
  }
  if (!data.category.empty()) {
    doc.add_boolean_term(category_term(data.category));
    doc.add_boolean_term(category_form_term(data.category));
    doc.add_value(kSlotCategory, category_key(data.category));
  }
  const std::string date = compact_date(data.date);
  if (!date.empty()) {
    doc.add_value(kSlotDate, date);
    doc.add_value(kSlotYear, date.substr(0, 4));
  }
  doc.add_value(kSlotFileStamp, std::string(file_stamp));
  doc.set_data(data.to_json());
  return doc;
}

}  // namespace vnsearch::indexer
