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
 * A growable byte buffer for the pure layers (formats, config), which
 * must not depend on Kore. Allocation failure aborts, as kore_malloc does.
 */

#ifndef __H_LIB_BUF
#define __H_LIB_BUF

#include <sys/types.h>

#include <stddef.h>
#include <stdarg.h>

struct buf {
	char		*data;
	size_t		len;
	size_t		cap;
};

/* Initialises an empty buffer; nothing is allocated until first use. */
void	buf_init(struct buf *);

/* Frees the storage and leaves the buffer empty and reusable. */
void	buf_free(struct buf *);

/* Empties the buffer, keeping its storage. */
void	buf_reset(struct buf *);

/* Makes room for at least n more bytes. */
void	buf_reserve(struct buf *, size_t);

/* Appends n bytes. */
void	buf_add(struct buf *, const void *, size_t);

/* Appends a NUL-terminated string (without the NUL). */
void	buf_str(struct buf *, const char *);

/* Appends one byte. */
void	buf_byte(struct buf *, char);

/* Appends printf-formatted text. */
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format (printf, 2, 3)));
void	buf_vprintf(struct buf *, const char *, va_list);

/*
 * Returns the contents as a NUL-terminated string owned by the buffer
 * (valid until the next change). The NUL is not counted in len.
 */
const char	*buf_cstr(struct buf *);

/* Hands the storage to the caller (free() it) and empties the buffer. */
char	*buf_release(struct buf *, size_t *);

#endif
