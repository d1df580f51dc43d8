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
 * hot path never asks the database). Keys are stored only as hashes.
 */

#ifndef __H_STORE_KEYS
#define __H_STORE_KEYS

#include <sys/types.h>

#include "cache.h"
#include "model/key.h"

/* Registers the key cache with the worker cache poll. */
void	store_keys_init(void);

/*
 * Makes sure the key cache is loaded (see store_cache_ready()); returns
 * STORE_DONE, STORE_WAIT or STORE_ERROR.
 */
int	store_keys_ready(struct http_request *, struct store_waiter *);

/*
 * Finds the key whose SHA-256 is hash. The result is valid until the
 * handler returns (a reload may replace it); copy what must live longer
 * (key_copy()). NULL when unknown or while the cache is not loaded.
 */
const struct key	*store_keys_find(const u_int8_t *);

/*
 * The key called name on channel (the web pages' built-in key, say),
 * revoked or not, with the same validity as store_keys_find(). NULL
 * when there is none.
 */
const struct key	*store_keys_named(const char *, const char *);

#endif
