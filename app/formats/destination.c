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
 * A destination's fields checked before it is stored (see
 * destination.h).
 */

#include <stdio.h>
#include <string.h>

#include "destination.h"

#define DEAD_AFTER_DIGITS	9
#define ADDRESS_MAX		254

static int	dest_address(const char *);
static int	dest_bad(const char **, const char *, char *, size_t,
		    const char *);

static int
dest_bad(const char **field, const char *name, char *err, size_t errlen,
    const char *msg)
{
	*field = name;
	(void)snprintf(err, errlen, "%s", msg);
	return (-1);
}

/*
 * One plain address, name@domain: printable ASCII without spaces, angle
 * brackets, commas or quotes (nothing that could reach another
 * recipient or a header), one "@" with something on both sides.
 */
static int
dest_address(const char *a)
{
	const char	*at, *p;

	if ((at = strchr(a, '@')) == NULL || at == a || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strlen(a) > ADDRESS_MAX)
		return (0);
	for (p = a; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>,;:\"()[]\\", *p))
			return (0);
	return (1);
}

int
fmt_destination_check(const char *kind, const char *url, const char *secret,
    const char *dead_after, const char **field, char *err, size_t errlen)
{
	size_t	n;

	if (kind == NULL || (strcmp(kind, "webhook") &&
	    strcmp(kind, "open311") && strcmp(kind, "mailto")))
		return (dest_bad(field, "kind", err, errlen,
		    "webhook, open311 or mailto"));
	if (!strcmp(kind, "mailto")) {
		if (url == NULL || strncmp(url, "mailto:", 7) ||
		    !dest_address(url + 7))
			return (dest_bad(field, "url", err, errlen,
			    "a mailbox is mailto:name@domain"));
	} else if (url == NULL || (strncmp(url, "http://", 7) &&
	    strncmp(url, "https://", 8)) ||
	    strlen(url) <= (url[4] == 's' ? 8 : 7))
		return (dest_bad(field, "url", err, errlen,
		    "the destination URL must be http:// or https://"));
	if (!strcmp(kind, "webhook") && (secret == NULL || secret[0] == '\0'))
		return (dest_bad(field, "secret", err, errlen,
		    "a webhook needs a signing secret"));
	if (dead_after != NULL) {
		n = strlen(dead_after);
		if (n == 0 || n > DEAD_AFTER_DIGITS ||
		    strspn(dead_after, "0123456789") != n ||
		    strspn(dead_after, "0") == n)
			return (dest_bad(field, "dead_after", err, errlen,
			    "a number of seconds, at least 1"));
	}
	*field = NULL;
	return (0);
}
