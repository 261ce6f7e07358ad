// @brief update_copy_groups() on a small glass database: groups are written
// as a value only, and (re)grouping leaves every document's terms, their
// frequencies and positions exactly as the document builder wrote them — a
// group term would make Xapian write the whole document again (issue #16:
// the four-copy archive did not finish indexing).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "indexer/copy_groups.h"
#include "indexer/document_builder.h"
#include "test_util.h"

namespace vnsearch::indexer {
namespace {

using schema::DocumentData;

const char* const kHarvest =
    "Nông dân xã Phước Hậu, huyện Long Hồ đang thu hoạch vụ lúa hè thu với năng suất bình quân "
    "sáu tấn một héc ta, cao hơn vụ trước gần nửa tấn. Giá lúa tươi bán tại ruộng dao động từ "
    "năm nghìn đến năm nghìn ba trăm đồng một ký, thương lái đến tận bờ ruộng thu mua. Nhờ áp "
    "dụng giống mới và giảm lượng phân bón, mỗi héc ta nông dân lãi khoảng hai mươi triệu đồng. "
    "Hợp tác xã cho biết sẽ mở rộng cánh đồng lớn thêm một trăm héc ta trong vụ đông xuân tới.";
const char* const kMarket =
    "Chợ nổi Cái Răng mở cửa từ bốn giờ sáng, hàng trăm ghe xuồng chở đầy dưa hấu, bí đỏ, "
    "khóm và khoai lang từ các tỉnh lân cận đổ về. Du khách thuê thuyền nhỏ len lỏi giữa các "
    "ghe hàng, thưởng thức hủ tiếu nóng và cà phê ngay trên sông. Ban quản lý chợ đang lắp thêm "
    "phao cứu sinh và nhắc các chủ thuyền chở khách không chở quá số người cho phép, nhất là "
    "vào dịp cuối tuần khi lượng khách tăng gấp đôi.";

DocumentData article(const std::string& path, const std::string& title, const std::string& text) {
  DocumentData d;
  d.path = path;
  d.title = title;
  d.text = text;
  d.source = "baomoi.com";
  d.date = "2020-09-01";
  return d;
}

/// Every term of a document with its wdf and positions, and its length:
/// what must not change when only its group does.
using Terms = std::map<std::string, std::tuple<Xapian::termcount, std::vector<Xapian::termpos>>>;

Terms terms_of(const Xapian::Database& db, Xapian::docid docid) {
  Terms terms;
  for (auto t = db.termlist_begin(docid); t != db.termlist_end(docid); ++t) {
    std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
    terms[*t] = {t.get_wdf(), positions};
  }
  return terms;
}

class CopyGroupsTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE); }

  void add(const DocumentData& d) {
    db_.replace_document(schema::id_term(d.path), builder_.build(d, "stamp"));
    db_.commit();
  }

  Xapian::docid docid(const std::string& path) {
    const std::string term = schema::id_term(path);
    return *db_.postlist_begin(term);
  }

  std::string group(const std::string& path) {
    return db_.get_document(docid(path)).get_value(schema::kSlotCollapseKey);
  }

  /// Terms of every document, by path.
  std::map<std::string, Terms> snapshot() {
    std::map<std::string, Terms> all;
    for (auto it = db_.postlist_begin(""); it != db_.postlist_end(""); ++it) {
      const DocumentData d = DocumentData::from_json(db_.get_document(*it).get_data());
      all[d.path] = terms_of(db_, *it);
    }
    return all;
  }

  testing::TempDir dir_;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
};

TEST_F(CopyGroupsTest, GroupingWritesTheGroupValueAndLeavesTermsAndPositionsAsBuilt) {
  add(article("a.txt", "Nông dân Long Hồ trúng mùa lúa hè thu", kHarvest));
  add(article("b.txt", "Vĩnh Long: lúa hè thu được mùa, được giá",
              std::string(kHarvest) + " Theo Báo Vĩnh Long."));
  add(article("c.txt", "Chợ nổi Cái Răng đông khách", kMarket));
  const auto before = snapshot();

  const CopyGroupCounts counts = update_copy_groups({&db_});
  EXPECT_EQ(counts.groups, 1u);
  EXPECT_EQ(counts.grouped, 2u);
  EXPECT_EQ(counts.rewritten, 2u);
  EXPECT_FALSE(group("a.txt").empty());
  EXPECT_EQ(group("a.txt"), group("b.txt"));
  EXPECT_EQ(group("c.txt"), "");
  EXPECT_EQ(snapshot(), before);  // no group term, nothing else touched
  // The signature and the other values are still there.
  EXPECT_FALSE(db_.get_document(docid("a.txt")).get_value(schema::kSlotNearCopySignature).empty());
  EXPECT_EQ(db_.get_document(docid("a.txt")).get_value(schema::kSlotDate), "20200901");
}

TEST_F(CopyGroupsTest, RegroupingChangesValuesOnly) {
  add(article("a.txt", "Nông dân Long Hồ trúng mùa lúa hè thu", kHarvest));
  add(article("b.txt", "Vĩnh Long: lúa hè thu được mùa, được giá",
              std::string(kHarvest) + " Theo Báo Vĩnh Long."));
  add(article("c.txt", "Chợ nổi Cái Răng đông khách", kMarket));
  update_copy_groups({&db_});
  const std::string harvest = group("a.txt");

  // A copy of c joins the archive, and b leaves it: a's group dissolves and
  // c's is born. Nothing of the documents' terms changes.
  add(article("d.txt", "Cần Thơ: chợ nổi tấp nập", std::string(kMarket) + " Theo Báo Cần Thơ."));
  db_.delete_document(schema::id_term("b.txt"));
  db_.commit();
  const auto before = snapshot();
  const CopyGroupCounts counts = update_copy_groups({&db_});
  EXPECT_EQ(counts.groups, 1u);
  EXPECT_EQ(counts.rewritten, 3u);  // a leaves its group, c and d form one
  EXPECT_EQ(group("a.txt"), "");
  EXPECT_FALSE(group("c.txt").empty());
  EXPECT_NE(group("c.txt"), harvest);
  EXPECT_EQ(group("c.txt"), group("d.txt"));
  EXPECT_EQ(snapshot(), before);

  // A run that changes nothing rewrites nothing.
  const CopyGroupCounts again = update_copy_groups({&db_});
  EXPECT_EQ(again.rewritten, 0u);
  EXPECT_EQ(again.lists_written, 0u);
}

TEST_F(CopyGroupsTest, EachGroupListsItsMembersInTheMetadata) {
  add(article("a.txt", "Nông dân Long Hồ trúng mùa lúa hè thu", kHarvest));
  add(article("b.txt", "Vĩnh Long: lúa hè thu được mùa, được giá",
              std::string(kHarvest) + " Theo Báo Vĩnh Long."));
  add(article("c.txt", "Chợ nổi Cái Răng đông khách", kMarket));
  const auto lists = [&] {
    std::map<std::string, std::string> all;
    const std::string prefix(schema::kMetaGroupMembersPrefix);
    for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
      all[*k] = db_.get_metadata(*k);
    }
    return all;
  };
  EXPECT_EQ(update_copy_groups({&db_}).lists_written, 1u);
  EXPECT_EQ(db_.get_metadata(std::string(schema::kMetaGroupsListed)), "1");
  const std::string harvest = group("a.txt");
  EXPECT_EQ(lists(), (std::map<std::string, std::string>{
                         {schema::group_members_key(harvest),
                          schema::id_term("a.txt") + '\0' + schema::id_term("b.txt")}}));
  EXPECT_EQ(schema::split_group_members(lists().begin()->second),
            (std::vector<std::string>{schema::id_term("a.txt"), schema::id_term("b.txt")}));

  // b leaves and a copy of c comes: one list goes, one comes.
  add(article("d.txt", "Cần Thơ: chợ nổi tấp nập", std::string(kMarket) + " Theo Báo Cần Thơ."));
  db_.delete_document(schema::id_term("b.txt"));
  db_.commit();
  EXPECT_EQ(update_copy_groups({&db_}).lists_written, 2u);
  EXPECT_EQ(lists(), (std::map<std::string, std::string>{
                         {schema::group_members_key(group("c.txt")),
                          schema::id_term("c.txt") + '\0' + schema::id_term("d.txt")}}));

  // A third member: the list is rewritten, whoever's id names the group.
  add(article("e.txt", "Chợ nổi miền Tây", std::string(kMarket) + " Nguồn: Báo Hậu Giang."));
  EXPECT_EQ(update_copy_groups({&db_}).lists_written, 1u);
  EXPECT_EQ(schema::split_group_members(lists().at(schema::group_members_key(group("c.txt")))),
            (std::vector<std::string>{schema::id_term("c.txt"), schema::id_term("d.txt"),
                                      schema::id_term("e.txt")}));
}

}  // namespace
}  // namespace vnsearch::indexer
