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
 * Catalog JSON to model, with the validation rules of the catalog
 * format (see catalog.h); the bodies a worker caches are rendered by
 * catalog_render.c.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "utf8.h"

#define NAME_MAX_CHARS		200

struct ctx {
	char		*err;
	size_t		errlen;
	char		path[256];
};

static int	cat_fail(struct ctx *, const char *, const char *, ...)
		    __attribute__((format (printf, 3, 4)));
static int	cat_str(struct ctx *, json_t *, const char *, int, size_t,
		    int, char **);
static int	cat_int(struct ctx *, json_t *, const char *, int, int, int,
		    int *);
static int	cat_bool(struct ctx *, json_t *, const char *, int, int *);
static int	cat_enum(struct ctx *, json_t *, const char *, const char **,
		    int, int *);
static int	cat_code(struct ctx *, const char *, const char *,
		    const char *);
static int	cat_keywords(struct ctx *, json_t *, char **);
static int	cat_service(struct ctx *, json_t *, struct cat_service *);
static int	cat_attr(struct ctx *, json_t *, struct cat_attr *);
static int	cat_duplicates(struct ctx *, json_t *, struct cat_service *);
static int	cat_service_base(struct ctx *, json_t *, struct cat_service *);
static int	cat_known(struct ctx *, json_t *, const char **);
static int	cat_opt(struct ctx *, json_t *, const char *, size_t, int,
		    char **);
static int	cat_tr_attr(struct ctx *, json_t *, const struct cat_attr *,
		    struct cat_tr_attr *);
static int	cat_tr_one(struct ctx *, json_t *, struct cat_service *,
		    struct cat_tr *);
static int	cat_translations(struct ctx *, json_t *, struct cat_service *);

#define CAT_LANGS_MAX		32	/* languages in one service */

static int
cat_fail(struct ctx *c, const char *field, const char *fmt, ...)
{
	va_list		ap;
	char		msg[256];
	const char	*sep;
	size_t		plen;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	/* "services[2]" before its code is known needs its own ": ". */
	plen = strlen(c->path);
	sep = (plen > 0 && c->path[plen - 1] != ' ') ? ": " : "";

	if (field != NULL)
		(void)snprintf(c->err, c->errlen, "%s%s%s: %s", c->path, sep,
		    field, msg);
	else
		(void)snprintf(c->err, c->errlen, "%s%s%s", c->path, sep, msg);
	return (-1);
}

/*
 * Reads a string member. Missing or null gives "" unless required.
 * maxchars limits the length in characters; class is FMT_TEXT_LINE or
 * FMT_TEXT_MULTILINE.
 */
static int
cat_str(struct ctx *c, json_t *obj, const char *key, int required,
    size_t maxchars, int class, char **out)
{
	json_t		*v;
	const char	*s, *why;
	size_t		len;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return (cat_fail(c, key, "is required"));
		*out = mem_strdup("");
		return (0);
	}

	if (!json_is_string(v))
		return (cat_fail(c, key, "must be a string"));

	s = json_string_value(v);
	len = json_string_length(v);
	if (strlen(s) != len)
		return (cat_fail(c, key, "contains a NUL character"));
	if ((why = fmt_text_check(s, len, class)) != NULL)
		return (cat_fail(c, key, "%s", why));
	if (required && len == 0)
		return (cat_fail(c, key, "must not be empty"));
	if (fmt_utf8_chars(s, len) > maxchars)
		return (cat_fail(c, key, "is longer than %zu characters",
		    maxchars));

	*out = mem_strdup(s);
	return (0);
}

static int
cat_int(struct ctx *c, json_t *obj, const char *key, int min, int max,
    int def, int *out)
{
	json_t		*v;
	json_int_t	n;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v)) {
		*out = def;
		return (0);
	}

	if (!json_is_integer(v))
		return (cat_fail(c, key, "must be a whole number"));

	n = json_integer_value(v);
	if (n < min || n > max) {
		return (cat_fail(c, key, "must be from %d to %d, not %lld",
		    min, max, (long long)n));
	}

	*out = (int)n;
	return (0);
}

static int
cat_bool(struct ctx *c, json_t *obj, const char *key, int def, int *out)
{
	json_t		*v;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v)) {
		*out = def;
		return (0);
	}

	if (!json_is_boolean(v))
		return (cat_fail(c, key, "must be true or false"));

	*out = json_is_true(v);
	return (0);
}

static int
cat_enum(struct ctx *c, json_t *obj, const char *key, const char **names,
    int def, int *out)
{
	struct buf	b;
	json_t		*v;
	int		i;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v)) {
		if (def < 0)
			return (cat_fail(c, key, "is required"));
		*out = def;
		return (0);
	}

	if (json_is_string(v)) {
		for (i = 0; names[i] != NULL; i++) {
			if (!strcmp(names[i], json_string_value(v))) {
				*out = i;
				return (0);
			}
		}
	}

	buf_init(&b);
	for (i = 0; names[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	(void)cat_fail(c, key, "must be one of %s", buf_cstr(&b));
	buf_free(&b);
	return (-1);
}

/*
 * Codes travel in URL paths, comma lists and attribute[CODE] names, so
 * they may not contain '/', ',', '[' or ']', nor start or end in a space.
 */
static int
cat_code(struct ctx *c, const char *field, const char *code,
    const char *forbidden)
{
	size_t		len;

	len = strlen(code);
	if (strpbrk(code, forbidden) != NULL)
		return (cat_fail(c, field, "must not contain any of \"%s\"",
		    forbidden));
	if (len > 0 && (code[0] == ' ' || code[len - 1] == ' '))
		return (cat_fail(c, field, "must not start or end with a "
		    "space"));
	return (0);
}

/* keywords: a comma-separated string or an array of strings. */
static int
cat_keywords(struct ctx *c, json_t *obj, char **out)
{
	struct buf	b;
	json_t		*v, *item;
	size_t		i;
	const char	*why;

	v = json_object_get(obj, "keywords");
	if (!json_is_array(v))
		return (cat_str(c, obj, "keywords", 0, 1000, FMT_TEXT_LINE,
		    out));

	buf_init(&b);
	json_array_foreach(v, i, item) {
		if (!json_is_string(item) || (why = fmt_text_check(
		    json_string_value(item), json_string_length(item),
		    FMT_TEXT_LINE)) != NULL || strchr(json_string_value(item),
		    ',') != NULL) {
			buf_free(&b);
			return (cat_fail(c, "keywords", "item %zu must be a "
			    "one-line string without commas", i));
		}
		if (i > 0)
			buf_byte(&b, ',');
		buf_str(&b, json_string_value(item));
	}

	/* The same limit as for keywords given as one string. */
	if (fmt_utf8_chars(b.data, b.len) > 1000) {
		buf_free(&b);
		return (cat_fail(c, "keywords", "is longer than 1000 "
		    "characters"));
	}

	*out = mem_strdup(buf_cstr(&b));
	buf_free(&b);
	return (0);
}

static int
cat_attr(struct ctx *c, json_t *obj, struct cat_attr *a)
{
	json_t		*values, *v;
	size_t		i, j, plen;
	struct ctx	sub;
	int		islist;

	if (!json_is_object(obj))
		return (cat_fail(c, NULL, "must be an object"));

	if (cat_str(c, obj, "code", 1, CAT_CODE_MAX, FMT_TEXT_LINE,
	    &a->code) == -1)
		return (-1);
	plen = strlen(c->path);
	(void)snprintf(c->path + plen, sizeof(c->path) - plen, " (%s): ",
	    a->code);
	if (cat_code(c, "code", a->code, "/,[]") == -1)
		return (-1);

	if (cat_enum(c, obj, "datatype", cat_datatype_names, -1,
	    &a->datatype) == -1 ||
	    cat_bool(c, obj, "variable", 1, &a->variable) == -1 ||
	    cat_bool(c, obj, "required", 0, &a->required) == -1 ||
	    cat_str(c, obj, "datatype_description", 0, 1000, FMT_TEXT_LINE,
	    &a->datatype_description) == -1 ||
	    cat_str(c, obj, "description", 1, CAT_TEXT_MAX,
	    FMT_TEXT_MULTILINE, &a->description) == -1)
		return (-1);

	if (json_object_get(obj, "order") == NULL ||
	    json_is_null(json_object_get(obj, "order")))
		return (cat_fail(c, "order", "is required"));
	if (cat_int(c, obj, "order", 1, 100000, 1, &a->order) == -1)
		return (-1);

	if (!a->variable && a->required)
		return (cat_fail(c, "required", "an attribute that is not "
		    "variable cannot be required"));

	islist = a->datatype == CAT_DT_SINGLE || a->datatype == CAT_DT_MULTI;
	values = json_object_get(obj, "values");

	if (!islist) {
		if (values != NULL && !json_is_null(values) &&
		    !(json_is_array(values) && json_array_size(values) == 0))
			return (cat_fail(c, "values", "only list datatypes "
			    "take values"));
		return (0);
	}

	if (!json_is_array(values) || json_array_size(values) == 0)
		return (cat_fail(c, "values", "a %s needs a non-empty array "
		    "of values", cat_datatype_names[a->datatype]));

	a->nvalues = json_array_size(values);
	a->values = mem_calloc(a->nvalues, sizeof(*a->values));

	json_array_foreach(values, i, v) {
		sub = *c;
		plen = strlen(sub.path);
		(void)snprintf(sub.path + plen, sizeof(sub.path) - plen,
		    "values[%zu]: ", i);
		if (!json_is_object(v))
			return (cat_fail(&sub, NULL, "must be an object"));
		if (cat_str(&sub, v, "key", 1, CAT_CODE_MAX, FMT_TEXT_LINE,
		    &a->values[i].key) == -1 ||
		    cat_code(&sub, "key", a->values[i].key, ",") == -1 ||
		    cat_str(&sub, v, "name", 1, NAME_MAX_CHARS,
		    FMT_TEXT_LINE, &a->values[i].name) == -1)
			return (-1);
		for (j = 0; j < i; j++) {
			if (!strcmp(a->values[j].key, a->values[i].key))
				return (cat_fail(&sub, "key", "'%s' appears "
				    "twice", a->values[i].key));
		}
	}

	return (0);
}

static int
cat_duplicates(struct ctx *c, json_t *obj, struct cat_service *s)
{
	static const char	*modes[] = { "link", "off", NULL };
	json_t			*d;
	struct ctx		sub;
	size_t			plen;

	s->dup_radius_m = 50;
	s->dup_window_h = 720;
	s->dup_mode = CAT_DUP_LINK;
	s->dup_group = NULL;

	d = json_object_get(obj, "duplicates");
	if (d == NULL || json_is_null(d))
		return (0);
	if (!json_is_object(d))
		return (cat_fail(c, "duplicates", "must be an object"));

	sub = *c;
	plen = strlen(sub.path);
	(void)snprintf(sub.path + plen, sizeof(sub.path) - plen,
	    "duplicates: ");

	if (cat_int(&sub, d, "radius_m", 1, 5000, 50, &s->dup_radius_m) == -1 ||
	    cat_int(&sub, d, "window_hours", 1, 8760, 720,
	    &s->dup_window_h) == -1 ||
	    cat_enum(&sub, d, "mode", modes, CAT_DUP_LINK, &s->dup_mode) == -1)
		return (-1);

	if (json_object_get(d, "group") != NULL &&
	    !json_is_null(json_object_get(d, "group"))) {
		if (cat_str(&sub, d, "group", 1, CAT_CODE_MAX, FMT_TEXT_LINE,
		    &s->dup_group) == -1)
			return (-1);
	}

	return (0);
}

static int
cat_service(struct ctx *c, json_t *obj, struct cat_service *s)
{
	if (cat_service_base(c, obj, s) == -1)
		return (-1);
	return (cat_translations(c, obj, s));
}

/* Fails on a member of obj that is not one of names. */
static int
cat_known(struct ctx *c, json_t *obj, const char **names)
{
	const char	*key;
	json_t		*v;
	size_t		i;

	json_object_foreach(obj, key, v) {
		for (i = 0; names[i] != NULL; i++) {
			if (!strcmp(names[i], key))
				break;
		}
		if (names[i] == NULL)
			return (cat_fail(c, NULL, "unknown field \"%.64s\"",
			    key));
	}
	return (0);
}

/* An optional translated text: absent or null gives NULL. */
static int
cat_opt(struct ctx *c, json_t *obj, const char *key, size_t maxchars,
    int class, char **out)
{
	json_t		*v;

	*out = NULL;
	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return (0);
	return (cat_str(c, obj, key, 1, maxchars, class, out));
}

static int
cat_tr_attr(struct ctx *c, json_t *obj, const struct cat_attr *a,
    struct cat_tr_attr *t)
{
	static const char	*fields[] = { "description",
				    "datatype_description", "values", NULL };
	json_t			*values, *v;
	const char		*key;
	struct ctx		sub;
	size_t			i, plen;

	if (!json_is_object(obj))
		return (cat_fail(c, NULL, "must be an object"));
	if (cat_known(c, obj, fields) == -1 ||
	    cat_opt(c, obj, "description", CAT_TEXT_MAX, FMT_TEXT_MULTILINE,
	    &t->description) == -1 ||
	    cat_opt(c, obj, "datatype_description", 1000, FMT_TEXT_LINE,
	    &t->datatype_description) == -1)
		return (-1);

	values = json_object_get(obj, "values");
	if (values == NULL || json_is_null(values))
		return (0);
	if (!json_is_object(values))
		return (cat_fail(c, "values", "must be an object of value "
		    "keys and names"));

	sub = *c;
	plen = strlen(sub.path);
	(void)snprintf(sub.path + plen, sizeof(sub.path) - plen, "values: ");
	if (a->nvalues > 0)
		t->values = mem_calloc(a->nvalues, sizeof(*t->values));
	json_object_foreach(values, key, v) {
		for (i = 0; i < a->nvalues; i++) {
			if (!strcmp(a->values[i].key, key))
				break;
		}
		if (i == a->nvalues)
			return (cat_fail(&sub, NULL, "'%.64s' is not a value "
			    "key of attribute %s", key, a->code));
		if (cat_str(&sub, values, key, 1, NAME_MAX_CHARS,
		    FMT_TEXT_LINE, &t->values[i]) == -1)
			return (-1);
	}
	return (0);
}

static int
cat_tr_one(struct ctx *c, json_t *obj, struct cat_service *s,
    struct cat_tr *t)
{
	static const char	*fields[] = { "service_name", "description",
				    "keywords", "attributes", NULL };
	json_t			*attrs, *v;
	const char		*code;
	struct ctx		sub;
	size_t			i, plen;

	if (!json_is_object(obj))
		return (cat_fail(c, NULL, "must be an object"));
	if (cat_known(c, obj, fields) == -1 ||
	    cat_opt(c, obj, "service_name", NAME_MAX_CHARS, FMT_TEXT_LINE,
	    &t->name) == -1 ||
	    cat_opt(c, obj, "description", CAT_TEXT_MAX, FMT_TEXT_MULTILINE,
	    &t->description) == -1)
		return (-1);
	v = json_object_get(obj, "keywords");
	if (v != NULL && !json_is_null(v) &&
	    cat_keywords(c, obj, &t->keywords) == -1)
		return (-1);

	if (s->nattrs > 0)
		t->attrs = mem_calloc(s->nattrs, sizeof(*t->attrs));
	attrs = json_object_get(obj, "attributes");
	if (attrs == NULL || json_is_null(attrs))
		return (0);
	if (!json_is_object(attrs))
		return (cat_fail(c, "attributes", "must be an object of "
		    "attribute codes"));

	json_object_foreach(attrs, code, v) {
		sub = *c;
		plen = strlen(sub.path);
		(void)snprintf(sub.path + plen, sizeof(sub.path) - plen,
		    "attributes: %.64s: ", code);
		for (i = 0; i < s->nattrs; i++) {
			if (!strcmp(s->attrs[i].code, code))
				break;
		}
		if (i == s->nattrs)
			return (cat_fail(&sub, NULL, "not an attribute of "
			    "this service"));
		if (cat_tr_attr(&sub, v, &s->attrs[i], &t->attrs[i]) == -1)
			return (-1);
	}
	return (0);
}

/*
 * translations: an object of language tags, each the service's texts in
 * that language. Read after the attributes are sorted, so each
 * translation's attributes line up with them.
 */
static int
cat_translations(struct ctx *c, json_t *obj, struct cat_service *s)
{
	json_t		*trs, *v;
	const char	*lang;
	struct ctx	sub;
	size_t		i, plen;

	trs = json_object_get(obj, "translations");
	if (trs == NULL || json_is_null(trs))
		return (0);
	if (!json_is_object(trs))
		return (cat_fail(c, "translations", "must be an object of "
		    "language tags"));
	if (json_object_size(trs) > CAT_LANGS_MAX)
		return (cat_fail(c, "translations", "more than %d languages",
		    CAT_LANGS_MAX));

	s->ntrs = json_object_size(trs);
	if (s->ntrs == 0)
		return (0);
	s->trs = mem_calloc(s->ntrs, sizeof(*s->trs));
	i = 0;
	json_object_foreach(trs, lang, v) {
		sub = *c;
		plen = strlen(sub.path);
		(void)snprintf(sub.path + plen, sizeof(sub.path) - plen,
		    "translations: %.16s: ", lang);
		if (strlen(lang) >= CAT_LANG_MAX || !cat_lang_valid(lang))
			return (cat_fail(c, "translations", "'%.32s' is not a "
			    "language tag such as es or es-MX", lang));
		s->trs[i].lang = mem_strdup(lang);
		if (cat_tr_one(&sub, v, s, &s->trs[i]) == -1)
			return (-1);
		i++;
	}

	if ((s->trs_json = json_dumps(trs, JSON_COMPACT | JSON_SORT_KEYS))
	    == NULL)
		abort();
	return (0);
}

static int
cat_service_base(struct ctx *c, json_t *obj, struct cat_service *s)
{
	json_t		*attrs, *a;
	size_t		i, j, plen;
	struct ctx	sub;

	if (!json_is_object(obj))
		return (cat_fail(c, NULL, "must be an object"));

	if (cat_str(c, obj, "service_code", 1, CAT_CODE_MAX, FMT_TEXT_LINE,
	    &s->code) == -1)
		return (-1);
	plen = strlen(c->path);
	(void)snprintf(c->path + plen, sizeof(c->path) - plen, " (%s): ",
	    s->code);

	if (cat_code(c, "service_code", s->code, "/,") == -1 ||
	    cat_str(c, obj, "service_name", 1, NAME_MAX_CHARS, FMT_TEXT_LINE,
	    &s->name) == -1 ||
	    cat_str(c, obj, "description", 1, CAT_TEXT_MAX,
	    FMT_TEXT_MULTILINE, &s->description) == -1 ||
	    cat_str(c, obj, "group", 0, NAME_MAX_CHARS, FMT_TEXT_LINE,
	    &s->group) == -1 ||
	    cat_keywords(c, obj, &s->keywords) == -1 ||
	    cat_enum(c, obj, "type", cat_type_names, CAT_TYPE_REALTIME,
	    &s->type) == -1 ||
	    cat_str(c, obj, "agency_responsible", 0, NAME_MAX_CHARS,
	    FMT_TEXT_LINE, &s->agency) == -1 ||
	    cat_str(c, obj, "service_notice", 0, 1000, FMT_TEXT_LINE,
	    &s->notice) == -1 ||
	    cat_int(c, obj, "sla_hours", 1, 87600, 0, &s->sla_hours) == -1 ||
	    cat_bool(c, obj, "active", 1, &s->active) == -1 ||
	    cat_bool(c, obj, "private", 0, &s->private) == -1 ||
	    cat_duplicates(c, obj, s) == -1)
		return (-1);

	attrs = json_object_get(obj, "attributes");
	if (attrs == NULL || json_is_null(attrs))
		return (0);
	if (!json_is_array(attrs))
		return (cat_fail(c, "attributes", "must be an array"));

	s->nattrs = json_array_size(attrs);
	if (s->nattrs == 0)
		return (0);
	s->attrs = mem_calloc(s->nattrs, sizeof(*s->attrs));

	json_array_foreach(attrs, i, a) {
		sub = *c;
		plen = strlen(sub.path);
		(void)snprintf(sub.path + plen, sizeof(sub.path) - plen,
		    "attributes[%zu]", i);
		if (cat_attr(&sub, a, &s->attrs[i]) == -1)
			return (-1);
		for (j = 0; j < i; j++) {
			if (!strcmp(s->attrs[j].code, s->attrs[i].code))
				return (cat_fail(&sub, "code", "'%s' appears "
				    "twice in this service", s->attrs[i].code));
			if (s->attrs[j].order == s->attrs[i].order)
				return (cat_fail(&sub, "order", "%d is already "
				    "used by attribute %s", s->attrs[i].order,
				    s->attrs[j].code));
		}
	}

	/* Keep attributes in display order. */
	for (i = 1; i < s->nattrs; i++) {
		for (j = i; j > 0 &&
		    s->attrs[j - 1].order > s->attrs[j].order; j--) {
			struct cat_attr	t = s->attrs[j];
			s->attrs[j] = s->attrs[j - 1];
			s->attrs[j - 1] = t;
		}
	}

	return (0);
}

int
fmt_catalog_jurisdiction(json_t *obj, struct cat_jurisdiction *jur,
    char *err, size_t errlen)
{
	json_t		*services, *s, *area, *boundary;
	struct ctx	c, sub;
	size_t		i, j;

	c.err = err;
	c.errlen = errlen;
	c.path[0] = '\0';

	if (!json_is_object(obj))
		return (cat_fail(&c, NULL, "the catalog must be a JSON "
		    "object"));

	if (cat_str(&c, obj, "jurisdiction_id", 1, 128, FMT_TEXT_LINE,
	    &jur->id) == -1 ||
	    cat_code(&c, "jurisdiction_id", jur->id, "/, ") == -1 ||
	    cat_str(&c, obj, "name", 0, NAME_MAX_CHARS, FMT_TEXT_LINE,
	    &jur->name) == -1 ||
	    cat_str(&c, obj, "time_zone", 0, 64, FMT_TEXT_LINE,
	    &jur->time_zone) == -1 ||
	    cat_str(&c, obj, "contact", 0, 1000, FMT_TEXT_LINE,
	    &jur->contact) == -1 ||
	    cat_str(&c, obj, "key_service", 0, 1000, FMT_TEXT_LINE,
	    &jur->key_service) == -1 ||
	    cat_str(&c, obj, "changeset", 0, 64, FMT_TEXT_LINE,
	    &jur->changeset) == -1 ||
	    cat_int(&c, obj, "srid", 0, 999999, 4326, &jur->srid) == -1)
		return (-1);

	area = json_object_get(obj, "area");
	jur->area = json_is_number(area) ? json_number_value(area) : 0.0;
	boundary = json_object_get(obj, "boundary");
	if (json_is_object(boundary) &&
	    (jur->boundary = json_dumps(boundary, JSON_COMPACT)) == NULL)
		abort();

	services = json_object_get(obj, "services");
	if (!json_is_array(services))
		return (cat_fail(&c, "services", "must be an array"));

	jur->nservices = json_array_size(services);
	if (jur->nservices > 0)
		jur->services = mem_calloc(jur->nservices,
		    sizeof(*jur->services));

	json_array_foreach(services, i, s) {
		sub = c;
		(void)snprintf(sub.path, sizeof(sub.path), "services[%zu]", i);
		if (cat_service(&sub, s, &jur->services[i]) == -1)
			return (-1);
		jur->services[i].jur = jur;
		for (j = 0; j < i; j++) {
			if (!strcmp(jur->services[j].code,
			    jur->services[i].code))
				return (cat_fail(&sub, "service_code", "'%s' "
				    "appears twice", jur->services[i].code));
		}
	}

	return (0);
}

struct catalog *
fmt_catalog_parse(const char *text, size_t len, long long version,
    char *err, size_t errlen)
{
	struct catalog	*cat;
	json_t		*root, *j;
	json_error_t	jerr;
	size_t		i;
	char		msg[512];

	if ((root = json_loadb(text, len, 0, &jerr)) == NULL) {
		(void)snprintf(err, errlen, "line %d: %s", jerr.line,
		    jerr.text);
		return (NULL);
	}

	cat = mem_calloc(1, sizeof(*cat));
	cat->version = version;

	if (!json_is_array(root)) {
		(void)snprintf(err, errlen, "the catalog document must be an "
		    "array of jurisdictions");
		goto fail;
	}

	cat->njurs = json_array_size(root);
	if (cat->njurs > 0)
		cat->jurs = mem_calloc(cat->njurs, sizeof(*cat->jurs));

	json_array_foreach(root, i, j) {
		if (fmt_catalog_jurisdiction(j, &cat->jurs[i], msg,
		    sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "jurisdiction %zu: %s",
			    i, msg);
			goto fail;
		}
		if (cat->changeset == NULL ||
		    strcmp(cat->jurs[i].changeset, cat->changeset) > 0) {
			free(cat->changeset);
			cat->changeset = mem_strdup(cat->jurs[i].changeset);
		}
	}

	/* No jurisdiction has a changeset: still give discovery a date. */
	if (cat->changeset == NULL || cat->changeset[0] == '\0') {
		free(cat->changeset);
		cat->changeset = mem_strdup("1970-01-01T00:00:00Z");
	}

	json_decref(root);
	return (cat);

fail:
	json_decref(root);
	cat_free(cat);
	return (NULL);
}
