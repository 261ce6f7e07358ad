#!/usr/bin/env python3
"""Helpers for scripts/bench.sh: the SQLite FTS5 peer and the report.

  bench_search.py fts5-index CORPUS_DIR DB      build the FTS5 index, print a JSON summary
  bench_search.py fts5-query DB QUERY_FILE      warm-up + timed pass, print per-query ms as JSON
  bench_search.py report OUT_DIR                print the comparison table, write OUT_DIR/bench.json
  bench_search.py select-classes DATA_DIR       choose the class queries (seed 13), print the TSV
  bench_search.py classes DATA_DIR SELECTION SHORT QDIR
                                                write each class's queries to QDIR/CLASS.txt
  bench_search.py copies CORPUS_DIR DEST N      N copies of the corpus, one distinct line added

Query classes (issue #13): `short` is benchmarks/bench_queries.txt; the others
come from ../shared/data, whose text never goes into the repository: the
repository holds only the selection (benchmarks/bench_classes.tsv, CLASS<TAB>
SOURCE ID), made once by `select-classes` and turned into query files at run
time by `classes`.

Standard library only (python3's sqlite3 must have FTS5).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import sqlite3
import statistics
import sys
import random
import shutil
import time
import unicodedata
from pathlib import Path

# The file types vnindex reads; the FTS5 peer indexes the same files.
EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl")
SNIPPET_SQL = ("SELECT path, snippet(t, 1, '[', ']', '…', 20) FROM t WHERE t MATCH ? "
               "ORDER BY bm25(t) LIMIT 10")


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Corpus and queries


def corpus_files(root: Path) -> list[Path]:
    """Files vnindex would read: known extensions, hidden files and folders skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(EXTENSIONS):
                found.append(Path(folder) / name)
    return found


def read_queries(path: Path) -> list[str]:
    """One query per line, optionally ID<TAB>QUERY; blank lines skipped (as vnsearch)."""
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        query = line.split("\t", 1)[-1]
        if query.strip():
            queries.append(query)
    return queries


def fts5_match(query: str) -> str:
    """Quotes every word for FTS5 syntax; "quoted phrases" stay phrases."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        text = phrase if phrase else word.replace('"', "")
        if text.strip():
            parts.append('"' + text.replace('"', '""') + '"')
    return " ".join(parts)


# --------------------------------------------------------------------------
# Query classes

# Class name -> (source under DATA_DIR, what a query is, fold to ASCII?).
CLASS_SOURCES = {
    "headline": ("news/baomoi-2017", "title", False),
    "headline-ascii": ("news/baomoi-2017", "title", True),
    "topic": ("qa/vmds/queries.jsonl", "query", False),
    "question": ("qa/xquad-vi/queries.jsonl", "query", False),
}
CLASS_ORDER = ("short", "headline", "headline-ascii", "topic", "question")
SELECT_SEED = 13  # issue #13
SELECT_PER_CLASS = 60


def fold(text: str) -> str:
    """Without diacritics, as ../shared/data's query_ascii: đ→d, NFD, drop marks."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))


def word_count(text: str) -> int:
    """Whitespace-separated tokens holding a letter or digit (a lone `-` is no word)."""
    return sum(1 for t in text.split() if re.search(r"\w", t))


def one_line(text: str) -> str:
    """A query fit for a query file line: no tab or line break."""
    return " ".join(text.replace("\t", " ").split())


def baomoi_title(path: Path) -> str:
    with path.open("r", encoding="utf-8", errors="replace") as f:
        return one_line(f.readline())


def jsonl_queries(path: Path, field: str) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            found[str(rec["id"])] = one_line(rec[field])
    return found


def select_classes(data: Path, seed: int, per_class: int) -> list[str]:
    """The selection TSV: deterministic for a given data folder and seed."""
    rng = random.Random(seed)
    lines = [
        "# Query classes of scripts/bench.sh (issue #13): CLASS<TAB>SOURCE ID. Only the",
        "# ids are committed; scripts/bench.sh reads the queries from the data folder.",
        f"# Made by: scripts/bench_search.py select-classes DATA_DIR --seed {seed} "
        f"--per-class {per_class} > benchmarks/bench_classes.tsv",
        "# headline: the title (line 1) of news/baomoi-2017/ID, titles of more than five",
        "#   words, each title once; headline-ascii: the same titles without diacritics (đ→d);",
        "# topic: qa/vmds/queries.jsonl `query` of 6 to 10 words; question:",
        "#   qa/xquad-vi/queries.jsonl `query`. Words: whitespace-separated tokens with a",
        "#   letter or digit. The short class is benchmarks/bench_queries.txt.",
    ]
    folder = data / "news/baomoi-2017"
    titles: dict[str, str] = {}
    seen: set[str] = set()
    repeated: set[str] = set()
    for f in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        title = baomoi_title(f)
        if word_count(title) > 5:
            (repeated if title in seen else seen).add(title)
            titles[f.name] = title
    names = sorted(n for n, t in titles.items() if t not in repeated)
    headlines = sorted(rng.sample(names, min(per_class, len(names))))
    lines += [f"headline\t{n}" for n in headlines]
    lines += [f"headline-ascii\t{n}" for n in headlines]
    vmds = jsonl_queries(data / "qa/vmds/queries.jsonl", "query")
    topics = sorted(i for i, q in vmds.items() if 6 <= word_count(q) <= 10)
    lines += [f"topic\t{i}" for i in sorted(rng.sample(topics, min(per_class, len(topics))))]
    xquad = jsonl_queries(data / "qa/xquad-vi/queries.jsonl", "query")
    questions = sorted(xquad)
    lines += [f"question\t{i}"
              for i in sorted(rng.sample(questions, min(per_class, len(questions))))]
    return lines


def read_selection(path: Path) -> dict[str, list[str]]:
    selection: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, source_id = line.split("\t", 1)
        selection.setdefault(name, []).append(source_id.strip())
    return selection


def materialise_classes(data: Path | None, selection_file: Path, short: Path,
                        qdir: Path) -> dict:
    """Writes QDIR/CLASS.txt (ID<TAB>QUERY lines) for every class whose source is
    in DATA_DIR; a class without its source is skipped with a note, not an error."""
    qdir.mkdir(parents=True, exist_ok=True)
    for old in qdir.glob("*.txt"):
        old.unlink()
    classes, skipped = [], []
    shutil.copyfile(short, qdir / "short.txt")
    classes.append({"name": "short", "file": str(qdir / "short.txt"), "source": str(short),
                    "queries": len(read_queries(short))})
    selection = read_selection(selection_file) if selection_file.is_file() else {}
    if not selection:
        skipped.append({"name": "(all but short)", "note": f"no selection file {selection_file}"})
    cache: dict[str, dict[str, str]] = {}
    for name in [c for c in CLASS_ORDER if c in selection] + sorted(
            c for c in selection if c not in CLASS_ORDER):
        if name not in CLASS_SOURCES:
            skipped.append({"name": name, "note": "unknown class in the selection file"})
            continue
        rel, field, ascii_only = CLASS_SOURCES[name]
        source = data / rel if data else None
        if source is None or not source.exists():
            skipped.append({"name": name, "note": f"source {source or rel} missing"
                            + ("" if data else " (no data folder; give --data DIR)")})
            continue
        queries = []
        missing = 0
        for source_id in selection[name]:
            if source.is_dir():
                f = source / source_id
                text = baomoi_title(f) if f.is_file() else ""
            else:
                if rel not in cache:
                    cache[rel] = jsonl_queries(source, field)
                text = cache[rel].get(source_id, "")
            if not text:
                missing += 1
                continue
            queries.append((f"{name}-{Path(source_id).stem}", fold(text) if ascii_only else text))
        if not queries:
            skipped.append({"name": name, "note": f"none of its {missing} ids found in {source}"})
            continue
        path = qdir / f"{name}.txt"
        path.write_text("".join(f"{i}\t{q}\n" for i, q in queries), encoding="utf-8")
        entry = {"name": name, "file": str(path), "source": str(source), "queries": len(queries)}
        if missing:
            entry["missing_ids"] = missing
        classes.append(entry)
    return {"classes": classes, "skipped": skipped}


# --------------------------------------------------------------------------
# Scale mode: N copies of the corpus

COPY_APPEND = ".txt", ".html", ".htm"  # JSON files would no longer parse with a line added


def make_copies(corpus: Path, dest: Path, n: int) -> dict:
    """DEST/copy-K/... for K in 1..N: each file of the corpus copied (never linked)
    with the line `(bản sao K)` appended, so that no file duplicates another."""
    files = corpus_files(corpus)
    raw = sum(f.stat().st_size for f in files)
    dest.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(dest).free
    need = n * raw * 7  # the copies, and an index of up to 6 times the text
    if free < need:
        raise SystemExit(f"bench: copies: {free / 1e9:.1f} GB free in {dest}, "
                         f"want {need / 1e9:.1f} GB for {n} copies and their index")
    unchanged = 0
    for k in range(1, n + 1):
        tail = f"\n(bản sao {k})".encode("utf-8")
        for f in files:
            target = dest / f"copy-{k}" / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = f.read_bytes()
            if f.name.lower().endswith(COPY_APPEND):
                data += tail
            else:
                unchanged += 1
            target.write_bytes(data)
    return {"copies": n, "files": len(files) * n, "bytes": dir_size(dest),
            "corpus_files": len(files), "corpus_bytes": raw, "copied_unchanged": unchanged}


# --------------------------------------------------------------------------
# FTS5


def fts5_index(corpus: Path, db_path: Path) -> dict:
    if db_path.exists():
        db_path.unlink()
    t0 = time.monotonic()
    con = sqlite3.connect(db_path)
    con.execute('CREATE VIRTUAL TABLE t USING fts5(path, content, '
                'tokenize = "unicode61 remove_diacritics 2")')
    files = corpus_files(corpus)
    total = 0
    with con:
        for f in files:
            data = f.read_bytes()
            total += len(data)
            con.execute("INSERT INTO t(path, content) VALUES (?, ?)",
                        (str(f.relative_to(corpus)), data.decode("utf-8", errors="replace")))
    with con:
        con.execute("INSERT INTO t(t) VALUES('optimize')")
    con.close()
    return {"documents": len(files), "bytes": total, "seconds": round(time.monotonic() - t0, 3),
            "sqlite": sqlite3.sqlite_version}


def fts5_run(con: sqlite3.Connection, match: str, quiet: bool = False) -> tuple[float, int]:
    """ms and rows of one query; -1 rows when FTS5 rejected it (counted, not fatal)."""
    t0 = time.perf_counter()
    try:
        rows = len(con.execute(SNIPPET_SQL, (match,)).fetchall())
    except sqlite3.Error as e:
        if not quiet:
            log(f"fts5: {match}: {e}")
        rows = -1
    return (time.perf_counter() - t0) * 1000.0, rows


def fts5_query(db_path: Path, query_file: Path) -> dict:
    queries = [fts5_match(q) for q in read_queries(query_file)]
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    for q in queries:  # warm-up
        fts5_run(con, q)
    t0 = time.monotonic()
    runs = [fts5_run(con, q, quiet=True) for q in queries]
    seconds = time.monotonic() - t0
    count = con.execute("SELECT count(*) FROM t").fetchone()[0]
    return {"documents": count, "queries": len(queries), "seconds": round(seconds, 6),
            "errors": sum(1 for _, n in runs if n < 0),
            "ms": [round(ms, 4) for ms, _ in runs], "returned": [max(n, 0) for _, n in runs]}


# --------------------------------------------------------------------------
# Report


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def gnu_time(path: Path) -> dict:
    """Wall seconds and peak RSS (MB) from a `/usr/bin/time -v -o` file."""
    wall, rss = float("nan"), float("nan")
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = [float(x) for x in line.rsplit(" ", 1)[-1].split(":")]
            wall = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[-1]) / 1024.0
    return {"wall_seconds": wall, "peak_rss_mb": round(rss, 1)}


def gnu_times(out: Path, name: str) -> dict:
    """gnu_time over the rounds OUT/NAME.<round>.time (or OUT/NAME.time): the
    median wall time, the largest peak RSS, and each round's wall time."""
    files = sorted(out.glob(f"{name}.*.time"), key=lambda p: int(p.name.split(".")[-2]))
    runs = [gnu_time(f) for f in files] or [gnu_time(out / f"{name}.time")]
    walls = [r["wall_seconds"] for r in runs]
    return {"wall_seconds": statistics.median(walls),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "rounds_wall_seconds": walls}


def dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def vnsearch_batch(path: Path) -> dict:
    """Per-query ms, hits and phase times (--timings) from the summary records
    of a vnsearch --json batch; queries it could not run (`error` records) are
    counted apart."""
    ms, returned, timings, errors = [], [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("type") == "summary":
            ms.append(float(rec["ms"]))
            returned.append(int(rec.get("returned", 0)))
            if "timings" in rec:
                timings.append(rec["timings"])
        elif rec.get("type") == "error":
            errors += 1
    return {"ms": ms, "returned": returned, "timings": timings, "errors": errors}


# The phases of a vnsearch search (--timings), in the order they run.
PHASES = ("parse", "draw", "reading", "alternatives", "match", "rescore", "lift", "groups",
          "hits", "counts")


def phase_medians(timings: list[dict]) -> dict:
    """Median ms of each phase over a class's queries (0 for a query without it)."""
    seen = {p for t in timings for p in t}
    names = [p for p in PHASES if p in seen] + sorted(seen - set(PHASES))
    return {p: round(percentile([float(t.get(p, 0.0)) for t in timings], 50), 3) for p in names}


def latency(ms: list[float], returned: list[int], seconds: float, queries: int) -> dict:
    return {
        "queries": len(ms),
        "median_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "queries_per_second": round(queries / seconds, 1) if seconds > 0 else None,
        "zero_hit_queries": sum(1 for n in returned if n == 0),
    }


SLOW_MS = 50.0  # issue #13: no query above 50 ms


def class_latency(ms: list[float], returned: list[int], errors: int, queries: int) -> dict:
    """median/p95/p99/max and the queries over SLOW_MS; errors counted apart."""
    return {
        "queries": queries,
        "median_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "max_ms": round(max(ms), 3) if ms else float("nan"),
        "over_50_ms": sum(1 for v in ms if v > SLOW_MS),
        "errors": errors,
        "zero_hit_queries": sum(1 for n in returned if n == 0),
    }


def vnsearch_class(path: Path) -> dict:
    b = vnsearch_batch(path)
    entry = class_latency(b["ms"], b["returned"], b["errors"], len(b["ms"]) + b["errors"])
    if b["timings"]:
        entry["phases_median_ms"] = phase_medians(b["timings"])
    return entry


def print_phases(title: str, rows: list[tuple[str, dict]]) -> None:
    """Under `title`, one row per (label, phases_median_ms), a column per phase
    any row has; nothing when no row has phases (a vnsearch without --timings)."""
    rows = [(label, phases) for label, phases in rows if phases]
    if not rows:
        return
    print()
    print(title)
    seen = {p for _, phases in rows for p in phases}
    names = [p for p in PHASES if p in seen] + sorted(seen - set(PHASES))
    widths = [max(9, len(p) + 1) for p in names]
    head = f"{'':<22}" + "".join(f"{p:>{w}}" for p, w in zip(names, widths))
    print(head)
    print("-" * len(head))
    for label, phases in rows:
        print(f"{label:<22}" + "".join(f"{num(phases.get(p, 0.0)):>{w}}"
                                       for p, w in zip(names, widths)))


def indexing(docs: int, raw_bytes: int, index_bytes: int, timing: dict) -> dict:
    wall = timing["wall_seconds"]
    return {
        "documents": docs,
        "wall_seconds": round(wall, 2),
        "docs_per_second": round(docs / wall, 1) if wall > 0 else None,
        "mb_per_second": round(raw_bytes / 1e6 / wall, 2) if wall > 0 else None,
        "peak_rss_mb": timing["peak_rss_mb"],
        "index_mb": round(index_bytes / 1e6, 1),
        "index_to_raw": round(index_bytes / raw_bytes, 2) if raw_bytes else None,
        "rounds_wall_seconds": timing.get("rounds_wall_seconds", [wall]),
    }


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "loadavg": os.getloadavg()}


def peer_class(path: Path, ok_key: str) -> dict:
    """class_latency of a xapian_query_bench (ok_key "matches") or fts5-query
    ("returned") JSON output; their ms include the queries that failed."""
    q = load_json(path)
    return class_latency(q["ms"], q[ok_key], int(q.get("errors", 0)), int(q["queries"]))


def build_classes(out: Path) -> dict:
    """OUT/runs/CLASS/{vnsearch.jsonl,omindex.json,fts5.json} for each class of
    OUT/queries/classes.json."""
    listing = load_json(out / "queries" / "classes.json")
    classes = {}
    for c in listing["classes"]:
        runs = out / "runs" / c["name"]
        entry = {"queries": c["queries"], "source": c["source"],
                 "vnsearch": vnsearch_class(runs / "vnsearch.jsonl")}
        if (runs / "omindex.json").is_file():
            entry["omindex"] = peer_class(runs / "omindex.json", "matches")
        if (runs / "fts5.json").is_file():
            entry["fts5"] = peer_class(runs / "fts5.json", "returned")
        if "missing_ids" in c:
            entry["missing_ids"] = c["missing_ids"]
        classes[c["name"]] = entry
    return {"classes": classes, "skipped": listing["skipped"]}


def build_scale(out: Path, one_copy: dict) -> dict | None:
    """Scale mode: the N-copy build and each class on one and on N copies."""
    if not (out / "scale-copies.json").is_file():
        return None
    copies = load_json(out / "scale-copies.json")
    n = copies["copies"]
    vn_many = load_json(out / "vnindex-scale.json")
    many_index = indexing(vn_many["documents"], copies["bytes"], dir_size(out / "index-scale"),
                          gnu_time(out / "vnindex-scale.time"))
    classes = {}
    for run in sorted((out / "runs-scale").iterdir()):
        classes[run.name] = {"one": vnsearch_class(run / "one.jsonl"),
                             "many": vnsearch_class(run / "many.jsonl")}
    order = [c for c in CLASS_ORDER if c in classes] + sorted(
        c for c in classes if c not in CLASS_ORDER)

    def div(a, b):
        return round(a / b, 3) if a is not None and b else None

    for c in order:
        one, many = classes[c]["one"], classes[c]["many"]
        classes[c]["median_ratio"] = div(many["median_ms"], one["median_ms"])
        classes[c]["p95_ratio"] = div(many["p95_ms"], one["p95_ms"])
    return {
        "copies": n, "files": copies["files"], "raw_bytes": copies["bytes"],
        "copied_unchanged": copies["copied_unchanged"],
        "indexing": {"one": one_copy, "many": many_index,
                     "wall_ratio": div(many_index["wall_seconds"], one_copy["wall_seconds"]),
                     "size_ratio": div(many_index["index_mb"], one_copy["index_mb"]),
                     "documents_ratio": div(many_index["documents"], one_copy["documents"])},
        "classes": {c: classes[c] for c in order},
        "notes": ["vnsearch only: omindex and FTS5 are not run on the copies.",
                  "Each class runs on the one-copy index, then on the N-copy index, "
                  "back to back (warm-up batch, then the timed batch).",
                  "The N-copy folder is indexed once; the one-copy wall time is the "
                  "median of the rounds above."],
    }


def build_report(out: Path) -> dict:
    meta = load_json(out / "meta.json")
    raw = int(meta["raw_bytes"])
    fts_idx = load_json(out / "fts5-index.json")
    short = out / "runs" / "short"
    xap_q = load_json(short / "omindex.json")
    fts_q = load_json(short / "fts5.json")
    vn_idx = load_json(out / "vnindex.json")
    vn_q = vnsearch_batch(short / "vnsearch.jsonl")
    vn_time = gnu_time(short / "vnsearch.time")
    index = {
        "vnsearch": indexing(vn_idx["documents"], raw, dir_size(out / "index-vnsearch"),
                             gnu_times(out, "vnindex")),
        "omindex": indexing(xap_q["documents"], raw, dir_size(out / "index-omindex"),
                            gnu_times(out, "omindex")),
        "fts5": indexing(fts_idx["documents"], raw, dir_size(out / "index-fts5.db"),
                         gnu_time(out / "fts5-index.time")),
    }
    search = {
        "vnsearch": latency(vn_q["ms"], vn_q["returned"], vn_time["wall_seconds"],
                            len(vn_q["ms"])),
        "omindex": latency(xap_q["ms"], [1 if m else 0 for m in xap_q["matches"]],
                           xap_q["seconds"], xap_q["queries"]),
        "fts5": latency(fts_q["ms"], fts_q["returned"], fts_q["seconds"], fts_q["queries"]),
    }
    search["vnsearch"]["peak_rss_mb"] = vn_time["peak_rss_mb"]
    search["omindex"]["peak_rss_mb"] = gnu_time(short / "omindex.time")["peak_rss_mb"]
    search["fts5"]["peak_rss_mb"] = gnu_time(short / "fts5.time")["peak_rss_mb"]
    classes = build_classes(out)
    report = {"machine": {**machine(), **meta.get("machine", {})},
              "corpus": meta["corpus"], "files": meta["files"], "raw_bytes": raw,
              "query_file": meta["query_file"], "data_dir": meta.get("data_dir"),
              "indexing": index, "search": search,
              "classes": classes["classes"], "classes_skipped": classes["skipped"],
              "notes": meta.get("notes", [])}
    scale = build_scale(out, index["vnsearch"])
    if scale:
        report["scale"] = scale
    return report


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0 or any(map(math.isnan, (a, b))):
        return "-"
    return f"{a / b:.2f}x"


def num(v: float | int | None, fmt: str = "{:.2f}") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return fmt.format(v)


def print_classes(r: dict) -> None:
    stats = (("median", "median_ms"), ("p95", "p95_ms"), ("p99", "p99_ms"), ("max", "max_ms"))
    header = (f"{'class':<16}{'n':>4}  {'engine':<12}" + "".join(f"{h:>9}" for h, _ in stats)
              + f"{'>50ms':>7}{'errors':>8}{'0-hit':>7}")
    print("Query latency per class, ms (top 10 with passages/snippets, warm; vnsearch: "
          "the `ms` of its second batch run)")
    print(header)
    print("-" * len(header))
    for name, c in r["classes"].items():
        first = f"{name:<16}{c['queries']:>4}  "
        for engine in ("vnsearch", "omindex", "fts5"):
            if engine not in c:
                continue
            e = c[engine]
            cells = "".join(f"{num(e[k]):>9}" for _, k in stats)
            print(f"{first}{engine:<12}{cells}{e['over_50_ms']:>7}{e['errors']:>8}"
                  f"{e['zero_hit_queries']:>7}")
            first = " " * 22
        for peer in ("omindex", "fts5"):
            if peer in c:
                cells = "".join(f"{ratio(c['vnsearch'][k], c[peer][k]):>9}" for _, k in stats)
                print(f"{first}{'vn/' + peer:<12}{cells}")
    print(f"  >50ms: queries over {SLOW_MS:.0f} ms; errors: queries the engine could not run "
          "(not in the latency figures for vnsearch); 0-hit: queries with no hit.")
    print("  p99 is the slowest query when a class has fewer than 100 queries (nearest rank). "
          "FTS5 ANDs every word, so long queries mostly find nothing and return at once: "
          "compare its 0-hit count before its speed.")
    for s in r.get("classes_skipped", []):
        print(f"  skipped: {s['name']}: {s['note']}")
    print_phases("Where vnsearch's time goes: median ms of each phase over a class's queries "
                 "(vnsearch --timings; a median each, so they need not add up to the class's)",
                 [(name, c["vnsearch"].get("phases_median_ms", {}))
                  for name, c in r["classes"].items()])


def print_scale(sc: dict) -> None:
    n = sc["copies"]
    one, many = sc["indexing"]["one"], sc["indexing"]["many"]
    print(f"Scale: {n} copies of the corpus, {sc['files']} files, {sc['raw_bytes'] / 1e6:.1f} MB "
          f"(each file with one distinct line added). vnsearch only.")
    head = f"{'':<24}{'1 copy':>10}{f'{n} copies':>11}{'ratio':>9}"
    print(head)
    print("-" * len(head))
    for label, key, fmt in (("index: documents", "documents", "{:d}"),
                            ("index: wall s", "wall_seconds", "{:.1f}"),
                            ("index: peak RSS MB", "peak_rss_mb", "{:.0f}"),
                            ("index: size MB", "index_mb", "{:.0f}")):
        print(f"{label:<24}{num(one[key], fmt):>10}{num(many[key], fmt):>11}"
              f"{ratio(many[key], one[key]):>9}")
    print()
    head = (f"{'class':<16}{'n':>4}{'median 1':>10}{f'median {n}':>10}{'ratio':>8}"
            f"{'p95 1':>9}{f'p95 {n}':>9}{'ratio':>8}{'>50ms 1':>9}{f'>50ms {n}':>9}")
    print(head)
    print("-" * len(head))
    for name, c in sc["classes"].items():
        o, m = c["one"], c["many"]
        print(f"{name:<16}{o['queries']:>4}{num(o['median_ms']):>10}{num(m['median_ms']):>10}"
              f"{ratio(m['median_ms'], o['median_ms']):>8}{num(o['p95_ms']):>9}"
              f"{num(m['p95_ms']):>9}{ratio(m['p95_ms'], o['p95_ms']):>8}"
              f"{o['over_50_ms']:>9}{m['over_50_ms']:>9}")
    ix = sc["indexing"]
    target = " (issue #15 target for 4 copies: at most 4.2)" if n == 4 else ""
    print(f"Build time ratio ({n} copies / 1 copy): {num(ix['wall_ratio'])}{target}; "
          f"index size ratio: {num(ix['size_ratio'])}; documents ratio: "
          f"{num(ix['documents_ratio'])}.")
    if n == 4:
        print("Issue #13 target at 4 copies: each class's median at most 1.5 times its "
              "one-copy figure.")
    rows = []
    for name, c in sc["classes"].items():
        rows.append((f"{name} 1", c["one"].get("phases_median_ms", {})))
        rows.append((f"{name} {n}", c["many"].get("phases_median_ms", {})))
    print_phases(f"Where the time goes on 1 and on {n} copies: median ms of each phase "
                 "(vnsearch --timings)", rows)
    if ix["documents_ratio"] is not None and abs(ix["documents_ratio"] - n) > 0.01:
        print(f"  note: the {n}-copy index holds {many['documents']} documents, not "
              f"{n} × {one['documents']}: vnindex merged or skipped some copies.")
    if sc["copied_unchanged"]:
        print(f"  note: {sc['copied_unchanged']} JSON files were copied without an added line "
              "(they would no longer parse), so their copies are duplicates.")
    for note in sc["notes"]:
        print(f"  {note}")


def print_report(r: dict) -> None:
    m = r["machine"]
    print(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['date']} (load avg at start "
          f"{m.get('loadavg_start', '?')}, at the report {m['loadavg'][0]:.2f})")
    print(f"Corpus: {r['corpus']} — {r['files']} files, {r['raw_bytes'] / 1e6:.1f} MB")
    print()
    engines = ("vnsearch", "omindex", "fts5")
    rows = [
        ("index: wall s", "indexing", "wall_seconds", "{:.1f}"),
        ("index: docs/s", "indexing", "docs_per_second", "{:.0f}"),
        ("index: MB/s", "indexing", "mb_per_second", "{:.2f}"),
        ("index: peak RSS MB", "indexing", "peak_rss_mb", "{:.0f}"),
        ("index: size MB", "indexing", "index_mb", "{:.0f}"),
        ("index: size / raw", "indexing", "index_to_raw", "{:.2f}"),
        ("query: median ms", "search", "median_ms", "{:.2f}"),
        ("query: p95 ms", "search", "p95_ms", "{:.2f}"),
        ("query: p99 ms", "search", "p99_ms", "{:.2f}"),
        ("query: queries/s", "search", "queries_per_second", "{:.1f}"),
        ("query: peak RSS MB", "search", "peak_rss_mb", "{:.0f}"),
        ("query: zero-hit queries", "search", "zero_hit_queries", "{:d}"),
    ]
    header = f"{'':<24}" + "".join(f"{e:>11}" for e in engines)
    header += f"{'vn/omindex':>12}{'vn/fts5':>10}"
    print(header)
    print("-" * len(header))
    for label, section, key, fmt in rows:
        vals = [r[section][e].get(key) for e in engines]
        cells = "".join(f"{(fmt.format(v) if v is not None else '-'):>11}" for v in vals)
        print(f"{label:<24}{cells}{ratio(vals[0], vals[1]):>12}{ratio(vals[0], vals[2]):>10}")
    print()
    vn, om = r["indexing"]["vnsearch"], r["indexing"]["omindex"]
    if len(vn["rounds_wall_seconds"]) > 1:
        rates = [ratio(vn["documents"] / v if v else None, om["documents"] / o if o else None)
                 for v, o in zip(vn["rounds_wall_seconds"], om["rounds_wall_seconds"])]
        print(f"Indexing rounds (vnindex then omindex, median above): vnindex "
              f"{', '.join(f'{w:.1f}' for w in vn['rounds_wall_seconds'])} s; omindex "
              f"{', '.join(f'{w:.1f}' for w in om['rounds_wall_seconds'])} s; "
              f"vn/omindex docs/s per round {', '.join(rates)}")
    print(f"Queries (rows above): the short class, {r['search']['vnsearch']['queries']} from "
          f"{r['query_file']}, top 10 with passages/snippets, warm, one process per engine "
          "(vnsearch: second batch run).")
    for note in r["notes"]:
        print(f"  {note}")
    print()
    print_classes(r)
    if "scale" in r:
        print()
        print_scale(r["scale"])


# --------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("fts5-index", help="build the FTS5 index of a folder")
    p.add_argument("corpus", type=Path)
    p.add_argument("db", type=Path)
    p = sub.add_parser("fts5-query", help="time the query file against an FTS5 index")
    p.add_argument("db", type=Path)
    p.add_argument("queries", type=Path)
    p = sub.add_parser("report", help="print the table and write OUT_DIR/bench.json")
    p.add_argument("out", type=Path)
    p = sub.add_parser("files", help="count the files and bytes vnindex would read")
    p.add_argument("corpus", type=Path)
    p = sub.add_parser("select-classes",
                       help="choose the class queries from DATA_DIR, print the selection TSV")
    p.add_argument("data", type=Path)
    p.add_argument("--seed", type=int, default=SELECT_SEED)
    p.add_argument("--per-class", type=int, default=SELECT_PER_CLASS)
    p = sub.add_parser("classes", help="write each class's query file; print the class names")
    p.add_argument("data", help="the data folder (holding news/ and qa/), or '' for none")
    p.add_argument("selection", type=Path)
    p.add_argument("short", type=Path)
    p.add_argument("qdir", type=Path)
    p = sub.add_parser("copies",
                       help="N copies of a corpus, each file with one distinct line added")
    p.add_argument("corpus", type=Path)
    p.add_argument("dest", type=Path)
    p.add_argument("n", type=int)
    args = ap.parse_args()

    if args.cmd == "fts5-index":
        print(json.dumps(fts5_index(args.corpus, args.db)))
    elif args.cmd == "fts5-query":
        print(json.dumps(fts5_query(args.db, args.queries)))
    elif args.cmd == "files":
        files = corpus_files(args.corpus)
        print(json.dumps({"files": len(files), "bytes": sum(f.stat().st_size for f in files)}))
    elif args.cmd == "select-classes":
        print("\n".join(select_classes(args.data, args.seed, args.per_class)))
    elif args.cmd == "classes":
        listing = materialise_classes(Path(args.data) if args.data else None, args.selection,
                                      args.short, args.qdir)
        (args.qdir / "classes.json").write_text(
            json.dumps(listing, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for c in listing["classes"]:
            print(c["name"])
        for skipped in listing["skipped"]:
            log(f"class {skipped['name']} skipped: {skipped['note']}")
    elif args.cmd == "copies":
        print(json.dumps(make_copies(args.corpus, args.dest, args.n)))
    else:
        report = build_report(args.out)
        print_report(report)
        (args.out / "bench.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"wrote {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
