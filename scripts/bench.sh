#!/usr/bin/env bash
# Speed comparison: indexes CORPUS_DIR with vnindex, Xapian's omindex (default
# settings) and SQLite FTS5 (unicode61 remove_diacritics 2), then runs every
# query class against each engine, warm, in one process per engine (top 10
# with passages/snippets). Prints the indexing table with vnsearch/peer ratios,
# a latency table per class, where vnsearch's time goes in each class (median
# ms per phase, vnsearch --timings) and writes OUT_DIR/bench.json.
#
#   scripts/bench.sh CORPUS_DIR [OUT_DIR] [--data DIR] [--scale=N] [--keep-indexes] [--rounds=N]
#
# Query classes (issue #13): short (benchmarks/bench_queries.txt), headline
# (baomoi-2017 titles of more than five words), headline-ascii (the same
# without diacritics), topic (vmds queries of 6-10 words), question (xquad-vi).
# benchmarks/bench_classes.tsv names which ones (60 a class); their text is
# read from the data folder at run time into OUT_DIR/queries/. --data DIR is
# that folder (holding news/ and qa/); default: the parent of CORPUS_DIR when
# it holds qa/. A class whose source is missing is skipped with a note.
# --scale=N also indexes N copies of CORPUS_DIR (each file with one distinct
# line added; built in OUT_DIR) with vnindex and runs every class on one and
# on N copies side by side (vnsearch only), with build-time and size ratios.
# --rounds=N indexes N times with vnindex and omindex in turn and reports the
# median wall time of each (a shared machine's speed drifts within minutes;
# alternating runs keep the ratio fair). OUT_DIR defaults to build-eval/bench.
# The indexes (and copies) are built in OUT_DIR and deleted at the end unless
# --keep-indexes is given. A missing CORPUS_DIR is reported and skipped (exit
# 0). Needs the Debian packages xapian-omega (omindex), time (/usr/bin/time)
# and python3 with FTS5 in its sqlite3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0
rounds=1
scale=0
data=""
data_given=0
args=()
usage="usage: scripts/bench.sh CORPUS_DIR [OUT_DIR] [--data DIR] [--scale=N] [--keep-indexes] [--rounds=N]"
while [ $# -gt 0 ]; do
  a="$1"
  shift
  case "$a" in
    --keep-indexes) keep=1 ;;
    --rounds=*)
      rounds="${a#--rounds=}"
      [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --rounds needs a positive number" >&2; exit 2; }
      ;;
    --scale=*)
      scale="${a#--scale=}"
      if ! [[ "$scale" =~ ^[1-9][0-9]*$ ]] || [ "$scale" -lt 2 ]; then
        echo "bench.sh: --scale needs a number of copies, 2 or more" >&2
        exit 2
      fi
      ;;
    --data=*) data="${a#--data=}" data_given=1 ;;
    --data)
      [ $# -gt 0 ] || { echo "bench.sh: --data needs a folder" >&2; exit 2; }
      data="$1" data_given=1
      shift
      ;;
    -h | --help)
      sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*) echo "bench.sh: unknown option $a" >&2; echo "$usage" >&2; exit 2 ;;
    *) args+=("$a") ;;
  esac
done
if [ ${#args[@]} -lt 1 ] || [ ${#args[@]} -gt 2 ]; then
  echo "$usage" >&2
  exit 2
fi
corpus="${args[0]}"
out="${args[1]:-$repo/build-eval/bench}"
queries="$repo/benchmarks/bench_queries.txt"
selection="$repo/benchmarks/bench_classes.tsv"
helper="$repo/scripts/bench_search.py"

if [ ! -d "$corpus" ]; then
  echo "bench.sh: no corpus folder at $corpus; skipping" >&2
  exit 0
fi
corpus="$(cd "$corpus" && pwd)"
if [ "$data_given" -eq 0 ] && [ -d "$corpus/../qa" ]; then
  data="$(cd "$corpus/.." && pwd)"
elif [ -n "$data" ]; then
  if [ -d "$data" ]; then
    data="$(cd "$data" && pwd)"
  else
    echo "bench.sh: no data folder at $data; only the short class will run" >&2
    data=""
  fi
fi

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
copies="$out/scale-copies"
rm -rf "$out/index-vnsearch" "$out/index-omindex" "$out/index-fts5.db" "$out/index-scale" "$copies"
rm -rf "$out/runs" "$out/runs-scale" "$out/queries"
rm -f "$out"/*.time "$out/scale-copies.json" "$out/vnindex-scale.json"
cleanup() { # the N copies are large: never leave them behind unless asked to
  [ "$keep" -eq 1 ] || rm -rf "$copies" "$out/index-scale"
}
trap cleanup EXIT
timed() { # timed NAME COMMAND...: /usr/bin/time -v into OUT/NAME.time
  local name="$1"
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@"
}

# --- query classes -------------------------------------------------------------
if [ -z "$data" ] && [ "$data_given" -eq 0 ]; then
  echo "bench.sh: no data folder (--data DIR, or a CORPUS_DIR whose parent holds qa/): only the short class" >&2
fi
classes=()
mapfile -t classes < <(python3 "$helper" classes "$data" "$selection" "$queries" "$out/queries")
[ ${#classes[@]} -gt 0 ] || { echo "bench.sh: no query class could be made" >&2; exit 2; }

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$corpus" "$queries" "$load_start" "$helper" "$data" >"$out/meta.json" <<'PY'
import json, subprocess, sys
corpus, queries, load, helper, data = sys.argv[1:6]
files = json.loads(subprocess.run([sys.executable, helper, "files", corpus],
                                  capture_output=True, text=True, check=True).stdout)
print(json.dumps({"corpus": corpus, "query_file": queries, "data_dir": data or None,
                  "files": files["files"],
                  "raw_bytes": files["bytes"], "machine": {"loadavg_start": load},
                  "notes": ["vnindex uses all cores (-j default); omindex and FTS5 one.",
                            "omindex/Xapian: QueryParser defaults (OR, no stemmer); "
                            "FTS5: implicit AND, diacritics removed but not đ→d."]}))
PY
echo "bench.sh: $(python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["files"], "files,", round(m["raw_bytes"]/1e6,1), "MB")' <"$out/meta.json") in $corpus" >&2

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
# vnsearch_run INDEX QUERY_FILE NAME: a warm-up batch, then the timed batch into
# OUT/NAME.jsonl (and OUT/NAME.time). Exit 1 is "nothing matched"; 2 with
# output is "some queries could not run" (error records, counted by the report).
vnsearch_run() {
  local index="$1" qfile="$2" name="$3" rc=0
  local batch=("$build/vnsearch" -d "$index" --queries "$qfile" --json --limit 10 --color never
    --timings)
  "${batch[@]}" >/dev/null 2>&1 || rc=$? # warm-up run
  [ "$rc" -le 2 ] || { echo "bench.sh: vnsearch failed ($rc) on $qfile" >&2; exit 2; }
  rc=0
  timed "$name" "${batch[@]}" >"$out/$name.jsonl" 2>"$out/$name.err" || rc=$?
  if [ "$rc" -gt 2 ] || { [ "$rc" -eq 2 ] && ! grep -q '"type":"summary"' "$out/$name.jsonl"; }; then
    echo "bench.sh: vnsearch failed ($rc) on $qfile:" >&2
    head -3 "$out/$name.err" >&2
    exit 2
  fi
}

for c in "${classes[@]}"; do
  qfile="$out/queries/$c.txt"
  echo "bench.sh: queries: class $c ($(grep -c . "$qfile") from $qfile)" >&2
  mkdir -p "$out/runs/$c"
  vnsearch_run "$out/index-vnsearch" "$qfile" "runs/$c/vnsearch"
  timed "runs/$c/omindex" "$xbench" "$out/index-omindex" "$qfile" 10 \
    >"$out/runs/$c/omindex.json" 2>"$out/runs/$c/omindex.err"
  timed "runs/$c/fts5" python3 "$helper" fts5-query "$out/index-fts5.db" "$qfile" \
    >"$out/runs/$c/fts5.json" 2>"$out/runs/$c/fts5.err"
done

# --- scale mode --------------------------------------------------------------
if [ "$scale" -gt 0 ]; then
  echo "bench.sh: scale: $scale copies of $corpus into $copies" >&2
  python3 "$helper" copies "$corpus" "$copies" "$scale" >"$out/scale-copies.json"
  echo "bench.sh: scale: vnindex on the $scale copies" >&2
  rc=0
  timed vnindex-scale "$build/vnindex" "$copies" -d "$out/index-scale" --json -q \
    >"$out/vnindex-scale.json" || rc=$?
  [ "$rc" -le 1 ] || { echo "bench.sh: vnindex failed ($rc) on the copies" >&2; exit 2; }
  [ "$keep" -eq 1 ] || rm -rf "$copies" # the queries need the index only: free the disk now
  for c in "${classes[@]}"; do
    echo "bench.sh: scale: class $c on 1 and on $scale copies (vnsearch only)" >&2
    mkdir -p "$out/runs-scale/$c"
    vnsearch_run "$out/index-vnsearch" "$out/queries/$c.txt" "runs-scale/$c/one"
    vnsearch_run "$out/index-scale" "$out/queries/$c.txt" "runs-scale/$c/many"
  done
fi

python3 "$helper" report "$out"

if [ "$keep" -eq 0 ]; then
  rm -rf "$out/index-vnsearch" "$out/index-omindex" "$out/index-fts5.db" "$out/index-scale"
else
  echo "bench.sh: indexes kept in $out" >&2
fi
