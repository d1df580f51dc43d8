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
 * Rendering of the catalog's cached response bodies: each jurisdiction's
 * service list, each service's definition, the discovery document and
 * the jurisdictions list, in XML and JSON. Pure code.
 */

#ifndef __H_FMT_CATALOG_RENDER
#define __H_FMT_CATALOG_RENDER

#include "doc.h"
#include "model/catalog.h"

/*
 * Discovery settings used when rendering: the operator's contact and
 * key service ("" when not set) and the shared endpoint URLs.
 */
struct fmt_discovery {
	const char	*contact;
	const char	*key_service;
	const char	*production_url;
	const char	*test_url;
};

/*
 * Renders the discovery documents (discovery.c): the gateway's, and
 * each jurisdiction's own, for its endpoint. With one jurisdiction the
 * gateway's lists the shared URLs and gives that jurisdiction's contact
 * and key service when none is configured; with several it lists each
 * jurisdiction's own endpoint URLs (the shared URL and "/" and its id)
 * and the operator's contact and key service (a default when not
 * configured). A jurisdiction's document gives its own contact and key
 * service (else the operator's, else a default) and its own URLs.
 */
void	fmt_discovery_render(struct catalog *,
	    const struct fmt_discovery *);

/*
 * Appends base, "/" and id, percent-encoded but for letters, digits and
 * "-._~", to out: a jurisdiction's endpoint URL.
 */
void	fmt_discovery_url(struct buf *, const char *, const char *);

/*
 * Writes one service of a service list; with the jurisdiction, adds its
 * jurisdiction_id (lists that span jurisdictions).
 */
void	fmt_catalog_service(struct fmt_doc *, const struct cat_service *,
	    int);

/*
 * As fmt_catalog_service(), in the language lang (cat_tr_find(): es-MX
 * falls back to es) where the service has a translation; NULL or an
 * untranslated language writes the catalog's own texts.
 */
void	fmt_catalog_service_tr(struct fmt_doc *, const struct cat_service *,
	    const char *, int);

/*
 * Appends a jurisdiction's service list (GET /services) in the language
 * lang (NULL: the catalog's own texts), in type FMT_XML or FMT_JSON.
 */
void	fmt_catalog_list(struct buf *, const struct cat_jurisdiction *,
	    const char *, int);

/*
 * Appends a service's definition (GET /services/{code}) with its
 * attribute texts and value names in the language lang (NULL: the
 * catalog's own), in type FMT_XML or FMT_JSON.
 */
void	fmt_catalog_definition(struct buf *, const struct cat_service *,
	    const char *, int);

/*
 * Renders every cached body of the catalog: each jurisdiction's service
 * list, each service's definition, and the discovery document.
 */
void	fmt_catalog_render(struct catalog *, const struct fmt_discovery *);

#endif
