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
 * The service catalog as plain structs: jurisdictions, their services,
 * service attributes and attribute values. Built by fmt_catalog_parse()
 * from the catalog JSON (an import file, or the document the database
 * returns to a worker's cache), shared read-only by every layer.
 */

#ifndef __H_MODEL_CATALOG
#define __H_MODEL_CATALOG

#include <stddef.h>

#include "lib/buf.h"

#define CAT_TYPE_REALTIME	0
#define CAT_TYPE_BATCH		1
#define CAT_TYPE_BLACKBOX	2

#define CAT_DT_STRING		0
#define CAT_DT_NUMBER		1
#define CAT_DT_DATETIME		2
#define CAT_DT_TEXT		3
#define CAT_DT_SINGLE		4
#define CAT_DT_MULTI		5

#define CAT_DUP_LINK		0
#define CAT_DUP_OFF		1

#define CAT_CODE_MAX		64	/* characters in a code or key */
#define CAT_TEXT_MAX		4000	/* characters in a description */

struct cat_value {
	char			*key;
	char			*name;
};

struct cat_attr {
	char			*code;
	int			variable;
	int			datatype;
	int			required;
	char			*datatype_description;
	int			order;
	char			*description;
	struct cat_value	*values;
	size_t			nvalues;
};

struct cat_jurisdiction;

/*
 * One language's texts of an attribute, aligned with the service's
 * attributes; NULL (or a NULL value name) means the catalog's own text.
 */
struct cat_tr_attr {
	char			*description;
	char			*datatype_description;
	char			**values;	/* aligned with the values */
};

/* One language's translation of a service; NULL fields: not translated. */
struct cat_tr {
	char			*lang;		/* "es", "es-MX" */
	char			*name;
	char			*description;
	char			*keywords;
	struct cat_tr_attr	*attrs;		/* nattrs entries */
};

#define CAT_LANG_MAX		16	/* bytes in a language tag + NUL */

struct cat_service {
	char			*code;
	char			*name;
	char			*description;
	char			*group;
	char			*keywords;
	int			type;
	char			*agency;
	char			*notice;
	int			sla_hours;
	int			dup_radius_m;
	int			dup_window_h;
	int			dup_mode;
	char			*dup_group;
	int			active;
	int			private;	/* requests never public */
	struct cat_attr		*attrs;
	size_t			nattrs;
	struct cat_tr		*trs;		/* translations */
	size_t			ntrs;
	char			*trs_json;	/* as imported, or NULL */
	struct cat_jurisdiction	*jur;

	/* Pre-rendered GET /services/{code} bodies, XML then JSON. */
	struct buf		def[2];
};

struct cat_jurisdiction {
	char			*id;
	char			*name;
	int			srid;
	char			*time_zone;
	char			*contact;
	char			*key_service;
	char			*changeset;
	double			area;		/* m², 0 without a boundary */
	char			*boundary;	/* GeoJSON geometry or NULL */
	struct cat_service	*services;
	size_t			nservices;

	/* Pre-rendered GET /services bodies, XML then JSON. */
	struct buf		list[2];

	/* Pre-rendered discovery of its own endpoint, XML then JSON. */
	struct buf		discovery[2];
};

struct catalog {
	long long		version;
	char			*changeset;
	struct cat_jurisdiction	*jurs;
	size_t			njurs;
	int			refs;

	/* Pre-rendered GET /discovery bodies, XML then JSON. */
	struct buf		discovery[2];

	/* Pre-rendered GET /jurisdictions bodies, JSON then GeoJSON. */
	struct buf		jurisdictions[2];
};

/* Names of types and datatypes as they appear on the wire. */
extern const char	*cat_type_names[];
extern const char	*cat_datatype_names[];

/* Returns the jurisdiction with this id, or NULL. */
struct cat_jurisdiction	*cat_jurisdiction_find(const struct catalog *,
			    const char *);

/* Returns the service with this code in a jurisdiction, or NULL. */
struct cat_service	*cat_service_find(const struct cat_jurisdiction *,
			    const char *);

/* Returns the attribute with this code, or NULL. */
const struct cat_attr	*cat_attr_find(const struct cat_service *,
			    const char *);

/* Returns 1 when key is one of the attribute's value keys. */
int	cat_attr_has_key(const struct cat_attr *, const char *);

/*
 * Returns 1 when tag is a language tag the catalog format takes:
 * [a-z]{2,3} with an optional "-" and [A-Z]{2} ("es", "es-MX").
 */
int	cat_lang_valid(const char *);

/*
 * Returns the service's translation for the language tag: the exact tag,
 * else its language alone ("es-MX" finds "es"), else NULL.
 */
const struct cat_tr	*cat_tr_find(const struct cat_service *,
			    const char *);

/*
 * Returns 1 when any service of the jurisdiction has a translation for
 * the tag (as cat_tr_find() finds them).
 */
int	cat_jurisdiction_has_lang(const struct cat_jurisdiction *,
	    const char *);

/* Returns how many of the jurisdiction's services are private. */
size_t	cat_private_count(const struct cat_jurisdiction *);

/* Frees what a jurisdiction holds (not the struct itself). */
void	cat_jurisdiction_free(struct cat_jurisdiction *);

/* Frees a catalog and everything it holds. */
void	cat_free(struct catalog *);

#endif
