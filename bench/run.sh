#!/bin/sh
# Every benchmark in one run; prints our figures beside the published ones
# and the peers'. Data is read from ../shared/bench.
set -e
here=$(cd "$(dirname "$0")" && pwd)
"$here/extraction.sh"
echo
"$here/ingest_warc.sh"
echo
"$here/dedup.sh"
echo
"$here/cluster.sh"

echo
"$here/facts.sh"
