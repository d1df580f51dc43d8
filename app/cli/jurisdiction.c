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
#include "formats/crs.h"
#include "store/jurisdiction_import.h"
#include "store/pq.h"

static int	jur_collect(json_t *, json_t *, const char *);
static int	jur_source_crs(json_t *);
static int	jur_import(int, char **, const char *);

/* Adds the Polygon/MultiPolygon geometries of a GeoJSON object to out. */
static int
jur_collect(json_t *obj, json_t *out, const char *where)
{
	json_t		*features, *f, *geom;
	const char	*type;
	size_t		i;
	char		sub[64];

	type = json_string_value(json_object_get(obj, "type"));
	if (type == NULL) {
		cli_error("%s: GeoJSON object without a \"type\"", where);
		return (-1);
	}

	if (!strcmp(type, "FeatureCollection")) {
		features = json_object_get(obj, "features");
		if (!json_is_array(features)) {
			cli_error("%s: \"features\" must be an array", where);
			return (-1);
		}
		json_array_foreach(features, i, f) {
			(void)snprintf(sub, sizeof(sub), "features[%zu]", i);
			if (jur_collect(f, out, sub) == -1)
				return (-1);
		}
		return (0);
	}

	if (!strcmp(type, "Feature")) {
		geom = json_object_get(obj, "geometry");
		if (!json_is_object(geom)) {
			cli_error("%s: feature without a geometry", where);
			return (-1);
		}
		return (jur_collect(geom, out, where));
	}

	if (!strcmp(type, "Polygon") || !strcmp(type, "MultiPolygon")) {
		json_array_append(out, obj);
		return (0);
	}

	cli_error("%s: a boundary must be made of Polygon or MultiPolygon "
	    "geometries, not %s", where, type);
	return (-1);
}

/* The CRS named by a legacy GeoJSON "crs" member, or 4326. */
static int
jur_source_crs(json_t *root)
{
	const char	*name;

	name = json_string_value(json_object_get(json_object_get(
	    json_object_get(root, "crs"), "properties"), "name"));
	if (name == NULL)
		return (4326);
	return (fmt_crs_epsg(name));
}

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

	if (j.from_srid == 0 && (j.from_srid = jur_source_crs(root)) == -1) {
		cli_error("%s: the \"crs\" member names a CRS this tool does "
		    "not know; give --from-crs", file);
		goto out;
	}

	if (jur_collect(root, geoms, file) == -1)
		goto out;
	if (json_array_size(geoms) == 0) {
		cli_error("%s: no Polygon or MultiPolygon in the file", file);
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
