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
 * Process-wide state (see app.h).
 */

#include <openssl/rand.h>

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "lib/mem.h"
#include "shm/gauge.h"
#include "shm/metrics.h"
#include "shm/ratelimit.h"

static struct cfg	cfg;
static struct rl_table	*ratelimit = NULL;
static struct met_table	*metrics = NULL;
static struct gauge	*exports = NULL;

const struct cfg *
app_config(void)
{
	return (&cfg);
}

struct rl_table *
app_ratelimit(void)
{
	return (ratelimit);
}

struct met_table *
app_metrics(void)
{
	return (metrics);
}

struct gauge *
app_exports(void)
{
	return (exports);
}

int
app_load(const char *conf, char *err, size_t errlen)
{
	unsigned char	rnd[32];
	char		hex[sizeof(rnd) * 2 + 1];
	size_t		i;

	if (cfg_load(&cfg, conf, err, errlen) == -1 ||
	    cfg_check_files(&cfg, err, errlen) == -1)
		return (-1);

	/* The web pages' form tokens: signed with a secret of this start. */
	if (cfg.web_token_key[0] == '\0') {
		if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
			(void)snprintf(err, errlen, "web_token_key: no random "
			    "bytes to make one");
			return (-1);
		}
		for (i = 0; i < sizeof(rnd); i++)
			(void)snprintf(hex + i * 2, 3, "%02x", rnd[i]);
		free(cfg.web_token_key);
		cfg.web_token_key = mem_strdup(hex);
	}
	return (0);
}

int
app_share(void)
{
	if ((ratelimit = rl_table_shared()) == NULL ||
	    (metrics = met_table_shared()) == NULL ||
	    (exports = gauge_shared()) == NULL)
		return (-1);
	return (0);
}
