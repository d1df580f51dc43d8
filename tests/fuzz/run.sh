#!/bin/sh
# tests/fuzz/run.sh [short|long]: builds each libFuzzer target (ASan and
# UBSan) into build/fuzz/<target> and runs it for a bounded time: 12 s
# each in short mode (the default; make check's pass, about 3.5 minutes
# in all), 600 s each in long mode, or FUZZ_SECONDS each when set. Each
# target has its own largest input (-max_len, with -len_control=0 so the
# run reaches it at once): at least 1 MB for the parsers of request
# bodies and uploaded files, so their size limits are exercised. The
# seeds in tests/fuzz/corpus/<target>/ are copied to
# build/fuzz/corpus/<target>/, which the run grows, so the repository is
# never modified. Crash inputs go to build/fuzz/artifacts/.
# FUZZ_ONLY="mail url" runs only those targets.
# Prints "fuzz <target>: ok" or the crash, then "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."

mode=${1:-short}
case $mode in
short)	secs=12 ;;
long)	secs=600 ;;
*)	echo "usage: $0 [short|long]" >&2; exit 2 ;;
esac
secs=${FUZZ_SECONDS:-$secs}

MB=1048576
# target:max_len
TARGETS="urlencoded:$MB multipart:$MB json_form:$MB photo:$MB catalog:$MB
path:8192 doc:65536 date:256 attrs:65536 address:4096 http:16384
mail:65536 export:65536 url:4096 config:65536 params:65536 gazetteer:65536
upstream:$MB upload:$MB"
CC_FUZZ=${CC_FUZZ:-clang}
PURE_SRC="app/config.c $(ls app/lib/*.c app/formats/*.c app/model/*.c | sort) \
    app/geo/grid.c"
CFLAGS="-std=c99 -g -O1 -D_GNU_SOURCE -Iapp -Itests/unit -Itests/fuzz \
    -fsanitize=address,undefined -fno-sanitize-recover=undefined \
    -fno-omit-frame-pointer $(pkg-config --cflags jansson)"
LIBS="$(pkg-config --libs jansson libcrypto) -largon2 -lm"

out=build/fuzz
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs" "$out/obj"

pass=0
fail=0

# The code under test, compiled once for every target.
rm -f "$out"/obj/*.o
for src in $PURE_SRC; do
	obj=$out/obj/$(printf '%s' "${src%.c}" | tr / _).o
	if ! $CC_FUZZ $CFLAGS -fsanitize=fuzzer-no-link -c "$src" \
	    -o "$obj" >"$out/logs/build.log" 2>&1; then
		echo "fuzz: $src does not build"
		sed 's/^/  /' "$out/logs/build.log" | head -40
		echo "0 passed, 1 failed"
		exit 1
	fi
done
for tm in $TARGETS; do
	t=${tm%%:*}
	maxlen=${tm#*:}
	name=fuzz_$t
	case " ${FUZZ_ONLY:-$t} " in
	*" $t "*) ;;
	*) continue ;;
	esac
	log=$out/logs/$name.log
	if ! $CC_FUZZ $CFLAGS -fsanitize=fuzzer -o "$out/$name" \
	    "tests/fuzz/$name.c" "$out"/obj/*.o $LIBS >"$log" 2>&1; then
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
	    -max_len="$maxlen" -len_control=0 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$out/artifacts/$name-" $dict \
	    "$corpus" >"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz $name: ok (${runs:-?} runs in ${secs}s," \
		    "inputs up to $maxlen bytes)"
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
