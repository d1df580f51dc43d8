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
 * `open311d addresses import FILE [--add]` and `addresses count`: loads
 * the address gazetteer that GET /web/geocode.json searches, from CSV
 * (label,lat,long) or GeoJSON Point features, offline. Every line is
 * checked first; any bad line refuses the whole file (each named by its
 * line). Without --add the file replaces the gazetteer, with --add it
 * adds to it (an address of the same normalised label is moved). An
 * address outside every jurisdiction's boundary is not stored, and
 * named and counted.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "formats/gazetteer.h"
#include "lib/mem.h"
#include "store/address_import.h"
#include "store/pq.h"

#define ADDR_SHOWN	20	/* messages of one kind printed */

struct addr_list {
	struct gaz_place	*p;
	size_t			n;
	size_t			cap;
	size_t			bad;
};

static void	addr_push(struct addr_list *, struct gaz_place *);
static void	addr_bad(struct addr_list *, const char *, long, const char *);
static int	addr_read_csv(const char *, struct addr_list *);
static int	addr_read_geojson(const char *, struct addr_list *);
static int	addr_is_geojson(const char *);
static int	addr_import(int, char **, const char *);

static void
addr_push(struct addr_list *l, struct gaz_place *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->p = mem_reallocarray(l->p, l->cap, sizeof(*l->p));
	}
	l->p[l->n++] = *p;
}

static void
addr_bad(struct addr_list *l, const char *file, long line, const char *err)
{
	if (l->bad++ < ADDR_SHOWN)
		cli_error("%s:%ld: %s", file, line, err);
}

/* Reads a CSV file into l. Returns 0, or -1 when it cannot be read. */
static int
addr_read_csv(const char *file, struct addr_list *l)
{
	struct gaz_columns	cols;
	struct gaz_place	p;
	FILE			*f;
	char			*line, err[256];
	size_t			cap;
	ssize_t			len;
	long			no;
	int			rc;

	if ((f = fopen(file, "r")) == NULL) {
		cli_error("%s: cannot be read", file);
		return (-1);
	}

	line = NULL;
	cap = 0;
	no = 0;
	while ((len = getline(&line, &cap, f)) != -1) {
		no++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len) {
			addr_bad(l, file, no, "a NUL byte in the line");
			continue;
		}
		if (no == 1) {
			if (gaz_csv_header(line, &cols, err,
			    sizeof(err)) == -1) {
				addr_bad(l, file, no, err);
				break;
			}
			continue;
		}
		memset(&p, 0, sizeof(p));
		p.line = no;
		rc = gaz_csv_row(line, &cols, &p, err, sizeof(err));
		if (rc == -1)
			addr_bad(l, file, no, err);
		else if (rc == 1)
			addr_push(l, &p);
	}
	if (no == 0)
		addr_bad(l, file, 1, "the file is empty (a header line "
		    "label,lat,long is needed)");

	free(line);
	rc = ferror(f) ? -1 : 0;
	if (rc == -1)
		cli_error("%s: cannot be read", file);
	(void)fclose(f);
	return (rc);
}

/*
 * Reads a GeoJSON FeatureCollection into l; a place's line is its
 * feature's index + 1. Returns 0, or -1 when it cannot be read.
 */
static int
addr_read_geojson(const char *file, struct addr_list *l)
{
	struct gaz_place	p;
	json_t			*root, *features, *f;
	char			err[256], where[300];
	size_t			i;

	if ((root = cli_read_json(file)) == NULL)
		return (-1);
	features = json_object_get(root, "features");
	if (!json_is_array(features)) {
		cli_error("%s: not a GeoJSON FeatureCollection", file);
		json_decref(root);
		return (-1);
	}
	json_array_foreach(features, i, f) {
		memset(&p, 0, sizeof(p));
		p.line = (long)i + 1;
		if (gaz_feature(f, &p, err, sizeof(err)) == -1) {
			(void)snprintf(where, sizeof(where), "features[%zu]: "
			    "%s", i, err);
			addr_bad(l, file, p.line, where);
			continue;
		}
		addr_push(l, &p);
	}
	json_decref(root);
	return (0);
}

/* 1 when the file's name or first byte says GeoJSON. */
static int
addr_is_geojson(const char *file)
{
	FILE	*f;
	size_t	n;
	int	c;

	n = strlen(file);
	if ((n > 8 && !strcmp(file + n - 8, ".geojson")) ||
	    (n > 5 && !strcmp(file + n - 5, ".json")))
		return (1);
	if ((f = fopen(file, "r")) == NULL)
		return (0);
	while ((c = fgetc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		;
	(void)fclose(f);
	return (c == '{');
}

static int
addr_import(int argc, char **argv, const char *conf)
{
	struct addr_list	l;
	PGconn			*conn;
	const char		*file;
	char			err[512];
	size_t			i, outside;
	long			stored;
	int			add, rc;

	add = argc == 3 && !strcmp(argv[2], "--add");
	if (argc != 2 && !add) {
		cli_error("usage: open311d addresses import FILE [--add]");
		return (2);
	}
	file = argv[1];

	memset(&l, 0, sizeof(l));
	rc = 1;
	conn = NULL;
	if ((addr_is_geojson(file) ? addr_read_geojson(file, &l) :
	    addr_read_csv(file, &l)) == -1)
		goto out;
	if (l.bad > 0) {
		cli_error("%s: %zu line%s refused%s; the gazetteer was not "
		    "changed", file, l.bad, l.bad == 1 ? "" : "s",
		    l.bad > ADDR_SHOWN ? " (the first shown)" : "");
		goto out;
	}
	if (l.n == 0) {
		cli_error("%s: no addresses in the file; the gazetteer was not "
		    "changed", file);
		goto out;
	}

	if ((conn = cli_connect(conf)) == NULL)
		goto out;
	if ((stored = store_addresses_import(conn, l.p, l.n, !add, err,
	    sizeof(err))) == -1) {
		cli_error("%s: %s; the gazetteer was not changed", file, err);
		goto out;
	}

	outside = 0;
	for (i = 0; i < l.n; i++) {
		if (l.p[i].outside && outside++ < ADDR_SHOWN)
			cli_error("%s:%ld: outside every jurisdiction's "
			    "boundary; not stored", file, l.p[i].line);
	}
	printf("imported %ld addresses from %s (%s), %zu outside every "
	    "boundary\n", stored, file, add ? "added" : "replacing all",
	    outside);
	rc = 0;

out:
	if (conn != NULL)
		PQfinish(conn);
	for (i = 0; i < l.n; i++)
		gaz_place_free(&l.p[i]);
	free(l.p);
	return (rc);
}

int
cli_addresses(int argc, char **argv, const char *conf)
{
	PGconn		*conn;
	char		err[512];
	int		rc;

	if (argc >= 2 && !strcmp(argv[1], "import"))
		return (addr_import(argc - 1, argv + 1, conf));

	if (argc == 2 && !strcmp(argv[1], "count")) {
		if ((conn = cli_connect(conf)) == NULL)
			return (1);
		rc = store_addresses_count(conn, err, sizeof(err));
		if (rc == -1)
			cli_error("%s", err);
		PQfinish(conn);
		return (rc == -1 ? 1 : 0);
	}

	cli_error("usage: open311d addresses import FILE [--add] | "
	    "addresses count");
	return (2);
}
