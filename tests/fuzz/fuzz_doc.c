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
 * libFuzzer target: arbitrary bytes through fmt_doc_strn() (and as number
 * text through fmt_doc_num()) in both formats. The JSON must parse with
 * jansson and give back valid UTF-8 input unchanged; the XML must be
 * well-formed, with no byte below 0x20 other than tab and LF.
 */

#include <sys/types.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "formats/doc.h"
#include "formats/utf8.h"
#include "fuzz.h"
#include "xmlcheck.h"

static void
write_doc(struct fmt_doc *doc, const char *s, size_t len, const char *num)
{
	fmt_doc_object(doc, "r");
	fmt_doc_strn(doc, "v", s, len);
	fmt_doc_list(doc, "l", "i");
	fmt_doc_strn(doc, NULL, s, len);
	fmt_doc_num(doc, NULL, num);
	fmt_doc_end(doc);
	fmt_doc_num(doc, "n", num);
	fmt_doc_end(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	b;
	struct fmt_doc	doc;
	json_error_t	err;
	json_t		*j, *v;
	const char	*s;
	char		*num;
	double		dv;
	size_t		i;

	s = (const char *)data;
	if ((num = malloc(size + 1)) == NULL)
		abort();
	memcpy(num, data, size);
	num[size] = '\0';

	/*
	 * "1e999" is a JSON number that jansson refuses as out of range for
	 * a double; such text is not tested through jansson.
	 */
	errno = 0;
	dv = strtod(num, NULL);
	if (errno == ERANGE && (dv == HUGE_VAL || dv == -HUGE_VAL))
		num[0] = '\0';

	buf_init(&b);
	fmt_doc_begin(&doc, &b, FMT_JSON);
	write_doc(&doc, s, size, num);
	FUZZ_CHECK(doc.depth == 0);
	j = json_loadb(b.data, b.len, JSON_ALLOW_NUL |
	    JSON_DECODE_INT_AS_REAL, &err);
	if (j == NULL)
		fprintf(stderr, "%s: %.*s\n", err.text, (int)b.len, b.data);
	FUZZ_CHECK(j != NULL);
	v = json_object_get(j, "v");
	FUZZ_CHECK(json_is_string(v));
	if (fmt_utf8_valid(s, size)) {
		FUZZ_CHECK(json_string_length(v) == size);
		FUZZ_CHECK(memcmp(json_string_value(v), s, size) == 0);
	}
	FUZZ_CHECK(json_is_number(json_object_get(j, "n")) ||
	    json_is_null(json_object_get(j, "n")));
	json_decref(j);
	buf_free(&b);

	fmt_doc_begin(&doc, &b, FMT_XML);
	write_doc(&doc, s, size, num);
	FUZZ_CHECK(doc.depth == 0);
	for (i = 0; i < b.len; i++) {
		FUZZ_CHECK((unsigned char)b.data[i] >= 0x20 ||
		    b.data[i] == '\t' || b.data[i] == '\n');
	}
	FUZZ_CHECK(xml_wellformed(b.data, b.len));
	buf_free(&b);

	free(num);
	return (0);
}
