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
 * The resident web pages and their files, embedded in the binary at
 * build time (app/tools/embed_assets.sh) and served from memory: each
 * page with the pages' security headers (CSP with no inline script or
 * style, no framing, no referrer beyond the origin), each file under
 * /assets/VERSION/ cached for good, a gzip variant where the client
 * takes one, and an HTML 404 page. Lookups are by name in the embedded
 * table: no path ever reaches the file system.
 */

#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "assets_gen.h"
#include "formats/csp.h"
#include "route.h"

#define PAGES_IMMUTABLE	"public, max-age=31536000, immutable"
#define PAGES_NAME_MAX	256

static const struct asset_entry	*pages_find(const char *);
static int	pages_gzip(struct http_request *);
static enum route_result	pages_send(struct http_request *,
				    struct route_ctx *, int,
				    const struct asset_entry *, const char *);

/* Which file each page line serves, and whether it may locate. */
static const struct {
	const char	*pattern;
	const char	*file;
	int		geolocation;
} pages[] = {
	{ "", "index.html", 0 },
	{ "report", "report.html", 1 },
	{ "requests/:", "request.html", 0 },
	{ "stats", "stats.html", 0 },
	{ "data", "data.html", 0 },
};

static const struct asset_entry *
pages_find(const char *name)
{
	size_t	i;

	for (i = 0; i < assets_count; i++) {
		if (!strcmp(assets_table[i].name, name))
			return (&assets_table[i]);
	}
	return (NULL);
}

/* 1 when Accept-Encoding takes gzip (and does not refuse it, q=0). */
static int
pages_gzip(struct http_request *req)
{
	const char	*ae, *p;

	if (!http_request_header(req, "accept-encoding", &ae) ||
	    (p = strstr(ae, "gzip")) == NULL)
		return (0);
	p += 4;
	p += strspn(p, " ");
	if (strncmp(p, ";q=0", 4))
		return (1);
	p += 4;
	if (*p == '.')
		p += 1 + strspn(p + 1, "0");
	return (*p >= '1' && *p <= '9');
}

void
route_page_headers(struct http_request *req, int geolocation)
{
	static char	origin[256];
	static int	done;
	struct buf	csp;

	if (!done) {
		if (fmt_tile_origin(app_config()->web_tile_url, origin,
		    sizeof(origin)) == -1)
			origin[0] = '\0';
		done = 1;
	}

	buf_init(&csp);
	fmt_csp(&csp, origin);
	http_response_header(req, "content-security-policy", buf_cstr(&csp));
	buf_free(&csp);
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
	http_response_header(req, "permissions-policy", geolocation ?
	    "geolocation=(self), camera=(), microphone=()" :
	    "geolocation=(), camera=(), microphone=()");
}

/* Sends file a with status; cache is its Cache-Control. */
static enum route_result
pages_send(struct http_request *req, struct route_ctx *ctx, int status,
    const struct asset_entry *a, const char *cache)
{
	static char	tag[64];

	ctx->cache = cache;
	http_response_header(req, "vary", "accept-encoding");
	if (a->gz != NULL && pages_gzip(req)) {
		/* A strong tag names one representation: its own. */
		(void)snprintf(tag, sizeof(tag), "%.*s-gz\"",
		    (int)strlen(a->etag) - 1, a->etag);
		ctx->etag = tag;
		http_response_header(req, "content-encoding", "gzip");
		return (route_reply(req, ctx, status, a->gz, a->gzlen,
		    a->type));
	}
	ctx->etag = a->etag;
	return (route_reply(req, ctx, status, a->data, a->len, a->type));
}

enum route_result
route_web_page(struct http_request *req, struct route_ctx *ctx)
{
	const struct asset_entry	*a;
	size_t				i;

	a = NULL;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		if (!strcmp(pages[i].pattern, ctx->def->pattern))
			break;
	}
	if (!app_config()->web || i == sizeof(pages) / sizeof(pages[0]) ||
	    (a = pages_find(pages[i].file)) == NULL)
		return (route_page_missing(req, ctx));
	route_page_headers(req, pages[i].geolocation);
	return (pages_send(req, ctx, 200, a, "no-cache"));
}

enum route_result
route_page_missing(struct http_request *req, struct route_ctx *ctx)
{
	const struct asset_entry	*a;

	ctx->fmt = FMT_PAGE;
	if ((a = pages_find("404.html")) == NULL)
		return (route_error(req, ctx, 404, "There is no page at %s",
		    req->path));
	route_page_headers(req, 0);
	return (pages_send(req, ctx, 404, a, "no-cache"));
}

enum route_result
route_asset(struct http_request *req, struct route_ctx *ctx)
{
	const struct asset_entry	*a;
	const char			*seg;
	char				name[PAGES_NAME_MAX];
	size_t				len, n;
	int				i;

	/* assets/VERSION/NAME...: the version is any one segment. */
	if (!app_config()->web || ctx->path.nsegs < 3)
		return (route_page_missing(req, ctx));
	len = 0;
	name[0] = '\0';
	for (i = 2; i < ctx->path.nsegs; i++) {
		seg = ctx->path.segs[i];
		n = strlen(seg);
		if (n == 0 || seg[0] == '.' || strpbrk(seg, "/\\") != NULL ||
		    len + n + 2 + strlen(ctx->path.ext) >= sizeof(name))
			return (route_page_missing(req, ctx));
		len += (size_t)snprintf(name + len, sizeof(name) - len,
		    "%s%s", len ? "/" : "", seg);
	}
	if (ctx->path.ext[0] != '\0')
		(void)snprintf(name + len, sizeof(name) - len, ".%s",
		    ctx->path.ext);
	if ((a = pages_find(name)) == NULL || strstr(name, ".html") != NULL)
		return (route_page_missing(req, ctx));

	route_page_headers(req, 0);
	return (pages_send(req, ctx, 200, a,
	    !strcmp(ctx->path.segs[1], assets_version) ? PAGES_IMMUTABLE :
	    "no-cache"));
}

const char *
route_assets_version(void)
{
	return (assets_version);
}
