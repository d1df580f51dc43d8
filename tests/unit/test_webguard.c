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
 * Unit tests for formats/webguard.c and formats/csp.c: form tokens
 * (accepted once the fill time has passed, refused too early with the
 * wait, too old, from the future, under another secret, altered,
 * malformed), the same-origin test (scheme, host, port, case, null),
 * and tile URL origins and the policy (subdomain placeholder, bad
 * hosts, no tiles).
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/csp.h"
#include "formats/webguard.h"

#define SECRET	"0123456789abcdef0123456789abcdef"
#define T0	1700000000LL

static void
test_token(void **state)
{
	char	tok[WEBGUARD_TOKEN_LEN], bad[WEBGUARD_TOKEN_LEN];
	int	wait;

	(void)state;
	webguard_token(SECRET, T0, tok);
	assert_int_equal(strlen(tok), 10 + 1 + 32);
	assert_int_equal(webguard_check(SECRET, tok, T0 + 3, 3, 86400,
	    &wait), WEBGUARD_OK);
	assert_int_equal(webguard_check(SECRET, tok, T0 + 1, 3, 86400,
	    &wait), WEBGUARD_EARLY);
	assert_int_equal(wait, 2);
	assert_int_equal(webguard_check(SECRET, tok, T0 + 86401, 3, 86400,
	    &wait), WEBGUARD_OLD);
	assert_int_equal(webguard_check(SECRET, tok, T0 - 61, 0, 86400,
	    &wait), WEBGUARD_BAD);
	assert_int_equal(webguard_check("another secret of 32 characters",
	    tok, T0 + 5, 3, 86400, &wait), WEBGUARD_BAD);

	/* A changed time keeps the old MAC: refused. */
	memcpy(bad, tok, sizeof(bad));
	bad[9] = bad[9] == '0' ? '1' : '0';
	assert_int_equal(webguard_check(SECRET, bad, T0 + 5, 0, 86400,
	    &wait), WEBGUARD_BAD);
	memcpy(bad, tok, sizeof(bad));
	bad[20] = bad[20] == 'a' ? 'b' : 'a';
	assert_int_equal(webguard_check(SECRET, bad, T0 + 5, 0, 86400,
	    &wait), WEBGUARD_BAD);

	assert_int_equal(webguard_check(SECRET, NULL, T0, 0, 1, &wait),
	    WEBGUARD_BAD);
	assert_int_equal(webguard_check(SECRET, "", T0, 0, 1, &wait),
	    WEBGUARD_BAD);
	assert_int_equal(webguard_check(SECRET, ".abc", T0, 0, 1, &wait),
	    WEBGUARD_BAD);
	assert_int_equal(webguard_check(SECRET, "-5.0123456789abcdef01234567"
	    "89abcdef", T0, 0, 1, &wait), WEBGUARD_BAD);
	tok[strlen(tok) - 1] = '\0';
	assert_int_equal(webguard_check(SECRET, tok, T0 + 5, 0, 86400,
	    &wait), WEBGUARD_BAD);
}

static const struct {
	const char	*origin;
	const char	*host;
	int		tls;
	int		want;
} origins[] = {
	{ "https://city.example", "city.example", 1, 1 },
	{ "https://City.Example", "city.example", 1, 1 },
	{ "http://city.example", "city.example", 1, 0 },
	{ "https://city.example", "city.example", 0, 0 },
	{ "http://127.0.0.1:8080", "127.0.0.1:8080", 0, 1 },
	{ "http://127.0.0.1:8081", "127.0.0.1:8080", 0, 0 },
	{ "https://city.example.evil", "city.example", 1, 0 },
	{ "https://evil.example", "city.example", 1, 0 },
	{ "null", "city.example", 1, 0 },
	{ NULL, "city.example", 1, 0 },
	{ "https://city.example", "", 1, 0 },
};

static void
test_origin(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(origins) / sizeof(origins[0]); i++) {
		if (webguard_same_origin(origins[i].origin, origins[i].host,
		    origins[i].tls) != origins[i].want)
			fail_msg("origin %zu: %s vs %s", i,
			    origins[i].origin ? origins[i].origin : "(null)",
			    origins[i].host);
	}
}

static const struct {
	const char	*url;
	int		rc;
	const char	*origin;
} tiles[] = {
	{ "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 0,
	    "https://tile.openstreetmap.org" },
	{ "https://{s}.tile.example.org/{z}/{x}/{y}.png", 0,
	    "https://*.tile.example.org" },
	{ "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", 0,
	    "http://127.0.0.1:8080" },
	{ "ftp://tiles.example/{z}", -1, "" },
	{ "https://tiles.example; script-src *", -1, "" },
	{ "https://tiles.example'/x", -1, "" },
	{ "https:///x", -1, "" },
	{ "", -1, "" },
};

static void
test_tiles(void **state)
{
	struct buf	b;
	char		out[128];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(tiles) / sizeof(tiles[0]); i++) {
		assert_int_equal(fmt_tile_origin(tiles[i].url, out,
		    sizeof(out)), tiles[i].rc);
		assert_string_equal(out, tiles[i].origin);
	}
	assert_int_equal(fmt_tile_origin(tiles[0].url, out, 10), -1);

	buf_init(&b);
	fmt_csp(&b, "https://tile.openstreetmap.org");
	assert_non_null(strstr(buf_cstr(&b), "script-src 'self';"));
	assert_non_null(strstr(buf_cstr(&b),
	    "img-src 'self' data: blob: https://tile.openstreetmap.org;"));
	assert_non_null(strstr(buf_cstr(&b), "frame-ancestors 'none'"));
	assert_null(strstr(buf_cstr(&b), "unsafe"));
	buf_free(&b);
	buf_init(&b);
	fmt_csp(&b, "");
	assert_non_null(strstr(buf_cstr(&b), "img-src 'self' data: blob:;"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_tiles),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
