#!/usr/bin/env bash
# @brief Sharding benchmark: indexing throughput with 1 and 2 shards (wall,
# CPU, docs/s, peak RSS), then search latency over the 2-shard index opened
# locally versus the same shards served by xapian-tcpsrv on loopback.
#
# Usage: scripts/bench-shards.sh [CORPUS_DIR] [OUT_DIR]
#   CORPUS_DIR  default /work/shared/data/news; absent: nothing to measure
#   OUT_DIR     default: a fresh temporary folder (kept, with the logs)
# Environment: BUILD_DIR (default build/, configured as Release if new),
#   QUERIES (default benchmarks/bench_queries.txt), PORT_BASE (default 39411).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/work/shared/data/news}
if [[ ! -d "$corpus" ]]; then
  echo "bench-shards: $corpus does not exist; nothing to measure" >&2
  exit 0
fi
for tool in /usr/bin/time xapian-tcpsrv python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-shards: $tool is not installed; skipping" >&2
    exit 0
  fi
done
queries=${QUERIES:-$repo/benchmarks/bench_queries.txt}
if [[ ! -f "$queries" ]]; then
  echo "bench-shards: no query file $queries; skipping" >&2
  exit 0
fi
build=${BUILD_DIR:-$repo/build}
out=${2:-$(mktemp -d /tmp/bench-shards.XXXXXX)}
port_base=${PORT_BASE:-39411}
mkdir -p "$out"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_BENCHMARKS=OFF >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
if [[ "$build_type" != "Release" ]]; then
  echo "bench-shards: warning: $build is a '$build_type' build, figures are not Release figures" >&2
fi
if ! cmake --build "$build" -j"$(nproc)" --target vnindex vnsearch >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  exit 1
fi
vnindex="$build/vnindex"
vnsearch="$build/vnsearch"

echo "corpus: $corpus ($(find -L "$corpus" -type f -not -path '*/.*' | wc -l) files," \
  "$(du -sh "$corpus" | cut -f1)); $(nproc) cores; $("$vnindex" --version)"
# Other work on the machine skews the figures: say how busy it was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- Indexing: 1 and 2 shards, from scratch ----------------------------------------
printf '\n%-8s %8s %8s %10s %10s %9s\n' shards wall_s cpu_s docs/s peak_MiB index_MB
for shards in 1 2; do
  index="$out/index-$shards"
  rm -rf "$index"
  log="$out/index-$shards"
  /usr/bin/time -v -o "$log.time" "$vnindex" "$corpus" -d "$index" --shards "$shards" --json -q \
    >"$log.json" 2>"$log.err" || [[ $? -eq 1 ]] # 1: some files skipped
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log.time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log.time")
  rss=$(awk -F': ' '/Maximum resident/ {print int($2 / 1024)}' "$log.time")
  docs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"])' "$log.json")
  size=$(du -sm "$index" | cut -f1)
  printf '%-8s %8.1f %8.1f %10.0f %10s %9s\n' "$shards" "$wall" "$cpu" \
    "$(python3 -c "print($docs / $wall)")" "$rss" "$size"
done

# ---- Search latency: the 2-shard index, local versus xapian-tcpsrv -------------------
servers=()
stop_servers() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  servers=()
  return 0
}
trap stop_servers EXIT
remotes=()
for shard in 0 1; do
  port=$((port_base + shard))
  # Its own session: on SIGTERM xapian-tcpsrv signals its whole process
  # group, which must not include this script.
  setsid xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 \
    "$out/index-2/shard-$shard" >"$out/tcpsrv-$shard.log" 2>&1 &
  servers+=($!)
  remotes+=(--remote "127.0.0.1:$port")
done
for _ in $(seq 100); do # bounded wait until both listen
  ready=1
  for shard in 0 1; do
    (exec 3<>"/dev/tcp/127.0.0.1/$((port_base + shard))") 2>/dev/null || ready=0
  done
  [[ $ready -eq 1 ]] && break
  sleep 0.1
done

# Median and 90th percentile of the "ms" of each query's summary record (time
# inside vnsearch for the search, the passages included; not process start).
latency() {
  local name=$1
  shift
  "$vnsearch" "$@" --queries "$queries" --json >/dev/null 2>&1 || true # warm-up
  "$vnsearch" "$@" --queries "$queries" --json >"$out/search-$name.json" 2>"$out/search-$name.err" ||
    true
  python3 - "$name" "$out/search-$name.json" <<'PY'
import json, statistics, sys
ms = sorted(r["ms"] for r in map(json.loads, open(sys.argv[2])) if r.get("type") == "summary")
p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
print(f"{sys.argv[1]:<26} {len(ms):>7} {statistics.median(ms):>9.2f} {p90:>9.2f}")
PY
}
printf '\n%-26s %7s %9s %9s\n' "search ($(grep -c . "$queries") queries)" queries median_ms p90_ms
latency "1 database" -d "$out/index-1"
latency "2 shards, local" -d "$out/index-2"
latency "2 shards, xapian-tcpsrv" "${remotes[@]}"
stop_servers
trap - EXIT
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs and indexes: $out"
