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
 * The staff console's pages (/console/, /console/requests/{id},
 * /console/admin, /console/password): embedded files like the resident
 * pages, with the same security headers, never cached without
 * revalidation. The pages hold no data and no secret: they are clients
 * of /console/api, which checks the session on every call.
 */

#include <string.h>

#include "app.h"
#include "assets_gen.h"
#include "route.h"

/* Which file each console page line serves. */
static const struct {
	const char	*pattern;
	const char	*file;
} console_pages[] = {
	{ "console", "console/index.html" },
	{ "console/requests/:", "console/request.html" },
	{ "console/admin", "console/admin.html" },
	{ "console/password", "console/password.html" },
};

enum route_result
route_console_page(struct http_request *req, struct route_ctx *ctx)
{
	const struct asset_entry	*a;
	size_t				i, j;

	for (i = 0; i < sizeof(console_pages) / sizeof(console_pages[0]);
	    i++) {
		if (strcmp(console_pages[i].pattern, ctx->def->pattern))
			continue;
		for (j = 0; j < assets_count; j++) {
			a = &assets_table[j];
			if (strcmp(a->name, console_pages[i].file))
				continue;
			route_page_headers(req, 0);
			ctx->cache = "no-cache";
			ctx->etag = a->etag;
			return (route_reply(req, ctx, 200, a->data, a->len,
			    a->type));
		}
	}
	return (route_page_missing(req, ctx));
}
