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
 * libFuzzer target: every parser of formats/params.c on arbitrary bytes
 * made a C string (split at the first NUL into two parameters). A number
 * accepted is in range and reads back as itself; a page has a limit from
 * 1 to PARAMS_PAGE_SIZE_MAX and an offset that is a whole number of
 * pages; a window runs forwards and is never longer than its span; a
 * list's array literal reads back as as many non-empty items as the
 * list had (ids when only ids are allowed); any bytes read as an array
 * literal end in a bounded number of items; a Bearer key points into the
 * header; an address is one hop; a message always fits.
 */

#include <sys/socket.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formats/params.h"
#include "formats/utf8.h"
#include "fuzz.h"

static void
check_list(const char *s, int flags)
{
	struct buf	lit, item;
	const char	*p;
	int		n, m;

	buf_init(&lit);
	buf_init(&item);
	n = params_list(s, flags, &lit);
	FUZZ_CHECK(n >= -1 && n <= PARAMS_LIST_MAX);
	if (n >= 0) {
		p = buf_cstr(&lit);
		for (m = 0; params_pg_array_next(&p, &item) == 1; m++) {
			if (flags & PARAMS_LIST_IDS)
				FUZZ_CHECK(params_id(buf_cstr(&item)));
			FUZZ_CHECK(item.len > 0);
		}
		FUZZ_CHECK(m == n);
		FUZZ_CHECK(*p == '}');
	} else {
		FUZZ_CHECK(lit.len == 0);
	}
	buf_free(&lit);
	buf_free(&item);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params_dates	d;
	struct buf		item;
	const char		*a, *b, *p, *k;
	char			num[PARAMS_NUMBER_LEN];
	char			again[PARAMS_NUMBER_LEN];
	char			*s, err[PARAMS_ERRLEN], addr[64];
	long long		limit, offset;
	size_t			alen;
	int			n;

	if ((s = malloc(size + 2)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	s[size + 1] = '\0';
	a = s;
	alen = strlen(a);
	b = alen < size ? s + alen + 1 : NULL;

	if (params_number(a, -180, 180, num) == 0) {
		FUZZ_CHECK(fabs(strtod(num, NULL)) <= 180.0);
		FUZZ_CHECK(params_number(num, -180, 180, again) == 0);
		FUZZ_CHECK(!strcmp(num, again));
	}

	(void)params_id(a);
	(void)params_hex(a, 1, 64);
	n = params_bool(a, 7);
	FUZZ_CHECK(n == 0 || n == 1 || n == -1);

	check_list(a, 0);
	check_list(a, PARAMS_LIST_IDS);
	check_list(a, PARAMS_LIST_STATUS);

	err[0] = '\0';
	if (params_page(a, b, &limit, &offset, err, sizeof(err)) == 0) {
		FUZZ_CHECK(limit >= 1 && limit <= PARAMS_PAGE_SIZE_MAX);
		FUZZ_CHECK(offset >= 0 && offset % limit == 0);
		FUZZ_CHECK(offset / limit < PARAMS_PAGE_MAX);
	} else {
		FUZZ_CHECK(err[0] != '\0' && strlen(err) < sizeof(err));
	}

	if (params_window(a, b, 1800000000LL, 90 * 86400LL,
	    PARAMS_WINDOW_CUT, &d, err, sizeof(err)) == 0) {
		FUZZ_CHECK(d.to - d.from <= 90 * 86400LL);
		FUZZ_CHECK(d.from <= d.to || (a != NULL && b == NULL &&
		    d.to == 1800000000LL));
		FUZZ_CHECK(d.has_to == (b != NULL));
	}
	if (params_dates("after", a, "before", b, 1, &d, err,
	    sizeof(err)) == 0 && d.has_from && d.has_to)
		FUZZ_CHECK(d.from < d.to);

	if (params_text("t", a, FMT_TEXT_LINE, 100, err, sizeof(err)) == 0) {
		FUZZ_CHECK(fmt_utf8_valid(a, alen));
		FUZZ_CHECK(strchr(a, '\n') == NULL);
	}

	if ((k = params_bearer(a)) != NULL)
		FUZZ_CHECK(k == a + 7 && *k != '\0');

	params_address(AF_INET, "\x7f\x00\x00\x01", a, 1, addr, sizeof(addr));
	FUZZ_CHECK(strlen(addr) > 0 && strlen(addr) < sizeof(addr));
	FUZZ_CHECK(strpbrk(addr, ", ") == NULL);

	buf_init(&item);
	p = a;
	for (n = 0; (params_pg_array_next(&p, &item)) == 1; n++) {
		FUZZ_CHECK(p >= a && p <= a + alen);
		FUZZ_CHECK(n <= (int)alen);
	}
	buf_free(&item);

	free(s);
	return (0);
}
