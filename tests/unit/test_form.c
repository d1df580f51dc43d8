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
 * Unit tests for formats/form.c. urlencoded: more than 19 fields, empty
 * values ("a=" and "a"), '+' as a space, percent-encoded names
 * (attribute%5BDEPTH%5D is attribute[DEPTH]), repeated names, malformed
 * escapes, %00 and invalid UTF-8. multipart/form-data: quoted
 * boundaries, preamble and epilogue, file parts (a filename, or a
 * non-text content type) pointing into the body, text parts, parts
 * without a name or blank line, a missing closing boundary, headers too
 * long, CRLF rules. Every limit (fields, name length, value length,
 * files, file size) with its message naming the field; fmt_form_body's
 * choice by Content-Type; fmt_form_get. fmt_form_json with small
 * limits: objects of strings, numbers, booleans, nulls and arrays of
 * those; nested objects and arrays, nulls in arrays, other roots,
 * duplicate keys and malformed JSON refused; names checked like other
 * fields; value length and field count limits (array items count);
 * reals as text that reads back as the same double. Everything is
 * freed: the tests run under LeakSanitizer.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/buf.h"
#include "formats/form.h"

static const struct fmt_form_limits	lim = { 256, 64, 1024, 4096, 4 };

/*
 * One line per field: "name=value" for text, "name=<file FILENAME CTYPE
 * LEN>" for files. File values must point into the body and hold the
 * bytes found there.
 */
static char *
dump(const struct fmt_form *form, const char *body, size_t len)
{
	struct fmt_buf		b;
	const struct fmt_field	*f;
	size_t			i;

	fmt_buf_init(&b);
	for (i = 0; i < form->n; i++) {
		f = &form->f[i];
		if (f->file) {
			assert_non_null(body);
			assert_true(f->value >= body &&
			    f->value + f->len <= body + len);
			fmt_buf_printf(&b, "%s=<file %s %s %zu>\n", f->name,
			    f->filename, f->ctype, f->len);
		} else {
			assert_int_equal(strlen(f->value), f->len);
			assert_null(f->filename);
			fmt_buf_printf(&b, "%s=%s\n", f->name, f->value);
		}
	}
	(void)fmt_buf_cstr(&b);
	return (fmt_buf_release(&b, NULL));
}

struct form_case {
	const char	*ctype;		/* fmt_form_body; "" for urlencoded */
	const char	*body;
	size_t		len;
	int		rc;
	const char	*want;		/* dump, or a substring of err */
};

static void
run_cases(const struct form_case *cases, size_t n)
{
	struct fmt_form	form;
	char		*got;
	size_t		i;
	int		rc;

	for (i = 0; i < n; i++) {
		const struct form_case	*c = &cases[i];

		print_message("case %zu: %.60s\n", i, c->body);
		fmt_form_init(&form);
		if (c->ctype[0] == '\0')
			rc = fmt_form_urlencoded(&form, c->body, c->len, &lim);
		else
			rc = fmt_form_body(&form, c->body, c->len, c->ctype,
			    &lim);
		if (rc != c->rc)
			fail_msg("rc %d, err '%s'", rc, form.err);
		if (rc == 0) {
			got = dump(&form, c->body, c->len);
			if (strcmp(got, c->want))
				fail_msg("got\n%s\nwant\n%s", got, c->want);
			free(got);
		} else if (strstr(form.err, c->want) == NULL) {
			fail_msg("err '%s' lacks '%s'", form.err, c->want);
		}
		fmt_form_free(&form);
	}
}

#define U(s, rc, want)	{ "", s, sizeof(s) - 1, rc, want }

static const struct form_case	url_cases[] = {
	U("", 0, ""),
	U("a=1", 0, "a=1\n"),
	U("a=1&b=2", 0, "a=1\nb=2\n"),
	U("a=", 0, "a=\n"),
	U("a", 0, "a=\n"),
	U("a=&b&c=3", 0, "a=\nb=\nc=3\n"),
	U("&&a=1&&&b=2&", 0, "a=1\nb=2\n"),
	U("a=b=c", 0, "a=b=c\n"),
	U("q=hello+world", 0, "q=hello world\n"),
	U("q=a%2Bb+c", 0, "q=a+b c\n"),
	U("first+name=Ann", 0, "first name=Ann\n"),
	U("email=a%40b.org", 0, "email=a@b.org\n"),
	U("attribute%5BDEPTH%5D=12", 0, "attribute[DEPTH]=12\n"),
	U("attribute%5bDEPTH%5d=12", 0, "attribute[DEPTH]=12\n"),
	U("attribute[DEPTH]=12", 0, "attribute[DEPTH]=12\n"),
	U("attribute%5BX%5D%5B%5D=a&attribute%5BX%5D%5B%5D=b", 0,
	    "attribute[X][]=a\nattribute[X][]=b\n"),
	U("media_url=a&media_url=b&media_url=", 0,
	    "media_url=a\nmedia_url=b\nmedia_url=\n"),
	U("d=caf%C3%A9+%E2%82%AC", 0, "d=caf\xc3\xa9 \xe2\x82\xac\n"),
	U("d=caf\xc3\xa9", 0, "d=caf\xc3\xa9\n"),
	U("d=line1%0D%0Aline2%09x", 0, "d=line1\r\nline2\tx\n"),
	U("d=%F0%9F%92%A9", 0, "d=\xf0\x9f\x92\xa9\n"),
	U("a+=1", 0, "a =1\n"),
	U("api_key=KEY&service_code=POTHOLE&lat=51.5072&long=-0.1276&"
	    "email=a%40b.org&first_name=Ann&last_name=Lee&description=Deep+"
	    "hole&attribute%5BDEPTH%5D=12&attribute%5BLANES%5D%5B%5D=N&"
	    "attribute%5BLANES%5D%5B%5D=S", 0,
	    "api_key=KEY\nservice_code=POTHOLE\nlat=51.5072\nlong=-0.1276\n"
	    "email=a@b.org\nfirst_name=Ann\nlast_name=Lee\n"
	    "description=Deep hole\nattribute[DEPTH]=12\n"
	    "attribute[LANES][]=N\nattribute[LANES][]=S\n"),
	/* Errors. */
	U("=1", -1, "a field has an empty name"),
	U("a=1&=2", -1, "a field has an empty name"),
	U("%zz=1", -1, "malformed percent-encoding in a field name"),
	U("a%=1", -1, "malformed percent-encoding in a field name"),
	U("a%00=1", -1, "malformed percent-encoding in a field name"),
	U("a%0=1", -1, "malformed percent-encoding in a field name"),
	U("a=%zz", -1, "malformed percent-encoding in field 'a'"),
	U("a=%4", -1, "malformed percent-encoding in field 'a'"),
	U("a=%", -1, "malformed percent-encoding in field 'a'"),
	U("a=x%00y", -1, "malformed percent-encoding in field 'a'"),
	U("a=x\0y", -1, "malformed percent-encoding in field 'a'"),
	U("a\0b=1", -1, "malformed percent-encoding in a field name"),
	U("a=%FF", -1, "field 'a' is not valid UTF-8"),
	U("a=%C0%AF", -1, "field 'a' is not valid UTF-8"),
	U("a=%ED%A0%80", -1, "field 'a' is not valid UTF-8"),
	U("a=%E2%82", -1, "field 'a' is not valid UTF-8"),
	U("a=caf\xe9", -1, "field 'a' is not valid UTF-8"),
	U("%FF=1", -1, "a field name is not valid UTF-8 text"),
	U("caf\xe9=1", -1, "a field name is not valid UTF-8 text"),
	U("a%0A=1", -1, "a field name is not valid UTF-8 text"),
	U("a%09=1", -1, "a field name is not valid UTF-8 text"),
	U("a%7F=1", -1, "a field name is not valid UTF-8 text"),
};

static void
test_urlencoded_table(void **state)
{
	(void)state;
	run_cases(url_cases, sizeof(url_cases) / sizeof(url_cases[0]));
}

#define MPCT	"multipart/form-data; boundary=XyZ"
#define CD	"Content-Disposition: form-data; "
#define M(ct, s, rc, want)	{ ct, s, sizeof(s) - 1, rc, want }

static const struct form_case	mp_cases[] = {
	M(MPCT,
	    "--XyZ\r\n" CD "name=\"service_code\"\r\n\r\nPOTHOLE\r\n"
	    "--XyZ\r\n" CD "name=\"description\"\r\n\r\nDeep\r\nhole\r\n"
	    "--XyZ--\r\n", 0,
	    "service_code=POTHOLE\ndescription=Deep\r\nhole\n"),
	/* Quoted boundary with characters a token cannot have. */
	M("multipart/form-data; boundary=\"a b:c\"",
	    "--a b:c\r\n" CD "name=\"a\"\r\n\r\n1\r\n--a b:c--", 0, "a=1\n"),
	M("multipart/form-data;boundary=XyZ;charset=utf-8",
	    "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", 0, "a=1\n"),
	M("MULTIPART/FORM-DATA; BOUNDARY=XyZ",
	    "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", 0, "a=1\n"),
	/* Preamble, epilogue, a leading CRLF, transport padding. */
	M(MPCT,
	    "This is the preamble.\r\n--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n"
	    "--XyZ--\r\nThis is the epilogue.\r\n--XyZ\r\n", 0, "a=1\n"),
	M(MPCT, "\r\n--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ--", 0,
	    "a=1\n"),
	M(MPCT, "--XyZ \t\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ  \r\n"
	    CD "name=\"b\"\r\n\r\n2\r\n--XyZ--", 0, "a=1\nb=2\n"),
	M(MPCT, "--XyZ--\r\n", 0, ""),
	/* Empty values, repeated names, case of header names. */
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n\r\n\r\n--XyZ\r\n" CD
	    "name=\"a\"\r\n\r\n2\r\n--XyZ--", 0, "a=\na=2\n"),
	M(MPCT, "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"a\"\r\n"
	    "\r\n1\r\n--XyZ--", 0, "a=1\n"),
	M(MPCT, "--XyZ\r\n" CD "name=a\r\n\r\n1\r\n--XyZ--", 0, "a=1\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\\\"b\"\r\n\r\n1\r\n--XyZ--", 0,
	    "a\"b=1\n"),
	M(MPCT, "--XyZ\r\nX-Other: 1\r\n" CD "name=\"a\"\r\nX-More: 2\r\n\r\n"
	    "1\r\n--XyZ--", 0, "a=1\n"),
	/* Percent-encoded names; a bad escape keeps the name as sent. */
	M(MPCT, "--XyZ\r\n" CD "name=\"attribute%5BDEPTH%5D\"\r\n\r\n12\r\n"
	    "--XyZ\r\n" CD "name=\"attribute[X][]\"\r\n\r\nN\r\n--XyZ--", 0,
	    "attribute[DEPTH]=12\nattribute[X][]=N\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"100%\"\r\n\r\n1\r\n--XyZ--", 0,
	    "100%=1\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a+b\"\r\n\r\n1\r\n--XyZ--", 0,
	    "a+b=1\n"),
	/* Text parts, with a text content type. */
	M(MPCT, "--XyZ\r\n" CD "name=\"d\"\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\n\r\ncaf\xc3\xa9\r\n--XyZ--", 0,
	    "d=caf\xc3\xa9\n"),
	/* Files: a filename, or a content type that is not text. */
	M(MPCT, "--XyZ\r\n" CD "name=\"photo1\"; filename=\"pic.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\x00\x10JFIF\x00"
	    "\r\n--XyZ--", 0, "photo1=<file pic.jpg image/jpeg 11>\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"media\"\r\nContent-Type: "
	    "application/octet-stream\r\n\r\n\x00\x01\x02\r\n--XyZ--", 0,
	    "media=<file  application/octet-stream 3>\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"notes\"; filename=\"notes.txt\"\r\n"
	    "Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--", 0,
	    "notes=<file notes.txt text/plain 5>\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"photo1\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--", 0,
	    "photo1=<file  application/octet-stream 0>\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"f\"; filename=\"a; name=x.jpg\"\r\n"
	    "\r\nJPEG\r\n--XyZ--", 0, "f=<file a; name=x.jpg  4>\n"),
	M(MPCT, "--XyZ\r\n" CD "filename=\"a; name=\\\"x\\\"\"; name=\"f\""
	    "\r\n\r\nJPEG\r\n--XyZ--", 0, "f=<file a; name=\"x\"  4>\n"),
	M(MPCT, "--XyZ\r\n" CD "name=\"service_code\"\r\n\r\nPOTHOLE\r\n"
	    "--XyZ\r\n" CD "name=\"photo1\"; filename=\"a.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--XyZ\r\n" CD
	    "name=\"photo2\"; filename=\"b.png\"\r\nContent-Type: image/png"
	    "\r\n\r\n\x89PNG\r\n\x1a\n\r\n--XyZ\r\n" CD "name=\"lat\"\r\n\r\n"
	    "32.7\r\n--XyZ--\r\n", 0,
	    "service_code=POTHOLE\nphoto1=<file a.jpg image/jpeg 3>\n"
	    "photo2=<file b.png image/png 8>\nlat=32.7\n"),
	/* Errors. */
	M("multipart/form-data", "--XyZ--", -1,
	    "without a valid boundary parameter"),
	M("multipart/form-data; boundary=", "----", -1,
	    "without a valid boundary parameter"),
	M("multipart/form-data; boundary=\"\"", "----", -1,
	    "without a valid boundary parameter"),
	M("multipart/form-data; boundary=\"XyZ", "--XyZ--", -1,
	    "without a valid boundary parameter"),
	M("multipart/form-data; boundary=012345678901234567890123456789012345"
	    "67890123456789012345678901234567890", "--x--", -1,
	    "without a valid boundary parameter"),
	M(MPCT, "", -1, "no boundary found"),
	M(MPCT, "a=1&b=2", -1, "no boundary found"),
	M(MPCT, "--XyY\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyY--", -1,
	    "no boundary found"),
	M(MPCT, "--XyZ\n" CD "name=\"a\"\n\n1\n--XyZ--\n", -1,
	    "boundary not followed by a line break"),
	M(MPCT, "--XyZ", -1, "boundary not followed by a line break"),
	M(MPCT, "--XyZx\r\n", -1, "boundary not followed by a line break"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ", -1,
	    "boundary not followed by a line break"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1", -1,
	    "part not closed by a boundary"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n--XyZ\r\n", -1,
	    "part not closed by a boundary"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n1\r\n--XyZ--", -1,
	    "without a blank line after its headers"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\n--XyZ--", -1,
	    "without a blank line after its headers"),
	M(MPCT, "--XyZ\r\n\r\n1\r\n--XyZ--", -1,
	    "without Content-Disposition: form-data"),
	M(MPCT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ--", -1, "without Content-Disposition: form-data"),
	M(MPCT, "--XyZ\r\nContent-Disposition:\r\n\r\n1\r\n--XyZ--", -1,
	    "bad Content-Disposition"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"\r\nContent-Type:  \r\n\r\n1\r\n"
	    "--XyZ--", -1, "bad part Content-Type"),
	M(MPCT, "--XyZ\r\n" CD "filename=\"a.jpg\"\r\n\r\n1\r\n--XyZ--", -1,
	    "part without a name"),
	M(MPCT, "--XyZ\r\n" CD "name=\"abc\r\n\r\n1\r\n--XyZ--", -1,
	    "part without a name"),
	M(MPCT, "--XyZ\r\n" CD "name=\"\"\r\n\r\n1\r\n--XyZ--", -1,
	    "a field has an empty name"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a%0Ab\"\r\n\r\n1\r\n--XyZ--", -1,
	    "a field name is not valid UTF-8 text"),
	M(MPCT, "--XyZ\r\n" CD "name=\"caf\xe9\"\r\n\r\n1\r\n--XyZ--", -1,
	    "a field name is not valid UTF-8 text"),
	M(MPCT, "--XyZ\r\n" CD "name=\"a\"; filename=\"x\r\n\r\n1\r\n--XyZ--",
	    -1, "bad filename of part 'a'"),
	M(MPCT, "--XyZ\r\n" CD "name=\"d\"\r\n\r\ncaf\xe9\r\n--XyZ--", -1,
	    "field 'd' is not valid UTF-8 text"),
	M(MPCT, "--XyZ\r\n" CD "name=\"d\"\r\n\r\na\0b\r\n--XyZ--", -1,
	    "field 'd' is not valid UTF-8 text"),
	M(MPCT, "--XyZ\r\n" CD "name=\"d\"\r\nContent-Type: text/plain\r\n"
	    "\r\n\xff\xd8\r\n--XyZ--", -1, "field 'd' is not valid UTF-8 text"),
	/* By Content-Type. */
	M("application/x-www-form-urlencoded; charset=utf-8", "a=1&b", 0,
	    "a=1\nb=\n"),
	M("Application/X-WWW-Form-Urlencoded", "a=1", 0, "a=1\n"),
	M("application/x-www-form-urlencoded", "", 0, ""),
	M("application/json", "{\"a\":1,\"b\":\"x y\",\"c\":[\"p\",\"q\"],"
	    "\"d\":true,\"e\":null}", 0, "a=1\nb=x y\nc=p\nc=q\nd=true\n"),
	M("application/json; charset=utf-8", "{\"a\":1.5}", 0, "a=1.5\n"),
	M("application/json", "[1]", -1, "must be an object"),
	M("application/json", "{\"a\":", -1, "malformed JSON body"),
	M("application/json", "{\"a\":{\"b\":1}}", -1,
	    "field 'a' must be a string, number, boolean"),
	M("application/json", "{\"a\":1,\"a\":2}", -1, "malformed JSON"),
	M("text/plain", "a=1", -1, "unsupported Content-Type 'text/plain'"),
	M("application/x-www-form-urlencodedx", "a=1", -1,
	    "unsupported Content-Type"),
	M("application/x-www-form", "a=1", -1, "unsupported Content-Type"),
	M("multipart/mixed; boundary=XyZ", "--XyZ--", -1,
	    "unsupported Content-Type"),
	M("multipart/form-datax; boundary=XyZ", "--XyZ--", -1,
	    "unsupported Content-Type"),
	M(" ", "a=1", -1, "unsupported Content-Type"),
};

static void
test_multipart_table(void **state)
{
	(void)state;
	run_cases(mp_cases, sizeof(mp_cases) / sizeof(mp_cases[0]));
}

/* fmt_form_body without a Content-Type parses urlencoded text. */
static void
test_body_null_ctype(void **state)
{
	struct fmt_form	form;
	const char	*body = "service_code=POTHOLE&description=";

	(void)state;
	fmt_form_init(&form);
	assert_int_equal(fmt_form_body(&form, body, strlen(body), NULL, &lim),
	    0);
	assert_int_equal(form.n, 2);
	assert_string_equal(fmt_form_get(&form, "service_code"), "POTHOLE");
	assert_string_equal(fmt_form_get(&form, "description"), "");
	fmt_form_free(&form);
}

/* The body need not be NUL-terminated: only len bytes are read. */
static void
test_unterminated(void **state)
{
	struct fmt_form	form;
	char		*body;
	const char	*text = "a=1&b=%41";

	(void)state;
	body = malloc(strlen(text));
	assert_non_null(body);
	memcpy(body, text, strlen(text));
	fmt_form_init(&form);
	assert_int_equal(fmt_form_urlencoded(&form, body, strlen(text), &lim),
	    0);
	assert_string_equal(fmt_form_get(&form, "b"), "A");
	fmt_form_free(&form);

	/* Only the first 5 bytes. */
	assert_int_equal(fmt_form_urlencoded(&form, body, 5, &lim), 0);
	assert_int_equal(form.n, 2);
	assert_string_equal(fmt_form_get(&form, "b"), "");
	fmt_form_free(&form);
	free(body);
}

static void
test_get(void **state)
{
	struct fmt_form	form;
	const char	*body;

	(void)state;
	body = "--XyZ\r\n" CD "name=\"a\"; filename=\"a.jpg\"\r\n\r\nJPEG\r\n"
	    "--XyZ\r\n" CD "name=\"a\"\r\n\r\nfirst\r\n--XyZ\r\n" CD
	    "name=\"a\"\r\n\r\nsecond\r\n--XyZ--";
	fmt_form_init(&form);
	assert_int_equal(fmt_form_multipart(&form, body, strlen(body), MPCT,
	    &lim), 0);
	assert_int_equal(form.n, 3);
	assert_int_equal(form.nfiles, 1);
	assert_string_equal(fmt_form_get(&form, "a"), "first");
	assert_null(fmt_form_get(&form, "b"));
	assert_null(fmt_form_get(&form, "A"));
	assert_memory_equal(form.f[0].value, "JPEG", 4);
	fmt_form_free(&form);
	assert_int_equal(form.n, 0);
	assert_null(form.f);
}

/* Builders of bodies at and just past each limit. */

static void
many_fields(struct fmt_buf *b, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		fmt_buf_printf(b, "%sf%zu=%zu", i ? "&" : "", i, i);
}

static void
repeat(struct fmt_buf *b, const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		fmt_buf_str(b, s);
}

static void
mp_files(struct fmt_buf *b, size_t nfiles, size_t size)
{
	size_t		i;

	for (i = 0; i < nfiles; i++) {
		fmt_buf_printf(b, "--XyZ\r\n" CD "name=\"photo%zu\"; "
		    "filename=\"p%zu.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
		    i + 1, i + 1);
		fmt_buf_str(b, "\xff\xd8\xff\xe0");
		repeat(b, "\x01", size - 4);
		fmt_buf_str(b, "\r\n");
	}
	fmt_buf_str(b, "--XyZ--\r\n");
}

struct limit_case {
	const char	*what;
	int		multipart;
	int		rc;
	size_t		nfields;
	const char	*err;
};

static void
limit_body(size_t i, struct fmt_buf *b, struct fmt_form_limits *l)
{
	*l = lim;
	switch (i) {
	case 0:		/* 300 fields: far more than Kore's 19. */
		l->fields = 300;
		many_fields(b, 300);
		break;
	case 1:
		l->fields = 20;
		many_fields(b, 21);
		break;
	case 2:		/* a name of exactly the limit */
		repeat(b, "n", 64);
		fmt_buf_str(b, "=1");
		break;
	case 3:
		repeat(b, "n", 65);
		fmt_buf_str(b, "=1");
		break;
	case 4:		/* 64 encoded characters are 192 bytes */
		repeat(b, "%41", 64);
		fmt_buf_str(b, "=1");
		break;
	case 5:
		repeat(b, "%41", 65);
		fmt_buf_str(b, "=1");
		break;
	case 6:
		repeat(b, "%41", 63);
		repeat(b, "n", 2);
		fmt_buf_str(b, "=1");
		break;
	case 7:		/* a value of exactly the limit */
		fmt_buf_str(b, "v=");
		repeat(b, "x", 1024);
		break;
	case 8:
		fmt_buf_str(b, "a=1&v=");
		repeat(b, "x", 1025);
		break;
	case 9:
		fmt_buf_str(b, "v=");
		repeat(b, "%78", 1024);
		break;
	case 10:
		fmt_buf_str(b, "v=");
		repeat(b, "%78", 1025);
		break;
	case 11:
		fmt_buf_str(b, "v=");
		repeat(b, "%78", 1000);
		repeat(b, "x", 25);
		break;
	case 12:	/* multipart: text value limit */
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"description\"\r\n\r\n");
		repeat(b, "x", 1024);
		fmt_buf_str(b, "\r\n--XyZ--");
		break;
	case 13:
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"description\"\r\n\r\n");
		repeat(b, "x", 1025);
		fmt_buf_str(b, "\r\n--XyZ--");
		break;
	case 14:	/* files: count and size */
		mp_files(b, 4, 4096);
		break;
	case 15:
		mp_files(b, 5, 100);
		break;
	case 16:
		mp_files(b, 1, 4097);
		break;
	case 17:
		l->files = 0;
		mp_files(b, 1, 10);
		break;
	case 18:	/* fields, in multipart */
		l->fields = 3;
		mp_files(b, 4, 10);
		break;
	case 19:	/* a name of the limit, in multipart */
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"");
		repeat(b, "n", 64);
		fmt_buf_str(b, "\"\r\n\r\n1\r\n--XyZ--");
		break;
	case 20:
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"");
		repeat(b, "n", 65);
		fmt_buf_str(b, "\"\r\n\r\n1\r\n--XyZ--");
		break;
	case 21:	/* part headers up to 8192 bytes */
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"a\"\r\nX-Pad: ");
		repeat(b, "p", 8192 - 40 - 2 - 7 - 2);
		fmt_buf_str(b, "\r\n\r\n1\r\n--XyZ--");
		break;
	case 22:
		fmt_buf_str(b, "--XyZ\r\n" CD "name=\"a\"\r\nX-Pad: ");
		repeat(b, "p", 8192 - 40 - 2 - 7 - 2 + 1);
		fmt_buf_str(b, "\r\n\r\n1\r\n--XyZ--");
		break;
	case 23:	/* a boundary of 70 characters, the most allowed */
		fmt_buf_str(b, "--");
		repeat(b, "b", 70);
		fmt_buf_str(b, "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--");
		repeat(b, "b", 70);
		fmt_buf_str(b, "--");
		break;
	default:
		fail();
	}
}

static const struct limit_case	limit_cases[] = {
	{ "300 fields", 0, 0, 300, NULL },
	{ "fields", 0, -1, 0, "too many fields (at most 20): 'f20'" },
	{ "name 64", 0, 0, 1, NULL },
	{ "name 65", 0, -1, 0,
	    "field name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' is longer than "
	    "64 bytes" },
	{ "encoded name 64", 0, 0, 1, NULL },
	{ "encoded name 65", 0, -1, 0,
	    "field name '%41%41%41%41%41%41%41%41%41%41%4...' is longer than "
	    "64 bytes" },
	{ "decoded name 65", 0, -1, 0,
	    "field name 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' is longer than "
	    "64 bytes" },
	{ "value 1024", 0, 0, 1, NULL },
	{ "value 1025", 0, -1, 0, "field 'v' is longer than 1024 bytes" },
	{ "encoded value 1024", 0, 0, 1, NULL },
	{ "encoded value 1025", 0, -1, 0,
	    "field 'v' is longer than 1024 bytes" },
	{ "decoded value 1025", 0, -1, 0,
	    "field 'v' is longer than 1024 bytes" },
	{ "multipart value 1024", 1, 0, 1, NULL },
	{ "multipart value 1025", 1, -1, 0,
	    "field 'description' is longer than 1024 bytes" },
	{ "4 files of 4096", 1, 0, 4, NULL },
	{ "5 files", 1, -1, 0, "too many files (at most 4): 'photo5'" },
	{ "file 4097", 1, -1, 0,
	    "file 'photo1' is larger than 4096 bytes" },
	{ "no files", 1, -1, 0, "too many files (at most 0): 'photo1'" },
	{ "multipart fields", 1, -1, 0,
	    "too many fields (at most 3): 'photo4'" },
	{ "multipart name 64", 1, 0, 1, NULL },
	{ "multipart name 65", 1, -1, 0, "is longer than 64 bytes" },
	{ "headers 8192", 1, 0, 1, NULL },
	{ "headers 8193", 1, -1, 0,
	    "part headers longer than 8192 bytes" },
	{ "boundary 70", 2, 0, 1, NULL },
};

static void
test_limit_table(void **state)
{
	struct fmt_form_limits	l;
	struct fmt_form		form;
	struct fmt_buf		b;
	char			ct[128];
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
		const struct limit_case	*c = &limit_cases[i];

		print_message("case %zu: %s\n", i, c->what);
		fmt_buf_init(&b);
		limit_body(i, &b, &l);
		fmt_form_init(&form);
		if (c->multipart == 2) {
			(void)snprintf(ct, sizeof(ct), "multipart/form-data; "
			    "boundary=%070d", 0);
			memset(ct + 30, 'b', 70);
			rc = fmt_form_multipart(&form, b.data, b.len, ct, &l);
		} else if (c->multipart) {
			rc = fmt_form_multipart(&form, b.data, b.len, MPCT, &l);
		} else {
			rc = fmt_form_urlencoded(&form, b.data, b.len, &l);
		}
		if (rc != c->rc)
			fail_msg("rc %d, err '%s'", rc, form.err);
		if (rc == 0)
			assert_int_equal(form.n, c->nfields);
		else if (strstr(form.err, c->err) == NULL)
			fail_msg("err '%s' lacks '%s'", form.err, c->err);
		fmt_form_free(&form);
		fmt_buf_free(&b);
	}
}

/* A form that failed part way still frees what it had parsed. */
static void
test_partial_free(void **state)
{
	struct fmt_form	form;
	const char	*body = "a=1&b=2&c=3&%zz=4";

	(void)state;
	fmt_form_init(&form);
	assert_int_equal(fmt_form_urlencoded(&form, body, strlen(body), &lim),
	    -1);
	assert_int_equal(form.n, 3);
	fmt_form_free(&form);

	/* The form can be reused after fmt_form_free(). */
	assert_int_equal(fmt_form_urlencoded(&form, "x=1", 3, &lim), 0);
	assert_string_equal(fmt_form_get(&form, "x"), "1");
	fmt_form_free(&form);
}

static const struct fmt_form_limits	jlim = { 8, 16, 32, 0, 0 };

#define BIG_JSON	(32 * 1024 * 1024)

#define J(s, rc, want)	{ "application/json", s, sizeof(s) - 1, rc, want }
#define V32		"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
#define EACUTE4		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
#define EACUTE8		EACUTE4 EACUTE4
#define NOT_SCALAR	"must be a string, number, boolean or an array of " \
			"those"

static const struct form_case	json_cases[] = {
	/* Objects of strings, numbers, booleans, nulls and arrays. */
	J("{}", 0, ""),
	J(" {}\r\n", 0, ""),
	J("{\"service_code\":\"POTHOLE\",\"lat\":32.5,\"long\":-117.25}", 0,
	    "service_code=POTHOLE\nlat=32.5\nlong=-117.25\n"),
	J("{\"a\":\"\"}", 0, "a=\n"),
	J("{\"a\":\"x y\",\"b\":\"caf\\u00e9\",\"c\":\"\xe2\x82\xac\"}", 0,
	    "a=x y\nb=caf\xc3\xa9\nc=\xe2\x82\xac\n"),
	J("{\"a\":\"\\ud83d\\udca9\",\"b\":\"\\\"\\\\\\/\"}", 0,
	    "a=\xf0\x9f\x92\xa9\nb=\"\\/\n"),
	J("{\"d\":\"line1\\r\\nline2\\t.\"}", 0, "d=line1\r\nline2\t.\n"),
	J("{\"a\":0,\"b\":-7,\"c\":1.5,\"d\":-0.25,\"e\":1e2,\"f\":-0.0}", 0,
	    "a=0\nb=-7\nc=1.5\nd=-0.25\ne=100\nf=-0\n"),
	J("{\"a\":9223372036854775807,\"b\":-9223372036854775808}", 0,
	    "a=9223372036854775807\nb=-9223372036854775808\n"),
	J("{\"t\":true,\"f\":false}", 0, "t=true\nf=false\n"),
	J("{\"a\":null}", 0, ""),
	J("{\"a\":null,\"b\":1,\"c\":null}", 0, "b=1\n"),
	J("{\"c\":[\"p\",2,true,1.5]}", 0, "c=p\nc=2\nc=true\nc=1.5\n"),
	J("{\"a\":1,\"c\":[],\"d\":2}", 0, "a=1\nd=2\n"),
	J("{\"a\":1,\"A\":2}", 0, "a=1\nA=2\n"),
	/* Names, checked like other fields. */
	J("{\"attribute[DEPTH]\":12}", 0, "attribute[DEPTH]=12\n"),
	J("{\"a b\":1,\"caf\\u00e9\":2,\"\xe2\x82\xac\":3}", 0,
	    "a b=1\ncaf\xc3\xa9=2\n\xe2\x82\xac=3\n"),
	J("{\"attribute[DEPTHS]\":12}", -1,
	    "field name 'attribute[DEPTHS]...' is longer than 16 bytes"),
	J("{\"nnnnnnnnnnnnnnnnn\":null}", -1, "is longer than 16 bytes"),
	J("{\"\":1}", -1, "a field has an empty name"),
	J("{\"\":null}", -1, "a field has an empty name"),
	J("{\"a\\nb\":1}", -1, "a field name is not valid UTF-8 text"),
	J("{\"a\\tb\":null}", -1, "a field name is not valid UTF-8 text"),
	J("{\"a\\u0007\":\"x\"}", -1, "a field name is not valid UTF-8 text"),
	J("{\"\\u007f\":1}", -1, "a field name is not valid UTF-8 text"),
	J("{\"a\\u0000b\":1}", -1, "malformed JSON body"),
	J("{\"caf\xe9\":1}", -1, "malformed JSON body"),
	/* Values: at most 32 bytes, valid UTF-8, no NUL. */
	J("{\"v\":\"" V32 "\"}", 0, "v=" V32 "\n"),
	J("{\"v\":\"" EACUTE8 EACUTE8 "\"}", 0,
	    "v=" EACUTE8 EACUTE8 "\n"),
	J("{\"v\":\"" V32 "v\"}", -1, "field 'v' is longer than 32 bytes"),
	J("{\"v\":\"" EACUTE8 EACUTE8 "\\u00e9\"}", -1,
	    "field 'v' is longer than 32 bytes"),
	J("{\"v\":[\"ok\",\"" V32 "v\"]}", -1,
	    "field 'v' is longer than 32 bytes"),
	J("{\"a\":\"x\\u0000y\"}", -1, "malformed JSON body"),
	J("{\"a\":\"caf\xe9\"}", -1, "malformed JSON body"),
	J("{\"a\":\"\\ud800\"}", -1, "malformed JSON body"),
	J("{\"a\":9223372036854775808}", -1, "too big integer"),
	J("{\"a\":1e400}", -1, "real number overflow"),
	J("{\"a\":NaN}", -1, "malformed JSON body"),
	/* At most 8 fields; each item of an array is one, nulls none. */
	J("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8}",
	    0, "a=1\nb=2\nc=3\nd=4\ne=5\nf=6\ng=7\nh=8\n"),
	J("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,"
	    "\"i\":9}", -1, "too many fields (at most 8): 'i'"),
	J("{\"a\":[1,2,3,4,5,6,7,8]}", 0,
	    "a=1\na=2\na=3\na=4\na=5\na=6\na=7\na=8\n"),
	J("{\"a\":[1,2,3,4,5,6,7,8,9]}", -1,
	    "too many fields (at most 8): 'a'"),
	J("{\"a\":[1,2,3,4],\"n\":null,\"b\":[5,6,7,8],\"m\":null}", 0,
	    "a=1\na=2\na=3\na=4\nb=5\nb=6\nb=7\nb=8\n"),
	J("{\"a\":[1,2,3,4],\"b\":[5,6,7,8],\"c\":\"\"}", -1,
	    "too many fields (at most 8): 'c'"),
	/* Nested objects and arrays, nulls in arrays. */
	J("{\"a\":{\"b\":1}}", -1, "field 'a' " NOT_SCALAR),
	J("{\"a\":{}}", -1, "field 'a' " NOT_SCALAR),
	J("{\"a\":1,\"b\":{}}", -1, "field 'b' " NOT_SCALAR),
	J("{\"a\":[[1]]}", -1, "field 'a' " NOT_SCALAR),
	J("{\"a\":[{\"b\":1}]}", -1, "field 'a' " NOT_SCALAR),
	J("{\"a\":[1,null]}", -1, "field 'a' " NOT_SCALAR),
	J("{\"a\":[[[1]]]}", -1, "the JSON body nests too deep"),
	J("{\"a\":{\"b\":{\"c\":{}}}}", -1, "the JSON body nests too deep"),
	/* Counted before parsing: twice the fields, keys and values. */
	J("{\"a\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]}", -1,
	    "too many fields (at most 8) in the JSON body"),
	J("{\"a\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\","
	    "\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\","
	    "\"17\",\"18\"]}", -1, "too many fields (at most 8) in the JSON body"),
	J("{\"a\":\"[[[[,,,::: \\\" {{{\"}", 0, "a=[[[[,,,::: \" {{{\n"),
	/* Other roots. */
	J("", -1, "malformed JSON body"),
	J("   ", -1, "malformed JSON body"),
	J("[]", -1, "the JSON body must be an object"),
	J("[{\"a\":1}]", -1, "the JSON body must be an object"),
	J("1", -1, "malformed JSON body"),
	J("\"a=1\"", -1, "malformed JSON body"),
	J("null", -1, "malformed JSON body"),
	J("true", -1, "malformed JSON body"),
	J("a=1&b=2", -1, "malformed JSON body"),
	/* Duplicate keys, also when spelt differently. */
	J("{\"a\":1,\"a\":2}", -1, "duplicate object key"),
	J("{\"a\":1,\"b\":2,\"a\":null}", -1, "duplicate object key"),
	J("{\"a\":1,\"\\u0061\":2}", -1, "duplicate object key"),
	/* Malformed. */
	J("{\"a\":", -1, "malformed JSON body at line 1"),
	J("{\"a\":1,\n\"b\":}", -1, "malformed JSON body at line 2"),
	J("{\"a\":1,}", -1, "malformed JSON body"),
	J("{'a':1}", -1, "malformed JSON body"),
	J("{a:1}", -1, "malformed JSON body"),
	J("{}x", -1, "malformed JSON body"),
	J("{}{}", -1, "malformed JSON body"),
	J("{}\0", -1, "malformed JSON body"),
};

static void
test_json_table(void **state)
{
	static const double	reals[] = {
		0.1, 32.7157, -117.1611, 1e-300, 1.7976931348623157e308,
		-2.2250738585072014e-308, 123456789.123456789,
	};
	struct fmt_form		form;
	char			body[128], *got, *big;
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(json_cases) / sizeof(json_cases[0]); i++) {
		const struct form_case	*c = &json_cases[i];

		print_message("case %zu: %.60s\n", i, c->body);
		fmt_form_init(&form);
		rc = fmt_form_json(&form, c->body, c->len, &jlim);
		if (rc != c->rc)
			fail_msg("rc %d, err '%s'", rc, form.err);
		if (rc == 0) {
			assert_int_equal(form.nfiles, 0);
			got = dump(&form, NULL, 0);
			if (strcmp(got, c->want))
				fail_msg("got\n%s\nwant\n%s", got, c->want);
			free(got);
		} else if (strstr(form.err, c->want) == NULL) {
			fail_msg("err '%s' lacks '%s'", form.err, c->want);
		}
		fmt_form_free(&form);
	}

	/* Reals are text that reads back as the same double. */
	for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		(void)snprintf(body, sizeof(body), "{\"r\":%.17g}", reals[i]);
		print_message("real %zu: %s\n", i, body);
		fmt_form_init(&form);
		assert_int_equal(fmt_form_json(&form, body, strlen(body),
		    &jlim), 0);
		assert_int_equal(form.n, 1);
		assert_true(strtod(form.f[0].value, NULL) == reals[i]);
		fmt_form_free(&form);
	}

	/*
	 * 32 MB of numbers in one array: refused by the count, before a
	 * tree of sixteen million values is built.
	 */
	big = malloc(BIG_JSON);
	assert_non_null(big);
	memcpy(big, "{\"a\":[0", 7);
	for (i = 7; i + 4 <= BIG_JSON; i += 2)
		memcpy(big + i, ",0", 2);
	memcpy(big + i, "]}", 2);
	fmt_form_init(&form);
	assert_int_equal(fmt_form_json(&form, big, i + 2, &jlim), -1);
	assert_non_null(strstr(form.err, "too many fields"));
	fmt_form_free(&form);
	free(big);

	/* A string no value can decode to within the limit: 6 x 32 + 6. */
	big = malloc(BIG_JSON);
	assert_non_null(big);
	memcpy(big, "{\"a\":\"", 6);
	memset(big + 6, 'x', 6 * 32 + 7);
	memcpy(big + 6 + 6 * 32 + 7, "\"}", 2);
	fmt_form_init(&form);
	assert_int_equal(fmt_form_json(&form, big, 6 + 6 * 32 + 9, &jlim), -1);
	assert_non_null(strstr(form.err, "a string in the JSON body is longer "
	    "than 32 bytes"));
	fmt_form_free(&form);
	/* Escapes that decode to 32 bytes pass the scan: 6 x 32 bytes. */
	memcpy(big, "{\"a\":\"", 6);
	for (i = 0; i < 32; i++)
		memcpy(big + 6 + 6 * i, "\\u0041", 6);
	memcpy(big + 6 + 6 * 32, "\"}", 2);
	fmt_form_init(&form);
	assert_int_equal(fmt_form_json(&form, big, 6 + 6 * 32 + 2, &jlim), 0);
	assert_int_equal(strlen(fmt_form_get(&form, "a")), 32);
	fmt_form_free(&form);
	free(big);

	/* Only len bytes are read: a prefix can be a whole object. */
	(void)snprintf(body, sizeof(body), "{\"a\":1}{\"b\":2}");
	fmt_form_init(&form);
	assert_int_equal(fmt_form_json(&form, body, 7, &jlim), 0);
	assert_string_equal(fmt_form_get(&form, "a"), "1");
	assert_null(fmt_form_get(&form, "b"));
	fmt_form_free(&form);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_urlencoded_table),
		cmocka_unit_test(test_multipart_table),
		cmocka_unit_test(test_body_null_ctype),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_limit_table),
		cmocka_unit_test(test_partial_free),
		cmocka_unit_test(test_json_table),
	};

	return (cmocka_run_group_tests_name("form", tests, NULL, NULL));
}
