#!/usr/bin/env python3
"""Words and accents: word precision, counts and suggestions of vnsearch.

Measures three things on DATA_DIR/news (issue #12, "Words, not syllables"),
with the ground truth computed from the article files by this script, never
from the engine:

1. Word precision. For every query of benchmarks/eval_words.tsv (news words
   and names of two to four syllables), typed with accents and without: the
   share of vnsearch's top 10 that hold the query's syllables side by side in
   the form meant. With accents the form meant is the exact form after
   normalisation; without accents it is any form whose folded spelling equals
   the query. The share is out of 10 even when vnsearch returns fewer hits.
   Averaged over the queries that at least 10 distinct articles hold (the
   others are listed, not averaged); without accents the two members of a
   minimal pair are one query and are averaged once.
2. Counts. For the words marked `count` in that file: `vnsearch --count
   '"WORD"'` (quoted: the way to count a word or name of several syllables as
   one, side by side) against the number of distinct articles that hold the
   exact form; passes within 2%. The unquoted count (articles holding every
   syllable, anywhere) is shown beside it, for information.
3. Suggestions. For benchmarks/eval_suggestions.tsv: the share of misspelt
   queries whose suggestion (field `suggestion` of the --json summary record)
   equals the correction, and the share of correct queries without one.

How the files are read (the ground truth):
- A file's text is all of it except leading `# key = value` header lines
  (metadata, such as the URL whose slug spells the title without accents).
- Zero-width characters (U+200B-U+200D, U+2060, U+FEFF), the soft hyphen and
  control characters other than tab and line ends are deleted; `Ð`/`ð` are
  `Đ`/`đ`.
- A word is a maximal run of letters, digits and combining marks, after NFC
  and case folding. Two words are side by side when only horizontal spaces
  (space, tab, NBSP, other Unicode spaces) stand between them, or a single
  hyphen (`-`, U+2010, U+2011) with a letter or digit on both sides, so
  `Kim Jong-un` holds `kim jong un`. Anything else breaks adjacency: any
  other punctuation (`Việt - Lào` with spaces around the hyphen, `TP.HCM`,
  en and em dashes), an underscore, and line breaks (title, lead and
  paragraphs are lines in these files).
- Each word is normalised: tone marks on the vowel of the new (and most
  common) style (`hoà` -> `hòa`, `thuỷ` -> `thủy`, `khoẻ` -> `khỏe`, `uỷ` ->
  `ủy`, `qúa` -> `quá`) and a syllable's lone final `y` after a consonant
  spelled `i` (`sỹ` -> `sĩ`, `kỹ` -> `kĩ`, `quý` -> `quí`). Words that do not
  parse as a Vietnamese syllable (onset, vowels, final consonant) are only
  case-folded. The folded form drops every diacritic of the normalised word
  and spells `đ` as `d`.
- Distinct articles: files whose normalised word sequences are identical
  count once (vnsearch collapses exact duplicates into one hit).

Standard library only. Writes nothing inside the repository except --out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TOP = 10  # word precision looks at the top 10
MIN_ARTICLES = 10  # a query qualifies when this many distinct articles hold it
COUNT_TOLERANCE = 0.02
TARGETS = {"accented": 0.97, "unaccented": 0.95, "suggest_misspelt": 0.80,
           "suggest_correct": 0.95}

# --------------------------------------------------------------------------
# Normaliser (independent of the engine's C++ analyzer)

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
VOWELS = set("aăâeêioôơuưy")
MARKED_VOWELS = set("ăâêôơư")  # vowels with a quality mark take the tone first
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
CODAS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}

_DELETE = {c: None for c in (0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}
_DELETE.update({c: None for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c"})
_DELETE.update({c: None for c in range(0x7F, 0xA0) if c != 0x85})
_DELETE.update({0x00D0: "Đ", 0x00F0: "đ"})

HSPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_WORD = r"[^\W_]|[\u0300-\u036f]"
HYPHEN_JOIN = re.compile(rf"(?<={_WORD})[-\u2010\u2011](?={_WORD})")
NOT_WORD_OR_SPACE = re.compile(rf"(?:[^\w\u0300-\u036f{HSPACE}]|_)+")
HEADER_LINE = re.compile(r"#[ \t]*[A-Za-z_]+[ \t]*=.*")


def split_syllable(s: str) -> tuple[str, str, str] | None:
    """(onset, vowels, final) of a toneless lower-case syllable, or None."""
    for onset in ONSETS:
        if not s.startswith(onset):
            continue
        rest = s[len(onset):]
        # `gi` and `qu` are onsets only before another vowel: `gìn`, `gì` are g + i.
        if onset in ("gi", "qu") and not (rest and rest[0] in VOWELS):
            continue
        n = 0
        while n < len(rest) and rest[n] in VOWELS:
            n += 1
        vowels, final = rest[:n], rest[n:]
        if 1 <= len(vowels) <= 3 and final in CODAS:
            return onset, vowels, final
        return None
    return None


def tone_index(vowels: str, final: str) -> int:
    """Where the tone mark goes in the vowel group, in the new style."""
    marked = [i for i, v in enumerate(vowels) if v in MARKED_VOWELS]
    if marked:
        return marked[-1]  # ươ: on ơ
    if len(vowels) == 1:
        return 0
    if final:
        return len(vowels) - 1  # hoàn, huỳnh
    return 0 if len(vowels) == 2 else 1  # hòa, thủy, khỏe; ngoài, khuỷu


def normalize_word(word: str) -> str:
    """NFC, case folding, new-style tone placement and final `y` as `i`."""
    w = unicodedata.normalize("NFC", word.translate(_DELETE).casefold())
    decomposed = unicodedata.normalize("NFD", w)
    tones = [c for c in decomposed if c in TONES]
    if len(tones) > 1:
        return w
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    parts = split_syllable(bare)
    if parts is None:
        return w
    onset, vowels, final = parts
    if vowels == "y" and onset and not final:
        vowels = "i"  # sỹ -> sĩ, kỹ -> kĩ, quy -> qui; not quỳnh
    if tones:
        i = tone_index(vowels, final)
        vowels = vowels[:i] + unicodedata.normalize("NFC", vowels[i] + tones[0]) + vowels[i + 1:]
    return unicodedata.normalize("NFC", onset + vowels + final)


def _fold_table() -> dict[int, str | None]:
    """Precomposed letter -> its base letter(s); combining marks -> nothing."""
    table: dict[int, str | None] = {0x0110: "D", 0x0111: "d"}
    for cp in range(0x00C0, 0x2000):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp))
                       if not unicodedata.combining(c))
        if unicodedata.combining(chr(cp)):
            table[cp] = None
        elif base and base != chr(cp) and base.isascii():
            table[cp] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Drops every diacritic of Latin letters; `đ` -> `d`. Keeps spaces and
    line breaks."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def normalize_phrase(text: str) -> str:
    """A query's syllables, normalised and joined by single spaces."""
    return " ".join(normalize_word(w) for w in word_runs(text) for w in w.split())


_norm_cache: dict[str, str] = {}


def word_runs(text: str) -> list[str]:
    """The text as runs of side-by-side words (each run: words joined by one
    space), case-folded and NFC but not yet normalised word by word."""
    t = text.translate(_DELETE).casefold()
    if not unicodedata.is_normalized("NFC", t):
        t = unicodedata.normalize("NFC", t)
    t = HYPHEN_JOIN.sub(" ", t)
    t = NOT_WORD_OR_SPACE.sub("\n", t)
    return [" ".join(ws) for ws in (line.split() for line in t.split("\n")) if ws]


def normalized_text(text: str) -> str:
    """Runs of normalised words: words joined by ' ', runs by '\\n'."""
    cache = _norm_cache
    runs = []
    for run in word_runs(text):
        words = run.split(" ")
        for w in words:
            if w not in cache:
                cache[w] = normalize_word(w)
        runs.append(" ".join([cache[w] for w in words]))
    return "\n".join(runs)


def holds(text: str, phrase: str) -> bool:
    """True when `text` (from normalized_text, or folded) has the words of
    `phrase` side by side: whole words, within one run."""
    n = len(phrase)
    i = text.find(phrase)
    while i >= 0:
        if (i == 0 or text[i - 1] in " \n") and (i + n == len(text) or text[i + n] in " \n"):
            return True
        i = text.find(phrase, i + 1)
    return False


def article_text(raw: str) -> str:
    """The file's text without a BOM and leading `# key = value` header lines."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    lines = raw.split("\n")
    skip = 0
    while skip < len(lines) and HEADER_LINE.fullmatch(lines[skip].rstrip("\r")):
        skip += 1
    return "\n".join(lines[skip:])


# --------------------------------------------------------------------------
# Ground truth from the files


@dataclass
class Truth:
    """Which articles hold which phrases. Articles are paths relative to the
    corpus root (as vnsearch reports them)."""
    exact: dict[str, set[str]] = field(default_factory=dict)  # normalised phrase -> paths
    folded: dict[str, set[str]] = field(default_factory=dict)  # folded phrase -> paths
    dup_key: dict[str, str] = field(default_factory=dict)  # path -> key of its word sequence
    files: int = 0
    seconds: float = 0.0

    def distinct(self, paths: set[str]) -> int:
        return len({self.dup_key[p] for p in paths})


def corpus_files(root: Path) -> list[tuple[str, Path]]:
    """(relative path, file) for every non-hidden file under root, sorted."""
    out = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                p = Path(dirpath) / name
                out.append((p.relative_to(root).as_posix(), p))
    return out


def scan_corpus(root: Path, exact_phrases: set[str], folded_phrases: set[str]) -> Truth:
    """Reads every article once and records which of the phrases it holds."""
    t0 = time.monotonic()
    truth = Truth(exact={p: set() for p in exact_phrases},
                  folded={p: set() for p in folded_phrases})
    by_first_exact: dict[str, list[str]] = {}
    for p in exact_phrases:
        by_first_exact.setdefault(p.split(" ")[0], []).append(p)
    by_first_folded: dict[str, list[str]] = {}
    for p in folded_phrases:
        by_first_folded.setdefault(p.split(" ")[0], []).append(p)
    for rel, path in corpus_files(root):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        norm = normalized_text(article_text(raw))
        truth.files += 1
        truth.dup_key[rel] = hashlib.blake2b(" ".join(norm.split()).encode(),
                                             digest_size=16).hexdigest()
        words = set(norm.split())
        for first in words.intersection(by_first_exact):
            for phrase in by_first_exact[first]:
                if holds(norm, phrase):
                    truth.exact[phrase].add(rel)
        if folded_phrases:
            folded = fold(norm)
            for first in set(folded.split()).intersection(by_first_folded):
                for phrase in by_first_folded[first]:
                    if holds(folded, phrase):
                        truth.folded[phrase].add(rel)
    truth.seconds = time.monotonic() - t0
    return truth


# --------------------------------------------------------------------------
# Query files


@dataclass
class Word:
    id: str
    query: str  # as typed, with accents
    ascii: str  # typed without accents
    count: bool  # also in the counts table
    note: str

    @property
    def exact(self) -> str:
        return normalize_phrase(self.query)

    @property
    def folded(self) -> str:
        return fold(normalize_phrase(self.ascii))


@dataclass
class Suggestion:
    id: str
    kind: str  # "misspelt" or "correct"
    query: str
    expected: str  # the correction; the query itself for correct ones
    note: str


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append(line.split("\t"))
    return rows


def read_words(path: Path) -> list[Word]:
    """id, query with accents, [ascii], [count], [note]; ascii defaults to the
    query without diacritics."""
    words = []
    for row in read_tsv(path):
        row += [""] * (5 - len(row))
        wid, query, ascii_, count, note = (c.strip() for c in row[:5])
        if not ascii_:
            ascii_ = fold(unicodedata.normalize("NFC", query))
        words.append(Word(wid, query, ascii_, count == "count", note))
    ids = [w.id for w in words]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"eval_words: duplicate ids in {path}")
    return words


def read_suggestions(path: Path) -> list[Suggestion]:
    """id, kind (misspelt|correct), query, [expected], [note]."""
    out = []
    for row in read_tsv(path):
        row += [""] * (5 - len(row))
        sid, kind, query, expected, note = (c.strip() for c in row[:5])
        if kind not in ("misspelt", "correct"):
            raise SystemExit(f"eval_words: {path}: {sid}: kind must be misspelt or correct")
        if kind == "misspelt" and not expected:
            raise SystemExit(f"eval_words: {path}: {sid}: a misspelt query needs its correction")
        out.append(Suggestion(sid, kind, query, expected or query, note))
    return out


# --------------------------------------------------------------------------
# The engine


def run_batch(vnsearch: Path, index_dir: Path, queries: list[tuple[str, str]],
              extra: list[str], work: Path, name: str) -> dict[str, dict]:
    """Runs `vnsearch --queries` and returns id -> {"hits": [...], "summary": {...}}."""
    qfile = work / f"{name}.tsv"
    qfile.write_text("".join(f"{qid}\t{' '.join(q.split())}\n" for qid, q in queries),
                     encoding="utf-8")
    proc = subprocess.run(
        [str(vnsearch), "-d", str(index_dir), "--queries", str(qfile), "--json",
         "--color", "never", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"eval_words: vnsearch failed with status {proc.returncode}")
    out: dict[str, dict] = {qid: {"hits": [], "summary": None} for qid, _ in queries}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        qid = str(rec.get("query_id"))
        if qid not in out:
            continue
        if rec.get("type") == "hit":
            out[qid]["hits"].append(rec)
        elif rec.get("type") == "summary":
            out[qid]["summary"] = rec
        elif rec.get("type") == "error":
            out[qid]["error"] = rec
    return out


def ensure_index(news: Path, vnindex: Path, reuse: Path | None, work: Path) -> tuple[Path, dict]:
    """Indexes news/ as the corpus root, so that hit paths are the truth's
    paths. With --reuse-index DIR the index DIR/index is kept between runs and
    brought up to date by vnindex itself (a re-run over unchanged files reads
    none of them)."""
    index_dir = (reuse if reuse is not None else work) / "index"
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    log(f"indexing {news} into {index_dir}" + (" (incremental)" if index_dir.exists() else ""))
    proc = subprocess.run([str(vnindex), str(news), "-d", str(index_dir), "--json", "-q"],
                          stdout=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"eval_words: vnindex failed with status {proc.returncode}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"index ready in {time.monotonic() - t0:.1f} s")
    return index_dir, summary


# --------------------------------------------------------------------------
# Measures


def word_precision(words: list[Word], truth: Truth, runs: dict[str, dict[str, dict]],
                   min_articles: int = MIN_ARTICLES) -> dict:
    """Per variant: mean share of the top 10 holding the form meant, over the
    qualifying queries, with the ranks that do not hold it. Without accents,
    the members of a minimal pair are one query: it is averaged once."""
    result = {}
    for variant in ("accented", "unaccented"):
        per_query, values, first_of = {}, [], {}
        for w in words:
            form = w.exact if variant == "accented" else w.folded
            relevant = truth.exact[form] if variant == "accented" else truth.folded[form]
            hits = runs[variant][w.id]["hits"][:TOP]
            holding = [h["path"] in relevant for h in hits]
            distinct = truth.distinct(relevant)
            same_as = first_of.setdefault(form, w.id)
            qualifies = distinct >= min_articles
            p = sum(holding) / TOP
            if qualifies and same_as == w.id:
                values.append(p)
            per_query[w.id] = {
                "query": w.query if variant == "accented" else w.ascii,
                "form": form,
                "articles": len(relevant),
                "distinct_articles": distinct,
                "qualifies": qualifies,
                "same_as": None if same_as == w.id else same_as,
                "precision": round(p, 4),
                "hits": len(hits),
                "misses": [{"rank": h["rank"], "path": h["path"], "title": h.get("title", "")}
                           for h, ok in zip(hits, holding) if not ok],
            }
        result[variant] = {
            "queries": len(first_of),
            "qualifying": len(values),
            "precision": round(sum(values) / len(values), 4) if values else None,
            "target": TARGETS[variant],
            "min_articles": min_articles,
            "per_query": per_query,
        }
    return result


def counts(words: list[Word], truth: Truth, plain: dict[str, dict], quoted: dict[str, dict]) -> dict:
    rows = []
    for w in words:
        true = truth.distinct(truth.exact[w.exact])
        got = (quoted[w.id]["summary"] or {}).get("matches")
        got_plain = (plain[w.id]["summary"] or {}).get("matches")
        err = None if got is None else (abs(got - true) / true if true else (0.0 if got == 0
                                                                            else float("inf")))
        rows.append({"id": w.id, "query": w.query, "form": w.exact, "truth": true,
                     "files": len(truth.exact[w.exact]), "engine": got,
                     "relative_error": None if err is None else round(err, 4),
                     "pass": err is not None and err <= COUNT_TOLERANCE,
                     "engine_unquoted": got_plain})
    passed = sum(r["pass"] for r in rows)
    return {"words": len(rows), "passed": passed,
            "pass_rate": round(passed / len(rows), 4) if rows else None,
            "tolerance": COUNT_TOLERANCE, "rows": rows}


def same_query(a: str | None, b: str) -> bool:
    return a is not None and normalize_phrase(a) == normalize_phrase(b)


def suggestions(items: list[Suggestion], truth: Truth, runs: dict[str, dict]) -> dict:
    rows = []
    for s in items:
        summary = runs[s.id]["summary"] or {}
        sug = summary.get("suggestion")
        if isinstance(sug, str) and (not sug.strip() or same_query(sug, s.query)):
            sug = None  # an empty suggestion, or the query itself, suggests nothing
        ok = same_query(sug, s.expected) if s.kind == "misspelt" else sug is None
        rows.append({"id": s.id, "kind": s.kind, "query": s.query, "expected": s.expected,
                     "suggestion": sug, "ok": ok,
                     "articles_query": truth.distinct(truth.exact[normalize_phrase(s.query)]),
                     "articles_expected":
                         truth.distinct(truth.exact[normalize_phrase(s.expected)])})
    out = {}
    for kind in ("misspelt", "correct"):
        rs = [r for r in rows if r["kind"] == kind]
        ok = sum(r["ok"] for r in rs)
        out[kind] = {"queries": len(rs), "ok": ok,
                     "rate": round(ok / len(rs), 4) if rs else None,
                     "target": TARGETS["suggest_" + kind]}
    out["rows"] = rows
    return out


# --------------------------------------------------------------------------
# Report


def met(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "met" if value >= target else "missed"


def print_tables(report: dict) -> None:
    wp = report["word_precision"]
    print("### Word precision (top 10 holding the word in the form meant)\n")
    print(f"| variant | distinct queries | qualifying (>= {wp['accented']['min_articles']} "
          "articles) | precision@10 | target |")
    print("|---|---|---|---|---|")
    for variant in ("accented", "unaccented"):
        r = wp[variant]
        prec = "n/a" if r["precision"] is None else f"{r['precision']:.4f}"
        print(f"| {variant} | {r['queries']} | {r['qualifying']} | {prec} | "
              f">= {r['target']:.2f} — {met(r['precision'], r['target'])} |")
    c = report["counts"]
    print(f"\n### Counts (`vnsearch --count '\"WORD\"'` against distinct articles holding the "
          f"exact form; pass within {c['tolerance']:.0%})\n")
    print("| word | truth | engine | relative error | pass | engine, unquoted |")
    print("|---|---|---|---|---|---|")
    for r in c["rows"]:
        err = "n/a" if r["relative_error"] is None else f"{r['relative_error']:.1%}"
        print(f"| {r['query']} | {r['truth']} | {r['engine']} | {err} | "
              f"{'pass' if r['pass'] else 'FAIL'} | {r['engine_unquoted']} |")
    rate = "n/a" if c["pass_rate"] is None else f"{c['pass_rate']:.2f}"
    print(f"| **passed** | | | | **{c['passed']}/{c['words']} ({rate})** | |")
    s = report["suggestions"]
    print("\n### Suggestions (field `suggestion` of the --json summary)\n")
    print("| queries | n | as expected | rate | target |")
    print("|---|---|---|---|---|")
    for kind, label in (("misspelt", "misspelt: suggestion = correction"),
                        ("correct", "correct: no suggestion")):
        r = s[kind]
        rate = "n/a" if r["rate"] is None else f"{r['rate']:.4f}"
        print(f"| {label} | {r['queries']} | {r['ok']} | {rate} | >= {r['target']:.2f} — "
              f"{met(r['rate'], r['target'])} |")


def print_misses(report: dict, worst: int | None = None) -> None:
    """Per query: the top-10 ranks that do not hold the word, worst first."""
    for variant in ("accented", "unaccented"):
        pq = report["word_precision"][variant]["per_query"]
        order = sorted(pq, key=lambda q: (not pq[q]["qualifies"], pq[q]["precision"], q))
        print(f"\n#### {variant}: ranks of the top {TOP} without the word "
              f"(qualifying queries first, worst first)\n")
        for qid in order[:worst] if worst else order:
            r = pq[qid]
            tag = "" if r["qualifies"] else "  [not qualifying]"
            if r["same_as"]:
                tag += f"  [same query as {r['same_as']}]"
            print(f"- {qid} `{r['query']}`: {r['precision']:.1f} "
                  f"({r['distinct_articles']} articles){tag}")
            for m in r["misses"]:
                print(f"    - rank {m['rank']}: {m['path']} — {m['title'][:90]}")


def log(msg: str) -> None:
    print(f"eval_words: {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=repo.parent / "shared" / "data",
                    help="data folder with news/ (default: ../shared/data from the repo)")
    ap.add_argument("--build-dir", type=Path, default=repo / "build-eval",
                    help="folder with the vnindex and vnsearch binaries (default: build-eval)")
    ap.add_argument("--out", type=Path, default=None,
                    help="JSON report (default: BUILD_DIR/eval-words.json)")
    ap.add_argument("--reuse-index", type=Path, default=None, metavar="DIR",
                    help="keep the index of news/ in DIR/index and update it incrementally "
                         "(delete DIR to re-index after indexer changes)")
    ap.add_argument("--index", type=Path, default=None, metavar="INDEX",
                    help="search this existing index of DATA_DIR/news instead (not rebuilt)")
    ap.add_argument("--word-list", type=Path, default=repo / "benchmarks" / "eval_words.tsv",
                    help="word list (default: benchmarks/eval_words.tsv)")
    ap.add_argument("--suggestions", type=Path,
                    default=repo / "benchmarks" / "eval_suggestions.tsv",
                    help="suggestion queries (default: benchmarks/eval_suggestions.tsv)")
    ap.add_argument("--min-articles", type=int, default=MIN_ARTICLES, metavar="N",
                    help="a word-precision query counts when N distinct articles hold it "
                         f"(default {MIN_ARTICLES})")
    ap.add_argument("--misses", action="store_true",
                    help="list, per word-precision query, the top-10 ranks that do not hold "
                         "the word, with their paths and titles")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    news = args.data / "news"
    if not news.is_dir():
        log(f"no test data at {args.data} (need news/); skipping")
        return 0
    vnindex, vnsearch = args.build_dir / "vnindex", args.build_dir / "vnsearch"
    for tool in (vnindex, vnsearch):
        if not os.access(tool, os.X_OK):
            log(f"{tool} not found; build first (scripts/eval.sh does)")
            return 2
    words = read_words(args.word_list)
    sugg = read_suggestions(args.suggestions)
    out: Path = args.out or args.build_dir / "eval-words.json"

    with tempfile.TemporaryDirectory(prefix="vnsearch-eval-words-") as tmp:
        work = Path(tmp)
        t0 = time.monotonic()
        if args.index is not None:
            index_dir, index_summary = args.index, {}
        else:
            index_dir, index_summary = ensure_index(news, vnindex, args.reuse_index, work)
        index_seconds = time.monotonic() - t0

        exact = {w.exact for w in words}
        exact |= {normalize_phrase(s.query) for s in sugg}
        exact |= {normalize_phrase(s.expected) for s in sugg}
        exact.discard("")
        log(f"reading {news} for the ground truth")
        truth = scan_corpus(news, exact, {w.folded for w in words})
        log(f"read {truth.files} files in {truth.seconds:.1f} s")

        t1 = time.monotonic()
        runs = {
            "accented": run_batch(vnsearch, index_dir, [(w.id, w.query) for w in words],
                                  ["--limit", str(TOP), "--passages", "0"], work, "accented"),
            "unaccented": run_batch(vnsearch, index_dir, [(w.id, w.ascii) for w in words],
                                    ["--limit", str(TOP), "--passages", "0"], work,
                                    "unaccented"),
        }
        counted = [w for w in words if w.count]
        plain = run_batch(vnsearch, index_dir, [(w.id, w.query) for w in counted],
                          ["--count"], work, "count")
        quoted = run_batch(vnsearch, index_dir, [(w.id, f'"{w.query}"') for w in counted],
                           ["--count"], work, "count-quoted")
        sug_runs = run_batch(vnsearch, index_dir, [(s.id, s.query) for s in sugg],
                             ["--limit", "1", "--passages", "0"], work, "suggestions")
        search_seconds = time.monotonic() - t1

    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "data": str(news.resolve()),
        "index": {"dir": str(index_dir) if (args.reuse_index or args.index) else None,
                  "seconds": round(index_seconds, 1), "vnindex": index_summary},
        "truth": {"files": truth.files, "distinct_texts": len(set(truth.dup_key.values())),
                  "seconds": round(truth.seconds, 1)},
        "search_seconds": round(search_seconds, 1),
        "word_precision": word_precision(words, truth, runs, args.min_articles),
        "counts": counts(counted, truth, plain, quoted),
        "suggestions": suggestions(sugg, truth, sug_runs),
    }
    print_tables(report)
    if args.misses:
        print_misses(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
