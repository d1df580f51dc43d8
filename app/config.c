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
 * Settings: the table of every setting with its type, limits and
 * default; the file parser; environment overrides; validation; and the
 * Kore configuration generated from the result.
 */

#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "formats/csp.h"
#include "lib/mem.h"

#define T_STR		1
#define T_INT		2
#define T_BOOL		3
#define T_SIZE		4
#define T_LISTEN	5
#define T_CHOICE	6

#define STARTTLS_WORDS	"no try yes"	/* CFG_STARTTLS_*, in order */

struct setting {
	const char	*name;
	int		type;
	size_t		off;
	long long	min;
	long long	max;
	const char	*def;
	const char	*words;		/* T_CHOICE: the values, in order */
};

#define S(n, t, mn, mx, d)	\
	{ #n, t, offsetof(struct cfg, n), mn, mx, d, NULL }
#define C(n, f, w, d)		\
	{ #n, T_CHOICE, offsetof(struct cfg, f), 0, 0, d, w }

static const struct setting settings[] = {
	{ "listen", T_LISTEN, 0, 0, 0, "127.0.0.1:8443", NULL },
	S(tls, T_BOOL, 0, 1, "yes"),
	S(certfile, T_STR, 0, 0, "var/tls/cert.pem"),
	S(certkey, T_STR, 0, 0, "var/tls/key.pem"),
	S(dhparam, T_STR, 0, 0, "var/tls/dh2048.pem"),
	S(workers, T_INT, 1, 64, "2"),
	S(database_url, T_STR, 0, 0, ""),
	S(database_read_url, T_STR, 0, 0, ""),
	S(read_max_lag_ms, T_INT, 0, 86400000, "5000"),
	S(replica_check_ms, T_INT, 100, 600000, "1000"),
	S(db_connections, T_INT, 1, 64, "2"),
	S(db_wait, T_INT, 0, 3600, "30"),
	S(public_url, T_STR, 0, 0, ""),
	S(test_url, T_STR, 0, 0, ""),
	S(contact, T_STR, 0, 0, ""),
	S(key_service, T_STR, 0, 0, ""),
	S(default_jurisdiction, T_STR, 0, 0, ""),
	S(runas, T_STR, 0, 0, ""),
	S(pidfile, T_STR, 0, 0, "var/open311d.pid"),
	S(body_max, T_SIZE, 4096, 1LL << 30, "32M"),
	S(media_max, T_SIZE, 1024, 1LL << 30, "10M"),
	S(form_field_max, T_SIZE, 256, 1LL << 24, "64K"),
	S(form_fields_max, T_INT, 8, 10000, "256"),
	S(access_log, T_BOOL, 0, 1, "yes"),
	S(seccomp_tracing, T_BOOL, 0, 1, "no"),
	C(worker_death, worker_death_terminate, "restart terminate", "restart"),
	S(catalog_refresh_ms, T_INT, 100, 3600000, "1000"),
	S(hsts, T_INT, 0, 100000000, "31536000"),
	S(max_span_days, T_INT, 1, 3660, "90"),
	S(stats_max_days, T_INT, 1, 3660, "366"),
	S(stats_cache_ms, T_INT, 0, 3600000, "10000"),
	S(stats_fold_ms, T_INT, 100, 3600000, "1000"),
	S(retention_days, T_INT, 0, 36500, "365"),
	S(retention_check_ms, T_INT, 100, 86400000, "3600000"),
	S(bench_routes, T_BOOL, 0, 1, "no"),
	S(rate_anonymous, T_INT, 0, 10000000, "300"),
	S(rate_key, T_INT, 0, 10000000, "1200"),
	S(rate_submit, T_INT, 0, 10000000, "60"),
	S(rate_cost_cached, T_INT, 0, 10000, "10"),
	S(rate_cost_db, T_INT, 0, 10000, "100"),
	S(rate_cost_write, T_INT, 0, 10000, "100"),
	S(trust_forwarded_for, T_BOOL, 0, 1, "no"),
	S(forwarded_hops, T_INT, 1, 10, "1"),
	S(smtp_url, T_STR, 0, 0, ""),
	S(smtp_from, T_STR, 0, 0, "open311d <noreply@localhost>"),
	S(smtp_user, T_STR, 0, 0, ""),
	S(smtp_password, T_STR, 0, 0, ""),
	C(smtp_starttls, smtp_starttls, STARTTLS_WORDS, "yes"),
	S(allow_plain_http_destinations, T_BOOL, 0, 1, "no"),
	S(outbound_ca_file, T_STR, 0, 0, ""),
	S(outbox_poll_ms, T_INT, 20, 600000, "500"),
	S(outbox_batch, T_INT, 1, 1000, "20"),
	S(outbox_retry_ms, T_INT, 10, 3600000, "1000"),
	S(email_dead_after, T_INT, 1, 31536000, "86400"),
	S(upstream_poll_ms, T_INT, 100, 86400000, "10000"),
	S(delivery_timeout, T_INT, 1, 600, "10"),
	S(clock_skew, T_INT, 0, 86400, "300"),
	S(console_idle, T_INT, 1, 86400, "1800"),
	S(console_lifetime, T_INT, 1, 2592000, "43200"),
	C(console_cookie_secure, console_cookie_secure, "auto no yes", "auto"),
	S(console_login_window, T_INT, 1, 86400, "900"),
	S(console_login_account_max, T_INT, 1, 1000, "5"),
	S(console_login_address_max, T_INT, 1, 100000, "50"),
	S(console_link_hours, T_INT, 1, 720, "72"),
	S(web, T_BOOL, 0, 1, "yes"),
	S(web_tile_url, T_STR, 0, 0,
	    "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
	S(web_tile_attribution, T_STR, 0, 0,
	    "\xc2\xa9 OpenStreetMap contributors"),
	S(web_rate, T_INT, 0, 100000, "20"),
	S(web_min_fill, T_INT, 0, 3600, "3"),
	S(web_token_key, T_STR, 0, 0, ""),
	S(max_page_offset, T_INT, 0, 100000000, "10000"),
	S(export_concurrency, T_INT, 1, 1000, "2"),
	S(statement_timeout_public_ms, T_INT, 0, 3600000, "3000"),
	S(statement_timeout_ms, T_INT, 0, 3600000, "60000"),
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static int	cfg_set(struct cfg *, const struct setting *, const char *,
		    char *, size_t);
static int	cfg_parse_size(const char *, long long *);
static char	*cfg_trim(char *);
static int	cfg_choice(const char *, const char *);
static void	cfg_choice_name(const char *, int, char *, size_t);
static void	cfg_replace(char **, const char *);

/* The position of v in the space-separated list words, or -1. */
static int
cfg_choice(const char *words, const char *v)
{
	size_t	len, vlen;
	int	n;

	vlen = strlen(v);
	for (n = 0; *words != '\0'; n++) {
		len = strcspn(words, " ");
		if (len == vlen && !strncmp(words, v, len))
			return (n);
		words += len;
		words += strspn(words, " ");
	}
	return (-1);
}

/* The word at position n of the space-separated list words. */
static void
cfg_choice_name(const char *words, int n, char *out, size_t outlen)
{
	size_t	len;

	for (; n > 0 && *words != '\0'; n--) {
		words += strcspn(words, " ");
		words += strspn(words, " ");
	}
	len = strcspn(words, " ");
	(void)snprintf(out, outlen, "%.*s", (int)len, words);
}

static void
cfg_replace(char **field, const char *value)
{
	free(*field);
	*field = mem_strdup(value);
}

void
cfg_defaults(struct cfg *c)
{
	const struct setting	*s;
	char			err[CFG_ERRLEN];

	memset(c, 0, sizeof(*c));
	for (s = settings; s->name != NULL; s++) {
		if (cfg_set(c, s, s->def, err, sizeof(err)) == -1)
			abort();
	}
}

static const char *
cfg_getenv(const char *name)
{
	return (getenv(name));
}

int
cfg_load(struct cfg *c, const char *path, char *err, size_t errlen)
{
	if (cfg_read(c, path, err, errlen) == -1)
		return (-1);
	return (cfg_validate(c, err, errlen));
}

int
cfg_read(struct cfg *c, const char *path, char *err, size_t errlen)
{
	struct buf	text;
	FILE		*fp;
	char		chunk[4096];
	size_t		n;
	int		rc;

	cfg_defaults(c);

	if (path == NULL) {
		path = "conf/open311.conf";
		if (access(path, F_OK) == -1)
			path = NULL;
	}

	if (path != NULL) {
		if ((fp = fopen(path, "r")) == NULL) {
			(void)snprintf(err, errlen, "cannot read %s: %s",
			    path, strerror(errno));
			return (-1);
		}
		buf_init(&text);
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&text, chunk, n);
		(void)fclose(fp);
		rc = cfg_parse(c, path, buf_cstr(&text), err, errlen);
		buf_free(&text);
		if (rc == -1)
			return (-1);
	}

	return (cfg_environment(c, cfg_getenv, err, errlen));
}

void
cfg_free(struct cfg *c)
{
	const struct setting	*s;

	for (s = settings; s->name != NULL; s++) {
		if (s->type == T_STR) {
			free(*(char **)((char *)c + s->off));
			*(char **)((char *)c + s->off) = NULL;
		}
	}
	free(c->listen_host);
	free(c->listen_port);
	c->listen_host = NULL;
	c->listen_port = NULL;
}

/* Accepts a decimal count with an optional K, M or G suffix. */
static int
cfg_parse_size(const char *v, long long *out)
{
	char		*end;
	long long	n, mul;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || n < 0)
		return (-1);

	mul = 1;
	switch (*end) {
	case 'k': case 'K':
		mul = 1024;
		end++;
		break;
	case 'm': case 'M':
		mul = 1024 * 1024;
		end++;
		break;
	case 'g': case 'G':
		mul = 1024 * 1024 * 1024;
		end++;
		break;
	case '\0':
		break;
	default:
		return (-1);
	}

	if (*end != '\0' || n > LLONG_MAX / mul)
		return (-1);

	*out = n * mul;
	return (0);
}

static int
cfg_set(struct cfg *c, const struct setting *s, const char *v,
    char *err, size_t errlen)
{
	long long	n;
	char		*end, *colon, *host;
	void		*field;

	field = (char *)c + s->off;

	switch (s->type) {
	case T_STR:
		if (strlen(v) > CFG_STR_MAX) {
			(void)snprintf(err, errlen, "%s: longer than %d bytes",
			    s->name, CFG_STR_MAX);
			return (-1);
		}
		cfg_replace(field, v);
		return (0);
	case T_INT:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' ||
		    n < s->min || n > s->max) {
			(void)snprintf(err, errlen,
			    "%s: must be a whole number from %lld to %lld, "
			    "not '%s'", s->name, s->min, s->max, v);
			return (-1);
		}
		*(int *)field = (int)n;
		return (0);
	case T_SIZE:
		if (cfg_parse_size(v, &n) == -1 || n < s->min || n > s->max) {
			(void)snprintf(err, errlen,
			    "%s: must be a size from %lld to %lld bytes "
			    "(K, M, G suffixes allowed), not '%s'",
			    s->name, s->min, s->max, v);
			return (-1);
		}
		*(long long *)field = n;
		return (0);
	case T_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true") ||
		    !strcmp(v, "on") || !strcmp(v, "1")) {
			*(int *)field = 1;
		} else if (!strcmp(v, "no") || !strcmp(v, "false") ||
		    !strcmp(v, "off") || !strcmp(v, "0")) {
			*(int *)field = 0;
		} else {
			(void)snprintf(err, errlen,
			    "%s: must be yes or no, not '%s'", s->name, v);
			return (-1);
		}
		return (0);
	case T_CHOICE:
		if ((n = cfg_choice(s->words, v)) == -1) {
			(void)snprintf(err, errlen, "%s: must be one of: %s; "
			    "not '%s'", s->name, s->words, v);
			return (-1);
		}
		*(int *)field = (int)n;
		return (0);
	case T_LISTEN:
		if ((colon = strrchr(v, ':')) == NULL || colon == v) {
			(void)snprintf(err, errlen,
			    "listen: must be ADDRESS:PORT (for example "
			    "127.0.0.1:8443 or [::1]:8443), not '%s'", v);
			return (-1);
		}
		errno = 0;
		n = strtoll(colon + 1, &end, 10);
		if (errno != 0 || !isdigit((unsigned char)colon[1]) ||
		    *end != '\0' || n < 1 || n > 65535) {
			(void)snprintf(err, errlen,
			    "listen: port must be from 1 to 65535 in '%s'", v);
			return (-1);
		}
		host = mem_strndup(v, (size_t)(colon - v));
		if (host[0] == '[' && host[strlen(host) - 1] == ']') {
			memmove(host, host + 1, strlen(host));
			host[strlen(host) - 1] = '\0';
		}
		if (strlen(host) > CFG_HOST_MAX) {
			(void)snprintf(err, errlen, "listen: the address is "
			    "longer than %d characters", CFG_HOST_MAX);
			free(host);
			return (-1);
		}
		if (host[0] == '\0' || strpbrk(host, " \t{}#[]") != NULL) {
			(void)snprintf(err, errlen,
			    "listen: bad address in '%s'", v);
			free(host);
			return (-1);
		}
		free(c->listen_host);
		free(c->listen_port);
		c->listen_host = host;
		c->listen_port = mem_strdup(colon + 1);
		return (0);
	}

	abort();
}

static char *
cfg_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return (s);
}

int
cfg_parse(struct cfg *c, const char *path, const char *text,
    char *err, size_t errlen)
{
	const struct setting	*s;
	char			*copy, *line, *next, *name, *value, *p;
	char			msg[CFG_ERRLEN];
	unsigned char		seen[sizeof(settings) / sizeof(settings[0])];
	int			lineno, rc, quoted;

	memset(seen, 0, sizeof(seen));
	copy = mem_strdup(text);
	rc = 0;
	lineno = 0;

	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		/* A comment starts a line or follows a blank, unquoted. */
		for (p = line, quoted = 0; *p != '\0'; p++) {
			if (*p == '"') {
				quoted = !quoted;
			} else if (*p == '#' && !quoted &&
			    (p == line || isspace((unsigned char)p[-1]))) {
				*p = '\0';
				break;
			}
		}
		name = cfg_trim(line);
		if (*name == '\0')
			continue;

		value = name;
		while (*value != '\0' && !isspace((unsigned char)*value))
			value++;
		if (*value != '\0')
			*value++ = '\0';
		value = cfg_trim(value);
		if (strlen(value) >= 2 && value[0] == '"' &&
		    value[strlen(value) - 1] == '"') {
			value[strlen(value) - 1] = '\0';
			value++;
		}

		for (s = settings; s->name != NULL; s++) {
			if (!strcmp(s->name, name))
				break;
		}

		if (s->name == NULL) {
			(void)snprintf(err, errlen,
			    "%s:%d: unknown setting '%s'", path, lineno, name);
			rc = -1;
			break;
		}

		if (seen[s - settings]) {
			(void)snprintf(err, errlen,
			    "%s:%d: '%s' is set twice", path, lineno, name);
			rc = -1;
			break;
		}
		seen[s - settings] = 1;

		if (cfg_set(c, s, value, msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "%s:%d: %s",
			    path, lineno, msg);
			rc = -1;
			break;
		}
	}

	free(copy);
	return (rc);
}

int
cfg_environment(struct cfg *c, const char *(*lookup)(const char *),
    char *err, size_t errlen)
{
	const struct setting	*s;
	const char		*v;
	char			env[64], msg[CFG_ERRLEN];
	size_t			i;

	for (s = settings; s->name != NULL; s++) {
		(void)snprintf(env, sizeof(env), "OPEN311_%s", s->name);
		for (i = 8; env[i] != '\0'; i++)
			env[i] = (char)toupper((unsigned char)env[i]);

		v = lookup(env);
		if (v == NULL && !strcmp(s->name, "database_url")) {
			(void)snprintf(env, sizeof(env), "DATABASE_URL");
			v = lookup(env);
		}
		if (v == NULL)
			continue;

		if (cfg_set(c, s, v, msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "environment %s: %s",
			    env, msg);
			return (-1);
		}
	}

	return (0);
}

int
cfg_validate(struct cfg *c, char *err, size_t errlen)
{
	struct buf	b;
	const char	*host;
	char		origin[256];
	size_t		len;

	if (c->database_url[0] == '\0') {
		(void)snprintf(err, errlen, "database_url: not set (set it "
		    "in the config file or as DATABASE_URL; `make run` starts "
		    "an embedded PostgreSQL, which the tools find in var/pg "
		    "by themselves)");
		return (-1);
	}

	if (c->tls && (c->certfile[0] == '\0' || c->certkey[0] == '\0' ||
	    c->dhparam[0] == '\0')) {
		(void)snprintf(err, errlen, "tls: certfile, certkey and "
		    "dhparam must all be set when tls is yes");
		return (-1);
	}

	if (c->media_max > c->body_max) {
		(void)snprintf(err, errlen, "media_max (%lld) cannot exceed "
		    "body_max (%lld)", c->media_max, c->body_max);
		return (-1);
	}

	if (c->public_url[0] == '\0') {
		buf_init(&b);
		host = c->listen_host;
		if (!strcmp(host, "0.0.0.0") || !strcmp(host, "::") ||
		    !strcmp(host, "*"))
			host = "localhost";
		if (strchr(host, ':') != NULL)
			buf_printf(&b, "%s://[%s]:%s",
			    c->tls ? "https" : "http", host, c->listen_port);
		else
			buf_printf(&b, "%s://%s:%s",
			    c->tls ? "https" : "http", host, c->listen_port);
		cfg_replace(&c->public_url, buf_cstr(&b));
		buf_free(&b);
	}

	len = strlen(c->public_url);
	while (len > 0 && c->public_url[len - 1] == '/')
		c->public_url[--len] = '\0';

	if (c->smtp_url[0] != '\0' && strncmp(c->smtp_url, "smtp://", 7) &&
	    strncmp(c->smtp_url, "smtps://", 8)) {
		(void)snprintf(err, errlen, "smtp_url: must start with "
		    "smtp:// or smtps://, not '%s'", c->smtp_url);
		return (-1);
	}
	if (strchr(c->smtp_from, '@') == NULL ||
	    strpbrk(c->smtp_from, "\r\n") != NULL) {
		(void)snprintf(err, errlen, "smtp_from: must be an address "
		    "such as \"City 311 <noreply@city.example>\"");
		return (-1);
	}

	if (strncmp(c->public_url, "http://", 7) &&
	    strncmp(c->public_url, "https://", 8)) {
		(void)snprintf(err, errlen, "public_url: must start with "
		    "http:// or https://, not '%s'", c->public_url);
		return (-1);
	}

	if (c->test_url[0] == '\0') {
		buf_init(&b);
		buf_printf(&b, "%s/test", c->public_url);
		cfg_replace(&c->test_url, buf_cstr(&b));
		buf_free(&b);
	}

	len = strlen(c->test_url);
	while (len > 0 && c->test_url[len - 1] == '/')
		c->test_url[--len] = '\0';

	if (strncmp(c->test_url, "http://", 7) &&
	    strncmp(c->test_url, "https://", 8)) {
		(void)snprintf(err, errlen, "test_url: must start with "
		    "http:// or https://, not '%s'", c->test_url);
		return (-1);
	}

	if (c->web_tile_url[0] != '\0' &&
	    fmt_tile_origin(c->web_tile_url, origin, sizeof(origin)) == -1) {
		(void)snprintf(err, errlen, "web_tile_url: must be an http:// "
		    "or https:// URL template of a plain host such as "
		    "https://tile.openstreetmap.org/{z}/{x}/{y}.png, or empty "
		    "for no tiles");
		return (-1);
	}
	if (c->web_token_key[0] != '\0' && strlen(c->web_token_key) < 16) {
		(void)snprintf(err, errlen, "web_token_key: must be at least 16 "
		    "characters (or empty for a random one at each start)");
		return (-1);
	}

	return (0);
}

int
cfg_check_files(const struct cfg *c, char *err, size_t errlen)
{
	const char	*names[] = { "certfile", "certkey", "dhparam" };
	const char	*paths[3];
	int		i;

	if (c->outbound_ca_file[0] != '\0' &&
	    access(c->outbound_ca_file, R_OK) == -1) {
		(void)snprintf(err, errlen, "outbound_ca_file: cannot read "
		    "'%s': %s", c->outbound_ca_file, strerror(errno));
		return (-1);
	}

	if (!c->tls)
		return (0);

	paths[0] = c->certfile;
	paths[1] = c->certkey;
	paths[2] = c->dhparam;

	for (i = 0; i < 3; i++) {
		if (access(paths[i], R_OK) == -1) {
			(void)snprintf(err, errlen, "%s: cannot read '%s': %s",
			    names[i], paths[i], strerror(errno));
			return (-1);
		}
	}

	return (0);
}

void
cfg_kore_conf(const struct cfg *c, struct buf *b)
{
	buf_printf(b, "server main {\n\tbind %s %s\n\ttls %s\n}\n",
	    c->listen_host, c->listen_port, c->tls ? "yes" : "no");

	/*
	 * Mozilla's "intermediate" profile, with forward secrecy from
	 * elliptic curves only: TLS 1.2 ciphers are ECDHE with AES-GCM or
	 * ChaCha20-Poly1305; TLS 1.3 keeps OpenSSL's AEAD suites.
	 */
	if (c->tls) {
		buf_printf(b, "tls_dhparam %s\n", c->dhparam);
		buf_str(b, "tls_version both\n");
		buf_printf(b, "tls_cipher %s\n", CFG_TLS_CIPHERS);
		buf_printf(b, "tls_groups %s\n", CFG_TLS_GROUPS);
	}

	buf_printf(b, "workers %d\n", c->workers);
	buf_str(b, "worker_set_affinity 0\n");
	/*
	 * One connection per turn of the accept lock: a burst of new
	 * connections (a client's pool) then spreads over every worker
	 * instead of landing on the first, which alone would use only its
	 * own db_connections.
	 */
	buf_str(b, "worker_accept_threshold 1\n");
	buf_printf(b, "worker_death_policy %s\n",
	    c->worker_death_terminate ? "terminate" : "restart");
	buf_printf(b, "pidfile %s\n", c->pidfile);
	buf_printf(b, "pgsql_conn_max %d\n", c->db_connections);
	buf_printf(b, "http_body_max %lld\n", c->body_max);
	buf_str(b, "http_header_max 16384\n");
	buf_str(b, "http_header_timeout 10\n");
	buf_str(b, "http_body_timeout 60\n");
	buf_str(b, "http_keepalive_time 20\n");
	buf_str(b, "http_server_version open311d\n");
	buf_printf(b, "http_hsts_enable %d\n", c->tls ? c->hsts : 0);
	buf_printf(b, "seccomp_tracing %s\n",
	    c->seccomp_tracing ? "yes" : "no");

	if (c->runas[0] != '\0')
		buf_printf(b, "runas %s\nkeymgr_runas %s\n",
		    c->runas, c->runas);

	buf_str(b, "domain * {\n\tattach main\n");
	if (c->tls) {
		buf_printf(b, "\tcertfile %s\n\tcertkey %s\n",
		    c->certfile, c->certkey);
	}
	if (c->bench_routes)
		buf_str(b, "\troute /_bench/noop route_bench_noop\n");
	buf_str(b, "\troute ^/ route_dispatch\n}\n");
}

int
cfg_outbound_check(const struct cfg *c, const char *url, char *err,
    size_t errlen)
{
	if (!strncmp(url, "https://", 8) || !strncmp(url, "smtps://", 8) ||
	    !strncmp(url, "smtp://", 7))
		return (0);
	if (!strncmp(url, "http://", 7)) {
		if (c->allow_plain_http_destinations)
			return (0);
		(void)snprintf(err, errlen, "%.80s: plain http:// is refused "
		    "(personal data would travel in clear); use https:// or "
		    "set allow_plain_http_destinations yes", url);
		return (-1);
	}
	(void)snprintf(err, errlen, "%.80s: not an https:// URL", url);
	return (-1);
}

void
cfg_cleartext_warnings(const struct cfg *c, struct buf *b)
{
	char	word[8];

	if (c->allow_plain_http_destinations)
		buf_str(b, "allow_plain_http_destinations yes: requests "
		    "and reporters' personal data may be sent to http:// "
		    "destinations in clear\n");
	if (!strncmp(c->smtp_url, "smtp://", 7) &&
	    c->smtp_starttls != CFG_STARTTLS_YES) {
		cfg_choice_name(STARTTLS_WORDS, c->smtp_starttls, word,
		    sizeof(word));
		buf_printf(b, "smtp_starttls %s: e-mails to reporters may "
		    "be sent to the smtp:// relay in clear\n", word);
	}
}

void
cfg_dump(const struct cfg *c, struct buf *b)
{
	const struct setting	*s;
	const void		*field;
	char			word[32];

	for (s = settings; s->name != NULL; s++) {
		field = (const char *)c + s->off;
		switch (s->type) {
		case T_LISTEN:
			buf_printf(b, "%-20s %s:%s\n", s->name,
			    c->listen_host, c->listen_port);
			break;
		case T_STR:
			if (!strcmp(s->name, "database_url") ||
			    !strcmp(s->name, "database_read_url") ||
			    !strcmp(s->name, "smtp_password") ||
			    !strcmp(s->name, "web_token_key")) {
				buf_printf(b, "%-20s %s\n", s->name,
				    (*(char *const *)field)[0] ?
				    "(set, not shown)" : "");
				break;
			}
			buf_printf(b, "%-20s %s\n", s->name,
			    *(char *const *)field);
			break;
		case T_INT:
			buf_printf(b, "%-20s %d\n", s->name,
			    *(const int *)field);
			break;
		case T_SIZE:
			buf_printf(b, "%-20s %lld\n", s->name,
			    *(const long long *)field);
			break;
		case T_BOOL:
			buf_printf(b, "%-20s %s\n", s->name,
			    *(const int *)field ? "yes" : "no");
			break;
		case T_CHOICE:
			cfg_choice_name(s->words, *(const int *)field, word,
			    sizeof(word));
			buf_printf(b, "%-20s %s\n", s->name, word);
			break;
		}
	}
}

int
cfg_console_secure(const struct cfg *c)
{
	if (c->console_cookie_secure != CFG_SECURE_AUTO)
		return (c->console_cookie_secure == CFG_SECURE_YES);
	return (c->tls || !strncmp(c->public_url, "https://", 8));
}
