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
 * The small HTML pages the gateway writes itself, for people who follow
 * a link in a reporter e-mail: a title, a paragraph of text and an
 * optional form, every piece of text escaped. Pure code.
 */

#ifndef __H_FMT_HTML
#define __H_FMT_HTML

#include "lib/buf.h"

#define FMT_HTML_TYPE	"text/html; charset=utf-8"

/*
 * Writes a page with title and text (both escaped) and form, markup
 * written as it is (NULL for none), to out.
 */
void	fmt_html_page(struct buf *, const char *, const char *, const char *);

#endif
