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
 * Unit tests for config.c: every setting type (whole numbers and their
 * ranges, sizes with K/M/G, booleans, listen ADDRESS:PORT including
 * [::1]:8443, the worker_death policy), unknown and duplicate settings,
 * comments, quoted values, messages naming file:line and setting; the
 * environment overriding the file (through a fake lookup), DATABASE_URL
 * as an alias; validation (database_url required, TLS files, media_max
 * against body_max, public_url and test_url derived or stripped of
 * trailing slashes); the Kore configuration text; cfg_dump, cfg_load and
 * cfg_check_files.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

/*
 * Checks that cfg_dump() shows the settings in want, given as
 * "name=value" lines ("workers=8\ntls=no").
 */
static void
check_dump(const struct cfg *c, const char *want)
{
	struct buf	b;
	char		line[512], name[64], *eq;
	const char	*p, *nl, *d;
	size_t		n;
	int		found;

	buf_init(&b);
	cfg_dump(c, &b);
	d = buf_cstr(&b);

	for (p = want; *p != '\0'; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		n = (size_t)(nl - p);
		assert_true(n < sizeof(name));
		memcpy(name, p, n);
		name[n] = '\0';
		if ((eq = strchr(name, '=')) == NULL)
			fail_msg("bad expectation '%s'", name);
		*eq = '\0';
		(void)snprintf(line, sizeof(line), "\n%-20s %s\n", name,
		    eq + 1);
		found = strstr(d, line + 1) == d || strstr(d, line) != NULL;
		if (!found)
			fail_msg("dump lacks '%s = %s':\n%s", name, eq + 1, d);
	}
	buf_free(&b);
}

#define A64	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

struct parse_case {
	const char	*text;
	int		rc;
	const char	*want;		/* check_dump(), or part of err */
};

static const struct parse_case	parse_cases[] = {
	/* Defaults. */
	{ "", 0, "listen=127.0.0.1:8443\ntls=yes\nworkers=2\n"
	    "body_max=33554432\nmedia_max=10485760\nform_field_max=65536\n"
	    "worker_death=restart\naccess_log=yes\nseccomp_tracing=no\n"
	    "database_url=\npidfile=var/open311d.pid\nhsts=31536000" },
	{ "# only a comment\n\n   \n\t# another\n", 0, "workers=2" },
	/* Whole numbers. */
	{ "workers 8\n", 0, "workers=8" },
	{ "  workers\t8\t\n", 0, "workers=8" },
	{ "workers 8 # eight of them\n", 0, "workers=8" },
	{ "workers 8\r\ndb_wait 0\r\n", 0, "workers=8\ndb_wait=0" },
	{ "workers 1\ndb_connections 64", 0, "workers=1\ndb_connections=64" },
	{ "workers 64", 0, "workers=64" },
	{ "workers 0", -1, "t.conf:1: workers: must be a whole number from 1 "
	    "to 64, not '0'" },
	{ "\n\n# c\nworkers 65\n", -1, "t.conf:4: workers: must be a whole "
	    "number from 1 to 64, not '65'" },
	{ "workers -1", -1, "t.conf:1: workers: must be a whole number" },
	{ "workers eight", -1, "workers: must be a whole number from 1 to 64, "
	    "not 'eight'" },
	{ "workers 8x", -1, "not '8x'" },
	{ "workers 8.0", -1, "not '8.0'" },
	{ "workers", -1, "t.conf:1: workers: must be a whole number from 1 "
	    "to 64, not ''" },
	{ "workers 99999999999999999999", -1, "workers: must be a whole" },
	{ "db_wait 3601", -1, "db_wait: must be a whole number from 0 to "
	    "3600" },
	{ "catalog_refresh_ms 99", -1, "catalog_refresh_ms: must be a whole "
	    "number from 100 to 3600000, not '99'" },
	{ "hsts 0\nmax_span_days 3660", 0, "hsts=0\nmax_span_days=3660" },
	/* The read pool. */
	{ "", 0, "database_read_url=\nread_max_lag_ms=5000\n"
	    "replica_check_ms=1000" },
	{ "database_read_url postgresql://u:secret@a,b/db\n"
	    "read_max_lag_ms 0\nreplica_check_ms 100", 0,
	    "database_read_url=(set, not shown)\nread_max_lag_ms=0\n"
	    "replica_check_ms=100" },
	{ "replica_check_ms 99", -1, "replica_check_ms: must be a whole "
	    "number from 100 to 600000, not '99'" },
	{ "form_fields_max 7", -1, "form_fields_max: must be a whole number "
	    "from 8 to 10000" },
	/* Sizes. */
	{ "body_max 4096", 0, "body_max=4096" },
	{ "body_max 64K", 0, "body_max=65536" },
	{ "body_max 64k", 0, "body_max=65536" },
	{ "body_max 32M\nmedia_max 1m", 0, "body_max=33554432\n"
	    "media_max=1048576" },
	{ "body_max 1G", 0, "body_max=1073741824" },
	{ "body_max 1g", 0, "body_max=1073741824" },
	{ "body_max 1073741824", 0, "body_max=1073741824" },
	{ "body_max 2G", -1, "t.conf:1: body_max: must be a size from 4096 to "
	    "1073741824 bytes (K, M, G suffixes allowed), not '2G'" },
	{ "body_max 4095", -1, "body_max: must be a size from 4096" },
	{ "body_max 1073741825", -1, "body_max: must be a size" },
	{ "media_max 1.5M", -1, "media_max: must be a size from 1024 to "
	    "1073741824 bytes (K, M, G suffixes allowed), not '1.5M'" },
	{ "media_max -1K", -1, "not '-1K'" },
	{ "media_max 10MB", -1, "not '10MB'" },
	{ "media_max 10T", -1, "not '10T'" },
	{ "media_max K", -1, "not 'K'" },
	{ "media_max", -1, "media_max: must be a size" },
	{ "media_max 99999999999G", -1, "not '99999999999G'" },
	{ "media_max 99999999999999999999", -1, "media_max: must be a size" },
	{ "form_field_max 255", -1, "form_field_max: must be a size from 256 "
	    "to 16777216" },
	{ "form_field_max 16M", 0, "form_field_max=16777216" },
	/* Booleans. */
	{ "tls no\naccess_log off\nseccomp_tracing on\nbench_routes true", 0,
	    "tls=no\naccess_log=no\nseccomp_tracing=yes\nbench_routes=yes" },
	{ "tls false\naccess_log 0\nseccomp_tracing 1", 0,
	    "tls=no\naccess_log=no\nseccomp_tracing=yes" },
	{ "tls yes", 0, "tls=yes" },
	{ "tls maybe", -1, "t.conf:1: tls: must be yes or no, not 'maybe'" },
	{ "tls", -1, "tls: must be yes or no, not ''" },
	{ "access_log 2", -1, "access_log: must be yes or no, not '2'" },
	/* listen. */
	{ "listen 0.0.0.0:80", 0, "listen=0.0.0.0:80" },
	{ "listen localhost:8080", 0, "listen=localhost:8080" },
	{ "listen [::1]:8443", 0, "listen=::1:8443" },
	{ "listen [::]:443", 0, "listen=:::443" },
	{ "listen ::1:8443", 0, "listen=::1:8443" },
	{ "listen \"127.0.0.1:1\"", 0, "listen=127.0.0.1:1" },
	{ "listen 127.0.0.1:65535", 0, "listen=127.0.0.1:65535" },
	{ "listen 8443", -1, "t.conf:1: listen: must be ADDRESS:PORT (for "
	    "example 127.0.0.1:8443 or [::1]:8443), not '8443'" },
	{ "listen :8443", -1, "listen: must be ADDRESS:PORT" },
	{ "listen", -1, "listen: must be ADDRESS:PORT" },
	{ "listen host:0", -1, "listen: port must be from 1 to 65535 in "
	    "'host:0'" },
	{ "listen host:65536", -1, "listen: port must be from 1 to 65535" },
	{ "listen host:", -1, "listen: port must be from 1 to 65535" },
	{ "listen host:80x", -1, "listen: port must be from 1 to 65535" },
	{ "listen host:+80", -1, "listen: port must be from 1 to 65535" },
	{ "listen \"host: 80\"", -1, "listen: port must be from 1 to 65535" },
	{ "listen [::1]", -1, "listen: port must be" },
	{ "listen []:80", -1, "t.conf:1: listen: bad address in '[]:80'" },
	{ "listen [::1:8443", -1, "listen: bad address in '[::1:8443'" },
	{ "listen \"a b:80\"", -1, "listen: bad address in 'a b:80'" },
	{ "listen a{b:80", -1, "listen: bad address" },
	{ "listen " A64 A64 A64 A64 ":80", -1,
	    "listen: the address is longer than 255 characters" },
	{ "listen " A64 A64 A64 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:80",
	    0, "" },
	/* worker_death. */
	{ "worker_death terminate", 0, "worker_death=terminate" },
	{ "worker_death restart", 0, "worker_death=restart" },
	{ "worker_death kill", -1, "t.conf:1: worker_death: must be one of: "
	    "restart terminate; not 'kill'" },
	{ "worker_death", -1, "worker_death: must be one of: restart "
	    "terminate; not ''" },
	{ "worker_death terminat", -1, "not 'terminat'" },
	{ "worker_death \"restart terminate\"", -1, "not 'restart terminate'" },
	/* smtp_starttls and outbound_ca_file. */
	{ "smtp_starttls no", 0, "smtp_starttls=no" },
	{ "smtp_starttls yes", 0, "smtp_starttls=yes" },
	{ "workers 3", 0, "smtp_starttls=yes" },
	{ "smtp_starttls try", 0, "smtp_starttls=try" },
	{ "workers 3", 0, "allow_plain_http_destinations=no" },
	{ "workers 3", 0, "clock_skew=300" },
	{ "clock_skew 0", 0, "clock_skew=0" },
	{ "clock_skew -1", -1, "clock_skew: must be a whole number from 0" },
	{ "allow_plain_http_destinations yes", 0,
	    "allow_plain_http_destinations=yes" },
	{ "smtp_starttls Yes", -1, "smtp_starttls: must be one of: no try "
	    "yes; not 'Yes'" },
	{ "smtp_starttls ye", -1, "not 'ye'" },
	{ "outbound_ca_file /etc/ssl/city-ca.pem", 0,
	    "outbound_ca_file=/etc/ssl/city-ca.pem" },
	/* Regional gateways: a default jurisdiction, what requests cost. */
	{ "", 0, "default_jurisdiction=\nrate_cost_cached=10\n"
	    "rate_cost_db=100\nrate_cost_write=100" },
	{ "default_jurisdiction sandiego.gov", 0,
	    "default_jurisdiction=sandiego.gov" },
	{ "rate_cost_cached 0\nrate_cost_db 10000", 0,
	    "rate_cost_cached=0\nrate_cost_db=10000" },
	{ "rate_cost_cached 10001", -1, "rate_cost_cached: must be a whole "
	    "number from 0 to 10000, not '10001'" },
	{ "rate_cost_write -1", -1, "rate_cost_write: must be a whole "
	    "number from 0" },
	/* Strings, quoting and comments. */
	{ "contact \"Call 311, or visit sandiego.gov\"", 0,
	    "contact=Call 311, or visit sandiego.gov" },
	{ "contact \"Call #311 \" # the number", 0, "contact=Call #311 " },
	{ "contact Call 311 # or not", 0, "contact=Call 311" },
	{ "contact \"\"", 0, "contact=" },
	{ "contact \"", 0, "contact=\"" },
	{ "contact \"a", 0, "contact=\"a" },
	{ "contact a\"b\"", 0, "contact=a\"b\"" },
	{ "runas", 0, "runas=" },
	{ "pidfile   /run/open311d.pid   ", 0, "pidfile=/run/open311d.pid" },
	{ "#workers 9\nworkers 3 #9", 0, "workers=3" },
	{ "key_service issue#5", 0, "key_service=issue#5" },
	{ "database_url postgres://u:p#w@db/open311", 0,
	    "database_url=(set, not shown)" },
	/* Unknown and duplicate settings. */
	{ "wrokers 4", -1, "t.conf:1: unknown setting 'wrokers'" },
	{ "Workers 4", -1, "t.conf:1: unknown setting 'Workers'" },
	{ "workers=4", -1, "t.conf:1: unknown setting 'workers=4'" },
	{ "workers 4\n\nworkers 5", -1, "t.conf:3: 'workers' is set twice" },
	{ "tls no\ntls no", -1, "t.conf:2: 'tls' is set twice" },
	{ "listen a:1\nlisten a:1", -1, "t.conf:2: 'listen' is set twice" },
	/* The first bad line stops parsing. */
	{ "workers 0\nwrokers 1", -1, "t.conf:1: workers" },
};

static void
test_parse_table(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case	*p = &parse_cases[i];

		print_message("case %zu: '%s'\n", i, p->text);
		cfg_defaults(&c);
		err[0] = '\0';
		rc = cfg_parse(&c, "t.conf", p->text, err, sizeof(err));
		if (rc != p->rc)
			fail_msg("rc %d, err '%s'", rc, err);
		if (rc == 0)
			check_dump(&c, p->want);
		else if (strstr(err, p->want) == NULL)
			fail_msg("err '%s' lacks '%s'", err, p->want);
		cfg_free(&c);
	}
}

/* A fake environment: NAME=value pairs, and the names looked up. */
static const char	*fake_env[8];
static char		asked[2048];

static const char *
fake_lookup(const char *name)
{
	size_t		i, n;

	n = strlen(asked);
	(void)snprintf(asked + n, sizeof(asked) - n, "%s ", name);

	n = strlen(name);
	for (i = 0; fake_env[i] != NULL; i++) {
		if (!strncmp(fake_env[i], name, n) && fake_env[i][n] == '=')
			return (fake_env[i] + n + 1);
	}
	return (NULL);
}

struct env_case {
	const char	*file;
	const char	*env[8];
	int		rc;
	const char	*want;
};

static const struct env_case	env_cases[] = {
	{ "", { NULL }, 0, "workers=2\ndatabase_url=" },
	{ "workers 4", { NULL }, 0, "workers=4" },
	{ "workers 4", { "OPEN311_WORKERS=8", NULL }, 0, "workers=8" },
	{ "", { "OPEN311_LISTEN=[::1]:9000", "OPEN311_TLS=no", NULL }, 0,
	    "listen=::1:9000\ntls=no" },
	{ "", { "OPEN311_WORKER_DEATH=terminate", "OPEN311_BODY_MAX=1G",
	    NULL }, 0, "worker_death=terminate\nbody_max=1073741824" },
	{ "contact a", { "OPEN311_CONTACT=b c # d", NULL }, 0,
	    "contact=b c # d" },
	{ "", { "DATABASE_URL=postgres://db/a", NULL }, 0,
	    "database_url=(set, not shown)" },
	{ "", { "OPEN311_DATABASE_URL=", "DATABASE_URL=postgres://db/a",
	    NULL }, 0, "database_url=" },
	{ "", { "open311_workers=8", "OPEN311_UNKNOWN=1", "WORKERS=9",
	    NULL }, 0, "workers=2" },
	{ "", { "OPEN311_TLS=maybe", NULL }, -1,
	    "environment OPEN311_TLS: tls: must be yes or no, not 'maybe'" },
	{ "", { "OPEN311_WORKERS=0", NULL }, -1,
	    "environment OPEN311_WORKERS: workers: must be a whole number" },
	{ "", { "OPEN311_LISTEN=9000", NULL }, -1,
	    "environment OPEN311_LISTEN: listen: must be ADDRESS:PORT" },
};

static void
test_env_table(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];
	size_t		i, j;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(env_cases) / sizeof(env_cases[0]); i++) {
		const struct env_case	*e = &env_cases[i];

		print_message("case %zu\n", i);
		for (j = 0; e->env[j] != NULL; j++)
			fake_env[j] = e->env[j];
		fake_env[j] = NULL;
		asked[0] = '\0';

		cfg_defaults(&c);
		assert_int_equal(cfg_parse(&c, "t.conf", e->file, err,
		    sizeof(err)), 0);
		rc = cfg_environment(&c, fake_lookup, err, sizeof(err));
		if (rc != e->rc)
			fail_msg("rc %d, err '%s'", rc, err);
		if (rc == 0)
			check_dump(&c, e->want);
		else if (strstr(err, e->want) == NULL)
			fail_msg("err '%s' lacks '%s'", err, e->want);
		cfg_free(&c);
	}
}

/* Which variables are looked up, and which database_url wins. */
static void
test_env_names(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];

	(void)state;
	fake_env[0] = "OPEN311_DATABASE_URL=postgres://db/first";
	fake_env[1] = "DATABASE_URL=postgres://db/second";
	fake_env[2] = NULL;
	asked[0] = '\0';
	cfg_defaults(&c);
	assert_int_equal(cfg_environment(&c, fake_lookup, err, sizeof(err)),
	    0);
	assert_string_equal(c.database_url, "postgres://db/first");
	assert_non_null(strstr(asked, "OPEN311_LISTEN "));
	assert_non_null(strstr(asked, "OPEN311_WORKER_DEATH "));
	assert_non_null(strstr(asked, "OPEN311_CATALOG_REFRESH_MS "));
	assert_non_null(strstr(asked, "OPEN311_DATABASE_URL "));
	/* DATABASE_URL is only asked when OPEN311_DATABASE_URL is unset. */
	assert_null(strstr(asked, " DATABASE_URL "));
	cfg_free(&c);

	fake_env[0] = "DATABASE_URL=postgres://db/second";
	fake_env[1] = NULL;
	asked[0] = '\0';
	cfg_defaults(&c);
	assert_int_equal(cfg_environment(&c, fake_lookup, err, sizeof(err)),
	    0);
	assert_string_equal(c.database_url, "postgres://db/second");
	assert_non_null(strstr(asked, " DATABASE_URL "));
	cfg_free(&c);
}

struct validate_case {
	const char	*text;
	int		rc;
	const char	*public_url;	/* or a substring of err */
	const char	*test_url;
};

#define DB	"database_url postgres://localhost/open311\n"

static const struct validate_case	validate_cases[] = {
	{ "", -1, "database_url: not set", NULL },
	{ "database_url \"\"", -1, "database_url: not set", NULL },
	{ DB, 0, "https://127.0.0.1:8443", "https://127.0.0.1:8443/test" },
	{ DB "tls no", 0, "http://127.0.0.1:8443",
	    "http://127.0.0.1:8443/test" },
	{ DB "tls no\nlisten 0.0.0.0:8080", 0, "http://localhost:8080",
	    "http://localhost:8080/test" },
	{ DB "listen *:443", 0, "https://localhost:443",
	    "https://localhost:443/test" },
	{ DB "listen [::1]:8443", 0, "https://[::1]:8443",
	    "https://[::1]:8443/test" },
	{ DB "tls no\nlisten [::]:80", 0, "http://localhost:80",
	    "http://localhost:80/test" },
	{ DB "listen api.example.org:443", 0, "https://api.example.org:443",
	    "https://api.example.org:443/test" },
	{ DB "public_url https://open311.example.org/v2/", 0,
	    "https://open311.example.org/v2",
	    "https://open311.example.org/v2/test" },
	{ DB "public_url https://x.org///", 0, "https://x.org",
	    "https://x.org/test" },
	{ DB "public_url http://x.org\ntest_url http://test.x.org/v2//", 0,
	    "http://x.org", "http://test.x.org/v2" },
	{ DB "public_url ftp://x.org", -1,
	    "public_url: must start with http:// or https://, not "
	    "'ftp://x.org'", NULL },
	{ DB "public_url x.org", -1, "public_url: must start with", NULL },
	{ DB "test_url test.x.org/", -1, "test_url: must start with http:// "
	    "or https://, not 'test.x.org'", NULL },
	{ DB "certfile \"\"", -1, "tls: certfile, certkey and dhparam must "
	    "all be set when tls is yes", NULL },
	{ DB "certkey \"\"", -1, "tls: certfile, certkey and dhparam", NULL },
	{ DB "dhparam \"\"", -1, "tls: certfile, certkey and dhparam", NULL },
	{ DB "tls no\ncertfile \"\"\ncertkey \"\"\ndhparam \"\"", 0,
	    "http://127.0.0.1:8443", "http://127.0.0.1:8443/test" },
	{ DB "media_max 64M", -1, "media_max (67108864) cannot exceed "
	    "body_max (33554432)", NULL },
	{ DB "body_max 1M\nmedia_max 1M", 0, "https://127.0.0.1:8443",
	    "https://127.0.0.1:8443/test" },
	{ DB "body_max 1M\nmedia_max 1025K", -1, "media_max (1049600) cannot "
	    "exceed body_max (1048576)", NULL },
	{ DB "web_tile_url \"\"", 0, "https://127.0.0.1:8443",
	    "https://127.0.0.1:8443/test" },
	{ DB "web_tile_url https://{s}.tiles.example/{z}/{x}/{y}.png", 0,
	    "https://127.0.0.1:8443", "https://127.0.0.1:8443/test" },
	{ DB "web_tile_url tiles.example/{z}/{x}/{y}.png", -1,
	    "web_tile_url: must be an http:// or https:// URL", NULL },
	{ DB "web_tile_url \"https://t.example; script-src *\"", -1,
	    "web_tile_url: must be", NULL },
	{ DB "web_token_key short", -1, "web_token_key: must be at least 16",
	    NULL },
};

static void
test_validate_table(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(validate_cases) / sizeof(validate_cases[0]);
	    i++) {
		const struct validate_case	*v = &validate_cases[i];

		print_message("case %zu: '%s'\n", i, v->text);
		cfg_defaults(&c);
		assert_int_equal(cfg_parse(&c, "t.conf", v->text, err,
		    sizeof(err)), 0);
		err[0] = '\0';
		rc = cfg_validate(&c, err, sizeof(err));
		if (rc != v->rc)
			fail_msg("rc %d, err '%s'", rc, err);
		if (rc == 0) {
			assert_string_equal(c.public_url, v->public_url);
			assert_string_equal(c.test_url, v->test_url);
		} else if (strstr(err, v->public_url) == NULL) {
			fail_msg("err '%s' lacks '%s'", err, v->public_url);
		}
		cfg_free(&c);
	}
}

/*
 * Validation leaves contact and key_service as given (discovery falls
 * back to the catalog's own when they are empty).
 */
static void
test_validate_defaults(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];

	(void)state;
	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", DB, err, sizeof(err)), 0);
	assert_int_equal(cfg_validate(&c, err, sizeof(err)), 0);
	assert_string_equal(c.contact, "");
	assert_string_equal(c.key_service, "");
	cfg_free(&c);

	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", DB "contact \"Call 311\"\n"
	    "key_service \"Mail keys@sandiego.gov\"", err, sizeof(err)), 0);
	assert_int_equal(cfg_validate(&c, err, sizeof(err)), 0);
	assert_string_equal(c.contact, "Call 311");
	assert_string_equal(c.key_service, "Mail keys@sandiego.gov");
	cfg_free(&c);
}

struct kore_case {
	const char	*text;
	const char	*has[10];
	const char	*lacks[4];
};

static const struct kore_case	kore_cases[] = {
	{ DB, {
	    "server main {\n\tbind 127.0.0.1 8443\n\ttls yes\n}\n",
	    "tls_dhparam var/tls/dh2048.pem\n",
	    "tls_cipher ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-"
	    "SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
	    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305\n"
	    "tls_groups X25519:P-256:P-384\n",
	    "\tcertfile var/tls/cert.pem\n\tcertkey var/tls/key.pem\n",
	    "\troute ^/ route_dispatch\n}\n",
	    "workers 2\nworker_set_affinity 0\nworker_accept_threshold 1\n"
	    "worker_death_policy restart\n",
	    "pgsql_conn_max 2\n",
	    "http_body_max 33554432\n",
	    "http_hsts_enable 31536000\n",
	    NULL }, { "runas", "_bench", NULL } },
	{ DB "tls no\nlisten 0.0.0.0:8080\nworkers 6\nhsts 100", {
	    "server main {\n\tbind 0.0.0.0 8080\n\ttls no\n}\n",
	    "domain * {\n\tattach main\n\troute ^/ route_dispatch\n}\n",
	    "workers 6\n",
	    "http_hsts_enable 0\n",
	    NULL }, { "certfile", "certkey", "tls_", NULL } },
	{ DB "listen [::1]:8443\nbody_max 1M\nmedia_max 1M\ndb_connections 9\n"
	    "worker_death terminate\npidfile /run/o.pid\nseccomp_tracing yes", {
	    "\tbind ::1 8443\n",
	    "http_body_max 1048576\n",
	    "pgsql_conn_max 9\n",
	    "worker_death_policy terminate\n",
	    "pidfile /run/o.pid\n",
	    "seccomp_tracing yes\n",
	    NULL }, { NULL } },
	{ DB "runas www\nbench_routes yes\ncertfile /c.pem\ncertkey /k.pem", {
	    "runas www\nkeymgr_runas www\n",
	    "\tcertfile /c.pem\n\tcertkey /k.pem\n",
	    "\troute /_bench/noop route_bench_noop\n\troute ^/ route_dispatch"
	    "\n}\n",
	    NULL }, { NULL } },
};

static void
test_kore_table(void **state)
{
	struct cfg	c;
	struct buf	b;
	char		err[CFG_ERRLEN];
	const char	*text;
	size_t		i, j;

	(void)state;
	for (i = 0; i < sizeof(kore_cases) / sizeof(kore_cases[0]); i++) {
		const struct kore_case	*k = &kore_cases[i];

		print_message("case %zu\n", i);
		cfg_defaults(&c);
		assert_int_equal(cfg_parse(&c, "t.conf", k->text, err,
		    sizeof(err)), 0);
		assert_int_equal(cfg_validate(&c, err, sizeof(err)), 0);
		buf_init(&b);
		cfg_kore_conf(&c, &b);
		text = buf_cstr(&b);
		for (j = 0; k->has[j] != NULL; j++) {
			if (strstr(text, k->has[j]) == NULL)
				fail_msg("lacks '%s' in:\n%s", k->has[j], text);
		}
		for (j = 0; k->lacks[j] != NULL; j++) {
			if (strstr(text, k->lacks[j]) != NULL)
				fail_msg("has '%s' in:\n%s", k->lacks[j], text);
		}
		/* The database password never reaches Kore's config. */
		assert_null(strstr(text, "postgres://"));
		buf_free(&b);
		cfg_free(&c);
	}
}

/* cfg_dump() never shows database_url or web_token_key. */
static void
test_dump_hides_url(void **state)
{
	struct cfg	c;
	struct buf	b;
	char		err[CFG_ERRLEN];

	(void)state;
	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "database_url "
	    "postgres://u:secret@db/x", err, sizeof(err)), 0);
	buf_init(&b);
	cfg_dump(&c, &b);
	assert_null(strstr(buf_cstr(&b), "secret"));
	assert_non_null(strstr(buf_cstr(&b), "(set, not shown)"));
	buf_free(&b);
	cfg_free(&c);

	/* Nor the web pages' token key. */
	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "web_token_key "
	    "hush-hush-0123456789", err, sizeof(err)), 0);
	buf_init(&b);
	cfg_dump(&c, &b);
	assert_null(strstr(buf_cstr(&b), "hush-hush"));
	buf_free(&b);
	cfg_free(&c);
}

static void
test_check_files(void **state)
{
	struct cfg	c;
	char		err[CFG_ERRLEN];

	(void)state;
	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "tls no\ncertfile /nonexist",
	    err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), 0);
	cfg_free(&c);

	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "certfile /nonexistent.pem\n"
	    "certkey tests/unit/test_config.c\n"
	    "dhparam tests/unit/test_config.c", err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "certfile: cannot read "
	    "'/nonexistent.pem'"));
	cfg_free(&c);

	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "certfile tests/unit/run.sh\n"
	    "certkey tests/unit/test_config.c\ndhparam /nonexistent.pem",
	    err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "dhparam: cannot read"));
	cfg_free(&c);

	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "certfile tests/unit/run.sh\n"
	    "certkey tests/unit/test_config.c\n"
	    "dhparam tests/unit/test_path.c", err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), 0);
	cfg_free(&c);

	/* outbound_ca_file is checked with or without tls. */
	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "tls no\n"
	    "outbound_ca_file /nonexistent-ca.pem", err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "outbound_ca_file: cannot read "
	    "'/nonexistent-ca.pem'"));
	cfg_free(&c);

	cfg_defaults(&c);
	assert_int_equal(cfg_parse(&c, "t.conf", "tls no\n"
	    "outbound_ca_file tests/unit/run.sh", err, sizeof(err)), 0);
	assert_int_equal(cfg_check_files(&c, err, sizeof(err)), 0);
	cfg_free(&c);
}

struct clear_case {
	const char	*text;		/* settings */
	const char	*url;
	int		rc;		/* of cfg_outbound_check() */
	const char	*err;		/* in its message, or NULL */
	const char	*warn;		/* in cfg_cleartext_warnings() */
};

static const struct clear_case	clear_cases[] = {
	{ "", "https://office.example/hook", 0, NULL, "" },
	{ "", "http://office.example/hook", -1,
	    "http://office.example/hook: plain http:// is refused", "" },
	{ "", "HTTP://office.example/hook", -1, "not an https:// URL", "" },
	{ "", "ftp://office.example/", -1, "not an https:// URL", "" },
	{ "", "", -1, "not an https:// URL", "" },
	{ "allow_plain_http_destinations yes", "http://office.example/hook",
	    0, NULL, "allow_plain_http_destinations yes: requests and "
	    "reporters' personal data may be sent to http:// destinations "
	    "in clear\n" },
	{ "", "smtps://relay.example", 0, NULL, "" },
	{ "smtp_url smtp://relay.example", "smtp://relay.example", 0, NULL,
	    "" },
	{ "smtp_url smtp://relay.example\nsmtp_starttls try",
	    "smtp://relay.example", 0, NULL, "smtp_starttls try: e-mails to "
	    "reporters may be sent to the smtp:// relay in clear\n" },
	{ "smtp_url smtp://u:pw@relay.example\nsmtp_starttls no",
	    "smtp://relay.example", 0, NULL, "smtp_starttls no: e-mails to "
	    "reporters may be sent to the smtp:// relay in clear\n" },
	{ "smtp_url smtps://relay.example\nsmtp_starttls no",
	    "smtps://relay.example", 0, NULL, "" },
};

/* Where personal data may go in clear: refused, or logged as opted out. */
static void
test_cleartext_table(void **state)
{
	struct cfg	c;
	struct buf	b;
	char		err[CFG_ERRLEN];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(clear_cases) / sizeof(clear_cases[0]); i++) {
		const struct clear_case	*k = &clear_cases[i];

		print_message("case %zu: %s\n", i, k->url);
		cfg_defaults(&c);
		assert_int_equal(cfg_parse(&c, "t.conf", k->text, err,
		    sizeof(err)), 0);
		err[0] = '\0';
		assert_int_equal(cfg_outbound_check(&c, k->url, err,
		    sizeof(err)), k->rc);
		if (k->err != NULL && strstr(err, k->err) == NULL)
			fail_msg("'%s' lacks '%s'", err, k->err);
		buf_init(&b);
		cfg_cleartext_warnings(&c, &b);
		assert_string_equal(buf_cstr(&b), k->warn);
		buf_free(&b);
		cfg_free(&c);
	}
}

/*
 * Text settings end at CFG_STR_MAX bytes: a longer one would overflow
 * Kore's line buffer and its tail become a directive (fuzz_config).
 */
static void
test_long_value(void **state)
{
	struct cfg	c;
	char		text[CFG_STR_MAX + 16], err[CFG_ERRLEN];
	size_t		n;

	(void)state;
	for (n = CFG_STR_MAX; n <= CFG_STR_MAX + 1; n++) {
		(void)snprintf(text, sizeof(text), "pidfile /");
		memset(text + 9, 'a', n - 1);
		text[8 + n] = '\0';
		cfg_defaults(&c);
		assert_int_equal(cfg_parse(&c, "t.conf", text, err,
		    sizeof(err)), n == CFG_STR_MAX ? 0 : -1);
		if (n > CFG_STR_MAX)
			assert_string_equal(err, "t.conf:1: pidfile: longer "
			    "than 4096 bytes");
		else
			assert_int_equal(strlen(c.pidfile), n);
		cfg_free(&c);
	}
}

/* cfg_load: the file, then the real environment, then validation. */
static void
test_load(void **state)
{
	struct cfg	c;
	char		path[] = "/tmp/open311-test-XXXXXX";
	char		err[CFG_ERRLEN];
	const char	*text;
	int		fd;

	(void)state;
	text = "# test\nworkers 3\nlisten 127.0.0.1:9443\n"
	    "database_url postgres://file/db\n";
	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	(void)close(fd);

	(void)unsetenv("OPEN311_DATABASE_URL");
	(void)unsetenv("DATABASE_URL");
	(void)unsetenv("OPEN311_PUBLIC_URL");
	assert_int_equal(setenv("OPEN311_WORKERS", "5", 1), 0);
	assert_int_equal(cfg_load(&c, path, err, sizeof(err)), 0);
	assert_int_equal(c.workers, 5);
	assert_string_equal(c.listen_port, "9443");
	assert_string_equal(c.database_url, "postgres://file/db");
	assert_string_equal(c.public_url, "https://127.0.0.1:9443");
	cfg_free(&c);

	assert_int_equal(setenv("OPEN311_WORKERS", "100", 1), 0);
	assert_int_equal(cfg_load(&c, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "environment OPEN311_WORKERS: workers:"));
	cfg_free(&c);
	(void)unsetenv("OPEN311_WORKERS");

	(void)unlink(path);
	assert_int_equal(cfg_load(&c, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot read /tmp/open311-test-"));
	cfg_free(&c);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_env_table),
		cmocka_unit_test(test_env_names),
		cmocka_unit_test(test_validate_table),
		cmocka_unit_test(test_validate_defaults),
		cmocka_unit_test(test_kore_table),
		cmocka_unit_test(test_dump_hides_url),
		cmocka_unit_test(test_check_files),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_cleartext_table),
		cmocka_unit_test(test_long_value),
	};

	return (cmocka_run_group_tests_name("config", tests, NULL, NULL));
}
