#!/usr/bin/env bash
# Speed comparison: indexes CORPUS_DIR with vnindex, Xapian's omindex (default
# settings) and SQLite FTS5 (unicode61 remove_diacritics 2), then runs
# benchmarks/bench_queries.txt against each engine, warm, in one process per
# engine (top 10 with passages/snippets). Prints one table with vnsearch/peer
# ratios and writes OUT_DIR/bench.json.
#
#   scripts/bench.sh CORPUS_DIR [OUT_DIR] [--keep-indexes] [--rounds=N]
#
# --rounds=N indexes N times with vnindex and omindex in turn and reports the
# median wall time of each (a shared machine's speed drifts within minutes;
# alternating runs keep the ratio fair). OUT_DIR defaults to build-eval/bench.
# The indexes are built in OUT_DIR and deleted at the end unless
# --keep-indexes is given. A missing CORPUS_DIR is reported and skipped (exit
# 0). Needs the Debian packages xapian-omega (omindex), time (/usr/bin/time)
# and python3 with FTS5 in its sqlite3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0
rounds=1
args=()
for a in "$@"; do
  case "$a" in
    --keep-indexes) keep=1 ;;
    --rounds=*)
      rounds="${a#--rounds=}"
      [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --rounds needs a positive number" >&2; exit 2; }
      ;;
    -h | --help)
      sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) args+=("$a") ;;
  esac
done
if [ ${#args[@]} -lt 1 ] || [ ${#args[@]} -gt 2 ]; then
  echo "usage: scripts/bench.sh CORPUS_DIR [OUT_DIR] [--keep-indexes] [--rounds=N]" >&2
  exit 2
fi
corpus="${args[0]}"
out="${args[1]:-$repo/build-eval/bench}"
queries="$repo/benchmarks/bench_queries.txt"
helper="$repo/scripts/bench_search.py"

if [ ! -d "$corpus" ]; then
  echo "bench.sh: no corpus folder at $corpus; skipping" >&2
  exit 0
fi
corpus="$(cd "$corpus" && pwd)"

missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v omindex >/dev/null || missing+=(xapian-omega)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench.sh: missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
if ! python3 -c "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(x)')" 2>/dev/null; then
  echo "bench.sh: python3's sqlite3 has no FTS5" >&2
  exit 2
fi

# --- build (Release) ---------------------------------------------------------
build="${VNSEARCH_BENCH_BUILD_DIR:-$repo/build-eval}"
echo "bench.sh: building vnindex and vnsearch (Release) in $build" >&2
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target vnindex vnsearch >/dev/null
xbench="$build/benchmarks/xapian_query_bench"
cmake --build "$build" --target xapian_query_bench >/dev/null 2>&1 || true
if [ ! -x "$xbench" ]; then
  # benchmarks/CMakeLists.txt does not include xapian_query_bench.cmake: build it directly.
  xbench="$build/xapian_query_bench"
  # shellcheck disable=SC2046
  c++ -std=c++17 -O2 -Wall -Wextra "$repo/benchmarks/xapian_query_bench.cpp" \
    $(pkg-config --cflags --libs xapian-core) -o "$xbench"
fi

mkdir -p "$out"
rm -rf "$out/index-vnsearch" "$out/index-omindex" "$out/index-fts5.db"
rm -f "$out"/*.time
timed() { # timed NAME COMMAND...: /usr/bin/time -v into OUT/NAME.time
  local name="$1"
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@"
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$corpus" "$queries" "$load_start" "$helper" >"$out/meta.json" <<'EOF'
import json, subprocess, sys
corpus, queries, load, helper = sys.argv[1:5]
files = json.loads(subprocess.run([sys.executable, helper, "files", corpus],
                                  capture_output=True, text=True, check=True).stdout)
print(json.dumps({"corpus": corpus, "query_file": queries, "files": files["files"],
                  "raw_bytes": files["bytes"], "machine": {"loadavg_start": load},
                  "notes": ["vnindex uses all cores (-j default); omindex and FTS5 one.",
                            "omindex/Xapian: QueryParser defaults (OR, no stemmer); "
                            "FTS5: implicit AND, diacritics removed but not đ→d."]}))
EOF
echo "bench.sh: $(cat "$out/meta.json" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["files"], "files,", round(m["raw_bytes"]/1e6,1), "MB")') in $corpus" >&2

# --- indexing ----------------------------------------------------------------
for round in $(seq 1 "$rounds"); do
  of_rounds=""
  [ "$rounds" -eq 1 ] || of_rounds=" (round $round of $rounds)"
  echo "bench.sh: [1/3] vnindex$of_rounds" >&2
  rm -rf "$out/index-vnsearch" "$out/index-omindex"
  rc=0
  timed "vnindex.$round" "$build/vnindex" "$corpus" -d "$out/index-vnsearch" --json -q \
    >"$out/vnindex.json" || rc=$?
  [ "$rc" -le 1 ] || { echo "bench.sh: vnindex failed ($rc)" >&2; exit 2; }

  echo "bench.sh: [2/3] omindex$of_rounds" >&2
  timed "omindex.$round" omindex --db "$out/index-omindex" --url / "$corpus" >"$out/omindex.log" 2>&1 ||
    { echo "bench.sh: omindex failed; see $out/omindex.log" >&2; exit 2; }
done

echo "bench.sh: [3/3] SQLite FTS5" >&2
timed fts5-index python3 "$helper" fts5-index "$corpus" "$out/index-fts5.db" >"$out/fts5-index.json"

# --- queries -------------------------------------------------------------------
echo "bench.sh: queries ($(grep -c . "$queries") from $queries)" >&2
vnsearch_batch=("$build/vnsearch" -d "$out/index-vnsearch" --queries "$queries" --json --limit 10 --color never)
rc=0
"${vnsearch_batch[@]}" >/dev/null || rc=$? # warm-up run
[ "$rc" -le 1 ] || { echo "bench.sh: vnsearch failed ($rc)" >&2; exit 2; }
timed vnsearch-queries "${vnsearch_batch[@]}" >"$out/vnsearch-queries.jsonl" || rc=$?
[ "$rc" -le 1 ] || { echo "bench.sh: vnsearch failed ($rc)" >&2; exit 2; }
timed xapian-queries "$xbench" "$out/index-omindex" "$queries" 10 >"$out/xapian-queries.json"
timed fts5-queries python3 "$helper" fts5-query "$out/index-fts5.db" "$queries" >"$out/fts5-queries.json"

python3 "$helper" report "$out"

if [ "$keep" -eq 0 ]; then
  rm -rf "$out/index-vnsearch" "$out/index-omindex" "$out/index-fts5.db"
else
  echo "bench.sh: indexes kept in $out" >&2
fi
