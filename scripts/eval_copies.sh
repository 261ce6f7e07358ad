#!/usr/bin/env bash
# Near-copies and related articles, measured (issue #16): builds vnindex and
# vnsearch (Release, in build-eval/) and runs scripts/eval_copies.py on
# DATA_DIR/news/: groups and their sizes, 50 random grouped pairs and 30
# --like lists to judge by reading, first pages holding two members of one
# group, and — with --base-build DIR (binaries of the commit to compare with)
# — indexing time, index size and query median against it.
#
#   scripts/eval_copies.sh [DATA_DIR] [--base-build DIR] [--rounds N] [--out FILE] ...
#
# DATA_DIR defaults to ../shared/data relative to the repository root; when
# its news/ folder is absent the script says so and exits 0. Set
# VNSEARCH_EVAL_BUILD_DIR to use binaries from another build folder (it is
# then not rebuilt). Other options go to eval_copies.py (see its --help).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  -h | --help)
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  "" | -*) data="$repo/../shared/data" ;;
  *) data="$1" && shift ;;
esac
news="$data/news"
[ -d "$news" ] || { echo "eval_copies.sh: $news not found: skipped" >&2 && exit 0; }
build="${VNSEARCH_EVAL_BUILD_DIR:-}"
if [ -z "$build" ]; then
  build="$repo/build-eval"
  nice -n 10 "$repo/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release \
    -DVNSEARCH_BUILD_TESTS=OFF -DVNSEARCH_BUILD_BENCHMARKS=OFF
fi
exec nice -n 10 python3 "$repo/scripts/eval_copies.py" "$news" --build "$build" "$@"
