#!/usr/bin/env bash
# Installs the Debian 12 packages vnsearch needs to build, test and benchmark.
# As root it installs what is missing; otherwise it prints the one command to
# run. Quick when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  libicu-dev libboost-program-options-dev nlohmann-json3-dev libgumbo-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # vnsearch serve: the HTTP server library; Chromium for its browser test
  libcpp-httplib-dev chromium
  clang-format
  # man pages made from --help at build time
  help2man
  # benchmarks and evaluation: omindex, /usr/bin/time, Python 3 (standard library only)
  xapian-omega time python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "vnsearch needs these Debian packages; please run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
