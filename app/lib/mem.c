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
 * Allocation that aborts on failure (see mem.h).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void *
mem_calloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		abort();
	return (p);
}

void *
mem_reallocarray(void *p, size_t n, size_t size)
{
	size_t	len;

	if (size != 0 && n > SIZE_MAX / size)
		abort();
	if ((len = n * size) == 0)
		len = 1;
	if ((p = realloc(p, len)) == NULL)
		abort();
	return (p);
}

char *
mem_strdup(const char *s)
{
	return (mem_strndup(s, strlen(s)));
}

char *
mem_strndup(const char *s, size_t n)
{
	char	*p;

	p = mem_calloc(1, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}
