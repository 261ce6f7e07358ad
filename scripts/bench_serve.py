#!/usr/bin/env python3
"""Speed of `vnsearch serve` over HTTP on loopback, against the CLI.

    scripts/bench_serve.py CORPUS_DIR [--index DIR] [--rounds N]

Indexes CORPUS_DIR (unless --index names an index of it), then for the
queries of benchmarks/bench_queries.txt:
  - the CLI's query time: the `ms` of `vnsearch --json --facets
    source,category,year --queries` (the page counts the same facets), warm;
  - the page time: GET /search?q=… timed by the client, keep-alive, warm;
  - throughput: 2 clients at once, each asking every query N rounds;
  - the server's peak memory (VmHWM).
Prints medians and the per-query difference. A missing CORPUS_DIR is
reported and skipped (exit 0). Binaries come from $VNSEARCH_BUILD_DIR
(default build/).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD_DIR = Path(os.environ.get("VNSEARCH_BUILD_DIR", REPO / "build"))
QUERIES = REPO / "benchmarks" / "bench_queries.txt"


def cli_times(index: Path, queries: list[str]) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(f"{i}\t{q}" for i, q in enumerate(queries)) + "\n")
        path = f.name
    try:
        times: dict[str, float] = {}
        for _ in range(2):  # the second run is warm
            out = subprocess.run(
                [str(BUILD_DIR / "vnsearch"), "-d", str(index), "--json", "--facets",
                 "source,category,year", "--queries", path],
                capture_output=True, text=True, check=False).stdout
            for line in out.splitlines():
                record = json.loads(line)
                if record.get("type") == "summary":
                    times[record["query_id"]] = record["ms"]
        return [times[str(i)] for i in range(len(queries))]
    finally:
        os.unlink(path)


def page_path(query: str) -> str:
    return "/search?q=" + urllib.parse.quote_plus(query)


def timed_get(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index", type=Path, help="an index of CORPUS_DIR already built")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"bench_serve: no corpus at {args.corpus}: skipped", file=sys.stderr)
        return 0
    queries = [q for q in QUERIES.read_text(encoding="utf-8").splitlines()
               if q.strip() and not q.startswith("#")]
    with tempfile.TemporaryDirectory(prefix="vnsearch-bench-serve-") as tmp:
        index = args.index
        if index is None:
            index = Path(tmp) / "index"
            subprocess.run([str(BUILD_DIR / "vnindex"), "-q", str(args.corpus), "-d", str(index)],
                           check=False)
        cli = cli_times(index, queries)

        server = subprocess.Popen(
            [str(BUILD_DIR / "vnsearch"), "serve", "-d", str(index), "--listen", "127.0.0.1:0"],
            stderr=subprocess.PIPE, text=True)
        port = None
        for line in server.stderr:
            match = re.search(r"127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        # The log lines go on; read them away so that the server never blocks.
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port)
            for q in queries:  # warm: every searcher and the page cache
                timed_get(connection, page_path(q))
            page = [statistics.median(timed_get(connection, page_path(q))
                                      for _ in range(args.rounds)) for q in queries]
            connection.close()

            done = [0, 0]

            def client(n: int) -> None:
                c = http.client.HTTPConnection("127.0.0.1", port)
                for _ in range(args.rounds):
                    for q in queries:
                        timed_get(c, page_path(q))
                        done[n] += 1
                c.close()

            started = time.perf_counter()
            threads = [threading.Thread(target=client, args=(n,)) for n in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            seconds = time.perf_counter() - started
            status = Path(f"/proc/{server.pid}/status").read_text()
            peak_kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        finally:
            server.terminate()
            server.wait()

    diffs = [p - c for p, c in zip(page, cli)]
    print(f"queries: {len(queries)} from {QUERIES.relative_to(REPO)}, {args.rounds} rounds")
    print(f"CLI query time (--facets source,category,year), median: {statistics.median(cli):.2f} ms")
    print(f"page time over HTTP, median:                          {statistics.median(page):.2f} ms")
    print(f"page minus CLI per query, median:                     {statistics.median(diffs):.2f} ms"
          f" (90th percentile {sorted(diffs)[int(len(diffs) * 0.9)]:.2f} ms)")
    print(f"2 clients at once: {sum(done)} pages in {seconds:.2f} s = "
          f"{sum(done) / seconds:.0f} pages/s")
    print(f"server peak memory (VmHWM): {peak_kb / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
