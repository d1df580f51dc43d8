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
 * Unit tests for formats/upstream.c, gateway mode's conversation with an
 * upstream Open311 server: the form a request.created event is posted
 * as, the id or token read from the answer, and the search that finds a
 * submission the upstream stored although its answer was lost.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/upstream.h"

struct form_case {
	const char	*name;
	const char	*event;
	const char	*jurisdiction;
	const char	*want;
};

static const struct form_case	form_cases[] = {
	{ "every field", "{\"event\":\"request.created\",\"request\":{"
	    "\"service_request_id\":\"9\",\"service_code\":\"POT\","
	    "\"service_name\":\"Pothole\",\"description\":\"Deep & wide\","
	    "\"lat\":32.7,\"long\":-117.1,\"address\":\"1 Main St\","
	    "\"address_id\":\"A1\",\"zipcode\":\"92101\","
	    "\"media_urls\":[\"http://m/1.jpg\",7],"
	    "\"attributes\":{\"SIZE\":\"big\",\"N\":3,\"L\":[\"a\",\"b\"],"
	    "\"B\":true},"
	    "\"contact\":{\"email\":\"a@b.example\",\"device_id\":\"dev\","
	    "\"first_name\":\"Ana\",\"phone\":null}}}", "up.gov",
	    "api_key=KEY&jurisdiction_id=up.gov&service_code=POT&"
	    "description=Deep%20%26%20wide&lat=32.70000000&"
	    "long=-117.10000000&address_string=1%20Main%20St&address_id=A1&"
	    "zipcode=92101&media_url=http%3A%2F%2Fm%2F1.jpg&"
	    "attribute%5BSIZE%5D=big&attribute%5BN%5D=3&"
	    "attribute%5BL%5D%5B%5D=a&attribute%5BL%5D%5B%5D=b&"
	    "email=a%40b.example&first_name=Ana" },
	{ "nulls are left out, no jurisdiction", "{\"request\":{"
	    "\"service_code\":\"POT\",\"description\":null,\"lat\":null,"
	    "\"long\":null,\"address\":\"Here\",\"attributes\":null,"
	    "\"contact\":null}}", NULL,
	    "api_key=KEY&service_code=POT&address_string=Here" },
	{ "numbers as the upstream reads them", "{\"request\":{"
	    "\"lat\":-0.5,\"long\":179.123456789,\"attributes\":"
	    "{\"X\":0.1}}}", NULL,
	    "api_key=KEY&lat=-0.50000000&long=179.12345679&"
	    "attribute%5BX%5D=0.1" },
	{ "not JSON", "{\"request\":", "up.gov",
	    "api_key=KEY&jurisdiction_id=up.gov" },
	{ "no request", "[]", NULL, "api_key=KEY" },
};

static void
test_upstream_form(void **state)
{
	const struct form_case	*k;
	struct buf		out;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(form_cases) / sizeof(form_cases[0]); i++) {
		k = &form_cases[i];
		buf_init(&out);
		fmt_upstream_form(k->event, "KEY", k->jurisdiction, &out);
		if (strcmp(buf_cstr(&out), k->want))
			fail_msg("%s: got '%s'", k->name, buf_cstr(&out));
		buf_free(&out);
	}
}

struct id_case {
	const char	*body;
	const char	*want;		/* NULL: none */
};

static const struct id_case	id_cases[] = {
	{ "[{\"service_request_id\":\"UP-1\"}]", "UP-1" },
	{ "{\"service_request_id\":\"7\"}", "7" },
	{ "[{\"token\":\"abc\"}]", "token:abc" },
	{ "[{\"service_request_id\":\"\",\"token\":\"t\"}]", "token:t" },
	{ "[{\"service_request_id\":\"UP-2\"},{\"service_request_id\":"
	    "\"UP-3\"}]", "UP-2" },
	{ "[{\"service_request_id\":12}]", NULL },
	{ "[{\"service_request_id\":\"\"}]", NULL },
	{ "[{\"token\":\"\"}]", NULL },
	{ "[]", NULL },
	{ "[[\"UP-1\"]]", NULL },
	{ "", NULL },
	{ "<html>Bad gateway</html>", NULL },
	{ NULL, NULL },
};

static void
test_upstream_id(void **state)
{
	const struct id_case	*k;
	char			*id;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++) {
		k = &id_cases[i];
		id = fmt_upstream_id(k->body);
		if (k->want == NULL && id != NULL)
			fail_msg("%s: got '%s'", k->body, id);
		if (k->want != NULL && (id == NULL || strcmp(id, k->want)))
			fail_msg("%s: got '%s'", k->body, id ? id : "NULL");
		free(id);
	}
}

struct search_case {
	const char	*event;
	const char	*jurisdiction;
	int		ret;
	const char	*want;
};

static const struct search_case	search_cases[] = {
	{ "{\"request\":{\"service_code\":\"STORM DRAIN\"}}", "up.gov", 0,
	    "service_code=STORM%20DRAIN&start_date=2023-11-14T22%3A03%3A20Z&"
	    "end_date=2023-11-14T22%3A23%3A20Z&jurisdiction_id=up.gov" },
	{ "{\"request\":{\"service_code\":\"POT\"}}", NULL, 0,
	    "service_code=POT&start_date=2023-11-14T22%3A03%3A20Z&"
	    "end_date=2023-11-14T22%3A23%3A20Z" },
	{ "{\"request\":{\"service_code\":\"\"}}", NULL, -1, "" },
	{ "{\"request\":{\"service_code\":3}}", NULL, -1, "" },
	{ "{\"request\":{}}", NULL, -1, "" },
	{ "not json", NULL, -1, "" },
};

static void
test_upstream_search(void **state)
{
	const struct search_case	*k;
	struct buf			out;
	size_t				i;

	(void)state;
	for (i = 0; i < sizeof(search_cases) / sizeof(search_cases[0]); i++) {
		k = &search_cases[i];
		buf_init(&out);
		assert_int_equal(fmt_upstream_search(k->event,
		    1700000000 - 600, 1700000000 + 600, k->jurisdiction, &out),
		    k->ret);
		if (strcmp(buf_cstr(&out), k->want))
			fail_msg("%s: got '%s'", k->event, buf_cstr(&out));
		buf_free(&out);
	}
}

#define EV_POINT	"{\"request\":{\"service_code\":\"POT\"," \
			"\"description\":\"deep\",\"lat\":32.7," \
			"\"long\":-117.1,\"address\":\"1 Main St\"}}"
#define EV_ADDRESS	"{\"request\":{\"service_code\":\"POT\"," \
			"\"description\":\"deep\",\"lat\":null," \
			"\"long\":null,\"address\":\"1 Main St\"}}"
#define EV_NODESC	"{\"request\":{\"service_code\":\"POT\"," \
			"\"description\":null,\"lat\":32.7,\"long\":-117.1}}"

struct find_case {
	const char	*name;
	const char	*event;
	const char	*body;
	const char	*want;		/* NULL: none */
};

static const struct find_case	find_cases[] = {
	{ "the one of several", EV_POINT, "["
	    "{\"service_request_id\":\"UP-1\",\"service_code\":\"POT\","
	    "\"description\":\"other\",\"lat\":32.7,\"long\":-117.1},"
	    "{\"service_request_id\":\"UP-2\",\"service_code\":\"POT\","
	    "\"description\":\"deep\",\"lat\":32.70000001,"
	    "\"long\":-117.10000001}]", "UP-2" },
	{ "coordinates as text", EV_POINT, "[{\"service_request_id\":"
	    "\"UP-3\",\"service_code\":\"POT\",\"description\":\"deep\","
	    "\"lat\":\"32.70000000\",\"long\":\"-117.10000000\"}]", "UP-3" },
	{ "another place", EV_POINT, "[{\"service_request_id\":\"UP-4\","
	    "\"service_code\":\"POT\",\"description\":\"deep\","
	    "\"lat\":32.7001,\"long\":-117.1}]", NULL },
	{ "coordinates missing upstream", EV_POINT, "[{"
	    "\"service_request_id\":\"UP-5\",\"service_code\":\"POT\","
	    "\"description\":\"deep\",\"address\":\"1 Main St\"}]", NULL },
	{ "coordinates not numbers", EV_POINT, "[{"
	    "\"service_request_id\":\"UP-5\",\"service_code\":\"POT\","
	    "\"description\":\"deep\",\"lat\":\"32.7x\","
	    "\"long\":\"-117.1\"}]", NULL },
	{ "another service", EV_POINT, "[{\"service_request_id\":\"UP-6\","
	    "\"service_code\":\"GRAFFITI\",\"description\":\"deep\","
	    "\"lat\":32.7,\"long\":-117.1}]", NULL },
	{ "another description", EV_POINT, "[{\"service_request_id\":"
	    "\"UP-7\",\"service_code\":\"POT\",\"description\":\"Deep\","
	    "\"lat\":32.7,\"long\":-117.1}]", NULL },
	{ "no description on either side", EV_NODESC, "[{"
	    "\"service_request_id\":\"UP-8\",\"service_code\":\"POT\","
	    "\"description\":\"\",\"lat\":32.7,\"long\":-117.1}]", "UP-8" },
	{ "by address", EV_ADDRESS, "[{\"service_request_id\":\"UP-9\","
	    "\"service_code\":\"POT\",\"description\":\"deep\","
	    "\"address\":\"1 Main St\"}]", "UP-9" },
	{ "by address, another address", EV_ADDRESS, "[{"
	    "\"service_request_id\":\"UP-10\",\"service_code\":\"POT\","
	    "\"description\":\"deep\",\"address\":\"2 Main St\"}]", NULL },
	{ "by address, none upstream", EV_ADDRESS, "[{"
	    "\"service_request_id\":\"UP-11\",\"service_code\":\"POT\","
	    "\"description\":\"deep\"}]", NULL },
	{ "no id", EV_POINT, "[{\"service_code\":\"POT\","
	    "\"description\":\"deep\",\"lat\":32.7,\"long\":-117.1}]", NULL },
	{ "an empty list", EV_POINT, "[]", NULL },
	{ "an object", EV_POINT, "{\"service_request_id\":\"UP-1\"}", NULL },
	{ "an empty body", EV_POINT, "", NULL },
	{ "no body", EV_POINT, NULL, NULL },
	{ "a malformed event", "{\"request\":1}", "[{\"service_request_id\":"
	    "\"UP-1\",\"service_code\":\"POT\"}]", NULL },
	{ "an event without a service", "{\"request\":{}}", "[{"
	    "\"service_request_id\":\"UP-1\"}]", NULL },
};

static void
test_upstream_find(void **state)
{
	const struct find_case	*k;
	char			*id;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(find_cases) / sizeof(find_cases[0]); i++) {
		k = &find_cases[i];
		id = fmt_upstream_find(k->event, k->body);
		if (k->want == NULL && id != NULL)
			fail_msg("%s: got '%s'", k->name, id);
		if (k->want != NULL && (id == NULL || strcmp(id, k->want)))
			fail_msg("%s: got '%s'", k->name, id ? id : "NULL");
		free(id);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_upstream_form),
		cmocka_unit_test(test_upstream_id),
		cmocka_unit_test(test_upstream_search),
		cmocka_unit_test(test_upstream_find),
	};

	return (cmocka_run_group_tests_name("upstream", tests, NULL, NULL));
}
