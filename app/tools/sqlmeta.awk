# sqlmeta.awk: reads the header of one sql/ file for embed.sh.
#
# Prints "NPARAMS NCOLS col1 col2 ...": NPARAMS is the highest $N the
# "-- Params:" lines describe ("$1 id, $2 test", or a range "$1 to $10"),
# NCOLS the number of names on the "-- Columns: a, b, c" lines (-1 when
# there are none). Fails (message on stderr, exit 1) when the header
# skips a parameter or describes another count than the statement uses,
# so a header that disagrees with its statement breaks the build.
function fail(msg) { print FILENAME ": " msg > "/dev/stderr"; bad = 1; exit 1 }
function nums(s, into,    m, a, b, k) {
	while (match(s, /\$[0-9]+( +to +\$[0-9]+)?/)) {
		m = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
		a = m; sub(/^\$/, "", a); sub(/ .*/, "", a)
		b = a
		if (m ~ / to /) { b = m; sub(/.*\$/, "", b) }
		for (k = a + 0; k <= b + 0; k++) into[k] = 1
	}
}
BEGIN { inparams = 0; incols = 0; ncols = -1; cols = ""; bodymax = 0; hdr = 0 }
/^[ \t]*--/ {
	line = $0
	if (line ~ /^-- [A-Z][a-z]*:/) { inparams = 0; incols = 0 }
	if (line ~ /^-- Params:/) { inparams = 1; hdr = 1 }
	if (line ~ /^-- Columns:/) { incols = 1; ncols = 0; sub(/^-- Columns:/, "", line) }
	if (inparams) nums(line, declared)
	if (incols) {
		sub(/^--/, "", line)
		n = split(line, f, ",")
		for (i = 1; i <= n; i++) {
			c = f[i]; gsub(/[ \t]/, "", c)
			if (c == "") continue
			if (c !~ /^[a-z][a-z0-9_]*$/) fail("Columns: bad name '" c "'")
			cols = cols " " c; ncols++
		}
	}
	next
}
{
	inparams = 0; incols = 0
	s = $0
	sub(/--.*/, "", s)
	while (match(s, /\$[0-9]+/)) {
		k = substr(s, RSTART + 1, RLENGTH - 1) + 0
		if (k > bodymax) bodymax = k
		s = substr(s, RSTART + RLENGTH)
	}
}
END {
	if (bad) exit 1
	hmax = 0
	for (k in declared) if (k + 0 > hmax) hmax = k + 0
	for (k = 1; k <= hmax; k++)
		if (!(k in declared)) fail("Params: $" k " is not described")
	if (hmax != bodymax)
		fail("Params: describes " hmax " parameters, the statement uses $" bodymax)
	print hmax, ncols cols
}
