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
 * Unit tests for formats/catalog.c and model/catalog.c: the demo catalog
 * (assets/demo/sandiego-catalog.json, read from the repository root)
 * parses into 14 services; a table of broken catalogs, each refused with
 * a message naming the entry and field ("services[0] (X): attributes[1]
 * (Y): order: ..."): missing, empty and wrongly typed fields, bad type
 * and datatype names, duplicate codes, orders and value keys, values on
 * types without them and none on list types, forbidden characters in
 * codes, over-long text, control characters, required attributes that
 * are not variable, duplicate settings out of range; a table of valid
 * variants and what they parse to; fmt_catalog_parse on whole documents;
 * and the rendered bodies: XML well-formed, JSON in the Spark shapes
 * (an array of services; a definition object with an "attributes" array,
 * "values" only for list datatypes; metadata true iff attributes exist;
 * inactive services left out of the list), discovery (the gateway's and
 * each jurisdiction's own: URLs, contact, key service), endpoint URL
 * encoding; the look-ups.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lib/buf.h"
#include "formats/catalog.h"
#include "formats/catalog_render.h"
#include "formats/doc.h"
#include "model/catalog.h"
#include "xmlcheck.h"

#define DEMO	"assets/demo/sandiego-catalog.json"

/*
 * Expands a compact JSON template: ' is ", @N@ is N letters 'x' and ~N~
 * is N letters U+00E9 (two bytes each).
 */
static char *
expand(const char *t)
{
	struct buf	b;
	char		*end;
	long		n;

	buf_init(&b);
	for (; *t != '\0'; t++) {
		if (*t == '\'') {
			buf_byte(&b, '"');
		} else if (*t == '@' || *t == '~') {
			n = strtol(t + 1, &end, 10);
			assert_true(*end == *t);
			while (n-- > 0)
				buf_str(&b, *t == '@' ? "x" : "\xc3\xa9");
			t = end;
		} else {
			buf_byte(&b, *t);
		}
	}
	(void)buf_cstr(&b);
	return (buf_release(&b, NULL));
}

static json_t *
load_json(const char *tmpl)
{
	json_error_t	err;
	json_t		*j;
	char		*text;

	text = expand(tmpl);
	if ((j = json_loads(text, JSON_ALLOW_NUL | JSON_DECODE_ANY,
	    &err)) == NULL)
		fail_msg("test JSON does not parse (%s): %s", err.text, text);
	free(text);
	return (j);
}

static json_t *
json_of(const struct buf *b)
{
	json_error_t	err;
	json_t		*j;

	if ((j = json_loadb(b->data, b->len, 0, &err)) == NULL)
		fail_msg("body does not parse (%s): %.*s", err.text,
		    (int)b->len, b->data);
	return (j);
}

static void
check_xml(const struct buf *b)
{
	if (!xml_wellformed(b->data, b->len))
		fail_msg("XML is not well-formed: %.*s", (int)b->len, b->data);
}

#define J(s)	"{'jurisdiction_id':'sd.gov','services':[" s "]}"
#define S0	"'service_code':'X','service_name':'N','description':'D'"
#define S(s)	"{" S0 s "}"
#define A0	"'code':'Y','datatype':'string','description':'d','order':1"
#define A(s)	"{" A0 s "}"
#define SA(a)	S(",'attributes':[" a "]")
#define SAT(a, t)	"{" S0 ",'attributes':[" a "],'translations':" t "}"
#define V2	"'values':[{'key':'a','name':'A'},{'key':'b','name':'B'}]"

struct bad_case {
	const char	*json;
	const char	*err;
};

static const struct bad_case	bad_cases[] = {
	/* The jurisdiction. */
	{ "[]", "the catalog must be a JSON object" },
	{ "'sd.gov'", "the catalog must be a JSON object" },
	{ "{}", "jurisdiction_id: is required" },
	{ "{'jurisdiction_id':null,'services':[]}",
	    "jurisdiction_id: is required" },
	{ "{'jurisdiction_id':'','services':[]}",
	    "jurisdiction_id: must not be empty" },
	{ "{'jurisdiction_id':5,'services':[]}",
	    "jurisdiction_id: must be a string" },
	{ "{'jurisdiction_id':'sd/gov','services':[]}",
	    "jurisdiction_id: must not contain any of \"/, \"" },
	{ "{'jurisdiction_id':'sd gov','services':[]}",
	    "jurisdiction_id: must not contain any of" },
	{ "{'jurisdiction_id':'@129@','services':[]}",
	    "jurisdiction_id: is longer than 128 characters" },
	{ "{'jurisdiction_id':'sd.gov'}", "services: must be an array" },
	{ "{'jurisdiction_id':'sd.gov','services':{}}",
	    "services: must be an array" },
	{ "{'jurisdiction_id':'sd.gov','name':'@201@','services':[]}",
	    "name: is longer than 200 characters" },
	{ "{'jurisdiction_id':'sd.gov','name':'~201~','services':[]}",
	    "name: is longer than 200 characters" },
	{ "{'jurisdiction_id':'sd.gov','name':'a\\nb','services':[]}",
	    "name: contains a control character" },
	{ "{'jurisdiction_id':'sd.gov','time_zone':'a\\u0000b',"
	    "'services':[]}", "time_zone: contains a NUL character" },
	{ "{'jurisdiction_id':'sd.gov','contact':['a'],'services':[]}",
	    "contact: must be a string" },
	{ "{'jurisdiction_id':'sd.gov','srid':-1,'services':[]}",
	    "srid: must be from 0 to 999999, not -1" },
	{ "{'jurisdiction_id':'sd.gov','srid':'4326','services':[]}",
	    "srid: must be a whole number" },
	{ "{'jurisdiction_id':'sd.gov','srid':4326.0,'services':[]}",
	    "srid: must be a whole number" },
	/* Services. */
	{ J("5"), "services[0]: must be an object" },
	{ J(S("") ",[]"), "services[1]: must be an object" },
	{ J("{'service_name':'N','description':'D'}"),
	    "services[0]: service_code: is required" },
	{ J("{'service_code':'','service_name':'N','description':'D'}"),
	    "services[0]: service_code: must not be empty" },
	{ J("{'service_code':42,'service_name':'N','description':'D'}"),
	    "services[0]: service_code: must be a string" },
	{ J("{'service_code':'A/B','service_name':'N','description':'D'}"),
	    "services[0] (A/B): service_code: must not contain any of "
	    "\"/,\"" },
	{ J("{'service_code':'A,B','service_name':'N','description':'D'}"),
	    "services[0] (A,B): service_code: must not contain any of" },
	{ J("{'service_code':' A','service_name':'N','description':'D'}"),
	    "services[0] ( A): service_code: must not start or end with a "
	    "space" },
	{ J("{'service_code':'A ','service_name':'N','description':'D'}"),
	    "service_code: must not start or end with a space" },
	{ J("{'service_code':'@65@','service_name':'N','description':'D'}"),
	    "services[0]: service_code: is longer than 64 characters" },
	{ J("{'service_code':'X','description':'D'}"),
	    "services[0] (X): service_name: is required" },
	{ J("{'service_code':'X','service_name':'','description':'D'}"),
	    "services[0] (X): service_name: must not be empty" },
	{ J("{'service_code':'X','service_name':'a\\tb','description':'D'}"),
	    "services[0] (X): service_name: contains a control character" },
	{ J("{'service_code':'X','service_name':'a\\u0085','description':'D'}"),
	    "service_name: contains a control character" },
	{ J("{'service_code':'X','service_name':'a\\uffff','description':'D'}"),
	    "service_name: contains a non-character" },
	{ J("{'service_code':'X','service_name':'~201~','description':'D'}"),
	    "services[0] (X): service_name: is longer than 200 characters" },
	{ J("{'service_code':'X','service_name':'N'}"),
	    "services[0] (X): description: is required" },
	{ J("{'service_code':'X','service_name':'N','description':'@4001@'}"),
	    "services[0] (X): description: is longer than 4000 characters" },
	{ J("{'service_code':'X','service_name':'N','description':'a\\u0007'}"),
	    "services[0] (X): description: contains a control character" },
	{ J(S(",'group':7")), "services[0] (X): group: must be a string" },
	{ J(S(",'type':'sometimes'")), "services[0] (X): type: must be one "
	    "of realtime, batch, blackbox" },
	{ J(S(",'type':1")), "type: must be one of realtime, batch, blackbox" },
	{ J(S(",'type':'Realtime'")), "type: must be one of" },
	{ J(S(",'keywords':5")), "services[0] (X): keywords: must be a "
	    "string" },
	{ J(S(",'keywords':['a',5]")), "services[0] (X): keywords: item 1 "
	    "must be a one-line string without commas" },
	{ J(S(",'keywords':['a,b']")), "keywords: item 0 must be a one-line "
	    "string" },
	{ J(S(",'keywords':['a\\nb']")), "keywords: item 0 must be a" },
	{ J(S(",'keywords':'@1001@'")), "keywords: is longer than 1000 "
	    "characters" },
	{ J(S(",'keywords':['@500@','@500@']")), "services[0] (X): keywords: "
	    "is longer than 1000 characters" },
	{ J(S(",'agency_responsible':'@201@'")), "services[0] (X): "
	    "agency_responsible: is longer than 200 characters" },
	{ J(S(",'service_notice':'a\\nb'")), "services[0] (X): "
	    "service_notice: contains a control character" },
	{ J(S(",'sla_hours':0")), "services[0] (X): sla_hours: must be from "
	    "1 to 87600, not 0" },
	{ J(S(",'sla_hours':87601")), "sla_hours: must be from 1 to 87600, "
	    "not 87601" },
	{ J(S(",'sla_hours':1.5")), "sla_hours: must be a whole number" },
	{ J(S(",'active':'yes'")), "services[0] (X): active: must be true or "
	    "false" },
	{ J(S(",'active':1")), "active: must be true or false" },
	{ J(S("") "," S("")), "services[1] (X): service_code: 'X' appears "
	    "twice" },
	/* Duplicate settings. */
	{ J(S(",'duplicates':5")), "services[0] (X): duplicates: must be an "
	    "object" },
	{ J(S(",'duplicates':{'radius_m':0}")), "services[0] (X): "
	    "duplicates: radius_m: must be from 1 to 5000, not 0" },
	{ J(S(",'duplicates':{'radius_m':5001}")), "duplicates: radius_m: "
	    "must be from 1 to 5000, not 5001" },
	{ J(S(",'duplicates':{'radius_m':'50'}")), "duplicates: radius_m: "
	    "must be a whole number" },
	{ J(S(",'duplicates':{'window_hours':0}")), "duplicates: "
	    "window_hours: must be from 1 to 8760, not 0" },
	{ J(S(",'duplicates':{'window_hours':8761}")), "duplicates: "
	    "window_hours: must be from 1 to 8760, not 8761" },
	{ J(S(",'duplicates':{'mode':'merge'}")), "services[0] (X): "
	    "duplicates: mode: must be one of link, off" },
	{ J(S(",'duplicates':{'group':''}")), "services[0] (X): duplicates: "
	    "group: must not be empty" },
	{ J(S(",'duplicates':{'group':'@65@'}")), "duplicates: group: is "
	    "longer than 64 characters" },
	/* Attributes. */
	{ J(S(",'attributes':{}")), "services[0] (X): attributes: must be an "
	    "array" },
	{ J(S(",'attributes':'DEPTH'")), "attributes: must be an array" },
	{ J(SA("1")), "services[0] (X): attributes[0]: must be an object" },
	{ J(SA(A("") ",null")), "services[0] (X): attributes[1]: must be an "
	    "object" },
	{ J(SA("{'datatype':'string','description':'d','order':1}")),
	    "services[0] (X): attributes[0]: code: is required" },
	{ J(SA("{'code':'','datatype':'string','description':'d','order':1}")),
	    "services[0] (X): attributes[0]: code: must not be empty" },
	{ J(SA("{'code':'@65@','datatype':'string','description':'d',"
	    "'order':1}")), "attributes[0]: code: is longer than 64 "
	    "characters" },
	{ J(SA("{'code':'A/B','datatype':'string','description':'d',"
	    "'order':1}")), "services[0] (X): attributes[0] (A/B): code: must "
	    "not contain any of \"/,[]\"" },
	{ J(SA("{'code':'A,B','datatype':'string','description':'d',"
	    "'order':1}")), "attributes[0] (A,B): code: must not contain" },
	{ J(SA("{'code':'A[1]','datatype':'string','description':'d',"
	    "'order':1}")), "attributes[0] (A[1]): code: must not contain" },
	{ J(SA("{'code':'A]','datatype':'string','description':'d',"
	    "'order':1}")), "attributes[0] (A]): code: must not contain" },
	{ J(SA("{'code':'Y ','datatype':'string','description':'d',"
	    "'order':1}")), "attributes[0] (Y ): code: must not start or end "
	    "with a space" },
	{ J(SA("{'code':'Y','description':'d','order':1}")),
	    "services[0] (X): attributes[0] (Y): datatype: is required" },
	{ J(SA("{'code':'Y','datatype':'integer','description':'d',"
	    "'order':1}")), "services[0] (X): attributes[0] (Y): datatype: "
	    "must be one of string, number, datetime, text, singlevaluelist, "
	    "multivaluelist" },
	{ J(SA("{'code':'Y','datatype':null,'description':'d','order':1}")),
	    "attributes[0] (Y): datatype: is required" },
	{ J(SA("{'code':'Y','datatype':'string','order':1}")),
	    "services[0] (X): attributes[0] (Y): description: is required" },
	{ J(SA("{'code':'Y','datatype':'string','description':'@4001@',"
	    "'order':1}")), "attributes[0] (Y): description: is longer than "
	    "4000 characters" },
	{ J(SA("{'code':'Y','datatype':'string','description':'d'}")),
	    "services[0] (X): attributes[0] (Y): order: is required" },
	{ J(SA("{'code':'Y','datatype':'string','description':'d',"
	    "'order':null}")), "attributes[0] (Y): order: is required" },
	{ J(SA("{'code':'Y','datatype':'string','description':'d',"
	    "'order':0}")), "services[0] (X): attributes[0] (Y): order: must "
	    "be from 1 to 100000, not 0" },
	{ J(SA("{'code':'Y','datatype':'string','description':'d',"
	    "'order':100001}")), "order: must be from 1 to 100000" },
	{ J(SA("{'code':'Y','datatype':'string','description':'d',"
	    "'order':'1'}")), "attributes[0] (Y): order: must be a whole "
	    "number" },
	{ J(SA(A("") ",{'code':'Z','datatype':'string','description':'d',"
	    "'order':1}")), "services[0] (X): attributes[1] (Z): order: 1 is "
	    "already used by attribute Y" },
	{ J(SA(A("") ",{'code':'Y','datatype':'number','description':'d',"
	    "'order':2}")), "services[0] (X): attributes[1] (Y): code: 'Y' "
	    "appears twice in this service" },
	{ J(SA(A(",'variable':false,'required':true"))),
	    "services[0] (X): attributes[0] (Y): required: an attribute that "
	    "is not variable cannot be required" },
	{ J(SA(A(",'required':'true'"))), "attributes[0] (Y): required: must "
	    "be true or false" },
	{ J(SA(A(",'variable':0"))), "attributes[0] (Y): variable: must be "
	    "true or false" },
	{ J(SA(A(",'datatype_description':'a\\nb'"))), "attributes[0] (Y): "
	    "datatype_description: contains a control character" },
	{ J(SA(A(",'datatype_description':'@1001@'"))),
	    "datatype_description: is longer than 1000 characters" },
	/* Values. */
	{ J(SA(A("," V2))), "services[0] (X): attributes[0] (Y): values: "
	    "only list datatypes take values" },
	{ J(SA("{'code':'Y','datatype':'number','description':'d','order':1,"
	    "'values':{}}")), "attributes[0] (Y): values: only list datatypes "
	    "take values" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1}")), "services[0] (X): attributes[0] (Y): values: a "
	    "singlevaluelist needs a non-empty array of values" },
	{ J(SA("{'code':'Y','datatype':'multivaluelist','description':'d',"
	    "'order':1,'values':[]}")), "attributes[0] (Y): values: a "
	    "multivaluelist needs a non-empty array of values" },
	{ J(SA("{'code':'Y','datatype':'multivaluelist','description':'d',"
	    "'order':1,'values':{'key':'a','name':'A'}}")), "values: a "
	    "multivaluelist needs a non-empty array" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':['a']}")), "services[0] (X): attributes[0] "
	    "(Y): values[0]: must be an object" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'name':'A'}]}")), "services[0] (X): "
	    "attributes[0] (Y): values[0]: key: is required" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'a','name':'A'},{'key':'a,b',"
	    "'name':'B'}]}")), "attributes[0] (Y): values[1]: key: must not "
	    "contain any of \",\"" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'a','name':'A'},{'key':'a',"
	    "'name':'B'}]}")), "services[0] (X): attributes[0] (Y): values[1]: "
	    "key: 'a' appears twice" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'a'}]}")), "attributes[0] (Y): "
	    "values[0]: name: is required" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'a','name':'@201@'}]}")),
	    "values[0]: name: is longer than 200 characters" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'@65@','name':'A'}]}")),
	    "values[0]: key: is longer than 64 characters" },
	{ J(SA("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1,'values':[{'key':'a','name':'\\u001b[1m'}]}")),
	    "values[0]: name: contains a control character" },
	/* The second service and a later attribute are named as such. */
	{ J(S("") ",{'service_code':'POTHOLE','service_name':'P',"
	    "'description':'D','attributes':[" A("") ",{'code':'DEPTH',"
	    "'datatype':'number','description':'d','order':'2'}]}"),
	    "services[1] (POTHOLE): attributes[1] (DEPTH): order: must be a "
	    "whole number" },
	/* Translations (a service's texts in other languages). */
	{ J(S(",'translations':[]")), "services[0] (X): translations: must "
	    "be an object of language tags" },
	{ J(S(",'translations':{'ES':{}}")), "services[0] (X): "
	    "translations: 'ES' is not a language tag" },
	{ J(S(",'translations':{'es-mx':{}}")), "'es-mx' is not a language "
	    "tag" },
	{ J(S(",'translations':{'e':{}}")), "'e' is not a language tag" },
	{ J(S(",'translations':{'spanish':{}}")), "'spanish' is not a "
	    "language tag" },
	{ J(S(",'translations':{'es-MXX':{}}")), "'es-MXX' is not" },
	{ J(S(",'translations':{'es':'x'}")), "services[0] (X): "
	    "translations: es: must be an object" },
	{ J(S(",'translations':{'es':{'name':'N'}}")), "translations: es: "
	    "unknown field \"name\"" },
	{ J(S(",'translations':{'es':{'service_name':''}}")), "translations: "
	    "es: service_name: must not be empty" },
	{ J(S(",'translations':{'es':{'service_name':'@201@'}}")),
	    "translations: es: service_name: is longer than 200 characters" },
	{ J(S(",'translations':{'es':{'description':'~4001~'}}")),
	    "translations: es: description: is longer than 4000" },
	{ J(S(",'translations':{'es':{'service_name':'a\\nb'}}")),
	    "translations: es: service_name: " },
	{ J(S(",'translations':{'es':{'keywords':['a,b']}}")),
	    "translations: es: keywords: item 0" },
	{ J(SAT(A(""), "{'es':{'attributes':{'Z':{}}}}")),
	    "services[0] (X): translations: es: attributes: Z: not an "
	    "attribute of this service" },
	{ J(SAT(A(""), "{'es':{'attributes':[]}}")),
	    "translations: es: attributes: must be an object" },
	{ J(SAT(A(""), "{'es':{'attributes':{'Y':"
	    "{'description':'@4001@'}}}}")), "translations: es: "
	    "attributes: Y: description: is longer than 4000" },
	{ J(SAT(A(""), "{'es':{'attributes':{'Y':"
	    "{'label':'x'}}}}")), "attributes: Y: unknown field "
	    "\"label\"" },
	{ J(SAT(A(""), "{'es':{'attributes':{'Y':"
	    "{'values':{'a':'A'}}}}}")), "attributes: Y: values: 'a' is "
	    "not a value key of attribute Y" },
	{ J(SAT("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1," V2 "}", "{'es':{'attributes':{'Y':"
	    "{'values':{'c':'C'}}}}}")), "attributes: Y: values: 'c' is "
	    "not a value key of attribute Y" },
	{ J(SAT("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1," V2 "}", "{'es':{'attributes':{'Y':"
	    "{'values':{'a':''}}}}}")), "attributes: Y: values: a: must "
	    "not be empty" },
	{ J(SAT("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1," V2 "}", "{'es':{'attributes':{'Y':"
	    "{'values':['A']}}}}")), "attributes: Y: values: must be an "
	    "object" },
};

static void
test_bad_table(void **state)
{
	struct cat_jurisdiction	jur;
	json_t			*j;
	char			err[512];
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case	*c = &bad_cases[i];

		print_message("case %zu: %.70s\n", i, c->json);
		j = load_json(c->json);
		memset(&jur, 0, sizeof(jur));
		err[0] = '\0';
		if (fmt_catalog_jurisdiction(j, &jur, err, sizeof(err)) != -1)
			fail_msg("accepted");
		if (strstr(err, c->err) == NULL)
			fail_msg("err '%s' lacks '%s'", err, c->err);
		cat_jurisdiction_free(&jur);
		json_decref(j);
	}
}

struct good_case {
	const char	*json;
	const char	*want;	/* see describe() */
};

/*
 * A one-line summary of a parsed jurisdiction: each service as
 * "CODE type active sla radius window mode group keywords [attrs]" and
 * each attribute as "CODE:datatype:order:v/r:nvalues".
 */
static char *
describe(const struct cat_jurisdiction *jur)
{
	struct buf		b;
	const struct cat_service	*s;
	const struct cat_attr	*a;
	size_t			i, k;

	buf_init(&b);
	buf_printf(&b, "%s srid=%d", jur->id, jur->srid);
	for (i = 0; i < jur->nservices; i++) {
		s = &jur->services[i];
		buf_printf(&b, "; %s %s %s sla=%d dup=%d/%d/%s/%s kw=%s [",
		    s->code, cat_type_names[s->type],
		    s->active ? "active" : "inactive", s->sla_hours,
		    s->dup_radius_m, s->dup_window_h,
		    s->dup_mode == CAT_DUP_LINK ? "link" : "off",
		    s->dup_group != NULL ? s->dup_group : "-", s->keywords);
		for (k = 0; k < s->nattrs; k++) {
			a = &s->attrs[k];
			buf_printf(&b, "%s%s:%s:%d:%s%s:%zu", k ? " " : "",
			    a->code, cat_datatype_names[a->datatype], a->order,
			    a->variable ? "v" : "-", a->required ? "r" : "-",
			    a->nvalues);
		}
		buf_str(&b, "]");
	}
	(void)buf_cstr(&b);
	return (buf_release(&b, NULL));
}

static const struct good_case	good_cases[] = {
	{ "{'jurisdiction_id':'sd.gov','services':[]}", "sd.gov srid=4326" },
	{ "{'jurisdiction_id':'sd.gov','srid':2230,'name':null,"
	    "'services':[],'area':12.5,'unknown':1}", "sd.gov srid=2230" },
	{ "{'jurisdiction_id':'@128@','services':[]}", NULL },
	{ "{'jurisdiction_id':'sd.gov','name':'~200~','services':[]}", NULL },
	{ J(S("")), "sd.gov srid=4326; X realtime active sla=0 "
	    "dup=50/720/link/- kw= []" },
	{ J(S(",'type':'blackbox','active':false,'sla_hours':48,"
	    "'keywords':['road','hole'],'duplicates':{'radius_m':5000,"
	    "'window_hours':1,'mode':'off','group':'pave'}")),
	    "sd.gov srid=4326; X blackbox inactive sla=48 dup=5000/1/off/pave "
	    "kw=road,hole []" },
	{ J(S(",'type':'batch','keywords':'a,b','duplicates':null,"
	    "'attributes':null,'group':null")),
	    "sd.gov srid=4326; X batch active sla=0 dup=50/720/link/- "
	    "kw=a,b []" },
	{ J(S(",'keywords':[],'attributes':[]")), "sd.gov srid=4326; X "
	    "realtime active sla=0 dup=50/720/link/- kw= []" },
	{ J(S(",'keywords':['@500@','@499@']")), NULL },
	/* Attributes come out in display order. */
	{ J(SA("{'code':'C','datatype':'text','description':'d','order':30},"
	    "{'code':'A','datatype':'datetime','description':'d','order':10,"
	    "'required':true},"
	    "{'code':'B','datatype':'multivaluelist','description':'d',"
	    "'order':20," V2 "},"
	    "{'code':'N','datatype':'string','description':'d','order':5,"
	    "'variable':false,'values':[]}")),
	    "sd.gov srid=4326; X realtime active sla=0 dup=50/720/link/- kw= "
	    "[N:string:5:--:0 A:datetime:10:vr:0 B:multivaluelist:20:v-:2 "
	    "C:text:30:v-:0]" },
	/* Limits count characters, not bytes; descriptions take newlines. */
	{ J("{'service_code':'~64~','service_name':'~200~',"
	    "'description':'~4000~'}"), NULL },
	{ J("{'service_code':'X','service_name':'N',"
	    "'description':'line 1\\r\\nline 2\\tend'}"), NULL },
	{ J(SA(A(",'values':null"))), NULL },
	{ J(SA("{'code':'attr with spaces','datatype':'singlevaluelist',"
	    "'description':'d','order':1,'values':[{'key':'a/b [c]',"
	    "'name':'A'}]}")), NULL },
	/* Translations: tags with a region, partial texts, null. */
	{ J(S(",'translations':null")), NULL },
	{ J(S(",'translations':{}")), NULL },
	{ J(S(",'translations':{'es':{},'es-MX':{'service_name':'~200~'},"
	    "'fil':{'keywords':['a','b']}}")), NULL },
	{ J(SAT("{'code':'Y','datatype':'singlevaluelist','description':'d',"
	    "'order':1," V2 "}", "{'es':{'service_name':'S',"
	    "'description':'d\\nd','attributes':{'Y':{'description':'~4000~',"
	    "'datatype_description':'t','values':{'b':'Be'}}}}}")), NULL },
};

/* Translations line up with the sorted attributes; es-MX finds es. */
static void
test_translations(void **state)
{
	struct cat_jurisdiction	jur;
	const struct cat_service	*s;
	const struct cat_tr	*t;
	json_t			*j;
	char			err[512];

	(void)state;
	j = load_json(J(SAT("{'code':'B','datatype':'singlevaluelist',"
	    "'description':'d','order':20," V2 "},"
	    "{'code':'A','datatype':'string','description':'d','order':10}",
	    "{'es':{'service_name':'Bache','attributes':{"
	    "'B':{'description':'dB','values':{'b':'Be'}}}},"
	    "'es-MX':{'description':'mx'}}")));
	memset(&jur, 0, sizeof(jur));
	if (fmt_catalog_jurisdiction(j, &jur, err, sizeof(err)) != 0)
		fail_msg("refused: %s", err);
	s = &jur.services[0];
	assert_int_equal(s->ntrs, 2);
	t = cat_tr_find(s, "es");
	assert_non_null(t);
	assert_string_equal(t->name, "Bache");
	assert_null(t->description);
	assert_string_equal(s->attrs[1].code, "B");
	assert_null(t->attrs[0].description);
	assert_string_equal(t->attrs[1].description, "dB");
	assert_null(t->attrs[1].values[0]);
	assert_string_equal(t->attrs[1].values[1], "Be");
	t = cat_tr_find(s, "es-MX");
	assert_string_equal(t->description, "mx");
	t = cat_tr_find(s, "es-AR");
	assert_string_equal(t->name, "Bache");
	assert_null(cat_tr_find(s, "fr"));
	assert_null(cat_tr_find(s, "fr-FR"));
	assert_true(cat_jurisdiction_has_lang(&jur, "es-CL"));
	assert_false(cat_jurisdiction_has_lang(&jur, "en"));
	assert_non_null(s->trs_json);
	assert_true(cat_lang_valid("es"));
	assert_true(cat_lang_valid("fil-PH"));
	assert_false(cat_lang_valid("es_MX"));
	assert_false(cat_lang_valid("es-"));
	assert_false(cat_lang_valid(""));
	assert_false(cat_lang_valid("es-419"));
	cat_jurisdiction_free(&jur);
	json_decref(j);
}

static void
test_good_table(void **state)
{
	struct cat_jurisdiction	jur;
	json_t			*j;
	char			err[512], *got;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case	*c = &good_cases[i];

		print_message("case %zu: %.70s\n", i, c->json);
		j = load_json(c->json);
		memset(&jur, 0, sizeof(jur));
		if (fmt_catalog_jurisdiction(j, &jur, err, sizeof(err)) != 0)
			fail_msg("refused: %s", err);
		if (c->want != NULL) {
			got = describe(&jur);
			if (strcmp(got, c->want))
				fail_msg("got  '%s'\nwant '%s'", got, c->want);
			free(got);
		}
		cat_jurisdiction_free(&jur);
		json_decref(j);
	}
}

static void
test_demo(void **state)
{
	struct cat_jurisdiction	jur;
	const struct cat_service	*s;
	const struct cat_attr	*a;
	json_error_t		jerr;
	json_t			*j;
	char			err[512];

	(void)state;
	if ((j = json_load_file(DEMO, 0, &jerr)) == NULL)
		fail_msg("%s: %s", DEMO, jerr.text);
	memset(&jur, 0, sizeof(jur));
	if (fmt_catalog_jurisdiction(j, &jur, err, sizeof(err)) != 0)
		fail_msg("demo refused: %s", err);
	json_decref(j);

	assert_string_equal(jur.id, "sandiego.gov");
	assert_string_equal(jur.name, "City of San Diego");
	assert_int_equal(jur.srid, 4326);
	assert_int_equal(jur.nservices, 14);

	s = cat_service_find(&jur, "POTHOLE");
	assert_non_null(s);
	assert_ptr_equal(s->jur, &jur);
	assert_string_equal(s->keywords, "road,street,asphalt,hole");
	assert_int_equal(s->type, CAT_TYPE_REALTIME);
	assert_int_equal(s->sla_hours, 72);
	assert_int_equal(s->dup_radius_m, 30);
	assert_string_equal(s->dup_group, "pavement");
	assert_int_equal(s->nattrs, 3);
	assert_string_equal(s->attrs[0].code, "DEPTH");
	a = cat_attr_find(s, "SIZE");
	assert_non_null(a);
	assert_int_equal(a->datatype, CAT_DT_SINGLE);
	assert_int_equal(a->nvalues, 3);
	assert_true(cat_attr_has_key(a, "M"));
	assert_false(cat_attr_has_key(a, "XL"));
	assert_false(cat_attr_has_key(a, "m"));
	assert_null(cat_attr_find(s, "depth"));
	assert_null(cat_service_find(&jur, "pothole"));

	s = cat_service_find(&jur, "GRAFFITI");
	assert_non_null(s);
	assert_int_equal(s->type, CAT_TYPE_BATCH);
	assert_string_equal(s->keywords, "paint,tag,vandalism");
	assert_int_equal(s->dup_mode, CAT_DUP_LINK);

	s = cat_service_find(&jur, "TRASH_MISSED");
	assert_non_null(s);
	a = cat_attr_find(s, "NOTE");
	assert_non_null(a);
	assert_false(a->variable);
	assert_false(cat_attr_has_key(a, "x"));

	cat_jurisdiction_free(&jur);
}

/* The demo catalog wrapped in an array, as a worker loads it. */
static char *
demo_document(const char *extra)
{
	struct buf	b;
	FILE		*fp;
	char		chunk[4096];
	size_t		n;

	buf_init(&b);
	buf_str(&b, "[");
	if ((fp = fopen(DEMO, "r")) == NULL)
		fail_msg("cannot open %s", DEMO);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	(void)fclose(fp);
	if (extra != NULL) {
		buf_str(&b, ",");
		buf_str(&b, extra);
	}
	buf_str(&b, "]");
	(void)buf_cstr(&b);
	return (buf_release(&b, NULL));
}

struct parse_case {
	const char	*doc;
	int		ok;
	size_t		njurs;
	const char	*want;	/* changeset, or a substring of err */
};

static const struct parse_case	parse_cases[] = {
	{ "[]", 1, 0, "1970-01-01T00:00:00Z" },
	{ "[{'jurisdiction_id':'a.gov','services':[]}]", 1, 1,
	    "1970-01-01T00:00:00Z" },
	{ "[{'jurisdiction_id':'a.gov','services':[],"
	    "'changeset':'2026-01-05T10:00:00Z'},"
	    "{'jurisdiction_id':'b.gov','services':[],"
	    "'changeset':'2026-03-01T09:00:00Z'},"
	    "{'jurisdiction_id':'c.gov','services':[]}]", 1, 3,
	    "2026-03-01T09:00:00Z" },
	{ "", 0, 0, "line " },
	{ "[", 0, 0, "line 1: " },
	{ "[{'jurisdiction_id':'a.gov','services':[]},]", 0, 0, "line 1: " },
	{ "{'jurisdiction_id':'a.gov','services':[]}", 0, 0,
	    "the catalog document must be an array of jurisdictions" },
	{ "null", 0, 0, "line 1: " },
	{ "[5]", 0, 0, "jurisdiction 0: the catalog must be a JSON object" },
	{ "[{'jurisdiction_id':'a.gov','services':[]},"
	    "{'jurisdiction_id':'b.gov','services':[" S(",'sla_hours':-3")
	    "]}]", 0, 0, "jurisdiction 1: services[0] (X): sla_hours: must "
	    "be from 1 to 87600, not -3" },
};

static void
test_parse_table(void **state)
{
	struct catalog	*cat;
	char		err[512], *doc;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case	*c = &parse_cases[i];

		print_message("case %zu: %.70s\n", i, c->doc);
		doc = expand(c->doc);
		err[0] = '\0';
		cat = fmt_catalog_parse(doc, strlen(doc), 42, err, sizeof(err));
		free(doc);
		if (!c->ok) {
			if (cat != NULL)
				fail_msg("accepted");
			if (strstr(err, c->want) == NULL)
				fail_msg("err '%s' lacks '%s'", err, c->want);
			continue;
		}
		if (cat == NULL)
			fail_msg("refused: %s", err);
		assert_int_equal(cat->version, 42);
		assert_int_equal(cat->njurs, c->njurs);
		assert_string_equal(cat->changeset, c->want);
		cat_free(cat);
	}
	cat_free(NULL);
}

static int
is_list_datatype(const char *dt)
{
	return (!strcmp(dt, "singlevaluelist") ||
	    !strcmp(dt, "multivaluelist"));
}

/* Checks a service definition body against the model. */
static void
check_definition(struct cat_service *s)
{
	json_t		*root, *attrs, *a, *values, *v;
	size_t		i, k;
	json_int_t	prev;

	check_xml(&s->def[FMT_XML - 1]);
	assert_non_null(strstr(buf_cstr(&s->def[FMT_XML - 1]),
	    "<service_definition><service_code>"));

	root = json_of(&s->def[FMT_JSON - 1]);
	assert_true(json_is_object(root));
	assert_string_equal(json_string_value(json_object_get(root,
	    "service_code")), s->code);
	attrs = json_object_get(root, "attributes");
	assert_true(json_is_array(attrs));
	assert_int_equal(json_array_size(attrs), s->nattrs);

	prev = 0;
	json_array_foreach(attrs, i, a) {
		assert_true(json_is_object(a));
		assert_true(json_is_boolean(json_object_get(a, "variable")));
		assert_true(json_is_boolean(json_object_get(a, "required")));
		assert_true(json_is_string(json_object_get(a, "code")));
		assert_true(json_is_string(json_object_get(a,
		    "datatype_description")));
		assert_true(json_is_string(json_object_get(a, "description")));
		assert_true(json_is_integer(json_object_get(a, "order")));
		assert_true(json_integer_value(json_object_get(a, "order")) >
		    prev);
		prev = json_integer_value(json_object_get(a, "order"));
		assert_string_equal(json_string_value(json_object_get(a,
		    "code")), s->attrs[i].code);

		values = json_object_get(a, "values");
		if (!is_list_datatype(json_string_value(json_object_get(a,
		    "datatype")))) {
			assert_null(values);
			continue;
		}
		assert_true(json_is_array(values));
		assert_int_equal(json_array_size(values), s->attrs[i].nvalues);
		assert_true(json_array_size(values) > 0);
		json_array_foreach(values, k, v) {
			assert_true(json_is_string(json_object_get(v, "key")));
			assert_true(json_is_string(json_object_get(v, "name")));
			assert_int_equal(json_object_size(v), 2);
		}
	}
	json_decref(root);
}

/* Checks a service list body: active services only, in order. */
static void
check_list(const struct cat_jurisdiction *jur)
{
	const char	*keys[] = { "service_code", "service_name",
			    "description", "metadata", "type", "keywords",
			    "group", NULL };
	json_t		*root, *o;
	size_t		i, k, n;

	check_xml(&jur->list[FMT_XML - 1]);
	root = json_of(&jur->list[FMT_JSON - 1]);
	assert_true(json_is_array(root));

	n = 0;
	for (i = 0; i < jur->nservices; i++) {
		if (!jur->services[i].active)
			continue;
		o = json_array_get(root, n++);
		assert_true(json_is_object(o));
		for (k = 0; keys[k] != NULL; k++) {
			if (json_object_get(o, keys[k]) == NULL)
				fail_msg("service lacks %s", keys[k]);
		}
		assert_int_equal(json_object_size(o), 7);
		assert_string_equal(json_string_value(json_object_get(o,
		    "service_code")), jur->services[i].code);
		assert_true(json_is_boolean(json_object_get(o, "metadata")));
		assert_int_equal(json_is_true(json_object_get(o, "metadata")),
		    jur->services[i].nattrs > 0);
	}
	assert_int_equal(json_array_size(root), n);
	json_decref(root);
}

/*
 * A discovery document: the changeset, contact and key service, and a
 * production and a test endpoint for each of the jurisdictions ids (n of
 * them), at the shared URL and its test URL, each followed by urls[i].
 */
static void
check_discovery_doc(const struct catalog *cat, struct buf *xml,
    struct buf *js, const char *contact, const char *keys,
    const char **ids, const char **urls, size_t n)
{
	json_t		*root, *eps, *ep, *fmts;
	char		want[256];
	size_t		i;

	check_xml(xml);
	root = json_of(js);
	assert_true(json_is_object(root));
	assert_string_equal(json_string_value(json_object_get(root,
	    "changeset")), cat->changeset);
	assert_string_equal(json_string_value(json_object_get(root,
	    "contact")), contact);
	assert_string_equal(json_string_value(json_object_get(root,
	    "key_service")), keys);
	eps = json_object_get(root, "endpoints");
	assert_true(json_is_array(eps));
	assert_int_equal(json_array_size(eps), 2 * n);
	json_array_foreach(eps, i, ep) {
		assert_string_equal(json_string_value(json_object_get(ep,
		    "specification")), "http://wiki.open311.org/GeoReport_v2");
		assert_string_equal(json_string_value(json_object_get(ep,
		    "type")), i % 2 == 0 ? "production" : "test");
		(void)snprintf(want, sizeof(want), "https://api.example.org/"
		    "v2%s%s", i % 2 == 0 ? "" : "/test", urls[i / 2]);
		assert_string_equal(json_string_value(json_object_get(ep,
		    "url")), want);
		assert_string_equal(json_string_value(json_object_get(ep,
		    "jurisdiction_id")), ids[i / 2]);
		fmts = json_object_get(ep, "formats");
		assert_true(json_is_array(fmts));
		assert_int_equal(json_array_size(fmts), 2);
		assert_string_equal(json_string_value(json_array_get(fmts, 0)),
		    "text/xml");
		assert_string_equal(json_string_value(json_array_get(fmts, 1)),
		    "application/json");
	}
	json_decref(root);
}

/*
 * The gateway's discovery with contact and keys, and each jurisdiction's
 * own: its own URL, contact and key service (jcontact and jkeys when
 * it has none).
 */
static void
check_discovery(struct catalog *cat, const char *contact, const char *keys,
    const char *jcontact, const char *jkeys)
{
	struct cat_jurisdiction	*jur;
	const char		*ids[8], *urls[8], *shared[8];
	char			own[8][160];
	size_t			i;

	assert_true(cat->njurs <= 8);
	for (i = 0; i < cat->njurs; i++) {
		ids[i] = cat->jurs[i].id;
		(void)snprintf(own[i], sizeof(own[i]), "/%s", ids[i]);
		urls[i] = own[i];
		shared[i] = "";
	}
	check_discovery_doc(cat, &cat->discovery[FMT_XML - 1],
	    &cat->discovery[FMT_JSON - 1], contact, keys, ids,
	    cat->njurs > 1 ? urls : shared, cat->njurs);
	for (i = 0; i < cat->njurs; i++) {
		jur = &cat->jurs[i];
		print_message("discovery of %s\n", jur->id);
		check_discovery_doc(cat, &jur->discovery[FMT_XML - 1],
		    &jur->discovery[FMT_JSON - 1],
		    jur->contact != NULL && jur->contact[0] != '\0' ?
		    jur->contact : jcontact,
		    jur->key_service != NULL && jur->key_service[0] != '\0' ?
		    jur->key_service : jkeys, &ids[i], &urls[i], 1);
	}
}

struct url_case {
	const char	*base;
	const char	*id;
	const char	*url;
};

static const struct url_case	url_cases[] = {
	{ "https://h/v2", "sandiego.gov", "https://h/v2/sandiego.gov" },
	{ "https://h", "a-b_c~d.e", "https://h/a-b_c~d.e" },
	{ "https://h", "a?b#c%d", "https://h/a%3Fb%23c%25d" },
	{ "https://h", "ville-\xc3\xa9", "https://h/ville-%C3%A9" },
	{ "https://h", "a+b:c", "https://h/a%2Bb%3Ac" },
};

static void
test_discovery_url_table(void **state)
{
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		print_message("case %zu: %s\n", i, url_cases[i].id);
		buf_init(&b);
		fmt_discovery_url(&b, url_cases[i].base, url_cases[i].id);
		assert_string_equal(buf_cstr(&b), url_cases[i].url);
		buf_free(&b);
	}
}

/* The second jurisdiction exercises inactive services and markup. */
#define EXTRA \
	"{\"jurisdiction_id\":\"test.example.org\",\"changeset\":" \
	"\"2026-02-01T00:00:00Z\",\"contact\":\"Call <311> & ask\"," \
	"\"services\":[{\"service_code\":\"OLD\",\"service_name\":\"Old\"," \
	"\"description\":\"Retired\",\"active\":false}," \
	"{\"service_code\":\"PLAIN\",\"service_name\":\"A & B <\\\"q\\\">\"," \
	"\"description\":\"l1\\r\\nl2 \\u2028 \\u00e9\"}," \
	"{\"service_code\":\"ALSO_OLD\",\"service_name\":\"Also old\"," \
	"\"description\":\"x\",\"active\":false,\"attributes\":[{\"code\":" \
	"\"Q\",\"datatype\":\"singlevaluelist\",\"description\":\"q\"," \
	"\"order\":1,\"values\":[{\"key\":\"y\",\"name\":\"Yes\"}]}]}]}"

static void
test_render(void **state)
{
	struct fmt_discovery	d = { "", "Ask us.",
				    "https://api.example.org/v2",
				    "https://api.example.org/v2/test" };
	struct catalog		*cat;
	struct cat_jurisdiction	*jur;
	struct cat_service	*s;
	char			err[512], *doc;
	size_t			i, j;

	(void)state;
	doc = demo_document(EXTRA);
	cat = fmt_catalog_parse(doc, strlen(doc), 7, err, sizeof(err));
	free(doc);
	if (cat == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(cat->njurs, 2);
	assert_string_equal(cat->changeset, "2026-02-01T00:00:00Z");
	fmt_catalog_render(cat, &d);

	for (i = 0; i < cat->njurs; i++) {
		jur = &cat->jurs[i];
		print_message("jurisdiction %s\n", jur->id);
		check_list(jur);
		for (j = 0; j < jur->nservices; j++) {
			print_message("service %s\n", jur->services[j].code);
			check_definition(&jur->services[j]);
		}
	}

	/* The demo: 14 services listed, each with metadata. */
	jur = cat_jurisdiction_find(cat, "sandiego.gov");
	assert_non_null(jur);
	assert_null(cat_jurisdiction_find(cat, "SANDIEGO.GOV"));
	assert_non_null(strstr(buf_cstr(&jur->list[0]),
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service>"
	    "<service_code>POTHOLE</service_code><service_name>Pothole"
	    "</service_name>"));
	assert_non_null(strstr(buf_cstr(&jur->list[1]),
	    "[{\"service_code\":\"POTHOLE\",\"service_name\":\"Pothole\","));
	assert_non_null(strstr(buf_cstr(&jur->list[1]),
	    "\"metadata\":true,\"type\":\"realtime\",\"keywords\":"
	    "\"road,street,asphalt,hole\",\"group\":\"Streets\"}"));
	s = cat_service_find(jur, "POTHOLE");
	assert_non_null(strstr(buf_cstr(&s->def[0]),
	    "<attribute><variable>true</variable><code>DEPTH</code>"
	    "<datatype>number</datatype><required>true</required>"
	    "<datatype_description>Centimetres, for example 8"
	    "</datatype_description><order>1</order>"));
	assert_non_null(strstr(buf_cstr(&s->def[0]),
	    "<values><value><key>S</key><name>Smaller than a dinner plate"
	    "</name></value>"));

	/* The extra jurisdiction: inactive services left out. */
	jur = cat_jurisdiction_find(cat, "test.example.org");
	assert_non_null(jur);
	assert_string_equal(buf_cstr(&jur->list[1]),
	    "[{\"service_code\":\"PLAIN\",\"service_name\":"
	    "\"A & B <\\\"q\\\">\",\"description\":\"l1\\r\\nl2 \\u2028 "
	    "\xc3\xa9\",\"metadata\":false,\"type\":\"realtime\","
	    "\"keywords\":\"\",\"group\":\"\"}]");
	assert_string_equal(buf_cstr(&jur->list[0]),
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service>"
	    "<service_code>PLAIN</service_code><service_name>A &amp; B "
	    "&lt;&quot;q&quot;&gt;</service_name><description>l1&#13;\nl2 "
	    "\xe2\x80\xa8 \xc3\xa9</description><metadata>false</metadata>"
	    "<type>realtime</type><keywords></keywords><group></group>"
	    "</service></services>");
	/* A definition without attributes, and one of an inactive service. */
	s = cat_service_find(jur, "PLAIN");
	assert_string_equal(buf_cstr(&s->def[1]),
	    "{\"service_code\":\"PLAIN\",\"attributes\":[]}");
	assert_string_equal(buf_cstr(&s->def[0]),
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition>"
	    "<service_code>PLAIN</service_code><attributes></attributes>"
	    "</service_definition>");
	s = cat_service_find(jur, "ALSO_OLD");
	assert_non_null(strstr(buf_cstr(&s->def[1]),
	    "\"values\":[{\"key\":\"y\",\"name\":\"Yes\"}]"));

	/*
	 * Discovery of two jurisdictions: the operator's contact and key
	 * service, never one jurisdiction's (a default when not set); each
	 * jurisdiction's own on its endpoint, at its own URL.
	 */
	check_discovery(cat, "Contact the operator of this gateway.",
	    "Ask us.", "Contact the operator of this gateway.", "Ask us.");
	jur = cat_jurisdiction_find(cat, "test.example.org");
	assert_non_null(strstr(buf_cstr(&jur->discovery[0]),
	    "<contact>Call &lt;311&gt; &amp; ask</contact>"));
	assert_non_null(strstr(buf_cstr(&cat->discovery[0]),
	    "<formats><format>text/xml</format><format>application/json"
	    "</format></formats>"));
	cat_free(cat);

	/* Configured, the operator's contact is the gateway's. */
	d.contact = "Mail open311@example.org";
	doc = demo_document(EXTRA);
	cat = fmt_catalog_parse(doc, strlen(doc), 8, err, sizeof(err));
	free(doc);
	assert_non_null(cat);
	fmt_catalog_render(cat, &d);
	check_discovery(cat, "Mail open311@example.org", "Ask us.",
	    "Mail open311@example.org", "Ask us.");
	cat_free(cat);

	/* One jurisdiction: the shared URL, its contact when none is set. */
	d.contact = "";
	d.key_service = "";
	doc = demo_document(NULL);
	cat = fmt_catalog_parse(doc, strlen(doc), 9, err, sizeof(err));
	free(doc);
	assert_non_null(cat);
	fmt_catalog_render(cat, &d);
	check_discovery(cat, "Contact the operator of this gateway.",
	    "Ask the operator of this gateway for an API key.",
	    "Contact the operator of this gateway.",
	    "Ask the operator of this gateway for an API key.");
	cat_free(cat);
	doc = demo_document(NULL);
	cat = fmt_catalog_parse(doc, strlen(doc), 10, err, sizeof(err));
	free(doc);
	assert_non_null(cat);
	free(cat->jurs[0].contact);
	cat->jurs[0].contact = strdup("Call 311.");
	fmt_catalog_render(cat, &d);
	check_discovery(cat, "Call 311.",
	    "Ask the operator of this gateway for an API key.",
	    "Contact the operator of this gateway.",
	    "Ask the operator of this gateway for an API key.");
	check_list(&cat->jurs[0]);
	cat_free(cat);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_good_table),
		cmocka_unit_test(test_translations),
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_discovery_url_table),
	};

	return (cmocka_run_group_tests_name("catalog", tests, NULL, NULL));
}
