#!/usr/bin/env bash
# Configures (once) and builds vnsearch. Usage: scripts/build.sh BUILD_DIR [CMAKE_ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="$1"
shift
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build_dir" "$@" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)" -- --no-print-directory
