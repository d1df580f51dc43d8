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
 * Subcommand dispatch, usage, and the migrate and config commands.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "store/pq.h"

static int	cli_migrate(int, char **, const char *);
static int	cli_config(int, char **, const char *);
static void	cli_usage(void);
static void	cli_report(int, const char *);

/* Whether the last cli_load() took the embedded database. */
static int	embedded = 0;

static const struct {
	const char	*name;
	int		(*fn)(int, char **, const char *);
} commands[] = {
	{ "migrate",		cli_migrate },
	{ "catalog",		cli_catalog },
	{ "jurisdiction",	cli_jurisdiction },
	{ "keys",		cli_keys },
	{ "destinations",	cli_destinations },
	{ "purge",		cli_purge },
	{ "staff",		cli_staff },
	{ "addresses",		cli_addresses },
	{ "config",		cli_config },
	{ NULL,			NULL }
};

void
cli_error(const char *fmt, ...)
{
	va_list		ap;

	fprintf(stderr, "open311d: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

json_t *
cli_read_json(const char *path)
{
	json_t		*root;
	json_error_t	jerr;

	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL) {
		cli_error("%s:%d:%d: %s", path, jerr.line, jerr.column,
		    jerr.text);
		return (NULL);
	}

	return (root);
}

int
cli_load(struct cfg *cfg, const char *conf)
{
	char	err[512];
	int	rc;

	embedded = 0;
	if (cfg_read(cfg, conf, err, sizeof(err)) == -1 ||
	    (rc = cli_embedded(cfg, CLI_EMBEDDED_DIR, err,
	    sizeof(err))) == -1 ||
	    cfg_validate(cfg, err, sizeof(err)) == -1) {
		cli_error("%s", err);
		cfg_free(cfg);
		return (-1);
	}
	embedded = rc == 1;
	return (0);
}

PGconn *
cli_connect(const char *conf)
{
	struct cfg	cfg;
	PGconn		*conn;
	char		err[512];

	if (cli_load(&cfg, conf) == -1)
		return (NULL);

	conn = store_pq_connect(cfg.database_url, cfg.db_wait, err,
	    sizeof(err));
	if (conn == NULL)
		cli_error("%s%s", err, embedded ? " (the embedded database of "
		    CLI_EMBEDDED_DIR ", which runs while `make run` does)" :
		    "");
	cfg_free(&cfg);
	return (conn);
}

static void
cli_usage(void)
{
	fprintf(stderr,
	    "usage: open311d [-c conf] [-fnqr]         run the gateway\n"
	    "       open311d [-c conf] migrate         apply migrations\n"
	    "       open311d [-c conf] catalog import FILE\n"
	    "       open311d [-c conf] jurisdiction import FILE.geojson "
	    "--id ID --name NAME\n"
	    "                     --crs EPSG:N [--from-crs EPSG:N] "
	    "[--time-zone TZ]\n"
	    "                     [--contact TEXT] [--key-service TEXT]\n"
	    "       open311d [-c conf] jurisdiction list\n"
	    "       open311d [-c conf] keys create --name NAME --scopes "
	    "submit[,backoffice,admin]\n"
	    "                     [--jurisdiction J[,J...]] [--channel C] "
	    "[--rate N]\n"
	    "       open311d [-c conf] keys list\n"
	    "       open311d [-c conf] keys revoke ID --message TEXT\n"
	    "       open311d [-c conf] destinations add --jurisdiction J "
	    "[--service CODE]\n"
	    "                     (--webhook URL --secret-env VAR | --open311 "
	    "URL --api-key-env VAR)\n"
	    "       open311d [-c conf] destinations list | remove ID\n"
	    "       open311d [-c conf] purge [--dry-run] [--days N]\n"
	    "       open311d [-c conf] staff add EMAIL --name NAME --role "
	    "agent|supervisor|admin\n"
	    "                     [--jurisdiction J[,J...]]\n"
	    "       open311d [-c conf] staff list | disable EMAIL | "
	    "link EMAIL\n"
	    "       open311d [-c conf] addresses import FILE [--add] | "
	    "addresses count\n"
	    "       open311d [-c conf] config          check and print "
	    "the settings\n");
}

int
cli_is_command(const char *name)
{
	int	i;

	if (!strcmp(name, "help"))
		return (1);
	for (i = 0; commands[i].name != NULL; i++) {
		if (!strcmp(commands[i].name, name))
			return (1);
	}
	return (0);
}

int
cli_main(int argc, char **argv, const char *conf)
{
	int	i;

	for (i = 0; commands[i].name != NULL; i++) {
		if (!strcmp(commands[i].name, argv[0]))
			return (commands[i].fn(argc, argv, conf));
	}

	cli_usage();
	return (!strcmp(argv[0], "help") ? 0 : 2);
}

static void
cli_report(int version, const char *name)
{
	printf("applying %s (version %d)\n", name, version);
}

static int
cli_migrate(int argc, char **argv, const char *conf)
{
	PGconn		*conn;
	char		err[512];
	int		n, rc;

	(void)argv;
	if (argc != 1) {
		cli_usage();
		return (2);
	}

	if ((conn = cli_connect(conf)) == NULL)
		return (1);

	rc = 1;
	if ((n = store_migrate(conn, cli_report, err, sizeof(err))) == -1) {
		cli_error("%s", err);
	} else {
		printf("schema at version %d (%d migration%s applied)\n",
		    store_schema_latest(), n, n == 1 ? "" : "s");
		rc = 0;
	}

	PQfinish(conn);
	return (rc);
}

static int
cli_config(int argc, char **argv, const char *conf)
{
	struct cfg	cfg;
	struct buf	b;
	char		err[512];

	(void)argv;
	if (argc != 1) {
		cli_usage();
		return (2);
	}

	if (cli_load(&cfg, conf) == -1)
		return (1);

	buf_init(&b);
	cfg_dump(&cfg, &b);
	fputs(buf_cstr(&b), stdout);
	buf_free(&b);

	if (cfg_check_files(&cfg, err, sizeof(err)) == -1) {
		cli_error("%s", err);
		cfg_free(&cfg);
		return (1);
	}

	cfg_free(&cfg);
	return (0);
}
