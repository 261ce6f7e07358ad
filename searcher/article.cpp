// @brief Searcher::article(), docid_of_path() and documents(): one stored
// article, whole, for the article view of `vnsearch serve`, and the size of
// the index. In a file of its own so that searcher.cpp stays about ranking.
#include "searcher/searcher.h"

namespace vnsearch::searcher {

std::optional<Article> Searcher::article(Xapian::docid docid, const std::string& query,
                                         bool exact_accents) {
  if (docid == 0) return std::nullopt;
  return with_retries([&]() -> std::optional<Article> {
    Xapian::Document document;
    try {
      document = db_.get_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      return std::nullopt;
    }
    Article article;
    article.docid = docid;
    article.doc = schema::DocumentData::from_json(document.get_data());
    article.corpus_root = corpus_root_of(docid);
    if (!article.doc.category.empty()) {
      article.doc.category = display_category(article.doc.category);
    }
    HighlightQuery highlight;
    if (!query.empty()) {
      try {
        highlight = HighlightQuery::from(parse_query(query, &analyzer_), exact_accents);
      } catch (const QueryError&) {
        // A query that cannot be read marks nothing; the article still shows.
      }
    }
    article.title = snippets_.highlight(article.doc.title, highlight);
    article.body = snippets_.highlight(article.doc.text, highlight);
    return article;
  });
}

Xapian::doccount Searcher::documents() const { return db_.get_doccount(); }

Xapian::docid Searcher::docid_of_path(const std::string& path) {
  if (path.empty()) return 0;
  const std::string term = schema::id_term(path);
  const Xapian::PostingIterator it = db_.postlist_begin(term);
  return it == db_.postlist_end(term) ? 0 : *it;
}

}  // namespace vnsearch::searcher
