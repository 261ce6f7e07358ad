#!/usr/bin/env bash
# Serves one vnsearch shard (or one-database index) to remote vnsearch clients
# with Xapian's xapian-tcpsrv, in the foreground (Ctrl-C stops it).
# Usage: scripts/serve-shard.sh INDEX_DIR PORT [INTERFACE]
#   INDEX_DIR  a shard folder (e.g. archive-index/shard-0) or a one-database index
#   PORT       TCP port to listen on
#   INTERFACE  address to listen on (default 0.0.0.0: every interface; the
#              protocol has no authentication or encryption, so keep it on a
#              trusted network or use 127.0.0.1 behind an SSH tunnel)
# Clients: vnsearch --remote HOST:PORT, or a stub file line "remote HOST:PORT".
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 2 ] && [ $# -le 3 ] || usage
index="$1"
port="$2"
interface="${3:-0.0.0.0}"

case "$port" in
  '' | *[!0-9]*) echo "serve-shard.sh: PORT must be a number, got '$port'" >&2; exit 2 ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "serve-shard.sh: PORT must be between 1 and 65535" >&2
  exit 2
fi
if [ ! -f "$index/iamglass" ]; then
  if [ -f "$index/XAPIANDB" ]; then
    echo "serve-shard.sh: $index is a sharded index; serve each shard on its own port," >&2
    echo "  e.g. $0 $index/shard-0 $port" >&2
  else
    echo "serve-shard.sh: $index is not a Xapian database (no iamglass)" >&2
  fi
  exit 2
fi
tcpsrv="$(command -v xapian-tcpsrv || true)"
if [ -z "$tcpsrv" ]; then
  echo "serve-shard.sh: xapian-tcpsrv not found; install xapian-tools (scripts/install-deps.sh)" >&2
  exit 2
fi

echo "serve-shard.sh: serving $index on $interface:$port ($("$tcpsrv" --version | head -n 1))" >&2
# exec: signals reach the server itself, and its exit status is the script's.
exec "$tcpsrv" --port "$port" --interface "$interface" "$index"
