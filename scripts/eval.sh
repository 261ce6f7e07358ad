#!/usr/bin/env bash
# Relevance evaluation: builds vnindex and vnsearch (Release, in build-eval/),
# indexes DATA_DIR/news/ plus the vmds and xquad-vi documents in a temporary
# folder, runs the query sets (vmds, xquad-vi, a known-item set of 500
# news/baomoi-2017 articles indexed without their title line and queried by
# it, and a passage set of 200 others queried by eight words deep in their
# body) with and without diacritics and prints
# MRR@10, nDCG@10, Recall@10 and Recall@100 (see scripts/eval.py --help).
#
#   scripts/eval.sh [DATA_DIR] [--out FILE] [--reuse-index DIR] [--sets vmds,xquad-vi,known-item,passage]
#   scripts/eval.sh [DATA_DIR] --words [--misses] [--out FILE] [--reuse-index DIR]
#
# --words runs the words-and-accents part instead (scripts/eval_words.py,
# issue #12; it needs only DATA_DIR/news/): word precision of the words in
# benchmarks/eval_words.tsv typed with and without accents, `vnsearch
# --count` against the articles that hold each word, and suggestions for the
# queries of benchmarks/eval_suggestions.tsv, all measured against ground
# truth read from the files. It prints three Markdown tables and writes a JSON
# report (default build-eval/eval-words.json); --misses adds, per query, the
# top-10 ranks that do not hold the word. See scripts/eval_words.py --help.
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
words=0
args=()
for a in "$@"; do
  case "$a" in
    --words) words=1 ;;
    -h | --help)
      sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) args+=("$a") ;;
  esac
done

if [ "$words" = 1 ]; then
  if [ ! -d "$data/news" ]; then
    echo "eval.sh: no test data at $data (need news/); skipping" >&2
    exit 0
  fi
elif [ ! -d "$data/news" ] || [ ! -d "$data/qa" ]; then
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

script="$repo/scripts/eval.py"
[ "$words" = 1 ] && script="$repo/scripts/eval_words.py"
exec python3 "$script" "$data" --build-dir "$build" ${args[@]+"${args[@]}"}
