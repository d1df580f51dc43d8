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
 * HTTP cookies for the console's session: finding one cookie in a
 * request's Cookie header, and writing the Set-Cookie value that sets or
 * clears it. Pure code.
 */

#ifndef __H_FORMATS_COOKIE
#define __H_FORMATS_COOKIE

#include <stddef.h>

#include "lib/buf.h"

/*
 * The value of cookie name in a Cookie header ("a=1; b=2") into out
 * (outlen bytes, with its NUL). Returns its length, or -1 when the
 * header does not have it, names it twice (a planted duplicate is not
 * guessed between), or the value does not fit.
 */
int	fmt_cookie_get(const char *, const char *, char *, size_t);

/*
 * Writes a Set-Cookie value for name=value on path: HttpOnly,
 * SameSite=Strict, Secure when secure is set, and Max-Age maxage (0
 * with an empty value clears the cookie).
 */
void	fmt_cookie_set(struct buf *, const char *, const char *,
	    const char *, int, long long);

#endif
