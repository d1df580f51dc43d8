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
 * Unit tests for model/staff.c and formats/cookie.c: roles, e-mail
 * addresses and password rules by table; Argon2id hashes that verify
 * their password and no other, with a fresh salt each time, and a
 * missing or foreign encoding that never verifies; tokens (form, hash
 * against a known SHA-256, CSRF derived and distinct); the Cookie
 * header parser (a table: spacing, quoting, a name that is a prefix of
 * another, duplicates refused, too long a value) and Set-Cookie flags.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/cookie.h"
#include "model/staff.h"

struct role_case {
	const char	*name;
	int		role;
};

static const struct role_case	role_cases[] = {
	{ "agent", STAFF_AGENT },
	{ "supervisor", STAFF_SUPERVISOR },
	{ "admin", STAFF_ADMIN },
	{ "Admin", 0 },
	{ "root", 0 },
	{ "", 0 },
	{ NULL, 0 },
};

struct email_case {
	const char	*in;
	const char	*out;		/* NULL: refused */
};

static const struct email_case	email_cases[] = {
	{ "ana@example.org", "ana@example.org" },
	{ "Ana.Lopez@SanDiego.GOV", "ana.lopez@sandiego.gov" },
	{ "a@b", "a@b" },
	{ "", NULL },
	{ "ana", NULL },
	{ "@example.org", NULL },
	{ "ana@", NULL },
	{ "ana@x@y", NULL },
	{ "ana @example.org", NULL },
	{ "ana@exa\tmple.org", NULL },
	{ "ana@exa\x7fmple.org", NULL },
};

struct password_case {
	const char	*pw;
	int		ok;
};

static const struct password_case	password_cases[] = {
	{ "correct horse battery", 1 },
	{ "twelve chars", 1 },
	{ "eleven char", 0 },
	{ "", 0 },
	{ "tab\tinside password", 0 },
	{ "newline\ninside password", 0 },
	{ "ünïcödé pässwörd", 1 },
};

struct cookie_case {
	const char	*header;
	const char	*name;
	const char	*value;		/* NULL: not found / refused */
};

static const struct cookie_case	cookie_cases[] = {
	{ "s=abc", "s", "abc" },
	{ "a=1; s=abc; b=2", "s", "abc" },
	{ "a=1;s=abc;b=2", "s", "abc" },
	{ "  s=abc  ", "s", "abc" },
	{ "s=\"abc\"", "s", "abc" },
	{ "ss=1; s=2", "s", "2" },
	{ "s2=1", "s", NULL },
	{ "xs=1", "s", NULL },
	{ "s=1; s=2", "s", NULL },
	{ "", "s", NULL },
	{ "s", "s", NULL },
	{ "s=", "s", "" },
	{ "a=1; s=0123456789", "s", NULL },	/* longer than the buffer */
};

static void
test_roles(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(role_cases) / sizeof(role_cases[0]); i++) {
		if (staff_role(role_cases[i].name) != role_cases[i].role)
			fail_msg("role '%s'", role_cases[i].name ?
			    role_cases[i].name : "(null)");
	}
}

static void
test_emails(void **state)
{
	char	out[STAFF_EMAIL_MAX + 1];
	size_t	i;
	int	rc;

	(void)state;
	for (i = 0; i < sizeof(email_cases) / sizeof(email_cases[0]); i++) {
		rc = staff_email(email_cases[i].in, out);
		if (email_cases[i].out == NULL) {
			if (rc != -1)
				fail_msg("e-mail '%s' accepted", email_cases[i].in);
			continue;
		}
		if (rc != 0 || strcmp(out, email_cases[i].out))
			fail_msg("e-mail '%s'", email_cases[i].in);
	}
}

static void
test_password_rules(void **state)
{
	char	err[128];
	char	longpw[STAFF_PASSWORD_MAX + 2];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(password_cases) / sizeof(password_cases[0]);
	    i++) {
		err[0] = '\0';
		if ((staff_password_check(password_cases[i].pw, err,
		    sizeof(err)) == 0) != password_cases[i].ok)
			fail_msg("password '%s'", password_cases[i].pw);
		if (!password_cases[i].ok && err[0] == '\0')
			fail_msg("password '%s': no reason", password_cases[i].pw);
	}
	memset(longpw, 'x', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	assert_int_equal(staff_password_check(longpw, err, sizeof(err)), -1);
	longpw[STAFF_PASSWORD_MAX] = '\0';
	assert_int_equal(staff_password_check(longpw, err, sizeof(err)), 0);
}

static void
test_password_hash(void **state)
{
	char	a[STAFF_HASH_MAX], b[STAFF_HASH_MAX];

	(void)state;
	assert_int_equal(staff_password_hash("correct horse battery", a,
	    sizeof(a)), 0);
	assert_true(!strncmp(a, "$argon2id$v=19$m=19456,t=2,p=1$", 31));
	assert_int_equal(staff_password_verify(a, "correct horse battery"), 1);
	assert_int_equal(staff_password_verify(a, "correct horse batterY"), 0);
	assert_int_equal(staff_password_verify(a, ""), 0);

	/* A fresh salt: the same password, another encoding. */
	assert_int_equal(staff_password_hash("correct horse battery", b,
	    sizeof(b)), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(staff_password_verify(b, "correct horse battery"), 1);

	/* No account, or a foreign encoding: never a match. */
	assert_int_equal(staff_password_verify(NULL, "x"), 0);
	assert_int_equal(staff_password_verify("", "x"), 0);
	assert_int_equal(staff_password_verify("$argon2i$v=19$m=19456,t=2,p=1"
	    "$c29tZXNhbHRzb21lc2FsdA$H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM",
	    "x"), 0);
	assert_int_equal(staff_password_verify("plain text", "plain text"), 0);

	/* Too small a buffer is an error, not a truncated hash. */
	assert_int_equal(staff_password_hash("correct horse battery", a, 20),
	    -1);
}

static void
test_tokens(void **state)
{
	char	t1[STAFF_HEX_LEN + 1], t2[STAFF_HEX_LEN + 1];
	char	h[STAFF_HEX_LEN + 1], c1[STAFF_HEX_LEN + 1];
	char	c2[STAFF_HEX_LEN + 1];

	(void)state;
	assert_int_equal(staff_token_new(t1), 0);
	assert_int_equal(staff_token_new(t2), 0);
	assert_int_equal(staff_token_valid(t1), 1);
	assert_string_not_equal(t1, t2);

	assert_int_equal(staff_token_valid(""), 0);
	memcpy(h, t1, sizeof(h));
	h[10] = 'G';
	assert_int_equal(staff_token_valid(h), 0);
	h[10] = 'A';
	assert_int_equal(staff_token_valid(h), 0);
	memcpy(h, t1, sizeof(h));
	h[63] = '\0';
	assert_int_equal(staff_token_valid(h), 0);

	/* SHA-256 of "abc". */
	staff_token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");

	staff_csrf(t1, c1);
	staff_csrf(t2, c2);
	assert_int_equal(staff_token_valid(c1), 1);
	assert_string_not_equal(c1, c2);
	staff_token_hash(t1, h);
	assert_string_not_equal(c1, h);
	staff_csrf(t1, c2);
	assert_string_equal(c1, c2);

	assert_int_equal(staff_equal(c1, c2), 1);
	assert_int_equal(staff_equal(c1, h), 0);
	assert_int_equal(staff_equal(c1, ""), 0);
	assert_int_equal(staff_equal("", ""), 1);
}

static void
test_cookie_get(void **state)
{
	char	out[8];
	size_t	i;
	int	rc;

	(void)state;
	for (i = 0; i < sizeof(cookie_cases) / sizeof(cookie_cases[0]); i++) {
		rc = fmt_cookie_get(cookie_cases[i].header,
		    cookie_cases[i].name, out, sizeof(out));
		if (cookie_cases[i].value == NULL) {
			if (rc != -1)
				fail_msg("cookie '%s': found '%s'",
				    cookie_cases[i].header, out);
			continue;
		}
		if (rc != (int)strlen(cookie_cases[i].value) ||
		    strcmp(out, cookie_cases[i].value))
			fail_msg("cookie '%s'", cookie_cases[i].header);
	}
}

static void
test_cookie_set(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b);
	fmt_cookie_set(&b, "__Host-s", "abc", "/", 1, 3600);
	assert_string_equal(buf_cstr(&b), "__Host-s=abc; Path=/; "
	    "Max-Age=3600; HttpOnly; SameSite=Strict; Secure");
	buf_reset(&b);
	fmt_cookie_set(&b, "s", "", "/", 0, 0);
	assert_string_equal(buf_cstr(&b), "s=; Path=/; Max-Age=0; HttpOnly; "
	    "SameSite=Strict");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_emails),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_cookie_get),
		cmocka_unit_test(test_cookie_set),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
