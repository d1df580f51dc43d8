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
 * Parsing of CRS names into EPSG codes (see crs.h).
 */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crs.h"

static int	crs_code(const char *);

/* A code of 1 to 6 digits, nothing else. */
static int
crs_code(const char *s)
{
	long	n;
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]) || i >= 6)
			return (-1);
	}
	if (i == 0)
		return (-1);

	n = strtol(s, NULL, 10);
	return (n > 0 ? (int)n : -1);
}

int
fmt_crs_epsg(const char *s)
{
	const char	*p;

	if (!strcasecmp(s, "CRS84") ||
	    !strcasecmp(s, "urn:ogc:def:crs:OGC:1.3:CRS84") ||
	    !strcasecmp(s, "urn:ogc:def:crs:OGC::CRS84") ||
	    !strcasecmp(s, "WGS84"))
		return (4326);

	if (!strncasecmp(s, "EPSG:", 5))
		return (crs_code(s + 5));

	if (!strncasecmp(s, "urn:ogc:def:crs:EPSG:", 21)) {
		/* urn:ogc:def:crs:EPSG:[version]:code */
		if ((p = strchr(s + 21, ':')) == NULL)
			return (-1);
		return (crs_code(p + 1));
	}

	return (-1);
}
