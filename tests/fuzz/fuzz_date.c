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
 * libFuzzer target: fmt_date_parse() on arbitrary bytes made a C string.
 * An accepted date-time starts with YYYY-MM-DD, gives microseconds below
 * a million and the same seconds with or without them, and lands within
 * a day of years 1 to 9999; there fmt_date_format() and a second parse
 * must give the same seconds back, and outside them the sentinel. The
 * first 8 bytes, read as a number, are formatted too: any long long must
 * give 20 characters without undefined behaviour.
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "formats/date.h"
#include "fuzz.h"

#define FIRST_SEC	-62135596800LL	/* 0001-01-01T00:00:00Z */
#define LAST_SEC	253402300799LL	/* 9999-12-31T23:59:59Z */
#define SENTINEL	"0000-00-00T00:00:00Z"

static void
check_format(long long secs)
{
	char		out[FMT_DATE_LEN];
	long long	again;
	int		usec;

	fmt_date_format(secs, out);
	FUZZ_CHECK(strlen(out) == FMT_DATE_LEN - 1);
	if (secs < FIRST_SEC || secs > LAST_SEC) {
		FUZZ_CHECK(!strcmp(out, SENTINEL));
		return;
	}
	FUZZ_CHECK(out[10] == 'T' && out[19] == 'Z');
	FUZZ_CHECK(fmt_date_parse(out, &again, &usec) == 0);
	FUZZ_CHECK(again == secs && usec == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long	secs, plain, raw;
	char		*s;
	int		usec, i;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	if (fmt_date_parse(s, &secs, &usec) == 0) {
		for (i = 0; i < 10; i++)
			FUZZ_CHECK(i == 4 || i == 7 ?
			    s[i] == '-' : isdigit((unsigned char)s[i]));
		FUZZ_CHECK(usec >= 0 && usec <= 999999);
		FUZZ_CHECK(fmt_date_parse(s, &plain, NULL) == 0);
		FUZZ_CHECK(plain == secs);
		/* A zone moves it by less than a day, :60 by a second. */
		FUZZ_CHECK(secs > FIRST_SEC - 86400 &&
		    secs < LAST_SEC + 86400 + 1);
		check_format(secs);
	}

	if (size >= sizeof(raw)) {
		memcpy(&raw, data, sizeof(raw));
		check_format(raw);
	}

	free(s);
	return (0);
}
