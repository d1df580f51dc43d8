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
 * Shared by the libFuzzer targets: the entry point's prototype,
 * fuzz_split() for targets whose input is several strings, and
 * FUZZ_CHECK, which aborts (a crash libFuzzer records) when an invariant
 * of the code under test does not hold.
 */

#ifndef __H_FUZZ
#define __H_FUZZ

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Splits the size bytes at data on NUL bytes into at most n C strings,
 * copied into one allocation stored in *mem (free it); fields that are
 * missing are "". Returns the number of fields found.
 */
static inline size_t
fuzz_split(const uint8_t *data, size_t size, const char **out, size_t n,
    char **mem)
{
	char	*p, *end;
	size_t	i, found;

	if ((*mem = malloc(size + 1)) == NULL)
		abort();
	memcpy(*mem, data, size);
	(*mem)[size] = '\0';
	p = *mem;
	end = *mem + size;
	found = 0;
	for (i = 0; i < n; i++) {
		out[i] = p <= end ? p : "";
		if (p <= end) {
			found++;
			p += strlen(p) + 1;
		}
	}
	return (found);
}

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif
