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
 * Staff accounts: roles, e-mail addresses, Argon2id passwords, session
 * and link tokens, CSRF tokens (see staff.h).
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "staff.h"

/*
 * Argon2id parameters: OWASP's first recommendation (19 MiB, 2 passes,
 * one lane); about 30 ms on one core of a small server.
 */
#define ARGON_T		2
#define ARGON_M		19456
#define ARGON_P		1
#define ARGON_SALT	16
#define ARGON_LEN	32

/* What a missing account is checked against (password "x"). */
#define ARGON_DUMMY	"$argon2id$v=19$m=19456,t=2,p=1$" \
	"c29tZXNhbHRzb21lc2FsdA$" \
	"H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM"

static void	staff_hex(const unsigned char *, size_t, char *);

static const struct {
	const char	*name;
	int		role;
} roles[] = {
	{ "agent", STAFF_AGENT },
	{ "supervisor", STAFF_SUPERVISOR },
	{ "admin", STAFF_ADMIN },
};

static void
staff_hex(const unsigned char *in, size_t len, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < len; i++) {
		out[i * 2] = hex[in[i] >> 4];
		out[i * 2 + 1] = hex[in[i] & 0xf];
	}
	out[len * 2] = '\0';
}

int
staff_role(const char *name)
{
	size_t	i;

	if (name == NULL)
		return (0);
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (!strcmp(roles[i].name, name))
			return (roles[i].role);
	}
	return (0);
}

int
staff_email(const char *in, char *out)
{
	const char	*at;
	size_t		i, len;

	len = strlen(in);
	if (len == 0 || len > STAFF_EMAIL_MAX)
		return (-1);
	if ((at = strchr(in, '@')) == NULL || at == in || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return (-1);
	for (i = 0; i < len; i++) {
		if ((unsigned char)in[i] <= ' ' || in[i] == 0x7f)
			return (-1);
		out[i] = (char)tolower((unsigned char)in[i]);
	}
	out[len] = '\0';
	return (0);
}

int
staff_password_check(const char *pw, char *err, size_t errlen)
{
	size_t	i, len;

	len = strlen(pw);
	if (len < STAFF_PASSWORD_MIN || len > STAFF_PASSWORD_MAX) {
		(void)snprintf(err, errlen, "the password must be %d to %d "
		    "characters long", STAFF_PASSWORD_MIN, STAFF_PASSWORD_MAX);
		return (-1);
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)pw[i] < ' ' || pw[i] == 0x7f) {
			(void)snprintf(err, errlen, "the password must not "
			    "contain control characters");
			return (-1);
		}
	}
	return (0);
}

int
staff_password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned char	salt[ARGON_SALT];

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return (-1);
	if (argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, pw, strlen(pw),
	    salt, sizeof(salt), ARGON_LEN, out, outlen) != ARGON2_OK)
		return (-1);
	return (0);
}

int
staff_password_verify(const char *encoded, const char *pw)
{
	int	ok;

	ok = encoded != NULL && !strncmp(encoded, "$argon2id$", 10);
	if (argon2id_verify(ok ? encoded : ARGON_DUMMY, pw,
	    strlen(pw)) != ARGON2_OK)
		return (0);
	return (ok);
}

int
staff_token_new(char *out)
{
	unsigned char	rnd[STAFF_HEX_LEN / 2];

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return (-1);
	staff_hex(rnd, sizeof(rnd), out);
	OPENSSL_cleanse(rnd, sizeof(rnd));
	return (0);
}

int
staff_token_valid(const char *s)
{
	size_t	i;

	for (i = 0; i < STAFF_HEX_LEN; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return (0);
	}
	return (s[i] == '\0');
}

void
staff_token_hash(const char *token, char *out)
{
	unsigned char	md[SHA256_DIGEST_LENGTH];

	(void)SHA256((const unsigned char *)token, strlen(token), md);
	staff_hex(md, sizeof(md), out);
}

void
staff_csrf(const char *token, char *out)
{
	unsigned char	md[SHA256_DIGEST_LENGTH];
	char		in[16 + STAFF_HEX_LEN + 1];
	int		len;

	len = snprintf(in, sizeof(in), "open311d-csrf:%.*s", STAFF_HEX_LEN,
	    token);
	(void)SHA256((const unsigned char *)in, (size_t)len, md);
	staff_hex(md, sizeof(md), out);
	OPENSSL_cleanse(in, sizeof(in));
}

int
staff_equal(const char *a, const char *b)
{
	size_t	len;

	len = strlen(a);
	if (len != strlen(b))
		return (0);
	return (CRYPTO_memcmp(a, b, len) == 0);
}
