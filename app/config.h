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
 * open311d settings: one file (conf/open311.conf) of "name value" lines,
 * each setting overridable from the environment as OPEN311_<NAME>
 * (DATABASE_URL for database_url). Parsed and validated in the parent
 * before any worker exists, so a bad setting is one clear message and a
 * non-zero exit. Pure code: no Kore, no database.
 */

#ifndef __H_CONFIG
#define __H_CONFIG

#include <sys/types.h>

#include "lib/buf.h"

struct cfg {
	char		*listen_host;
	char		*listen_port;
	int		tls;
	char		*certfile;
	char		*certkey;
	char		*dhparam;
	int		workers;
	char		*database_url;
	char		*database_read_url;
	int		read_max_lag_ms;
	int		replica_check_ms;
	int		db_connections;
	int		db_wait;
	char		*public_url;
	char		*test_url;
	char		*contact;
	char		*key_service;
	char		*default_jurisdiction;	/* "": none */
	char		*runas;
	char		*pidfile;
	long long	body_max;
	long long	media_max;
	long long	form_field_max;
	int		form_fields_max;
	int		access_log;
	int		seccomp_tracing;
	int		worker_death_terminate;
	int		catalog_refresh_ms;
	int		hsts;
	int		max_span_days;
	int		stats_max_days;
	int		stats_cache_ms;
	int		stats_fold_ms;
	int		retention_days;
	int		retention_check_ms;
	int		bench_routes;
	int		rate_anonymous;
	int		rate_key;
	int		rate_submit;
	int		rate_cost_cached;	/* in hundredths */
	int		rate_cost_db;
	int		rate_cost_write;
	int		trust_forwarded_for;
	int		forwarded_hops;
	char		*smtp_url;
	char		*smtp_from;
	char		*smtp_user;
	char		*smtp_password;
	int		smtp_starttls;		/* CFG_STARTTLS_* */
	int		allow_plain_http_destinations;
	char		*outbound_ca_file;
	int		outbox_poll_ms;
	int		outbox_batch;
	int		outbox_retry_ms;
	int		email_dead_after;
	int		upstream_poll_ms;
	int		delivery_timeout;
	int		clock_skew;		/* seconds a client may be ahead */
	int		console_idle;		/* seconds */
	int		console_lifetime;	/* seconds */
	int		console_cookie_secure;	/* CFG_SECURE_* */
	int		console_login_window;	/* seconds */
	int		console_login_account_max;
	int		console_login_address_max;
	int		console_link_hours;
	int		web;			/* serve the resident pages */
	char		*web_tile_url;
	char		*web_tile_attribution;
	int		web_rate;		/* submissions per address an hour */
	int		web_min_fill;		/* seconds before a form may be sent */
	char		*web_token_key;
	/* Rows page may skip; exports per node at once. */
	int		max_page_offset;
	int		export_concurrency;
	/* Statement timeouts: public reads; writes and back office. */
	int		statement_timeout_public_ms;
	int		statement_timeout_ms;
};

/* Room for one error message (it names the file and line, or the variable). */
#define CFG_ERRLEN	256

/* The longest text setting (a path, a URL): Kore's config lines fit. */
#define CFG_STR_MAX	4096
/* The longest listen address (a host name's 255 at most). */
#define CFG_HOST_MAX	255

/* smtp_starttls: never, when the relay offers it, or required. */
#define CFG_STARTTLS_NO		0
#define CFG_STARTTLS_TRY	1
#define CFG_STARTTLS_YES	2

/* console_cookie_secure: from the listener and public_url, or forced. */
#define CFG_SECURE_AUTO		0
#define CFG_SECURE_NO		1
#define CFG_SECURE_YES		2

/* The HTTPS listener's TLS 1.2 ciphers and key exchange groups. */
#define CFG_TLS_CIPHERS	"ECDHE-ECDSA-AES128-GCM-SHA256:" \
	"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:" \
	"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:" \
	"ECDHE-RSA-CHACHA20-POLY1305"
#define CFG_TLS_GROUPS	"X25519:P-256:P-384"

/*
 * Fills cfg with the built-in defaults. Strings are heap copies owned by
 * cfg (free with cfg_free()).
 */
void	cfg_defaults(struct cfg *);

/*
 * Loads the settings: defaults, then the file at path (when path is NULL,
 * conf/open311.conf if it exists), then the environment, then
 * validation. Returns 0, or -1 with a message in err.
 */
int	cfg_load(struct cfg *, const char *, char *, size_t);

/*
 * cfg_load() without the validation: defaults, the file, the
 * environment. Returns 0, or -1 with a message in err.
 */
int	cfg_read(struct cfg *, const char *, char *, size_t);

/* Frees every string held by cfg. */
void	cfg_free(struct cfg *);

/*
 * Applies the settings in text (the contents of a config file named
 * path, used in messages). Returns 0, or -1 with a message in err that
 * names the file, line and setting.
 */
int	cfg_parse(struct cfg *, const char *, const char *, char *, size_t);

/*
 * Applies OPEN311_<NAME> (and DATABASE_URL) from the environment through
 * getenv-like lookup fn. Returns 0, or -1 with a message naming the
 * variable.
 */
int	cfg_environment(struct cfg *, const char *(*)(const char *),
	    char *, size_t);

/*
 * Checks the settings together and fills derived values (public_url,
 * test_url). Returns 0, or -1 with a message naming the setting.
 */
int	cfg_validate(struct cfg *, char *, size_t);

/*
 * Checks that the files the TLS listener needs (when tls is on) and the
 * outbound_ca_file (when set) exist and are readable. Returns 0, or -1
 * with a message naming the setting and file.
 */
int	cfg_check_files(const struct cfg *, char *, size_t);

/*
 * Writes the Kore configuration (listener, TLS, workers, limits, the one
 * dispatch route and, with bench_routes, the benchmarks' no-op) that
 * these settings describe.
 */
void	cfg_kore_conf(const struct cfg *, struct buf *);

/*
 * Whether the gateway may send to url (a destination, an upstream
 * server, the SMTP relay): https:// and smtps:// always; smtp:// (with
 * STARTTLS as smtp_starttls says); http:// only with
 * allow_plain_http_destinations. Returns 0, or -1 with the reason in
 * err.
 */
int	cfg_outbound_check(const struct cfg *, const char *, char *, size_t);

/*
 * Writes one line for each setting that lets personal data travel in
 * clear (allow_plain_http_destinations yes; smtp_starttls no or try
 * with an smtp:// relay), for the start-up log; nothing otherwise.
 */
void	cfg_cleartext_warnings(const struct cfg *, struct buf *);

/*
 * Whether the console's session cookie carries Secure: always with
 * console_cookie_secure yes, never with no; with auto when the gateway
 * listens with TLS or public_url is https:// (TLS ends at a proxy).
 */
int	cfg_console_secure(const struct cfg *);

/* Writes every setting with its current value, one per line. */
void	cfg_dump(const struct cfg *, struct buf *);

#endif
