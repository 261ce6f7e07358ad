// @brief Every ranking constant of the searcher, in one place, so that they
// can be tuned against the evaluation set rather than by feel.
#pragma once

#include <cstddef>
#include <string_view>

#include <xapian.h>

#include "common/schema.h"

namespace vnsearch::searcher::ranking {

// ---- BM25 underneath (Xapian::BM25Weight) --------------------------------
// Measured with scripts/eval.sh: k1 0.9 or 1.6 and b 0.9 moved vmds MRR@10
// by at most 0.002; b 0.5 cost xquad-vi 0.015 (0.8531 -> 0.8386).
inline constexpr double kBm25K1 = 1.2;  ///< term-frequency saturation
inline constexpr double kBm25K2 = 0.0;  ///< document-length correction (off)
inline constexpr double kBm25K3 = 1.0;  ///< query-term frequency saturation
inline constexpr double kBm25B = 0.75;  ///< length normalisation
inline constexpr double kBm25MinNormLen = 0.5;

// ---- Boosts (OP_AND_MAYBE, scaled with OP_SCALE_WEIGHT) -------------------
// Each boost is a BM25-weighted term that can only raise a document already
// matched by the folded terms; these factors scale its weight.

/// Exact accented form of a word typed with diacritics (XA + norm): puts
/// `đường` above `dương` for the query `đường`.
inline constexpr double kExactTermBoost = 1.0;
/// Multiplies the exact boosts in short keyword queries (up to
/// kMaxWordsForAllWordsFirst units), where accents typed are meant: with 1.0
/// a document full of `Dương Phố` outranked `Đường phố` in the title for the
/// query `đường phố`. Measured with scripts/eval.sh: 3.0 on every query cost
/// xquad-vi 0.03 MRR@10; applied to short queries only it leaves the long
/// ones as they were.
inline constexpr double kShortQueryExactFactor = 3.0;
/// Adjacent query words found side by side, in order, in the title or the
/// lead (their folded pair term, XB): adjacent matches rank above scattered
/// ones. No positional check, so long queries can afford it too.
inline constexpr double kAdjacencyBoost = 1.0;
/// Folded title term (S + folded), on top of the indexer's title wdf.
inline constexpr double kTitleBoost = 0.5;
/// Every word of the query in the title, in the accented forms meant (an
/// AND of the XT terms): the title names the story searched for. Measured
/// with scripts/eval.sh: vmds MRR@10 0.9199/0.9214 -> 0.9261/0.9280
/// (accented/unaccented), xquad-vi unchanged.
inline constexpr double kTitleAllWordsBoost = 1.0;
/// Multiplies the exact boosts when the accents come from the dominant
/// reading of an unaccented query rather than from the user (short
/// queries and phrases; a long query's words weigh as below).
inline constexpr double kReadingBoostFactor = 0.7;
/// A word of a long query (more than kMaxWordsForAllWordsFirst units) typed
/// without any accent, which has a reading (dominant, or its clearest pair's
/// in a pasted headline), is ranked as the OR of its reading's exact term
/// scaled by kReadWordExactWeight and its folded term scaled by
/// kReadWordFoldedWeight, in place of its folded term plus an exact boost
/// of kReadingBoostFactor. The folded term of an ambiguous syllable (`bai`:
/// bài, bãi, bái) is common, so an article that holds the rare form meant
/// (`bãi đất`) weighed little more than one full of the common form; typed
/// with accents it ranked 11th, without them not in the rescoring window.
/// The candidates' match still draws by the folded words. Measured with
/// scripts/eval.py, MRR@10 unaccented (accented unchanged), against the
/// folded term and a boost of 0.7 (vmds 0.9208, xquad-vi 0.8685, known-item
/// 0.6371, passage 0.9031):
///   1.4 / 0.6: vmds 0.9243, xquad-vi 0.8697, known-item 0.6414, passage
///     0.9040 (kept: the best on every set);
///   1.4 / 0.4: vmds 0.9211, xquad-vi 0.8694, known-item 0.6402;
///   1.4 / 0.8: vmds 0.9246, xquad-vi 0.8684, known-item 0.6406;
///   1.2 / 0.8: vmds 0.9243, xquad-vi 0.8690, known-item 0.6408;
///   1.7 / 0.6: vmds 0.9245, xquad-vi 0.8683, known-item 0.6377;
///   2.0 / 0.8: vmds 0.9196, xquad-vi 0.8669, known-item 0.6362.
/// In the candidates' match too, the unaccented known items gained 0.0002
/// more (a quick check), for two posting lists read for such a word instead
/// of one, and the candidates could no longer be drawn while the reading
/// runs.
inline constexpr double kReadWordExactWeight = 1.4;
inline constexpr double kReadWordFoldedWeight = 0.6;

// ---- All words first -------------------------------------------------------

/// Queries with up to this many word units rank documents with every word
/// above documents missing one; longer (question-like) ones are plain OR.
inline constexpr size_t kMaxWordsForAllWordsFirst = 5;
/// Constant weight given to documents matching every word. It must exceed
/// the largest weight the rest of the query can give: a BM25 term weighs at
/// most (k1 + 1)(k3 + 1) ln(2N + 1) ≈ 4.4 × 16 ≈ 70 for N = 10^7 documents,
/// and a short query has at most ~5 words × 5 terms each × boost ≤ 1.
inline constexpr double kAllWordsTierWeight = 1e5;

// ---- Words rank as words (rescoring window) -------------------------------

/// Short keyword queries fetch this many top matches and re-order them so
/// that documents holding more of the query's adjacent word pairs side by
/// side (anywhere in the text, from the positions of the exact terms, or
/// the title and lead's pair terms) come first, then by weight. Positions
/// are read for these documents only.
inline constexpr Xapian::doccount kRescoreWindow = 100;
/// The window's documents are read in batches from the top until the page
/// is settled: the first batch twice the page or this many, each next one
/// twice the one before.
inline constexpr size_t kRescoreFirstBatch = 20;
/// A word typed without diacritics stands, in the rescoring, for its
/// dominant reading and this many of its most frequent exact forms.
inline constexpr size_t kRescoreFormsPerWord = 6;
/// Longer keyword queries (a pasted headline, a question) rescore this many
/// top matches: each pair of adjacent query words found side by side, in
/// the forms meant, adds kRunPairWeight times the pair's rarity, ln(N / the
/// titles and leads holding the folded pair), and each query word in the
/// title kLongQueryTitleWordWeight times the title term's rarity. An
/// unaccented word stands for its reading and its kLongQueryFormsPerWord
/// most frequent forms. Measured with scripts/eval.sh, MRR@10
/// accented/unaccented; before: a title boost per word in the matcher and no
/// rescoring, known-item 0.517/0.465, vmds 0.9216/0.9284, xquad-vi
/// 0.8540/0.8499:
///   pairs 1.5, title words 0.5: known-item 0.607/0.577, vmds 0.9173/0.9257,
///     xquad-vi 0.8581/0.8501 (kept: no set loses more than 0.005);
///   pairs 2: 0.618/0.588, vmds 0.9173/0.9230, xquad-vi 0.8539/0.8452;
///   pairs 3: 0.622/0.601, vmds 0.9173/0.9213, xquad-vi 0.8425/0.8336;
///   pairs 3, title words 0: 0.658/0.640 but vmds 0.910/0.915.
/// Then, with common words demoted (kCommonWordShare), title words:
///   0.5: known-item 0.606/0.576, vmds 0.9173/0.9271, xquad-vi 0.8590/0.8512;
///   0.25: known-item 0.634/0.610, vmds 0.9174/0.9236, xquad-vi 0.8629/0.8570
///     (kept then: the most the known items gain with every set within 0.005);
///   0.1: 0.643/0.622, vmds 0.9162/0.9206; 0: 0.651/0.633, vmds 0.9136/0.9198.
/// The known items are articles whose title was removed: any title weight
/// lifts titled reports of the same story over them, while topic queries
/// (vmds) need the titles.
/// Again once articles holding a whole run ranked first, each page was the
/// same at any --limit and unaccented queries weighed title words half
/// (kUnaccentedTitleWordFactor), known-item and vmds MRR@10
/// accented/unaccented, xquad-vi within 0.0025 of 0.25 throughout (above
/// it below 0.25):
///   0.3: known-item 0.6458/0.6269, vmds 0.9281/0.9233;
///   0.25: 0.6495/0.6296, vmds 0.9273/0.9241;
///   0.2: 0.6515/0.6300, vmds 0.9269/0.9241;
///   0.1: 0.6609/0.6371, vmds 0.9258/0.9208, xquad-vi 0.8863/0.8685 (kept:
///     both known-item figures gain most with vmds within 0.005 and the
///     accent gap under 0.03);
///   0.05: 0.6680/0.6381 (gap 0.0299), vmds 0.9258/0.9204;
///   0: 0.6705/0.6399, vmds 0.9231/0.9201.
/// Questions lose with heavier pairs (their pairs are the question's
/// phrasing, not the passage's), headlines gain. Weighting pairs by the
/// length of their stretch in a row lowered every set.
/// The window is the same whatever --limit (scripts/eval.py asks for 100;
/// until 2026-11-30 that rescored 100, and its figures were those of a
/// window of 100). MRR@10 accented/unaccented by window, vmds and xquad-vi
/// the same within 0.0003 throughout; median ms added to 60 pasted
/// headlines and 60 questions against 50 (scripts/bench_search.py classes):
///   50: known-item 0.6495/0.6171, passage 0.9382/0.9031;
///   70: known-item 0.6495/0.6196, passage 0.9382/0.9069; +0.4 to +0.9 ms;
///   100: known-item 0.6495/0.6198, passage 0.9389/0.9119; +1.4 to +2.1 ms.
inline constexpr Xapian::doccount kLongQueryRescoreWindow = 50;
inline constexpr size_t kLongQueryFormsPerWord = 3;
inline constexpr double kRunPairWeight = 1.5;
inline constexpr double kLongQueryTitleWordWeight = 0.1;
/// Multiplies kLongQueryTitleWordWeight in a query typed without any
/// accent. Its words match by their folded terms, held by more articles
/// than any one form, so the matcher weighs them less than the forms typed
/// in an accented query, while a title word weighs the same rarity (that of
/// its folded title term) in both: untitled articles lost more rank to
/// titled ones unaccented. Measured with scripts/eval.py, MRR@10
/// unaccented (accented unchanged), against 1, title words at 0.25:
///   0.5: known-item 0.6171 -> 0.6296, vmds 0.9233 -> 0.9241, xquad-vi
///     0.8662 -> 0.8664, passage 0.9031 the same (kept: every set gains);
///   0.25: known-item 0.6367, vmds 0.9208, xquad-vi 0.8684;
///   0: known-item 0.6399, vmds 0.9201, xquad-vi 0.8688.
/// Scaling the pair weights of such queries instead (0.7) cost the known
/// items 0.009 (0.6084); 0.7 with title words at 0.5, 0.6241.
inline constexpr double kUnaccentedTitleWordFactor = 0.5;
/// In a longer query, the articles holding a whole run of at least
/// kWholeRunWords of its words in order, in the forms meant (a pasted
/// sentence, a headline quoted in a lead), rank above every other, by
/// kAllWordsTierWeight, which the reported score leaves out. The matcher
/// and the rescoring weigh words one by one and pairs in the title and
/// lead only, and miss an article holding eight common words together deep
/// in its body. Holders in the rescoring window are lifted; when it holds
/// none, the holders of the archive join it, unless more than
/// kWholeRunMostHolders hold the run (a stock phrase tells nothing).
/// Measured with scripts/eval.sh, MRR@10 accented/unaccented: passages
/// 0.618/0.437 → 0.939/0.912; known items 0.6502/0.6210 → 0.6492/0.6200
/// (one query: another article quotes the known item's headline as a
/// related link); vmds and xquad-vi unchanged. Runs of 6 words lifted stock
/// headline phrases (`Miền Bắc đón đợt không khí lạnh`): vmds
/// 0.9240/0.9199. An unaccented word stands for its reading and its
/// kRescoreFormsPerWord most frequent forms: with 3, passages unaccented
/// 0.84; with every form, 0.93 and more posting lists opened.
inline constexpr size_t kWholeRunWords = 8;
inline constexpr Xapian::doccount kWholeRunMostHolders = 20;
/// The whole-run check of words typed without accents reads positions only
/// in the documents holding every word of the run whose pair sketches may
/// hold each pair of it; when more than this many hold every word (a stock
/// phrase), in every document holding its forms. Measured on
/// ../shared/data/news, 60 queries a class, every page the same: unaccented
/// questions 15% fewer block reads (pread) and 5% fewer instructions
/// (callgrind); unaccented pasted headlines the same; unaccented passages,
/// whose run the window mostly holds already, 2% more reads. Checking the
/// sketches of every document holding every word took a headline whose
/// words fill exam reports (`Thi sinh nhan mat voi de thi Toan truong
/// chuyen`) from 1,901 reads to 3,276.
inline constexpr Xapian::doccount kWholeRunMostSuspects = 200;
/// In a longer query, a word in more than this share of the articles only
/// weighs in the documents its rarer words match; the kRarestWordsMatching
/// rarest words match whatever their share. Measured on ../shared/data/news,
/// 20 queries a class, instructions (callgrind) against matching every word:
/// 0.1 and 4 words take 22% off unaccented pasted headlines, 29% off
/// accented ones and 35% off questions, and leave every eval set within
/// 0.001 of its MRR@10; keeping only the 2 rarest words took 35–51% off but
/// cost unaccented xquad-vi 0.017 (an unaccented word is common more often);
/// 0.3 saved less and cost it 0.011.
inline constexpr double kCommonWordShare = 0.1;
inline constexpr size_t kRarestWordsMatching = 4;
/// A longer query is ranked in two matches: its words and word pairs
/// (BM25; the pairs' posting lists are short) pick this many candidates,
/// then the whole query, boosts and all, ranks those candidates only (a
/// docid filter, DocidSetPostingSource). In one match Xapian 1.4 checks
/// every boost (exact forms, title words, demoted common words) in every
/// matching document: max-weight pruning cannot skip a document while
/// boosts it has not read could still lift it. Measured with
/// scripts/eval.py, MRR@10 accented / unaccented against one match
/// (known-item 0.6460 / 0.6108, vmds 0.9273 / 0.9236, xquad-vi 0.8845 /
/// 0.8579), and instructions for 20 questions and 20 unaccented headlines
/// (callgrind, top 10 with passages, news folder; four copies of it):
///   200 candidates: known-item 0.6468 / 0.6108, vmds 0.9273 / 0.9236,
///     xquad-vi 0.8834 / 0.8581; questions 1,192 M -> 834 M (four copies
///     3,650 M -> 1,727 M), headlines 1,547 M -> 1,125 M (4,233 M ->
///     2,266 M);
///   100: known-item 0.6453 / 0.6072, vmds as with 200, xquad-vi 0.8835 /
///     0.8583; questions 778 M, headlines 1,055 M;
///   500: questions 933 M, headlines 1,234 M (with the pairs as
///     alternatives to the words instead of boosts, every set ranked as in
///     one match);
///   200 from the words alone, without the pairs: xquad-vi unaccented
///     0.7240, known-item 0.6382 / 0.5999.
/// The word pairs later became alternatives to the words in the
/// candidates' match rather than boosts, which lets Xapian's OR skip
/// articles (the query itself counts, unweighted): unaccented pasted
/// headlines 3,260 M -> 3,153 M instructions (four copies 6,116 M ->
/// 5,740 M), questions the same (four copies -3%), and every set as before
/// or better (xquad-vi accented 0.8837 -> 0.8846). Keeping also only the 3
/// or 2 rarest words as candidates' words (kRarestWordsMatching) saved
/// 9% / 12% more but cost accented known items 0.001 / 0.003.
/// At least the page and the rescoring window are candidates, whatever
/// this is.
inline constexpr Xapian::doccount kLongQueryCandidates = 200;
/// An unaccented word in a phrase is the OR of at most this many of its
/// exact forms, the most frequent ones.
inline constexpr size_t kMaxFormsPerWord = 64;

// ---- Counts and the accents fallback ----------------------------------------

/// A page of hits counts its matches exactly up to this many (the rescoring
/// window, which is looked at anyway); past it the count is Xapian's
/// estimate, with bounds, whatever --limit (up to it) and --offset are.
/// --count and --facets always count exactly.
inline constexpr Xapian::doccount kExactCountUpTo = kRescoreWindow;
/// With exact accents, a query matching fewer than this many articles is
/// also counted with loose accents; the loose count is offered when it is at
/// least kLooseOfferFactor times larger.
inline constexpr Xapian::doccount kLooseCheckBelow = 10;
inline constexpr Xapian::doccount kLooseOfferFactor = 3;

// ---- Dominant accented reading of an unaccented query --------------------

/// Documents sampled per adjacent pair of the run (the first ones where the
/// pair stands side by side), whose exact forms decide the reading.
inline constexpr Xapian::doccount kReadingDocsPerPair = 6;
/// Most documents sampled per run, and the bytes of each text re-analysed
/// (together about 1–2 ms).
inline constexpr size_t kReadingMaxDocs = 24;
inline constexpr size_t kReadingBytesPerDoc = 4096;
/// Runs longer than kMaxWordsForAllWordsFirst words (a pasted headline) read
/// only the lead, where the pair terms that sampled the document come from
/// (schema::kBodyBigramTokens): their many pairs give evidence enough.
inline constexpr size_t kLongRunReadingBytesPerDoc = 1500;
/// And they read at most this many documents. 12 took 7% of the
/// instructions off unaccented pasted headlines but cost vmds unaccented
/// 0.0008 MRR@10, which took it past issue #12's no-regression bound
/// (0.9228 against 0.923); 24 gives 0.9236.
inline constexpr size_t kLongRunReadingMaxDocs = 24;
/// The best chain's share of the sampled exact pairs needed to call it
/// dominant.
inline constexpr double kReadingDominance = 0.6;
/// Fewest sampled documents each pair of the chosen chain must occur in.
inline constexpr int kReadingMinDocs = 2;
/// A long run (more than kMaxWordsForAllWordsFirst words: a pasted
/// headline) rarely has a dominant chain, yet many of its pairs are clear:
/// without one, each syllable takes the form of its clearest pair, one seen
/// in at least kPairReadingMinDocs sampled documents and holding
/// kReadingDominance of its pair's evidence. Measured with scripts/eval.py,
/// MRR@10 unaccented, against no reading without a dominant chain:
/// known-item 0.6108 -> 0.6157, vmds 0.9236 -> 0.9261, xquad-vi 0.8581 ->
/// 0.8613 (accented queries are not read); with 2 documents, known-item
/// 0.6119. Read by the rescoring's side-by-side check only (not a boost in
/// the matcher), known-item gained 0.0024 and the others nothing. The
/// boosts cost unaccented pasted headlines 7% more instructions.
inline constexpr int kPairReadingMinDocs = 1;
/// The rarest pairs of a long run fill its sample (kLongRunReadingMaxDocs)
/// before the common ones are read: a common pair that none of their
/// documents holds (`hai duong` in `... tai Hai Duong`) read nothing, and
/// its syllables took the form of their other pair (`tại hai`), or none.
/// Each such pair is read in this many documents of its own. Two more
/// rules read a long run's words: a syllable no clear pair reads takes its
/// form in the best chain (RunReading::pair_forms), and a word with one
/// spelling only (`messi`, `2017`) is read as itself: unread, it weighed
/// by its folded term alone, under the words read around it. Measured with
/// scripts/eval.py, MRR@10 unaccented (accented queries are not read),
/// against none of them (vmds 0.9243, xquad-vi 0.8697, known-item 0.6414,
/// passage 0.9040):
///   2 documents, chain forms: vmds 0.9250, xquad-vi 0.8690, known-item
///     0.6467, passage 0.9090 (2 documents alone: known-item 0.6452; 1:
///     0.6439; 4: 0.6455);
///   single spellings alone: 0.9243, 0.8772, 0.6472, 0.9040;
///   with 2 documents: 0.9246, 0.8770, 0.6509, 0.9090;
///   all three: 0.9250, 0.8765, 0.6524, 0.9090; with a one-spelling word's
///     two terms weighed as one posting list (kept: a list fewer for each
///     name or number), 0.9248, 0.8774, 0.6524, 0.9115.
/// Chain forms in place of every pair form read more syllables right (5,618
/// of 6,019 known-item headline words, against 5,485) but more wrong (317
/// against 228): known-item 0.6432. A sample of 48 documents read no more
/// right; a pair form needing 2 documents, 0.6461; the most frequent form
/// of an unread syllable holding 90% of its documents, 0.6526.
inline constexpr Xapian::doccount kLongRunUnseenPairDocs = 2;

// ---- Other readings and suggestions (issue #12, rules 5 and 6) ------------

/// Other readings offered at most, and the share of the evidence (sampled
/// pairs for a run, documents of the most frequent form for a single word)
/// a reading needs to be called common and offered. On the news archive,
/// 10% and 4 left `bão` out of `bao` (814 documents, 5.2% of `báo`'s 15,578,
/// after `bạo` and `bào`).
inline constexpr size_t kMaxAlternatives = 6;
inline constexpr double kAlternativeMinShare = 0.05;

/// A word whose typed form is in fewer documents than this is looked at for
/// a misspelling (`thốg` 0, `Vietlot` 1, `Donal` 14, `Ann` 27); so is every
/// word of a typed pair that is not seen side by side (below).
inline constexpr Xapian::doccount kSuggestSuspectDocs = 50;
/// A suggested word or pair must be in at least this many documents, and in
/// this many times more than what was typed: "clearly more".
inline constexpr double kSuggestMinDocs = 3;
inline constexpr double kSuggestRatio = 50;
/// Typed pairs whose exact forms are in fewer than this share of the
/// documents holding the folded pair in title or lead are checked in some
/// of those documents, by the forms' positions (`triều tiền` hides among
/// `Triều Tiên`); up to this many for a typed pair, and for a candidate pair.
inline constexpr double kSuggestTrustedShare = 0.5;
/// That share is judged on the first documents holding the folded pair
/// (all of them when fewer): this many, and more until
/// kSuggestVerifyTypedDocs of them hold the forms, up to the second number.
inline constexpr Xapian::doccount kSuggestTrustSample = 64;
inline constexpr Xapian::doccount kSuggestSampleMax = 1024;
inline constexpr Xapian::doccount kSuggestVerifyTypedDocs = 12;
inline constexpr Xapian::doccount kSuggestVerifyDocs = 4;
/// Positions below this are the title and lead of a document, where the
/// pair terms come from (schema::kBodyBigramTokens after the gap), for a
/// title of up to 60 words; the index keeps no title length to be exact.
inline constexpr Xapian::termpos kSuggestLeadPositions =
    60 + schema::kTitleBodyGap + schema::kBodyBigramTokens;
/// Only queries of at most this many words are corrected: a misspelt query
/// is a few words (the and the benchmark's have one to four), and a
/// pasted paragraph of rare words would cost hundreds of lookups a word.
inline constexpr size_t kSuggestMaxWords = 8;
/// Candidates per suspect word: accented forms, edits, Xapian's choice.
inline constexpr size_t kSuggestCandidates = 4;

// ---- Query size ------------------------------------------------------------

/// Most terms a trailing wildcard expands to (the most frequent ones).
inline constexpr Xapian::termcount kMaxWildcardTerms = 64;

// ---- Related articles (--like) ------------------------------------------------

/// Terms of the article's ESet (Xapian relevance feedback on the article and
/// its near-copies) that make the query of its related articles, each
/// weighted by its ESet weight. Measured on the vmds clusters (628 articles
/// among 3,281, cluster mates in the top 5 of --like, R@5 / P@k): 15 terms
/// 0.862 / 0.766, 30 0.906 / 0.815, 50 0.939 / 0.862, 80 0.959 / 0.886,
/// 120 0.964 / 0.893, 200 0.964 / 0.898; 80 is where the curve flattens,
/// and more terms cost query time (200 took several times as long). Unweighted
/// terms did a little worse (30: 0.904 / 0.810; 120: 0.959 / 0.885); a
/// query of the title and lead words (BM25) worse (0.838 / 0.723).
inline constexpr Xapian::termcount kRelatedTerms = 80;
/// The ESet may pick folded word pairs (title and lead) besides words:
/// without them, 30 terms gave 0.880 / 0.754.
inline constexpr bool kRelatedUsesPairs = true;
/// Xapian's expansion scheme for the ESet. With one relevant article the
/// default ("trad") weighs a term by its rarity alone, so word pairs met in
/// two or three articles of the archive (`kia het`, `roi ay`) filled the
/// query; "bo1" (divergence from randomness) also weighs how often the
/// article uses the term, i.e. what it is about. With terms that only the
/// article and its copies hold left out (RelatedTermDecider), on the vmds
/// clusters: R@5 / P@k 0.969 / 0.907 against 0.959 / 0.886 (trad, every
/// term); bo1 alone 0.963 / 0.894, the decider alone 0.963 / 0.895; 50 or
/// 120 terms 0.965 / 0.892 and 0.969 / 0.904; leaving out words held by more
/// than a tenth of the articles 0.968 / 0.900.
inline constexpr std::string_view kRelatedExpansion = "bo1";
/// An article is listed as related only when its score reaches this share
/// of the score the article itself gets for the same query (its own words,
/// as often as it uses them). On 30 random news articles, judged by reading
/// (README, "Near-copies and related articles"): same-subject articles
/// mostly score 0.15–0.6 of it, unrelated ones 0.05–0.15, where the archive
/// holds nothing on the subject.
inline constexpr double kRelatedMinShare = 0.15;

// ---- Near-copy groups of the hits --------------------------------------------

/// A page's hits list their near-copies: the members of their groups, the
/// documents holding the group's value. vnindex lists each group's members
/// in the index (schema::kMetaGroupsListed), one look-up a group; in an
/// index written before it did, reading every group is one pass
/// over the group slot's value stream that keeps every value (on four
/// copies of the news folder, every article grouped: 25–50 ms, the most of
/// a first query, and every query of a one-query process); keeping only
/// the page's groups is a pass that keeps ten (5 ms). So a searcher passes
/// for a page's groups this many times, then reads every group once (a
/// batch or a server): at most about twice what the better choice costs.
inline constexpr int kGroupPassesBeforeTable = 4;

/// The score to report for a match weight: the weight without the
/// all-words tier constant, so that scores stay comparable BM25 sums.
inline double reported_score(double weight) {
  return weight >= kAllWordsTierWeight ? weight - kAllWordsTierWeight : weight;
}

}  // namespace vnsearch::searcher::ranking
