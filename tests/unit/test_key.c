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
 * Unit tests for model/key.c: a table of scope lists (each name, any
 * order, unknown and empty ones refused), jurisdiction coverage for a
 * key of every jurisdiction and for a key of two (no prefix or
 * substring match), narrowing a key, copies that outlive the original,
 * the SHA-256 of a presented key against a known digest, and new keys.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/mem.h"
#include "model/key.h"

struct scope_case {
	const char	*list;
	int		scopes;		/* -1: refused */
};

static const struct scope_case	scope_cases[] = {
	{ "submit", KEY_SUBMIT },
	{ "backoffice", KEY_BACKOFFICE },
	{ "admin", KEY_ADMIN },
	{ "submit,backoffice", KEY_SUBMIT | KEY_BACKOFFICE },
	{ "admin,backoffice,submit", KEY_ADMIN | KEY_BACKOFFICE | KEY_SUBMIT },
	{ "submit,submit", KEY_SUBMIT },
	{ "", -1 },
	{ ",", -1 },
	{ "submit,", KEY_SUBMIT },
	{ "Submit", -1 },
	{ "submitx", -1 },
	{ "sub", -1 },
	{ "submit, admin", -1 },
	{ "root", -1 },
};

static void
test_scopes(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(scope_cases) / sizeof(scope_cases[0]); i++) {
		if (key_scopes(scope_cases[i].list) != scope_cases[i].scopes)
			fail_msg("scopes '%s'", scope_cases[i].list);
	}
}

static void
test_covers(void **state)
{
	struct key	k, copy;

	(void)state;
	memset(&k, 0, sizeof(k));
	assert_int_equal(key_covers(&k, "sandiego.gov"), 1);

	k.njurisdictions = 2;
	k.jurisdictions = mem_calloc(2, sizeof(char *));
	k.jurisdictions[0] = mem_strdup("sandiego.gov");
	k.jurisdictions[1] = mem_strdup("chulavistaca.gov");
	k.channel = mem_strdup("phone");
	assert_int_equal(key_covers(&k, "sandiego.gov"), 1);
	assert_int_equal(key_covers(&k, "chulavistaca.gov"), 1);
	assert_int_equal(key_covers(&k, "sandiego"), 0);
	assert_int_equal(key_covers(&k, "sandiego.gov.evil"), 0);
	assert_int_equal(key_covers(&k, ""), 0);

	key_copy(&copy, &k);
	key_clear(&k);
	assert_null(k.jurisdictions);
	assert_int_equal(key_covers(&copy, "chulavistaca.gov"), 1);
	assert_string_equal(copy.channel, "phone");

	key_restrict(&copy, "chulavistaca.gov");
	assert_int_equal(copy.njurisdictions, 1);
	assert_int_equal(key_covers(&copy, "sandiego.gov"), 0);
	assert_int_equal(key_covers(&copy, "chulavistaca.gov"), 1);
	key_clear(&copy);

	/* Narrowing a key of every jurisdiction. */
	memset(&k, 0, sizeof(k));
	key_restrict(&k, "sandiego.gov");
	assert_int_equal(key_covers(&k, "chulavistaca.gov"), 0);
	key_clear(&k);
}

static void
test_hash(void **state)
{
	static const u_int8_t	abc[KEY_HASH_LEN] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	u_int8_t		out[KEY_HASH_LEN];

	(void)state;
	key_hash("abc", 3, out);
	assert_memory_equal(out, abc, KEY_HASH_LEN);
	key_hash("abcd", 3, out);
	assert_memory_equal(out, abc, KEY_HASH_LEN);
}

/* A new key: its form, prefix, and the hex of its own SHA-256. */
static void
test_generate(void **state)
{
	char		k1[KEY_TEXT_LEN + 1], k2[KEY_TEXT_LEN + 1];
	char		hex[KEY_HASH_LEN * 2 + 1], hex2[KEY_HASH_LEN * 2 + 1];
	char		prefix[KEY_PREFIX_LEN + 1], want[KEY_HASH_LEN * 2 + 1];
	u_int8_t	h[KEY_HASH_LEN];
	size_t		i;

	(void)state;
	assert_int_equal(key_generate(k1, hex, prefix), 0);
	assert_int_equal(strlen(k1), KEY_TEXT_LEN);
	assert_true(!strncmp(k1, "o311_", 5));
	assert_int_equal(strspn(k1 + 5, "0123456789abcdef"), KEY_RANDOM * 2);
	assert_int_equal(strlen(prefix), KEY_PREFIX_LEN);
	assert_true(!strncmp(k1, prefix, KEY_PREFIX_LEN));
	key_hash(k1, strlen(k1), h);
	for (i = 0; i < KEY_HASH_LEN; i++)
		(void)snprintf(want + i * 2, 3, "%02x", h[i]);
	assert_string_equal(hex, want);
	assert_int_equal(key_generate(k2, hex2, prefix), 0);
	assert_string_not_equal(k1, k2);
	assert_string_not_equal(hex, hex2);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_scopes),
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_generate),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
