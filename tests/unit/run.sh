#!/bin/sh
# tests/unit/run.sh: builds and runs every unit test (cmocka, ASan+UBSan;
# and the shell tests of the build tools, tests/unit/test_*.sh),
# each binary in its own process, and prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."

make -s unit || { echo "0 passed, 1 failed"; exit 1; }

pass=0
fail=0
for t in build/unit/test_* tests/unit/test_*.sh; do
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 \
	    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or leaked: count the binary as a failure
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok ' | sed "s|^|$(basename "$t"): |"
	fi
	echo "unit $(basename "$t"): $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
