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
 * `open311d jurisdiction import FILE.geojson ...` and `jurisdiction
 * list`: loads or replaces a jurisdiction's boundary from GeoJSON in any
 * CRS, with its local CRS, time zone and contact texts.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "formats/boundary.h"
#include "formats/crs.h"
#include "store/jurisdiction_import.h"
#include "store/pq.h"

static int	jur_import(int, char **, const char *);

static int
jur_import(int argc, char **argv, const char *conf)
{
	static struct option		opts[] = {
		{ "id",		required_argument, NULL, 'i' },
		{ "name",	required_argument, NULL, 'n' },
		{ "crs",	required_argument, NULL, 'c' },
		{ "from-crs",	required_argument, NULL, 'f' },
		{ "time-zone",	required_argument, NULL, 't' },
		{ "contact",	required_argument, NULL, 'o' },
		{ "key-service", required_argument, NULL, 'k' },
		{ NULL,		0, NULL, 0 }
	};
	struct store_jurisdiction	j;
	json_t				*root, *geoms;
	PGconn				*conn;
	char				*text, err[512];
	const char			*file;
	double				km2;
	int				ch, rc;

	memset(&j, 0, sizeof(j));
	j.time_zone = "UTC";
	j.contact = "";
	j.key_service = "";
	j.from_srid = 0;
	j.srid = -1;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			j.id = optarg;
			break;
		case 'n':
			j.name = optarg;
			break;
		case 'c':
			if ((j.srid = fmt_crs_epsg(optarg)) == -1) {
				cli_error("--crs: '%s' is not EPSG:N", optarg);
				return (2);
			}
			break;
		case 'f':
			if ((j.from_srid = fmt_crs_epsg(optarg)) == -1) {
				cli_error("--from-crs: '%s' is not EPSG:N",
				    optarg);
				return (2);
			}
			break;
		case 't':
			j.time_zone = optarg;
			break;
		case 'o':
			j.contact = optarg;
			break;
		case 'k':
			j.key_service = optarg;
			break;
		default:
			return (2);
		}
	}

	if (optind != argc - 1 || j.id == NULL || j.name == NULL ||
	    j.srid == -1) {
		cli_error("usage: open311d jurisdiction import FILE.geojson "
		    "--id ID --name NAME --crs EPSG:N [--from-crs EPSG:N] "
		    "[--time-zone TZ] [--contact TEXT] [--key-service TEXT]");
		return (2);
	}
	file = argv[optind];

	if ((root = cli_read_json(file)) == NULL)
		return (1);

	rc = 1;
	conn = NULL;
	text = NULL;
	geoms = json_array();

	if (fmt_boundary(root, geoms, &j.from_srid, err, sizeof(err)) == -1) {
		cli_error("%s: %s", file, err);
		goto out;
	}

	if ((text = json_dumps(geoms, JSON_COMPACT)) == NULL)
		goto out;
	j.geometries = text;

	if ((conn = cli_connect(conf)) == NULL)
		goto out;

	if ((km2 = store_jurisdiction_import(conn, &j, err,
	    sizeof(err))) < 0) {
		cli_error("%s: %s", file, err);
		goto out;
	}

	printf("imported %s (%s): %.1f km², local CRS EPSG:%d\n",
	    j.id, j.name, km2, j.srid);
	rc = 0;

out:
	if (conn != NULL)
		PQfinish(conn);
	free(text);
	json_decref(geoms);
	json_decref(root);
	return (rc);
}

int
cli_jurisdiction(int argc, char **argv, const char *conf)
{
	PGconn		*conn;
	char		err[512];
	int		rc;

	if (argc >= 2 && !strcmp(argv[1], "import"))
		return (jur_import(argc - 1, argv + 1, conf));

	if (argc == 2 && !strcmp(argv[1], "list")) {
		if ((conn = cli_connect(conf)) == NULL)
			return (1);
		rc = store_jurisdiction_list(conn, err, sizeof(err));
		if (rc == -1)
			cli_error("%s", err);
		PQfinish(conn);
		return (rc == -1 ? 1 : 0);
	}

	cli_error("usage: open311d jurisdiction import FILE.geojson ... | "
	    "jurisdiction list");
	return (2);
}
