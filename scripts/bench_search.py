#!/usr/bin/env python3
"""Helpers for scripts/bench.sh: the SQLite FTS5 peer and the report.

  bench_search.py fts5-index CORPUS_DIR DB      build the FTS5 index, print a JSON summary
  bench_search.py fts5-query DB QUERY_FILE      warm-up + timed pass, print per-query ms as JSON
  bench_search.py report OUT_DIR                print the comparison table, write OUT_DIR/bench.json

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
import time
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


def fts5_run(con: sqlite3.Connection, match: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    try:
        rows = con.execute(SNIPPET_SQL, (match,)).fetchall()
    except sqlite3.Error as e:
        log(f"fts5: {match}: {e}")
        rows = []
    return (time.perf_counter() - t0) * 1000.0, len(rows)


def fts5_query(db_path: Path, query_file: Path) -> dict:
    queries = [fts5_match(q) for q in read_queries(query_file)]
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    for q in queries:  # warm-up
        fts5_run(con, q)
    t0 = time.monotonic()
    runs = [fts5_run(con, q) for q in queries]
    seconds = time.monotonic() - t0
    count = con.execute("SELECT count(*) FROM t").fetchone()[0]
    return {"documents": count, "queries": len(queries), "seconds": round(seconds, 6),
            "ms": [round(ms, 4) for ms, _ in runs], "returned": [n for _, n in runs]}


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
    """Per-query ms and matches from the summary records of a vnsearch --json batch."""
    ms, returned = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("type") == "summary":
            ms.append(float(rec["ms"]))
            returned.append(int(rec.get("returned", 0)))
    return {"ms": ms, "returned": returned}


def latency(ms: list[float], returned: list[int], seconds: float, queries: int) -> dict:
    return {
        "queries": len(ms),
        "median_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "queries_per_second": round(queries / seconds, 1) if seconds > 0 else None,
        "zero_hit_queries": sum(1 for n in returned if n == 0),
    }


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


def build_report(out: Path) -> dict:
    meta = load_json(out / "meta.json")
    raw = int(meta["raw_bytes"])
    fts_idx = load_json(out / "fts5-index.json")
    xap_q = load_json(out / "xapian-queries.json")
    fts_q = load_json(out / "fts5-queries.json")
    vn_idx = load_json(out / "vnindex.json")
    vn_q = vnsearch_batch(out / "vnsearch-queries.jsonl")
    vn_time = gnu_time(out / "vnsearch-queries.time")
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
    search["omindex"]["peak_rss_mb"] = gnu_time(out / "xapian-queries.time")["peak_rss_mb"]
    search["fts5"]["peak_rss_mb"] = gnu_time(out / "fts5-queries.time")["peak_rss_mb"]
    return {"machine": {**machine(), **meta.get("machine", {})},
            "corpus": meta["corpus"], "files": meta["files"], "raw_bytes": raw,
            "query_file": meta["query_file"], "indexing": index, "search": search,
            "notes": meta.get("notes", [])}


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0 or any(map(math.isnan, (a, b))):
        return "-"
    return f"{a / b:.2f}x"


def print_report(r: dict) -> None:
    m = r["machine"]
    print(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['date']} (load avg at start "
          f"{m.get('loadavg_start', '?')})")
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
    print(f"Queries: {r['search']['vnsearch']['queries']} from {r['query_file']}, top 10 with "
          "passages/snippets, warm, one process per engine (vnsearch: second batch run).")
    for note in r["notes"]:
        print(f"  {note}")


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
    args = ap.parse_args()

    if args.cmd == "fts5-index":
        print(json.dumps(fts5_index(args.corpus, args.db)))
    elif args.cmd == "fts5-query":
        print(json.dumps(fts5_query(args.db, args.queries)))
    elif args.cmd == "files":
        files = corpus_files(args.corpus)
        print(json.dumps({"files": len(files), "bytes": sum(f.stat().st_size for f in files)}))
    else:
        report = build_report(args.out)
        print_report(report)
        (args.out / "bench.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"wrote {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
