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
 * `open311d catalog import FILE`: validates a catalog file and replaces
 * the jurisdiction's catalog with it in one transaction, and says how
 * many of its services are private (their requests are never public).
 */

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "formats/catalog.h"
#include "store/catalog_import.h"
#include "store/pq.h"

int
cli_catalog(int argc, char **argv, const char *conf)
{
	struct cat_jurisdiction	jur;
	json_t			*root;
	PGconn			*conn;
	char			err[512];
	long long		version;
	int			rc, check;

	check = argc == 4 && !strcmp(argv[3], "--check");
	if ((argc != 3 && !check) || strcmp(argv[1], "import")) {
		cli_error("usage: open311d catalog import FILE [--check]");
		return (2);
	}

	if ((root = cli_read_json(argv[2])) == NULL)
		return (1);

	rc = 1;
	conn = NULL;
	memset(&jur, 0, sizeof(jur));
	if (fmt_catalog_jurisdiction(root, &jur, err, sizeof(err)) == -1) {
		cli_error("%s: %s; the catalog was not changed", argv[2], err);
		goto out;
	}

	if (check) {
		printf("%s: valid catalog for %s with %zu services (%zu "
		    "private)\n", argv[2], jur.id, jur.nservices,
		    cat_private_count(&jur));
		rc = 0;
		goto out;
	}

	if ((conn = cli_connect(conf)) == NULL)
		goto out;

	if ((version = store_catalog_import(conn, &jur, err,
	    sizeof(err))) == -1) {
		cli_error("%s: %s; the catalog was not changed", argv[2], err);
		goto out;
	}

	printf("imported %zu services for %s, %zu of them private (catalog "
	    "version %lld)\n", jur.nservices, jur.id, cat_private_count(&jur),
	    version);
	rc = 0;

out:
	if (conn != NULL)
		PQfinish(conn);
	json_decref(root);
	cat_jurisdiction_free(&jur);
	return (rc);
}
