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
 * The per-worker API key cache (see keys.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lib/mem.h"

static int	keys_apply(struct store_cache *, struct store_q *);
static int	keys_cmp(const void *, const void *);
static void	keys_free(struct key *, size_t);
static int	keys_unhex(const char *, u_int8_t *);

static struct key		*keys = NULL;
static size_t			nkeys = 0;
static struct store_cache	cache = {
	.name = "keys",
	.load = SQL_keys_load,
	.apply = keys_apply,
};

void
store_keys_init(void)
{
	store_cache_register(&cache);
}

int
store_keys_ready(struct http_request *req, struct store_waiter *w)
{
	return (store_cache_ready(&cache, req, w));
}

static int
keys_unhex(const char *hex, u_int8_t *out)
{
	unsigned int	v;
	size_t		i;

	if (strlen(hex) != KEY_HASH_LEN * 2)
		return (-1);
	for (i = 0; i < KEY_HASH_LEN; i++) {
		if (sscanf(hex + i * 2, "%2x", &v) != 1)
			return (-1);
		out[i] = (u_int8_t)v;
	}
	return (0);
}

static int
keys_cmp(const void *a, const void *b)
{
	return (memcmp(((const struct key *)a)->hash,
	    ((const struct key *)b)->hash, KEY_HASH_LEN));
}

static void
keys_free(struct key *list, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		key_clear(&list[i]);
	free(list);
}

static int
keys_apply(struct store_cache *c, struct store_q *q)
{
	struct key	*list, *k;
	char		*jurs, *p, *next;
	int		i, rows, n;

	(void)c;
	rows = store_rows(q);
	list = mem_calloc((size_t)rows + 1, sizeof(*list));
	n = 0;

	for (i = 0; i < rows; i++) {
		if (store_isnull(q, i, COL_KEYS_LOAD_ID))
			continue;
		k = &list[n];
		if (keys_unhex(store_val(q, i, COL_KEYS_LOAD_HASH),
		    k->hash) == -1 || (k->scopes = key_scopes(store_val(q, i,
		    COL_KEYS_LOAD_SCOPES))) == -1) {
			kore_log(LOG_ERR, "key %s is malformed; skipped",
			    store_val(q, i, COL_KEYS_LOAD_ID));
			continue;
		}
		k->id = strtoll(store_val(q, i, COL_KEYS_LOAD_ID), NULL, 10);
		if (!store_isnull(q, i, COL_KEYS_LOAD_JURISDICTIONS)) {
			jurs = mem_strdup(store_val(q, i,
			    COL_KEYS_LOAD_JURISDICTIONS));
			for (p = jurs; p != NULL; p = next) {
				if ((next = strchr(p, ',')) != NULL)
					*next++ = '\0';
				k->jurisdictions = mem_reallocarray(
				    k->jurisdictions, k->njurisdictions + 1,
				    sizeof(char *));
				k->jurisdictions[k->njurisdictions++] =
				    mem_strdup(p);
			}
			free(jurs);
		}
		k->channel = mem_strdup(store_val(q, i, COL_KEYS_LOAD_CHANNEL));
		k->rate = store_isnull(q, i, COL_KEYS_LOAD_RATE) ? 0 :
		    atoi(store_val(q, i, COL_KEYS_LOAD_RATE));
		k->revoked = store_val(q, i, COL_KEYS_LOAD_REVOKED)[0] == 't';
		k->revoked_message = mem_strdup(store_val(q, i,
		    COL_KEYS_LOAD_REVOKED_MESSAGE));
		k->name = mem_strdup(store_val(q, i, COL_KEYS_LOAD_NAME));
		n++;
	}

	qsort(list, (size_t)n, sizeof(*list), keys_cmp);
	keys_free(keys, nkeys);
	keys = list;
	nkeys = (size_t)n;
	return (0);
}

const struct key *
store_keys_find(const u_int8_t *hash)
{
	struct key	probe;

	if (nkeys == 0)
		return (NULL);
	memcpy(probe.hash, hash, KEY_HASH_LEN);
	return (bsearch(&probe, keys, nkeys, sizeof(*keys), keys_cmp));
}

const struct key *
store_keys_named(const char *name, const char *channel)
{
	size_t	i;

	for (i = 0; i < nkeys; i++) {
		if (!strcmp(keys[i].name, name) &&
		    !strcmp(keys[i].channel, channel))
			return (&keys[i]);
	}
	return (NULL);
}
