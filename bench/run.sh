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

echo
"$here/summarize.sh"
echo
"$here/synth.sh"
echo
"$here/report.sh"
echo
# The serve benchmark builds (once, kept in build/bench/) a 100,000-article
# store, which takes about 15 minutes on two cores.
"$here/serve.sh"
