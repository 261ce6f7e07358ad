#!/usr/bin/env python3
"""Near-copies and related articles, measured (issue #16).

Indexes NEWS_DIR with the vnindex of --build (and of --base-build, the
comparison, in turn with it), then prints Markdown for:

  cost      indexing wall time, index size and the median query time of
            benchmarks/bench_queries.txt (ms as vnsearch reports it, warm, one
            process) against the base build; runs alternate, medians reported
  groups    near-copy groups and their size distribution; exact duplicates
            (documents sharing a kDuplicatePrefix term) that are not grouped
  pairs     --pairs random pairs of members of one group, both titles and the
            start of both texts, to judge by reading
  pages     first pages (top 10) of the benchmark queries holding two members
            of one group, with collapsing and with --no-collapse
  related   --like for --related articles picked at random (seeded), or for
            the paths listed in --articles FILE: the article's title and the
            titles of what --like lists (at most 5; fewer, or none, when
            fewer articles clear its bar), to judge by reading

Needs xapian-delve (Debian xapian-tools) to read the groups. A missing
NEWS_DIR is reported and skipped (exit 0). Standard library only.

  scripts/eval_copies.py NEWS_DIR --build DIR [--base-build DIR] [--work DIR]
      [--rounds N] [--pairs 50] [--related 30] [--seed 16] [--articles FILE]
      [--reuse-index] [--out FILE]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "benchmarks" / "bench_queries.txt"


def log(message):
    print(f"eval_copies: {message}", file=sys.stderr, flush=True)


def run(argv, check=True):
    proc = subprocess.run(argv, capture_output=True, text=True)
    if check and proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"eval_copies: {' '.join(argv[:3])} … failed with {proc.returncode}")
    return proc


def folder_bytes(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def index_once(build, news, index):
    shutil.rmtree(index, ignore_errors=True)
    started = time.monotonic()
    run([str(Path(build) / "vnindex"), str(news), "-d", str(index), "-q"])
    return time.monotonic() - started, folder_bytes(index)


def query_ms(build, index):
    """Per-query ms (the summary's, i.e. the search alone) of the benchmark queries."""
    proc = run([str(Path(build) / "vnsearch"), "-d", str(index), "--queries", str(QUERIES),
                "--json", "-n", "10"])
    return [json.loads(l)["ms"] for l in proc.stdout.splitlines()
            if json.loads(l).get("type") == "summary"]


def delve_values(index, slot):
    """docid → value of `slot` for every document holding one."""
    proc = run(["xapian-delve", f"-V{slot}", "-1", str(index)])
    values = {}
    for line in proc.stdout.splitlines():
        docid, sep, value = line.partition(":")
        if sep and docid.strip().isdigit() and value:
            values[int(docid)] = value
    return values


def delve_terms(index, prefix):
    """term → termfreq for the terms starting with `prefix`."""
    proc = run(["xapian-delve", "-A", prefix, "-v", "-1", str(index)])
    terms = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(prefix) and parts[-1].isdigit():
            terms[parts[0]] = int(parts[-1])
    return terms


def delve_postings(index, term):
    proc = run(["xapian-delve", "-t", term, "-1", str(index)])
    return [int(l) for l in proc.stdout.splitlines() if l.strip().isdigit()]


def document(index, docid):
    """The document data (path, title, text, …) of `docid`."""
    out = run(["xapian-delve", "-r", str(docid), "-d", str(index)]).stdout
    start, end = out.find("{"), out.rfind("}")
    return json.loads(out[start:end + 1]) if 0 <= start < end else {}


def hits(build, index, args):
    proc = run([str(Path(build) / "vnsearch"), "-d", str(index), "--json"] + args)
    return [json.loads(l) for l in proc.stdout.splitlines() if json.loads(l)["type"] == "hit"]


def short(text, n=110):
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("news", type=Path)
    ap.add_argument("--build", required=True, type=Path)
    ap.add_argument("--base-build", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/nc-eval"))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--related", type=int, default=30)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--articles", type=Path,
                    help="paths (relative to NEWS_DIR, one a line, # comments) of the "
                         "articles whose --like lists to print, instead of a random pick; "
                         "benchmarks/related_articles.txt holds the 30 judged so far")
    ap.add_argument("--reuse-index", action="store_true",
                    help="use the indexes already in --work (no cost figures)")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    if not a.news.is_dir():
        log(f"{a.news} not found: skipped")
        return 0
    if shutil.which("xapian-delve") is None:
        log("xapian-delve not found (Debian xapian-tools): skipped")
        return 0
    a.work.mkdir(parents=True, exist_ok=True)
    new_index, base_index = a.work / "new", a.work / "base"
    report = {"date": time.strftime("%Y-%m-%d"), "news": str(a.news)}

    # ---- cost ------------------------------------------------------------------
    if not a.reuse_index:
        cost = {"new": {"seconds": [], "bytes": [], "ms": []},
                "base": {"seconds": [], "bytes": [], "ms": []}}
        builds = [("new", a.build, new_index)]
        if a.base_build:
            builds.append(("base", a.base_build, base_index))
        for r in range(a.rounds):
            order = builds if r % 2 == 0 else builds[::-1]
            for name, build, index in order:
                seconds, size = index_once(build, a.news, index)
                log(f"round {r + 1}: {name} indexed in {seconds:.1f} s, {size / 1e6:.1f} MB")
                cost[name]["seconds"].append(seconds)
                cost[name]["bytes"].append(size)
            for name, build, index in order:
                cost[name]["ms"] += query_ms(build, index)
        report["cost"] = cost
        print("## Cost\n")
        print("| build | index s (median) | index MB | query ms (median) |")
        print("| --- | --- | --- | --- |")
        for name, _, _ in builds:
            c = cost[name]
            print(f"| {name} | {statistics.median(c['seconds']):.1f} | "
                  f"{statistics.median(c['bytes']) / 1e6:.1f} | {statistics.median(c['ms']):.3f} |")
        if a.base_build:
            n, b = cost["new"], cost["base"]
            print(f"\nratios new/base: time {statistics.median(n['seconds']) / statistics.median(b['seconds']):.3f}, "
                  f"size {statistics.median(n['bytes']) / statistics.median(b['bytes']):.3f}, "
                  f"query median {statistics.median(n['ms']) - statistics.median(b['ms']):+.3f} ms\n")

    # ---- groups ----------------------------------------------------------------
    group_of = delve_values(new_index, 1)  # schema::kSlotCollapseKey
    members = {}
    for docid, group in group_of.items():
        members.setdefault(group, []).append(docid)
    sizes = {}
    for m in members.values():
        sizes[len(m)] = sizes.get(len(m), 0) + 1
    report["groups"] = {"groups": len(members), "grouped": len(group_of),
                        "sizes": {str(k): v for k, v in sorted(sizes.items())}}
    print("## Groups\n")
    print(f"{len(members)} groups holding {len(group_of)} articles; sizes: " +
          ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())) + "\n")

    duplicates = {t: f for t, f in delve_terms(new_index, "XDUP").items() if f > 1}
    ungrouped = []
    for term in duplicates:
        docs = delve_postings(new_index, term)
        if len({group_of.get(d) for d in docs}) != 1 or docs[0] not in group_of:
            ungrouped.append(term)
    report["exact_duplicates"] = {"sets": len(duplicates), "not_grouped": len(ungrouped)}
    print(f"Exact duplicates: {len(duplicates)} sets "
          f"({sum(duplicates.values()) - len(duplicates)} copies), {len(ungrouped)} not grouped\n")

    # ---- pairs -----------------------------------------------------------------
    rng = random.Random(a.seed)
    all_pairs = [(m[i], m[j]) for m in members.values() for i in range(len(m))
                 for j in range(i + 1, len(m))]
    sample = rng.sample(all_pairs, min(a.pairs, len(all_pairs)))
    print(f"## {len(sample)} random grouped pairs (of {len(all_pairs)})\n")
    print("| # | similarity | first | second |")
    print("| --- | --- | --- | --- |")
    report["pairs"] = []
    for n, (x, y) in enumerate(sample, 1):
        first, second = document(new_index, x), document(new_index, y)
        listed = {h["path"]: h for h in hits(a.build, new_index,
                                              ["--similar", str(x), "-n", "1000"])}
        sim = listed.get(second.get("path"), {}).get("score", 0.0)
        report["pairs"].append({"similarity": sim, "first": first.get("path"),
                                "first_title": first.get("title"), "second": second.get("path"),
                                "second_title": second.get("title")})
        print(f"| {n} | {sim:.2f} | {first.get('path')}: {short(first.get('title', ''), 80)} "
              f"<br>{short(first.get('text', ''))} | {second.get('path')}: "
              f"{short(second.get('title', ''), 80)} <br>{short(second.get('text', ''))} |")
    print()

    # ---- pages -----------------------------------------------------------------
    print("## First pages holding two members of one group\n")
    report["pages"] = {}
    for label, extra in (("collapsed", []), ("--no-collapse", ["--no-collapse"])):
        proc = run([str(Path(a.build) / "vnsearch"), "-d", str(new_index), "--queries",
                    str(QUERIES), "--json", "-n", "10", "--passages", "0"] + extra)
        pages = {}
        for line in proc.stdout.splitlines():
            rec = json.loads(line)
            if rec["type"] == "hit":
                pages.setdefault(rec["query_id"], []).append(rec)
        doubled = 0
        for page in pages.values():
            on_page = {h["path"] for h in page}
            if any(c["path"] in on_page for h in page for c in h["copies"]):
                doubled += 1
        report["pages"][label] = {"pages": len(pages), "with_two_members": doubled}
        print(f"- {label}: {doubled} of {len(pages)} first pages")
    print()

    # ---- related ---------------------------------------------------------------
    if a.articles:
        chosen = [l.strip() for l in a.articles.read_text().splitlines()
                  if l.strip() and not l.startswith("#")]
        print(f"## Related articles (--like, at most 5) for the {len(chosen)} articles "
              f"of {a.articles.name}\n")
    else:
        chosen = None
        print(f"## Related articles (--like, at most 5) for {a.related} random articles\n")
    doc_count = int(run(["xapian-delve", "-v", str(new_index)]).stdout
                    .split("number of documents = ")[1].split()[0])
    picked, report["related"] = 0, []
    tried = set()
    shown = 0
    while True:
        if chosen is not None:
            if picked == len(chosen):
                break
            target = chosen[picked]
            article = {"path": target}
            docid = target
            postings = delve_postings(new_index, "Q" + target)
            if postings:
                article = document(new_index, postings[0])
        else:
            if picked >= a.related or len(tried) >= 10 * a.related:
                break
            docid = rng.randint(1, doc_count)
            if docid in tried:
                continue
            tried.add(docid)
            article = document(new_index, docid)
            # A title and a lead say little. (Until the bar of --like, the
            # pick also asked for five results; every article had them.)
            if len(article.get("text", "")) < 500:
                continue
        found = hits(a.build, new_index, ["--like", str(docid), "-n", "5", "--passages", "0"])
        picked += 1
        shown += len(found)
        report["related"].append({"docid": docid, "path": article.get("path"),
                                  "title": article.get("title"),
                                  "related": [{"path": h["path"], "title": h["title"]}
                                              for h in found]})
        print(f"{picked}. **{article.get('title', '')}** ({article.get('path')}): "
              f"{len(found)} listed")
        for k, h in enumerate(found, 1):
            print(f"   {k}. {h['title']} ({h['path']})")
    print(f"\n{shown} listed for {picked} articles\n")

    if a.out:
        a.out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
        log(f"report written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
