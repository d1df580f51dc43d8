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
 * libFuzzer target: fmt_form_json() on arbitrary bytes (an admin or
 * POST body sent as application/json), with generous and with small
 * limits, directly and through fmt_form_body(). Accepted bodies give
 * text fields only, within every limit, with non-empty one-line UTF-8
 * names and UTF-8 values without NUL; refused ones say why.
 */

#include <string.h>

#include "formats/form.h"
#include "formats/utf8.h"
#include "fuzz.h"

static void
check_form(const struct fmt_form *form, const struct fmt_form_limits *lim)
{
	const struct fmt_field	*f;
	size_t			i;

	FUZZ_CHECK(form->n <= lim->fields);
	FUZZ_CHECK(form->nfiles == 0);
	for (i = 0; i < form->n; i++) {
		f = &form->f[i];
		FUZZ_CHECK(!f->file && f->filename == NULL && f->ctype == NULL);
		FUZZ_CHECK(f->name[0] != '\0');
		FUZZ_CHECK(strlen(f->name) <= lim->name);
		FUZZ_CHECK(fmt_text_check(f->name, strlen(f->name),
		    FMT_TEXT_LINE) == NULL);
		FUZZ_CHECK(strlen(f->value) == f->len);
		FUZZ_CHECK(f->len <= lim->value);
		FUZZ_CHECK(fmt_utf8_valid(f->value, f->len));
		FUZZ_CHECK(fmt_form_get(form, f->name) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fmt_form_limits	lims[] = {
		{ 256, 256, 65536, 0, 0 },
		{ 3, 4, 8, 0, 0 },
	};
	struct fmt_form		form;
	size_t			i;
	int			rc;

	for (i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		fmt_form_init(&form);
		rc = fmt_form_json(&form, (const char *)data, size, &lims[i]);
		if (rc == 0)
			check_form(&form, &lims[i]);
		else
			FUZZ_CHECK(rc == -1 && form.err[0] != '\0');
		fmt_form_free(&form);

		/* The same through the Content-Type. */
		FUZZ_CHECK(fmt_form_body(&form, (const char *)data, size,
		    "application/json; charset=utf-8", &lims[i]) == rc);
		if (rc == 0)
			check_form(&form, &lims[i]);
		fmt_form_free(&form);
	}

	return (0);
}
