#!/bin/sh
# Crash safety: `storyline ingest` is killed with SIGKILL at 100 points of a
# large ingest (delays drawn from a seeded generator, scaled to the time one
# uninterrupted ingest takes here, so the kills land mid-ingest on any machine).
# After every kill the store must pass SQLite's integrity check and the FTS
# index's own check, and every committed article must be whole (its source,
# blocks and sentences are there: they are written in one transaction with
# it). A last run to completion must leave every input article exactly once,
# clustered and annotated, with no article lost or doubled.
. "$(dirname "$0")/lib.sh"
need_bin
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 CLI"
T=$(scratch crash)
DB="$T/store.db"
N=${SL_CRASH_ARTICLES:-3000}
KILLS=${SL_CRASH_KILLS:-100}
SEED=${SL_CRASH_SEED:-20261123}

# Our own invented bulletins from the Marrow Bay ferry strike, each distinct
# (numbers, days and harbours vary) so that copies are rare and the
# clusterer has real work.
awk -v dir="$T/in" -v n="$N" 'BEGIN {
    split("Gull Island,Tern Point,Kelp Reach,Marrow Bay,Old Quay", port, ",")
    split("Monday,Tuesday,Wednesday,Thursday,Friday", day, ",")
    system("mkdir -p " dir)
    for (i = 0; i < n; i++) {
        f = sprintf("%s/bulletin-%05d.txt", dir, i)
        p = port[i % 5 + 1]; d = day[int(i / 5) % 5 + 1]
        printf "Ferry bulletin %d from %s\n\n", i, p > f
        printf "Crews at %s said on %s that %d sailings were cancelled and %d passengers waited at the terminal.\n\n", p, d, i % 17 + 3, 100 + i * 7 > f
        printf "Harbour master Ines Vandermeer said talks on night pay would resume, according to bulletin %d.\n", i > f
        close(f)
    }
}'

# One uninterrupted ingest sets the time scale, so that the kills land
# mid-ingest on a fast machine as on a slow one (or under the sanitizers).
now_ms() { date +%s%3N; }
t0=$(now_ms)
if ! "$SL_BIN" ingest --db "$T/calibrate.db" --batch 5 "$T/in" >/dev/null 2>&1; then
    fail "an uninterrupted ingest finishes"
    finish
fi
full_ms=$(($(now_ms) - t0))
rm -f "$T"/calibrate.db*

# The delays, one per kill, from the seed: up to a third of a full ingest
# (at most half a second), so that a store takes several kills to fill.
awk -v s="$SEED" -v k="$KILLS" -v full="$full_ms" 'BEGIN {
    span = full / 3000; if (span > 0.5) span = 0.5
    srand(s); for (i = 0; i < k; i++) printf "%.3f\n", 0.01 + rand() * span
}' >"$T/delays"
echo "note: seed $SEED, $KILLS kills over $N articles, a full ingest takes $full_ms ms"

whole_sql="SELECT count(*) FROM article a WHERE
    NOT EXISTS (SELECT 1 FROM source s WHERE s.article_id = a.id)
 OR NOT EXISTS (SELECT 1 FROM sentence x WHERE x.article_id = a.id)
 OR NOT EXISTS (SELECT 1 FROM block b WHERE b.article_id = a.id)
 OR length(a.text) = 0"

bad_integrity=0 bad_fts=0 bad_whole=0 bad_full=0 kills=0 finished_early=0
while read -r delay; do
    "$SL_BIN" ingest --db "$DB" --batch 5 "$T/in" >/dev/null 2>"$T/ingest.err" &
    pid=$!
    sleep "$delay"
    finished=0
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    else
        finished=1 finished_early=$((finished_early + 1))
    fi
    wait "$pid" 2>/dev/null
    status=$?
    # Killed before the schema was committed: nothing to check yet (the
    # read-only open keeps the CLI from creating the file itself).
    [ -f "$DB" ] && [ "$(sqlite3 -readonly "$DB" 'SELECT count(*) FROM sqlite_master' 2>&1)" != 0 ] ||
        continue
    [ "$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)" = ok ] || bad_integrity=$((bad_integrity + 1))
    [ -z "$(sqlite3 "$DB" "INSERT INTO article_fts(article_fts) VALUES('integrity-check')" 2>&1)" ] ||
        bad_fts=$((bad_fts + 1))
    [ "$(sqlite3 "$DB" "$whole_sql" 2>&1)" = 0 ] || bad_whole=$((bad_whole + 1))
    # A run that finished filled the store: check it, then start a new
    # store so that the next kills land mid-ingest again.
    if [ "$finished" = 1 ]; then
        have=$(sqlite3 "$DB" 'SELECT count(*) FROM article')
        if [ "$have" != "$N" ]; then
            bad_full=$((bad_full + 1))
            echo "note: a run that finished (exit $status) left $have articles: $(head -c 200 "$T/ingest.err")"
        fi
        rm -f "$DB" "$DB-wal" "$DB-shm"
    fi
done <"$T/delays"
echo "note: $kills runs killed, $finished_early finished (each starting a new store)"
assert_ge "most runs were killed mid-ingest" "$kills" $((KILLS / 2))
assert_eq "integrity_check passes after every kill" "$bad_integrity" 0
assert_eq "the full-text index is consistent after every kill" "$bad_fts" 0
assert_eq "every committed article is whole after every kill" "$bad_whole" 0
assert_eq "every run that finished left every article" "$bad_full" 0

"$SL_BIN" ingest --db "$DB" --batch 5 "$T/in" >/dev/null 2>"$T/last.err"
assert_eq "the last run finishes the job" "$?" 0
assert_eq "every input article is there once" "$(sqlite3 "$DB" 'SELECT count(*) FROM article')" "$N"
assert_eq "no source file is recorded twice" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT path FROM source GROUP BY path HAVING count(*) > 1)')" 0
assert_eq "every article is clustered" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM article WHERE id NOT IN (SELECT article FROM article_cluster)')" 0
assert_eq "every article is annotated" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM article WHERE id NOT IN (SELECT article FROM article_facts)')" 0
assert_eq "event counts match their members" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM event e WHERE n_articles + n_copies !=
        (SELECT count(*) FROM article_cluster c WHERE c.event = e.id)')" 0
finish
