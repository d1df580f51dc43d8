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
 * Request paths: "/test/services/POT%20HOLE.json" becomes the segments
 * "services" and "POT HOLE", the format suffix "json" and the test flag.
 * Doubled and trailing slashes are ignored. Pure code.
 */

#ifndef __H_FMT_PATH
#define __H_FMT_PATH

#include <stddef.h>

#define FMT_PATH_SEGS	6
#define FMT_PATH_LEN	1024

struct fmt_path {
	int	test;
	int	nsegs;
	char	*segs[FMT_PATH_SEGS + 1];
	char	ext[12];
	char	buf[FMT_PATH_LEN];
};

/*
 * Splits and percent-decodes path (without its query string). The
 * suffix after the last '.' of the last segment is taken as the format
 * when it is 1 to 10 letters or digits. Returns 0, or -1 for a path that
 * is too long, has too many segments, bad percent-encoding or a NUL.
 */
int	fmt_path_parse(const char *, struct fmt_path *);

/*
 * Matches parsed segments against a pattern such as "requests/:/notes",
 * where ':' matches any one segment and a last '*' one or more (the
 * first of them is captured; the rest stay in p->segs). Captured
 * segments are stored in caps (at most ncaps). Returns 1 on a match.
 */
int	fmt_path_match(const struct fmt_path *, const char *, const char **,
	    int);

/*
 * Takes the first of two or more segments off p (as for a jurisdiction's
 * own endpoint, "/sandiego.gov/services.json"): the rest move up one.
 * Returns that segment (it stays in p->buf), or NULL when p has fewer
 * than two segments.
 */
char	*fmt_path_shift(struct fmt_path *);

/*
 * Decodes %XX escapes (and '+' as a space when plus is set) of len bytes
 * at in into out (room for len + 1 bytes), NUL-terminating it. Returns the
 * decoded length, or -1 for a malformed escape or an encoded NUL.
 */
int	fmt_pct_decode(const char *, size_t, char *, int);

#endif
