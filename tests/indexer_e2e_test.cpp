// @brief End-to-end tests of vnindex: runs the real binary on corpora made at
// test time and opens the resulting index with Xapian to check it.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "test_util.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::run_command;
using testing::TempDir;
using testing::write_file;

/// A corpus folder and an index folder side by side in a fresh TempDir.
class IndexerTest : public ::testing::Test {
 protected:
  fs::path corpus() const { return dir_.path() / "corpus"; }
  fs::path index() const { return dir_.path() / "index"; }

  CommandResult vnindex(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {VNINDEX_BIN, corpus().string(), "-d", index().string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv, "", {{"VNSEARCH_INDEX", ""}});
  }

  /// Runs with --json and returns the summary (expecting `exit_code`).
  nlohmann::json summary(std::vector<std::string> extra = {}, int exit_code = 0) {
    extra.push_back("--json");
    const CommandResult r = vnindex(extra);
    EXPECT_EQ(r.exit_code, exit_code) << r.err;
    last_err_ = r.err;
    const auto out = testing::lines(r.out);
    if (out.size() != 1) {
      ADD_FAILURE() << "stdout: " << r.out << "\nstderr: " << r.err;
      return {};
    }
    return nlohmann::json::parse(out[0]);
  }

  Xapian::Document document(const std::string& id) {
    Xapian::Database db(index().string());
    const std::string term = schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) throw std::runtime_error("no document " + id);
    return db.get_document(*it);
  }

  bool has_document(const std::string& id) {
    Xapian::Database db(index().string());
    return db.term_exists(schema::id_term(id));
  }

  bool has_term(const std::string& id, const std::string& term) {
    Xapian::Document doc = document(id);
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
  }

  Xapian::doccount doc_count() { return Xapian::Database(index().string()).get_doccount(); }

  // Sets the modification time of `path` `seconds` into the future, so a
  // change is seen whatever the file system's time granularity.
  void bump_mtime(const fs::path& path, int seconds = 10) {
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(seconds));
  }

  TempDir dir_;
  std::string last_err_;
};

const char* const kThoiSu =
    "# title = Đảng viên tham gia bảo vệ rừng\n"
    "# source = kontumtv.vn\n"
    "# date = 2021-03-15\n"
    "# url = https://kontumtv.vn/thoi-su/dang-vien-bao-ve-rung\n"
    "\n"
    "Các đảng viên ở xã Đăk Pxi đã cùng người dân tuần tra bảo vệ rừng đầu nguồn.\n"
    "Mỗi tháng, tổ tuần tra đi rừng bốn lần và ghi chép cẩn thận.\n"
    "Bình luận\n"
    "Email của bạn sẽ không được hiển thị công khai.\n"
    "Trả lời\n";

const char* const kHtml =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>Lễ hội cồng chiêng Tây Nguyên | Báo Gia Lai</title>"
    "<meta property=\"og:site_name\" content=\"baogialai.com.vn\">"
    "<meta property=\"article:published_time\" content=\"2019-11-02T08:00:00+07:00\">"
    "<link rel=\"canonical\" href=\"https://baogialai.com.vn/le-hoi\">"
    "</head><body><nav>Trang chủ Đăng nhập Thực đơn</nav>"
    "<script>var quangcaoxyz = 1;</script>"
    "<article><h1>Lễ hội cồng chiêng Tây Nguyên</h1>"
    "<p>Lễ hội cồng chiêng thu hút hàng nghìn du khách đến Pleiku.</p>"
    "<p>Các nghệ nhân biểu diễn suốt đêm bên ánh lửa.</p></article>"
    "<footer>Bản quyền thuộc về tòa soạn xyzfooter</footer></body></html>";

const char* const kJsonl =
    "{\"title\": \"Giá lúa tăng\", \"content\": \"Giá lúa tại Đồng bằng sông Cửu Long tăng nhẹ.\","
    " \"source\": \"vnexpress.net\", \"date\": \"2022-07-01\"}\n"
    "{\"title\": \"Xuất khẩu gạo\", \"content\": \"Xuất khẩu gạo sáu tháng đầu năm đạt kỷ lục.\","
    " \"source\": \"vnexpress.net\", \"date\": \"2022-07-02\"}\n"
    "{\"title\": \"Cà phê được mùa\", \"content\": \"Nông dân Tây Nguyên thu hoạch cà phê.\","
    " \"source\": \"vnexpress.net\", \"date\": \"2022-07-03\"}\n";

void write_sample_corpus(const fs::path& root) {
  write_file(root / "thoisu/dang-vien.txt", kThoiSu);
  write_file(root / "vanhoa/le-hoi.html", kHtml);
  write_file(root / "kinhte/tin.jsonl", kJsonl);
}

// ---- Content --------------------------------------------------------------------

TEST_F(IndexerTest, IndexesTextHtmlAndJsonLinesWithMetadataAndTerms) {
  write_sample_corpus(corpus());
  const nlohmann::json s = summary();
  EXPECT_EQ(s["added"], 5);
  EXPECT_EQ(s["documents"], 5);
  EXPECT_EQ(s["files"], 3);
  EXPECT_EQ(s["skipped"], 0);
  EXPECT_EQ(doc_count(), 5u);

  const auto txt = schema::DocumentData::from_json(document("thoisu/dang-vien.txt").get_data());
  EXPECT_EQ(txt.path, "thoisu/dang-vien.txt");
  EXPECT_EQ(txt.title, "Đảng viên tham gia bảo vệ rừng");
  EXPECT_EQ(txt.source, "kontumtv.vn");
  EXPECT_EQ(txt.category, "thoisu");
  EXPECT_EQ(txt.date, "2021-03-15");
  EXPECT_EQ(txt.url, "https://kontumtv.vn/thoi-su/dang-vien-bao-ve-rung");
  EXPECT_NE(txt.text.find("tuần tra"), std::string::npos);
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "dang"));
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "XAđảng"));
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "Srung"));
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "XSOURCEkontumtv.vn"));
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "XCATthoisu"));
  // Dates are filtered by value slot; no date term is written (schema 6).
  EXPECT_EQ(document("thoisu/dang-vien.txt").get_value(schema::kSlotDate), "20210315");
  EXPECT_EQ(document("thoisu/dang-vien.txt").get_value(schema::kSlotYear), "2021");
  EXPECT_FALSE(has_term("thoisu/dang-vien.txt", "Y2021"));
  EXPECT_FALSE(has_term("thoisu/dang-vien.txt", "D20210315"));
  EXPECT_FALSE(has_term("thoisu/dang-vien.txt", "email")) << "boilerplate indexed";
  EXPECT_FALSE(has_term("thoisu/dang-vien.txt", "XAhiển")) << "boilerplate indexed";
  const std::string stamp = document("thoisu/dang-vien.txt").get_value(schema::kSlotFileStamp);
  EXPECT_EQ(stamp.rfind(std::to_string(std::string(kThoiSu).size()) + ":", 0), 0u) << stamp;

  const auto html = schema::DocumentData::from_json(document("vanhoa/le-hoi.html").get_data());
  EXPECT_EQ(html.title, "Lễ hội cồng chiêng Tây Nguyên");
  EXPECT_EQ(html.source, "baogialai.com.vn");
  EXPECT_EQ(html.date, "2019-11-02");
  EXPECT_EQ(html.url, "https://baogialai.com.vn/le-hoi");
  EXPECT_TRUE(has_term("vanhoa/le-hoi.html", "chieng"));
  EXPECT_EQ(document("vanhoa/le-hoi.html").get_value(schema::kSlotYear), "2019");
  EXPECT_FALSE(has_term("vanhoa/le-hoi.html", "quangcaoxyz")) << "<script> indexed";
  EXPECT_FALSE(has_term("vanhoa/le-hoi.html", "xyzfooter")) << "<footer> indexed";

  const auto record = schema::DocumentData::from_json(document("kinhte/tin.jsonl#2").get_data());
  EXPECT_EQ(record.path, "kinhte/tin.jsonl#2");
  EXPECT_EQ(record.title, "Xuất khẩu gạo");
  EXPECT_EQ(record.source, "vnexpress.net");
  EXPECT_EQ(record.category, "kinhte");
  EXPECT_TRUE(has_term("kinhte/tin.jsonl#2", "gao"));
  EXPECT_TRUE(has_document("kinhte/tin.jsonl#1"));
  EXPECT_TRUE(has_document("kinhte/tin.jsonl#3"));

  Xapian::Database db(index().string());
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kVersion));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaCorpusRoot)),
            fs::canonical(corpus()).string());
  EXPECT_FALSE(db.get_metadata(std::string(schema::kMetaLastUpdate)).empty());
}

TEST_F(IndexerTest, JsonSummaryHasEveryField) {
  write_sample_corpus(corpus());
  write_file(corpus() / "thoisu/ban-sao.txt", kThoiSu);  // a copy
  const nlohmann::json s = summary();
  for (const char* key : {"added", "updated", "deleted", "unchanged", "skipped", "duplicates",
                          "documents", "seconds", "files", "bytes", "docs_per_second"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  EXPECT_EQ(s["duplicates"], 1);
  EXPECT_EQ(s["files"], 4);
  EXPECT_GT(s["bytes"].get<uint64_t>(), 0u);
  EXPECT_NE(last_err_.find("vnindex: 4 files"), std::string::npos) << last_err_;
  EXPECT_EQ(vnindex({"--quiet"}).err, "");
}

TEST_F(IndexerTest, ResultDoesNotDependOnTheNumberOfThreads) {
  for (int i = 0; i < 40; ++i) {
    write_file(corpus() / ("muc" + std::to_string(i % 3)) / ("tin-" + std::to_string(i) + ".txt"),
               "Tin số " + std::to_string(i) + "\n\nNội dung bài viết thứ " + std::to_string(i) +
                   " về nông nghiệp.\n");
  }
  ASSERT_EQ(vnindex({"-j", "1"}).exit_code, 0);
  std::vector<std::string> one_thread;
  {
    Xapian::Database db(index().string());
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      one_thread.push_back(db.get_document(id).get_data());
    }
  }
  fs::remove_all(index());
  ASSERT_EQ(vnindex({"-j", "4"}).exit_code, 0);
  Xapian::Database db(index().string());
  ASSERT_EQ(db.get_lastdocid(), one_thread.size());
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
    EXPECT_EQ(db.get_document(id).get_data(), one_thread[id - 1]);
  }
}

// ---- Incremental runs -------------------------------------------------------------

TEST_F(IndexerTest, AFirstBuildIsMergedIntoOneCompactDatabaseAndSaysHowBig) {
  write_sample_corpus(corpus());
  nlohmann::json s = summary();
  EXPECT_EQ(s["compacted"], true);
  EXPECT_EQ(s["documents"], 5);
  EXPECT_GT(s["index_bytes"].get<uint64_t>(), 0u);
  EXPECT_NE(last_err_.find("; index "), std::string::npos) << last_err_;
  // One database at the index folder, written as two and merged; nothing
  // left beside it.
  EXPECT_TRUE(fs::exists(index() / "iamglass"));
  EXPECT_FALSE(fs::exists(index() / "XAPIANDB"));
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_NE(entry.path().filename().string()[0], '.') << entry.path();
  }
  EXPECT_EQ(run_command({"/usr/bin/xapian-check", index().string()}).exit_code, 0);
  EXPECT_EQ(doc_count(), 5u);
  EXPECT_TRUE(has_term("thoisu/dang-vien.txt", "XAđảng"));

  // A small update is not compacted; the index still says how big it is.
  write_file(corpus() / "thoisu/moi.txt", "Tin mới\n\nHội nghị tổng kết năm học mới.\n");
  s = summary();
  EXPECT_EQ(s["added"], 1);
  EXPECT_EQ(s["compacted"], false);
  EXPECT_GT(s["index_bytes"].get<uint64_t>(), 0u);
}

TEST_F(IndexerTest, IncrementalCycle) {
  write_sample_corpus(corpus());
  EXPECT_EQ(summary()["added"], 5);

  // Nothing changed: nothing read.
  nlohmann::json s = summary();
  EXPECT_EQ(s["unchanged"], 5);
  EXPECT_EQ(s["added"], 0);
  EXPECT_EQ(s["bytes"], 0);

  // Added file.
  write_file(corpus() / "thoisu/moi.txt", "Tin mới\n\nHội nghị tổng kết năm học mới.\n");
  s = summary();
  EXPECT_EQ(s["added"], 1);
  EXPECT_EQ(s["unchanged"], 5);
  EXPECT_TRUE(has_term("thoisu/moi.txt", "hoc"));

  // Changed file.
  write_file(corpus() / "thoisu/moi.txt", "Tin mới\n\nHội nghị tổng kết mùa lúa.\n");
  bump_mtime(corpus() / "thoisu/moi.txt");
  s = summary();
  EXPECT_EQ(s["updated"], 1);
  EXPECT_EQ(s["documents"], 6);
  EXPECT_TRUE(has_term("thoisu/moi.txt", "lua"));
  EXPECT_FALSE(has_term("thoisu/moi.txt", "hoc"));

  // Touched, content unchanged: read once, stamp refreshed, then not read again.
  bump_mtime(corpus() / "vanhoa/le-hoi.html", 20);
  s = summary();
  EXPECT_EQ(s["unchanged"], 6);
  EXPECT_EQ(s["updated"], 0);
  EXPECT_EQ(s["bytes"], std::string(kHtml).size());
  EXPECT_EQ(summary()["bytes"], 0);

  // Renamed file: added under the new name, deleted under the old one.
  fs::rename(corpus() / "thoisu/moi.txt", corpus() / "thoisu/doi-ten.txt");
  s = summary();
  EXPECT_EQ(s["added"], 1);
  EXPECT_EQ(s["deleted"], 1);
  EXPECT_TRUE(has_document("thoisu/doi-ten.txt"));
  EXPECT_FALSE(has_document("thoisu/moi.txt"));

  // Deleted file (a JSON Lines file takes all its records along).
  fs::remove(corpus() / "kinhte/tin.jsonl");
  s = summary();
  EXPECT_EQ(s["deleted"], 3);
  EXPECT_EQ(s["documents"], 3);
  EXPECT_EQ(doc_count(), 3u);
}

TEST_F(IndexerTest, NoDeleteKeepsDocumentsOfGoneFilesAndFullRebuilds) {
  write_sample_corpus(corpus());
  ASSERT_EQ(vnindex().exit_code, 0);
  fs::remove(corpus() / "thoisu/dang-vien.txt");
  nlohmann::json s = summary({"--no-delete"});
  EXPECT_EQ(s["deleted"], 0);
  EXPECT_EQ(s["documents"], 5);
  EXPECT_TRUE(has_document("thoisu/dang-vien.txt"));

  s = summary({"--full"});
  EXPECT_EQ(s["added"], 4);
  EXPECT_EQ(s["unchanged"], 0);
  EXPECT_EQ(s["documents"], 4);
  EXPECT_FALSE(has_document("thoisu/dang-vien.txt"));
}

TEST_F(IndexerTest, ExcludedFilesCountAsGone) {
  write_sample_corpus(corpus());
  ASSERT_EQ(vnindex().exit_code, 0);
  nlohmann::json s = summary({"--exclude", "*.jsonl"});
  EXPECT_EQ(s["deleted"], 3);
  EXPECT_EQ(s["documents"], 2);
  s = summary({"--include", "thoisu/*"});
  EXPECT_EQ(s["deleted"], 1);
  EXPECT_EQ(s["documents"], 1);
  EXPECT_TRUE(has_document("thoisu/dang-vien.txt"));
}

TEST_F(IndexerTest, ChangedJsonLinesFileUpdatesAndDeletesRecords) {
  write_file(corpus() / "kinhte/tin.jsonl", kJsonl);
  ASSERT_EQ(summary()["added"], 3);
  // Record 1 unchanged, record 2 changed, record 3 gone.
  const std::string first_line = std::string(kJsonl).substr(0, std::string(kJsonl).find('\n') + 1);
  write_file(
      corpus() / "kinhte/tin.jsonl",
      first_line + "{\"title\": \"Xuất khẩu cà phê\", \"content\": \"Cà phê xuất khẩu.\"}\n");
  bump_mtime(corpus() / "kinhte/tin.jsonl");
  const nlohmann::json s = summary();
  EXPECT_EQ(s["updated"], 2);
  EXPECT_EQ(s["deleted"], 1);
  EXPECT_EQ(s["documents"], 2);
  EXPECT_FALSE(has_document("kinhte/tin.jsonl#3"));
  EXPECT_TRUE(has_term("kinhte/tin.jsonl#2", "XTphê"));
}

// ---- Bad input ----------------------------------------------------------------------

TEST_F(IndexerTest, BadFilesAreReportedOnceSkippedAndCounted) {
  write_sample_corpus(corpus());
  write_file(corpus() / "xau/nhi-phan.txt", std::string("\x7f"
                                                        "ELF\0\0\0\x01\x02\x03",
                                                        10));
  write_file(corpus() / "xau/rong.txt", "");
  write_file(corpus() / "xau/lon.txt", "Tin lớn\n\n" + std::string(4096, 'a') + "\n");
  write_file(corpus() / "xau/hong.json", "{\"title\": \"Thiếu ngoặc\", ");
  write_file(dir_.path() / "ngoai.txt", "Tin ngoài thư mục\n\nKhông được lập chỉ mục.\n");
  fs::create_symlink(dir_.path() / "ngoai.txt", corpus() / "xau/ra-ngoai.txt");
  fs::create_directory_symlink("..", corpus() / "xau/vong");
  // Invalid UTF-8 is still indexed, with a warning.
  write_file(corpus() / "xau/utf8-hong.txt",
             "Tin có byte hỏng\n\nNội dung tiếng Việt đầy đủ \xff\xfe vẫn được đọc.\n");

  const CommandResult r = vnindex({"--json", "--max-file-size", "1K"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* bad :
       {"xau/nhi-phan.txt: binary", "xau/rong.txt: empty", "xau/lon.txt: file too large",
        "xau/hong.json: ", "xau/ra-ngoai.txt: symbolic link", "xau/vong: symbolic link loop"}) {
    const std::string needle = "vnindex: " + (corpus() / bad).string();
    const size_t at = r.err.find(needle);
    EXPECT_NE(at, std::string::npos) << needle << "\n" << r.err;
    EXPECT_EQ(r.err.find(needle, at + 1), std::string::npos) << "reported twice: " << needle;
  }
  EXPECT_NE(r.err.find("vnindex: " + (corpus() / "xau/utf8-hong.txt").string() + ": warning: "),
            std::string::npos)
      << r.err;
  const nlohmann::json s = nlohmann::json::parse(testing::lines(r.out).at(0));
  EXPECT_EQ(s["skipped"], 4);
  EXPECT_EQ(s["links_skipped"], 2) << "links are not files: counted apart";
  EXPECT_EQ(s["added"], 6);
  EXPECT_TRUE(has_term("xau/utf8-hong.txt", "viet"));
  EXPECT_FALSE(has_document("xau/lon.txt"));

  // Quiet keeps the errors and drops the warnings.
  const CommandResult quiet = vnindex({"--quiet", "--max-file-size", "1K"});
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_NE(quiet.err.find("xau/rong.txt: empty"), std::string::npos);
  EXPECT_EQ(quiet.err.find("warning"), std::string::npos);

  // A file now over the limit counts as gone; back under it, it comes back.
  write_file(corpus() / "xau/lon.txt", "Tin lớn\n\nNgắn thôi.\n");
  EXPECT_EQ(summary({"--max-file-size", "1K"}, 1)["added"], 1);
  const nlohmann::json all_too_large = summary({"--max-file-size", "10"}, 1);
  EXPECT_EQ(all_too_large["deleted"], 7);
  EXPECT_EQ(all_too_large["documents"], 0);
}

TEST_F(IndexerTest, UnreadableFileIsReported) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  write_sample_corpus(corpus());
  write_file(corpus() / "khoa.txt", "Tin khóa\n\nKhông đọc được.\n");
  chmod((corpus() / "khoa.txt").c_str(), 0);
  const CommandResult r = vnindex();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find((corpus() / "khoa.txt").string() + ": Permission denied"), std::string::npos)
      << r.err;
}

// ---- Fatal errors and the command line ------------------------------------------------

TEST_F(IndexerTest, LockedIndexIsAFatalError) {
  write_sample_corpus(corpus());
  Xapian::WritableDatabase holder(index().string(), Xapian::DB_CREATE_OR_OPEN);
  const CommandResult r = vnindex();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("vnindex: error: index " + index().string() +
                       " is locked by another process (another vnindex running?)"),
            std::string::npos)
      << r.err;
}

TEST_F(IndexerTest, OtherSchemaVersionNeedsFull) {
  write_sample_corpus(corpus());
  {
    Xapian::WritableDatabase db(index().string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
    db.add_document(Xapian::Document());
    db.commit();
  }
  const CommandResult r = vnindex();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("schema version 999"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--full"), std::string::npos) << r.err;
  EXPECT_EQ(summary({"--full"})["documents"], 5);
}

TEST_F(IndexerTest, RefusesToWriteIntoAFolderThatIsNotAnIndex) {
  write_sample_corpus(corpus());
  write_file(index() / "luan-van.doc", "quan trọng");
  const CommandResult r = vnindex();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a Xapian database"), std::string::npos) << r.err;
}

TEST_F(IndexerTest, MissingCorpusIsAFatalError) {
  const CommandResult r = vnindex();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("vnindex: error: corpus folder"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(index()));
}

TEST_F(IndexerTest, DefaultIndexLocationComesFromTheEnvironment) {
  write_sample_corpus(corpus());
  const fs::path env_index = dir_.path() / "tu-bien-moi-truong";
  const CommandResult r =
      run_command({VNINDEX_BIN, corpus().string(), "-q"}, "", {{"VNSEARCH_INDEX", env_index}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Xapian::Database(env_index.string()).get_doccount(), 5u);
}

TEST_F(IndexerTest, VersionHelpAndUsageErrors) {
  CommandResult r = run_command({VNINDEX_BIN, "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("vnindex ", 0), 0u);
  r = run_command({VNINDEX_BIN, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* text : {"--jobs", "--no-delete", "--full", "--include", "--exclude",
                           "--max-file-size", "32M", "--json", "Exit status", "VNSEARCH_INDEX"}) {
    EXPECT_NE(r.out.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(run_command({VNINDEX_BIN}).exit_code, 2);
  EXPECT_EQ(run_command({VNINDEX_BIN, "a", "b"}).exit_code, 2);
  EXPECT_EQ(run_command({VNINDEX_BIN, "--bogus", "a"}).exit_code, 2);
  EXPECT_EQ(run_command({VNINDEX_BIN, "a", "--max-file-size", "12X"}).exit_code, 2);
}

// ---- Crash safety ------------------------------------------------------------------------

TEST_F(IndexerTest, KillDashNineLeavesAUsableIndexThatTheNextRunCompletes) {
  constexpr int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i) {
    write_file(corpus() / ("muc-" + std::to_string(i % 10)) / ("tin-" + std::to_string(i) + ".txt"),
               "Bản tin số " + std::to_string(i) + "\n\nNgười dân xã " + std::to_string(i) +
                   " thu hoạch lúa, cà phê và hồ tiêu trong mùa khô năm nay.\n");
  }
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string corpus_dir = corpus().string(), index_dir = index().string();
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(VNINDEX_BIN, VNINDEX_BIN, corpus_dir.c_str(), "-d", index_dir.c_str(), "-q",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for a first commit, then kill in the middle of the run.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  Xapian::doccount committed = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      committed = Xapian::Database(index().string()).get_doccount();
    } catch (const Xapian::Error&) {
    }
    if (committed > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_GT(committed, 0u) << "no commit seen";
  if (WIFEXITED(status)) GTEST_SKIP() << "vnindex finished before it could be killed";

  const CommandResult check = run_command({"/usr/bin/xapian-check", index().string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_GE(doc_count(), committed);
  EXPECT_LT(doc_count(), static_cast<Xapian::doccount>(kFiles));

  const nlohmann::json s = summary();
  EXPECT_EQ(s["documents"], kFiles);
  EXPECT_EQ(s["added"].get<int>() + s["unchanged"].get<int>(), kFiles);
  EXPECT_EQ(summary()["unchanged"], kFiles);
}

}  // namespace
}  // namespace vnsearch
