#!/bin/sh
# run.sh SECONDS — run every fuzz target (or those named in TARGETS) for
# SECONDS, JOBS at a time (default 2), seeded from our own fixtures. With
# CPU=1, SECONDS is each target's CPU time, not wall time: a campaign is
# counted in CPU-hours, and a busy machine gives a target less than the clock.
# Crashes land in build-fuzz/artifacts/<target>/, logs in build-fuzz/logs/.
# Exit 1 on any finding.
set -u
cd "$(dirname "$0")/.."
SECS=${1:-60}
OUT=${OUT:-build-fuzz}
C=$OUT/corpus
mkdir -p "$OUT/logs"
for t in extract reader json segment annotate synth api cluster; do mkdir -p "$C/$t" "$OUT/artifacts/$t"; done

# Seeds: every fixture, prefixed by each mode byte the target reads first.
seed() { # dir prefix-byte file
    { printf "\\$(printf %03o "$2")"; cat "$3"; } >"$1/seed-$2-$(echo "$3" | tr / _)"
}
for f in $(find sample tests/fixtures -type f ! -name '*.py' ! -name '*.md' | sort); do
    case $f in
    *.gz) seed "$C/reader" 0 "$f" ;;
    *.jsonl | *.warc) seed "$C/reader" 0 "$f"; seed "$C/reader" 1 "$f"; seed "$C/reader" 3 "$f" ;;
    *)
        for m in 0 1 2 3 13; do seed "$C/extract" $m "$f"; done
        seed "$C/reader" 0 "$f"; seed "$C/reader" 1 "$f" ;;
    esac
    case $f in
    *.jsonl) n=0; while IFS= read -r line; do n=$((n + 1)); printf %s "$line" >"$C/json/seed-$n-$(basename "$f")"; done <"$f" ;;
    *.txt)
        head -c 16384 "$f" >"$C/segment/seed-$(echo "$f" | tr / _)"
        { printf '\001'; head -c 16384 "$f"; } >"$C/annotate/seed-$(echo "$f" | tr / _)" ;;
    esac
done
# The story stage: the sample's texts, several to an input (form feeds).
for m in 0 15 143; do
    { printf "\\$(printf %03o $m)"; for f in sample/text/*.txt; do head -c 4096 "$f"; printf '\f'; done; } \
        >"$C/synth/seed-texts-$m"
done
# The clusterer: the same texts, titled, dated or not, saved halfway or not.
for m in 0 1 35 129 147; do
    { printf "\\$(printf %03o $m)"; for f in sample/text/*.txt; do head -c 4096 "$f"; printf '\f'; done; } \
        >"$C/cluster/seed-texts-$m"
done
cat fuzz/html.dict fuzz/warc.dict >"$OUT/reader.dict"
# The API: one request per route, and search queries with FTS5 syntax.
n=0
for rq in 'GET\n/api/v1/health' 'GET\n/api/v1/storylines?limit=2&offset=1' \
    'GET\n/api/v1/storylines?from=2031-03-01&to=2031-03-31&outlet=x&entity=Vandermeer' \
    'GET\n/api/v1/storylines/S1' 'GET\n/api/v1/events/1' 'GET\n/api/v1/articles?limit=3' \
    'GET\n/api/v1/articles/2' 'GET\n/api/v1/search?q=ferry+AND+strike' \
    'GET\n/api/v1/search?q=%22night+pay%22+OR+van*' 'GET\n/api/v1/entities?limit=5' \
    'GET\n/api/v1/entities/Vandermeer' 'GET\n/?q=ferry' 'GET\n/s/1' 'GET\n/e/1' 'GET\n/a/2?hl=0-40' \
    'GET\n/entity/Vandermeer' 'POST\n/api/v1/articles\n{"title":"Quay","text":"The quay reopened on Monday."}'; do
    n=$((n + 1)); printf %b "$rq" >"$C/api/seed-$n"
done

WALL=$SECS; [ -n "${CPU:-}" ] && WALL=0 # 0: no wall-clock limit
COMMON="-max_total_time=$WALL -rss_limit_mb=2048 -timeout=10 -print_final_stats=1"
# stop_at_cpu PID MARK: interrupt the fuzzer under PID (itself, or the child
# of /usr/bin/time) once it has had SECS of CPU, and leave MARK to say so.
stop_at_cpu() {
    tick=$(getconf CLK_TCK)
    while kill -0 "$1" 2>/dev/null; do
        f=$(pgrep -P "$1" | head -1); f=${f:-$1}
        set -- "$1" "$2" "$f" $(sed 's/.*) //' "/proc/$f/stat" 2>/dev/null)
        if [ $# -gt 16 ] && [ $(((${15} + ${16}) / tick)) -ge "$SECS" ]; then
            : >"$2"; kill -INT "$3"; return
        fi
        set -- "$1" "$2"
        sleep 10
    done
}
run() { # target max_len dict [extra flags]
    t=$1
    d=""; [ -n "$3" ] && d="-dict=$3"
    # The CPU time it got (a campaign is counted in CPU-hours), when
    # /usr/bin/time is there to tell.
    timer=""; [ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $OUT/logs/$t.cpu"
    $timer "$OUT/fuzz_$t" $COMMON -max_len="$2" $d ${4:-} -artifact_prefix="$OUT/artifacts/$t/" \
        "$C/$t" >"$OUT/logs/$t.log" 2>&1 &
    w=$! mark="$OUT/logs/$t.stopped"
    rm -f "$mark"
    [ -n "${CPU:-}" ] && stop_at_cpu "$w" "$mark" &
    wait "$w"; rc=$?
    # libFuzzer exits 72 when interrupted: here, by the budget, not a finding
    [ "$rc" = 72 ] && [ -f "$mark" ] && rc=0
    cpu=""; [ -n "$timer" ] && cpu=" cpu_s=$(tail -1 "$OUT/logs/$t.cpu" | awk -F+ '{ print $1 + $2 }')"
    echo "fuzz_$t: exit $rc;$cpu $(grep -E '^#[0-9]+' "$OUT/logs/$t.log" | tail -1)"
    return $rc
}
# Each target's longest input, dictionary and extra flags. The reader takes
# full-length inputs from the start: its worst cases need many records in
# one input, which slowly growing lengths reach too late.
run_target() {
    case $1 in
    extract) run extract 65536 fuzz/html.dict ;;
    # its inputs inflate (64 KiB of gzip may hold megabytes), and under
    # coverage tracing on a busy machine a linear read can pass 10 s
    reader) run reader 65536 "$OUT/reader.dict" "-len_control=0 -timeout=30" ;;
    json) run json 4096 fuzz/json.dict ;;
    segment) run segment 16384 "" ;;
    annotate) run annotate 16384 "" ;;
    synth) run synth 32768 "" ;;
    api) run api 4096 fuzz/api.dict ;;
    cluster) run cluster 32768 "" ;;
    *) echo "no fuzz target $1"; return 2 ;;
    esac
}
# JOBS targets at a time (default two: the machine has two cores).
fail=0
set -- ${TARGETS:-extract reader json segment annotate synth api cluster}
while [ $# -gt 0 ]; do
    pids="" i=0
    while [ $i -lt "${JOBS:-2}" ] && [ $# -gt 0 ]; do
        run_target "$1" & pids="$pids $!"
        shift; i=$((i + 1))
    done
    for p in $pids; do wait "$p" || fail=1; done
done
ls "$OUT"/artifacts/*/* 2>/dev/null && fail=1
exit $fail
