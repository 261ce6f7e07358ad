#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test suite; then,
# as root, builds the .deb (CPack), installs it and runs the tools from
# /usr/bin. Usage: scripts/test.sh [--sanitize]   (--sanitize: an ASan+UBSan
# build, without the .deb step)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/scripts/install-deps.sh"

sanitize=0
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=1
  build="$root/build-sanitize"
  # No -Werror here: GCC's sanitizer instrumentation gives false
  # -Wmaybe-uninitialized warnings inside libstdc++ (std::regex); the
  # Release build below is the warning gate.
  "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVNSEARCH_SANITIZE=ON \
    -DVNSEARCH_BUILD_BENCHMARKS=OFF
  # new_delete_type_mismatch=0: libxapian 1.4.22's own consistency checker
  # (Xapian::Database::check, behind vnindex --check) frees an object with a
  # sized delete of another size, inside the uninstrumented library.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:new_delete_type_mismatch=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build="$root/build-test"
  "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DVNSEARCH_WERROR=ON
  # Formatting is part of the build's contract.
  (cd "$root" && git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror)
fi

cd "$build"
ctest --output-on-failure -j "$(nproc)"

[ "$sanitize" -eq 0 ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "test.sh: not root: skipping the .deb test (build, dpkg -i, run from /usr/bin)" >&2
  exit 0
fi
echo "test.sh: .deb: cpack, dpkg -i, vnindex and vnsearch from /usr/bin" >&2
rm -f "$build"/vnsearch_*.deb
cpack -G DEB >/dev/null
deb=$(ls "$build"/vnsearch_*.deb)
# Leave an installation found before the test as it was (now at this version).
installed_before=0
dpkg-query -W -f='${Status}' vnsearch 2>/dev/null | grep -q "install ok installed" && installed_before=1
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [ "$installed_before" -eq 0 ]; then dpkg -r vnsearch >/dev/null || true; fi
}
trap cleanup EXIT
dpkg -i "$deb" >/dev/null
for file in /usr/bin/vnindex /usr/bin/vnsearch /usr/share/man/man1/vnsearch.1.gz \
  /usr/share/man/man1/vnindex.1.gz /usr/share/bash-completion/completions/vnsearch; do
  [ -e "$file" ] || { echo "test.sh: the .deb did not install $file" >&2; exit 1; }
done
status=0
/usr/bin/vnindex "$root/corpus" -d "$work/index" -q || status=$?
[ "$status" -le 1 ] || { echo "test.sh: /usr/bin/vnindex failed ($status)" >&2; exit 1; }
matches=$(/usr/bin/vnsearch -d "$work/index" --count "dang vien")
[ "$matches" -gt 0 ] || { echo "test.sh: /usr/bin/vnsearch found nothing" >&2; exit 1; }
echo "test.sh: .deb OK: $(basename "$deb"); /usr/bin/vnsearch --count 'dang vien': $matches" >&2
