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
 * Allocation for the pure layers, which must not depend on Kore: one
 * policy, the one kore_malloc has, that running out of memory aborts, so
 * no caller checks for NULL.
 */

#ifndef __H_LIB_MEM
#define __H_LIB_MEM

#include <stddef.h>

/* calloc(n, size) that never returns NULL, not even for a size of 0. */
void	*mem_calloc(size_t, size_t);

/* realloc(p, n * size) that never returns NULL and checks the product. */
void	*mem_reallocarray(void *, size_t, size_t);

/* A copy of the NUL-terminated string s. */
char	*mem_strdup(const char *);

/* A NUL-terminated copy of the first n bytes at s. */
char	*mem_strndup(const char *, size_t);

#endif
