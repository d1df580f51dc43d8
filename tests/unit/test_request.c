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
 * Unit tests for formats/request.c: the exact XML and JSON of
 * fmt_request_list with 0, 1 and 2 rows, with and without extensions
 * (every Open311 field present, NULL fields as empty elements or null,
 * lat and long as numbers or null when not numeric, escaping, the
 * contact object only when the row has one, extended_attributes only
 * with extensions: duplicate from the parent id, x, y and crs only with
 * a local position, escalated only beside a contact, every media URL);
 * fmt_request_receipt
 * for realtime (service_request_id, no token), batch (token, no
 * service_request_id) and blackbox (neither) services, service_notice
 * and account_id always present; fmt_request_token with and without an
 * id. Every XML body must be well-formed (xmlcheck.h) and every JSON body
 * must parse with jansson to an array of objects holding exactly the
 * expected keys, numbers where numbers belong.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lib/buf.h"
#include "formats/doc.h"
#include "formats/request.h"
#include "model/catalog.h"
#include "model/request.h"
#include "xmlcheck.h"

#define PROLOG	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

/* An XML element holding text v, and one with nothing in it. */
#define X(t, v)	"<" t ">" v "</" t ">"
#define E(t)	"<" t "></" t ">"

static const struct req_contact	ann = {
	"ann@example.org", NULL, "Ann", "Lee", NULL, "42"
};

static const struct req_contact	nobody = {
	NULL, NULL, NULL, NULL, NULL, NULL
};

static char	*media_one[] = {
	"https://example.org/p.jpg?a=1&b=2", "https://example.org/q.png"
};

static const struct req_row	rows_one[] = {
	{
		.id = "1042", .status = "open", .service_name = "Pothole",
		.service_code = "POTHOLE",
		.description = "Deep hole <near> the \"curb\" & gutter",
		.agency = "Streets Division",
		.service_notice = "Fixed within 3 days",
		.requested = "2026-11-20T18:30:00Z",
		.updated = "2026-11-20T19:00:00Z",
		.address = "1200 Third Ave, Caf\xc3\xa9", .zipcode = "92101",
		.lat = "32.7157", .lon = "-117.1611",
		.media_url = "https://example.org/p.jpg?a=1&b=2",
		.detailed_status = "in progress", .parent_id = "1000",
		.jurisdiction_id = "sandiego.gov", .channel = "web",
		.duplicate_count = 3, .media = media_one, .nmedia = 2,
		.x = "6287914.25", .y = "1840193.5", .crs = "EPSG:2230",
	},
};

static const struct req_row	rows_two[] = {
	{
		.id = "1", .status = "closed", .status_notes = "Filled",
		.service_name = "Graffiti", .service_code = "GRAFFITI",
		.description = "line1\r\nline2",
		.requested = "1970-01-01T00:00:00Z",
		.expected = "2026-12-01T00:00:00Z", .address_id = "A-17",
		.lat = "0", .lon = "-0.5", .crs = "EPSG:2230", .contact = &ann,
		.escalated = 1,
	},
	{
		.id = "7", .lon = "abc", .x = "12", .crs = "EPSG:2230",
		.contact = &nobody,
	},
};

static const struct req_row	rows_nums[] = {
	{ .id = "2", .lat = "1e3", .lon = "" },
	{ .id = "3", .lat = " 32.7", .lon = "-117." },
};

/* The fields every request has, in order, all NULL but the id. */
#define XNULLS(id)							\
	X("service_request_id", id) E("status") E("status_notes")	\
	E("service_name") E("service_code") E("description")		\
	E("agency_responsible") E("service_notice")			\
	E("requested_datetime") E("updated_datetime")			\
	E("expected_datetime") E("address") E("address_id")		\
	E("zipcode") E("lat") E("long") E("media_url")
#define JNULLS(id)							\
	"{\"service_request_id\":\"" id "\",\"status\":null,"		\
	"\"status_notes\":null,\"service_name\":null,"			\
	"\"service_code\":null,\"description\":null,"			\
	"\"agency_responsible\":null,\"service_notice\":null,"		\
	"\"requested_datetime\":null,\"updated_datetime\":null,"	\
	"\"expected_datetime\":null,\"address\":null,"			\
	"\"address_id\":null,\"zipcode\":null,\"lat\":null,"		\
	"\"long\":null,\"media_url\":null"

/* rows_one[0], without the closing tag or brace. */
#define XROW1								\
	"<request>" X("service_request_id", "1042") X("status", "open")	\
	E("status_notes") X("service_name", "Pothole")			\
	X("service_code", "POTHOLE")					\
	X("description", "Deep hole &lt;near&gt; the &quot;curb&quot; "	\
	    "&amp; gutter")						\
	X("agency_responsible", "Streets Division")			\
	X("service_notice", "Fixed within 3 days")			\
	X("requested_datetime", "2026-11-20T18:30:00Z")			\
	X("updated_datetime", "2026-11-20T19:00:00Z")			\
	E("expected_datetime")						\
	X("address", "1200 Third Ave, Caf\xc3\xa9") E("address_id")	\
	X("zipcode", "92101") X("lat", "32.7157") X("long", "-117.1611")\
	X("media_url", "https://example.org/p.jpg?a=1&amp;b=2")
#define JROW1								\
	"{\"service_request_id\":\"1042\",\"status\":\"open\","		\
	"\"status_notes\":null,\"service_name\":\"Pothole\","		\
	"\"service_code\":\"POTHOLE\","					\
	"\"description\":\"Deep hole <near> the \\\"curb\\\" & "	\
	"gutter\",\"agency_responsible\":\"Streets Division\","		\
	"\"service_notice\":\"Fixed within 3 days\","			\
	"\"requested_datetime\":\"2026-11-20T18:30:00Z\","		\
	"\"updated_datetime\":\"2026-11-20T19:00:00Z\","		\
	"\"expected_datetime\":null,"					\
	"\"address\":\"1200 Third Ave, Caf\xc3\xa9\","			\
	"\"address_id\":null,\"zipcode\":\"92101\",\"lat\":32.7157,"	\
	"\"long\":-117.1611,"						\
	"\"media_url\":\"https://example.org/p.jpg?a=1&b=2\""

/* rows_two[0] and [1], likewise. */
#define XROW2A								\
	"<request>" X("service_request_id", "1") X("status", "closed")	\
	X("status_notes", "Filled") X("service_name", "Graffiti")	\
	X("service_code", "GRAFFITI")					\
	X("description", "line1&#13;\nline2") E("agency_responsible")	\
	E("service_notice") X("requested_datetime",			\
	"1970-01-01T00:00:00Z") E("updated_datetime")			\
	X("expected_datetime", "2026-12-01T00:00:00Z") E("address")	\
	X("address_id", "A-17") E("zipcode") X("lat", "0")		\
	X("long", "-0.5") E("media_url")
#define XCONTACT2A							\
	"<contact>" X("email", "ann@example.org") E("phone")		\
	X("first_name", "Ann") X("last_name", "Lee") E("device_id")	\
	X("account_id", "42") "</contact>"
#define XROW2B	"<request>" XNULLS("7")
#define XCONTACT2B							\
	"<contact>" E("email") E("phone") E("first_name") E("last_name")\
	E("device_id") E("account_id") "</contact>"
#define JROW2A								\
	"{\"service_request_id\":\"1\",\"status\":\"closed\","		\
	"\"status_notes\":\"Filled\",\"service_name\":\"Graffiti\","	\
	"\"service_code\":\"GRAFFITI\","				\
	"\"description\":\"line1\\r\\nline2\","				\
	"\"agency_responsible\":null,\"service_notice\":null,"		\
	"\"requested_datetime\":\"1970-01-01T00:00:00Z\","		\
	"\"updated_datetime\":null,"					\
	"\"expected_datetime\":\"2026-12-01T00:00:00Z\","		\
	"\"address\":null,\"address_id\":\"A-17\",\"zipcode\":null,"	\
	"\"lat\":0,\"long\":-0.5,\"media_url\":null"
#define JCONTACT2A							\
	",\"contact\":{\"email\":\"ann@example.org\",\"phone\":null,"	\
	"\"first_name\":\"Ann\",\"last_name\":\"Lee\","			\
	"\"device_id\":null,\"account_id\":\"42\"}"
#define JROW2B	JNULLS("7")
#define JCONTACT2B							\
	",\"contact\":{\"email\":null,\"phone\":null,"			\
	"\"first_name\":null,\"last_name\":null,\"device_id\":null,"	\
	"\"account_id\":null}"

/* extended_attributes of rows_one[0], rows_two[0] and rows_two[1]. */
#define XEXT1								\
	"<extended_attributes>" X("channel", "web")			\
	X("detailed_status", "in progress") X("duplicate", "true")	\
	X("parent_service_request_id", "1000")				\
	X("duplicate_count", "3") X("x", "6287914.25")			\
	X("y", "1840193.5") X("crs", "EPSG:2230")			\
	"<media_urls>"							\
	X("media_url", "https://example.org/p.jpg?a=1&amp;b=2")		\
	X("media_url", "https://example.org/q.png")			\
	"</media_urls></extended_attributes><notes></notes>"
#define JEXT1								\
	",\"extended_attributes\":{\"channel\":\"web\","		\
	"\"detailed_status\":\"in progress\",\"duplicate\":true,"	\
	"\"parent_service_request_id\":\"1000\","			\
	"\"duplicate_count\":3,\"x\":6287914.25,\"y\":1840193.5,"	\
	"\"crs\":\"EPSG:2230\",\"media_urls\":["			\
	"\"https://example.org/p.jpg?a=1&b=2\","			\
	"\"https://example.org/q.png\"]},\"notes\":[]"
#define XEXT2A								\
	"<extended_attributes>" E("channel") E("detailed_status")	\
	X("duplicate", "false") E("parent_service_request_id")		\
	X("duplicate_count", "0") E("x") E("y") E("crs")		\
	X("escalated", "true")						\
	E("media_urls") "</extended_attributes><notes></notes>"
#define JEXT2A								\
	",\"extended_attributes\":{\"channel\":null,"			\
	"\"detailed_status\":null,\"duplicate\":false,"			\
	"\"parent_service_request_id\":null,\"duplicate_count\":0,"	\
	"\"x\":null,\"y\":null,\"crs\":null,\"escalated\":true,"	\
	"\"media_urls\":[]},\"notes\":[]"
#define XEXT2B								\
	"<extended_attributes>" E("channel") E("detailed_status")	\
	X("duplicate", "false") E("parent_service_request_id")		\
	X("duplicate_count", "0") X("x", "12") E("y")			\
	X("crs", "EPSG:2230") X("escalated", "false") E("media_urls")	\
	"</extended_attributes>"					\
	"<notes></notes>"
#define JEXT2B								\
	",\"extended_attributes\":{\"channel\":null,"			\
	"\"detailed_status\":null,\"duplicate\":false,"			\
	"\"parent_service_request_id\":null,\"duplicate_count\":0,"	\
	"\"x\":12,\"y\":null,\"crs\":\"EPSG:2230\",\"escalated\":false,"	\
	"\"media_urls\":[]},"						\
	"\"notes\":[]"

#define LIST	0
#define RECEIPT	1
#define TOKEN	2

struct req_case {
	const char		*name;
	int			kind;
	const struct req_row	*rows;		/* LIST */
	size_t			n;
	int			ext;
	struct req_receipt	receipt;	/* RECEIPT */
	const char		*id;		/* TOKEN */
	const char		*token;
	const char		*xml;
	const char		*json;
	const char		*keys;		/* RECEIPT, TOKEN */
};

static const char	*row_keys = "service_request_id status status_notes "
			    "service_name service_code description "
			    "agency_responsible service_notice "
			    "requested_datetime updated_datetime "
			    "expected_datetime address address_id zipcode "
			    "lat long media_url";

static const struct req_case	req_cases[] = {
	{ "list of none", LIST, rows_one, 0, 0, { 0, NULL, NULL, NULL, NULL, 0 },
	    NULL, NULL,
	    PROLOG "<service_requests></service_requests>",
	    "[]", NULL },
	{ "list of none, extensions", LIST, rows_one, 0, 1,
	    { 0, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests></service_requests>",
	    "[]", NULL },
	{ "list of one", LIST, rows_one, 1, 0, { 0, NULL, NULL, NULL, NULL, 0 },
	    NULL, NULL,
	    PROLOG "<service_requests>" XROW1 "</request></service_requests>",
	    "[" JROW1 "}]", NULL },
	{ "list of one, extensions", LIST, rows_one, 1, 1,
	    { 0, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests>" XROW1 XEXT1
	    "</request></service_requests>",
	    "[" JROW1 JEXT1 "}]", NULL },
	{ "list of two, with contacts", LIST, rows_two, 2, 0,
	    { 0, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests>" XROW2A XCONTACT2A "</request>"
	    XROW2B XCONTACT2B "</request></service_requests>",
	    "[" JROW2A JCONTACT2A "}," JROW2B JCONTACT2B "}]", NULL },
	{ "list of two, with contacts, extensions", LIST, rows_two, 2, 1,
	    { 0, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests>" XROW2A XEXT2A XCONTACT2A "</request>"
	    XROW2B XEXT2B XCONTACT2B "</request></service_requests>",
	    "[" JROW2A JEXT2A JCONTACT2A "}," JROW2B JEXT2B JCONTACT2B "}]",
	    NULL },
	{ "numbers as text", LIST, rows_nums, 2, 0,
	    { 0, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests>"
	    "<request>" X("service_request_id", "2") E("status")
	    E("status_notes") E("service_name") E("service_code")
	    E("description") E("agency_responsible") E("service_notice")
	    E("requested_datetime") E("updated_datetime")
	    E("expected_datetime") E("address") E("address_id") E("zipcode")
	    X("lat", "1e3") E("long") E("media_url") "</request>"
	    "<request>" XNULLS("3") "</request>"
	    "</service_requests>",
	    "[{\"service_request_id\":\"2\",\"status\":null,"
	    "\"status_notes\":null,\"service_name\":null,"
	    "\"service_code\":null,\"description\":null,"
	    "\"agency_responsible\":null,\"service_notice\":null,"
	    "\"requested_datetime\":null,\"updated_datetime\":null,"
	    "\"expected_datetime\":null,\"address\":null,"
	    "\"address_id\":null,\"zipcode\":null,\"lat\":1e3,"
	    "\"long\":null,\"media_url\":null},"
	    JNULLS("3") "}]", NULL },

	/* POST /requests answers. */
	{ "receipt, realtime", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_REALTIME, "1042", "7f3a9c", "Fixed within 3 days",
	    NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    X("service_request_id", "1042")
	    X("service_notice", "Fixed within 3 days") E("account_id")
	    "</request></service_requests>",
	    "[{\"service_request_id\":\"1042\","
	    "\"service_notice\":\"Fixed within 3 days\","
	    "\"account_id\":null}]",
	    "service_request_id service_notice account_id" },
	{ "receipt, realtime, all set", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_REALTIME, "9", NULL, "N & M", "acct<1>", 0 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    X("service_request_id", "9") X("service_notice", "N &amp; M")
	    X("account_id", "acct&lt;1&gt;")
	    "</request></service_requests>",
	    "[{\"service_request_id\":\"9\",\"service_notice\":\"N & M\","
	    "\"account_id\":\"acct<1>\"}]",
	    "service_request_id service_notice account_id" },
	{ "receipt, realtime, no id", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_REALTIME, NULL, NULL, NULL, NULL, 0 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    E("service_request_id") E("service_notice") E("account_id")
	    "</request></service_requests>",
	    "[{\"service_request_id\":null,\"service_notice\":null,"
	    "\"account_id\":null}]",
	    "service_request_id service_notice account_id" },
	{ "receipt, batch", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_BATCH, "1042", "7f3a9c", NULL, "acct-9", 0 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    X("token", "7f3a9c") E("service_notice") X("account_id", "acct-9")
	    "</request></service_requests>",
	    "[{\"token\":\"7f3a9c\",\"service_notice\":null,"
	    "\"account_id\":\"acct-9\"}]",
	    "token service_notice account_id" },
	{ "receipt, blackbox", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_BLACKBOX, "1042", "7f3a9c", "Thanks", "acct-9", 0 },
	    NULL, NULL,
	    PROLOG "<service_requests><request>"
	    X("service_notice", "Thanks") X("account_id", "acct-9")
	    "</request></service_requests>",
	    "[{\"service_notice\":\"Thanks\",\"account_id\":\"acct-9\"}]",
	    "service_notice account_id" },
	{ "receipt, realtime, private service", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_REALTIME, "77", "c0ffee", NULL, NULL, 1 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    X("service_request_id", "77") X("token", "c0ffee")
	    E("service_notice") E("account_id")
	    "</request></service_requests>",
	    "[{\"service_request_id\":\"77\",\"token\":\"c0ffee\","
	    "\"service_notice\":null,\"account_id\":null}]",
	    "service_request_id token service_notice account_id" },
	{ "receipt, blackbox, private service", RECEIPT, NULL, 0, 0,
	    { CAT_TYPE_BLACKBOX, "77", "c0ffee", NULL, NULL, 1 }, NULL, NULL,
	    PROLOG "<service_requests><request>"
	    E("service_notice") E("account_id")
	    "</request></service_requests>",
	    "[{\"service_notice\":null,\"account_id\":null}]",
	    "service_notice account_id" },

	/* GET /tokens answers. */
	{ "token, accepted", TOKEN, NULL, 0, 0, { 0, NULL, NULL, NULL, NULL, 0 },
	    "1042", "7f3a9c",
	    PROLOG "<service_requests><request>"
	    X("service_request_id", "1042") X("token", "7f3a9c")
	    "</request></service_requests>",
	    "[{\"service_request_id\":\"1042\",\"token\":\"7f3a9c\"}]",
	    "service_request_id token" },
	{ "token, pending", TOKEN, NULL, 0, 0, { 0, NULL, NULL, NULL, NULL, 0 },
	    NULL, "7f3a9c",
	    PROLOG "<service_requests><request>" X("token", "7f3a9c")
	    "</request></service_requests>",
	    "[{\"token\":\"7f3a9c\"}]",
	    "token" },
};

static void
render(const struct req_case *c, struct buf *b, int type)
{
	struct fmt_doc	d;

	buf_init(b);
	fmt_doc_begin(&d, b, type);
	switch (c->kind) {
	case LIST:
		fmt_request_list(&d, c->rows, c->n, c->ext);
		break;
	case RECEIPT:
		fmt_request_receipt(&d, &c->receipt);
		break;
	case TOKEN:
		fmt_request_token(&d, c->id, c->token);
		break;
	}
	assert_int_equal(d.depth, 0);
}

/* Does the space-separated list hold key? */
static int
has_key(const char *keys, const char *key)
{
	size_t		n;

	n = strlen(key);
	while (*keys != '\0') {
		if (!strncmp(keys, key, n) && (keys[n] == ' ' ||
		    keys[n] == '\0'))
			return (1);
		keys += strcspn(keys, " ");
		keys += strspn(keys, " ");
	}
	return (0);
}

static size_t
count_keys(const char *keys)
{
	size_t		n;

	for (n = 0; *keys != '\0'; n++) {
		keys += strcspn(keys, " ");
		keys += strspn(keys, " ");
	}
	return (n);
}

/*
 * The JSON is an array of objects with exactly the keys expected: for a
 * list, the Open311 fields, extended_attributes with extensions and
 * contact when the row has one; lat, long, x and y numbers or null.
 */
static void
check_json(const struct req_case *c, const struct buf *b)
{
	json_error_t	err;
	json_t		*j, *o, *v, *ext;
	const char	*k, *keys;
	size_t		i, want;

	if ((j = json_loadb(b->data, b->len, JSON_REJECT_DUPLICATES,
	    &err)) == NULL)
		fail_msg("JSON does not parse (%s): %.*s", err.text,
		    (int)b->len, b->data);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), c->kind == LIST ? c->n : 1);

	json_array_foreach(j, i, o) {
		assert_true(json_is_object(o));
		keys = c->kind == LIST ? row_keys : c->keys;
		want = count_keys(keys);
		if (c->kind == LIST) {
			/* extensions add extended_attributes and notes. */
			want += 2 * c->ext + (c->rows[i].contact != NULL);
			assert_true(json_is_object(json_object_get(o,
			    "contact")) == (c->rows[i].contact != NULL));
			ext = json_object_get(o, "extended_attributes");
			assert_true(json_is_object(ext) == c->ext);
			if (ext != NULL) {
				/* escalated only beside a contact. */
				assert_int_equal(json_object_size(ext), 9 +
				    (c->rows[i].contact != NULL));
				assert_true(json_is_boolean(json_object_get(ext,
				    "escalated")) ==
				    (c->rows[i].contact != NULL));
				assert_true(json_is_boolean(json_object_get(ext,
				    "duplicate")));
				assert_true(json_is_integer(json_object_get(ext,
				    "duplicate_count")));
				assert_true(json_is_array(json_object_get(ext,
				    "media_urls")));
				v = json_object_get(ext, "x");
				assert_true(json_is_number(v) ||
				    json_is_null(v));
				v = json_object_get(ext, "y");
				assert_true(json_is_number(v) ||
				    json_is_null(v));
			}
		}
		assert_int_equal(json_object_size(o), want);

		json_object_foreach(o, k, v) {
			if (!strcmp(k, "contact") ||
			    !strcmp(k, "extended_attributes"))
				continue;
			if (!strcmp(k, "notes")) {
				assert_true(c->ext && json_is_array(v));
				continue;
			}
			if (!has_key(keys, k))
				fail_msg("unexpected key %s", k);
			if (!strcmp(k, "lat") || !strcmp(k, "long"))
				assert_true(json_is_number(v) ||
				    json_is_null(v));
			else
				assert_true(json_is_string(v) ||
				    json_is_null(v));
		}
	}

	json_decref(j);
}

static void
test_request_table(void **state)
{
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(req_cases) / sizeof(req_cases[0]); i++) {
		const struct req_case	*c = &req_cases[i];

		print_message("case %zu: %s\n", i, c->name);

		render(c, &b, FMT_XML);
		assert_string_equal(buf_cstr(&b), c->xml);
		if (!xml_wellformed(b.data, b.len))
			fail_msg("XML is not well-formed: %s", b.data);
		buf_free(&b);

		render(c, &b, FMT_JSON);
		assert_string_equal(buf_cstr(&b), c->json);
		check_json(c, &b);
		buf_free(&b);
	}
}

/* Lists of many rows stay well-formed and keep their order. */
static void
test_request_many(void **state)
{
	struct req_row	rows[50];
	struct buf	b;
	struct fmt_doc	d;
	json_error_t	err;
	json_t		*j;
	char		ids[50][8];
	size_t		i;

	(void)state;
	for (i = 0; i < 50; i++) {
		rows[i] = rows_two[i % 2];
		(void)snprintf(ids[i], sizeof(ids[i]), "%zu", i + 1);
		rows[i].id = ids[i];
	}

	buf_init(&b);
	fmt_doc_begin(&d, &b, FMT_XML);
	fmt_request_list(&d, rows, 50, 1);
	assert_true(xml_wellformed(b.data, b.len));
	buf_free(&b);

	fmt_doc_begin(&d, &b, FMT_JSON);
	fmt_request_list(&d, rows, 50, 1);
	if ((j = json_loadb(b.data, b.len, 0, &err)) == NULL)
		fail_msg("JSON does not parse (%s)", err.text);
	assert_int_equal(json_array_size(j), 50);
	for (i = 0; i < 50; i++)
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(j, i), "service_request_id")), ids[i]);
	json_decref(j);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_request_table),
		cmocka_unit_test(test_request_many),
	};

	return (cmocka_run_group_tests_name("request", tests, NULL, NULL));
}
