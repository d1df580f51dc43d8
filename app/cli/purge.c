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
 * `open311d purge [--dry-run] [--days N]`: erases (or lists) the
 * reporters' personal data of requests closed more than N days ago
 * (retention_days by default), as the retention timer does.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "store/pq.h"

int
cli_purge(int argc, char **argv, const char *conf)
{
	static struct option	opts[] = {
		{ "dry-run",	no_argument, NULL, 'n' },
		{ "days",	required_argument, NULL, 'd' },
		{ NULL,		0, NULL, 0 }
	};
	struct cfg	cfg;
	PGresult	*res;
	PGconn		*conn;
	const char	*v[2];
	char		days[16], err[512], *end;
	long		d;
	int		ch, dry, i, n;

	dry = 0;
	days[0] = '\0';
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry = 1;
			break;
		case 'd':
			d = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || d < 1 ||
			    d > 36500) {
				cli_error("--days: a number of days from 1 to "
				    "36500, not '%s'", optarg);
				return (2);
			}
			(void)snprintf(days, sizeof(days), "%ld", d);
			break;
		default:
			return (2);
		}
	}
	if (optind != argc) {
		cli_error("usage: open311d purge [--dry-run] [--days N]");
		return (2);
	}

	if (days[0] == '\0') {
		if (cli_load(&cfg, conf) == -1)
			return (1);
		d = cfg.retention_days;
		cfg_free(&cfg);
		if (d == 0) {
			cli_error("retention_days is 0 (personal data is kept); "
			    "give --days N");
			return (2);
		}
		(void)snprintf(days, sizeof(days), "%ld", d);
	}

	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	v[0] = days;
	v[1] = dry ? "true" : "false";
	res = store_pq_run(conn, SQL_retention_list, 2, v, err, sizeof(err));
	PQfinish(conn);
	if (res == NULL) {
		cli_error("%s", err);
		return (1);
	}

	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		printf("request %s, closed %s: %s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), dry ? "would be erased" : "erased");
	}
	printf("%s the reporters' personal data of %d request%s closed more "
	    "than %s days ago\n", dry ? "would erase" : "erased", n,
	    n == 1 ? "" : "s", days);
	PQclear(res);
	return (0);
}
