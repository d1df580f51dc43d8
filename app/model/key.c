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
 * API keys (see key.h).
 */

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "key.h"
#include "lib/mem.h"

static char	*key_dup(const char *);

static const struct {
	const char	*name;
	int		scope;
} key_names[] = {
	{ "submit", KEY_SUBMIT },
	{ "backoffice", KEY_BACKOFFICE },
	{ "admin", KEY_ADMIN },
};

static char *
key_dup(const char *s)
{
	return (s != NULL ? mem_strdup(s) : NULL);
}

int
key_scopes(const char *list)
{
	const char	*p, *e;
	size_t		n, i;
	int		scopes, found;

	scopes = 0;
	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		found = 0;
		for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
			if (strlen(key_names[i].name) == n &&
			    !strncmp(p, key_names[i].name, n)) {
				scopes |= key_names[i].scope;
				found = 1;
			}
		}
		if (!found)
			return (-1);
	}

	return (scopes == 0 ? -1 : scopes);
}

int
key_covers(const struct key *k, const char *jurisdiction)
{
	size_t		i;

	if (k->jurisdictions == NULL)
		return (1);
	for (i = 0; i < k->njurisdictions; i++) {
		if (!strcmp(k->jurisdictions[i], jurisdiction))
			return (1);
	}
	return (0);
}

void
key_restrict(struct key *k, const char *jurisdiction)
{
	size_t		i;

	for (i = 0; i < k->njurisdictions; i++)
		free(k->jurisdictions[i]);
	free(k->jurisdictions);
	k->jurisdictions = mem_calloc(1, sizeof(char *));
	k->jurisdictions[0] = mem_strdup(jurisdiction);
	k->njurisdictions = 1;
}

static void
key_hex(const unsigned char *in, size_t len, char *out)
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
key_generate(char *key, char *hashhex, char *prefix)
{
	unsigned char	rnd[KEY_RANDOM];
	u_int8_t	hash[KEY_HASH_LEN];

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return (-1);
	memcpy(key, "o311_", 5);
	key_hex(rnd, sizeof(rnd), key + 5);
	OPENSSL_cleanse(rnd, sizeof(rnd));
	key_hash(key, strlen(key), hash);
	key_hex(hash, sizeof(hash), hashhex);
	memcpy(prefix, key, KEY_PREFIX_LEN);
	prefix[KEY_PREFIX_LEN] = '\0';
	return (0);
}

void
key_hash(const char *key, size_t len, u_int8_t *out)
{
	(void)SHA256((const unsigned char *)key, len, out);
}

void
key_copy(struct key *dst, const struct key *src)
{
	size_t		i;

	*dst = *src;
	dst->channel = key_dup(src->channel);
	dst->revoked_message = key_dup(src->revoked_message);
	dst->name = key_dup(src->name);
	if (src->jurisdictions == NULL)
		return;
	dst->jurisdictions = mem_calloc(src->njurisdictions, sizeof(char *));
	for (i = 0; i < src->njurisdictions; i++)
		dst->jurisdictions[i] = mem_strdup(src->jurisdictions[i]);
}

void
key_clear(struct key *k)
{
	size_t		i;

	for (i = 0; i < k->njurisdictions; i++)
		free(k->jurisdictions[i]);
	free(k->jurisdictions);
	free(k->channel);
	free(k->revoked_message);
	free(k->name);
	memset(k, 0, sizeof(*k));
}
