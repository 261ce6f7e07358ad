// @brief Ranking and matching on small indexes built with DocumentBuilder:
// folding, exact accents, adjacency, all words first, title boost, filters,
// query operators, collapsing, the dominant reading, and one golden ranking.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/copy_groups.h"
#include "indexer/document_builder.h"
#include "searcher/block_cache.h"
#include "searcher/output.h"
#include "searcher/query.h"
#include "searcher/query_compiler.h"
#include "searcher/ranking.h"
#include "searcher/reading.h"
#include "searcher/searcher.h"
#include "test_util.h"

namespace vnsearch::searcher {
namespace {

using schema::DocumentData;
using testing::TempDir;

DocumentData article(std::string path, std::string title, std::string text,
                     std::string date = "2020-05-01", std::string source = "baomoi.com",
                     std::string category = "xã hội") {
  DocumentData d;
  d.path = std::move(path);
  d.title = std::move(title);
  d.text = std::move(text);
  d.date = std::move(date);
  d.source = std::move(source);
  d.category = std::move(category);
  d.url = "https://example.vn/" + d.path;
  return d;
}

// Builds an index of `docs` (docids in order) under `dir`.
void build_index(const std::string& dir, const std::vector<DocumentData>& docs) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  indexer::DocumentBuilder builder;
  for (const DocumentData& d : docs) {
    db.replace_document(schema::id_term(d.path), builder.build(d, "stamp"));
  }
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kMetaLastUpdate), "2024-01-02T03:04:05Z");
  db.set_metadata(std::string(schema::kMetaCorpusRoot), "/corpus");
  db.commit();
  indexer::update_copy_groups({&db});  // as vnindex does after writing
}

class SearchTest : public ::testing::Test {
 protected:
  void index(const std::vector<DocumentData>& docs) {
    build_index(dir_.path().string(), docs);
    searcher_ = std::make_unique<Searcher>(dir_.path().string());
  }

  SearchResult search(const std::string& query, SearchRequest request = {}) {
    request.query = query;
    return searcher_->search(request);
  }

  std::vector<std::string> paths(const std::string& query, SearchRequest request = {}) {
    std::vector<std::string> out;
    for (const Hit& h : search(query, request).hits) out.push_back(h.doc.path);
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

using Paths = std::vector<std::string>;

TEST_F(SearchTest, AccentedAndUnaccentedQueriesFindTheSameArticle) {
  index({article("a.txt", "Kết nạp đảng viên mới", "Chi bộ kết nạp hai đảng viên trẻ."),
         article("b.txt", "Thời tiết", "Trời mưa to ở Hà Nội.")});
  EXPECT_EQ(paths("đảng viên"), Paths{"a.txt"});
  EXPECT_EQ(paths("dang vien"), Paths{"a.txt"});
  EXPECT_EQ(paths("ĐẢNG VIÊN"), Paths{"a.txt"});
  EXPECT_EQ(paths("ha noi"), Paths{"b.txt"});
}

TEST_F(SearchTest, NfdAndOldStyleTonesBehaveLikeNfcNewStyle) {
  index({article("a.txt", "Hòa bình", "Khát vọng hòa bình và thủy lợi."),
         article("b.txt", "Hoà giải", "Hoà giải ở cơ sở, thuỷ sản."),
         article("c.txt", "Khác", "Không liên quan.")});
  const SearchResult nfc = search("hòa thủy");
  ASSERT_EQ(nfc.hits.size(), 2u);
  for (const std::string q : {"hoà thuỷ",
                              "ho\xCC\x80"
                              "a thu\xCC\x89y"}) {
    const SearchResult other = search(q);
    ASSERT_EQ(other.hits.size(), nfc.hits.size()) << q;
    for (size_t i = 0; i < nfc.hits.size(); ++i) {
      EXPECT_EQ(other.hits[i].doc.path, nfc.hits[i].doc.path) << q;
      EXPECT_DOUBLE_EQ(other.hits[i].score, nfc.hits[i].score) << q;
    }
  }
}

TEST_F(SearchTest, FinalYAndISpellingsAreOneWord) {
  index({article("a.txt", "Bác sĩ giỏi", "Kĩ thuật mổ mới của bác sĩ."),
         article("b.txt", "Bác sỹ trẻ", "Kỹ thuật chẩn đoán của bác sỹ."),
         article("c.txt", "Tay nghề", "Bàn tay khéo léo."),
         article("d.txt", "Thính giác", "Đôi tai thính.")});
  for (const std::string q : {"bác sỹ kỹ thuật", "bác sĩ kĩ thuật", "bac sy ky thuat"}) {
    const SearchResult result = search(q);
    ASSERT_EQ(result.hits.size(), 2u) << q;
    EXPECT_DOUBLE_EQ(result.hits[0].score, result.hits[1].score) << q;
  }
  // y in a vowel cluster stays y: tay (hand) is not tai (ear).
  EXPECT_EQ(paths("tai"), Paths{"d.txt"});
  EXPECT_EQ(paths("tay"), Paths{"c.txt"});
}

TEST_F(SearchTest, TypedAccentsMatchOnlyTheirOwnForm) {
  index(
      {article("duong-pho.txt", "Làng Dương Phố", "Dương Phố là một làng cổ."),
       article("đường-phố.txt", "Đường phố sạch đẹp", "Đường phố Hà Nội được quét dọn sạch sẽ.")});
  EXPECT_EQ(paths("đường phố"), Paths{"đường-phố.txt"});
  EXPECT_EQ(paths("dương phố"), Paths{"duong-pho.txt"});
  // Without accents, every form; one word typed without them, every form too.
  EXPECT_EQ(paths("duong pho").size(), 2u);
  EXPECT_EQ(paths("duong").size(), 2u);
  EXPECT_EQ(paths("duong phố").size(), 2u);
  EXPECT_EQ(paths("ĐƯỜNG PHỐ"), Paths{"đường-phố.txt"});
}

TEST_F(SearchTest, LooseAccentsMatchEveryFormAndRankTheTypedOneFirst) {
  // The Dương Phố article comes first by docid and is shorter, so only the
  // exact-accent boost can put the Đường phố one above it.
  index(
      {article("duong-pho.txt", "Làng Dương Phố", "Dương Phố là một làng cổ."),
       article("đường-phố.txt", "Đường phố sạch đẹp", "Đường phố Hà Nội được quét dọn sạch sẽ.")});
  SearchRequest loose;
  loose.exact_accents = false;
  EXPECT_EQ(paths("đường phố", loose), (Paths{"đường-phố.txt", "duong-pho.txt"}));
  EXPECT_EQ(paths("dương phố", loose), (Paths{"duong-pho.txt", "đường-phố.txt"}));
}

TEST_F(SearchTest, AccentMinimalPairsMatchCountAndHighlightOnlyTheirForm) {
  index({article("bao.txt", "Cơn bão số 5", "Bão số 5 đổ bộ. Người dân chằng chống nhà cửa."),
         article("bao-chi.txt", "Ngày báo chí", "Các tờ báo đưa tin về ngày báo chí."),
         article("bao-ve.txt", "Bảo vệ rừng", "Bảo vệ rừng đầu nguồn là việc của mọi người."),
         article("gia.txt", "Giá xăng tăng", "Giá xăng dầu tăng từ chiều nay."),
         article("gia-dinh.txt", "Gia đình", "Gia đình trẻ tặng quà cho hàng xóm.")});
  SearchRequest count;
  count.count_only = true;
  EXPECT_EQ(search("bão", count).matches, 1u);
  EXPECT_EQ(search("báo", count).matches, 1u);
  EXPECT_EQ(search("bao", count).matches, 3u);
  EXPECT_EQ(paths("giá"), Paths{"gia.txt"});
  EXPECT_EQ(paths("gia").size(), 2u);
  EXPECT_EQ(paths("tăng"), Paths{"gia.txt"});
  EXPECT_EQ(paths("tặng"), Paths{"gia-dinh.txt"});
  // Highlights: only bão for bão, every form for bao.
  const auto highlighted = [](const Snippet& s) {
    std::vector<std::string> words;
    for (const auto& [a, b] : s.highlights) words.push_back(s.text.substr(a, b - a));
    return words;
  };
  const SearchResult storm = search("bão");
  ASSERT_EQ(storm.hits.size(), 1u);
  EXPECT_EQ(highlighted(storm.hits[0].title), std::vector<std::string>{"bão"});
  EXPECT_EQ(highlighted(storm.hits[0].passages.at(0)), std::vector<std::string>{"Bão"});
  for (const Hit& hit : search("bao").hits) {
    for (const std::string& word : highlighted(hit.title)) {
      EXPECT_TRUE(word == "bão" || word == "báo" || word == "Bảo") << word;
    }
  }
}

TEST_F(SearchTest, AccentedPhrasesAndPairsAreExactNotJustTheirWordsSomewhere) {
  // Both hold thị and trưởng and the folded pair "thi truong"; only one
  // holds thị trưởng (mayor).
  index({article("market.txt", "Thị trường",
                 "Bộ trưởng nói về thị trường lao động. Giá trên thị trường tăng."),
         article("mayor.txt", "Tin thế giới", "Thị trưởng thành phố gặp người dân.")});
  EXPECT_EQ(paths("\"thị trưởng\""), Paths{"mayor.txt"});
  EXPECT_EQ(paths("\"thị trường\""), Paths{"market.txt"});
  EXPECT_EQ(paths("\"thi truong\"").size(), 2u);
  // Unquoted, both hold both words; the one with them side by side first.
  EXPECT_EQ(paths("thị trưởng"), (Paths{"mayor.txt", "market.txt"}));
}

TEST_F(SearchTest, QuotedPhrasesHighlightTheirOccurrencesOnly) {
  index({article("ho.txt", "Hố tử thần",
                 "Một hố tử thần xuất hiện giữa phố. Từ sáng, người dân tránh hố nước bên "
                 "cạnh; tử tế và bình thản.")});
  const SearchResult r = search("\"hố tử thần\"");
  ASSERT_EQ(r.hits.size(), 1u);
  std::vector<std::string> words;
  for (const Snippet& passage : r.hits[0].passages) {
    for (const auto& [a, b] : passage.highlights) words.push_back(passage.text.substr(a, b - a));
  }
  EXPECT_EQ(words, (std::vector<std::string>{"hố", "tử", "thần"}));
}

TEST_F(SearchTest, EveryHitOfAPageHasTheSnippetsOneMakerMakesAlone) {
  // Each hit of a page, first or last, has the title and passages of its
  // own text, as one SnippetMaker makes them alone.
  std::vector<DocumentData> articles;
  for (int i = 0; i < 7; ++i) {
    const std::string n = std::to_string(i);
    articles.push_back(article("bao-" + n + ".txt", "Bão số " + n + " đổ bộ",
                               "Tin số " + n + ". Gió mạnh cấp " + n + ". Cơn bão số " + n +
                                   " đã đổ bộ vào đất liền chiều nay, mưa lớn kéo dài."));
  }
  index(articles);
  for (size_t limit : {1, 3, 7}) {
    SearchRequest request;
    request.limit = limit;
    const SearchResult result = search("bão đổ bộ", request);
    ASSERT_EQ(result.hits.size(), limit);
    SnippetMaker alone;
    text::Analyzer analyzer;
    const HighlightQuery highlight = HighlightQuery::from(parse_query("bão đổ bộ", &analyzer));
    for (const Hit& hit : result.hits) {
      EXPECT_EQ(hit.title, alone.highlight(hit.doc.title, highlight)) << hit.doc.path;
      const std::vector<Snippet> passages = alone.passages(hit.doc.text, highlight, {});
      ASSERT_FALSE(passages.empty());
      EXPECT_EQ(hit.passages, passages) << hit.doc.path;
    }
  }
}

TEST_F(SearchTest, ExactCountsDoNotDependOnLimitOrOffset) {
  std::vector<DocumentData> articles;
  for (int i = 0; i < 30; ++i) {
    articles.push_back(article("tin-" + std::to_string(i) + ".txt", "Tin " + std::to_string(i),
                               "Giá lúa hôm nay số " + std::to_string(i) + " tăng nhẹ."));
  }
  index(articles);
  for (size_t limit : {0, 1, 10, 50}) {
    for (size_t offset : {0, 5, 40}) {
      SearchRequest request;
      request.limit = limit;
      request.offset = offset;
      const SearchResult r = search("giá lúa", request);
      EXPECT_EQ(r.matches, 30u) << limit << " " << offset;
      EXPECT_FALSE(r.matches_estimated);
    }
  }
}

// The rescoring reads the window in batches until the page is settled: any
// page must be the same slice of the ranking as one long page shows.
TEST_F(SearchTest, PagesAreSlicesOfOneRankingWhateverTheirSize) {
  std::vector<DocumentData> articles;
  // Short articles with the syllables apart rank first by weight; longer
  // ones with the word itself, deeper and deeper, are lifted over them.
  for (int i = 0; i < 45; ++i) {
    articles.push_back(
        article("rai-rac-" + std::to_string(i) + ".txt", "Tin " + std::to_string(i),
                "Đường thủy mới mở, bưu điện mới xây số " + std::to_string(i) + "."));
  }
  for (int i = 0; i < 30; ++i) {
    std::string text;
    for (int k = 0; k < i; ++k) text += "Người dân trong vùng kể lại chuyện năm ấy. ";
    articles.push_back(article("thuy-dien-" + std::to_string(i) + ".txt",
                               "Bài " + std::to_string(i),
                               text + "Nhà máy thủy điện số " + std::to_string(i) + " phát điện."));
  }
  index(articles);
  for (const std::string query : {"thủy điện", "thuy dien"}) {
    SearchRequest all;
    all.limit = 80;
    const Paths ranking = paths(query, all);
    ASSERT_EQ(ranking.size(), 75u) << query;
    EXPECT_EQ(ranking[0].rfind("thuy-dien-", 0), 0u) << query;
    for (size_t limit : {1, 3, 10}) {
      for (size_t offset = 0; offset < 40; offset += limit) {
        SearchRequest page;
        page.limit = limit;
        page.offset = offset;
        const Paths got = paths(query, page);
        const Paths want(ranking.begin() + static_cast<std::ptrdiff_t>(offset),
                         ranking.begin() + static_cast<std::ptrdiff_t>(offset + limit));
        EXPECT_EQ(got, want) << query << " limit " << limit << " offset " << offset;
      }
    }
  }
}

// Rule 1 lets a word typed without accents match every form; when the
// reader types accents elsewhere in the query, that word's own form is the
// one meant, and it ranks first (`Barca cưa điểm Milan`, `ngày 22/10/2013`).
TEST_F(SearchTest, AWordTypedWithoutAccentsAmongAccentedOnesRanksItsOwnFormFirst) {
  index({article("ban-ra.txt", "Tin một", "Giá lúa gạo được bán ra hôm nay."),
         article("ban-to-chuc.txt", "Tin hai", "Giá vé do ban tổ chức công bố hôm nay.")});
  EXPECT_EQ(paths("giá ban"), (Paths{"ban-to-chuc.txt", "ban-ra.txt"}));
  EXPECT_EQ(paths("giá bán"), (Paths{"ban-ra.txt"}));
}

TEST_F(SearchTest, FewArticlesWithTheTypedAccentsOfferTheLooseSearch) {
  std::vector<DocumentData> articles = {
      article("mot.txt", "Triều Tiền", "Một bài viết sai dấu: Triều Tiền.")};
  for (int i = 0; i < 6; ++i) {
    articles.push_back(article("tin-" + std::to_string(i) + ".txt",
                               "Triều Tiên " + std::to_string(i),
                               "Tin về Triều Tiên số " + std::to_string(i) + "."));
  }
  index(articles);
  const SearchResult typo = search("Triều Tiền");
  EXPECT_EQ(typo.matches, 1u);
  EXPECT_EQ(typo.loose_matches, 7u);
  const SearchResult right = search("Triều Tiên");
  EXPECT_EQ(right.matches, 6u);
  EXPECT_EQ(right.loose_matches, 0u);  // as typed, most of them match
}

TEST_F(SearchTest, AdjacentWordsRankAboveScatteredOnes) {
  index({article("scattered.txt", "Đảng ủy thăm bệnh viện",
                 "Đảng ủy xã đến thăm bệnh viện huyện Gia Viễn. Đảng ủy và bệnh viện cùng "
                 "làm việc với Gia Viễn."),
         article("adjacent.txt", "Tin địa phương", "Chi bộ có thêm một đảng viên trẻ.")});
  EXPECT_EQ(paths("dang vien"), (Paths{"adjacent.txt", "scattered.txt"}));
}

TEST_F(SearchTest, AdjacencyOutweighsMoreScatteredOccurrences) {
  // Both have both words; the scattered one has them more often and first.
  index({article("scattered.txt", "Tin tức",
                 "Giá xăng hôm nay. Vàng bạc đá quý. Giá cả ổn định, vàng ít biến động."),
         article("adjacent.txt", "Tin tức", "Hôm nay giá vàng đi ngang so với hôm qua.")});
  EXPECT_EQ(paths("giá vàng"), (Paths{"adjacent.txt", "scattered.txt"}));
  EXPECT_EQ(paths("gia vang"), (Paths{"adjacent.txt", "scattered.txt"}));
  // In order: "vàng giá" is not the pair "giá vàng".
  EXPECT_EQ(paths("vàng giá").size(), 2u);
}

TEST_F(SearchTest, DocumentsWithEveryWordComeFirst) {
  index({article("two-words.txt", "Giá vàng",
                 "Giá vàng, giá vàng và giá vàng: giá vàng hôm nay giá vàng."),
         article("all-words.txt", "Thị trường",
                 "Hôm nay giá vàng tăng nhẹ so với hôm qua, "
                 "nhiều người quan tâm đến thị trường.")});
  // Every word is required in a short query...
  EXPECT_EQ(paths("giá vàng tăng"), Paths{"all-words.txt"});
  // ...unless no article has them all: then those with some, and a notice.
  const SearchResult some = search("giá vàng tăng mạnh");
  EXPECT_TRUE(some.some_words_only);
  EXPECT_EQ(some.hits.size(), 2u);
  EXPECT_FALSE(search("giá vàng tăng").some_words_only);
}

TEST_F(SearchTest, AQuotedPhraseNoArticleHoldsIsSearchedAsWords) {
  index({article("conte.txt", "Chelsea vô địch",
                 "Conte nhảy một điệu vũ hoang dại khi Chelsea vô địch; cầu thủ dự bị góp công."),
         article("other.txt", "Thời tiết", "Trời mưa to ở Hà Nội.")});
  // A pasted headline quoting words no article holds side by side.
  const SearchResult pasted =
      search("Dự bị giúp Chelsea vô địch, Conte diễn \"vũ điệu hoang dại\"");
  EXPECT_TRUE(pasted.phrases_as_words);
  EXPECT_EQ(pasted.hits.size(), 1u);
  EXPECT_EQ(pasted.hits.at(0).doc.path, "conte.txt");
  // A short one: every word is still required.
  const SearchResult short_query = search("Conte \"vũ điệu\"");
  EXPECT_TRUE(short_query.phrases_as_words);
  EXPECT_FALSE(short_query.some_words_only);
  EXPECT_EQ(short_query.hits.size(), 1u);
  // A phrase an article holds stays a phrase.
  const SearchResult held = search("Conte \"vô địch\"");
  EXPECT_FALSE(held.phrases_as_words);
  EXPECT_EQ(held.hits.size(), 1u);
  EXPECT_EQ(paths("Hà Nội \"vô địch\""), Paths{"conte.txt"});
  EXPECT_FALSE(search("Hà Nội \"vô địch\"").phrases_as_words);
}

TEST_F(SearchTest, ALongQueryMatchesByItsTellingWordsNotItsCommonOnes) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 10; ++i) {
    docs.push_back(
        article("common-" + std::to_string(i) + ".txt", "Đời sống",
                "Người dân của thành phố đi làm lúc " + std::to_string(6 + i) + " giờ mỗi ngày."));
  }
  docs.push_back(
      article("vietlott.txt", "Xổ số", "Một người dân của thành phố trúng giải Vietlott mỗi năm."));
  index(docs);
  // Nine words, five of them in every article: they weigh, but only in the
  // article a telling word matched.
  const SearchResult result = search("người dân của thành phố trúng giải Vietlott năm");
  EXPECT_EQ(result.matches, 1u);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits[0].doc.path, "vietlott.txt");
  // A short query still matches every article holding all its words.
  EXPECT_EQ(search("người dân").matches, 11u);
}

// `sentences` times one plain sentence, none of whose words a test queries:
// the length of a long article.
std::string filler(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) text += "Người dân địa phương làm ăn sinh sống bình thường. ";
  return text;
}

TEST_F(SearchTest, AWordDeepInALongArticleRanksAboveScatteredSyllablesNearTheTop) {
  index({article("scattered.txt", "Thủy sản và bưu điện",
                 "Nghề thủy sản phát triển, bưu điện xã mở thêm điểm giao dịch."),
         article("deep.txt", "Tin địa phương",
                 filler(400) + "Cuối năm, nhà máy thủy điện phát điện.")});
  EXPECT_EQ(paths("thủy điện"), (Paths{"deep.txt", "scattered.txt"}));
  EXPECT_EQ(paths("thuy dien"), (Paths{"deep.txt", "scattered.txt"}));
}

// Articles of random sentences over one vocabulary, so that a long query
// matches most of them, and one article holding the query in a row.
std::vector<DocumentData> random_articles(size_t count, const std::string& planted) {
  const std::vector<std::string> words{
      "nhà",  "máy",   "thủy",   "điện",  "sông", "Đà",   "công", "nhân",  "mùa",   "lũ",
      "xã",   "huyện", "tỉnh",   "đường", "cầu",  "chợ",  "giá",  "lúa",   "gạo",   "cá",
      "biển", "đảo",   "trường", "học",   "sinh", "bệnh", "viện", "bác",   "sĩ",    "thuốc",
      "bão",  "báo",   "mưa",    "gió",   "nắng", "rừng", "núi",  "làng",  "phố",   "xe",
      "tàu",  "ga",    "sân",    "bay",   "bóng", "đá",   "đội",  "tuyển", "thắng", "thua"};
  std::vector<DocumentData> docs;
  uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
  };
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    for (int w = 0; w < 40; ++w) text += words[next() % words.size()] + (w % 8 == 7 ? ". " : " ");
    std::string title = words[next() % words.size()] + " " + words[next() % words.size()];
    docs.push_back(article("random-" + std::to_string(i) + ".txt", title, text));
  }
  docs.push_back(
      article("planted.txt", "Tin địa phương", "Sáng nay, " + planted + " như mọi năm."));
  return docs;
}

// A long query is ranked among candidates (ranking::kLongQueryCandidates):
// the same articles match, each weighs what it weighs in one match, and
// with every match a candidate the ranking is that of one match.
TEST_F(SearchTest, ALongQueryRankedAmongCandidatesRanksAsOneMatchWould) {
  const std::string planted = "công nhân nhà máy thủy điện sông Đà mùa lũ";
  index(random_articles(400, planted));
  SearchRequest one_match;
  one_match.long_query_candidates = 0;
  one_match.limit = 500;
  SearchRequest every_match_a_candidate;
  every_match_a_candidate.long_query_candidates = 1000;
  every_match_a_candidate.limit = 500;
  SearchRequest few_candidates;
  few_candidates.long_query_candidates = 60;
  const std::vector<std::string> queries{planted, "cong nhan nha may thuy dien song Da mua lu",
                                         "giá lúa gạo ở chợ huyện tăng mùa mưa bão"};
  for (const std::string& query : queries) {
    const SearchResult reference = search(query, one_match);
    ASSERT_GT(reference.matches, 100u) << query;  // more matches than candidates
    std::map<std::string, double> score_of;
    for (const Hit& h : reference.hits) score_of[h.doc.path] = h.score;

    const SearchResult all = search(query, every_match_a_candidate);
    EXPECT_EQ(all.matches, reference.matches) << query;
    ASSERT_EQ(all.hits.size(), reference.hits.size()) << query;
    for (size_t i = 0; i < all.hits.size(); ++i) {
      EXPECT_EQ(all.hits[i].doc.path, reference.hits[i].doc.path) << query << " #" << i;
      EXPECT_DOUBLE_EQ(all.hits[i].score, reference.hits[i].score) << query << " #" << i;
    }

    // A page of 10 counts exactly up to ranking::kExactCountUpTo, and
    // estimates past that, within bounds that hold the exact count.
    const SearchResult few = search(query, few_candidates);
    ASSERT_FALSE(reference.matches_estimated) << query;
    EXPECT_EQ(few.matches_estimated, search(query, SearchRequest{}).matches_estimated) << query;
    EXPECT_LE(few.matches_lower, reference.matches) << query;
    EXPECT_GE(few.matches_upper, reference.matches) << query;
    ASSERT_EQ(few.hits.size(), 10u) << query;
    for (size_t i = 0; i < few.hits.size(); ++i) {
      ASSERT_TRUE(score_of.count(few.hits[i].doc.path)) << query << " #" << i;
      EXPECT_DOUBLE_EQ(few.hits[i].score, score_of[few.hits[i].doc.path]) << query << " #" << i;
      if (i > 0) {
        EXPECT_GE(few.hits[i - 1].score, few.hits[i].score) << query << " #" << i;
      }
    }
  }
  // Fewer matches than a page counts exactly: the same count.
  SearchRequest one_match_page;
  one_match_page.long_query_candidates = 0;
  const std::string rare = "sáng nay như mọi năm tin địa phương";
  ASSERT_LT(search(rare, one_match_page).matches, ranking::kExactCountUpTo);
  EXPECT_EQ(search(rare, few_candidates).matches, search(rare, one_match_page).matches);
  EXPECT_FALSE(search(rare, few_candidates).matches_estimated);
  // The article holding the pasted words in a row is a candidate and first.
  EXPECT_EQ(search(planted, few_candidates).hits.at(0).doc.path, "planted.txt");
  EXPECT_EQ(
      search("cong nhan nha may thuy dien song Da mua lu", few_candidates).hits.at(0).doc.path,
      "planted.txt");
}

// What a page shows does not depend on how many hits were asked for: only
// the top of the match (ranking::kRescoreWindow, or for a longer query
// ranking::kLongQueryRescoreWindow) is rescored, whatever the limit, and
// the matches past it follow as matched.
TEST_F(SearchTest, APageIsTheSameWhateverTheLimit) {
  index(random_articles(400, "tin vắn"));
  SearchRequest many;
  many.limit = 150;
  for (const std::string& query : {std::string("giá lúa gạo ở chợ huyện tăng mùa mưa bão"),
                                   std::string("cong nhan nha may thuy dien song Da mua lu"),
                                   std::string("giá lúa"), std::string("song da")}) {
    const Paths all = paths(query, many);
    ASSERT_GE(all.size(), 115u) << query;
    for (const size_t offset : {0, 10, 45, 95, 105}) {
      SearchRequest page;
      page.offset = offset;
      page.limit = 10;
      const auto from = all.begin() + static_cast<std::ptrdiff_t>(offset);
      EXPECT_EQ(paths(query, page), Paths(from, from + 10)) << query << ", offset " << offset;
    }
  }
}

// A pasted sentence of common words stands once, deep in a long untitled
// article: word by word it weighs little, and its pairs are past the lead,
// so the candidates' match does not draw it. The phrase match finds it,
// and it ranks first (ranking::kWholeRunWords).
TEST_F(SearchTest, APastedSentenceDeepInALongArticleRanksFirst) {
  // Words of random_articles(): each is in about half of them.
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  std::vector<DocumentData> docs = random_articles(400, "tin vắn");
  const std::string body = filler(60);
  docs.push_back(article("deep.txt", "Tin địa phương", body + "Năm nay " + sentence + " kéo dài.",
                         "2019-03-01"));
  index(docs);
  SearchRequest few_candidates;
  few_candidates.long_query_candidates = 60;
  for (const std::string& query : {sentence, std::string("gia lua gao cho huyen mua mua bao")}) {
    ASSERT_GT(search(query, few_candidates).matches, 60u) << query;
    EXPECT_EQ(paths(query, few_candidates).at(0), "deep.txt") << query;
    EXPECT_EQ(paths(query).at(0), "deep.txt") << query;
    // Lifted into the window from past it, it is not listed again below.
    SearchRequest many = few_candidates;
    many.limit = 500;  // every match
    const Paths all = paths(query, many);
    EXPECT_EQ(all.at(0), "deep.txt") << query;
    EXPECT_EQ(std::count(all.begin(), all.end(), "deep.txt"), 1) << query;
    // Its score is its words' and pairs' weight, without the lift.
    EXPECT_LT(search(query).hits.at(0).score, ranking::kAllWordsTierWeight) << query;
    // A date range it is outside of leaves it out.
    SearchRequest later = few_candidates;
    later.dates.from = "2020-01-01";
    const Paths in_range = paths(query, later);
    EXPECT_EQ(std::find(in_range.begin(), in_range.end(), "deep.txt"), in_range.end()) << query;
  }
}

// Each hit lists its near-copies, whether the searcher looked its page's
// groups up (the first ranking::kGroupPassesBeforeTable pages) or read every
// group since; the index statistics count every group either way.
TEST_F(SearchTest, EveryPageListsItsHitsCopiesAsTheSearcherGoesOn) {
  const std::vector<std::string> subjects{"lúa gạo", "thủy điện", "bóng đá", "bệnh viện",
                                          "sân bay", "cầu đường", "biển đảo"};
  std::vector<DocumentData> docs = random_articles(50, "tin vắn");
  // The same sequence of random texts, past those of the 50 articles.
  const std::vector<DocumentData> texts = random_articles(50 + 3 * subjects.size(), "tin khác");
  for (size_t i = 0; i < subjects.size(); ++i) {
    const size_t t = 50 + 3 * i;
    const std::string body = "Chuyện " + subjects[i] + " năm " + std::to_string(2001 + i) + ". " +
                             texts[t].text + texts[t + 1].text + texts[t + 2].text;
    docs.push_back(article("story-" + std::to_string(i) + ".txt", "Tin " + subjects[i], body));
    docs.push_back(article("story-" + std::to_string(i) + "-copy.txt", "Tin " + subjects[i],
                           body + " Theo báo tỉnh."));
  }
  index(docs);
  ASSERT_GT(subjects.size(), static_cast<size_t>(ranking::kGroupPassesBeforeTable));
  for (size_t i = 0; i < subjects.size(); ++i) {
    SearchRequest request;
    request.limit = 1;
    const std::string query = "chuyện " + subjects[i] + " năm " + std::to_string(2001 + i);
    const SearchResult result = search(query, request);
    ASSERT_EQ(result.hits.size(), 1u) << query;
    const std::string story = "story-" + std::to_string(i);
    const Hit& hit = result.hits[0];
    EXPECT_EQ(hit.doc.path.rfind(story, 0), 0u) << query;
    ASSERT_EQ(hit.copies.size(), 1u) << query;
    EXPECT_EQ(hit.copies[0].path,
              hit.doc.path == story + ".txt" ? story + "-copy.txt" : story + ".txt")
        << query;
  }
  const IndexStats stats = searcher_->stats();
  EXPECT_EQ(stats.copy_groups, subjects.size());
  EXPECT_EQ(stats.grouped_articles, 2 * subjects.size());
}

// A near-copy lifted into the window from past it stands for its group: no
// other member of the group is listed further down.
TEST_F(SearchTest, ALiftedNearCopyIsItsGroupsOnlyHit) {
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  std::vector<DocumentData> docs = random_articles(400, "tin vắn");
  const std::string body = filler(60) + "Năm nay " + sentence + " kéo dài.";
  docs.push_back(article("deep.txt", "Tin địa phương", body));
  docs.push_back(article("deep-copy.txt", "Tin địa phương", body + " Theo báo tỉnh."));
  index(docs);
  SearchRequest every_match;
  every_match.long_query_candidates = 60;
  every_match.limit = 500;
  for (const std::string& query : {sentence, std::string("gia lua gao cho huyen mua mua bao")}) {
    const SearchResult result = search(query, every_match);
    ASSERT_FALSE(result.hits.empty()) << query;
    EXPECT_EQ(result.hits[0].doc.path.rfind("deep", 0), 0u) << query;
    EXPECT_EQ(result.hits[0].copies.size(), 1u) << query;
    size_t members = 0;
    for (const Hit& h : result.hits) members += h.doc.path.rfind("deep", 0) == 0;
    EXPECT_EQ(members, 1u) << query;
  }
}

// The rescoring reads a pair's positions only where the article's pair
// sketch (schema::kSlotPairSketch) says it may hold the pair; an article
// without one (an index written before sketches) has them read.
TEST_F(SearchTest, APairSketchSparesPositionReadsAndNoSketchReadsThem) {
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  std::vector<DocumentData> docs = random_articles(100, "tin vắn");
  docs.push_back(
      article("deep.txt", "Tin địa phương", filler(60) + "Năm nay " + sentence + " kéo dài."));
  index(docs);
  const auto score_of_deep = [&] {
    for (const Hit& h : search(sentence).hits) {
      if (h.doc.path == "deep.txt") return h.score;
    }
    return -1.0;
  };
  const auto set_sketch = [&](const std::string* sketch) {
    searcher_.reset();
    Xapian::WritableDatabase db(dir_.path().string());
    const Xapian::docid id = *db.postlist_begin(schema::id_term("deep.txt"));
    Xapian::Document doc = db.get_document(id);
    if (sketch) {
      doc.add_value(schema::kSlotPairSketch, *sketch);
    } else {
      doc.remove_value(schema::kSlotPairSketch);
    }
    db.replace_document(id, doc);
    db.commit();
    db.close();
    searcher_ = std::make_unique<Searcher>(dir_.path().string());
  };
  const double sketched = score_of_deep();
  ASSERT_GT(sketched, 0);
  const std::string holds_no_pair(64, '\0');
  set_sketch(&holds_no_pair);
  const double no_pairs = score_of_deep();
  EXPECT_GT(no_pairs, 0);
  EXPECT_LT(no_pairs, sketched);  // its pairs were not read
  set_sketch(nullptr);
  EXPECT_DOUBLE_EQ(score_of_deep(), sketched);
}

// The whole-run check of a query typed without accents reads positions only
// in the articles whose pair sketch holds every pair of the run
// (ranking::kWholeRunMostSuspects); a run typed with accents is looked for
// in every article holding its forms.
TEST_F(SearchTest, AnUnaccentedWholeRunIsLookedForWhereTheSketchesAllowIt) {
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  const std::string unaccented = "gia lua gao cho huyen mua mua bao";
  std::vector<DocumentData> docs = random_articles(400, "tin vắn");
  docs.push_back(
      article("deep.txt", "Tin địa phương", filler(60) + "Năm nay " + sentence + " kéo dài."));
  index(docs);
  SearchRequest few_candidates;
  few_candidates.long_query_candidates = 60;
  ASSERT_EQ(paths(unaccented, few_candidates).at(0), "deep.txt");
  {
    searcher_.reset();
    Xapian::WritableDatabase db(dir_.path().string());
    const Xapian::docid id = *db.postlist_begin(schema::id_term("deep.txt"));
    Xapian::Document doc = db.get_document(id);
    doc.add_value(schema::kSlotPairSketch, std::string(64, '\0'));  // holds no pair
    db.replace_document(id, doc);
    db.commit();
    db.close();
    searcher_ = std::make_unique<Searcher>(dir_.path().string());
  }
  EXPECT_NE(paths(unaccented, few_candidates).at(0), "deep.txt");
  EXPECT_EQ(paths(sentence, few_candidates).at(0), "deep.txt");
}

// When more articles than ranking::kWholeRunMostSuspects hold every word and
// pair of an unaccented run, though apart, the run is looked for in all.
TEST_F(SearchTest, AWholeRunIsFoundAmongManyArticlesHoldingItsPairsApart) {
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  std::vector<DocumentData> docs = random_articles(100, "tin vắn");
  for (size_t i = 0; i < ranking::kWholeRunMostSuspects + 5; ++i) {
    docs.push_back(article(
        "apart-" + std::to_string(i) + ".txt", "Tin chợ",
        "Giá lúa gạo chợ và chợ huyện mùa và mùa mưa bão, năm " + std::to_string(1800 + i) + "."));
  }
  docs.push_back(
      article("deep.txt", "Tin địa phương", filler(60) + "Năm nay " + sentence + " kéo dài."));
  index(docs);
  SearchRequest few_candidates;
  few_candidates.long_query_candidates = 60;
  EXPECT_EQ(paths("gia lua gao cho huyen mua mua bao", few_candidates).at(0), "deep.txt");
}

// A run held by more than ranking::kWholeRunMostHolders articles outside
// the window is a stock phrase: none of them is lifted. A few are.
TEST_F(SearchTest, ARunHeldByManyArticlesLiftsNone) {
  const std::string sentence = "giá lúa gạo chợ huyện mùa mưa bão";
  const std::string body = filler(60);
  SearchRequest few_candidates;
  few_candidates.long_query_candidates = 60;
  for (const size_t holders : {size_t{3}, size_t{ranking::kWholeRunMostHolders + 5}}) {
    std::vector<DocumentData> docs = random_articles(400, "tin vắn");
    for (size_t i = 0; i < holders; ++i) {
      docs.push_back(article("holder-" + std::to_string(i) + ".txt", "Tin địa phương",
                             body + "Năm " + std::to_string(2000 + i) + " " + sentence + "."));
    }
    index(docs);
    const std::string top = paths(sentence, few_candidates).at(0);
    EXPECT_EQ(top.rfind("holder-", 0) == 0, holders <= ranking::kWholeRunMostHolders)
        << holders << " holders, first: " << top;
  }
}

// Every pair of a run side by side is not the run whole: an article holding
// its pairs apart is not lifted above one holding the run in a row.
TEST_F(SearchTest, PairsStandingApartAreNotAWholeRun) {
  const std::string run = "công nhân nhà máy thủy điện sông Đà mùa lũ";
  index({article("apart.txt", "Thủy điện sông Đà vào mùa lũ",
                 "Công nhân nhà máy thủy điện. Nhà máy thủy điện sông Đà. Sông Đà mùa lũ."),
         article("whole.txt", "Tin địa phương",
                 "Năm nào cũng vậy, " + run + " lại thức trắng đêm canh đập."),
         article("other.txt", "Tin khác", "Không liên quan.")});
  EXPECT_EQ(paths(run).at(0), "whole.txt");
  EXPECT_EQ(paths("cong nhan nha may thuy dien song Da mua lu").at(0), "whole.txt");
}

TEST_F(SearchTest, LongQueriesMatchPartially) {
  index({article("a.txt", "Bóng đá", "Đội tuyển bóng đá Việt Nam thắng trận."),
         article("b.txt", "Khác", "Không có gì.")});
  EXPECT_EQ(paths("đội tuyển bóng đá nào đã thắng trận chung kết năm ngoái ở sân vận động"),
            Paths{"a.txt"});
}

TEST_F(SearchTest, TitleMatchesCountMore) {
  index({article("body.txt", "Tin tổng hợp", "Bài này nói về lũ lụt miền Trung."),
         article("title.txt", "Lũ lụt miền Trung", "Bài kia nói về lũ lụt miền Trung.")});
  EXPECT_EQ(paths("lũ lụt"), (Paths{"title.txt", "body.txt"}));
}

TEST_F(SearchTest, TitleWithEveryWordComesFirst) {
  index({article("title.txt", "Nợ xấu mới phát sinh", "Số liệu quý ba của các ngân hàng."),
         article("body.txt", "Xử lý nợ xấu",
                 "Nợ xấu tăng, phát sinh thêm. Nợ xấu khó xử lý, nợ xấu lại phát sinh."),
         article("other.txt", "Ngân hàng", "Lãi suất ngân hàng giảm.")});
  EXPECT_EQ(paths("nợ xấu phát sinh"), (Paths{"title.txt", "body.txt"}));
}

TEST_F(SearchTest, FieldAndDateFilters) {
  // Bodies differ: identical ones would be collapsed into one hit.
  index({article("a.txt", "Bóng đá", "Tin bóng đá 1.", "2019-03-10", "vnexpress.net", "Thể thao"),
         article("b.txt", "Bóng đá", "Tin bóng đá 2.", "2020-02-15", "tuoitre.vn", "Thể thao"),
         article("c.txt", "Bóng đá", "Tin bóng đá 3.", "2020-07-01", "tuoitre.vn", "Xã hội")});
  EXPECT_EQ(paths("bóng source:VNExpress.net"), Paths{"a.txt"});
  EXPECT_EQ(paths("bóng source:tuoitre.vn source:vnexpress.net").size(), 3u);
  EXPECT_EQ(paths("bóng category:\"thể thao\"").size(), 2u);
  EXPECT_EQ(paths("bóng -category:\"thể thao\""), Paths{"c.txt"});
  EXPECT_EQ(paths("bóng date:2020"), (Paths{"b.txt", "c.txt"}));
  EXPECT_EQ(paths("bóng date:2020-01..2020-06"), Paths{"b.txt"});
  EXPECT_EQ(paths("bóng date:..2019"), Paths{"a.txt"});
  SearchRequest from_to;
  from_to.dates = {"20200201", "20200229"};
  EXPECT_EQ(paths("bóng", from_to), Paths{"b.txt"});
  // Filters alone list the newest first.
  EXPECT_EQ(paths("source:tuoitre.vn"), (Paths{"c.txt", "b.txt"}));
  SearchRequest by_date;
  by_date.sort = SortOrder::kDate;
  EXPECT_EQ(paths("bóng đá", by_date), (Paths{"c.txt", "b.txt", "a.txt"}));
}

TEST_F(SearchTest, PhrasesAndExclusions) {
  index({article("a.txt", "Một", "Đường phố rất đông."),
         article("b.txt", "Hai", "Phố cổ có con đường nhỏ."),
         article("c.txt", "Ba", "Đường làng yên tĩnh.")});
  EXPECT_EQ(paths("\"đường phố\""), Paths{"a.txt"});
  EXPECT_EQ(paths("\"duong pho\""), Paths{"a.txt"});
  EXPECT_EQ(paths("đường -phố"), Paths{"c.txt"});
  EXPECT_EQ(paths("đường -\"đường phố\"").size(), 2u);
  EXPECT_EQ(paths("-phố"), Paths{"c.txt"});
  EXPECT_EQ(paths("title:hai"), Paths{"b.txt"});
}

TEST_F(SearchTest, OrAndParentheses) {
  index({article("a.txt", "Hà Nội", "Thủ đô Hà Nội."),
         article("b.txt", "Sài Gòn", "Thành phố Sài Gòn."), article("c.txt", "Huế", "Cố đô Huế.")});
  EXPECT_EQ(paths("hà nội OR sài gòn"), (Paths{"a.txt", "b.txt"}));
  // Short queries need every unit.
  EXPECT_EQ(paths("(nội OR gòn) thành"), Paths{"b.txt"});
  SearchRequest strict;
  strict.sort = SortOrder::kDate;  // by date, short queries need every unit
  EXPECT_EQ(paths("(nội OR gòn) thành", strict), Paths{"b.txt"});
  EXPECT_EQ(paths("huế OR (thủ đô)"), (Paths{"a.txt", "c.txt"}));
}

TEST_F(SearchTest, TrailingWildcardExpandsOverFoldedTerms) {
  index({article("a.txt", "Kinh tế", "Kinh tế tăng trưởng."),
         article("b.txt", "Kinh doanh", "Kinh doanh online."),
         article("c.txt", "Kính mắt", "Cửa hàng kính mắt."), article("d.txt", "Khác", "Xe máy.")});
  EXPECT_EQ(paths("kinh*").size(), 3u);
  EXPECT_EQ(paths("kinh* online"), Paths{"b.txt"});
  // An accented prefix expands over the exact forms only.
  EXPECT_EQ(paths("kính*"), Paths{"c.txt"});
  EXPECT_EQ(paths("kinhd*"), Paths{});
}

TEST_F(SearchTest, NearDuplicatesAreCollapsedAndCounted) {
  const std::string body = "Bão số 5 đổ bộ vào miền Trung.";
  index({article("a.txt", "Bão số 5", body), article("b.txt", "Bão số 5 (tổng hợp)", body),
         article("c.txt", "BÃO SỐ 5", "  Bão  số 5 đổ bộ vào miền Trung. "),
         article("d.txt", "Bão số 6", "Bão số 6 suy yếu.")});
  const SearchResult r = search("bão");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].copies.size() + r.hits[1].copies.size(), 2u);
  EXPECT_EQ(std::max(r.hits[0].copies.size(), r.hits[1].copies.size()), 2u);
}

TEST_F(SearchTest, DominantReadingOfAnUnaccentedQuery) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 4; ++i) {
    docs.push_back(article("dv" + std::to_string(i) + ".txt", "Tin " + std::to_string(i),
                           "Một đảng viên gương mẫu của chi bộ số " + std::to_string(i) + "."));
  }
  docs.push_back(article("other.txt", "Thư gửi", "Anh ấy đang viết thư cho viên chức."));
  for (int i = 0; i < 10; ++i) {
    docs.push_back(article("filler" + std::to_string(i) + ".txt", "Thời tiết",
                           "Trời mưa ngày " + std::to_string(i) + "."));
  }
  index(docs);
  const SearchResult r = search("dang vien");
  EXPECT_EQ(r.reading, "đảng viên");
  EXPECT_EQ(r.hits.size(), 5u);
  EXPECT_EQ(r.hits.back().doc.path, "other.txt");
  EXPECT_EQ(search("đảng viên").reading, "");  // typed with accents: no guess
}

// A long unaccented query is read on a handle of its own, in another thread
// (Searcher::reading_db), at the revision the searcher matches: a commit
// since it opened the index does not change its reading.
TEST_F(SearchTest, ALongUnaccentedQueryIsReadAtTheRevisionItSearches) {
  const auto factories = [](const std::string& country) {
    std::vector<DocumentData> docs;
    for (int i = 0; i < 3; ++i) {
      docs.push_back(article("f" + std::to_string(i) + ".txt",
                             "Nhà máy " + country + " ở tỉnh Lạng Sơn",
                             "Tin số " + std::to_string(i) + "."));
    }
    return docs;
  };
  index(factories("thủy điện"));
  const std::string query = "nha may thuy dien o tinh lang son";
  EXPECT_EQ(search(query).reading, "nhà máy thủy điện ở tỉnh lạng sơn");
  {
    Xapian::WritableDatabase db(dir_.path().string(), Xapian::DB_OPEN);
    indexer::DocumentBuilder builder;
    for (const DocumentData& d : factories("Thụy Điển")) {
      db.replace_document(schema::id_term(d.path), builder.build(d, "stamp"));
    }
    db.commit();
  }
  EXPECT_EQ(search(query).reading, "nhà máy thủy điện ở tỉnh lạng sơn");
  searcher_ = std::make_unique<Searcher>(dir_.path().string());
  EXPECT_EQ(search(query).reading, "nhà máy thụy điển ở tỉnh lạng sơn");
}

TEST_F(SearchTest, ASearchRereadsItsBlocksFromMemoryAndRanksTheSame) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 40; ++i) {
    docs.push_back(article("n" + std::to_string(i) + ".txt", "Bản tin số " + std::to_string(i),
                           "Nhà máy thủy điện ở tỉnh Lạng Sơn xả lũ lần " + std::to_string(i) +
                               ". Người dân vùng hạ du được báo trước."));
  }
  index(docs);
  const std::string query = "nha may thuy dien xa lu o tinh lang son";
  const SearchResult first = search(query);  // maybe the thread's first scope
  const BlockReads before = block_reads();
  const SearchResult again = search(query);
  EXPECT_GT(block_reads().from_memory, before.from_memory);
  ASSERT_EQ(again.hits.size(), first.hits.size());
  for (size_t i = 0; i < first.hits.size(); ++i) {
    EXPECT_EQ(again.hits[i].doc.path, first.hits[i].doc.path);
    EXPECT_EQ(again.hits[i].score, first.hits[i].score);
  }
  EXPECT_EQ(again.reading, first.reading);
  EXPECT_EQ(again.matches, first.matches);
}

TEST_F(SearchTest, DominantReadingRanksItsAccentsFirst) {
  // Dương Phố comes first by docid and is shortest; the reading "đường phố"
  // (three documents of four) lifts the others above it.
  index({article("duong-pho.txt", "Làng Dương Phố", "Dương Phố là một làng cổ."),
         article("a.txt", "Đường phố sạch", "Đường phố Hà Nội được quét dọn sạch sẽ mỗi sáng."),
         article("b.txt", "Đường phố đông", "Đường phố đông đúc vào giờ tan tầm buổi chiều."),
         article("c.txt", "Đường phố mới", "Đường phố mới mở rộng thêm hai làn xe.")});
  const SearchResult r = search("duong pho");
  EXPECT_EQ(r.reading, "đường phố");
  ASSERT_EQ(r.hits.size(), 4u);
  EXPECT_EQ(r.hits.back().doc.path, "duong-pho.txt");
  // Typed with accents, the other reading wins.
  EXPECT_EQ(paths("dương phố").front(), "duong-pho.txt");
}

TEST_F(SearchTest, ReadingOfALongerRun) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 3; ++i) {
    docs.push_back(article("hn" + std::to_string(i) + ".txt", "Tin " + std::to_string(i),
                           "Thành phố Hà Nội mưa lớn, ngày " + std::to_string(i) + "."));
  }
  index(docs);
  EXPECT_EQ(search("thanh pho ha noi").reading, "thành phố hà nội");
  EXPECT_EQ(search("ha noi").reading, "hà nội");
  // One reading seen in one document only is no evidence.
  EXPECT_EQ(search("ngay 1").reading, "");
}

TEST(BestChain, PicksTheMostFrequentChainDeterministically) {
  PairCounts counts(2);
  counts[0][{"thành", "phố"}] = 5;
  counts[0][{"thanh", "phố"}] = 1;
  counts[1][{"phố", "hà"}] = 4;
  RunReading r = best_chain(counts, 3);
  EXPECT_EQ(r.forms, (std::vector<std::string>{"thành", "phố", "hà"}));
  EXPECT_TRUE(r.dominant);
  EXPECT_DOUBLE_EQ(r.share, (5.0 / 6 + 4.0 / 4) / 2);  // each pair's share, averaged

  // A tie: the form that sorts first, and not dominant (share 0.5).
  PairCounts tie(1);
  tie[0][{"đường", "phố"}] = 3;
  tie[0][{"dương", "phố"}] = 3;
  r = best_chain(tie, 2);
  EXPECT_EQ(r.forms[0], "dương");
  EXPECT_FALSE(r.dominant);

  // Dominant in share but seen in one document only.
  PairCounts once(1);
  once[0][{"hà", "nội"}] = 1;
  EXPECT_FALSE(best_chain(once, 2).dominant);
  EXPECT_FALSE(best_chain(PairCounts(1), 2).dominant);
  EXPECT_EQ(best_chain({}, 1).forms, std::vector<std::string>{""});
}

TEST(BestChain, EachPairWeighsTheSameHoweverManyDocumentsHoldIt) {
  // `chum nho hon 200`: the three documents of the rare pair all say
  // `chùm nho`; the common pair filled its sample with `nhỏ hơn` (5 of 6).
  // Counting documents, `nhỏ` would win (5 + 6 against 3 + 6).
  PairCounts counts(3);
  counts[0][{"chùm", "nho"}] = 3;
  counts[1][{"nhỏ", "hơn"}] = 5;
  counts[1][{"nhớ", "hơn"}] = 1;
  counts[2][{"hơn", "200"}] = 6;
  const RunReading r = best_chain(counts, 4);
  EXPECT_EQ(r.forms, (std::vector<std::string>{"chùm", "nho", "hơn", "200"}));
  EXPECT_DOUBLE_EQ(r.share, 2.0 / 3);
  EXPECT_TRUE(r.dominant);
}

TEST(BestChain, PairFormsReadTheClearPairsOfARunWithoutADominantChain) {
  PairCounts counts(4);
  counts[0][{"khổ", "sở"}] = 2;  // clear
  counts[0][{"kho", "số"}] = 1;
  counts[1][{"số", "vì"}] = 1;  // a tie: no form from this pair
  counts[1][{"sở", "vì"}] = 1;
  counts[2][{"vì", "khách"}] = 1;   // one document is enough for a pair
  counts[3][{"khạch", "bốc"}] = 3;  // better evidence than the pair before: its form wins
  const RunReading r = best_chain(counts, 5);
  EXPECT_FALSE(r.dominant);  // a pair seen in one document only
  EXPECT_EQ(r.pair_forms, (std::vector<std::string>{"khổ", "sở", "vì", "khạch", "bốc"}));
  EXPECT_EQ(best_chain({}, 1).pair_forms, std::vector<std::string>{""});
}

TEST(BestChain, ASyllableNoClearPairReadsTakesItsFormInTheBestChain) {
  // `dao dat phat hien`: the documents split on `dao dat` (đào đất, đạo
  // đạt); `đất phát` is clear and the chain through it reads `đào`.
  // `hien` is in no pair seen: it stays unread.
  PairCounts counts(3);
  counts[0][{"đào", "đất"}] = 2;
  counts[0][{"đạo", "đạt"}] = 2;
  counts[1][{"đất", "phát"}] = 1;
  const RunReading r = best_chain(counts, 4);
  EXPECT_FALSE(r.dominant);  // a pair seen in one document only
  EXPECT_EQ(r.pair_forms, (std::vector<std::string>{"đào", "đất", "phát", ""}));
}

TEST_F(SearchTest, ALongUnaccentedRunTakesTheFormsOfItsClearPairs) {
  // "kho so" is "khổ sở" in two of the three titles and leads that hold
  // it; the run has no dominant chain (most of its pairs are seen once),
  // yet the article with "khổ sở" ranks above the one with "kho số",
  // which matches the same folded words in a shorter text.
  index({article("e.txt", "Người mẫu khổ sở", "Chuyện nghề."),
         article("c.txt", "Tin B", "Anh kho số vì khách chờ lâu."),
         article("t.txt", "Tin A", "Cô ấy khổ sở vì khách quá đông ở chợ đêm hôm qua.")});
  const SearchResult result = search("nguoi mau kho so vi khach");
  EXPECT_EQ(result.reading, "");  // not shown: not a dominant reading
  std::vector<std::string> order;
  for (const Hit& h : result.hits) order.push_back(h.doc.path);
  const auto rank = [&](const std::string& path) {
    return std::find(order.begin(), order.end(), path) - order.begin();
  };
  ASSERT_EQ(order.size(), 3u);
  EXPECT_LT(rank("t.txt"), rank("c.txt"));
}

// A long query typed without accents ranks a word by its reading
// (ranking::kReadWordExactWeight): an article holding the forms read
// (`bãi`, `đất`) once ranks above one repeating the syllables' other forms
// (`bài`, `đạt`), which their folded terms alone would weigh higher.
TEST_F(SearchTest, ALongUnaccentedQueryWeighsItsWordsByTheirReadings) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 3; ++i) {  // where the reading comes from
    docs.push_back(article("read-" + std::to_string(i) + ".txt",
                           "Bãi đất trống ở xã " + std::to_string(i), "Tin ngắn."));
  }
  for (int i = 0; i < 10; ++i) {  // `bai` is mostly `bài`
    docs.push_back(article("song-" + std::to_string(i) + ".txt", "Bài hát số " + std::to_string(i),
                           "Chuyện thường ngày ở phố."));
  }
  for (int i = 0; i < 20; ++i) {
    docs.push_back(article("other-" + std::to_string(i) + ".txt", "Tin số " + std::to_string(i),
                           "Chuyện thường ngày ở phố."));
  }
  std::string repeated, padding;
  for (int i = 0; i < 12; ++i) repeated += "Bài này hay. Anh ấy đạt giải. ";
  for (int i = 0; i < 30; ++i) padding += "Trời hôm nay đẹp quá. ";
  docs.push_back(article("other-forms.txt", "Tin A", repeated));
  docs.push_back(article("forms-read.txt", "Tin B",
                         "Mảnh đất này nhỏ. " + padding + "Anh ấy câu cá gần bãi sông."));
  index(docs);
  const Paths order = paths("nguoi dan song tren bai dat");
  const auto rank = [&](const std::string& path) {
    return std::find(order.begin(), order.end(), path) - order.begin();
  };
  ASSERT_LT(rank("other-forms.txt"), static_cast<std::ptrdiff_t>(order.size()));
  EXPECT_LT(rank("forms-read.txt"), rank("other-forms.txt"));
}

// The pairs `thanh pho`, `pho ha`, `ha noi` and `noi co`, each in six
// titles of its own: together the 24 documents a long run samples.
std::vector<DocumentData> four_pairs_in_six_titles_each() {
  const std::vector<std::string> common = {"Thành phố đẹp", "Phố Hà Đông", "Hà Nội mưa",
                                           "Nội có dự án"};
  std::vector<DocumentData> docs;
  for (size_t pair = 0; pair < common.size(); ++pair) {
    for (int i = 0; i < 6; ++i) {
      const std::string n = std::to_string(pair * 6 + i);
      docs.push_back(article("c" + n + ".txt", common[pair] + " số " + n, "Tin ngắn " + n + "."));
    }
  }
  return docs;
}

TEST_F(SearchTest, ALongRunSamplesItsRarestPairsFirst) {
  // Four common pairs, each in six titles of its own: read in the order of
  // the run, they would take the 24 documents a long run reads, and the
  // rare pairs at its end (`co ca`, `ca thoi`), in one article, would go
  // unread.
  std::vector<DocumentData> docs = four_pairs_in_six_titles_each();
  docs.push_back(article("rare.txt", "Ở đây có cá thòi lòi", "Tin ngắn."));
  index(docs);
  const Xapian::Database db(dir_.path().string());
  text::Analyzer analyzer;
  const RunReading r = read_run(db, {"thanh", "pho", "ha", "noi", "co", "ca", "thoi"}, &analyzer);
  EXPECT_EQ(r.pair_forms,
            (std::vector<std::string>{"thành", "phố", "hà", "nội", "có", "cá", "thòi"}));
}

TEST_F(SearchTest, ALongRunReadsACommonPairNoSampledDocumentHolds) {
  // The four pairs of six titles each fill the 24 documents a long run
  // samples first; `hai duong`, in eight titles, is in none of them. Read
  // in documents of its own, it is `hải dương`, not left unread.
  std::vector<DocumentData> docs = four_pairs_in_six_titles_each();
  for (int i = 0; i < 8; ++i) {
    const std::string n = std::to_string(i);
    docs.push_back(article("h" + n + ".txt", "Tin Hải Dương số " + n, "Tin ngắn."));
  }
  index(docs);
  const Xapian::Database db(dir_.path().string());
  text::Analyzer analyzer;
  const RunReading r = read_run(db, {"thanh", "pho", "ha", "noi", "co", "hai", "duong"}, &analyzer);
  EXPECT_EQ(r.pair_forms,
            (std::vector<std::string>{"thành", "phố", "hà", "nội", "có", "hải", "dương"}));
}

TEST_F(SearchTest, ALongUnaccentedRunReadsAWordWithOneSpellingAsItself) {
  // No sampled document holds `messi` beside its neighbours, yet it has one
  // spelling: it is read as itself, as `2017` is. `bong`, unread too, has
  // many (bóng, bông, bỏng): it stays unread. A short run reads no word so.
  index({article("a.txt", "Messi ghi bàn", "Tin ngắn."),
         article("b.txt", "Năm 2017 đầy biến động", "Tin ngắn."),
         article("c.txt", "Đem đến trải nghiệm khác biệt", "Tin ngắn."),
         article("d.txt", "Quả bóng vàng", "Tin ngắn.")});
  const Xapian::Database db(dir_.path().string());
  text::Analyzer analyzer;
  const auto readings = [&](const std::string& query) {
    ParsedQuery parsed = parse_query(query, &analyzer);
    apply_dominant_reading(db, &parsed, &analyzer, nullptr);
    std::string out;
    for (const auto& run : word_runs(parsed)) {
      for (const QueryWord& w : run) out += (out.empty() ? "" : " ") + w.folded + "=" + w.reading;
    }
    return out;
  };
  EXPECT_EQ(readings("messi dem den trai nghiem khac biet bong 2017"),
            "messi=messi dem=đem den=đến trai=trải nghiem=nghiệm khac=khác biet=biệt bong= "
            "2017=2017");
  EXPECT_EQ(readings("messi bong 2017"), "messi= bong= 2017=");
}

TEST_F(SearchTest, AWordTypedWithoutAccentsInAnAccentedQueryStandsSideBySideInItsOwnForm) {
  // `ma`, typed without accents among accented words, means `ma`, in the
  // rescoring's side-by-side check as in the matcher: not `mà`, `má`, `mã`,
  // the archive's most frequent forms of `ma`.
  std::vector<DocumentData> docs = {
      article("wrong.txt", "Tin một",
              "Người dân kể chuyện mà Hà Nội vẫn nhớ. Phố cổ đông vui suốt mùa hè năm ấy."),
      article("right.txt", "Tin hai",
              "Người dân kể chuyện ma Hà Nội. Những con hẻm tối được nhắc tới trong sách cũ.")};
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    docs.push_back(article("f" + n + ".txt", "Ghi chép " + n,
                           "Anh làm mà không than. Má dặn con về sớm. Mã số " + n + " đã đổi."));
  }
  index(docs);
  const std::vector<std::string> order = paths("Người dân kể chuyện ma Hà Nội");
  ASSERT_GE(order.size(), 2u);
  EXPECT_EQ(order[0], "right.txt");
}

TEST(ReportedScore, LeavesOutTheAllWordsTier) {
  EXPECT_DOUBLE_EQ(ranking::reported_score(ranking::kAllWordsTierWeight + 2.5), 2.5);
  EXPECT_DOUBLE_EQ(ranking::reported_score(1.25), 1.25);
}

TEST_F(SearchTest, AnUnaccentedAbbreviationInAPhraseMatchesItsDForms) {
  index({article("a.txt", "ĐT Việt Nam thắng", "Đội tuyển thắng 2-0."),
         article("b.txt", "DT Việt Nam", "Một mã số khác."),
         article("c.txt", "Việt Nam", "ĐT Lào thua.")});
  Paths both = paths("\"dt viet nam\"");
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (Paths{"a.txt", "b.txt"}));
  EXPECT_EQ(paths("\"đt việt nam\""), Paths{"a.txt"});
}

TEST_F(SearchTest, OnlyClosedAsciiQuotesMakeAStrictPhrase) {
  index({article("a.txt", "Truyện Kiều", "Nguyễn Du viết Truyện Kiều."),
         article("b.txt", "Truyện ngắn", "Một truyện ngắn về Thúy Kiều.")});
  EXPECT_EQ(paths("\"truyện kiều"), (Paths{"a.txt", "b.txt"}));
  EXPECT_EQ(paths("\"Truyện Kiều\""), Paths{"a.txt"});
  // A pasted headline's typographic quotes do not filter, but the adjacent
  // words still rank first.
  EXPECT_EQ(paths("“Truyện Kiều”"), (Paths{"a.txt", "b.txt"}));
  EXPECT_EQ(paths("ai viết “Truyện Kiều"), (Paths{"a.txt", "b.txt"}));
}

TEST_F(SearchTest, NoReadingWhenNoneDominates) {
  index({article("a.txt", "Một", "Đường phố đẹp."), article("b.txt", "Hai", "Dương Phố đẹp."),
         article("c.txt", "Ba", "Đường phố sạch."), article("d.txt", "Bốn", "Dương Phố sạch.")});
  EXPECT_EQ(search("duong pho").reading, "");
}

TEST_F(SearchTest, ResultsAreDeterministicAndPaged) {
  std::vector<DocumentData> docs;
  for (int i = 0; i < 12; ++i) {
    docs.push_back(article("d" + std::to_string(10 + i) + ".txt", "Tin",
                           "Cùng một nội dung " + std::to_string(i)));
  }
  index(docs);
  const Paths all = paths("nội dung", [] {
    SearchRequest r;
    r.limit = 20;
    return r;
  }());
  ASSERT_EQ(all.size(), 12u);
  EXPECT_EQ(all.front(), "d10.txt");  // equal scores: by docid
  SearchRequest page;
  page.offset = 5;
  page.limit = 3;
  const SearchResult r = search("nội dung", page);
  EXPECT_EQ(r.hits[0].rank, 6u);
  EXPECT_EQ(r.hits[0].doc.path, all[5]);
  EXPECT_EQ(r.matches, 12u);
}

TEST_F(SearchTest, FacetsCountAllMatches) {
  index({article("a.txt", "Bóng đá", "Tin.", "2019-03-10", "vnexpress.net", "Thể thao"),
         article("b.txt", "Bóng đá", "Tin nữa.", "2020-02-15", "tuoitre.vn", "Thể thao"),
         article("c.txt", "Bóng đá", "Tin khác.", "2020-07-01", "tuoitre.vn", "Xã hội")});
  SearchRequest request;
  request.limit = 1;
  request.facets = {Facet::kSource, Facet::kYear};
  const SearchResult r = search("bóng đá", request);
  ASSERT_EQ(r.facets.size(), 2u);
  EXPECT_EQ(r.facets[0].values[0].value, "tuoitre.vn");
  EXPECT_EQ(r.facets[0].values[0].count, 2u);
  EXPECT_EQ(r.facets[1].values.size(), 2u);
}

TEST_F(SearchTest, Stats) {
  index({article("a.txt", "Bóng đá", "Tin bóng đá.")});
  const IndexStats s = searcher_->stats();
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(s.words, 3u);  // bong, da, tin
  EXPECT_EQ(s.last_update, "2024-01-02T03:04:05Z");
  EXPECT_EQ(s.corpus_root, "/corpus");
}

TEST(SearcherOpen, MissingIndexAndOtherSchemaVersion) {
  TempDir dir;
  EXPECT_THROW(Searcher((dir.path() / "none").string()), IndexMissingError);
  EXPECT_THROW(Searcher(dir.path().string()), IndexMissingError);
  build_index(dir.path().string(), {});
  Xapian::WritableDatabase db(dir.path().string());
  db.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
  db.commit();
  db.close();
  EXPECT_THROW(Searcher(dir.path().string()), std::runtime_error);
}

// One ranking frozen as JSON Lines: any change to ranking or passages shows
// up here. Regenerate with VNSEARCH_UPDATE_GOLDEN=1 after checking the diff.
TEST_F(SearchTest, GoldenJsonRanking) {
  index({article("scattered.txt", "Đảng ủy thăm bệnh viện",
                 "Đảng ủy xã đến thăm bệnh viện huyện Gia Viễn. Trời hôm nay đẹp."),
         article("adjacent.txt", "Kết nạp đảng viên",
                 "Chi bộ kết nạp một đảng viên trẻ. "
                 "Đảng viên mới hứa phấn đấu."),
         article("one-word.txt", "Văn phòng", "Nhân viên văn phòng làm việc chăm chỉ."),
         article("none.txt", "Thời tiết", "Trời mưa.")});
  SearchResult r = search("dang vien");
  r.ms = 0;
  std::ostringstream out;
  make_printer({OutputMode::kJson}, out)->print({"", "dang vien", false}, r);
  const std::string golden_path =
      std::string(VNSEARCH_FIXTURES_DIR) + "/searcher/golden_dang_vien.jsonl";
  if (std::getenv("VNSEARCH_UPDATE_GOLDEN")) testing::write_file(golden_path, out.str());
  EXPECT_EQ(out.str(), testing::read_file(golden_path));
}

}  // namespace
}  // namespace vnsearch::searcher
