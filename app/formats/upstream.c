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
 * Gateway mode's submissions to an upstream Open311 server (see
 * upstream.h).
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "form.h"
#include "lib/mem.h"
#include "upstream.h"

/* How far apart two coordinates of one place may be, in degrees. */
#define UPSTREAM_COORD_EPS	1e-5

static void	upstream_fields(json_t *, struct buf *);
static void	upstream_attributes(json_t *, struct buf *);
static int	upstream_same_text(json_t *, json_t *);
static int	upstream_same_coord(json_t *, json_t *);
static int	upstream_matches(json_t *, json_t *);

static void
upstream_fields(json_t *r, struct buf *form)
{
	const char	*key;
	json_t		*v, *item;
	char		num[64];
	size_t		i;

	json_object_foreach(r, key, v) {
		if (!strcmp(key, "service_code") ||
		    !strcmp(key, "description") || !strcmp(key, "address_id") ||
		    !strcmp(key, "zipcode")) {
			if (json_is_string(v))
				fmt_form_encode(form, key,
				    json_string_value(v));
		} else if (!strcmp(key, "address") && json_is_string(v)) {
			fmt_form_encode(form, "address_string",
			    json_string_value(v));
		} else if ((!strcmp(key, "lat") || !strcmp(key, "long")) &&
		    json_is_number(v)) {
			(void)snprintf(num, sizeof(num), "%.8f",
			    json_number_value(v));
			fmt_form_encode(form, key, num);
		} else if (!strcmp(key, "media_urls") && json_is_array(v)) {
			json_array_foreach(v, i, item) {
				if (json_is_string(item))
					fmt_form_encode(form, "media_url",
					    json_string_value(item));
			}
		}
	}
}

static void
upstream_attributes(json_t *attrs, struct buf *form)
{
	const char	*key;
	json_t		*v, *item;
	char		name[160], num[64];
	size_t		i;

	json_object_foreach(attrs, key, v) {
		if (json_is_array(v)) {
			(void)snprintf(name, sizeof(name), "attribute[%s][]",
			    key);
			json_array_foreach(v, i, item) {
				if (json_is_string(item))
					fmt_form_encode(form, name,
					    json_string_value(item));
			}
			continue;
		}
		(void)snprintf(name, sizeof(name), "attribute[%s]", key);
		if (json_is_string(v)) {
			fmt_form_encode(form, name, json_string_value(v));
		} else if (json_is_number(v)) {
			(void)snprintf(num, sizeof(num), "%.15g",
			    json_number_value(v));
			fmt_form_encode(form, name, num);
		}
	}
}

void
fmt_upstream_form(const char *event, const char *api_key,
    const char *jurisdiction, struct buf *form)
{
	json_t		*root, *r, *v;
	const char	*key;

	root = json_loads(event, 0, NULL);
	r = json_object_get(root, "request");

	fmt_form_encode(form, "api_key", api_key);
	if (jurisdiction != NULL)
		fmt_form_encode(form, "jurisdiction_id", jurisdiction);
	upstream_fields(r, form);
	upstream_attributes(json_object_get(r, "attributes"), form);
	json_object_foreach(json_object_get(r, "contact"), key, v) {
		if (json_is_string(v) && strcmp(key, "device_id"))
			fmt_form_encode(form, key, json_string_value(v));
	}
	json_decref(root);
}

char *
fmt_upstream_id(const char *body)
{
	json_t		*root, *first;
	const char	*v;
	char		*out;
	size_t		len;

	out = NULL;
	if (body == NULL || (root = json_loads(body, 0, NULL)) == NULL)
		return (NULL);
	first = json_is_array(root) ? json_array_get(root, 0) : root;
	if ((v = json_string_value(json_object_get(first,
	    "service_request_id"))) != NULL && v[0] != '\0') {
		out = mem_strdup(v);
	} else if ((v = json_string_value(json_object_get(first,
	    "token"))) != NULL && v[0] != '\0') {
		len = strlen(v) + 7;
		out = mem_calloc(1, len);
		(void)snprintf(out, len, "token:%s", v);
	}
	json_decref(root);
	return (out);
}

int
fmt_upstream_search(const char *event, long long from, long long to,
    const char *jurisdiction, struct buf *qs)
{
	json_t		*root;
	const char	*code;
	char		date[32];
	int		ret;

	ret = -1;
	root = json_loads(event, 0, NULL);
	code = json_string_value(json_object_get(json_object_get(root,
	    "request"), "service_code"));
	if (code == NULL || code[0] == '\0')
		goto out;

	fmt_form_encode(qs, "service_code", code);
	fmt_date_format(from, date);
	fmt_form_encode(qs, "start_date", date);
	fmt_date_format(to, date);
	fmt_form_encode(qs, "end_date", date);
	if (jurisdiction != NULL)
		fmt_form_encode(qs, "jurisdiction_id", jurisdiction);
	ret = 0;
out:
	json_decref(root);
	return (ret);
}

/* Two optional texts are the same: missing, null and "" are alike. */
static int
upstream_same_text(json_t *a, json_t *b)
{
	const char	*x, *y;

	x = json_is_string(a) ? json_string_value(a) : "";
	y = json_is_string(b) ? json_string_value(b) : "";
	return (!strcmp(x, y));
}

/* Two coordinates are the same place; upstreams send numbers or text. */
static int
upstream_same_coord(json_t *a, json_t *b)
{
	double	x, y;
	char	*end;

	if (!json_is_number(a))
		return (0);
	x = json_number_value(a);
	if (json_is_number(b)) {
		y = json_number_value(b);
	} else if (json_is_string(b)) {
		y = strtod(json_string_value(b), &end);
		if (end == json_string_value(b) || *end != '\0')
			return (0);
	} else {
		return (0);
	}
	return (fabs(x - y) <= UPSTREAM_COORD_EPS);
}

static int
upstream_matches(json_t *r, json_t *item)
{
	json_t	*lat, *lon;

	if (!json_is_string(json_object_get(r, "service_code")) ||
	    !upstream_same_text(json_object_get(r, "service_code"),
	    json_object_get(item, "service_code")) ||
	    !upstream_same_text(json_object_get(r, "description"),
	    json_object_get(item, "description")))
		return (0);

	lat = json_object_get(r, "lat");
	lon = json_object_get(r, "long");
	if (json_is_number(lat) && json_is_number(lon))
		return (upstream_same_coord(lat,
		    json_object_get(item, "lat")) &&
		    upstream_same_coord(lon, json_object_get(item, "long")));
	return (json_is_string(json_object_get(r, "address")) &&
	    upstream_same_text(json_object_get(r, "address"),
	    json_object_get(item, "address")));
}

char *
fmt_upstream_find(const char *event, const char *body)
{
	json_t		*root, *list, *r, *item;
	const char	*id;
	char		*out;
	size_t		i;

	out = NULL;
	root = json_loads(event, 0, NULL);
	r = json_object_get(root, "request");
	list = body != NULL ? json_loads(body, 0, NULL) : NULL;
	if (!json_is_object(r) || !json_is_array(list))
		goto out;

	json_array_foreach(list, i, item) {
		id = json_string_value(json_object_get(item,
		    "service_request_id"));
		if (id != NULL && id[0] != '\0' && upstream_matches(r, item)) {
			out = mem_strdup(id);
			break;
		}
	}
out:
	json_decref(list);
	json_decref(root);
	return (out);
}
