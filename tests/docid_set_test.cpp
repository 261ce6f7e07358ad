// @brief DocidSetPostingSource: a query filtered by a set of docids matches
// exactly the documents of both, however Xapian walks the set.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/docid_set.h"

namespace vnsearch::searcher {
namespace {

// Documents 1..`count`; the even ones hold the term "even", every one "all".
Xapian::Database numbered_documents(Xapian::docid count) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (Xapian::docid id = 1; id <= count; ++id) {
    Xapian::Document doc;
    doc.add_term("all");
    if (id % 2 == 0) doc.add_term("even");
    db.replace_document(id, doc);
  }
  return db;
}

std::vector<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  return {mset.begin(), mset.end()};
}

using Docids = std::vector<Xapian::docid>;

TEST(DocidSet, FiltersAQueryToTheDocumentsOfTheSet) {
  const Xapian::Database db = numbered_documents(100);
  const Xapian::Query even("even");
  // Unsorted, repeated, and past the last document: all harmless.
  const Docids set{40, 3, 2, 99, 2, 58, 100, 4, 1000};
  EXPECT_EQ(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, even, docid_set_query(set))),
            (Docids{2, 4, 40, 58, 100}));
  EXPECT_EQ(
      matches(db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("all"), docid_set_query(set))),
      (Docids{2, 3, 4, 40, 58, 99, 100}));
  // Alone, it matches the set's documents (next() rather than skip_to()).
  EXPECT_EQ(matches(db, docid_set_query({7, 5, 6})), (Docids{5, 6, 7}));
}

TEST(DocidSet, AnEmptySetMatchesNothing) {
  const Xapian::Database db = numbered_documents(10);
  EXPECT_TRUE(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("all"),
                                        docid_set_query({})))
                  .empty());
}

TEST(DocidSet, WeighsNothing) {
  const Xapian::Database db = numbered_documents(20);
  Xapian::Enquire plain(db);
  plain.set_query(Xapian::Query("even"));
  Xapian::Enquire filtered(db);
  filtered.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("even"), docid_set_query({4, 8})));
  const Xapian::MSet all = plain.get_mset(0, 20);
  const Xapian::MSet some = filtered.get_mset(0, 20);
  ASSERT_EQ(some.size(), 2u);
  for (auto it = some.begin(); it != some.end(); ++it) {
    EXPECT_DOUBLE_EQ(it.get_weight(), all[0].get_weight());  // every even one weighs the same
  }
}

TEST(DocidSet, WalksAndSkipsAsXapianExpects) {
  const Xapian::Database db = numbered_documents(10);
  DocidSetPostingSource source({9, 3, 5, 3, 7});
  source.init(db);
  EXPECT_EQ(source.get_termfreq_est(), 4u);
  source.next(0);
  ASSERT_FALSE(source.at_end());
  EXPECT_EQ(source.get_docid(), 3u);
  source.skip_to(4, 0);  // to the first docid at or after 4
  EXPECT_EQ(source.get_docid(), 5u);
  source.skip_to(5, 0);  // already there: stays
  EXPECT_EQ(source.get_docid(), 5u);
  source.skip_to(8, 0);
  EXPECT_EQ(source.get_docid(), 9u);
  source.next(0);
  EXPECT_TRUE(source.at_end());
  // init() starts over; skip_to() may come first.
  source.init(db);
  source.skip_to(6, 0);
  EXPECT_EQ(source.get_docid(), 7u);
  source.skip_to(10, 0);
  EXPECT_TRUE(source.at_end());
}

// Every way of walking a set large enough for skip_to to jump ahead.
TEST(DocidSet, SkipsAheadInLongSets) {
  const Xapian::Database db = numbered_documents(5000);
  Docids every_third;
  for (Xapian::docid id = 3; id <= 5000; id += 3) every_third.push_back(id);
  Docids expected;
  for (Xapian::docid id : every_third) {
    if (id % 2 == 0) expected.push_back(id);
  }
  EXPECT_EQ(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("even"),
                                      docid_set_query(every_third))),
            expected);
}

}  // namespace
}  // namespace vnsearch::searcher
