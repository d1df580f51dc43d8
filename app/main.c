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
 * Kore's hooks: the parent parses options, runs a subcommand or loads
 * and checks the settings and the database schema, then hands Kore the
 * configuration generated from them; each worker connects to the
 * database and starts its catalog cache.
 */

#include <sys/types.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <kore/kore.h>
#include <kore/hooks.h>
#include <kore/http.h>

#include "app.h"
#include "cli/cli.h"
#include "outbound/delivery.h"
#include "routes/route.h"
#include "shm/gauge.h"
#include "shm/metrics.h"
#include "store/catalog_cache.h"
#include "store/db.h"
#include "store/jobs.h"
#include "store/keys.h"
#include "store/pq.h"

#define OPEN311D_VERSION	"0.1.0"

static void	main_usage(void);
static void	main_schema_check(void);
static void	main_kore_conf(void);
static void	main_tls_check(void);
static void	main_ca_check(void);
static void	main_cleartext_log(void);

static char		retention[16];

static void
main_usage(void)
{
	fprintf(stderr, "usage: open311d [-c conf] [-nqr] [command ...]\n"
	    "  -c conf  settings file (default conf/open311.conf, or "
	    "$OPEN311_CONF)\n"
	    "  -n       do not chroot (always on: PROJ and libpq read files)\n"
	    "  -q       quiet start-up\n"
	    "  -r       do not switch user even when root\n"
	    "run `open311d help` for the commands\n");
}

/* Refuses to start against a database whose schema is older. */
static void
main_schema_check(void)
{
	const struct cfg	*cfg;
	PGconn			*conn;
	char			err[512];
	int			version;

	cfg = app_config();
	if ((conn = store_pq_connect(cfg->database_url, cfg->db_wait, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "open311d: %s\n", err);
		exit(1);
	}

	version = store_schema_version(conn, err, sizeof(err));
	PQfinish(conn);

	if (version == -1) {
		fprintf(stderr, "open311d: cannot read the schema version: "
		    "%s\n", err);
		exit(1);
	}

	if (version < store_schema_latest()) {
		fprintf(stderr, "open311d: the database schema is at version "
		    "%d but this binary needs %d; run `open311d migrate` "
		    "first\n", version, store_schema_latest());
		exit(1);
	}

	if (version > store_schema_latest()) {
		kore_log(LOG_WARNING, "the database schema (%d) is newer than "
		    "this binary (%d)", version, store_schema_latest());
	}
}

/*
 * Reads the certificate, key and DH parameters the way Kore will, so a
 * wrong or damaged file is one clear message before anything starts.
 */
static void
main_tls_check(void)
{
	const struct cfg	*cfg;
	FILE			*fp;
	X509			*x509;
	EVP_PKEY		*key;
	DH			*dh;
	const char		*what;

	cfg = app_config();
	x509 = NULL;
	key = NULL;
	dh = NULL;
	what = NULL;

	if ((fp = fopen(cfg->certfile, "r")) != NULL) {
		x509 = PEM_read_X509(fp, NULL, NULL, NULL);
		(void)fclose(fp);
	}
	if ((fp = fopen(cfg->certkey, "r")) != NULL) {
		key = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
		(void)fclose(fp);
	}
	if ((fp = fopen(cfg->dhparam, "r")) != NULL) {
		dh = PEM_read_DHparams(fp, NULL, NULL, NULL);
		(void)fclose(fp);
	}

	if (x509 == NULL)
		what = "certfile: not a PEM certificate";
	else if (key == NULL)
		what = "certkey: not a PEM private key (unencrypted)";
	else if (!X509_check_private_key(x509, key))
		what = "certkey: does not match the certificate in certfile";
	else if (EVP_PKEY_id(key) != EVP_PKEY_RSA &&
	    EVP_PKEY_id(key) != EVP_PKEY_EC)
		what = "certkey: only RSA and EC keys are supported";
	else if (dh == NULL)
		what = "dhparam: not a PEM DH parameters file "
		    "(openssl dhparam -out FILE 2048)";

	X509_free(x509);
	EVP_PKEY_free(key);
	DH_free(dh);
	ERR_clear_error();

	if (what != NULL) {
		fprintf(stderr, "open311d: %s\n", what);
		exit(1);
	}
}

/* Refuses an outbound_ca_file without a certificate in it. */
static void
main_ca_check(void)
{
	const char	*path;
	FILE		*fp;
	X509		*x509;

	path = app_config()->outbound_ca_file;
	x509 = NULL;
	if ((fp = fopen(path, "r")) != NULL) {
		x509 = PEM_read_X509(fp, NULL, NULL, NULL);
		(void)fclose(fp);
	}
	ERR_clear_error();
	if (x509 == NULL) {
		fprintf(stderr, "open311d: outbound_ca_file: no PEM "
		    "certificate in '%s'\n", path);
		exit(1);
	}
	X509_free(x509);
}

/* Logs each setting that lets personal data travel in clear. */
static void
main_cleartext_log(void)
{
	struct buf	b;
	const char	*line, *end;

	buf_init(&b);
	cfg_cleartext_warnings(app_config(), &b);
	for (line = buf_cstr(&b); *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		kore_log(LOG_WARNING, "%.*s", (int)(end - line), line);
	}
	buf_free(&b);
}

/* Hands Kore the configuration generated from our settings. */
static void
main_kore_conf(void)
{
	struct buf	b;
	FILE		*fp;

	buf_init(&b);
	cfg_kore_conf(app_config(), &b);
	if ((fp = fmemopen(b.data, b.len, "r")) == NULL)
		fatal("fmemopen: %s", errno_s);
	kore_parse_config_file(fp);
	(void)fclose(fp);
	buf_free(&b);
}

void
kore_parent_configure(int argc, char **argv)
{
	const struct cfg	*cfg;
	const char		*conf;
	char			err[512];
	int			ch, norunas;

	(void)setvbuf(stdout, NULL, _IOLBF, 0);
	kore_foreground = 1;

	conf = getenv("OPEN311_CONF");
	norunas = 0;
	while ((ch = getopt(argc, argv, "+c:fnqrhv")) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'f':
		case 'n':
			break;
		case 'q':
			kore_quiet = 1;
			break;
		case 'r':
			norunas = 1;
			break;
		case 'v':
			printf("open311d %s (kore %s)\n", OPEN311D_VERSION,
			    kore_version);
			exit(0);
		case 'h':
		default:
			main_usage();
			exit(ch == 'h' ? 0 : 2);
		}
	}

	if (optind < argc) {
		if (!cli_is_command(argv[optind])) {
			main_usage();
			exit(2);
		}
		exit(cli_main(argc - optind, argv + optind, conf));
	}

	if (app_load(conf, err, sizeof(err)) == -1) {
		fprintf(stderr, "open311d: %s\n", err);
		exit(1);
	}

	cfg = app_config();
	if (cfg->tls)
		main_tls_check();
	if (cfg->outbound_ca_file[0] != '\0')
		main_ca_check();
	main_cleartext_log();

	/* Workers read proj.db and resolver files: never chroot. */
	skip_chroot = 1;
	if (getuid() != 0 || norunas || cfg->runas[0] == '\0') {
		skip_runas = 1;
		if (getuid() == 0) {
			kore_log(LOG_WARNING, "running as root without "
			    "runas: workers keep root privileges");
		}
	}

	(void)setenv("PGCONNECT_TIMEOUT", "3", 0);
	main_schema_check();

	/* Made before the workers fork, so all of them share it. */
	if (app_share() == -1)
		fatal("cannot map the shared tables: %s", errno_s);
	if (route_slots() > MET_ROUTES)
		fatal("the route table has %d metrics slots, the metrics "
		    "table %d", route_slots(), MET_ROUTES);
	http_error_body_hook = route_error_body_hook;
	http_request_early_hook = route_early;
	main_kore_conf();

	if (!kore_quiet) {
		kore_log(LOG_NOTICE, "open311d %s serving %s", OPEN311D_VERSION,
		    cfg->public_url);
	}
}

void
kore_worker_configure(void)
{
	const struct cfg	*cfg;
	struct fmt_discovery	d;

	cfg = app_config();
	store_init(cfg->database_url);

	d.contact = cfg->contact;
	d.key_service = cfg->key_service;
	d.production_url = cfg->public_url;
	d.test_url = cfg->test_url;
	store_catalog_init(&d);
	store_keys_init();
	store_cache_start(cfg->catalog_refresh_ms);
	if (app_exports() != NULL)
		gauge_clear(app_exports(), worker->id);

	/*
	 * Every worker delivers; the first also polls upstream servers,
	 * folds the statistics and erases expired personal data.
	 */
	outbound_delivery_start(worker->id == KORE_WORKER_BASE);
	if (worker->id != KORE_WORKER_BASE)
		return;
	store_job_start(SQL_stats_fold, NULL, cfg->stats_fold_ms,
	    "statistics fold", 0);
	if (cfg->retention_days > 0) {
		(void)snprintf(retention, sizeof(retention), "%d",
		    cfg->retention_days);
		store_job_start(SQL_retention_purge, retention,
		    cfg->retention_check_ms, "retention: personal data erased "
		    "from closed requests", 1);
	}
}

void
kore_worker_teardown(void)
{
	outbound_delivery_stop();
}
