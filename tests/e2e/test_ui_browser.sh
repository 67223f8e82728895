#!/bin/sh
# test_ui_browser.sh — the web UI of `storyline serve` in headless Debian
# chromium, driven by playwright-core (tests/browser/ui.mjs): search as you
# type, a storyline page, a summary citation leading to its highlighted
# span, an article at phone width, no request leaving the server. Skips
# visibly when chromium, node or playwright-core (installed by
# tools/install-deps.sh into .deps/node) is missing.

. "$(dirname "$0")/lib.sh"
need_bin
NODE_MODULES=${SL_NODE_MODULES:-$SL_SRC/.deps/node/node_modules}
command -v chromium >/dev/null 2>&1 || skip "chromium is not installed"
command -v node >/dev/null 2>&1 || skip "node is not installed"
[ -d "$NODE_MODULES/playwright-core" ] || skip "playwright-core is not in $NODE_MODULES (tools/install-deps.sh)"
W=$(scratch ui)
cleanup() { serve_kill; [ -n "$SL_KEEP" ] || rm -rf "$W"; }
trap cleanup EXIT
S=$SL_SRC/sample
DB=$W/sample.db
"$SL_BIN" ingest --quiet --db "$DB" "$S/html" "$S/text" "$S/jsonl" "$S/warc" >/dev/null 2>&1
assert_exit "ingest of the sample" $? 0
serve_start "$DB"
SL_NODE_MODULES=$NODE_MODULES timeout 120 node "$SL_SRC/tests/browser/ui.mjs" \
    "http://127.0.0.1:$SERVE_PORT" "${SL_SHOTS:-}" >"$W/ui.out" 2>&1
rc=$?
while read -r line; do
    case "$line" in
    "ok   "*) ok "${line#ok   }" ;;
    "FAIL "*) fail "${line#FAIL }" ;;
    *) printf '     %s\n' "$line" ;;
    esac
done <"$W/ui.out"
[ $rc -eq 0 ] || grep -q '^FAIL' "$W/ui.out" || fail "the browser run failed (exit $rc)"
serve_stop
finish
