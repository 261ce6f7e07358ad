#!/usr/bin/env bash
# The main job on the bundled sample archive: installs what is missing,
# builds in Release, indexes corpus/ and runs sample searches.
# Usage: scripts/demo.sh [QUERY...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
index="$build/demo-index"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_BUILD_TESTS=OFF

echo "== vnindex corpus/ -> $index" >&2
status=0
"$build/vnindex" "$root/corpus" -d "$index" || status=$?
if [ "$status" -eq 2 ]; then
  # E.g. a demo index left by an older version (another schema): rebuild it.
  echo "== rebuilding the demo index from scratch" >&2
  status=0
  "$build/vnindex" --full "$root/corpus" -d "$index" || status=$?
fi
# 1 means some files were skipped (reported above); anything else is fatal.
[ "$status" -le 1 ] || exit "$status"

if [ $# -gt 0 ]; then
  queries=("$*")
else
  queries=("dang vien" "đường phố" "Covid-19")
fi
for q in "${queries[@]}"; do
  echo "== vnsearch \"$q\"" >&2
  "$build/vnsearch" -d "$index" --limit 3 "$q" || true
done
echo "== the same on a web page: $build/vnsearch serve -d $index  (http://127.0.0.1:8080/)" >&2
