#!/usr/bin/env bash
# Fuzzes the analyzer, the query parser and the file readers (text, HTML,
# JSON) with libFuzzer (clang) for a while.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
build="$root/build-fuzz"
"$root/scripts/install-deps.sh"
command -v clang++ >/dev/null || { echo "fuzz.sh: needs clang++ (apt-get install clang)" >&2; exit 2; }
CXX=clang++ "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVNSEARCH_FUZZ=ON \
  -DVNSEARCH_BUILD_TESTS=OFF -DVNSEARCH_BUILD_BENCHMARKS=OFF
for target in analyzer_fuzz query_fuzz reader_fuzz; do
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  echo "== $target for ${seconds}s" >&2
  # -rss_limit_mb and -timeout: a file that takes the memory or the time of a
  # whole run (as deeply nested HTML once did) is a finding too.
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -timeout=10 \
    "$corpus" "$root/corpus" 2>&1 | tail -3
done
