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
 * The checks that keep the web pages' submission path for people on
 * those pages: a signed, time-stamped form token (it shows the page was
 * loaded from this gateway, and when: a form sent sooner than a person
 * could fill it is refused, an old one too), and the same-origin test
 * of a request's Origin header. Pure code.
 */

#ifndef __H_FMT_WEBGUARD
#define __H_FMT_WEBGUARD

#include <stddef.h>

/* Room for a token: the time, a dot, 32 hex digits and a NUL. */
#define WEBGUARD_TOKEN_LEN	56

#define WEBGUARD_OK		0
#define WEBGUARD_BAD		-1	/* malformed or not ours */
#define WEBGUARD_EARLY		-2	/* sent sooner than min seconds */
#define WEBGUARD_OLD		-3	/* issued more than max seconds ago */

/*
 * Writes the token issued at now (seconds since the epoch) under secret
 * into out (WEBGUARD_TOKEN_LEN bytes).
 */
void	webguard_token(const char *, long long, char *);

/*
 * Checks token against secret at now: WEBGUARD_OK, or one of the
 * refusals above (a token from the future beyond a minute is BAD). With
 * WEBGUARD_EARLY, *wait is the seconds still to go.
 */
int	webguard_check(const char *, const char *, long long, int, int,
	    int *);

/*
 * 1 when origin (an Origin header) is the origin of host (a Host
 * header) over https (tls set) or http, else 0. A missing or "null"
 * origin is not.
 */
int	webguard_same_origin(const char *, const char *, int);

#endif
