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
 * Unit tests for formats/mail.c: messages an SMTP relay accepts whatever
 * the fields hold (found by fuzz_mail): header values with line breaks
 * stay on one line, and no line, header or body, is longer than 998
 * bytes; long text is broken between UTF-8 characters and a broken line
 * that starts with "." is escaped. A staff member's password link
 * (kind staff.password): its subject, the link on public_url and how
 * many hours it is valid, and no reporter links.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/mail.h"
#include "formats/utf8.h"

struct mail_case {
	const char	*name;
	const char	*note;
	size_t		note_len;	/* note repeated to this length */
	const char	*service;
	size_t		service_len;
	const char	*want;		/* in the message */
	const char	*kind;		/* NULL: status */
	size_t		headers;	/* 0: 11 */
	const char	*unwanted;	/* not in the message */
};

static const struct mail_case	mail_cases[] = {
	{ "plain", "Filled.", 7, "Pothole", 7, "\r\nFilled.\r\n", NULL, 0,
	    NULL },
	{ "a long note in ascii", "abcdefghij", 5000, "Pothole", 7,
	    "abcdefghij", NULL, 0, NULL },
	{ "a long note in 3-byte characters", "\xe2\x82\xac", 5000,
	    "Pothole", 7, "\xe2\x82\xac", NULL, 0, NULL },
	{ "a long note of dots", ".", 5000, "Pothole", 7, "\r\n....", NULL,
	    0, NULL },
	{ "a long subject", "Done.", 5, "\xc3\xa9t\xc3\xa9 ", 2000,
	    "Subject: ", NULL, 0, NULL },
	{ "a subject with line breaks", "Done.", 5, "Pot\r\nBcc: x@y\r\n", 16,
	    "Pot  Bcc: x@y  ", NULL, 0, NULL },
	{ "a password link's subject", "-", 1, "Pothole", 7,
	    "\r\nSubject: Your password link for the staff console\r\n",
	    "staff.password", 9, "unsubscribe" },
	{ "a password link on public_url", "-", 1, "Pothole", 7,
	    "\r\nhttps://311.example/console/password#token=tok\r\n",
	    "staff.password", 9, "/requests/" },
	{ "a password link's hours", "-", 1, "Pothole", 7,
	    "The link works once, for 72 hours.", "staff.password", 9,
	    "feedback" },
	{ "a password link's greeting", "-", 1, "Pothole", 7,
	    "\r\n\r\nHello Ana L\xc3\xb3pez,\r\n", "staff.password", 9,
	    "Your report" },
};

static char *
repeat(const char *s, size_t len)
{
	char	*out;
	size_t	i, n;

	n = strlen(s);
	if ((out = malloc(len + 1)) == NULL)
		abort();
	for (i = 0; i + n <= len; i += n)
		memcpy(out + i, s, n);
	out[i] = '\0';
	return (out);
}

static void
test_mail_lines(void **state)
{
	struct fmt_mail	m;
	struct buf	out;
	const char	*line, *end, *text;
	char		*note, *service;
	size_t		i, headers;
	int		body;

	(void)state;
	for (i = 0; i < sizeof(mail_cases) / sizeof(mail_cases[0]); i++) {
		const struct mail_case	*k = &mail_cases[i];

		print_message("case %zu: %s\n", i, k->name);
		note = repeat(k->note, k->note_len);
		service = repeat(k->service, k->service_len);
		memset(&m, 0, sizeof(m));
		m.from = "City 311 <noreply@city.example>";
		m.to = "ana@example.org";
		m.kind = k->kind != NULL ? k->kind : "status";
		m.request_id = "123";
		m.service_name = service;
		m.jurisdiction = "sandiego.gov";
		m.status = "open";
		m.detailed_status = "in_progress";
		m.note = note;
		m.base_url = "https://311.example";
		m.token = "tok";
		m.message_id = "m1";
		m.date = 1767225600;
		if (k->kind != NULL) {
			m.first_name = "Ana L\xc3\xb3pez";
			m.hours = 72;
		}

		buf_init(&out);
		fmt_mail_message(&m, &out);
		text = buf_cstr(&out);
		if (strstr(text, k->want) == NULL)
			fail_msg("lacks '%s'", k->want);
		if (k->unwanted != NULL && strstr(text, k->unwanted) != NULL)
			fail_msg("has '%s'", k->unwanted);
		assert_true(fmt_utf8_valid(text, out.len));
		headers = 0;
		body = 0;
		for (line = text; *line != '\0'; line = end + 2) {
			assert_non_null(end = strstr(line, "\r\n"));
			assert_true((size_t)(end - line) <= 998);
			assert_null(memchr(line, '\n', (size_t)(end - line)));
			if (end == line)
				body = 1;
			else if (!body)
				headers++;
			else
				assert_false(end - line == 1 && *line == '.');
		}
		assert_int_equal(headers, k->headers != 0 ? k->headers : 11);
		buf_free(&out);
		free(note);
		free(service);
	}
}

struct lang_case {
	const char	*locale;
	const char	*kind;
	const char	*status;
	const char	*detailed;
	const char	*parent;
	const char	*want[4];	/* each in the message */
	const char	*never;		/* nowhere in it */
};

/* The report's language: Spanish for es and es-*, else English. */
static const struct lang_case	lang_cases[] = {
	{ NULL, "status", "open", "in_progress", NULL,
	    { "Subject: Your report 123 (Bache): in progress\r\n",
	    "Hello Ana,", "Your report 123 (Bache) to sandiego.gov is now "
	    "in progress.", "Note from the team:" }, "Content-Language" },
	{ "en", "status", "open", "in_progress", NULL,
	    { "Hello Ana,", NULL }, "Hola" },
	{ "fr", "status", "open", "fixed", NULL,
	    { "is now fixed.", NULL }, "Hola" },
	{ "es", "status", "open", "in_progress", NULL,
	    { "Subject: Su reporte 123 (Bache): en curso\r\n",
	    "\r\nHola Ana,\r\n", "Su reporte 123 (Bache) a sandiego.gov "
	    "ahora está en curso.", "Nota del equipo:" }, "Hello" },
	{ "es-MX", "status", "closed", "fixed", NULL,
	    { "Content-Language: es\r\n", "ahora está resuelto.",
	    "¿Cómo lo hicimos? Díganos en un minuto: "
	    "https://311.example/requests/123/feedback?t=tok",
	    "Para dejar de recibir correos sobre este reporte: "
	    "https://311.example/unsubscribe?t=tok" }, "Follow it" },
	{ "es", "transfer", "open", "open", NULL,
	    { "Subject: Su reporte 123 (Bache): pasado a otro equipo\r\n",
	    "sandiego.gov pasó su reporte 123 (Bache) a Caltrans, "
	    "que se encargará de él a partir de ahora.",
	    "Sígalo en https://311.example/requests/123?t=tok",
	    NULL }, "passed" },
	{ "es", "status", "closed", "duplicate", "77",
	    { "Su reporte 123 (Bache) era el mismo problema que el reporte "
	    "77, que ahora está cerrado como duplicado.", NULL },
	    "same problem" },
	{ "es", "status", "open", "weird_status", NULL,
	    { "ahora está weird_status.", NULL }, NULL },
	{ "est", "status", "open", "fixed", NULL,
	    { "is now fixed.", NULL }, "Hola" },
};

static void
test_mail_lang(void **state)
{
	struct fmt_mail	m;
	struct buf	out;
	const char	*text;
	size_t		i, j;

	(void)state;
	for (i = 0; i < sizeof(lang_cases) / sizeof(lang_cases[0]); i++) {
		const struct lang_case	*k = &lang_cases[i];

		print_message("case %zu: %s %s\n", i,
		    k->locale ? k->locale : "(none)", k->detailed);
		memset(&m, 0, sizeof(m));
		m.from = "City 311 <noreply@city.example>";
		m.to = "ana@example.org";
		m.kind = k->kind;
		m.first_name = "Ana";
		m.request_id = "123";
		m.parent_id = k->parent;
		m.service_name = "Bache";
		m.jurisdiction = "sandiego.gov";
		m.status = k->status;
		m.detailed_status = k->detailed;
		m.agency = "Caltrans";
		m.note = "Listo.";
		m.base_url = "https://311.example";
		m.token = "tok";
		m.message_id = "m1";
		m.date = 1767225600;
		m.locale = k->locale;

		buf_init(&out);
		fmt_mail_message(&m, &out);
		text = buf_cstr(&out);
		assert_true(fmt_utf8_valid(text, out.len));
		for (j = 0; j < 4 && k->want[j] != NULL; j++) {
			if (strstr(text, k->want[j]) == NULL)
				fail_msg("lacks '%s' in:\n%s", k->want[j], text);
		}
		if (k->never != NULL && strstr(text, k->never) != NULL)
			fail_msg("has '%s' in:\n%s", k->never, text);
		buf_free(&out);
	}
}


/* A back office's mailbox: what it must hold, what must never appear. */
static const struct mail_case_case {
	const char	*name;
	int		test;
	const char	*service;
	const char	*description;
	const char	*email;
	const char	*want[4];
	const char	*never;
} mail_case_cases[] = {
	{ "a new request", 0, "Pothole", "Deep hole\nby the school",
	    "ana@example.org", { "Subject: New request 123: Pothole\r\n",
	    "https://311.example/console/requests/77\r\n",
	    "E-mail: ana@example.org\r\n", "32.715000, -117.161000" },
	    NULL },
	{ "header injection", 0, "Pothole\r\nBcc: evil@example.org",
	    "x\r\nBcc: evil@example.org", "ana@example.org\r\nBcc: e@x",
	    { "Subject: New request 123: Pothole  Bcc: evil", NULL }, "\r\nBcc:" },
	{ "end of DATA", 0, "Pothole", "a\n.\nb", NULL,
	    { "\r\n..\r\n", "(no contact given)", NULL }, "\r\n.\r\n" },
	{ "a test", 1, NULL, NULL, NULL,
	    { "Subject: Test from the Open311 gateway\r\n", "nothing to do",
	    NULL }, "Reporter" },
};

static void
test_mail_case(void **state)
{
	struct fmt_mail_case	c;
	struct buf		out;
	const char		*text, *body;
	size_t			i, j;

	(void)state;
	for (i = 0; i < sizeof(mail_case_cases) /
	    sizeof(mail_case_cases[0]); i++) {
		const struct mail_case_case	*k = &mail_case_cases[i];

		print_message("case %zu: %s\n", i, k->name);
		memset(&c, 0, sizeof(c));
		c.from = "City 311 <noreply@city.example>";
		c.to = "works@city.example";
		c.test = k->test;
		c.request_id = "123";
		c.console_id = "77";
		c.jurisdiction = "sandiego.gov";
		c.service_name = k->service;
		c.description = k->description;
		c.address = "1 Main St";
		c.lat = "32.715000";
		c.lon = "-117.161000";
		c.first_name = "Ana";
		c.email = k->email;
		c.base_url = "https://311.example";
		c.message_id = "m1";
		c.date = 1767225600;
		buf_init(&out);
		fmt_mail_case_message(&c, &out);
		text = buf_cstr(&out);
		assert_non_null(body = strstr(text, "\r\n\r\n"));
		for (j = 0; j < 4 && k->want[j] != NULL; j++) {
			if (strstr(text, k->want[j]) == NULL)
				fail_msg("lacks '%s' in:\n%s", k->want[j], text);
		}
		if (k->never != NULL && strstr(text, k->never) != NULL &&
		    strstr(text, k->never) < body)
			fail_msg("has '%s' in its headers:\n%s", k->never,
			    text);
		if (k->test == 0 && !strcmp(k->name, "end of DATA") &&
		    strstr(text, k->never) != NULL)
			fail_msg("has a lone '.' line:\n%s", text);
		buf_free(&out);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_mail_lines),
		cmocka_unit_test(test_mail_lang),
		cmocka_unit_test(test_mail_case),
	};

	return (cmocka_run_group_tests_name("mail", tests, NULL, NULL));
}
