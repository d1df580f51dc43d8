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
 * API key administration for the command line: create (hash only),
 * list and revoke, each making the workers reload their key cache.
 */

#ifndef __H_STORE_KEYS_ADMIN
#define __H_STORE_KEYS_ADMIN

#include <libpq-fe.h>

struct store_key_new {
	const char	*name;
	const char	*hash_hex;
	const char	*prefix;
	const char	*scopes;
	const char	*jurisdictions;	/* comma list, or NULL for all */
	const char	*channel;
	const char	*rate;		/* per minute, or NULL */
};

/* Stores a new key. Returns its id, or -1 with a message in err. */
long long	store_key_create(PGconn *, const struct store_key_new *,
		    char *, size_t);

/* Prints every key (never the key itself). Returns 0 or -1 with err. */
int	store_key_list(PGconn *, char *, size_t);

/* Revokes key id with a message. Returns 0, or -1 with err. */
int	store_key_revoke(PGconn *, const char *, const char *, char *,
	    size_t);

#endif
