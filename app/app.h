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
 * Process-wide state, the bottom of the server: the settings, loaded
 * once in the parent and inherited by every worker, and the tables in
 * memory the workers share (rate limits, metrics), mapped before they
 * fork. Every layer may read it; it reads nothing above it.
 */

#ifndef __H_APP
#define __H_APP

#include <stddef.h>

#include "config.h"

/* The settings in effect (valid in the parent and every worker). */
const struct cfg	*app_config(void);

struct gauge;

/* The rate-limit table shared by every worker (NULL: limits off). */
struct rl_table		*app_ratelimit(void);

/* The counters shared by every worker (NULL outside the server). */
struct met_table	*app_metrics(void);

/* The exports being streamed on this node (NULL outside the server). */
struct gauge		*app_exports(void);

/*
 * Loads the settings from file conf (NULL: the default) and the
 * environment, and checks the files they name; without a web_token_key,
 * makes a random one for this start (shared by every worker). Returns
 * 0, or -1 with a message in err.
 */
int	app_load(const char *, char *, size_t);

/*
 * Maps the shared tables; called in the parent before the workers fork.
 * Returns 0, or -1 (errno set).
 */
int	app_share(void);

#endif
