#!/usr/bin/env bash
# @brief Fresh-build benchmark: one or more vnindex binaries and Xapian's
# omindex, interleaved round by round on one corpus folder, so that a shared
# machine's noise falls on all of them alike. Reports per engine the median
# wall time, the peak RSS, the index size and its ratio to the text, and the
# time as a share of omindex's.
#
# Usage: scripts/bench-build.sh [--rounds=N] [--no-omindex] CORPUS_DIR OUT_DIR \
#          LABEL=VNINDEX_BINARY [LABEL=VNINDEX_BINARY...]
#   e.g. scripts/bench-build.sh --rounds=3 ../shared/data/news /tmp/fp-bench \
#          main=/tmp/base/vnindex new=build/vnindex
# OUT_DIR receives the indexes (rebuilt every round) and the logs.
set -euo pipefail

rounds=1
omindex=1
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --rounds=*) rounds=${1#--rounds=} ;;
    --no-omindex) omindex=0 ;;
    *) echo "bench-build: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [[ $# -lt 3 ]]; then
  sed -n 's/^# \{0,1\}//; 2,12p' "$0" >&2
  exit 2
fi
corpus=$1 out=$2
shift 2
mkdir -p "$out"
if ((omindex)) && ! command -v omindex >/dev/null; then
  echo "bench-build: omindex is not installed; measuring vnindex only" >&2
  omindex=0
fi

raw_bytes=$(find -L "$corpus" -type f \( -iname '*.txt' -o -iname '*.html' -o -iname '*.htm' \
  -o -iname '*.json' -o -iname '*.jsonl' \) -not -path '*/.*' -printf '%s\n' |
  awk '{s += $1} END {print s + 0}')
echo "corpus: $corpus ($((raw_bytes / 1048576)) MiB of text), $(nproc) cores, $rounds round(s)"

# run LABEL COMMAND...: one fresh build, appended to $out/LABEL.runs as
# "wall_s rss_kib index_bytes".
run() {
  local label=$1 index=$out/$1.db
  shift
  rm -rf "$index" "$out/.$label.db.rebuild" "$out/.$label.db.compact"
  /usr/bin/time -f '%e %M' -o "$out/$label.time" "${@/INDEX/$index}" >"$out/$label.out" \
    2>"$out/$label.err" || true
  echo "$(cat "$out/$label.time") $(du -sb "$index" | cut -f1)" >>"$out/$label.runs"
}

labels=()
for spec in "$@"; do labels+=("${spec%%=*}"); done
((omindex)) && labels+=(omindex)
for label in "${labels[@]}"; do rm -f "$out/$label.runs"; done
for ((round = 1; round <= rounds; round++)); do
  for spec in "$@"; do
    run "${spec%%=*}" "${spec#*=}" "$corpus" -d INDEX --quiet --json
  done
  ((omindex)) && run omindex omindex --db INDEX --url / "$corpus"
  echo "round $round done" >&2
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
om_wall=0
((omindex)) && om_wall=$(cut -d' ' -f1 "$out/omindex.runs" | median)
printf '%-12s %9s %9s %10s %8s %10s\n' engine "build s" "RSS MB" "index MiB" "× text" "× omindex"
for label in "${labels[@]}"; do
  wall=$(cut -d' ' -f1 "$out/$label.runs" | median)
  rss=$(cut -d' ' -f2 "$out/$label.runs" | sort -n | tail -1)
  size=$(cut -d' ' -f3 "$out/$label.runs" | tail -1)
  awk -v l="$label" -v w="$wall" -v r="$rss" -v s="$size" -v raw="$raw_bytes" -v om="$om_wall" \
    'BEGIN { printf "%-12s %9.1f %9.0f %10.1f %8.2f %10s\n", l, w, r / 1024, s / 1048576, s / raw,
             (om > 0 ? sprintf("%.2f", w / om) : "-") }'
done
