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
 * An API key as every layer sees it: its scopes, the jurisdictions it
 * may act for, its channel and rate. Keys are only ever stored and
 * compared as SHA-256 hashes. Pure code.
 */

#ifndef __H_MODEL_KEY
#define __H_MODEL_KEY

#include <sys/types.h>

#include <stddef.h>

#define KEY_SUBMIT	0x01
#define KEY_BACKOFFICE	0x02
#define KEY_ADMIN	0x04

#define KEY_HASH_LEN	32

struct key {
	long long	id;
	u_int8_t	hash[KEY_HASH_LEN];
	int		scopes;			/* KEY_* */
	char		**jurisdictions;	/* NULL: every one */
	size_t		njurisdictions;
	char		*channel;
	int		rate;			/* per minute, 0: default */
	int		revoked;
	char		*revoked_message;
	char		*name;
};

/*
 * The scopes of a comma list of scope names (submit, backoffice,
 * admin). Returns them, or -1 for an empty list or an unknown name.
 */
int	key_scopes(const char *);

/* 1 when key k may act for jurisdiction id. */
int	key_covers(const struct key *, const char *);

/* Narrows k to jurisdiction id alone. */
void	key_restrict(struct key *, const char *);

/* A new key's text ("o311_" and 48 hex digits) and its prefix. */
#define KEY_RANDOM	24
#define KEY_TEXT_LEN	(5 + KEY_RANDOM * 2)
#define KEY_PREFIX_LEN	12

/*
 * A new random key into key (KEY_TEXT_LEN + 1), its SHA-256 as hex into
 * hashhex (KEY_HASH_LEN * 2 + 1) and the prefix shown in lists into
 * prefix (KEY_PREFIX_LEN + 1). Returns 0, or -1 without random bytes.
 */
int	key_generate(char *, char *, char *);

/* SHA-256 of a presented key (len bytes) into out (KEY_HASH_LEN). */
void	key_hash(const char *, size_t, u_int8_t *);

/* Copies src into dst, which key_clear() frees. */
void	key_copy(struct key *, const struct key *);

/* Frees what dst holds (see key_copy()) and zeroes it. */
void	key_clear(struct key *);

#endif
