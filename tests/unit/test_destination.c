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
 * Unit tests for formats/destination.c: the check a new destination
 * passes (kind, URL, a webhook's secret, dead_after), shared by the
 * CLI and the console.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/destination.h"

struct dest_case {
	const char	*kind;
	const char	*url;
	const char	*secret;
	const char	*dead_after;
	const char	*field;		/* NULL: good */
};

static const struct dest_case	cases[] = {
	{ "webhook", "https://h.example/x", "s3cret", NULL, NULL },
	{ "webhook", "http://127.0.0.1:9/x", "s", "3600", NULL },
	{ "open311", "https://up.example/v2", NULL, NULL, NULL },
	{ "open311", "https://up.example/v2", "", "1", NULL },
	{ "mailto", "mailto:works@city.example", NULL, NULL, NULL },
	{ "mailto", "https://h.example/", NULL, NULL, "url" },
	{ "mailto", "mailto:", NULL, NULL, "url" },
	{ "mailto", "mailto:works", NULL, NULL, "url" },
	{ "mailto", "mailto:a@b@c", NULL, NULL, "url" },
	{ "mailto", "mailto:a@b.example,c@d.example", NULL, NULL, "url" },
	{ "mailto", "mailto:a@b.example\r\nBcc: c@d", NULL, NULL, "url" },
	{ "mailto", "mailto:<a@b.example>", NULL, NULL, "url" },
	{ "webhook", "mailto:a@b.example", "s", NULL, "url" },
	{ NULL, "https://h.example/", "s", NULL, "kind" },
	{ "email", "https://h.example/", "s", NULL, "kind" },
	{ "webhook", NULL, "s", NULL, "url" },
	{ "webhook", "ftp://h.example/", "s", NULL, "url" },
	{ "webhook", "https://", "s", NULL, "url" },
	{ "webhook", "h.example", "s", NULL, "url" },
	{ "webhook", "https://h.example/", NULL, NULL, "secret" },
	{ "webhook", "https://h.example/", "", NULL, "secret" },
	{ "webhook", "https://h.example/", "s", "0", "dead_after" },
	{ "webhook", "https://h.example/", "s", "", "dead_after" },
	{ "webhook", "https://h.example/", "s", "-5", "dead_after" },
	{ "webhook", "https://h.example/", "s", "12x", "dead_after" },
	{ "webhook", "https://h.example/", "s", "9999999999",
	    "dead_after" },
};

static void
test_cases(void **state)
{
	const char	*field;
	char		err[128];
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field = "unset";
		err[0] = '\0';
		rc = fmt_destination_check(cases[i].kind, cases[i].url,
		    cases[i].secret, cases[i].dead_after, &field, err,
		    sizeof(err));
		if (cases[i].field == NULL) {
			assert_int_equal(rc, 0);
			assert_null(field);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(field, cases[i].field);
			assert_true(err[0] != '\0');
		}
	}
}

static void
test_secret_not_in_error(void **state)
{
	const char	*field;
	char		err[128];

	(void)state;
	assert_int_equal(fmt_destination_check("webhook", "https://h.example/",
	    "topsecretvalue", "abc", &field, err, sizeof(err)), -1);
	assert_null(strstr(err, "topsecretvalue"));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_secret_not_in_error),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
