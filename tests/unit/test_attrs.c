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
 * Unit tests for formats/attrs.c, against the services of the demo
 * catalog (assets/demo/sandiego-catalog.json, read from the repository
 * root) and one service without attributes. Each case is a urlencoded
 * body, parsed with fmt_form_urlencoded, and either the exact JSON
 * fmt_attrs_collect writes (keys sorted, compact) or a substring of its
 * error, which names the attribute. Covered: required attributes missing
 * or empty; numbers (integers, decimals, signs, exponents; hex, inf,
 * nan, white space, empty and junk refused; no overflow converting huge
 * values); datetimes normalised to UTC 'Z' (and refused when the zone
 * takes them out of years 1 to 9999); list keys; multiple values through
 * "[]" and repeated names, duplicates dropped, order kept; two values
 * for a single-value attribute; empty optional values ignored; codes the
 * service does not define kept as strings; non-variable attributes
 * ignored; malformed attribute names; string (one line, at most 1000
 * characters) and text (multi-line, at most 4000); control characters
 * and non-characters. Then fmt_attr_name on its own.
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

#include "formats/attrs.h"
#include "formats/buf.h"
#include "formats/catalog.h"
#include "formats/form.h"
#include "model/catalog.h"

#define DEMO	"assets/demo/sandiego-catalog.json"

static const struct fmt_form_limits	lim = { 1000, 512, 65536, 0, 0 };

static struct cat_jurisdiction	demo;
static struct cat_service	bare = { .code = "BARE" };

static int
setup(void **state)
{
	json_error_t	jerr;
	json_t		*j;
	char		err[512];

	(void)state;
	if ((j = json_load_file(DEMO, 0, &jerr)) == NULL) {
		fprintf(stderr, "%s: %s\n", DEMO, jerr.text);
		return (-1);
	}
	memset(&demo, 0, sizeof(demo));
	if (fmt_catalog_jurisdiction(j, &demo, err, sizeof(err)) != 0) {
		fprintf(stderr, "demo refused: %s\n", err);
		json_decref(j);
		return (-1);
	}
	json_decref(j);
	return (0);
}

static int
teardown(void **state)
{
	(void)state;
	cat_jurisdiction_free(&demo);
	return (0);
}

static const struct cat_service *
service(const char *code)
{
	const struct cat_service	*s;

	if (!strcmp(code, bare.code))
		return (&bare);
	if ((s = cat_service_find(&demo, code)) == NULL)
		fail_msg("no service %s in the demo catalog", code);
	return (s);
}

/*
 * Expands a template: @N@ is N letters 'x', ~N~ is N letters U+00E9 (two
 * bytes each) and, when quotes is set, ' is ".
 */
static char *
expand(const char *t, int quotes)
{
	struct fmt_buf	b;
	char		*end;
	long		n;

	fmt_buf_init(&b);
	for (; *t != '\0'; t++) {
		if (quotes && *t == '\'') {
			fmt_buf_byte(&b, '"');
		} else if (*t == '@' || *t == '~') {
			n = strtol(t + 1, &end, 10);
			assert_true(*end == *t);
			while (n-- > 0)
				fmt_buf_str(&b, *t == '@' ? "x" : "\xc3\xa9");
			t = end;
		} else {
			fmt_buf_byte(&b, *t);
		}
	}
	(void)fmt_buf_cstr(&b);
	return (fmt_buf_release(&b, NULL));
}

struct attrs_case {
	const char	*svc;
	const char	*body;
	int		rc;
	const char	*want;	/* JSON (' for "), or a substring of err */
};

#define OK(s, b, j)	{ s, b, 0, j }
#define ERR(s, b, e)	{ s, b, -1, e }

/* The required attributes of each service, satisfied. */
#define P	"attribute[DEPTH]=12&attribute[SIZE]=M"
#define PJ	"'DEPTH':12"
#define PS	"'SIZE':'M'"
#define T	"attribute[BIN]=TRASH"
#define D	"attribute[ITEMS][]=TIRES"
#define S	"attribute[ISSUE]=OUT"

static const struct attrs_case	attrs_cases[] = {
	/* Required attributes. */
	OK("POTHOLE", P, "{" PJ "," PS "}"),
	OK("POTHOLE", "attribute[SIZE]=M&attribute[DEPTH]=12",
	    "{" PJ "," PS "}"),
	OK("POTHOLE", "attribute%5BDEPTH%5D=12&attribute%5BSIZE%5D=M",
	    "{" PJ "," PS "}"),
	OK("POTHOLE", "service_code=POTHOLE&lat=32.7&long=-117.1&"
	    "description=Deep+hole&" P "&media_url=x&api_key=k",
	    "{" PJ "," PS "}"),
	ERR("POTHOLE", "", "DEPTH required: send attribute[DEPTH]"),
	ERR("POTHOLE", "service_code=POTHOLE",
	    "DEPTH required: send attribute[DEPTH]"),
	ERR("POTHOLE", "attribute[SIZE]=M",
	    "DEPTH required: send attribute[DEPTH]"),
	ERR("POTHOLE", "attribute[DEPTH]=12",
	    "SIZE required: send attribute[SIZE]"),
	ERR("POTHOLE", "attribute[DEPTH]=&attribute[SIZE]=M",
	    "DEPTH required: send attribute[DEPTH]"),
	ERR("POTHOLE", "attribute[DEPTH]=12&attribute[SIZE]",
	    "SIZE required: send attribute[SIZE]"),
	ERR("POTHOLE", "attribute[DEPTH][]=12&attribute[SIZE][]=",
	    "SIZE required: send attribute[SIZE]"),
	ERR("POTHOLE", "attribute[depth]=12&attribute[SIZE]=M",
	    "DEPTH required: send attribute[DEPTH]"),
	ERR("TRASH_MISSED", T,
	    "PICKUP_DATE required: send attribute[PICKUP_DATE]"),
	ERR("TRASH_MISSED", "attribute[PICKUP_DATE]=2026-11-20",
	    "BIN required: send attribute[BIN]"),
	ERR("DUMPING", "", "ITEMS required: send attribute[ITEMS]"),
	ERR("DUMPING", "attribute[ITEMS][]=&attribute[ITEMS][]=",
	    "ITEMS required: send attribute[ITEMS]"),
	ERR("STREETLIGHT", "attribute[POLE_ID]=7", "ISSUE required: send "
	    "attribute[ISSUE] (What is wrong with the light?)"),

	/* Numbers. */
	OK("POTHOLE", "attribute[DEPTH]=0&attribute[SIZE]=S",
	    "{'DEPTH':0,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=-3&attribute[SIZE]=S",
	    "{'DEPTH':-3,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=-0&attribute[SIZE]=S",
	    "{'DEPTH':0,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=007&attribute[SIZE]=S",
	    "{'DEPTH':7,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=%2B5&attribute[SIZE]=S",
	    "{'DEPTH':5,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=12.5&attribute[SIZE]=S",
	    "{'DEPTH':12.5,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=-0.25&attribute[SIZE]=S",
	    "{'DEPTH':-0.25,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=.5&attribute[SIZE]=S",
	    "{'DEPTH':0.5,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=5.&attribute[SIZE]=S",
	    "{'DEPTH':5,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=12.000&attribute[SIZE]=S",
	    "{'DEPTH':12,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=1e3&attribute[SIZE]=S",
	    "{'DEPTH':1000,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=2.5E2&attribute[SIZE]=S",
	    "{'DEPTH':250,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=1e-2&attribute[SIZE]=S",
	    "{'DEPTH':0.01,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=-1.5e%2B1&attribute[SIZE]=S",
	    "{'DEPTH':-15,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=999999999999999&attribute[SIZE]=S",
	    "{'DEPTH':999999999999999,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=1e15&attribute[SIZE]=S",
	    "{'DEPTH':1e15,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=1e20&attribute[SIZE]=S",
	    "{'DEPTH':1e20,'SIZE':'S'}"),
	OK("POTHOLE", "attribute[DEPTH]=-1e300&attribute[SIZE]=S",
	    "{'DEPTH':-1e300,'SIZE':'S'}"),
	ERR("POTHOLE", "attribute[DEPTH]=0x1A&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not '0x1A'"),
	ERR("POTHOLE", "attribute[DEPTH]=0X1a&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=0x1p3&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=inf&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not 'inf'"),
	ERR("POTHOLE", "attribute[DEPTH]=-INF&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=Infinity&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=nan&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not 'nan'"),
	ERR("POTHOLE", "attribute[DEPTH]=NAN(1)&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=1e999&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not '1e999'"),
	ERR("POTHOLE", "attribute[DEPTH]=-1e999&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=12cm&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not '12cm'"),
	ERR("POTHOLE", "attribute[DEPTH]=12+&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not '12 '"),
	ERR("POTHOLE", "attribute[DEPTH]=+5&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not ' 5'"),
	ERR("POTHOLE", "attribute[DEPTH]=%0A5&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=%095&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=1,5&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=1_000&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=1e&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=e5&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=.&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=-&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=--1&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=1.2.3&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=twelve&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not 'twelve'"),
	ERR("POTHOLE", "attribute[DEPTH]=%EF%BC%91%EF%BC%92&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=%01&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[DEPTH]=@100@&attribute[SIZE]=S",
	    "attribute[DEPTH] must be a number, not '@40@'"),

	/* Datetimes, normalised to UTC. */
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20T18:30:00Z",
	    "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T18:30:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20T10:00:00%2B"
	    "05:00", "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T05:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20T10:00:00+"
	    "05:00", "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T05:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20T22:00:00-"
	    "0330", "{'BIN':'TRASH','PICKUP_DATE':'2026-11-21T01:30:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20",
	    "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T00:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20+18:30",
	    "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T18:30:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20t18:30:00.75z",
	    "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T18:30:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2016-12-31T23:59:60Z",
	    "{'BIN':'TRASH','PICKUP_DATE':'2017-01-01T00:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=1969-07-20T20:17:40Z",
	    "{'BIN':'TRASH','PICKUP_DATE':'1969-07-20T20:17:40Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=0001-01-01T05:00:00%2B"
	    "05:00", "{'BIN':'TRASH','PICKUP_DATE':'0001-01-01T00:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=9999-12-31T18:59:59-05",
	    "{'BIN':'TRASH','PICKUP_DATE':'9999-12-31T23:59:59Z'}"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-02-30",
	    "attribute[PICKUP_DATE] must be a date and time such as "
	    "2026-11-20T18:30:00Z, not '2026-02-30'"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=tomorrow",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=20-11-2026",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20T18:30:00Z+",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=1700000000",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=0001-01-01T00:00:00%2B"
	    "05:00", "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=9999-12-31T23:00:00-05",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=9999-12-31T23:59:60Z",
	    "attribute[PICKUP_DATE] must be a date and time"),
	ERR("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20&"
	    "attribute[PICKUP_DATE]=2026-11-21", "attribute[PICKUP_DATE] takes "
	    "one value (it is a datetime)"),
	OK("DUMPING", D "&attribute[SEEN_AT]=", "{'ITEMS':['TIRES']}"),
	OK("DUMPING", D "&attribute[SEEN_AT]=2026-11-20T06:15:00-08:00",
	    "{'ITEMS':['TIRES'],'SEEN_AT':'2026-11-20T14:15:00Z'}"),
	ERR("DUMPING", D "&attribute[SEEN_AT]=yesterday",
	    "attribute[SEEN_AT] must be a date and time"),

	/* Single-value lists. */
	OK("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=L",
	    "{'DEPTH':1,'SIZE':'L'}"),
	OK("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE][]=L",
	    "{'DEPTH':1,'SIZE':'L'}"),
	OK("STREETLIGHT", "attribute[ISSUE]=FLICKER", "{'ISSUE':'FLICKER'}"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=XL",
	    "attribute[SIZE]: 'XL' is not one of its values"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=m",
	    "attribute[SIZE]: 'm' is not one of its values"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=M+",
	    "attribute[SIZE]: 'M ' is not one of its values"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=Medium",
	    "attribute[SIZE]: 'Medium' is not one of its values"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=M&attribute[SIZE]=L",
	    "attribute[SIZE] takes one value (it is a singlevaluelist)"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=M&attribute[SIZE]=M",
	    "attribute[SIZE] takes one value"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE][]=M&"
	    "attribute[SIZE][]=L", "attribute[SIZE] takes one value"),
	ERR("POTHOLE", "attribute[DEPTH]=1&attribute[DEPTH]=2&"
	    "attribute[SIZE]=M",
	    "attribute[DEPTH] takes one value (it is a number)"),
	OK("POTHOLE", "attribute[DEPTH]=1&attribute[SIZE]=&attribute[SIZE]=M",
	    "{'DEPTH':1,'SIZE':'M'}"),

	/* Multi-value lists: "[]", repeated names, duplicates dropped. */
	OK("POTHOLE", P "&attribute[LANES][]=N&attribute[LANES][]=S",
	    "{" PJ ",'LANES':['N','S']," PS "}"),
	OK("POTHOLE", P "&attribute%5BLANES%5D%5B%5D=N&"
	    "attribute%5BLANES%5D%5B%5D=S",
	    "{" PJ ",'LANES':['N','S']," PS "}"),
	OK("POTHOLE", P "&attribute[LANES]=N&attribute[LANES]=S",
	    "{" PJ ",'LANES':['N','S']," PS "}"),
	OK("POTHOLE", P "&attribute[LANES]=N&attribute[LANES][]=E",
	    "{" PJ ",'LANES':['N','E']," PS "}"),
	OK("POTHOLE", P "&attribute[LANES][]=BIKE", "{" PJ ",'LANES':['BIKE'],"
	    PS "}"),
	OK("POTHOLE", P "&attribute[LANES][]=W&attribute[LANES][]=BIKE&"
	    "attribute[LANES][]=E", "{" PJ ",'LANES':['W','BIKE','E']," PS "}"),
	OK("POTHOLE", P "&attribute[LANES][]=N&attribute[LANES][]=N&"
	    "attribute[LANES][]=S&attribute[LANES][]=N&attribute[LANES]=S",
	    "{" PJ ",'LANES':['N','S']," PS "}"),
	OK("POTHOLE", "attribute[LANES][]=E&" P "&attribute[LANES][]=W",
	    "{" PJ ",'LANES':['E','W']," PS "}"),
	OK("POTHOLE", P "&attribute[LANES][]=", "{" PJ "," PS "}"),
	OK("POTHOLE", P "&attribute[LANES][]=&attribute[LANES][]=N&"
	    "attribute[LANES][]=", "{" PJ ",'LANES':['N']," PS "}"),
	ERR("POTHOLE", P "&attribute[LANES][]=N&attribute[LANES][]=X",
	    "attribute[LANES]: 'X' is not one of its values"),
	ERR("POTHOLE", P "&attribute[LANES][]=n", "attribute[LANES]: 'n' is "
	    "not one of its values"),
	ERR("POTHOLE", P "&attribute[LANES][]=N,S", "attribute[LANES]: 'N,S' "
	    "is not one of its values"),
	OK("DUMPING", "attribute[ITEMS][]=MATTRESS&attribute[ITEMS][]=TIRES&"
	    "attribute[ITEMS][]=HAZMAT", "{'ITEMS':['MATTRESS','TIRES',"
	    "'HAZMAT']}"),
	OK("DUMPING", "attribute[ITEMS]=BAGS", "{'ITEMS':['BAGS']}"),
	ERR("DUMPING", "attribute[ITEMS][]=SOFA", "attribute[ITEMS]: 'SOFA' is "
	    "not one of its values"),

	/* Codes the service does not define: kept as strings. */
	OK("POTHOLE", P "&attribute[COLOR]=red", "{'COLOR':'red'," PJ ","
	    PS "}"),
	OK("POTHOLE", P "&attribute[COLOR]=", "{'COLOR':''," PJ "," PS "}"),
	OK("POTHOLE", P "&attribute[COLOR]=1&attribute[COLOR]=2",
	    "{'COLOR':'1'," PJ "," PS "}"),
	OK("POTHOLE", P "&attribute[COLOR][]=a&attribute[COLOR][]=b",
	    "{'COLOR':'a'," PJ "," PS "}"),
	OK("POTHOLE", P "&attribute[NOTE]=a%0D%0Ab%09c",
	    "{" PJ ",'NOTE':'a\\r\\nb\\tc'," PS "}"),
	OK("POTHOLE", P "&attribute[a+b]=%22q%22%5C",
	    "{" PJ "," PS ",'a b':'\\'q\\'\\\\'}"),
	OK("POTHOLE", P "&attribute[caf%C3%A9]=%C3%A9t%C3%A9",
	    "{" PJ "," PS ",'caf\xc3\xa9':'\xc3\xa9t\xc3\xa9'}"),
	OK("POTHOLE", P "&attribute[X]=@16000@",
	    "{" PJ "," PS ",'X':'@16000@'}"),
	ERR("POTHOLE", P "&attribute[X]=@16001@", "attribute[X] is not "
	    "acceptable text"),
	ERR("POTHOLE", P "&attribute[COLOR]=a%01b", "attribute[COLOR] is not "
	    "acceptable text"),
	ERR("POTHOLE", P "&attribute[COLOR]=%7F", "attribute[COLOR] is not "
	    "acceptable text"),
	ERR("POTHOLE", P "&attribute[COLOR]=%EF%BF%BF", "attribute[COLOR] is "
	    "not acceptable text"),
	OK("BARE", "", "{}"),
	OK("BARE", "service_code=BARE&lat=1", "{}"),
	OK("BARE", "attribute[DEPTH]=12&attribute[LANES][]=N&"
	    "attribute[LANES][]=S", "{'DEPTH':'12','LANES':'N'}"),

	/* Non-variable attributes: ignored, whatever their value. */
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20&"
	    "attribute[NOTE]=hello", "{'BIN':'TRASH','PICKUP_DATE':"
	    "'2026-11-20T00:00:00Z'}"),
	OK("TRASH_MISSED", T "&attribute[PICKUP_DATE]=2026-11-20&"
	    "attribute[NOTE]=a%0Ab&attribute[NOTE]=%01&attribute[NOTE][]=",
	    "{'BIN':'TRASH','PICKUP_DATE':'2026-11-20T00:00:00Z'}"),
	OK("TREE_DOWN", "attribute[BLOCKING][]=ROAD&attribute[DANGER]=wires",
	    "{'BLOCKING':['ROAD']}"),

	/* Malformed attribute names. */
	ERR("POTHOLE", P "&attribute[=1", "malformed attribute field name "
	    "'attribute[': use attribute[CODE] or attribute[CODE][]"),
	ERR("POTHOLE", P "&attribute[]=1", "malformed attribute field name "
	    "'attribute[]'"),
	ERR("POTHOLE", P "&attribute[][]=1", "malformed attribute field name "
	    "'attribute[][]'"),
	ERR("POTHOLE", P "&attribute[DEPTH=1", "malformed attribute field name "
	    "'attribute[DEPTH'"),
	ERR("POTHOLE", P "&attribute[X]y=1", "malformed attribute field name "
	    "'attribute[X]y'"),
	ERR("POTHOLE", P "&attribute[X][y]=1", "malformed attribute field name "
	    "'attribute[X][y]'"),
	ERR("POTHOLE", P "&attribute[X][=1", "malformed attribute field name "
	    "'attribute[X]['"),
	ERR("POTHOLE", P "&attribute[X][]y=1", "malformed attribute field name "
	    "'attribute[X][]y'"),
	ERR("POTHOLE", P "&attribute[X][][]=1", "malformed attribute field "
	    "name 'attribute[X][][]'"),
	ERR("POTHOLE", P "&attribute[X]]=1", "malformed attribute field name "
	    "'attribute[X]]'"),
	ERR("POTHOLE", P "&attribute[X]+=1", "malformed attribute field name "
	    "'attribute[X] '"),
	ERR("POTHOLE", "attribute[X]y=1&attribute[SIZE]=XL",
	    "malformed attribute field name 'attribute[X]y'"),
	OK("POTHOLE", P "&attribute[@256@]=1", "{" PJ "," PS ",'@256@':'1'}"),
	ERR("POTHOLE", P "&attribute[@257@]=1", "malformed attribute field "
	    "name 'attribute[@50@'"),
	ERR("POTHOLE", P "&attribute[@300@]=1", "malformed attribute field "
	    "name"),
	OK("POTHOLE", P "&attributes[X]=1&Attribute[X]=1&attribute=1&"
	    "attribute(X)=1&xattribute[X]=1", "{" PJ "," PS "}"),

	/* Strings: one line, at most 1000 characters. */
	OK("STREETLIGHT", S "&attribute[POLE_ID]=SD-1234",
	    "{'ISSUE':'OUT','POLE_ID':'SD-1234'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=", "{'ISSUE':'OUT'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=a+b%2Fc%26d%3De",
	    "{'ISSUE':'OUT','POLE_ID':'a b/c&d=e'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=%22%5C%3C",
	    "{'ISSUE':'OUT','POLE_ID':'\\'\\\\<'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=caf%C3%A9+%E2%82%AC+"
	    "%F0%9F%92%A1", "{'ISSUE':'OUT','POLE_ID':'caf\xc3\xa9 "
	    "\xe2\x82\xac \xf0\x9f\x92\xa1'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=@1000@",
	    "{'ISSUE':'OUT','POLE_ID':'@1000@'}"),
	OK("STREETLIGHT", S "&attribute[POLE_ID]=~1000~",
	    "{'ISSUE':'OUT','POLE_ID':'~1000~'}"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=@1001@",
	    "attribute[POLE_ID] is longer than 1000 characters"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=~1001~",
	    "attribute[POLE_ID] is longer than 1000 characters"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%0Ab",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%0D%0Ab",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%09b",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=%1B%5B2J",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%7Fb",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%C2%85b",
	    "attribute[POLE_ID] contains a control character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a%EF%BF%BEb",
	    "attribute[POLE_ID] contains a non-character"),
	ERR("STREETLIGHT", S "&attribute[POLE_ID]=a&attribute[POLE_ID]=b",
	    "attribute[POLE_ID] takes one value (it is a string)"),

	/* Text: several lines, at most 4000 characters. */
	OK("DUMPING", D "&attribute[DETAILS]=line1%0D%0Aline2%0A%09indented",
	    "{'DETAILS':'line1\\r\\nline2\\n\\tindented','ITEMS':['TIRES']}"),
	OK("DUMPING", D "&attribute[DETAILS]=", "{'ITEMS':['TIRES']}"),
	OK("DUMPING", D "&attribute[DETAILS]=@4000@",
	    "{'DETAILS':'@4000@','ITEMS':['TIRES']}"),
	OK("DUMPING", D "&attribute[DETAILS]=~4000~",
	    "{'DETAILS':'~4000~','ITEMS':['TIRES']}"),
	ERR("DUMPING", D "&attribute[DETAILS]=@4001@",
	    "attribute[DETAILS] is longer than 4000 characters"),
	ERR("DUMPING", D "&attribute[DETAILS]=~4001~",
	    "attribute[DETAILS] is longer than 4000 characters"),
	ERR("DUMPING", D "&attribute[DETAILS]=a%0Cb",
	    "attribute[DETAILS] contains a control character"),
	ERR("DUMPING", D "&attribute[DETAILS]=a%08b",
	    "attribute[DETAILS] contains a control character"),
	ERR("DUMPING", D "&attribute[DETAILS]=a%0Bb",
	    "attribute[DETAILS] contains a control character"),
	ERR("DUMPING", D "&attribute[DETAILS]=a%C2%9Fb",
	    "attribute[DETAILS] contains a control character"),
	ERR("DUMPING", D "&attribute[DETAILS]=a%EF%BF%BF",
	    "attribute[DETAILS] contains a non-character"),
	ERR("DUMPING", D "&attribute[DETAILS]=a&attribute[DETAILS][]=b",
	    "attribute[DETAILS] takes one value (it is a text)"),

	/* The first error wins. */
	ERR("POTHOLE", "attribute[DEPTH]=x&attribute[SIZE]=XL",
	    "attribute[DEPTH] must be a number"),
	ERR("POTHOLE", "attribute[SIZE]=XL&attribute[DEPTH]=x",
	    "attribute[SIZE]: 'XL' is not one of its values"),
	ERR("POTHOLE", "attribute[LANES][]=X", "attribute[LANES]: 'X' is not "
	    "one of its values"),
};

static void
test_collect_table(void **state)
{
	struct fmt_form	form;
	struct fmt_buf	out;
	json_error_t	jerr;
	json_t		*j;
	char		err[512], *body, *want;
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(attrs_cases) / sizeof(attrs_cases[0]); i++) {
		const struct attrs_case	*c = &attrs_cases[i];

		print_message("case %zu: %s %.70s\n", i, c->svc, c->body);
		body = expand(c->body, 0);
		fmt_form_init(&form);
		if (fmt_form_urlencoded(&form, body, strlen(body), &lim) != 0)
			fail_msg("form refused: %s", form.err);

		fmt_buf_init(&out);
		err[0] = '\0';
		rc = fmt_attrs_collect(&form, service(c->svc), &out, err,
		    sizeof(err));
		if (rc != c->rc)
			fail_msg("rc %d, err '%s', out '%s'", rc, err,
			    fmt_buf_cstr(&out));

		if (rc == 0) {
			want = expand(c->want, 1);
			if (strcmp(fmt_buf_cstr(&out), want))
				fail_msg("got\n%s\nwant\n%s", out.data, want);
			free(want);
			if ((j = json_loadb(out.data, out.len, 0, &jerr)) ==
			    NULL)
				fail_msg("output does not parse: %s",
				    jerr.text);
			assert_true(json_is_object(j));
			json_decref(j);
		} else {
			want = expand(c->want, 0);
			if (strstr(err, want) == NULL)
				fail_msg("err '%s' lacks '%s'", err, want);
			free(want);
			assert_int_equal(out.len, 0);
		}

		fmt_buf_free(&out);
		fmt_form_free(&form);
		free(body);
	}
}

/* Every demo service accepts a body holding all of its attributes. */
static void
test_collect_demo(void **state)
{
	const struct cat_service	*s;
	const struct cat_attr		*a;
	struct fmt_form			form;
	struct fmt_buf			body, out;
	json_error_t			jerr;
	json_t				*j;
	char				err[512];
	size_t				i, k;

	(void)state;
	for (i = 0; i < demo.nservices; i++) {
		s = &demo.services[i];
		print_message("service %s\n", s->code);
		fmt_buf_init(&body);
		for (k = 0; k < s->nattrs; k++) {
			a = &s->attrs[k];
			fmt_buf_printf(&body, "%sattribute%%5B%s%%5D%s=",
			    k > 0 ? "&" : "", a->code,
			    a->datatype == CAT_DT_MULTI ? "%5B%5D" : "");
			switch (a->datatype) {
			case CAT_DT_NUMBER:
				fmt_buf_str(&body, "3");
				break;
			case CAT_DT_DATETIME:
				fmt_buf_str(&body, "2026-11-20T10:00:00-08:00");
				break;
			case CAT_DT_SINGLE:
			case CAT_DT_MULTI:
				fmt_buf_str(&body, a->values[0].key);
				break;
			default:
				fmt_buf_str(&body, "some+text");
				break;
			}
		}

		fmt_form_init(&form);
		assert_int_equal(fmt_form_urlencoded(&form, body.data,
		    body.len, &lim), 0);
		fmt_buf_init(&out);
		if (fmt_attrs_collect(&form, s, &out, err, sizeof(err)) != 0)
			fail_msg("%s: %s", s->code, err);
		if ((j = json_loadb(out.data, out.len, 0, &jerr)) == NULL)
			fail_msg("output does not parse: %s", jerr.text);
		for (k = 0; k < s->nattrs; k++) {
			a = &s->attrs[k];
			if (a->variable)
				assert_non_null(json_object_get(j, a->code));
			else
				assert_null(json_object_get(j, a->code));
			if (a->datatype == CAT_DT_DATETIME && a->variable)
				assert_string_equal(json_string_value(
				    json_object_get(j, a->code)),
				    "2026-11-20T18:00:00Z");
		}
		json_decref(j);
		fmt_buf_free(&out);
		fmt_buf_free(&body);
		fmt_form_free(&form);
	}
}

struct name_case {
	const char	*name;
	size_t		len;
	int		rc;
	const char	*code;
	int		multi;
};

static const struct name_case	name_cases[] = {
	{ "attribute[DEPTH]", 65, 1, "DEPTH", 0 },
	{ "attribute[LANES][]", 65, 1, "LANES", 1 },
	{ "attribute[X]", 65, 1, "X", 0 },
	{ "attribute[X][]", 65, 1, "X", 1 },
	{ "attribute[a b]", 65, 1, "a b", 0 },
	{ "attribute[caf\xc3\xa9]", 65, 1, "caf\xc3\xa9", 0 },
	{ "attribute[a[b]", 65, 1, "a[b", 0 },
	{ "attribute[ABCDE]", 6, 1, "ABCDE", 0 },
	{ "attribute[ABCDEF]", 6, -1, NULL, 0 },
	{ "attribute[ABCDEF][]", 6, -1, NULL, 0 },
	{ "attribute[", 65, -1, NULL, 0 },
	{ "attribute[]", 65, -1, NULL, 0 },
	{ "attribute[][]", 65, -1, NULL, 0 },
	{ "attribute[]]", 65, -1, NULL, 0 },
	{ "attribute[X", 65, -1, NULL, 0 },
	{ "attribute[X]y", 65, -1, NULL, 0 },
	{ "attribute[X][y]", 65, -1, NULL, 0 },
	{ "attribute[X][", 65, -1, NULL, 0 },
	{ "attribute[X][]y", 65, -1, NULL, 0 },
	{ "attribute[X][][]", 65, -1, NULL, 0 },
	{ "attribute[X]]", 65, -1, NULL, 0 },
	{ "attribute[X] ", 65, -1, NULL, 0 },
	{ "attribute[X][ ]", 65, -1, NULL, 0 },
	{ "attribute[[X]]", 65, -1, NULL, 0 },
	{ "attribute", 65, 0, NULL, 0 },
	{ "attributes[X]", 65, 0, NULL, 0 },
	{ "Attribute[X]", 65, 0, NULL, 0 },
	{ "attribute(X)", 65, 0, NULL, 0 },
	{ " attribute[X]", 65, 0, NULL, 0 },
	{ "service_code", 65, 0, NULL, 0 },
	{ "", 65, 0, NULL, 0 },
};

static void
test_name_table(void **state)
{
	char		code[65];
	size_t		i;
	int		multi;

	(void)state;
	for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		const struct name_case	*c = &name_cases[i];

		print_message("case %zu: '%s'\n", i, c->name);
		assert_true(c->len <= sizeof(code));
		memset(code, 'z', sizeof(code));
		multi = 7;
		assert_int_equal(fmt_attr_name(c->name, code, c->len, &multi),
		    c->rc);
		if (c->rc != 1)
			continue;
		assert_string_equal(code, c->code);
		assert_int_equal(multi, c->multi);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_collect_table),
		cmocka_unit_test(test_collect_demo),
		cmocka_unit_test(test_name_table),
	};

	return (cmocka_run_group_tests_name("attrs", tests, setup, teardown));
}
