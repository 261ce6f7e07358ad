#!/usr/bin/env bash
# Analysis throughput: the whole chain (clean-up, ICU word break, NFC, case
# folding, tone placement, folding), single-threaded, over a folder of real
# articles, with the token count so that a speed-up cannot silently change
# results; then the micro-benchmark on a fixed text.
# Usage: scripts/bench-analyzer.sh [CORPUS_DIR]   (default ../shared/data/news)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/data/news}"
if [ ! -d "$corpus" ]; then
  echo "bench-analyzer.sh: no corpus at $corpus; skipping" >&2
  exit 0
fi
build="$root/build"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_TESTS=OFF
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
echo "analyzer over $corpus (best of 3):"
"$build/benchmarks/analyze_folder" "$corpus" 3
if [ -x "$build/benchmarks/analyzer_bench" ]; then
  "$build/benchmarks/analyzer_bench" --benchmark_min_time=0.5
fi
