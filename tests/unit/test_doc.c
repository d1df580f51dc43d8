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
 * Unit tests for formats/doc.c, the XML/JSON writer: exact output of
 * both formats for lists, nested objects, lists of strings, null and
 * empty members, booleans, integers and numbers given as text (text that
 * is not a JSON number becomes null); the XML prolog; escaping of
 * & < > " ' and CR in XML, and the dropping of what XML cannot carry;
 * JSON escaping of quotes, backslash, control characters (\u00XX) and
 * U+2028/U+2029; invalid UTF-8 as U+FFFD in both. Every JSON output must
 * parse with jansson and every XML output must be well-formed.
 */

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lib/buf.h"
#include "formats/doc.h"
#include "xmlcheck.h"

#define PROLOG	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define FFFD	"\xef\xbf\xbd"

static void
check_json(const char *s, size_t len)
{
	json_error_t	err;
	json_t		*j;

	if ((j = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL |
	    JSON_DECODE_INT_AS_REAL, &err)) == NULL)
		fail_msg("JSON does not parse (%s): %.*s", err.text, (int)len,
		    s);
	json_decref(j);
}

static void
check_xml(const char *s, size_t len)
{
	if (!xml_wellformed(s, len))
		fail_msg("XML is not well-formed: %.*s", (int)len, s);
}

/* Writers of one document each, run once per format. */

static void
b_list(struct fmt_doc *d)
{
	fmt_doc_list(d, "services", "service");
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "service_code", "POTHOLE");
	fmt_doc_bool(d, "metadata", 1);
	fmt_doc_end(d);
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "service_code", "GRAFFITI");
	fmt_doc_bool(d, "metadata", 0);
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_one(struct fmt_doc *d)
{
	fmt_doc_list(d, "service_requests", "request");
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "token", "7f3a");
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_empty_list(struct fmt_doc *d)
{
	fmt_doc_list(d, "services", "service");
	fmt_doc_end(d);
}

static void
b_definition(struct fmt_doc *d)
{
	fmt_doc_object(d, "service_definition");
	fmt_doc_str(d, "service_code", "POTHOLE");
	fmt_doc_list(d, "attributes", "attribute");
	fmt_doc_object(d, NULL);
	fmt_doc_bool(d, "variable", 1);
	fmt_doc_str(d, "code", "SIZE");
	fmt_doc_int(d, "order", 2);
	fmt_doc_list(d, "values", "value");
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "key", "S");
	fmt_doc_str(d, "name", "Small");
	fmt_doc_end(d);
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "key", "L");
	fmt_doc_str(d, "name", "Large");
	fmt_doc_end(d);
	fmt_doc_end(d);
	fmt_doc_end(d);
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_strings(struct fmt_doc *d)
{
	fmt_doc_object(d, "discovery");
	fmt_doc_list(d, "formats", "format");
	fmt_doc_str(d, NULL, "text/xml");
	fmt_doc_str(d, NULL, "application/json");
	fmt_doc_end(d);
	fmt_doc_list(d, "empty", "x");
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_scalars(struct fmt_doc *d)
{
	fmt_doc_list(d, "service_requests", "request");
	fmt_doc_object(d, NULL);
	fmt_doc_str(d, "service_request_id", "1042");
	fmt_doc_str(d, "service_notice", NULL);
	fmt_doc_null(d, "account_id");
	fmt_doc_str(d, "token", "");
	fmt_doc_strn(d, "part", "abcdef", 3);
	fmt_doc_int(d, "zero", 0);
	fmt_doc_int(d, "neg", -42);
	fmt_doc_int(d, "big", LLONG_MAX);
	fmt_doc_int(d, "small", LLONG_MIN);
	fmt_doc_num(d, "lat", "32.7157");
	fmt_doc_num(d, "long", "-117.1611");
	fmt_doc_num(d, "none", NULL);
	fmt_doc_num(d, "bad", "abc");
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_list_scalars(struct fmt_doc *d)
{
	fmt_doc_list(d, "ids", "id");
	fmt_doc_int(d, NULL, 1);
	fmt_doc_null(d, NULL);
	fmt_doc_num(d, NULL, "2.5");
	fmt_doc_num(d, NULL, "");
	fmt_doc_bool(d, NULL, 1);
	fmt_doc_str(d, NULL, NULL);
	fmt_doc_list(d, NULL, "inner");
	fmt_doc_str(d, NULL, "x");
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_errors(struct fmt_doc *d)
{
	fmt_doc_list(d, "errors", "error");
	fmt_doc_object(d, NULL);
	fmt_doc_int(d, "code", 400);
	fmt_doc_str(d, "description", "service_code \"X<1>\" & 'Y' not "
	    "found\r\n");
	fmt_doc_end(d);
	fmt_doc_end(d);
}

static void
b_keys(struct fmt_doc *d)
{
	fmt_doc_object(d, "r");
	fmt_doc_object(d, "extended_attributes");
	fmt_doc_str(d, "x", "1");
	fmt_doc_object(d, "empty");
	fmt_doc_end(d);
	fmt_doc_end(d);
	fmt_doc_str(d, "y", "2");
	fmt_doc_end(d);
}

static void
b_deep(struct fmt_doc *d)
{
	int	i;

	fmt_doc_object(d, "root");
	for (i = 1; i < FMT_DOC_DEPTH - 1; i++)
		fmt_doc_object(d, "o");
	fmt_doc_int(d, "n", 1);
	for (i = 0; i < FMT_DOC_DEPTH - 1; i++)
		fmt_doc_end(d);
}

struct doc_case {
	const char	*name;
	void		(*build)(struct fmt_doc *);
	const char	*xml;
	const char	*json;
};

static const struct doc_case	doc_cases[] = {
	{ "list", b_list,
	    PROLOG "<services><service><service_code>POTHOLE</service_code>"
	    "<metadata>true</metadata></service><service><service_code>"
	    "GRAFFITI</service_code><metadata>false</metadata></service>"
	    "</services>",
	    "[{\"service_code\":\"POTHOLE\",\"metadata\":true},"
	    "{\"service_code\":\"GRAFFITI\",\"metadata\":false}]" },
	{ "one", b_one,
	    PROLOG "<service_requests><request><token>7f3a</token></request>"
	    "</service_requests>",
	    "[{\"token\":\"7f3a\"}]" },
	{ "empty list", b_empty_list,
	    PROLOG "<services></services>",
	    "[]" },
	{ "definition", b_definition,
	    PROLOG "<service_definition><service_code>POTHOLE</service_code>"
	    "<attributes><attribute><variable>true</variable><code>SIZE"
	    "</code><order>2</order><values><value><key>S</key><name>Small"
	    "</name></value><value><key>L</key><name>Large</name></value>"
	    "</values></attribute></attributes></service_definition>",
	    "{\"service_code\":\"POTHOLE\",\"attributes\":[{\"variable\":true,"
	    "\"code\":\"SIZE\",\"order\":2,\"values\":[{\"key\":\"S\","
	    "\"name\":\"Small\"},{\"key\":\"L\",\"name\":\"Large\"}]}]}" },
	{ "strings", b_strings,
	    PROLOG "<discovery><formats><format>text/xml</format><format>"
	    "application/json</format></formats><empty></empty></discovery>",
	    "{\"formats\":[\"text/xml\",\"application/json\"],\"empty\":[]}" },
	{ "scalars", b_scalars,
	    PROLOG "<service_requests><request><service_request_id>1042"
	    "</service_request_id><service_notice></service_notice>"
	    "<account_id></account_id><token></token><part>abc</part>"
	    "<zero>0</zero><neg>-42</neg><big>9223372036854775807</big>"
	    "<small>-9223372036854775808</small><lat>32.7157</lat><long>"
	    "-117.1611</long><none></none><bad></bad></request>"
	    "</service_requests>",
	    "[{\"service_request_id\":\"1042\",\"service_notice\":null,"
	    "\"account_id\":null,\"token\":\"\",\"part\":\"abc\",\"zero\":0,"
	    "\"neg\":-42,\"big\":9223372036854775807,"
	    "\"small\":-9223372036854775808,\"lat\":32.7157,"
	    "\"long\":-117.1611,\"none\":null,\"bad\":null}]" },
	{ "list of scalars", b_list_scalars,
	    PROLOG "<ids><id>1</id><id></id><id>2.5</id><id></id>"
	    "<id>true</id><id></id><id><inner>x</inner></id></ids>",
	    "[1,null,2.5,null,true,null,[\"x\"]]" },
	{ "errors", b_errors,
	    PROLOG "<errors><error><code>400</code><description>service_code "
	    "&quot;X&lt;1&gt;&quot; &amp; &apos;Y&apos; not found&#13;\n"
	    "</description></error></errors>",
	    "[{\"code\":400,\"description\":\"service_code \\\"X<1>\\\" & "
	    "'Y' not found\\r\\n\"}]" },
	{ "nested objects", b_keys,
	    PROLOG "<r><extended_attributes><x>1</x><empty></empty>"
	    "</extended_attributes><y>2</y></r>",
	    "{\"extended_attributes\":{\"x\":\"1\",\"empty\":{}},"
	    "\"y\":\"2\"}" },
	{ "deepest", b_deep,
	    PROLOG "<root><o><o><o><o><o><o><o><o><o><o><o><o><o><o><n>1</n>"
	    "</o></o></o></o></o></o></o></o></o></o></o></o></o></o></root>",
	    "{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":"
	    "{\"o\":{\"o\":{\"o\":{\"o\":{\"o\":{\"n\":1}}}}}}}}}}}}}}}" },
};

static void
test_doc_table(void **state)
{
	struct buf	b;
	struct fmt_doc	d;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(doc_cases) / sizeof(doc_cases[0]); i++) {
		const struct doc_case	*c = &doc_cases[i];

		print_message("case %zu: %s\n", i, c->name);

		buf_init(&b);
		fmt_doc_begin(&d, &b, FMT_XML);
		c->build(&d);
		assert_int_equal(d.depth, 0);
		assert_string_equal(buf_cstr(&b), c->xml);
		check_xml(b.data, b.len);
		buf_free(&b);

		fmt_doc_begin(&d, &b, FMT_JSON);
		c->build(&d);
		assert_int_equal(d.depth, 0);
		assert_string_equal(buf_cstr(&b), c->json);
		check_json(b.data, b.len);
		buf_free(&b);
	}
}

struct num_case {
	const char	*text;
	int		valid;
};

static const struct num_case	num_cases[] = {
	{ "0", 1 },
	{ "-0", 1 },
	{ "7", 1 },
	{ "1042", 1 },
	{ "-117.1611", 1 },
	{ "32.715700", 1 },
	{ "0.5", 1 },
	{ "1e10", 1 },
	{ "1E+10", 1 },
	{ "1.5e-3", 1 },
	{ "-0.0e0", 1 },
	{ "123456789012345678901234567890", 1 },
	{ "", 0 },
	{ "-", 0 },
	{ "+1", 0 },
	{ "01", 0 },
	{ "-01", 0 },
	{ "00", 0 },
	{ ".5", 0 },
	{ "1.", 0 },
	{ "1.e5", 0 },
	{ "1e", 0 },
	{ "1e+", 0 },
	{ "e5", 0 },
	{ "1,5", 0 },
	{ " 1", 0 },
	{ "1 ", 0 },
	{ "0x10", 0 },
	{ "--1", 0 },
	{ "NaN", 0 },
	{ "-Infinity", 0 },
	{ "Infinity", 0 },
	{ "1\"}", 0 },
	{ "1<b>", 0 },
	{ "\xef\xbc\x91", 0 },		/* FULLWIDTH DIGIT ONE */
};

static void
test_num_table(void **state)
{
	struct buf	b;
	struct fmt_doc	d;
	char		want[256];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(num_cases) / sizeof(num_cases[0]); i++) {
		const struct num_case	*c = &num_cases[i];

		print_message("case %zu: '%s'\n", i, c->text);

		buf_init(&b);
		fmt_doc_begin(&d, &b, FMT_XML);
		fmt_doc_object(&d, "r");
		fmt_doc_num(&d, "v", c->text);
		fmt_doc_end(&d);
		(void)snprintf(want, sizeof(want), PROLOG "<r><v>%s</v></r>",
		    c->valid ? c->text : "");
		assert_string_equal(buf_cstr(&b), want);
		check_xml(b.data, b.len);
		buf_free(&b);

		fmt_doc_begin(&d, &b, FMT_JSON);
		fmt_doc_object(&d, "r");
		fmt_doc_num(&d, "v", c->text);
		fmt_doc_end(&d);
		(void)snprintf(want, sizeof(want), "{\"v\":%s}",
		    c->valid ? c->text : "null");
		assert_string_equal(buf_cstr(&b), want);
		check_json(b.data, b.len);
		buf_free(&b);
	}
}

struct esc_case {
	const char	*in;
	size_t		len;
	const char	*xml;
	const char	*json;
	int		same;	/* JSON decodes back to the input */
};

#define E(s, x, j, same)	{ s, sizeof(s) - 1, x, j, same }

static const struct esc_case	esc_cases[] = {
	E("", "", "\"\"", 1),
	E("plain text", "plain text", "\"plain text\"", 1),
	E("a & b < c > d \" e ' f",
	    "a &amp; b &lt; c &gt; d &quot; e &apos; f",
	    "\"a & b < c > d \\\" e ' f\"", 1),
	E("&amp;", "&amp;amp;", "\"&amp;\"", 1),
	E("]]>", "]]&gt;", "\"]]>\"", 1),
	E("<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;", "\"<![CDATA[x]]>\"", 1),
	E("a\rb", "a&#13;b", "\"a\\rb\"", 1),
	E("l1\r\nl2", "l1&#13;\nl2", "\"l1\\r\\nl2\"", 1),
	E("l1\nl2\tx", "l1\nl2\tx", "\"l1\\nl2\\tx\"", 1),
	E("back\\slash", "back\\slash", "\"back\\\\slash\"", 1),
	E("\\\"", "\\&quot;", "\"\\\\\\\"\"", 1),
	E("a/b", "a/b", "\"a/b\"", 1),
	/* C0 controls: dropped in XML, \u00XX in JSON. */
	E("\x01\x08\x0b\x0c\x1f", "",
	    "\"\\u0001\\u0008\\u000b\\u000c\\u001f\"", 1),
	E("a\x00" "b", "ab", "\"a\\u0000b\"", 1),
	E("x\x1by", "xy", "\"x\\u001by\"", 1),
	/* DEL and C1 are XML characters and plain JSON. */
	E("\x7f", "\x7f", "\"\x7f\"", 1),
	E("\xc2\x85", "\xc2\x85", "\"\xc2\x85\"", 1),
	/* Multibyte text is copied. */
	E("caf\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x92\xa9",
	    "caf\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x92\xa9",
	    "\"caf\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x92\xa9\"", 1),
	/* U+2028 and U+2029 are escaped in JSON (JSONP). */
	E("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a\xe2\x80\xa8" "b\xe2\x80\xa9",
	    "\"a\\u2028b\\u2029\"", 1),
	/* U+FFFE and U+FFFF are not XML characters. */
	E("\xef\xbf\xbe|\xef\xbf\xbf", "|",
	    "\"\xef\xbf\xbe|\xef\xbf\xbf\"", 1),
	/* Invalid UTF-8: one U+FFFD per bad byte. */
	E("a\xff" "b", "a" FFFD "b", "\"a\\ufffdb\"", 0),
	E("caf\xe9", "caf" FFFD, "\"caf\\ufffd\"", 0),
	E("\xc0\xaf", FFFD FFFD, "\"\\ufffd\\ufffd\"", 0),
	E("\xed\xa0\x80", FFFD FFFD FFFD, "\"\\ufffd\\ufffd\\ufffd\"", 0),
	E("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD,
	    "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", 0),
	E("ab\xe2\x82", "ab" FFFD FFFD, "\"ab\\ufffd\\ufffd\"", 0),
	E("\xe2\x82<", FFFD FFFD "&lt;", "\"\\ufffd\\ufffd<\"", 0),
	E("\x80\"", FFFD "&quot;", "\"\\ufffd\\\"\"", 0),
};

static void
test_escape_table(void **state)
{
	struct buf	b;
	struct fmt_doc	d;
	json_error_t	err;
	json_t		*j;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(esc_cases) / sizeof(esc_cases[0]); i++) {
		const struct esc_case	*c = &esc_cases[i];

		print_message("case %zu\n", i);

		buf_init(&b);
		fmt_xml_escape(&b, c->in, c->len);
		assert_int_equal(b.len, strlen(c->xml));
		assert_memory_equal(b.data, c->xml, b.len);
		buf_free(&b);

		fmt_json_quote(&b, c->in, c->len);
		assert_string_equal(buf_cstr(&b), c->json);
		if ((j = json_loadb(b.data, b.len,
		    JSON_DECODE_ANY | JSON_ALLOW_NUL, &err)) == NULL)
			fail_msg("does not parse: %s", err.text);
		assert_true(json_is_string(j));
		if (c->same) {
			assert_int_equal(json_string_length(j), c->len);
			assert_memory_equal(json_string_value(j), c->in,
			    c->len);
		}
		json_decref(j);
		buf_free(&b);

		/* The same text as a member of whole documents. */
		fmt_doc_begin(&d, &b, FMT_XML);
		fmt_doc_object(&d, "r");
		fmt_doc_strn(&d, "v", c->in, c->len);
		fmt_doc_end(&d);
		check_xml(b.data, b.len);
		buf_free(&b);

		fmt_doc_begin(&d, &b, FMT_JSON);
		fmt_doc_list(&d, "r", "v");
		fmt_doc_strn(&d, NULL, c->in, c->len);
		fmt_doc_end(&d);
		check_json(b.data, b.len);
		buf_free(&b);
	}
}

/* Every single byte and every code point through both writers. */
static void
test_escape_all(void **state)
{
	struct buf	b;
	struct fmt_doc	d;
	char		in[4];
	u_int32_t	cp;
	size_t		n;
	int		type;

	(void)state;
	for (type = FMT_XML; type <= FMT_JSON; type++) {
		buf_init(&b);
		fmt_doc_begin(&d, &b, type);
		fmt_doc_list(&d, "all", "c");
		for (cp = 0; cp < 256; cp++) {
			in[0] = (char)cp;
			fmt_doc_strn(&d, NULL, in, 1);
		}
		for (cp = 0; cp <= 0x10ffff; cp += (cp < 0x3000 ? 1 : 97)) {
			n = fmt_utf8_encode(cp, in);
			fmt_doc_strn(&d, NULL, in, n);
		}
		fmt_doc_end(&d);
		if (type == FMT_XML)
			check_xml(b.data, b.len);
		else
			check_json(b.data, b.len);
		buf_free(&b);
	}
}

/* The checker itself must reject what is not well-formed. */
static const char	*bad_xml[] = {
	"<r></r>",
	PROLOG,
	PROLOG "<r>",
	PROLOG "<r></s>",
	PROLOG "<r></r><r></r>",
	PROLOG "<r></r>x",
	PROLOG "x<r></r>",
	PROLOG "<r>a & b</r>",
	PROLOG "<r>a &foo; b</r>",
	PROLOG "<r>&#0;</r>",
	PROLOG "<r>&#x1;</r>",
	PROLOG "<r>a < b</r>",
	PROLOG "<r>]]></r>",
	PROLOG "<r>\x01</r>",
	PROLOG "<r>\r</r>",
	PROLOG "<r>\xff</r>",
	PROLOG "<r>\xef\xbf\xbe</r>",
	PROLOG "<r a=\"1\"></r>",
	PROLOG "<1></1>",
	PROLOG "<r><s></r></s>",
};

static const char	*good_xml[] = {
	PROLOG "<r></r>",
	PROLOG "<r/>",
	PROLOG "<r><s/><t>&amp;&lt;&gt;&quot;&apos;&#13;&#x20AC;</t></r>",
	PROLOG "<r>\t\n\xc2\x85\xe2\x82\xac</r>",
};

static void
test_xmlcheck(void **state)
{
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(bad_xml) / sizeof(bad_xml[0]); i++) {
		print_message("bad %zu\n", i);
		assert_false(xml_wellformed(bad_xml[i], strlen(bad_xml[i])));
	}
	for (i = 0; i < sizeof(good_xml) / sizeof(good_xml[0]); i++) {
		print_message("good %zu\n", i);
		assert_true(xml_wellformed(good_xml[i], strlen(good_xml[i])));
	}
}

static void
test_content_type(void **state)
{
	(void)state;
	assert_string_equal(fmt_content_type(FMT_XML),
	    "text/xml; charset=utf-8");
	assert_string_equal(fmt_content_type(FMT_JSON),
	    "application/json; charset=utf-8");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_doc_table),
		cmocka_unit_test(test_num_table),
		cmocka_unit_test(test_escape_table),
		cmocka_unit_test(test_escape_all),
		cmocka_unit_test(test_xmlcheck),
		cmocka_unit_test(test_content_type),
	};

	return (cmocka_run_group_tests_name("doc", tests, NULL, NULL));
}
