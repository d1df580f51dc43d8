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
 * UTF-8 validation and text checks for everything that arrives from a
 * client. Pure code.
 */

#ifndef __H_FMT_UTF8
#define __H_FMT_UTF8

#include <sys/types.h>

#include <stddef.h>

/* Text classes for fmt_text_check(). */
#define FMT_TEXT_LINE		1	/* one line: no control characters */
#define FMT_TEXT_MULTILINE	2	/* tab, CR and LF allowed */

/*
 * Decodes one UTF-8 sequence at s (at most len bytes). Returns the number
 * of bytes used and stores the code point, or returns 0 for an invalid,
 * overlong, surrogate or truncated sequence.
 */
size_t	fmt_utf8_decode(const u_int8_t *, size_t, u_int32_t *);

/* Returns 1 when the len bytes at s are valid UTF-8, else 0. */
int	fmt_utf8_valid(const char *, size_t);

/* Counts code points in valid UTF-8 text (invalid bytes count as one). */
size_t	fmt_utf8_chars(const char *, size_t);

/*
 * Checks that text is valid UTF-8 without forbidden control characters
 * for its class. Returns NULL when it is acceptable, else a short reason
 * ("is not valid UTF-8", "contains a control character").
 */
const char	*fmt_text_check(const char *, size_t, int);

/*
 * Writes the code point as UTF-8 into out (room for 4 bytes); returns the
 * number of bytes.
 */
size_t	fmt_utf8_encode(u_int32_t, char *);

#endif
