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
 * `open311d destinations add|list|remove|test`: where each jurisdiction's
 * (or service's) requests and updates are handed off: a signed JSON
 * webhook, an upstream Open311 server (gateway mode), or a mailbox.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "formats/destination.h"
#include "store/pq.h"

static int	dest_add(int, char **, const char *);
static int	dest_list(const char *);
static int	dest_one(const char *, int, const char *);
static void	dest_usage(void);

static void
dest_usage(void)
{
	cli_error("usage: open311d destinations add --jurisdiction J "
	    "[--service CODE]\n"
	    "           (--webhook URL --secret-env VAR | --open311 URL "
	    "--api-key-env VAR\n"
	    "           [--upstream-jurisdiction ID] | --mailto mailto:ADDRESS)\n"
	    "           [--dead-after SECONDS]\n"
	    "       open311d destinations list\n"
	    "       open311d destinations remove ID\n"
	    "       open311d destinations test ID");
}

static int
dest_add(int argc, char **argv, const char *conf)
{
	static struct option	opts[] = {
		{ "jurisdiction",		required_argument, NULL, 'j' },
		{ "service",			required_argument, NULL, 's' },
		{ "webhook",			required_argument, NULL, 'w' },
		{ "open311",			required_argument, NULL, 'o' },
		{ "mailto",			required_argument, NULL, 'm' },
		{ "secret-env",			required_argument, NULL, 'e' },
		{ "api-key-env",		required_argument, NULL, 'e' },
		{ "upstream-jurisdiction",	required_argument, NULL, 'u' },
		{ "dead-after",			required_argument, NULL, 'd' },
		{ NULL,				0, NULL, 0 }
	};
	struct cfg	cfg;
	const char	*p[7], *env, *field;
	char		err[512];
	PGconn		*conn;
	PGresult	*res;
	int		ch, rc;

	memset(p, 0, sizeof(p));
	env = NULL;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			p[0] = optarg;
			break;
		case 's':
			p[1] = optarg;
			break;
		case 'w':
			p[2] = "webhook";
			p[3] = optarg;
			break;
		case 'o':
			p[2] = "open311";
			p[3] = optarg;
			break;
		case 'm':
			p[2] = "mailto";
			p[3] = optarg;
			break;
		case 'e':
			env = optarg;
			break;
		case 'u':
			p[5] = optarg;
			break;
		case 'd':
			p[6] = optarg;
			break;
		default:
			dest_usage();
			return (2);
		}
	}

	if (optind != argc || p[0] == NULL || p[2] == NULL) {
		dest_usage();
		return (2);
	}
	if (fmt_destination_check(p[2], p[3], "-", NULL, &field, err,
	    sizeof(err)) == -1) {
		cli_error("%s: %s", field, err);
		return (2);
	}
	if (cli_load(&cfg, conf) == -1)
		return (1);
	rc = strcmp(p[2], "mailto") ? cfg_outbound_check(&cfg, p[3], err,
	    sizeof(err)) : 0;
	cfg_free(&cfg);
	if (rc == -1) {
		cli_error("url: %s", err);
		return (2);
	}
	/* Secrets come from the environment, not the command line. */
	if (env != NULL && (p[4] = getenv(env)) == NULL) {
		cli_error("environment variable %s is not set", env);
		return (2);
	}
	if (fmt_destination_check(p[2], p[3], p[4], p[6], &field, err,
	    sizeof(err)) == -1) {
		cli_error("%s: %s%s", field, err, !strcmp(field, "secret") ?
		    ": --secret-env VAR" : "");
		return (2);
	}

	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	res = store_pq_run(conn, SQL_destination_add, 7, p, err, sizeof(err));
	if (res == NULL || PQntuples(res) != 1) {
		cli_error("%s", res == NULL ? err : "no such jurisdiction or "
		    "service");
		if (res != NULL)
			PQclear(res);
		PQfinish(conn);
		return (1);
	}
	printf("destination %s: %s %s for %s%s%s\n", PQgetvalue(res, 0, 0),
	    p[2], p[3], p[0], p[1] ? " / " : "", p[1] ? p[1] : "");
	PQclear(res);
	PQfinish(conn);
	return (0);
}

static int
dest_list(const char *conf)
{
	PGconn		*conn;
	PGresult	*res;
	char		err[512];
	int		i;

	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	if ((res = store_pq_run(conn, SQL_destination_list, 0, NULL, err,
	    sizeof(err))) == NULL) {
		cli_error("%s", err);
		PQfinish(conn);
		return (1);
	}
	printf("%-4s %-20s %-16s %-8s %-8s %-8s %s\n", "ID", "JURISDICTION",
	    "SERVICE", "KIND", "PENDING", "DEAD", "URL");
	for (i = 0; i < PQntuples(res); i++) {
		printf("%-4s %-20s %-16s %-8s %-8s %-8s %s%s\n",
		    PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetisnull(res, i, 2) ? "*" : PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 8),
		    PQgetvalue(res, i, 9), PQgetvalue(res, i, 4),
		    PQgetvalue(res, i, 7)[0] == 't' ? "" : " (removed)");
	}
	PQclear(res);
	PQfinish(conn);
	return (0);
}

/*
 * Removes destination id (test 0) or queues a test of it (test 1, for
 * the server to send; its outcome shows in the console and the outbox).
 */
static int
dest_one(const char *id, int test, const char *conf)
{
	PGconn		*conn;
	PGresult	*res;
	const char	*p[3];
	char		err[512], ev[24];
	int		n;

	if (strspn(id, "0123456789") != strlen(id) || id[0] == '\0') {
		dest_usage();
		return (2);
	}
	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	p[0] = NULL;
	p[1] = id;
	p[2] = NULL;
	res = test ? store_pq_run(conn, SQL_destination_test, 3, p, err,
	    sizeof(err)) : store_pq_run(conn, SQL_destination_remove, 1,
	    p + 1, err, sizeof(err));
	n = res != NULL ? PQntuples(res) : -1;
	ev[0] = '\0';
	if (n == 1 && test)
		(void)snprintf(ev, sizeof(ev), "%s", PQgetvalue(res, 0, 0));
	if (res != NULL)
		PQclear(res);
	PQfinish(conn);
	if (n != 1) {
		cli_error("%s", n == -1 ? err : "no active destination with "
		    "that id");
		return (1);
	}
	if (test)
		printf("test of destination %s queued (outbox event %s); the "
		    "server sends it\n", id, ev);
	else
		printf("destination %s removed\n", id);
	return (0);
}

int
cli_destinations(int argc, char **argv, const char *conf)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return (dest_add(argc - 1, argv + 1, conf));
	if (argc == 2 && !strcmp(argv[1], "list"))
		return (dest_list(conf));
	if (argc == 3 && !strcmp(argv[1], "remove"))
		return (dest_one(argv[2], 0, conf));
	if (argc == 3 && !strcmp(argv[1], "test"))
		return (dest_one(argv[2], 1, conf));
	dest_usage();
	return (2);
}
