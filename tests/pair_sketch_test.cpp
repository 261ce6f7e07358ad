// @brief pair_sketch: a Bloom filter of a document's pairs of folded words
// side by side. It may take a pair the document does not hold for held (then
// its positions are read), never the other way; and the document builder
// puts in it every two terms at adjacent positions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/pair_sketch.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace vnsearch {
namespace {

std::string word(size_t i) { return "w" + std::to_string(i); }

TEST(PairSketch, HoldsEveryPairAddedAndFewOthers) {
  pair_sketch::Builder builder;
  for (size_t i = 0; i < 600; ++i) builder.add(word(i), word(i + 1));
  const std::string sketch = builder.finish();
  EXPECT_EQ(sketch.size(), 600 * pair_sketch::kBitsPerPair / 8);
  for (size_t i = 0; i < 600; ++i) {
    EXPECT_TRUE(pair_sketch::may_hold(sketch, word(i), word(i + 1))) << i;
  }
  size_t passed = 0;
  const size_t probes = 20000;
  for (size_t i = 0; i < probes; ++i) {
    passed += pair_sketch::may_hold(sketch, word(i + 1), word(i));  // reversed: never added
  }
  EXPECT_LT(passed, probes * 4 / 100);  // 413 of 20,000
  EXPECT_GT(passed, 0u) << "a Bloom filter, not a set";
}

TEST(PairSketch, TheSamePairsGiveTheSameBytes) {
  pair_sketch::Builder a, b;
  a.add("ha", "noi");
  a.add("noi", "bai");
  b.add("noi", "bai");
  b.add("ha", "noi");
  b.add("ha", "noi");  // twice: no larger
  const std::string sketch = a.finish();
  EXPECT_EQ(sketch, b.finish());
  EXPECT_EQ(sketch.size(), 8u);  // the smallest sketch
  // Order matters within a pair: "noi ha" is another pair.
  EXPECT_FALSE(pair_sketch::may_hold(sketch, "noi", "ha"));
}

TEST(PairSketch, NoSketchMayHoldAnything) {
  pair_sketch::Builder none;
  EXPECT_EQ(none.finish(), "");
  EXPECT_TRUE(pair_sketch::may_hold("", "ha", "noi"));
}

// Title and body, folded, a dotted word's parts at its position; not across
// the gap between title and body.
TEST(PairSketch, TheDocumentBuilderSketchesAdjacentTerms) {
  schema::DocumentData data;
  data.path = "a.txt";
  data.title = "Hà Nội";
  data.text = "Giá lúa trên kontumtv.vn tăng.";
  indexer::DocumentBuilder builder;
  const std::string sketch = builder.build(data, "stamp").get_value(schema::kSlotPairSketch);
  ASSERT_FALSE(sketch.empty());
  for (const auto& [first, second] :
       std::vector<std::pair<std::string, std::string>>{{"ha", "noi"},
                                                        {"gia", "lua"},
                                                        {"lua", "tren"},
                                                        {"tren", "kontumtv.vn"},
                                                        {"tren", "kontumtv"},
                                                        {"kontumtv.vn", "tang"},
                                                        {"vn", "tang"}}) {
    EXPECT_TRUE(pair_sketch::may_hold(sketch, first, second)) << first << " " << second;
  }
  EXPECT_FALSE(pair_sketch::may_hold(sketch, "noi", "gia"));  // title | body
  EXPECT_FALSE(pair_sketch::may_hold(sketch, "gia", "tren"));
  EXPECT_FALSE(pair_sketch::may_hold(sketch, "Giá", "lúa"));  // folded forms only
}

}  // namespace
}  // namespace vnsearch
