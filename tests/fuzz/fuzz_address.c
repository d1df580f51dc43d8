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
 * libFuzzer target: geo_address_normalize() on arbitrary bytes made a C
 * string, into a buffer of exactly 1 to 300 bytes (the first byte picks
 * the length). The result is NUL-terminated within the buffer, holds
 * only lower-case ASCII letters, digits, single spaces between words and
 * bytes of 0x80 and up, and is valid UTF-8 whenever the input is. It is
 * the longest run of whole words of the result with room to spare that
 * fits, and normalising it again changes nothing.
 */

#include <stdlib.h>
#include <string.h>

#include "formats/utf8.h"
#include "geo/grid.h"
#include "fuzz.h"

#define BIG	4096

static void
check_out(const char *out, size_t len)
{
	const unsigned char	*p;
	size_t			n;

	FUZZ_CHECK(memchr(out, '\0', len) != NULL);
	n = strlen(out);
	FUZZ_CHECK(n < len);
	if (n == 0)
		return;
	FUZZ_CHECK(out[0] != ' ' && out[n - 1] != ' ');
	FUZZ_CHECK(strstr(out, "  ") == NULL);
	for (p = (const unsigned char *)out; *p != '\0'; p++)
		FUZZ_CHECK((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == ' ' || *p >= 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*in, *out, *full, *again;
	size_t	len, n, k;
	int	utf8;

	if (size == 0)
		return (0);
	len = 1 + data[0] % 300;
	data++;
	size--;

	if ((in = malloc(size + 1)) == NULL ||
	    (out = malloc(len)) == NULL ||
	    (full = malloc(BIG)) == NULL ||
	    (again = malloc(BIG)) == NULL)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';
	utf8 = fmt_utf8_valid(in, strlen(in));

	/* Exactly len bytes: ASan sees any write past them. */
	geo_address_normalize(in, out, len);
	check_out(out, len);
	geo_address_normalize(in, full, BIG);
	check_out(full, BIG);
	if (utf8) {
		FUZZ_CHECK(fmt_utf8_valid(out, strlen(out)));
		FUZZ_CHECK(fmt_utf8_valid(full, strlen(full)));
	}

	/* Whole words of the longer result, as many as fit. */
	n = strlen(out);
	FUZZ_CHECK(strncmp(out, full, n) == 0);
	if (n == 0) {
		if (full[0] != '\0')
			FUZZ_CHECK(strcspn(full, " ") + 1 > len);
	} else {
		FUZZ_CHECK(full[n] == '\0' || full[n] == ' ');
		if (full[n] == ' ') {
			k = strcspn(full + n + 1, " ");
			FUZZ_CHECK(n + 1 + k + 1 > len);
		}
	}

	/* Idempotent. */
	geo_address_normalize(full, again, BIG);
	FUZZ_CHECK(strcmp(full, again) == 0);

	free(in);
	free(out);
	free(full);
	free(again);
	return (0);
}
