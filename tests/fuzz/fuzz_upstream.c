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
 * libFuzzer target: what an upstream Open311 server answers, read by
 * gateway mode (formats/upstream.c): the input, split on NUL, is an
 * outbox event and a response body. Whatever they hold, the id read
 * from a submission's answer is a non-empty string, the request found
 * in a search's answer is one the body names, and the form and search
 * query of any event are urlencoded text.
 */

#include <string.h>

#include "formats/upstream.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*f[2];
	struct buf	out;
	char		*mem, *id;
	size_t		i;

	(void)fuzz_split(data, size, f, 2, &mem);

	if ((id = fmt_upstream_id(f[1])) != NULL) {
		FUZZ_CHECK(id[0] != '\0');
		free(id);
	}
	if ((id = fmt_upstream_find(f[0], f[1])) != NULL) {
		FUZZ_CHECK(id[0] != '\0');
		free(id);
	}

	buf_init(&out);
	fmt_upstream_form(f[0], "key", "up.example", &out);
	if (fmt_upstream_search(f[0], 0, 1700000000, NULL, &out) == 0)
		FUZZ_CHECK(strstr(buf_cstr(&out), "service_code=") != NULL);
	for (i = 0; i < out.len; i++)
		FUZZ_CHECK(out.data[i] > ' ' && out.data[i] < 0x7f);
	buf_free(&out);
	free(mem);
	return (0);
}
