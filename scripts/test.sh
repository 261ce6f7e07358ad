#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test suite.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: an ASan+UBSan build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/scripts/install-deps.sh"

if [ "${1:-}" = "--sanitize" ]; then
  build="$root/build-sanitize"
  # No -Werror here: GCC's sanitizer instrumentation gives false
  # -Wmaybe-uninitialized warnings inside libstdc++ (std::regex); the
  # Release build below is the warning gate.
  "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVNSEARCH_SANITIZE=ON \
    -DVNSEARCH_BUILD_BENCHMARKS=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build="$root/build-test"
  "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_WERROR=ON
  # Formatting is part of the build's contract.
  (cd "$root" && git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror)
fi

cd "$build"
ctest --output-on-failure -j "$(nproc)"
