/*
 * Copyright (c) 2026 The open311d authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * libFuzzer target: fmt_path_parse() and fmt_path_match() on arbitrary
 * request paths, fmt_path_shift() on what parses, and fmt_pct_decode()
 * on the same bytes. Parsed paths must have at most FMT_PATH_SEGS
 * non-empty segments inside the buffer, and an alphanumeric format
 * suffix; a shift takes the first of two or more and keeps the rest.
 */

#include <ctype.h>
#include <string.h>

#include "formats/path.h"
#include "fuzz.h"

static const char	*patterns[] = {
	"services", "services/:", "requests", "requests/:",
	"requests/:/notes", "tokens/:", "discovery", ":/:/:/:/:/:", "", NULL
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt_path	p, q;
	const char	*caps[3];
	char		*s, *out, *first;
	size_t		i, len;
	int		n, plus;

	if ((s = malloc(size + 1)) == NULL || (out = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	if (fmt_path_parse(s, &p) == 0) {
		FUZZ_CHECK(p.nsegs >= 0 && p.nsegs <= FMT_PATH_SEGS);
		FUZZ_CHECK(p.segs[p.nsegs] == NULL);
		FUZZ_CHECK(p.test == 0 || p.test == 1);
		for (i = 0; i < (size_t)p.nsegs; i++) {
			FUZZ_CHECK(p.segs[i] >= p.buf &&
			    p.segs[i] < p.buf + sizeof(p.buf));
			FUZZ_CHECK(p.segs[i][0] != '\0');
			FUZZ_CHECK(p.segs[i] + strlen(p.segs[i]) <
			    p.buf + sizeof(p.buf));
		}
		FUZZ_CHECK(strlen(p.ext) < sizeof(p.ext));
		for (i = 0; p.ext[i] != '\0'; i++)
			FUZZ_CHECK(isalnum((unsigned char)p.ext[i]));
		for (i = 0; patterns[i] != NULL; i++) {
			caps[0] = caps[1] = caps[2] = NULL;
			if (fmt_path_match(&p, patterns[i], caps, 2) == 1 &&
			    strchr(patterns[i], ':') != NULL)
				FUZZ_CHECK(caps[0] != NULL);
			FUZZ_CHECK(caps[2] == NULL);
		}
		q = p;
		first = fmt_path_shift(&q);
		FUZZ_CHECK((first == NULL) == (p.nsegs < 2));
		if (first != NULL) {
			FUZZ_CHECK(first == p.segs[0]);
			FUZZ_CHECK(q.nsegs == p.nsegs - 1);
			FUZZ_CHECK(q.segs[q.nsegs] == NULL);
			for (i = 0; i < (size_t)q.nsegs; i++)
				FUZZ_CHECK(q.segs[i] == p.segs[i + 1]);
		}
	}

	for (plus = 0; plus <= 1; plus++) {
		n = fmt_pct_decode(s, len, out, plus);
		FUZZ_CHECK(n >= -1 && n <= (int)len);
		if (n >= 0) {
			FUZZ_CHECK(out[n] == '\0');
			FUZZ_CHECK(strlen(out) == (size_t)n);
		}
	}

	free(out);
	free(s);
	return (0);
}
