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
 * libFuzzer target: fmt_url_check() on arbitrary bytes. A link it
 * accepts starts with http:// or https:// (any case) and a host, is at
 * most 2048 bytes of valid UTF-8 on one line, and holds none of the
 * characters that could end an attribute or a header (space, quote,
 * angle brackets, backslash, controls).
 */

#include <strings.h>
#include <string.h>

#include "formats/http.h"
#include "formats/utf8.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	size_t	i, scheme;
	int	rc;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	rc = fmt_url_check(s, size);
	FUZZ_CHECK(rc == FMT_URL_OK || rc == FMT_URL_NOHOST ||
	    rc == FMT_URL_BAD);
	if (rc == FMT_URL_OK) {
		scheme = !strncasecmp(s, "https://", 8) ? 8 : 7;
		FUZZ_CHECK(scheme == 8 || !strncasecmp(s, "http://", 7));
		FUZZ_CHECK(size > scheme && strchr("/?#", s[scheme]) == NULL);
		FUZZ_CHECK(size <= 2048);
		FUZZ_CHECK(fmt_utf8_valid(s, size));
		for (i = 0; i < size; i++) {
			FUZZ_CHECK((unsigned char)s[i] >= 0x20 &&
			    s[i] != 0x7f);
			FUZZ_CHECK(strchr(" \"<>\\", s[i]) == NULL);
		}
	}
	free(s);
	return (0);
}
