#!/bin/sh
# tests/fuzz/run.sh [short|long]: builds each libFuzzer target (ASan and
# UBSan) into build/fuzz/<target> and runs it for a bounded time: 15 s
# each in short mode (the default), 600 s each in long mode, or
# FUZZ_SECONDS each when set. The seeds in tests/fuzz/corpus/<target>/
# are copied to build/fuzz/corpus/<target>/, which the run grows, so the
# repository is never modified. Crash inputs go to build/fuzz/artifacts/.
# Prints "fuzz <target>: ok" or the crash, then "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."

mode=${1:-short}
case $mode in
short)	secs=15 ;;
long)	secs=600 ;;
*)	echo "usage: $0 [short|long]" >&2; exit 2 ;;
esac
secs=${FUZZ_SECONDS:-$secs}

CC_FUZZ=${CC_FUZZ:-clang}
TARGETS="urlencoded multipart path catalog doc date attrs address json_form http \
    params"
PURE_SRC="app/config.c $(ls app/lib/*.c app/formats/*.c app/model/*.c | sort) \
    app/geo/grid.c"
CFLAGS="-std=c99 -g -O1 -D_GNU_SOURCE -Iapp -Itests/unit -Itests/fuzz \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -fno-omit-frame-pointer $(pkg-config --cflags jansson)"
LIBS="$(pkg-config --libs jansson libcrypto) -lm"

out=build/fuzz
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs"

pass=0
fail=0
for t in $TARGETS; do
	name=fuzz_$t
	log=$out/logs/$name.log
	if ! $CC_FUZZ $CFLAGS -o "$out/$name" "tests/fuzz/$name.c" \
	    $PURE_SRC $LIBS >"$log" 2>&1; then
		echo "fuzz $name: build failed"
		sed 's/^/  /' "$log" | head -40
		fail=$((fail + 1))
		continue
	fi

	corpus=$out/corpus/$name
	mkdir -p "$corpus"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp -R "tests/fuzz/corpus/$name/." "$corpus/"
	fi
	dict=
	if [ -f "tests/fuzz/$name.dict" ]; then
		dict=-dict=tests/fuzz/$name.dict
	fi

	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    "$out/$name" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$out/artifacts/$name-" $dict \
	    "$corpus" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz $name: ok (${runs:-?} runs in ${secs}s)"
		pass=$((pass + 1))
	else
		echo "fuzz $name: FAILED (exit $rc), log in $log"
		grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit' \
		    "$log" | head -20 | sed 's/^/  /'
		grep -E '^    #[0-9]+ ' "$log" | head -15 | sed 's/^/  /'
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
