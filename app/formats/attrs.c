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
 * Attribute validation against the service definition (see attrs.h).
 */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "attrs.h"
#include "date.h"
#include "utf8.h"

static int	attrs_fail(char *, size_t, const char *, ...)
		    __attribute__((format (printf, 3, 4)));
static int	attrs_value(const struct cat_attr *, const char *, size_t,
		    json_t **, char *, size_t);
static int	attrs_number(const char *, double *);

static int
attrs_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list		ap;

	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return (-1);
}

int
fmt_attr_name(const char *name, char *code, size_t len, int *multi)
{
	const char	*p, *end;
	size_t		n;

	if (strncmp(name, "attribute[", 10))
		return (0);

	p = name + 10;
	if ((end = strchr(p, ']')) == NULL || end == p)
		return (-1);

	*multi = 0;
	if (end[1] == '[' && end[2] == ']' && end[3] == '\0')
		*multi = 1;
	else if (end[1] != '\0')
		return (-1);

	n = (size_t)(end - p);
	if (n >= len)
		return (-1);
	memcpy(code, p, n);
	code[n] = '\0';
	return (1);
}

/* A plain decimal number: optional sign, digits, optional fraction. */
static int
attrs_number(const char *s, double *out)
{
	char	*end;
	double	v;

	if (*s == '\0' || strpbrk(s, "xXpPnNiI") != NULL ||
	    strchr("+-.0123456789", *s) == NULL)
		return (-1);
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		return (-1);
	*out = v;
	return (0);
}

/* Converts one submitted value to its JSON form by the datatype. */
static int
attrs_value(const struct cat_attr *a, const char *v, size_t len,
    json_t **out, char *err, size_t errlen)
{
	char		date[FMT_DATE_LEN];
	long long	secs;
	double		num;
	const char	*why;

	switch (a->datatype) {
	case CAT_DT_NUMBER:
		if (attrs_number(v, &num) == -1)
			return (attrs_fail(err, errlen, "attribute[%s] must be "
			    "a number, not '%.40s'", a->code, v));
		*out = json_real(num);
		if (fabs(num) < 1e15 && num == (double)(long long)num) {
			json_decref(*out);
			*out = json_integer((json_int_t)num);
		}
		return (0);
	case CAT_DT_DATETIME:
		/* The zone may take it out of years 1 to 9999. */
		if (fmt_date_parse(v, &secs, NULL) == -1 ||
		    secs < fmt_days_from_civil(1, 1, 1) * 86400LL ||
		    secs >= fmt_days_from_civil(10000, 1, 1) * 86400LL)
			return (attrs_fail(err, errlen, "attribute[%s] must be "
			    "a date and time such as 2026-11-20T18:30:00Z, not "
			    "'%.40s'", a->code, v));
		fmt_date_format(secs, date);
		*out = json_string(date);
		return (0);
	case CAT_DT_SINGLE:
	case CAT_DT_MULTI:
		if (!cat_attr_has_key(a, v))
			return (attrs_fail(err, errlen, "attribute[%s]: '%.40s' "
			    "is not one of its values", a->code, v));
		*out = json_string(v);
		return (0);
	case CAT_DT_STRING:
	case CAT_DT_TEXT:
	default:
		why = fmt_text_check(v, len, a->datatype == CAT_DT_TEXT ?
		    FMT_TEXT_MULTILINE : FMT_TEXT_LINE);
		if (why != NULL)
			return (attrs_fail(err, errlen, "attribute[%s] %s",
			    a->code, why));
		if (fmt_utf8_chars(v, len) > (a->datatype == CAT_DT_TEXT ?
		    CAT_TEXT_MAX : FMT_ATTR_STRING_MAX))
			return (attrs_fail(err, errlen, "attribute[%s] is "
			    "longer than %d characters", a->code,
			    a->datatype == CAT_DT_TEXT ? CAT_TEXT_MAX :
			    FMT_ATTR_STRING_MAX));
		*out = json_stringn(v, len);
		return (0);
	}
}

int
fmt_attrs_collect(const struct fmt_form *form, const struct cat_service *svc,
    struct fmt_buf *out, char *err, size_t errlen)
{
	const struct cat_attr	*a;
	const struct fmt_field	*f;
	json_t			*obj, *val, *arr;
	char			code[CAT_CODE_MAX * 4 + 1], *text;
	size_t			i, j, count;
	int			multi, r;

	obj = json_object();
	val = NULL;
	r = -1;

	for (i = 0; i < form->n; i++) {
		f = &form->f[i];
		if (f->file)
			continue;
		switch (fmt_attr_name(f->name, code, sizeof(code), &multi)) {
		case 0:
			continue;
		case -1:
			(void)attrs_fail(err, errlen, "malformed attribute "
			    "field name '%.60s': use attribute[CODE] or "
			    "attribute[CODE][]", f->name);
			goto out;
		}

		if ((a = cat_attr_find(svc, code)) == NULL) {
			/* Not in the definition: kept, as clients send extras. */
			if (fmt_text_check(f->value, f->len, FMT_TEXT_MULTILINE)
			    != NULL || f->len > CAT_TEXT_MAX * 4) {
				(void)attrs_fail(err, errlen, "attribute[%.60s] "
				    "is not acceptable text", code);
				goto out;
			}
			if (json_object_get(obj, code) == NULL)
				json_object_set_new(obj, code,
				    json_stringn(f->value, f->len));
			continue;
		}

		if (!a->variable)
			continue;

		/* An empty value of an optional attribute means none. */
		if (f->len == 0)
			continue;

		if (attrs_value(a, f->value, f->len, &val, err, errlen) == -1)
			goto out;

		if (a->datatype == CAT_DT_MULTI) {
			if ((arr = json_object_get(obj, a->code)) == NULL) {
				arr = json_array();
				json_object_set_new(obj, a->code, arr);
			}
			count = json_array_size(arr);
			for (j = 0; j < count; j++) {
				if (json_equal(json_array_get(arr, j), val))
					break;
			}
			if (j == count)
				json_array_append(arr, val);
			json_decref(val);
			continue;
		}

		if (json_object_get(obj, a->code) != NULL) {
			json_decref(val);
			(void)attrs_fail(err, errlen, "attribute[%s] takes one "
			    "value (it is a %s)", a->code,
			    cat_datatype_names[a->datatype]);
			goto out;
		}
		json_object_set_new(obj, a->code, val);
	}

	for (i = 0; i < svc->nattrs; i++) {
		a = &svc->attrs[i];
		if (a->variable && a->required &&
		    json_object_get(obj, a->code) == NULL) {
			/* "CODE required" first: Chicago's suite reads it. */
			(void)attrs_fail(err, errlen, "%s required: send "
			    "attribute[%s] (%s)", a->code, a->code,
			    a->description);
			goto out;
		}
	}

	if ((text = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_REAL_PRECISION(15))) == NULL)
		abort();
	fmt_buf_str(out, text);
	free(text);
	r = 0;

out:
	json_decref(obj);
	return (r);
}
