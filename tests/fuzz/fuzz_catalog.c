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
 * libFuzzer target: fmt_catalog_parse() on arbitrary catalog documents,
 * then fmt_catalog_render() and the look-ups on whatever it accepts.
 * Every rendered JSON body must parse with jansson and every XML body
 * must be well-formed.
 */

#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "formats/catalog.h"
#include "formats/catalog_render.h"
#include "formats/doc.h"
#include "model/catalog.h"
#include "fuzz.h"
#include "xmlcheck.h"

static void
check_body(const struct buf *b, int type)
{
	json_error_t	err;
	json_t		*j;

	FUZZ_CHECK(b->len > 0);
	if (type == FMT_XML) {
		FUZZ_CHECK(xml_wellformed(b->data, b->len));
		return;
	}
	j = json_loadb(b->data, b->len, JSON_ALLOW_NUL |
	    JSON_DECODE_INT_AS_REAL, &err);
	if (j == NULL)
		fprintf(stderr, "%s: %.*s\n", err.text, (int)b->len, b->data);
	FUZZ_CHECK(j != NULL);
	FUZZ_CHECK(json_is_array(j) || json_is_object(j));
	json_decref(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fmt_discovery	d = {
		"", "", "https://api.example.org/v2",
		"https://api.example.org/v2/test"
	};
	struct catalog		*cat;
	struct cat_jurisdiction	*jur;
	struct cat_service	*s;
	struct buf		tb;
	char			err[512];
	size_t			i, k, a;
	int			type;

	err[0] = '\0';
	cat = fmt_catalog_parse((const char *)data, size, 1, err, sizeof(err));
	if (cat == NULL) {
		FUZZ_CHECK(err[0] != '\0');
		return (0);
	}

	FUZZ_CHECK(cat->changeset != NULL && cat->changeset[0] != '\0');
	fmt_catalog_render(cat, &d);

	for (type = FMT_XML; type <= FMT_JSON; type++) {
		check_body(&cat->discovery[type - 1], type);
		for (i = 0; i < cat->njurs; i++) {
			jur = &cat->jurs[i];
			check_body(&jur->list[type - 1], type);
			for (k = 0; k < jur->nservices; k++) {
				s = &jur->services[k];
				check_body(&s->def[type - 1], type);
				/* Each translation, as locale answers it. */
				for (a = 0; a < s->ntrs; a++) {
					FUZZ_CHECK(cat_lang_valid(
					    s->trs[a].lang));
					FUZZ_CHECK(cat_tr_find(s,
					    s->trs[a].lang) == &s->trs[a]);
					buf_init(&tb);
					fmt_catalog_definition(&tb, s,
					    s->trs[a].lang, type);
					check_body(&tb, type);
					buf_reset(&tb);
					fmt_catalog_list(&tb, jur,
					    s->trs[a].lang, type);
					check_body(&tb, type);
					buf_free(&tb);
				}
			}
		}
	}

	for (i = 0; i < cat->njurs; i++) {
		jur = &cat->jurs[i];
		FUZZ_CHECK(cat_jurisdiction_find(cat, jur->id) != NULL);
		for (k = 0; k < jur->nservices; k++) {
			s = &jur->services[k];
			FUZZ_CHECK(s->jur == jur);
			FUZZ_CHECK(cat_service_find(jur, s->code) == s);
			for (a = 0; a < s->nattrs; a++) {
				FUZZ_CHECK(cat_attr_find(s, s->attrs[a].code) ==
				    &s->attrs[a]);
				FUZZ_CHECK(a == 0 || s->attrs[a - 1].order <
				    s->attrs[a].order);
				if (s->attrs[a].nvalues > 0)
					FUZZ_CHECK(cat_attr_has_key(
					    &s->attrs[a],
					    s->attrs[a].values[0].key));
			}
		}
	}

	cat_free(cat);
	return (0);
}
