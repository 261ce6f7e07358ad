// @brief Near-copy signatures and grouping (common/near_copies.h): what the
// estimate says about real resemblance, the short-body rule, and groups that
// do not depend on the order of the documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/near_copies.h"

namespace vnsearch::near_copies {
namespace {

using Words = std::vector<std::string>;

Signature signature_of(const Words& words) {
  SignatureBuilder builder;
  for (const std::string& w : words) builder.add_word(w);
  const auto s = builder.finish();
  EXPECT_TRUE(s.has_value());
  return s.value_or(Signature{});
}

/// `count` words drawn from a vocabulary of 5,000 ("w17"), seeded.
Words random_words(size_t count, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> word(0, 4999);
  Words words;
  for (size_t i = 0; i < count; ++i) words.push_back("w" + std::to_string(word(random)));
  return words;
}

/// The exact Jaccard resemblance of two texts' 5-word shingle sets.
double true_resemblance(const Words& a, const Words& b) {
  auto shingles = [](const Words& w) {
    std::set<std::string> s;
    for (size_t i = 0; i + kShingleWords <= w.size(); ++i) {
      std::string shingle;
      for (size_t k = 0; k < kShingleWords; ++k) shingle += w[i + k] + " ";
      s.insert(shingle);
    }
    return s;
  };
  const std::set<std::string> x = shingles(a), y = shingles(b);
  size_t both = 0;
  for (const std::string& s : x) both += y.count(s);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

TEST(NearCopiesTest, NoWordsNoSignature) {
  SignatureBuilder builder;
  EXPECT_FALSE(builder.finish().has_value());
}

TEST(NearCopiesTest, EncodeDecodeRoundTrip) {
  const Signature s = signature_of(random_words(300, 1));
  const std::string bytes = s.encode();
  EXPECT_EQ(bytes.size(), 2 + 2 * kHashes);
  const auto back = Signature::decode(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(Signature::decode(bytes.substr(1)).has_value());
  EXPECT_FALSE(Signature::decode("").has_value());
}

TEST(NearCopiesTest, SameWordsSameSignatureEveryTime) {
  const Words words = random_words(300, 2);
  EXPECT_EQ(signature_of(words), signature_of(words));
  EXPECT_EQ(resemblance(signature_of(words), signature_of(words)), 1.0);
  // The builder is reusable: a second body does not inherit the first.
  SignatureBuilder builder;
  for (const std::string& w : random_words(50, 3)) builder.add_word(w);
  builder.finish();
  for (const std::string& w : words) builder.add_word(w);
  EXPECT_EQ(builder.finish(), signature_of(words));
}

TEST(NearCopiesTest, EstimateFollowsTheTrueResemblance) {
  // A reprint that rewrites the first k words and adds a byline.
  const Words original = random_words(400, 4);
  for (size_t rewritten : {0, 10, 30, 60, 120, 250}) {
    Words copy = original;
    const Words other = random_words(rewritten, 100 + static_cast<unsigned>(rewritten));
    std::copy(other.begin(), other.end(), copy.begin());
    copy.push_back("theo");
    copy.push_back("ttxvn");
    const double truth = true_resemblance(original, copy);
    EXPECT_NEAR(resemblance(signature_of(original), signature_of(copy)), truth, 0.12)
        << rewritten << " words rewritten";
  }
  // Unrelated articles share next to nothing.
  EXPECT_LT(resemblance(signature_of(random_words(400, 5)), signature_of(random_words(400, 6))),
            0.05);
}

TEST(NearCopiesTest, ShortBodiesAreCopiesOnlyWhenIdentical) {
  const Words result = {"viet", "nam", "thang", "thai", "lan", "2", "1"};
  Words other = result;
  other[6] = "0";  // 2-0, not 2-1: another match
  EXPECT_TRUE(near_copies(signature_of(result), signature_of(result)));
  EXPECT_FALSE(near_copies(signature_of(result), signature_of(other)));
  // Fewer words than a shingle: one shingle of them all.
  EXPECT_TRUE(near_copies(signature_of({"a", "b"}), signature_of({"a", "b"})));
  EXPECT_FALSE(near_copies(signature_of({"a", "b"}), signature_of({"a", "c"})));
}

TEST(NearCopiesTest, BandsAgreeForCopies) {
  const Signature s = signature_of(random_words(300, 7));
  for (size_t band = 0; band < kBands; ++band) EXPECT_EQ(band_key(s, band), band_key(s, band));
  EXPECT_NE(band_key(s, 0), band_key(s, 1));  // the band number is part of the key
}

TEST(NearCopiesTest, GroupsAreComponentsWhateverTheOrder) {
  // a ≈ b ≈ c in a chain (resemblance 0.86 each), a and c further apart
  // (0.75, not copies by themselves); d ≈ e; f alone.
  const Words a = random_words(600, 8);
  Words b = a, c = a;
  const Words change = random_words(80, 9);
  std::copy(change.begin(), change.begin() + 40, b.begin());
  std::copy(change.begin(), change.end(), c.begin());
  ASSERT_LT(true_resemblance(a, c), kThreshold);
  ASSERT_GT(true_resemblance(a, b), kThreshold);
  ASSERT_GT(true_resemblance(b, c), kThreshold);
  const Words d = random_words(500, 10);
  Words e = d;
  e.push_back("cap");
  e.push_back("nhat");
  const Words f = random_words(500, 11);
  const std::vector<Signature> signatures = {signature_of(a), signature_of(b), signature_of(c),
                                             signature_of(d), signature_of(e), signature_of(f)};
  const std::vector<std::vector<size_t>> expected = {{0, 1, 2}, {3, 4}};
  EXPECT_EQ(group(signatures), expected);

  std::vector<size_t> order = {0, 1, 2, 3, 4, 5};
  std::mt19937 random(12);
  for (int round = 0; round < 10; ++round) {
    std::shuffle(order.begin(), order.end(), random);
    std::vector<Signature> shuffled;
    for (size_t i : order) shuffled.push_back(signatures[i]);
    std::set<std::set<size_t>> groups;  // in the original numbering
    for (const std::vector<size_t>& g : group(shuffled)) {
      std::set<size_t> members;
      for (size_t i : g) members.insert(order[i]);
      groups.insert(members);
    }
    EXPECT_EQ(groups, (std::set<std::set<size_t>>{{0, 1, 2}, {3, 4}}));
  }
  EXPECT_TRUE(group({}).empty());
  EXPECT_TRUE(group({signatures[5]}).empty());
}

}  // namespace
}  // namespace vnsearch::near_copies
