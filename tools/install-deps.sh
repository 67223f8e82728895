#!/bin/sh
# Install the Debian packages storyline builds against, if any is missing.
# Run as root, or with sudo available; does nothing when all are present.
# chromium renders the report page in its browser test (tests/e2e); clang
# and its runtime (libFuzzer, sanitizers) build the fuzz targets.
set -e
PKGS="build-essential cmake pkg-config libsqlite3-dev zlib1g-dev libdeflate-dev \
libutf8proc-dev libuchardet-dev libcmocka-dev libstemmer-dev wamerican wordnet-base iso-codes tzdata libgeonames-dev python3 \
chromium fonts-dejavu-core libmicrohttpd-dev curl clang libclang-rt-dev"
# `install-deps.sh bench` adds what only the benchmarks use: wrk drives the
# server, nginx serves the same JSON as files (the physical-limit anchor).
[ "${1:-}" = bench ] && PKGS="$PKGS wrk nginx-light python3-sklearn"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The browser test's client, playwright-core from npm (a test tool, not a
# dependency of storyline), drives Debian's chromium; kept in .deps/node.
# Without node or the registry the browser test skips, nothing else fails.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PW=1.65.1
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm ||
    echo "nodejs/npm not installed: the browser test will skip" >&2
fi
if command -v npm >/dev/null 2>&1 &&
   ! grep -qs "\"version\": \"$PW\"" "$ROOT/.deps/node/node_modules/playwright-core/package.json"; then
  echo "installing: playwright-core $PW (npm, into .deps/node)" >&2
  npm install --prefix "$ROOT/.deps/node" --no-audit --no-fund --loglevel=error \
    "playwright-core@$PW" >&2 || echo "playwright-core not installed: the browser test will skip" >&2
fi
