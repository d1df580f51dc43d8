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
 * libFuzzer target: the request headers and parameters the response path
 * parses, on arbitrary bytes made a C string. fmt_etag_match() must
 * never read past the string, and a list holding a tag matches it
 * whatever comes before; fmt_http_date_parse() must accept only what
 * fmt_http_date() gives back unchanged for the same seconds (when in
 * 1970-9999); fmt_callback_valid() must accept only [A-Za-z_$][...]
 * names within the length limit; fmt_etag() must be stable.
 */

#include <string.h>

#include "formats/http.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *list, tag[FMT_ETAG_LEN], again[FMT_ETAG_LEN];
	char		date[FMT_HTTP_DATE_LEN];
	long long	secs, back;
	size_t		len;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	fmt_etag(data, size, tag);
	fmt_etag(data, size, again);
	FUZZ_CHECK(!strcmp(tag, again) && strlen(tag) == FMT_ETAG_LEN - 1);

	(void)fmt_etag_match(s, tag);
	if ((list = malloc(size + FMT_ETAG_LEN + 8)) == NULL)
		abort();
	memcpy(list, tag, FMT_ETAG_LEN - 1);
	memcpy(list + FMT_ETAG_LEN - 1, ", ", 2);
	memcpy(list + FMT_ETAG_LEN + 1, s, size + 1);
	FUZZ_CHECK(fmt_etag_match(list, tag) == 1);
	free(list);

	if (fmt_http_date_parse(s, &secs) == 0) {
		FUZZ_CHECK(secs >= 0 && secs < 253402300800LL);
		fmt_http_date(secs, date);
		FUZZ_CHECK(fmt_http_date_parse(date, &back) == 0);
		FUZZ_CHECK(back == secs);
	}

	if (fmt_callback_valid(s)) {
		len = strlen(s);
		FUZZ_CHECK(len > 0 && len <= FMT_CALLBACK_MAX);
		FUZZ_CHECK(strchr("0123456789.", s[0]) == NULL);
		FUZZ_CHECK(s[len - 1] != '.' && strstr(s, "..") == NULL);
		FUZZ_CHECK(strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_$.") == len);
	}

	free(s);
	return (0);
}
