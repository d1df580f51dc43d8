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
 * The security policy of the web pages: the Content-Security-Policy
 * (scripts and styles from the gateway alone, map tiles from the tile
 * server's origin alone) and the origin a tile URL template names.
 * Pure code.
 */

#ifndef __H_FMT_CSP
#define __H_FMT_CSP

#include <stddef.h>

#include "lib/buf.h"

/*
 * The origin ("https://host[:port]") of tile URL template url into out
 * (len bytes); a "{s}." subdomain placeholder becomes "*.". Returns 0,
 * or -1 when url is not an http(s) URL of a plain host (out is "").
 */
int	fmt_tile_origin(const char *, char *, size_t);

/*
 * Writes the pages' Content-Security-Policy to out: tiles (an origin
 * from fmt_tile_origin(), or "" for none) are the one outside source,
 * of images only.
 */
void	fmt_csp(struct buf *, const char *);

#endif
