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
 * Unit tests for cli/embedded.c: a table of url and port file contents
 * (pg.sh's own, a missing port file, trailing newlines, malformed ports
 * and URLs, a URL too long for the buffer), then the lookup in a
 * directory: taken only when no database is named, nothing when the
 * directory has no url file, an error for a malformed one.
 */

#include <sys/stat.h>
#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "config.h"
#include "lib/mem.h"

#define PG_URL	"postgresql://open311:0a1b@127.0.0.1:PORT/open311"

struct url_case {
	const char	*tmpl;
	const char	*port;
	const char	*want;		/* NULL: refused */
};

static const struct url_case	url_cases[] = {
	{ PG_URL "\n", "54330\n",
	    "postgresql://open311:0a1b@127.0.0.1:54330/open311" },
	{ PG_URL, "54330",
	    "postgresql://open311:0a1b@127.0.0.1:54330/open311" },
	{ PG_URL "\r\n", "1\r\n",
	    "postgresql://open311:0a1b@127.0.0.1:1/open311" },
	{ PG_URL "\n", NULL,
	    "postgresql://open311:0a1b@127.0.0.1:54329/open311" },
	{ PG_URL "\nsecond line PORT\n", "5432\n",
	    "postgresql://open311:0a1b@127.0.0.1:5432/open311" },
	{ "postgresql://u@h:5432/db\n", "6000\n", "postgresql://u@h:5432/db" },
	{ "PORT", "7", "7" },
	{ PG_URL, "65535",
	    "postgresql://open311:0a1b@127.0.0.1:65535/open311" },
	{ PG_URL, "65536", NULL },
	{ PG_URL, "0", NULL },
	{ PG_URL, "", NULL },
	{ PG_URL, "\n", NULL },
	{ PG_URL, "-1", NULL },
	{ PG_URL, " 5432", NULL },
	{ PG_URL, "5432x", NULL },
	{ PG_URL, "99999999999999999999", NULL },
	{ "", "5432", NULL },
	{ "\npostgresql://h/db", "5432", NULL },
	{ "postgresql://h/d b", "5432", NULL },
	{ "postgresql://h/\tdb", "5432", NULL },
};

static void
test_url(void **state)
{
	const struct url_case	*c;
	char			out[256];
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		c = &url_cases[i];
		rc = cli_embedded_url(c->tmpl, c->port, out, sizeof(out));
		if (c->want == NULL && rc != -1)
			fail_msg("case %zu: accepted as '%s'", i, out);
		if (c->want != NULL && (rc != 0 || strcmp(out, c->want)))
			fail_msg("case %zu: got %d '%s'", i, rc,
			    rc == 0 ? out : "");
	}
}

/* The URL and the port just fit, or miss by one byte. */
static void
test_url_room(void **state)
{
	char	out[16];

	(void)state;
	assert_int_equal(cli_embedded_url("pg://h:PORT/d", "5432", out,
	    sizeof(out)), 0);
	assert_string_equal(out, "pg://h:5432/d");
	assert_int_equal(cli_embedded_url("pg://h:PORT/d", "5432", out, 14), 0);
	assert_int_equal(cli_embedded_url("pg://h:PORT/d", "5432", out, 13),
	    -1);
	assert_int_equal(cli_embedded_url("pg://host/db", "5432", out, 13), 0);
	assert_int_equal(cli_embedded_url("pg://host/db", "5432", out, 12),
	    -1);
}

static void
put(const char *dir, const char *name, const char *text)
{
	char	path[256];
	FILE	*fp;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static void
test_lookup(void **state)
{
	struct cfg	c;
	char		dir[] = "/tmp/open311-embedded-XXXXXX";
	char		path[256], err[CFG_ERRLEN];

	(void)state;
	assert_non_null(mkdtemp(dir));
	cfg_defaults(&c);

	/* No url file: nothing taken, database_url still unset. */
	assert_int_equal(cli_embedded(&c, dir, err, sizeof(err)), 0);
	assert_string_equal(c.database_url, "");

	put(dir, "url", PG_URL "\n");
	put(dir, "port", "54331\n");
	assert_int_equal(cli_embedded(&c, dir, err, sizeof(err)), 1);
	assert_string_equal(c.database_url,
	    "postgresql://open311:0a1b@127.0.0.1:54331/open311");

	/* A database named by the file or the environment wins. */
	put(dir, "port", "54332\n");
	assert_int_equal(cli_embedded(&c, dir, err, sizeof(err)), 0);
	assert_string_equal(c.database_url,
	    "postgresql://open311:0a1b@127.0.0.1:54331/open311");

	free(c.database_url);
	c.database_url = mem_strdup("");
	put(dir, "port", "port\n");
	assert_int_equal(cli_embedded(&c, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/port is not what app/tools/pg.sh "
	    "writes"));
	assert_string_equal(c.database_url, "");

	(void)snprintf(path, sizeof(path), "%s/port", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(cli_embedded(&c, dir, err, sizeof(err)), 1);
	assert_string_equal(c.database_url,
	    "postgresql://open311:0a1b@127.0.0.1:54329/open311");

	cfg_free(&c);
	(void)snprintf(path, sizeof(path), "%s/url", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_url_room),
		cmocka_unit_test(test_lookup),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
