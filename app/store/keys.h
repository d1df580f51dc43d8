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
 * API keys: each worker's cache of every key (by SHA-256 hash, so the
 * hot path never asks the database), and the hashing of a presented
 * key. Keys are stored only as hashes.
 */

#ifndef __H_STORE_KEYS
#define __H_STORE_KEYS

#include <sys/types.h>

#include "cache.h"

#define KEY_SUBMIT	0x01
#define KEY_BACKOFFICE	0x02
#define KEY_ADMIN	0x04

#define KEY_HASH_LEN	32

struct store_key {
	long long	id;
	u_int8_t	hash[KEY_HASH_LEN];
	int		scopes;
	char		**jurisdictions;	/* NULL: all */
	size_t		njurisdictions;
	char		*channel;
	int		rate;			/* per minute, 0: default */
	int		revoked;
	char		*revoked_message;
	char		*name;
};

/* Registers the key cache with the worker cache poll. */
void	store_keys_init(void);

/*
 * Makes sure the key cache is loaded (see store_cache_ready()); returns
 * STORE_DONE, STORE_WAIT or STORE_ERROR.
 */
int	store_keys_ready(struct http_request *, struct store_waiter *);

/*
 * Finds the key whose SHA-256 is hash. The result is valid until the
 * handler returns (a reload may replace it). NULL when unknown.
 */
const struct store_key	*store_keys_find(const u_int8_t *);

/* 1 when the key may act on jurisdiction id. */
int	store_key_covers(const struct store_key *, const char *);

/* SHA-256 of a presented key (len bytes). */
void	store_key_hash(const char *, size_t, u_int8_t *);

/* Parses a comma list of scope names; -1 on an unknown name. */
int	store_key_scopes(const char *);

#endif
