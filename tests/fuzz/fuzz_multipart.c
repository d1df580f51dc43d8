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
 * libFuzzer target: fmt_form_multipart(). The input's first line (up to
 * 100 bytes) is what follows "multipart/form-data; " in the Content-Type
 * (so boundary parameters are fuzzed too) and the rest is the body; an
 * input without a newline is a body for "boundary=XyZ". Accepted forms
 * must respect every limit, keep file contents inside the body and hold
 * only UTF-8 text values.
 */

#include <string.h>

#include "formats/form.h"
#include "formats/utf8.h"
#include "fuzz.h"

static void
check_form(const struct fmt_form *form, const struct fmt_form_limits *lim,
    const char *body, size_t len)
{
	const struct fmt_field	*f;
	size_t			i, files;

	FUZZ_CHECK(form->n <= lim->fields);
	FUZZ_CHECK(form->nfiles <= lim->files);
	files = 0;
	for (i = 0; i < form->n; i++) {
		f = &form->f[i];
		FUZZ_CHECK(f->name[0] != '\0');
		FUZZ_CHECK(strlen(f->name) <= lim->name);
		FUZZ_CHECK(fmt_text_check(f->name, strlen(f->name),
		    FMT_TEXT_LINE) == NULL);
		if (f->file) {
			files++;
			FUZZ_CHECK(f->filename != NULL && f->ctype != NULL);
			FUZZ_CHECK(f->len <= lim->file);
			FUZZ_CHECK(f->value >= body &&
			    f->value + f->len <= body + len);
		} else {
			FUZZ_CHECK(f->filename == NULL && f->ctype == NULL);
			FUZZ_CHECK(f->len <= lim->value);
			FUZZ_CHECK(strlen(f->value) == f->len);
			FUZZ_CHECK(fmt_utf8_valid(f->value, f->len));
		}
	}
	FUZZ_CHECK(files == form->nfiles);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fmt_form_limits	lim = { 32, 64, 1024, 4096, 4 };
	struct fmt_form		form;
	const uint8_t		*nl;
	const char		*body;
	char			ctype[128];
	size_t			hlen, len;

	nl = memchr(data, '\n', size < 101 ? size : 101);
	if (nl != NULL) {
		hlen = (size_t)(nl - data);
		(void)snprintf(ctype, sizeof(ctype), "multipart/form-data; "
		    "%.*s", (int)hlen, (const char *)data);
		body = (const char *)nl + 1;
		len = size - hlen - 1;
	} else {
		(void)snprintf(ctype, sizeof(ctype), "multipart/form-data; "
		    "boundary=XyZ");
		body = (const char *)data;
		len = size;
	}

	fmt_form_init(&form);
	if (fmt_form_multipart(&form, body, len, ctype, &lim) == 0)
		check_form(&form, &lim, body, len);
	else
		FUZZ_CHECK(form.err[0] != '\0');
	fmt_form_free(&form);

	if (fmt_form_body(&form, body, len, ctype, &lim) == 0)
		check_form(&form, &lim, body, len);
	fmt_form_free(&form);

	return (0);
}
