// @brief Near-copies end to end, with the real vnindex and vnsearch on small
// archives written here: a reprint with a new title and first sentence, an
// updated version and a same-subject article that is not a copy. Grouping,
// collapsing and --no-collapse, --similar and --like (text and JSON, exit
// codes), incremental runs equal to a rebuild, and groups across shards.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/schema.h"
#include "test_util.h"

namespace vnsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- The archive -------------------------------------------------------------

const char* const kFloodLead =
    "(baolaocai.vn) – Đêm 11/9, mưa lớn kéo dài suốt sáu giờ khiến nước suối Nậm Lúc dâng "
    "cao, gây lũ quét tại xã Tà Lùng, huyện Bảo Thắng, tỉnh Lào Cai.\n";
const char* const kFloodBody =
    "Dòng lũ đã cuốn trôi hoàn toàn cây cầu treo dài 60 mét nối trung tâm xã với hai thôn Nà "
    "Pồng và Khuổi Phầy. Gần 300 hộ dân với hơn một nghìn nhân khẩu bị chia cắt, học sinh không "
    "thể đến trường trong sáng 12/9.\n"
    "Ông Hoàng Văn Thắng, Chủ tịch UBND xã Tà Lùng, cho biết ngay trong đêm, xã đã huy động lực "
    "lượng dân quân, công an và đoàn viên thanh niên sơ tán 46 hộ dân sống ven suối đến nơi an "
    "toàn. Rất may không có thiệt hại về người.\n"
    "Theo thống kê ban đầu, lũ quét làm sập đổ bốn ngôi nhà, hư hỏng nặng mười hai ngôi nhà "
    "khác, cuốn trôi hơn năm héc ta lúa đang thì làm đòng cùng hàng trăm con gia súc, gia cầm. "
    "Tổng thiệt hại ước tính khoảng bảy tỷ đồng.\n"
    "Huyện Bảo Thắng đã chỉ đạo lắp đặt cầu phao tạm và bố trí thuyền máy đưa người dân qua suối "
    "trong thời gian chờ xây dựng lại cầu mới. Trung tâm dự báo khí tượng thủy văn tỉnh cảnh báo "
    "mưa lớn còn kéo dài đến hết ngày 14/9, nguy cơ sạt lở đất ở các xã vùng cao rất cao.\n"
    "Người dân thôn Nà Pồng kể rằng nước lên rất nhanh, chỉ trong vòng nửa giờ đã ngập đến "
    "mái hiên những ngôi nhà gần suối. Nhiều gia đình chỉ kịp mang theo giấy tờ và ít lương "
    "thực rồi chạy lên đồi, để lại toàn bộ tài sản, máy móc nông nghiệp trong nhà.\n"
    "Cây cầu treo bị cuốn trôi được xây dựng từ năm 2009 bằng nguồn vốn của chương trình giảm "
    "nghèo. Đây là con đường duy nhất để người dân hai thôn đi chợ, đưa con em đến trường và "
    "chở nông sản ra trung tâm xã. Từ nhiều năm nay, người dân đã nhiều lần kiến nghị nâng cấp "
    "cây cầu vì các dây cáp đã bị gỉ sét.\n"
    "Ngay trong sáng 12/9, lãnh đạo huyện Bảo Thắng đã đến hiện trường kiểm tra, thăm hỏi và "
    "hỗ trợ mỗi gia đình có nhà bị sập đổ năm triệu đồng, đồng thời giao các phòng ban chuyên "
    "môn lập phương án sớm xây dựng cây cầu mới kiên cố hơn.\n";

std::string original() {
  return std::string("Lũ quét cuốn trôi cầu treo ở xã Tà Lùng\n\n") + kFloodLead + kFloodBody;
}
/// Another site's reprint: its own title and first sentence, a credit.
std::string reprint() {
  return std::string(
             "Lào Cai: hàng trăm hộ dân bị cô lập sau trận lũ trong đêm\n\n"
             "(tintuc.vn) – Lũ quét đêm 11/9 khiến hàng trăm hộ dân Lào Cai bị cô lập.\n") +
         kFloodBody + "Theo Báo Lào Cai\n";
}
/// The same article updated an hour later: a paragraph added.
std::string update() {
  return std::string("Lũ quét cuốn trôi cầu treo ở xã Tà Lùng (cập nhật)\n\n") + kFloodLead +
         kFloodBody +
         "Cập nhật lúc 15h ngày 12/9: bộ đội biên phòng đã lắp xong cầu phao tạm, học sinh hai "
         "thôn có thể đến trường từ sáng mai.\n";
}
/// The same subject, written by someone else: related, not a copy.
std::string same_subject() {
  return "Lào Cai khắc phục hậu quả lũ quét ở huyện Bảo Thắng\n\n"
         "(laocai.gov.vn) – Chiều 13/9, đoàn công tác của UBND tỉnh Lào Cai đã đến xã Tà Lùng, "
         "huyện Bảo Thắng, thăm hỏi các gia đình bị thiệt hại do lũ quét và cầu treo bị cuốn "
         "trôi.\n"
         "Tỉnh hỗ trợ mỗi hộ có nhà sập đổ 40 triệu đồng, hộ có nhà hư hỏng nặng 20 triệu đồng, "
         "đồng thời xuất kho dự trữ năm tấn gạo cho các thôn bị chia cắt. Sở Giao thông vận tải "
         "được giao khảo sát, thiết kế cây cầu mới vững chắc hơn thay cho cầu treo cũ.\n"
         "Lãnh đạo tỉnh yêu cầu huyện Bảo Thắng rà soát các điểm có nguy cơ sạt lở, sẵn sàng di "
         "dời dân khi mưa lũ tiếp diễn, không để người dân qua suối khi nước dâng cao.\n";
}
std::string football() {
  return "Đội bóng Lào Cai thắng trận thứ ba liên tiếp\n\n"
         "(thethao.vn) – Chiều qua trên sân nhà, đội bóng đá Lào Cai đánh bại đội khách Yên Bái "
         "với tỷ số 2-0, qua đó vươn lên dẫn đầu bảng xếp hạng giải hạng Nhì.\n"
         "Hai bàn thắng đều được ghi trong hiệp hai, từ những tình huống phản công nhanh bên "
         "cánh trái. Huấn luyện viên trưởng cho biết toàn đội đã tập trung cao độ sau chuỗi trận "
         "khó khăn ở đầu mùa giải.\n"
         "Vòng đấu tới, đội bóng sẽ làm khách trên sân của Phú Thọ, đối thủ đang đứng thứ hai.\n";
}
std::string school() {
  return "Trường vùng cao khai giảng năm học mới\n\n"
         "(giaoduc.vn) – Sáng 5/9, hơn bốn trăm học sinh trường phổ thông dân tộc bán trú ở "
         "huyện Bát Xát dự lễ khai giảng trong ngôi trường vừa được sửa chữa.\n"
         "Nhà trường đã xây thêm khu ký túc xá hai tầng, bếp ăn và nhà vệ sinh mới nhờ nguồn "
         "vốn của các nhà hảo tâm. Các thầy cô giáo đi vận động từng gia đình để học sinh ra lớp "
         "đầy đủ ngay từ ngày đầu.\n"
         "Năm học này, trường đưa thêm môn tin học và tiếng Anh vào dạy cho học sinh lớp ba.\n";
}
/// The football report reprinted by an aggregator, credit added.
std::string football_reprint() { return football() + "Theo Thể thao Lào Cai\n"; }

// ---- Running the tools ---------------------------------------------------------

CommandResult vnindex(const fs::path& corpus, const fs::path& index,
                      std::vector<std::string> more = {}) {
  std::vector<std::string> argv = {VNINDEX_BIN, corpus.string(), "-d", index.string(), "-q"};
  argv.insert(argv.end(), more.begin(), more.end());
  return run_command(argv, "", {{"VNSEARCH_INDEX", ""}});
}

CommandResult vnsearch(const fs::path& index, std::vector<std::string> args) {
  std::vector<std::string> argv = {VNSEARCH_BIN, "-d", index.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, "", {{"VNSEARCH_INDEX", ""}, {"NO_COLOR", ""}});
}

std::vector<json> hits(const CommandResult& r) {
  std::vector<json> found;
  for (const std::string& line : lines(r.out)) {
    const json record = json::parse(line);
    if (record["type"] == "hit") found.push_back(record);
  }
  return found;
}

std::vector<std::string> paths(const std::vector<json>& records) {
  std::vector<std::string> out;
  for (const json& r : records) out.push_back(r["path"]);
  return out;
}

/// Path → near-copy group of every document, as its slot holds it; "" outside
/// a group. No document holds a group term (schema 7's `XGRP`): a group is a
/// value, so that grouping never writes a document's terms again.
std::map<std::string, std::string> groups_of(const fs::path& index) {
  std::map<std::string, std::string> groups;
  Xapian::Database db(index.string());
  EXPECT_TRUE(db.allterms_begin("XGRP") == db.allterms_end("XGRP"));
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string group = doc.get_value(schema::kSlotCollapseKey);
    groups[schema::DocumentData::from_json(doc.get_data()).path] = group;
  }
  return groups;
}

/// Group → paths, as the documents' group values say.
std::map<std::string, std::set<std::string>> valued_groups(
    const std::map<std::string, std::string>& groups) {
  std::map<std::string, std::set<std::string>> by_group;
  for (const auto& [path, group] : groups) {
    if (!group.empty()) by_group[group].insert(path);
  }
  return by_group;
}

/// The groups as sets of paths (what a reader sees), each sorted.
std::set<std::set<std::string>> member_sets(const std::map<std::string, std::string>& groups) {
  std::set<std::set<std::string>> sets;
  for (const auto& [group, members] : valued_groups(groups)) sets.insert(members);
  return sets;
}

/// Group → paths, as the member lists in the shards' metadata hold them
/// (each shard that holds a member lists them all); every shard must say it
/// keeps the lists.
std::map<std::string, std::set<std::string>> listed_groups(const fs::path& index) {
  std::map<std::string, std::set<std::string>> listed;
  const std::string prefix(schema::kMetaGroupMembersPrefix);
  for (const DatabaseSource& shard : sources_of_index(index)) {
    const Xapian::Database db(shard.path.string());
    EXPECT_EQ(db.get_metadata(std::string(schema::kMetaGroupsListed)), "1") << shard.path;
    for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
      std::set<std::string> paths;
      for (const std::string& id : schema::split_group_members(db.get_metadata(*key))) {
        paths.insert(id.substr(schema::kIdPrefix.size()));
      }
      const std::string group = (*key).substr(prefix.size());
      if (listed.count(group)) {
        EXPECT_EQ(listed[group], paths) << "shards disagree on " << group;
      }
      listed[group] = paths;
    }
  }
  return listed;
}

class NearCopiesE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(corpus() / "a-original.txt", original());
    write_file(corpus() / "b-reprint.txt", reprint());
    write_file(corpus() / "c-update.txt", update());
    write_file(corpus() / "d-same-subject.txt", same_subject());
    write_file(corpus() / "e-football.txt", football());
    write_file(corpus() / "f-school.txt", school());
  }
  fs::path corpus() const { return dir_.path() / "corpus"; }
  fs::path index() const { return dir_.path() / "index"; }

  /// The groups a rebuild of the corpus gives, in a fresh index.
  std::map<std::string, std::string> rebuilt_groups() {
    const fs::path fresh = dir_.path() / ("rebuilt-" + std::to_string(++rebuilds_));
    const CommandResult r = vnindex(corpus(), fresh);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return groups_of(fresh);
  }

  TempDir dir_;
  int rebuilds_ = 0;
};

TEST_F(NearCopiesE2eTest, ReprintAndUpdateFormOneGroupTheSameSubjectDoesNot) {
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(member_sets(groups_of(index())),
            (std::set<std::set<std::string>>{{"a-original.txt", "b-reprint.txt", "c-update.txt"}}));
}

TEST_F(NearCopiesE2eTest, SearchShowsAGroupOnceAndNoCollapseShowsEveryMember) {
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  CommandResult r = vnsearch(index(), {"cầu treo", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> found = hits(r);
  // The story once (with its two copies) and the same-subject article.
  ASSERT_EQ(found.size(), 2u) << r.out;
  std::set<std::string> story = {"a-original.txt", "b-reprint.txt", "c-update.txt"};
  size_t grouped = 0;
  for (const json& hit : found) {
    if (!story.count(hit["path"])) {
      EXPECT_EQ(hit["path"], "d-same-subject.txt");
      EXPECT_TRUE(hit["copies"].empty());
      continue;
    }
    ++grouped;
    ASSERT_EQ(hit["copies"].size(), 2u);
    for (const json& copy : hit["copies"]) {
      EXPECT_TRUE(story.count(copy["path"])) << copy;
      EXPECT_NE(copy["path"], hit["path"]);
      EXPECT_GE(copy["similarity"].get<double>(), 0.8);
      EXPECT_LE(copy["similarity"].get<double>(), 1.0);
      EXPECT_TRUE(copy.contains("source") && copy.contains("date") && copy.contains("title"));
    }
  }
  EXPECT_EQ(grouped, 1u);
  EXPECT_EQ(json::parse(lines(r.out).back())["matches"], 2) << "copies collapsed in the count";

  r = vnsearch(index(), {"cầu treo", "--no-collapse", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  found = hits(r);
  EXPECT_EQ(found.size(), 4u) << r.out;
  for (const json& hit : found) {
    if (story.count(hit["path"])) {
      EXPECT_EQ(hit["copies"].size(), 2u);
    }
  }

  // The terminal says how many, and where else the story ran.
  r = vnsearch(index(), {"cầu treo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(" (+2 similar)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("   similar: "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour off a terminal";
}

TEST_F(NearCopiesE2eTest, SimilarListsTheNearCopies) {
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  CommandResult r = vnsearch(index(), {"--similar", "a-original.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> found = hits(r);
  ASSERT_EQ(found.size(), 2u) << r.out;
  // Most similar first: the update keeps every sentence, the reprint loses one.
  EXPECT_EQ(paths(found), (std::vector<std::string>{"c-update.txt", "b-reprint.txt"}));
  EXPECT_GE(found[0]["score"].get<double>(), found[1]["score"].get<double>());
  EXPECT_EQ(found[0]["rank"], 1);
  const json summary = json::parse(lines(r.out).back());
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["matches"], 2);

  // The absolute path --files prints names the same article.
  r = vnsearch(index(), {"cầu treo", "--files", "--no-collapse"});
  std::string absolute;
  for (const std::string& line : lines(r.out)) {
    if (line.find("a-original.txt") != std::string::npos) absolute = line;
  }
  ASSERT_FALSE(absolute.empty()) << r.out;
  r = vnsearch(index(), {"--similar", absolute, "--files"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out).size(), 2u) << r.out;

  // Text output, one article without copies, and articles that are not there.
  r = vnsearch(index(), {"--similar", "b-reprint.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Lũ quét cuốn trôi cầu treo ở xã Tà Lùng"), std::string::npos) << r.out;
  r = vnsearch(index(), {"--similar", "f-school.txt", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(hits(r).empty());
  r = vnsearch(index(), {"--similar", "no-such-file.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no article no-such-file.txt"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(vnsearch(index(), {"--similar", "99999"}).exit_code, 2);
}

TEST_F(NearCopiesE2eTest, LikeListsTheSameSubjectNotTheCopies) {
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  CommandResult r = vnsearch(index(), {"--like", "a-original.txt", "--json", "-n", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> found = hits(r);
  ASSERT_FALSE(found.empty()) << r.out;
  EXPECT_EQ(found[0]["path"], "d-same-subject.txt");
  for (const json& hit : found) {
    EXPECT_NE(hit["path"], "a-original.txt");
    EXPECT_NE(hit["path"], "b-reprint.txt");
    EXPECT_NE(hit["path"], "c-update.txt");
  }
  // A copy asks for the same subject: the original and the reprint are not
  // related to it, they are it.
  r = vnsearch(index(), {"--like", "c-update.txt", "--files"});
  EXPECT_NE(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out.find("a-original.txt"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("b-reprint.txt"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("c-update.txt"), std::string::npos) << r.out;

  // Usage errors.
  EXPECT_EQ(vnsearch(index(), {"--like", "nowhere.txt"}).exit_code, 2);
  EXPECT_EQ(vnsearch(index(), {"--like", "a-original.txt", "--similar", "b-reprint.txt"}).exit_code,
            2);
  EXPECT_EQ(vnsearch(index(), {"--like", "a-original.txt", "cầu"}).exit_code, 2);
  EXPECT_EQ(vnsearch(index(), {"--like", ""}).exit_code, 2);
}

TEST_F(NearCopiesE2eTest, IncrementalRunsGiveTheGroupsOfARebuild) {
  // Start without the copies.
  fs::remove(corpus() / "b-reprint.txt");
  fs::remove(corpus() / "c-update.txt");
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_TRUE(member_sets(groups_of(index())).empty());
  EXPECT_EQ(groups_of(index()), rebuilt_groups());
  EXPECT_EQ(listed_groups(index()), valued_groups(groups_of(index())));

  // Added: the reprint and the update join the original.
  write_file(corpus() / "b-reprint.txt", reprint());
  write_file(corpus() / "c-update.txt", update());
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(member_sets(groups_of(index())),
            (std::set<std::set<std::string>>{{"a-original.txt", "b-reprint.txt", "c-update.txt"}}));
  EXPECT_EQ(groups_of(index()), rebuilt_groups());
  EXPECT_EQ(listed_groups(index()), valued_groups(groups_of(index())));

  // Changed: the reprint becomes the football reprint (it leaves one group
  // and makes another); a second football copy joins.
  write_file(corpus() / "b-reprint.txt", football_reprint());
  write_file(corpus() / "g-football-copy.txt", football() + "Nguồn: Báo Lào Cai\n");
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(member_sets(groups_of(index())),
            (std::set<std::set<std::string>>{
                {"a-original.txt", "c-update.txt"},
                {"b-reprint.txt", "e-football.txt", "g-football-copy.txt"}}));
  EXPECT_EQ(groups_of(index()), rebuilt_groups());
  EXPECT_EQ(listed_groups(index()), valued_groups(groups_of(index())));

  // Deleted: the smallest member of a group (the group is renamed), and one
  // of a pair (the group dissolves).
  fs::remove(corpus() / "b-reprint.txt");
  fs::remove(corpus() / "a-original.txt");
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(member_sets(groups_of(index())),
            (std::set<std::set<std::string>>{{"e-football.txt", "g-football-copy.txt"}}));
  EXPECT_EQ(groups_of(index()), rebuilt_groups());
  EXPECT_EQ(listed_groups(index()), valued_groups(groups_of(index())));

  // A run that changes nothing changes no group.
  const auto before = groups_of(index());
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(groups_of(index()), before);
}

TEST_F(NearCopiesE2eTest, GroupsSpanShards) {
  write_file(corpus() / "g-football-copy.txt", football_reprint());
  const fs::path sharded = dir_.path() / "sharded";
  ASSERT_EQ(vnindex(corpus(), sharded, {"--shards", "3"}).exit_code, 0);
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  const auto single = groups_of(index());
  EXPECT_EQ(member_sets(single).size(), 2u);
  // The stub opens every shard as one database: same documents, same groups.
  EXPECT_EQ(groups_of(sharded / "XAPIANDB"), single);

  // Search and --similar across shards.
  CommandResult r = vnsearch(sharded, {"cầu treo", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(hits(r).size(), 2u) << r.out;
  r = vnsearch(sharded, {"--similar", "a-original.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(hits(r).size(), 2u) << r.out;

  // Each shard holding a member lists the whole group.
  EXPECT_EQ(listed_groups(sharded), valued_groups(single));

  // An incremental run on the shards still groups across them.
  fs::remove(corpus() / "a-original.txt");
  ASSERT_EQ(vnindex(corpus(), sharded).exit_code, 0);
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(groups_of(sharded / "XAPIANDB"), groups_of(index()));
  EXPECT_EQ(listed_groups(sharded), valued_groups(groups_of(index())));
}

TEST_F(NearCopiesE2eTest, IndexesSearchedTogetherListOnlyEachGroupsOwnMembers) {
  // A second archive with the same paths, where b-reprint.txt holds the
  // football reprint: there it is no copy of the flood story, whose group
  // (named by a-original.txt) has the same id in both indexes.
  const fs::path other_corpus = dir_.path() / "other-corpus";
  for (const auto& entry : fs::directory_iterator(corpus())) {
    write_file(other_corpus / entry.path().filename(), read_file(entry.path()));
  }
  write_file(other_corpus / "b-reprint.txt", football_reprint());
  const fs::path other_index = dir_.path() / "other-index";
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  ASSERT_EQ(vnindex(other_corpus, other_index).exit_code, 0);

  const CommandResult r = vnsearch(index(), {"-d", other_index.string(), "cầu treo", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t flood_copies = 0;
  for (const json& hit : hits(r)) {
    for (const json& copy : hit["copies"]) {
      EXPECT_NE(copy["title"], "Đội bóng Lào Cai thắng trận thứ ba liên tiếp")
          << "the other archive's b-reprint.txt is in no flood group: " << hit;
      ++flood_copies;
    }
  }
  // The story once, with its other copies of both archives: 3 + 2 members.
  EXPECT_EQ(flood_copies, 4u) << r.out;
}

TEST_F(NearCopiesE2eTest, AnIndexWithoutMemberListsShowsTheSameCopies) {
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  // The page as the lists give it, then as an index written before them
  // (no mark, no lists) gives it from the group values.
  const auto page = [&](const std::vector<std::string>& args) {
    const CommandResult r = vnsearch(index(), args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return hits(r);
  };
  const std::vector<std::string> search = {"cầu treo", "--json"};
  const std::vector<std::string> similar = {"--similar", "a-original.txt", "--json"};
  const std::vector<json> listed = page(search), listed_similar = page(similar);
  ASSERT_EQ(listed.size(), 2u);
  {
    Xapian::WritableDatabase db(index().string(), Xapian::DB_OPEN);
    const std::string prefix(schema::kMetaGroupMembersPrefix);
    std::vector<std::string> keys(db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix));
    ASSERT_EQ(keys.size(), 1u);
    for (const std::string& key : keys) db.set_metadata(key, "");
    db.set_metadata(std::string(schema::kMetaGroupsListed), "");
    db.commit();
  }
  EXPECT_EQ(page(search), listed);
  EXPECT_EQ(page(similar), listed_similar);
  size_t copies = 0;
  for (const json& hit : listed) copies += hit["copies"].size();
  EXPECT_EQ(copies, 2u);

  // The next run of vnindex lists them again.
  ASSERT_EQ(vnindex(corpus(), index()).exit_code, 0);
  EXPECT_EQ(listed_groups(index()), valued_groups(groups_of(index())));
  EXPECT_EQ(page(search), listed);
}

}  // namespace
}  // namespace vnsearch::testing
