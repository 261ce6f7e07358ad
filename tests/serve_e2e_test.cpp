// @brief End-to-end tests of `vnsearch serve`: the handlers over a real index
// of corpus/ plus hostile and duplicate articles (status codes, escaping,
// paging, the API equal to `vnsearch --json`, new index revisions, many
// threads at once), and the binary on a real socket (log lines, clean stop).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "searcher/web/searcher_pool.h"
#include "searcher/web/web_app.h"

#include "test_util.h"

namespace vnsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using searcher::web::HttpRequest;
using searcher::web::HttpResponse;
using searcher::web::WebApp;

const char* const kHostileArticle =
    "# title = <script>alert(1)</script> \"quoted\" & <b>bold\n"
    "# url = javascript:alert(2)\n"
    "# date = 20210304\n"
    "# source = \"><img src=x onerror=alert(3)>\n"
    "# category = Thời sự\n"
    "Bài xyzzyhostile có <script>alert(4)</script> trong thân bài, và cả </div><iframe>.\n";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// The hostile article's markup must never reach a page as markup.
void expect_no_hostile_markup(const std::string& body) {
  for (const char* element : {"<script", "<img", "<iframe"}) {
    EXPECT_FALSE(contains(body, element)) << element << " in\n" << body;
  }
}

/// The corpus of the repository, plus a hostile article and an exact copy
/// of one article, indexed once per suite.
class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    fs::copy(fs::path(VNSEARCH_SOURCE_DIR) / "corpus", corpus(), fs::copy_options::recursive);
    write_file(corpus() / "thoi-su" / "hostile.txt", kHostileArticle);
    fs::copy_file(corpus() / "thoi-su" / "ket-nap-dang-vien-kon-tum.txt",
                  corpus() / "thoi-su" / "ket-nap-dang-vien-kon-tum-copy.txt");
    const CommandResult r =
        run_command({VNINDEX_BIN, "-q", corpus().string(), "-d", index().string()});
    ASSERT_LE(r.exit_code, 1) << r.err;
    app_ = new WebApp(searcher::IndexLocations{{index().string()}, {}, false});
  }
  static void TearDownTestSuite() {
    delete app_;
    delete dir_;
  }
  static fs::path corpus() { return dir_->path() / "corpus"; }
  static fs::path index() { return dir_->path() / "index"; }
  /// What `vnsearch --count` says, so that pages are checked against the CLI
  /// whatever articles corpus/ gains.
  static std::string cli_count(const std::string& query) {
    std::string out = run_command({VNSEARCH_BIN, "-d", index().string(), "--count", query}).out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  static HttpResponse get(const std::string& target, const std::string& method = "GET") {
    HttpRequest request;
    request.method = method;
    const size_t question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    return app_->handle(request);
  }

  static TempDir* dir_;
  static WebApp* app_;
};

TempDir* ServeTest::dir_ = nullptr;
WebApp* ServeTest::app_ = nullptr;

TEST_F(ServeTest, HomePageAndStylesheet) {
  const HttpResponse home = get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_TRUE(contains(home.body, "<html lang=\"vi\">"));
  const std::string documents = std::to_string(Xapian::Database(index().string()).get_doccount());
  EXPECT_TRUE(contains(home.body, "Tìm trong " + documents + " bài báo")) << home.body;
  EXPECT_EQ(home.content_type, "text/html; charset=utf-8");
  bool csp = false;
  for (const auto& [name, value] : home.headers) csp |= name == "Content-Security-Policy";
  EXPECT_TRUE(csp);
  const HttpResponse css = get("/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
}

TEST_F(ServeTest, SearchPageShowsMarkedPassagesFacetsAndCopies) {
  const HttpResponse page = get("/search?q=dang+vien");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<mark>đảng</mark> <mark>viên</mark>"));
  const std::string matches = cli_count("dang vien");
  ASSERT_GT(std::stoi(matches), 10);  // two pages
  EXPECT_TRUE(contains(page.body, "Kết quả 1–10 trong " + matches + " bài")) << page.body;
  EXPECT_TRUE(contains(page.body, "href=\"/search?q=dang%20vien&amp;source=kontumtv.vn\""));
  EXPECT_TRUE(contains(page.body, "href=\"/search?q=dang%20vien&amp;year=2020\""));
  EXPECT_TRUE(contains(page.body, "+1 bản sao"));  // the copy, collapsed into its hit
  EXPECT_TRUE(contains(page.body, "href=\"/search?q=dang%20vien&amp;page=2\" rel=\"next\""));

  const HttpResponse filtered = get("/search?q=dang+vien&source=kontumtv.vn");
  ASSERT_EQ(filtered.status, 200);
  const std::string from_source = cli_count("dang vien source:kontumtv.vn");
  EXPECT_TRUE(
      contains(filtered.body, "Kết quả 1–" + from_source + " trong " + from_source + " bài"))
      << filtered.body;
  EXPECT_TRUE(contains(filtered.body, "Nguồn: <strong>kontumtv.vn</strong>"));
  // The filter rides along in the form, so that a new query keeps it.
  EXPECT_TRUE(contains(filtered.body, "name=\"source\" value=\"kontumtv.vn\""));
}

TEST_F(ServeTest, Paging) {
  const HttpResponse second = get("/search?q=dang+vien&page=2");
  ASSERT_EQ(second.status, 200);
  const std::string matches = cli_count("dang vien");
  ASSERT_GT(std::stoi(matches), 10);
  ASSERT_LE(std::stoi(matches), 20);  // the second page is the last
  EXPECT_TRUE(contains(second.body, "Kết quả 11–" + matches + " trong " + matches + " bài"))
      << second.body;
  EXPECT_TRUE(contains(second.body, "<ol class=\"hits\" start=\"11\">"));
  EXPECT_TRUE(contains(second.body, "rel=\"prev\""));
  EXPECT_FALSE(contains(second.body, "rel=\"next\""));
  const HttpResponse past = get("/search?q=dang+vien&page=1000");
  EXPECT_EQ(past.status, 200);
  EXPECT_TRUE(contains(past.body, "Không còn kết quả ở trang 1000"));
  for (const char* bad : {"/search?q=a&page=0", "/search?q=a&page=-1", "/search?q=a&page=1001",
                          "/search?q=a&page=99999999999999999999999", "/search?q=a&page=2.5"}) {
    const HttpResponse r = get(bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_TRUE(contains(r.body, "page")) << bad;
  }
}

TEST_F(ServeTest, SortAndDateRange) {
  const HttpResponse by_date = get("/search?q=da+nang&sort=date&from=2020&to=2021-06");
  ASSERT_EQ(by_date.status, 200);
  EXPECT_TRUE(contains(by_date.body, "<strong>mới nhất</strong>"));
  EXPECT_TRUE(contains(by_date.body, "Từ ngày: <strong>2020</strong>"));
  std::vector<std::string> dates;
  const std::regex meta_date("<p class=\"meta\">[^<]*?(\\d{4}-\\d{2}-\\d{2})");
  for (auto it = std::sregex_iterator(by_date.body.begin(), by_date.body.end(), meta_date);
       it != std::sregex_iterator(); ++it) {
    dates.push_back((*it)[1]);
  }
  ASSERT_FALSE(dates.empty());
  for (const std::string& date : dates) {
    EXPECT_GE(date, "2020-01-01");
    EXPECT_LE(date, "2021-06-30");
  }
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
  EXPECT_EQ(get("/search?q=a&from=2021&to=2020").status, 400);
  EXPECT_EQ(get("/search?q=a&from=hôm+qua").status, 400);
}

TEST_F(ServeTest, HostileArticleIsShownAsText) {
  const HttpResponse page = get("/search?q=xyzzyhostile");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body,
                       "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; "
                       "&amp; &lt;b&gt;bold"))
      << page.body;
  expect_no_hostile_markup(page.body);

  const HttpResponse article = get("/article?path=thoi-su%2Fhostile.txt&q=xyzzyhostile");
  ASSERT_EQ(article.status, 200);
  expect_no_hostile_markup(article.body);
  EXPECT_FALSE(contains(article.body, "href=\"javascript"));
  EXPECT_TRUE(contains(article.body, "<mark id=\"m1\">xyzzyhostile</mark>"));

  // A query that is itself markup comes back escaped in the form.
  expect_no_hostile_markup(get("/search?q=%22%3E%3Cscript%3Ealert(5)%3C%2Fscript%3E").body);
}

TEST_F(ServeTest, ArticleViewByPathOrIdOnlyFromTheIndex) {
  const HttpResponse article =
      get("/article?path=thoi-su%2Fket-nap-dang-vien-kon-tum.txt&q=dang+vien");
  ASSERT_EQ(article.status, 200);
  EXPECT_TRUE(contains(article.body, "<h1>Kon Tum kết nạp hơn 300 <mark>đảng</mark>"));
  EXPECT_TRUE(contains(article.body, "<mark id=\"m1\">"));
  EXPECT_TRUE(contains(article.body, "<dt>Nguồn</dt><dd>kontumtv.vn</dd>"));
  EXPECT_TRUE(contains(article.body, "Bản sao, giống hệt hoặc gần giống (1)"));
  EXPECT_TRUE(contains(article.body, "ket-nap-dang-vien-kon-tum-copy.txt"));
  // More like this: the articles `vnsearch --like` lists, the copy left out.
  const std::string more = article.body.substr(article.body.find("id=\"more-like-this\""));
  EXPECT_TRUE(contains(more, "Bài tương tự")) << article.body;
  EXPECT_FALSE(contains(more, "ket-nap-dang-vien-kon-tum-copy.txt"));
  EXPECT_TRUE(contains(article.body, "href=\"https://kontumtv.vn/"));

  EXPECT_EQ(get("/article?id=1").status, 200);
  EXPECT_EQ(get("/article?id=100000").status, 404);
  EXPECT_EQ(get("/article?path=..%2F..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(get("/article?path=%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(get("/article").status, 400);
  EXPECT_EQ(get("/article?id=0").status, 400);
  EXPECT_EQ(get("/article?id=-1").status, 400);
  EXPECT_EQ(get("/article?id=1&path=x").status, 400);
}

TEST_F(ServeTest, BadRequests) {
  EXPECT_EQ(get("/search?q=%FF%FE").status, 400);
  EXPECT_EQ(get("/search?q=%").status, 400);
  EXPECT_EQ(get("/search?q=" + std::string(3000, 'a')).status, 400);
  EXPECT_EQ(get("/search?q=" + std::string(5000, 'a')).status, 400);
  EXPECT_EQ(get("/search?q=a&q=b").status, 400);
  EXPECT_EQ(get("/search?q=date:2020-99").status, 400);
  EXPECT_EQ(get("/nothing-here").status, 404);
  EXPECT_EQ(get("/../etc/passwd").status, 404);
  const HttpResponse post = get("/search?q=a", "POST");
  EXPECT_EQ(post.status, 405);
}

/// The records of `vnsearch --json ARGS`, summaries without their timing.
std::vector<json> cli_records(const std::vector<std::string>& args, const fs::path& index) {
  std::vector<std::string> argv = {VNSEARCH_BIN, "-d", index.string(), "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult r = run_command(argv);
  EXPECT_LE(r.exit_code, 1) << r.err;
  std::vector<json> records;
  for (const std::string& line : lines(r.out)) {
    json record = json::parse(line);
    record.erase("ms");
    records.push_back(record);
  }
  return records;
}

std::vector<json> api_records(const std::string& body) {
  std::vector<json> records;
  for (const std::string& line : lines(body)) {
    json record = json::parse(line);
    record.erase("ms");
    records.push_back(record);
  }
  return records;
}

TEST_F(ServeTest, ApiSearchEqualsCliJson) {
  const struct {
    std::string params;
    std::vector<std::string> cli;
  } cases[] = {
      {"q=dang+vien", {"dang vien"}},
      {"q=%C4%91%C3%A0+n%E1%BA%B5ng&limit=3&offset=2",
       {"--limit", "3", "--offset", "2", "đà nẵng"}},
      {"q=ha+noi&sort=date&facets=source,year&passages=1&passage_length=80",
       {"--sort", "date", "--facets", "source,year", "--passages", "1", "--passage-length", "80",
        "ha noi"}},
      {"q=thi+truong&accents=loose&from=2020&to=2023-06",
       {"--accents", "loose", "--from", "2020", "--to", "2023-06", "thi truong"}},
      {"q=kinh*+-chelsea", {"kinh* -chelsea"}},
      {"q=xyzzyhostile", {"xyzzyhostile"}},
      {"q=khongcotu", {"khongcotu"}},
  };
  for (const auto& c : cases) {
    const HttpResponse response = get("/api/search?" + c.params);
    EXPECT_EQ(response.status, 200) << c.params << response.body;
    EXPECT_EQ(response.content_type, "application/x-ndjson; charset=utf-8");
    const std::vector<json> api = api_records(response.body);
    const std::vector<json> cli = cli_records(c.cli, index());
    ASSERT_FALSE(cli.empty()) << c.params;
    ASSERT_EQ(api.size(), cli.size()) << c.params;
    for (size_t i = 0; i < api.size(); ++i) {
      // Same fields in the same order: the serialised text is equal.
      EXPECT_EQ(api[i].dump(), cli[i].dump()) << c.params;
    }
  }
}

TEST_F(ServeTest, ApiErrors) {
  const HttpResponse no_query = get("/api/search");
  EXPECT_EQ(no_query.status, 400);
  EXPECT_EQ(json::parse(no_query.body)["type"], "error");
  for (const char* bad : {"/api/search?q=a&limit=-1", "/api/search?q=a&limit=10001",
                          "/api/search?q=a&offset=99999999999999999999", "/api/search?q=a&sort=x",
                          "/api/search?q=a&facets=author", "/api/search?q=%C3"}) {
    const HttpResponse r = get(bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(json::parse(lines(r.body).at(0))["type"], "error") << bad;
  }
  const HttpResponse unreadable = get("/api/search?q=date:2020-99");
  EXPECT_EQ(unreadable.status, 400);
  const json record = json::parse(lines(unreadable.body).at(0));
  EXPECT_EQ(record["type"], "error");
  EXPECT_EQ(record["query"], "date:2020-99");

  const HttpResponse health = get("/api/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["documents"],
            Xapian::Database(index().string()).get_doccount());
}

TEST_F(ServeTest, ManyThreadsAtOnce) {
  // Each request leases its own Searcher: no Xapian object is shared.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&failures, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string target = (t + i) % 2
                                       ? "/search?q=dang+vien&page=" + std::to_string(i % 2 + 1)
                                       : "/api/search?q=ha+noi&facets=source";
        if (get(target).status != 200) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
}

TEST(ServeRevisionTest, PicksUpANewIndexRevisionWithoutRestart) {
  TempDir dir;
  write_file(dir.path() / "corpus" / "a.txt", "# title = Bài thứ nhất\nMột bài về thành phố.\n");
  const auto index = [&](bool full) {
    std::vector<std::string> argv = {VNINDEX_BIN, "-q", (dir.path() / "corpus").string(), "-d",
                                     (dir.path() / "index").string()};
    if (full) argv.push_back("--full");
    const CommandResult r = run_command(argv);
    ASSERT_LE(r.exit_code, 1) << r.err;
  };
  index(false);
  WebApp app(searcher::IndexLocations{{(dir.path() / "index").string()}, {}, false});
  const auto matches = [&](const std::string& word) {
    const HttpResponse r = app.handle({"GET", "/api/search", "q=" + word});
    return json::parse(lines(r.body).back())["matches"].get<int>();
  };
  EXPECT_EQ(matches("thanh+pho"), 1);
  EXPECT_EQ(matches("quyetdinh"), 0);

  write_file(dir.path() / "corpus" / "b.txt", "# title = Bài thứ hai\nMột quyetdinh mới.\n");
  index(false);  // an incremental run: a new revision of the same database
  EXPECT_EQ(matches("quyetdinh"), 1);

  write_file(dir.path() / "corpus" / "c.txt", "# title = Bài thứ ba\nMột quyetdinh nữa.\n");
  index(true);  // --full: a new database swapped in for the old folder
  EXPECT_EQ(matches("quyetdinh"), 2);
}

TEST(SearcherPoolTest, LendsOneSearcherPerRequestAndClosesStaleOnes) {
  TempDir dir;
  write_file(dir.path() / "corpus" / "a.txt", "# title = Một\nMột bài.\n");
  const std::vector<std::string> index = {VNINDEX_BIN, "-q", (dir.path() / "corpus").string(), "-d",
                                          (dir.path() / "index").string()};
  ASSERT_LE(run_command(index).exit_code, 1);
  searcher::web::SearcherPool pool(searcher::IndexLocations{{index.back()}, {}, false});
  EXPECT_EQ(pool.idle(), 1U);  // opened at start-up
  {
    const auto first = pool.acquire();
    const auto second = pool.acquire();  // at the same time: another Searcher
    EXPECT_NE(&*first, &*second);
    EXPECT_EQ(pool.idle(), 0U);
  }
  EXPECT_EQ(pool.idle(), 2U);
  write_file(dir.path() / "corpus" / "b.txt", "# title = Hai\nHai bài.\n");
  ASSERT_LE(run_command(index).exit_code, 1);
  const auto fresh = pool.acquire();
  EXPECT_EQ(pool.idle(), 0U);  // both of the old revision closed
  EXPECT_EQ(fresh->documents(), 2U);
}

/// `vnsearch serve` as a child process, its stderr read line by line.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args) {
    int err_pipe[2];
    if (pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(err_pipe[1], 2);
      close(err_pipe[0]);
      close(err_pipe[1]);
      std::vector<std::string> argv = {VNSEARCH_BIN, "serve"};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> raw;
      for (std::string& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      execv(raw[0], raw.data());
      _exit(127);
    }
    close(err_pipe[1]);
    err_fd_ = err_pipe[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(err_fd_);
  }
  /// Reads stderr until a line holding `text`; returns that line, or ""
  /// at the end of the output.
  std::string read_until(const std::string& text) {
    for (;;) {
      const size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        log_ += line + '\n';
        if (contains(line, text)) return line;
        continue;
      }
      char chunk[4096];
      const ssize_t n = read(err_fd_, chunk, sizeof chunk);
      if (n <= 0) return "";
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
  /// Reads the rest of stderr, to its end (the process has stopped).
  void read_to_end() { read_until(std::string(1, '\n')); }  // no line holds one
  /// Sends `signal_number` and returns the exit status.
  int stop(int signal_number) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal_number);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  const std::string& log() const { return log_; }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string buffer_, log_;
};

TEST_F(ServeTest, ServesOnASocketLogsAndStopsCleanly) {
  for (const int signal_number : {SIGTERM, SIGINT}) {
    ServeProcess server({"-d", index().string(), "--listen", "127.0.0.1:0"});
    const std::string started = server.read_until("serving on");
    ASSERT_FALSE(started.empty()) << server.log();
    const size_t port_at = started.find("127.0.0.1:") + 10;
    const int port = std::stoi(started.substr(port_at));
    httplib::Client client("127.0.0.1", port);
    client.set_url_encode(false);  // the targets below are sent as written
    const httplib::Result health = client.Get("/api/health");
    ASSERT_TRUE(health) << server.log();
    EXPECT_EQ(health->status, 200);
    const httplib::Result page = client.Get("/search?q=dang+vien");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<mark>đảng</mark>"));
    const httplib::Result bad = client.Get("/search?q=%FF");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    // Stopped first, then its whole log read: a missing line fails, never waits.
    EXPECT_EQ(server.stop(signal_number), 0) << server.log();
    server.read_to_end();
    EXPECT_TRUE(contains(server.log(), "GET /api/health 200 ")) << server.log();
    EXPECT_TRUE(contains(server.log(), "GET /search?q=dang+vien 200 ")) << server.log();
    EXPECT_TRUE(contains(server.log(), "GET /search?q=%FF 400 ")) << server.log();
    // A request logged after the signal was under way: it was finished first.
    EXPECT_TRUE(contains(server.log(), "stopping\n")) << server.log();
    const std::string last = "vnsearch: stopped\n";
    EXPECT_EQ(server.log().substr(server.log().size() - std::min(server.log().size(), last.size())),
              last);
  }
}

TEST_F(ServeTest, CommandLine) {
  const CommandResult help = run_command({VNSEARCH_BIN, "serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(contains(help.out, "no authentication"));
  EXPECT_TRUE(contains(help.out, "--listen"));
  EXPECT_EQ(run_command({VNSEARCH_BIN, "serve", "--listen", "nowhere"}).exit_code, 2);
  EXPECT_EQ(run_command({VNSEARCH_BIN, "serve", "--bogus"}).exit_code, 2);
  const CommandResult missing =
      run_command({VNSEARCH_BIN, "serve", "-d", (dir_->path() / "none").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(contains(missing.err, "no index at")) << missing.err;
  // Bash completion offers every option of `vnsearch serve --help`.
  const std::string completion =
      read_file(std::string(VNSEARCH_SOURCE_DIR) + "/packaging/bash-completion/vnsearch");
  const std::string serve_block = completion.substr(completion.find("== serve"));
  // Boost lists an option as "  -d [ --index ] DIR" or "  --listen HOST:PORT".
  const std::regex long_option("\n  (?:-[a-zA-Z] \\[ )?(--[a-z][a-z-]*)");
  size_t options = 0;
  for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), long_option);
       it != std::sregex_iterator(); ++it, ++options) {
    const std::string option = (*it)[1];
    EXPECT_TRUE(std::regex_search(serve_block, std::regex(option + "( |')")))
        << option << " is not completed";
  }
  EXPECT_GE(options, 6U);
  // The main help names the subcommand.
  EXPECT_TRUE(contains(run_command({VNSEARCH_BIN, "--help"}).out, "vnsearch serve"));
}

}  // namespace
}  // namespace vnsearch::testing
