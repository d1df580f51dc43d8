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
 * libFuzzer target: fmt_mail_message() with every field taken from the
 * input (NUL-separated; the first 8 bytes are the date), or
 * fmt_mail_case_message() (a mailbox destination's new request; kind
 * "case", or "case.test" for its test) from the same fields. The message
 * must be one an SMTP relay accepts and no field can reshape: CRLF line
 * ends only, no line over 998 bytes (RFC 5322), exactly the headers
 * written (no field adds one), and no body line that is a lone "."
 * (the end of DATA).
 */

#include <string.h>

#include "formats/mail.h"
#include "fuzz.h"

#define NFIELDS	18

/* A reporter's message; Content-Language only in Spanish. */
static const char	*report_headers[] = {
	"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ",
	"List-Unsubscribe: ", "List-Unsubscribe-Post: ", "MIME-Version: ",
	"Content-Type: ", "Content-Transfer-Encoding: ", "Auto-Submitted: ",
	"Content-Language: ", NULL
};

/* A staff member's password link. */
static const char	*password_headers[] = {
	"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ",
	"MIME-Version: ", "Content-Type: ", "Content-Transfer-Encoding: ",
	"Auto-Submitted: ", NULL
};

/* A back office's mailbox: a new request or a test. */
static const char	*case_headers[] = {
	"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ",
	"MIME-Version: ", "Content-Type: ", "Content-Transfer-Encoding: ",
	"Auto-Submitted: ", NULL
};

static void	fuzz_case(const char **, long long, struct buf *);

/* Every field of the mailbox message from the input's fields. */
static void
fuzz_case(const char **f, long long date, struct buf *out)
{
	struct fmt_mail_case	c;

	memset(&c, 0, sizeof(c));
	c.from = f[0];
	c.to = f[1];
	c.test = !strcmp(f[2], "case.test");
	c.first_name = f[3][0] != '\0' ? f[3] : NULL;
	c.request_id = f[4];
	c.console_id = f[5];
	c.service_name = f[6];
	c.jurisdiction = f[7];
	c.lat = f[8][0] != '\0' ? f[8] : NULL;
	c.lon = f[9];
	c.address = f[10];
	c.description = f[11];
	c.base_url = f[12];
	c.email = f[13][0] != '\0' ? f[13] : NULL;
	c.message_id = f[14];
	c.phone = f[15][0] != '\0' ? f[15] : NULL;
	c.last_name = f[16][0] != '\0' ? f[16] : NULL;
	c.date = date;
	fmt_mail_case_message(&c, out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt_mail	m;
	struct buf	out;
	const char	*f[NFIELDS], *line, *end, *next, **headers;
	char		*mem;
	long long	date;
	size_t		n, h;
	int		body, spanish;

	if (size < sizeof(date))
		return (0);
	memcpy(&date, data, sizeof(date));
	(void)fuzz_split(data + sizeof(date), size - sizeof(date), f, NFIELDS,
	    &mem);

	memset(&m, 0, sizeof(m));
	m.from = f[0];
	m.to = f[1];
	m.kind = f[2];
	m.first_name = f[3][0] != '\0' ? f[3] : NULL;
	m.request_id = f[4];
	m.parent_id = f[5][0] != '\0' ? f[5] : NULL;
	m.service_name = f[6];
	m.jurisdiction = f[7];
	m.status = f[8];
	m.detailed_status = f[9][0] != '\0' ? f[9] : NULL;
	m.agency = f[10][0] != '\0' ? f[10] : NULL;
	m.note = f[11];
	m.base_url = f[12];
	m.token = f[13];
	m.message_id = f[14];
	m.locale = f[15][0] != '\0' ? f[15] : NULL;
	m.hours = (int)(date & 0xff);
	m.date = date;
	if (!strcmp(m.kind, "staff.password"))
		headers = password_headers;
	else if (!strncmp(m.kind, "case", 4))
		headers = case_headers;
	else
		headers = report_headers;
	spanish = headers == report_headers && m.locale != NULL &&
	    !strncmp(m.locale, "es", 2) &&
	    (m.locale[2] == '\0' || m.locale[2] == '-');

	buf_init(&out);
	if (headers == case_headers)
		fuzz_case(f, date, &out);
	else
		fmt_mail_message(&m, &out);
	(void)buf_cstr(&out);

	h = 0;
	body = 0;
	for (line = out.data; line < out.data + out.len; line = next) {
		end = memchr(line, '\n', out.len - (size_t)(line - out.data));
		FUZZ_CHECK(end != NULL && end > line && end[-1] == '\r');
		next = end + 1;
		n = (size_t)(end - 1 - line);
		FUZZ_CHECK(memchr(line, '\r', n) == NULL);
		FUZZ_CHECK(memchr(line, '\0', n) == NULL);
		FUZZ_CHECK(n <= 998);
		if (body) {
			FUZZ_CHECK(n != 1 || line[0] != '.');
			continue;
		}
		if (n == 0) {
			FUZZ_CHECK(headers[h] == NULL || (!spanish &&
			    !strcmp(headers[h], "Content-Language: ")));
			body = 1;
			continue;
		}
		FUZZ_CHECK(headers[h] != NULL);
		FUZZ_CHECK(!strncmp(line, headers[h], strlen(headers[h])));
		h++;
	}
	FUZZ_CHECK(body);

	buf_free(&out);
	free(mem);
	return (0);
}
