# lib.sh — shared helpers for the end-to-end tests (POSIX sh, sourced).
#
# CTest passes SL_BIN (the storyline binary), SL_SRC (repo root), SL_SHARED
# (../shared) and SL_TMP (scratch dir). The defaults let a developer run a
# script by hand from the repo: sh tests/e2e/test_sample.sh
#
# Every check prints one line, "ok   ..." or "FAIL ...", and a failed check
# does not stop the script: one run shows everything that is wrong. finish
# turns the tally into the exit status (0 pass, 1 fail; 77 is skip).

: "${SL_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SL_BIN:=$SL_SRC/build/storyline}"
: "${SL_SHARED:=$SL_SRC/../shared}"
: "${SL_TMP:=${TMPDIR:-/tmp}/storyline-e2e}"
# Byte-wise grep/tr/awk; python3 still reads and writes UTF-8 (PEP 538).
LC_ALL=C
export LC_ALL

SL_FAILS=0
SL_OKS=0

ok() {
    SL_OKS=$((SL_OKS + 1))
    printf 'ok   %s\n' "$*"
}

fail() {
    SL_FAILS=$((SL_FAILS + 1))
    printf 'FAIL %s\n' "$*"
}

skip() {
    printf 'SKIP: %s\n' "$*"
    exit 77
}

# finish: summary line and exit status.
finish() {
    printf '%s: %d ok, %d failed\n' "$(basename "$0")" "$SL_OKS" "$SL_FAILS"
    [ "$SL_FAILS" -eq 0 ] && exit 0
    exit 1
}

# need_bin: the binary must exist; without it nothing can be checked.
need_bin() {
    if [ ! -x "$SL_BIN" ]; then
        printf 'FAIL storyline binary not found at %s (build first, or set SL_BIN)\n' "$SL_BIN"
        exit 1
    fi
}

# need_python: JSON output is read with python3's json module.
need_python() {
    command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read the CLI's JSON output"
}

# scratch NAME: a private scratch dir for this script (CTest may run the
# scripts in parallel, all with the same SL_TMP), removed on exit unless
# SL_KEEP is set. Prints its path.
scratch() {
    mkdir -p "$SL_TMP" || exit 1
    _d="$SL_TMP/$1.$$"
    rm -rf "$_d"
    mkdir -p "$_d" || exit 1
    printf '%s\n' "$_d"
}

# ------------------------------------------------------------- assertions

# assert_eq LABEL GOT WANT
assert_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', want '$3'"; fi
}

# assert_ge LABEL GOT MIN (integers; a non-number fails)
assert_ge() {
    case "$2" in
    '' | *[!0-9]*) fail "$1: got '$2', want a number >= $3" ;;
    *) if [ "$2" -ge "$3" ]; then ok "$1"; else fail "$1: got $2, want >= $3"; fi ;;
    esac
}

# assert_contains LABEL FILE NEEDLE (fixed string)
assert_contains() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1: '$3' not found in $(basename "$2")"; fi
}

# assert_not_contains LABEL FILE NEEDLE (fixed string). An empty FILE
# fails: absence from no output proves nothing.
assert_not_contains() {
    if [ ! -s "$2" ]; then
        fail "$1: $(basename "$2") is empty, nothing to check"
    elif grep -qF -- "$3" "$2"; then
        fail "$1: unwanted '$3' found: $(grep -F -m1 -- "$3" "$2" | cut -c1-120)"
    else
        ok "$1"
    fi
}

# assert_exit LABEL RC WANT [STDERR_FILE]: on mismatch, show stderr's head.
assert_exit() {
    if [ "$2" -eq "$3" ]; then
        ok "$1"
    else
        fail "$1: exit status $2, want $3"
        [ -n "$4" ] && [ -s "$4" ] && sed -n '1,5s/^/     stderr: /p' "$4"
    fi
}

# no_crash LABEL RC STDERR_FILE: not killed by a signal, not timed out, and
# no sanitizer report (ASan exits 1, which alone would look like success).
no_crash() {
    if [ "$2" -eq 124 ]; then
        fail "$1: timed out (quadratic or stuck?)"
    elif [ "$2" -ge 128 ]; then
        fail "$1: killed by signal $(($2 - 128))"
    elif grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$3" 2>/dev/null; then
        fail "$1: sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error' "$3" | cut -c1-120)"
    else
        ok "$1: no crash (exit $2)"
    fi
}

# ------------------------------------------------------------------ JSON
#
# The CLI prints one JSON object, a JSON array, or JSON lines; jq_py reads
# any of these from FILE as a list `docs` (arrays flattened), `d` = docs[0],
# evaluates the Python expression EXPR and prints the result: strings as is,
# None as "null", anything else as JSON. Exit 2 (and "ERROR ...") when the
# file holds no JSON or the expression fails.

jq_py() {
    python3 - "$1" "$2" <<'PY'
import json, sys
def load(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    dec, docs, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            return docs
        v, i = dec.raw_decode(text, i)
        docs.extend(v if isinstance(v, list) else [v])
def span(d, b):
    """Text of block b: spans are byte offsets into the UTF-8 text."""
    return d["text"].encode("utf-8")[b["start"]:b["end"]].decode("utf-8", "replace")
class NoDoc:
    """d when the output held no JSON: any use says so plainly."""
    def __getitem__(self, k):
        raise LookupError("no JSON object in the output")
    get = __getitem__
try:
    docs = load(sys.argv[1])
    d = docs[0] if docs else NoDoc()
    r = eval(sys.argv[2], {"docs": docs, "d": d, "span": span, "re": __import__("re")})
except Exception as e:
    print("ERROR %s: %s" % (type(e).__name__, e))
    sys.exit(2)
if r is None:
    print("null")
elif isinstance(r, str):
    print(r)
elif isinstance(r, bool):
    print("true" if r else "false")
else:
    print(json.dumps(r, ensure_ascii=False))
PY
}

# json_true LABEL FILE EXPR: EXPR must be true; on failure print SHOW (an
# optional 4th argument, another expression) to say what was there.
json_true() {
    _r=$(jq_py "$2" "$3")
    if [ "$_r" = true ]; then
        ok "$1"
    else
        _s=""
        [ -n "$4" ] && _s=$(jq_py "$2" "$4" | cut -c1-160)
        case "$_s" in ERROR*) _s="" ;; esac
        case "$_r" in
        ERROR*) fail "$1: $_r${_s:+ (got: $_s)}" ;;
        *) fail "$1${_s:+: got $_s}" ;;
        esac
    fi
}

# last_json_line FILE OUT: the final line of FILE (the ingest summary) into OUT.
last_json_line() {
    tail -n 1 "$1" >"$2"
}

# ------------------------------------------------------------- serve

# serve_start DB [ARGS...]: `storyline serve` on a free port in the
# background; sets SERVE_PID and SERVE_PORT (the URL is
# http://127.0.0.1:$SERVE_PORT). Its stderr goes to $W/serve.err.
serve_start() {
    _db=$1
    shift
    # Empty it first: the previous server's "serving" line must not be
    # read before the new one's redirection truncates the file.
    : >"$W/serve.err"
    "$SL_BIN" serve --db "$_db" --port 0 "$@" 2>"$W/serve.err" &
    SERVE_PID=$!
    _i=0
    while [ $_i -lt 100 ] && ! grep -q 'serving' "$W/serve.err" 2>/dev/null; do
        sleep 0.1
        _i=$((_i + 1))
    done
    SERVE_PORT=$(sed -n 's/.*:\([0-9][0-9]*\)\/.*/\1/p' "$W/serve.err")
    if [ -n "$SERVE_PORT" ]; then ok "serve listens (port $SERVE_PORT)"; else fail "serve did not start: $(cat "$W/serve.err")"; fi
}

# serve_stop: SIGTERM; the server must exit 0 with no sanitizer report.
serve_stop() {
    kill -TERM "$SERVE_PID"
    wait "$SERVE_PID"
    _rc=$?
    SERVE_PID=
    assert_exit "SIGTERM stops the server cleanly" $_rc 0 "$W/serve.err"
    no_crash "server" $_rc "$W/serve.err"
}

# serve_kill: for traps, when a test ends early.
serve_kill() {
    [ -n "${SERVE_PID:-}" ] && kill "$SERVE_PID" 2>/dev/null
    SERVE_PID=
}
