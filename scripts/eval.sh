#!/usr/bin/env bash
# Relevance evaluation: builds vnindex and vnsearch (Release, in build-eval/),
# indexes DATA_DIR/news/ plus the vmds and xquad-vi documents in a temporary
# folder, runs both query sets with and without diacritics and prints
# MRR@10, nDCG@10, Recall@10 and Recall@100 (see scripts/eval.py --help).
#
#   scripts/eval.sh [DATA_DIR] [--out FILE] [--reuse-index DIR] [--sets vmds,xquad-vi]
#
# DATA_DIR defaults to ../shared/data relative to the repository root; when it
# is absent the script says so and exits 0. Set VNSEARCH_EVAL_BUILD_DIR to use
# binaries from another build folder (it is then not rebuilt).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

data="$repo/../shared/data"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  data="$1"
  shift
fi
if [ ! -d "$data/news" ] || [ ! -d "$data/qa" ]; then
  echo "eval.sh: no test data at $data (need news/ and qa/); skipping" >&2
  exit 0
fi

if [ -n "${VNSEARCH_EVAL_BUILD_DIR:-}" ]; then
  build="$VNSEARCH_EVAL_BUILD_DIR"
else
  build="$repo/build-eval"
  echo "eval.sh: building vnindex and vnsearch (Release) in $build" >&2
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" --target vnindex vnsearch >/dev/null
fi

exec python3 "$repo/scripts/eval.py" "$data" --build-dir "$build" "$@"
