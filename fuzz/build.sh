#!/bin/sh
# build.sh — build the libFuzzer targets (ASan + UBSan) into build-fuzz/.
# The library sources are compiled once with coverage instrumentation and
# linked into each fuzz_*.c; words.c and entlex.c come from a normal CMake
# build.
set -eu
cd "$(dirname "$0")/.."
OUT=${OUT:-build-fuzz}
CC=${CC:-clang}
JOBS=${JOBS:-2}
WORDS=build/generated/words.c
ENTLEX=build/generated/entlex.c
if [ ! -f "$WORDS" ] || [ ! -f "$ENTLEX" ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j "$JOBS" --target storyline_core
fi
PKGS="sqlite3 zlib libdeflate libutf8proc uchardet libmicrohttpd"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-std=c11 -g -O1 $SAN -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lstemmer -lm"
mkdir -p "$OUT/obj"
export CC CFLAGS OUT
# One object per library source; -fsanitize=fuzzer-no-link instruments
# without pulling in libFuzzer's main.
find src -name '*.c' | sort | { cat; echo "$WORDS"; echo "$ENTLEX"; } | xargs -P "$JOBS" -I{} sh -c '
    o="$OUT/obj/$(echo "{}" | tr / _ | sed "s/\.c$/.o/")"
    if [ ! -f "$o" ] || [ "{}" -nt "$o" ] || [ -n "$(find src -name "*.h" -newer "$o" | head -1)" ]; then
        $CC $CFLAGS -fsanitize=fuzzer-no-link -c "{}" -o "$o"
    fi'
for t in extract reader json segment annotate synth api cluster; do
    $CC $CFLAGS -fsanitize=fuzzer "fuzz/fuzz_$t.c" "$OUT"/obj/*.o $LIBS -o "$OUT/fuzz_$t"
    echo "built $OUT/fuzz_$t"
done
