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
 * libFuzzer target: fmt_attrs_collect() on arbitrary urlencoded bodies.
 * The first byte picks a service of the demo catalog
 * (assets/demo/sandiego-catalog.json, read from the repository root,
 * where run.sh runs), the rest is the body, parsed with
 * fmt_form_urlencoded(). Accepted attributes must be a JSON object that
 * jansson parses, holding every required attribute, no non-variable one,
 * and each defined attribute in the shape of its datatype: numbers,
 * datetimes as "YYYY-MM-DDThh:mm:ssZ" that parse again, keys of the
 * attribute's values, non-empty arrays of distinct keys. Refusals must
 * say why and write nothing.
 */

#include <string.h>

#include <jansson.h>

#include "formats/attrs.h"
#include "lib/buf.h"
#include "formats/catalog.h"
#include "formats/date.h"
#include "formats/form.h"
#include "model/catalog.h"
#include "fuzz.h"

#define DEMO	"assets/demo/sandiego-catalog.json"

static struct cat_jurisdiction	*demo;

static void
load_demo(void)
{
	static struct cat_jurisdiction	jur;
	json_error_t			jerr;
	json_t				*j;
	char				err[512];

	if ((j = json_load_file(DEMO, 0, &jerr)) == NULL) {
		fprintf(stderr, "%s: %s\n", DEMO, jerr.text);
		abort();
	}
	memset(&jur, 0, sizeof(jur));
	if (fmt_catalog_jurisdiction(j, &jur, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", DEMO, err);
		abort();
	}
	json_decref(j);
	FUZZ_CHECK(jur.nservices > 0);
	demo = &jur;
}

static void
check_value(const struct cat_attr *a, json_t *v)
{
	json_t		*item;
	long long	secs;
	size_t		i, k;

	switch (a->datatype) {
	case CAT_DT_NUMBER:
		FUZZ_CHECK(json_is_number(v));
		break;
	case CAT_DT_DATETIME:
		FUZZ_CHECK(json_is_string(v));
		FUZZ_CHECK(json_string_length(v) == FMT_DATE_LEN - 1);
		FUZZ_CHECK(fmt_date_parse(json_string_value(v), &secs,
		    NULL) == 0);
		break;
	case CAT_DT_SINGLE:
		FUZZ_CHECK(json_is_string(v));
		FUZZ_CHECK(cat_attr_has_key(a, json_string_value(v)));
		break;
	case CAT_DT_MULTI:
		FUZZ_CHECK(json_is_array(v) && json_array_size(v) > 0);
		json_array_foreach(v, i, item) {
			FUZZ_CHECK(json_is_string(item));
			FUZZ_CHECK(cat_attr_has_key(a,
			    json_string_value(item)));
			for (k = 0; k < i; k++)
				FUZZ_CHECK(!json_equal(item,
				    json_array_get(v, k)));
		}
		break;
	default:
		FUZZ_CHECK(json_is_string(v));
		FUZZ_CHECK(json_string_length(v) > 0);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fmt_form_limits	lim = {
		256, 256, 65536, 0, 0
	};
	const struct cat_service	*svc;
	const struct cat_attr		*a;
	struct fmt_form			form;
	struct buf			out;
	json_error_t			jerr;
	json_t				*j, *v;
	char				err[512];
	size_t				i;

	if (demo == NULL)
		load_demo();
	if (size == 0)
		return (0);
	svc = &demo->services[data[0] % demo->nservices];

	fmt_form_init(&form);
	if (fmt_form_urlencoded(&form, (const char *)data + 1, size - 1,
	    &lim) == -1) {
		fmt_form_free(&form);
		return (0);
	}

	buf_init(&out);
	err[0] = '\0';
	if (fmt_attrs_collect(&form, svc, &out, err, sizeof(err)) == -1) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(out.len == 0);
		buf_free(&out);
		fmt_form_free(&form);
		return (0);
	}

	j = json_loadb(out.data, out.len, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL)
		fprintf(stderr, "%s: %.*s\n", jerr.text, (int)out.len,
		    out.data);
	FUZZ_CHECK(j != NULL);
	FUZZ_CHECK(json_is_object(j));

	for (i = 0; i < svc->nattrs; i++) {
		a = &svc->attrs[i];
		v = json_object_get(j, a->code);
		if (!a->variable) {
			FUZZ_CHECK(v == NULL);
			continue;
		}
		if (a->required)
			FUZZ_CHECK(v != NULL);
		if (v != NULL)
			check_value(a, v);
	}

	json_decref(j);
	buf_free(&out);
	fmt_form_free(&form);
	return (0);
}
