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
 * Writes a jurisdiction (boundary, local CRS, time zone, contact) to the
 * database for the command-line import.
 */

#ifndef __H_STORE_JURISDICTION_IMPORT
#define __H_STORE_JURISDICTION_IMPORT

#include <libpq-fe.h>

struct store_jurisdiction {
	const char	*id;
	const char	*name;
	const char	*geometries;	/* JSON array of GeoJSON geometries */
	int		from_srid;
	int		srid;
	const char	*time_zone;
	const char	*contact;
	const char	*key_service;
};

/*
 * Checks the CRS and time zone, then creates or replaces the
 * jurisdiction. Returns the boundary's area in km², or -1 with a message
 * in err.
 */
double	store_jurisdiction_import(PGconn *, const struct store_jurisdiction *,
	    char *, size_t);

/* Prints every jurisdiction, one per line. Returns 0 or -1 with err. */
int	store_jurisdiction_list(PGconn *, char *, size_t);

#endif
