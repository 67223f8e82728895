#!/bin/sh
# Install the Debian packages storyline builds against, if any is missing.
# Run as root, or with sudo available; does nothing when all are present.
# chromium renders the report page in its browser test (tests/e2e).
set -e
PKGS="build-essential cmake pkg-config libsqlite3-dev zlib1g-dev libdeflate-dev \
libutf8proc-dev libuchardet-dev libcmocka-dev libstemmer-dev wamerican wordnet-base iso-codes tzdata libgeonames-dev python3 \
chromium fonts-dejavu-core libmicrohttpd-dev curl"
# `install-deps.sh bench` adds what only the benchmarks use: wrk drives the
# server, nginx serves the same JSON as files (the physical-limit anchor).
[ "${1:-}" = bench ] && PKGS="$PKGS wrk nginx-light python3-sklearn"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
