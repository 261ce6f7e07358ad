#!/usr/bin/env bash
# @brief Indexing benchmark: vnindex against Xapian's omindex on one corpus
# folder (wall time, documents/s, MB/s, peak RSS, index size), then a second
# vnindex run over the unchanged folder.
#
# Usage: scripts/bench-index.sh CORPUS_DIR [OUT_DIR]
#   OUT_DIR (default: a fresh temporary folder) receives both indexes and the
#   logs; it is not removed, so the indexes can be inspected afterwards.
set -euo pipefail

corpus=${1:-}
if [[ -z "$corpus" ]]; then
  echo "usage: $0 CORPUS_DIR [OUT_DIR]" >&2
  exit 2
fi
if [[ ! -d "$corpus" ]]; then
  echo "bench-index: $corpus does not exist; nothing to measure" >&2
  exit 0
fi
for tool in /usr/bin/time omindex xapian-delve; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-index: $tool is not installed; skipping" >&2
    exit 0
  fi
done

repo=$(cd "$(dirname "$0")/.." && pwd)
build="$repo/build"
out=${2:-$(mktemp -d /tmp/bench-index.XXXXXX)}
mkdir -p "$out"
jobs=$(nproc)

# A Release build of vnindex in build/ (configured only when it is not yet).
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_BENCHMARKS=OFF >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
if [[ "$build_type" != "Release" ]]; then
  echo "bench-index: warning: $build is a '$build_type' build, figures are not Release figures" >&2
fi
if ! cmake --build "$build" -j"$jobs" --target vnindex >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  exit 1
fi
vnindex="$build/vnindex"

# Raw size: the files vnindex reads (omindex reads the same .txt/.html ones).
raw_bytes=$(find -L "$corpus" -type f \( -iname '*.txt' -o -iname '*.html' -o -iname '*.htm' \
  -o -iname '*.json' -o -iname '*.jsonl' \) -not -path '*/.*' -printf '%s\n' |
  awk '{s += $1} END {print s + 0}')
raw_files=$(find -L "$corpus" -type f -not -path '*/.*' | wc -l)

# Runs "$@" under /usr/bin/time -v; sets wall (s) and rss (KiB).
measure() {
  local log=$1
  shift
  local status=0
  /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || status=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  return $status
}

doc_count() {
  xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'
}

report() {  # name wall rss docs index_dir
  local name=$1 wall=$2 rss=$3 docs=$4 index=$5
  local size
  size=$(du -sb "$index" | cut -f1)
  awk -v name="$name" -v wall="$wall" -v rss="$rss" -v docs="$docs" -v size="$size" \
    -v raw="$raw_bytes" 'BEGIN {
      printf "%-22s %8.1f s %9.0f docs/s %7.2f MB/s %8.0f MB RSS %8.0f MB index %6.2fx raw  (%d docs)\n",
        name, wall, docs / wall, raw / 1048576 / wall, rss / 1024, size / 1048576, size / raw, docs }'
}

echo "corpus: $corpus ($raw_files files, $((raw_bytes / 1048576)) MB of text), $jobs cores, out: $out"

rm -rf "$out/vnindex.db" "$out/omindex.db"
status=0
measure "$out/vnindex-full" "$vnindex" "$corpus" -d "$out/vnindex.db" --json --quiet || status=$?
if ((status > 1)); then
  echo "bench-index: vnindex failed (exit $status):" >&2
  cat "$out/vnindex-full.err" >&2
  exit 1
fi
vn_wall=$wall vn_rss=$rss
vn_docs=$(doc_count "$out/vnindex.db")

measure "$out/omindex" omindex --db "$out/omindex.db" --url / "$corpus" || true
om_wall=$wall om_rss=$rss
om_docs=$(doc_count "$out/omindex.db")

measure "$out/vnindex-again" "$vnindex" "$corpus" -d "$out/vnindex.db" --json --quiet || true
again_wall=$wall

echo
report "vnindex (-j$jobs)" "$vn_wall" "$vn_rss" "$vn_docs" "$out/vnindex.db"
report "omindex (defaults)" "$om_wall" "$om_rss" "${om_docs:-0}" "$out/omindex.db"
printf '%-22s %8.1f s (nothing changed: %s)\n' "vnindex re-run" "$again_wall" \
  "$(cat "$out/vnindex-again.out")"
echo
echo "vnindex summary: $(cat "$out/vnindex-full.out")"
