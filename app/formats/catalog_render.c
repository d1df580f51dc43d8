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
 * The response bodies a worker caches for the catalog (see
 * catalog_render.h).
 */

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog_render.h"

static void	render_list(struct cat_jurisdiction *, int);
static void	render_definition(struct cat_service *, int);
static void	definition(struct buf *, const struct cat_service *,
		    const struct cat_tr *, int);
static const char	*tr_text(const char *, const char *);

/* The translated text when there is one, else the catalog's own. */
static const char *
tr_text(const char *tr, const char *own)
{
	return (tr != NULL ? tr : own);
}
static void	render_jurisdictions(struct catalog *);

void
fmt_catalog_service(struct fmt_doc *doc, const struct cat_service *s,
    int with_jurisdiction)
{
	fmt_catalog_service_tr(doc, s, NULL, with_jurisdiction);
}

void
fmt_catalog_service_tr(struct fmt_doc *doc, const struct cat_service *s,
    const char *lang, int with_jurisdiction)
{
	const struct cat_tr	*t;

	t = lang != NULL ? cat_tr_find(s, lang) : NULL;
	fmt_doc_object(doc, NULL);
	fmt_doc_str(doc, "service_code", s->code);
	fmt_doc_str(doc, "service_name", tr_text(t ? t->name : NULL,
	    s->name));
	fmt_doc_str(doc, "description", tr_text(t ? t->description : NULL,
	    s->description));
	fmt_doc_bool(doc, "metadata", s->nattrs > 0);
	fmt_doc_str(doc, "type", cat_type_names[s->type]);
	fmt_doc_str(doc, "keywords", tr_text(t ? t->keywords : NULL,
	    s->keywords));
	fmt_doc_str(doc, "group", s->group);
	if (with_jurisdiction)
		fmt_doc_str(doc, "jurisdiction_id", s->jur->id);
	fmt_doc_end(doc);
}

void
fmt_catalog_list(struct buf *out, const struct cat_jurisdiction *jur,
    const char *lang, int type)
{
	struct fmt_doc		doc;
	size_t			i;

	fmt_doc_begin(&doc, out, type);
	fmt_doc_list(&doc, "services", "service");
	for (i = 0; i < jur->nservices; i++) {
		if (jur->services[i].active)
			fmt_catalog_service_tr(&doc, &jur->services[i], lang,
			    0);
	}
	fmt_doc_end(&doc);
}

static void
render_list(struct cat_jurisdiction *jur, int type)
{
	fmt_catalog_list(&jur->list[type - 1], jur, NULL, type);
}

void
fmt_catalog_definition(struct buf *out, const struct cat_service *s,
    const char *lang, int type)
{
	definition(out, s, lang != NULL ? cat_tr_find(s, lang) : NULL, type);
}

static void
render_definition(struct cat_service *s, int type)
{
	definition(&s->def[type - 1], s, NULL, type);
}

static void
definition(struct buf *out, const struct cat_service *s,
    const struct cat_tr *t, int type)
{
	struct fmt_doc		doc;
	const struct cat_attr	*a;
	const struct cat_tr_attr	*ta;
	size_t			i, j;

	fmt_doc_begin(&doc, out, type);
	fmt_doc_object(&doc, "service_definition");
	fmt_doc_str(&doc, "service_code", s->code);
	fmt_doc_list(&doc, "attributes", "attribute");
	for (i = 0; i < s->nattrs; i++) {
		a = &s->attrs[i];
		ta = t != NULL && t->attrs != NULL ? &t->attrs[i] : NULL;
		fmt_doc_object(&doc, NULL);
		fmt_doc_bool(&doc, "variable", a->variable);
		fmt_doc_str(&doc, "code", a->code);
		fmt_doc_str(&doc, "datatype", cat_datatype_names[a->datatype]);
		fmt_doc_bool(&doc, "required", a->required);
		fmt_doc_str(&doc, "datatype_description", tr_text(ta ?
		    ta->datatype_description : NULL, a->datatype_description));
		fmt_doc_int(&doc, "order", a->order);
		fmt_doc_str(&doc, "description", tr_text(ta ?
		    ta->description : NULL, a->description));
		if (a->nvalues > 0) {
			fmt_doc_list(&doc, "values", "value");
			for (j = 0; j < a->nvalues; j++) {
				fmt_doc_object(&doc, NULL);
				fmt_doc_str(&doc, "key", a->values[j].key);
				fmt_doc_str(&doc, "name", tr_text(ta &&
				    ta->values ? ta->values[j] : NULL,
				    a->values[j].name));
				fmt_doc_end(&doc);
			}
			fmt_doc_end(&doc);
		}
		fmt_doc_end(&doc);
	}
	fmt_doc_end(&doc);
	fmt_doc_end(&doc);
}

/*
 * GET /jurisdictions.json (an array of jurisdictions, each with its
 * boundary as a GeoJSON geometry) and .geojson (a FeatureCollection).
 */
static void
render_jurisdictions(struct catalog *cat)
{
	const struct cat_jurisdiction	*jur;
	json_t				*list, *fc, *features, *geom, *o;
	char				*text, crs[24];
	size_t				i;

	list = json_array();
	features = json_array();
	for (i = 0; i < cat->njurs; i++) {
		jur = &cat->jurs[i];
		geom = jur->boundary != NULL ?
		    json_loads(jur->boundary, 0, NULL) : NULL;
		if (geom == NULL)
			geom = json_null();
		(void)snprintf(crs, sizeof(crs), "EPSG:%d", jur->srid);
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:O}",
		    "jurisdiction_id", jur->id, "name", jur->name,
		    "time_zone", jur->time_zone, "crs", crs,
		    "contact", jur->contact, "key_service", jur->key_service,
		    "area_km2", jur->area / 1e6, "boundary", geom);
		json_array_append_new(list, o);
		json_array_append_new(features, json_pack(
		    "{s:s, s:s, s:{s:s, s:s, s:s}, s:O}", "type", "Feature",
		    "id", jur->id, "properties", "jurisdiction_id", jur->id,
		    "name", jur->name, "crs", crs, "geometry", geom));
		json_decref(geom);
	}
	fc = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features",
	    features);

	if ((text = json_dumps(list, JSON_COMPACT)) == NULL)
		abort();
	buf_str(&cat->jurisdictions[0], text);
	free(text);
	if ((text = json_dumps(fc, JSON_COMPACT)) == NULL)
		abort();
	buf_str(&cat->jurisdictions[1], text);
	free(text);
	json_decref(list);
	json_decref(fc);
}

void
fmt_catalog_render(struct catalog *cat, const struct fmt_discovery *d)
{
	struct cat_jurisdiction	*jur;
	size_t			i, j;
	int			type;

	for (type = FMT_XML; type <= FMT_JSON; type++) {
		for (i = 0; i < cat->njurs; i++) {
			jur = &cat->jurs[i];
			render_list(jur, type);
			for (j = 0; j < jur->nservices; j++)
				render_definition(&jur->services[j], type);
		}
	}
	fmt_discovery_render(cat, d);
	render_jurisdictions(cat);
}
