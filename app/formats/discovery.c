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
 * The service discovery documents the catalog cache serves: the
 * gateway's (GET /discovery) and, on a regional gateway, each
 * jurisdiction's own (GET /{jurisdiction_id}/discovery), whose endpoint
 * URLs imply that jurisdiction. Pure code.
 */

#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "catalog_render.h"
#include "doc.h"

#define DEFAULT_CONTACT		"Contact the operator of this gateway."
#define DEFAULT_KEY_SERVICE	"Ask the operator of this gateway for an " \
				"API key."

static const char	*discovery_text(const char *, const char *,
			    const char *);
static void	discovery_endpoint(struct fmt_doc *, const char *,
		    const char *, const char *, const char *);
static void	discovery_endpoints(struct fmt_doc *, const struct catalog *,
		    const struct fmt_discovery *,
		    const struct cat_jurisdiction *, int);
static void	discovery_doc(struct buf *, int, const struct catalog *,
		    const struct fmt_discovery *,
		    const struct cat_jurisdiction *);

void
fmt_discovery_url(struct buf *out, const char *base, const char *id)
{
	const unsigned char	*p;

	buf_str(out, base);
	buf_byte(out, '/');
	for (p = (const unsigned char *)id; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf_byte(out, (char)*p);
		else
			buf_printf(out, "%%%02X", *p);
	}
}

/* The first of a and b that is set and not empty, else def. */
static const char *
discovery_text(const char *a, const char *b, const char *def)
{
	if (a != NULL && a[0] != '\0')
		return (a);
	if (b != NULL && b[0] != '\0')
		return (b);
	return (def);
}

static void
discovery_endpoint(struct fmt_doc *doc, const char *url,
    const char *changeset, const char *type, const char *jurisdiction)
{
	fmt_doc_object(doc, NULL);
	fmt_doc_str(doc, "specification", "http://wiki.open311.org/GeoReport_v2");
	fmt_doc_str(doc, "url", url);
	fmt_doc_str(doc, "changeset", changeset);
	fmt_doc_str(doc, "type", type);
	fmt_doc_list(doc, "formats", "format");
	fmt_doc_str(doc, NULL, "text/xml");
	fmt_doc_str(doc, NULL, "application/json");
	fmt_doc_end(doc);
	if (jurisdiction != NULL)
		fmt_doc_str(doc, "jurisdiction_id", jurisdiction);
	fmt_doc_end(doc);
}

/*
 * A production and a test endpoint for jurisdiction jur (NULL: none is
 * configured yet), at its own URLs when own is set, else the shared ones.
 */
static void
discovery_endpoints(struct fmt_doc *doc, const struct catalog *cat,
    const struct fmt_discovery *d, const struct cat_jurisdiction *jur,
    int own)
{
	struct buf	url;

	if (!own || jur == NULL) {
		discovery_endpoint(doc, d->production_url, cat->changeset,
		    "production", jur != NULL ? jur->id : NULL);
		discovery_endpoint(doc, d->test_url, cat->changeset, "test",
		    jur != NULL ? jur->id : NULL);
		return;
	}

	buf_init(&url);
	fmt_discovery_url(&url, d->production_url, jur->id);
	discovery_endpoint(doc, buf_cstr(&url), cat->changeset, "production",
	    jur->id);
	buf_reset(&url);
	fmt_discovery_url(&url, d->test_url, jur->id);
	discovery_endpoint(doc, buf_cstr(&url), cat->changeset, "test",
	    jur->id);
	buf_free(&url);
}

/* The gateway's document (jur NULL) or jurisdiction jur's, into out. */
static void
discovery_doc(struct buf *out, int type, const struct catalog *cat,
    const struct fmt_discovery *d, const struct cat_jurisdiction *jur)
{
	struct fmt_doc		doc;
	const char		*contact, *keys;
	size_t			i;

	if (jur != NULL) {
		contact = discovery_text(jur->contact, d->contact,
		    DEFAULT_CONTACT);
		keys = discovery_text(jur->key_service, d->key_service,
		    DEFAULT_KEY_SERVICE);
	} else if (cat->njurs == 1) {
		contact = discovery_text(d->contact, cat->jurs[0].contact,
		    DEFAULT_CONTACT);
		keys = discovery_text(d->key_service, cat->jurs[0].key_service,
		    DEFAULT_KEY_SERVICE);
	} else {
		contact = discovery_text(d->contact, NULL, DEFAULT_CONTACT);
		keys = discovery_text(d->key_service, NULL,
		    DEFAULT_KEY_SERVICE);
	}

	buf_reset(out);
	fmt_doc_begin(&doc, out, type);
	fmt_doc_object(&doc, "discovery");
	fmt_doc_str(&doc, "changeset", cat->changeset);
	fmt_doc_str(&doc, "contact", contact);
	fmt_doc_str(&doc, "key_service", keys);
	fmt_doc_list(&doc, "endpoints", "endpoint");
	if (jur != NULL) {
		discovery_endpoints(&doc, cat, d, jur, 1);
	} else {
		for (i = 0; i < cat->njurs || i == 0; i++)
			discovery_endpoints(&doc, cat, d, cat->njurs > 0 ?
			    &cat->jurs[i] : NULL, cat->njurs > 1);
	}
	fmt_doc_end(&doc);
	fmt_doc_end(&doc);
}

void
fmt_discovery_render(struct catalog *cat, const struct fmt_discovery *d)
{
	size_t		i;
	int		type;

	for (type = FMT_XML; type <= FMT_JSON; type++) {
		discovery_doc(&cat->discovery[type - 1], type, cat, d, NULL);
		for (i = 0; i < cat->njurs; i++)
			discovery_doc(&cat->jurs[i].discovery[type - 1], type,
			    cat, d, &cat->jurs[i]);
	}
}
