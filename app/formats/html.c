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
 * Small HTML pages (see html.h).
 */

#include <string.h>

#include "doc.h"
#include "html.h"

void
fmt_html_page(struct buf *b, const char *title, const char *text,
    const char *form)
{
	buf_str(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
	    "device-width\"><title>");
	fmt_xml_escape(b, title, strlen(title));
	buf_str(b, "</title></head><body style=\"font-family:sans-serif;"
	    "max-width:36em;margin:2em auto\"><h1>");
	fmt_xml_escape(b, title, strlen(title));
	buf_str(b, "</h1><p>");
	fmt_xml_escape(b, text, strlen(text));
	buf_str(b, "</p>");
	if (form != NULL)
		buf_str(b, form);
	buf_str(b, "</body></html>\n");
}
