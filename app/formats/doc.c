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
 * The XML/JSON document writer (see doc.h) and the escaping rules of
 * both formats.
 */

#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "utf8.h"

#define KIND_LIST	'l'
#define KIND_OBJECT	'o'

static void	doc_open_member(struct fmt_doc *, const char *, const char **);
static void	doc_close_member(struct fmt_doc *, const char *);

static const char	hexdigits[] = "0123456789abcdef";

void
fmt_doc_begin(struct fmt_doc *doc, struct fmt_buf *out, int type)
{
	doc->out = out;
	doc->type = type;
	doc->depth = 0;
	doc->st[0].kind = KIND_OBJECT;
	doc->st[0].count = 0;
	doc->st[0].name = NULL;
	doc->st[0].item = NULL;

	if (type == FMT_XML)
		fmt_buf_str(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
}

/*
 * Writes what precedes a member: a comma and key in JSON, the opening
 * tag in XML. Returns in *tag the element name used, for the close.
 */
static void
doc_open_member(struct fmt_doc *doc, const char *key, const char **tag)
{
	const char	*name;
	int		inlist;

	inlist = doc->st[doc->depth].kind == KIND_LIST;
	name = (key == NULL && inlist) ? doc->st[doc->depth].item : key;
	*tag = name;

	if (doc->type == FMT_JSON) {
		if (doc->st[doc->depth].count > 0)
			fmt_buf_byte(doc->out, ',');
		if (!inlist && doc->depth > 0 && key != NULL) {
			fmt_json_quote(doc->out, key, strlen(key));
			fmt_buf_byte(doc->out, ':');
		}
	} else if (name != NULL) {
		fmt_buf_byte(doc->out, '<');
		fmt_buf_str(doc->out, name);
		fmt_buf_byte(doc->out, '>');
	}

	doc->st[doc->depth].count++;
}

static void
doc_close_member(struct fmt_doc *doc, const char *tag)
{
	if (doc->type == FMT_XML && tag != NULL) {
		fmt_buf_str(doc->out, "</");
		fmt_buf_str(doc->out, tag);
		fmt_buf_byte(doc->out, '>');
	}
}

void
fmt_doc_list(struct fmt_doc *doc, const char *name, const char *item)
{
	const char	*tag;

	if (doc->depth + 1 >= FMT_DOC_DEPTH)
		abort();

	doc_open_member(doc, name, &tag);
	if (doc->type == FMT_JSON)
		fmt_buf_byte(doc->out, '[');

	doc->depth++;
	doc->st[doc->depth].kind = KIND_LIST;
	doc->st[doc->depth].count = 0;
	doc->st[doc->depth].name = tag;
	doc->st[doc->depth].item = item;
}

void
fmt_doc_object(struct fmt_doc *doc, const char *name)
{
	const char	*tag;

	if (doc->depth + 1 >= FMT_DOC_DEPTH)
		abort();

	doc_open_member(doc, name, &tag);
	if (doc->type == FMT_JSON)
		fmt_buf_byte(doc->out, '{');

	doc->depth++;
	doc->st[doc->depth].kind = KIND_OBJECT;
	doc->st[doc->depth].count = 0;
	doc->st[doc->depth].name = tag;
	doc->st[doc->depth].item = NULL;
}

void
fmt_doc_end(struct fmt_doc *doc)
{
	if (doc->depth == 0)
		abort();

	if (doc->type == FMT_JSON) {
		fmt_buf_byte(doc->out,
		    doc->st[doc->depth].kind == KIND_LIST ? ']' : '}');
	}

	doc_close_member(doc, doc->st[doc->depth].name);
	doc->depth--;
}

void
fmt_doc_str(struct fmt_doc *doc, const char *key, const char *val)
{
	if (val == NULL)
		fmt_doc_null(doc, key);
	else
		fmt_doc_strn(doc, key, val, strlen(val));
}

void
fmt_doc_strn(struct fmt_doc *doc, const char *key, const char *val,
    size_t len)
{
	const char	*tag;

	doc_open_member(doc, key, &tag);
	if (doc->type == FMT_JSON)
		fmt_json_quote(doc->out, val, len);
	else
		fmt_xml_escape(doc->out, val, len);
	doc_close_member(doc, tag);
}

void
fmt_doc_bool(struct fmt_doc *doc, const char *key, int val)
{
	const char	*tag;

	doc_open_member(doc, key, &tag);
	fmt_buf_str(doc->out, val ? "true" : "false");
	doc_close_member(doc, tag);
}

void
fmt_doc_int(struct fmt_doc *doc, const char *key, long long val)
{
	const char	*tag;

	doc_open_member(doc, key, &tag);
	fmt_buf_printf(doc->out, "%lld", val);
	doc_close_member(doc, tag);
}

void
fmt_doc_null(struct fmt_doc *doc, const char *key)
{
	const char	*tag;

	doc_open_member(doc, key, &tag);
	if (doc->type == FMT_JSON)
		fmt_buf_str(doc->out, "null");
	doc_close_member(doc, tag);
}

void
fmt_doc_num(struct fmt_doc *doc, const char *key, const char *val)
{
	const char	*tag;

	if (val == NULL || !fmt_json_number(val)) {
		fmt_doc_null(doc, key);
		return;
	}

	doc_open_member(doc, key, &tag);
	fmt_buf_str(doc->out, val);
	doc_close_member(doc, tag);
}

int
fmt_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return (0);

	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return (0);
		while (*s >= '0' && *s <= '9')
			s++;
	}

	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return (0);
		while (*s >= '0' && *s <= '9')
			s++;
	}

	return (*s == '\0');
}

void
fmt_xml_escape(struct fmt_buf *out, const char *s, size_t len)
{
	const u_int8_t	*p;
	u_int32_t	cp;
	size_t		n;

	p = (const u_int8_t *)s;
	while (len > 0) {
		/* A run of plain ASCII goes in one copy. */
		for (n = 0; n < len && p[n] >= 0x20 && p[n] < 0x80 &&
		    strchr("&<>\"'", p[n]) == NULL; n++)
			;
		if (n > 0) {
			fmt_buf_add(out, p, n);
			p += n;
			len -= n;
			continue;
		}

		if ((n = fmt_utf8_decode(p, len, &cp)) == 0) {
			fmt_buf_str(out, "\xef\xbf\xbd");
			p++;
			len--;
			continue;
		}

		switch (cp) {
		case '&':
			fmt_buf_str(out, "&amp;");
			break;
		case '<':
			fmt_buf_str(out, "&lt;");
			break;
		case '>':
			fmt_buf_str(out, "&gt;");
			break;
		case '"':
			fmt_buf_str(out, "&quot;");
			break;
		case '\'':
			fmt_buf_str(out, "&apos;");
			break;
		case '\r':
			fmt_buf_str(out, "&#13;");
			break;
		default:
			/* XML 1.0 Char production: drop what it excludes. */
			if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
			    cp == 0xfffe || cp == 0xffff)
				break;
			fmt_buf_add(out, p, n);
			break;
		}

		p += n;
		len -= n;
	}
}

void
fmt_json_quote(struct fmt_buf *out, const char *s, size_t len)
{
	const u_int8_t	*p;
	u_int32_t	cp;
	size_t		n;
	char		esc[6];

	fmt_buf_reserve(out, len + 2);
	fmt_buf_byte(out, '"');

	p = (const u_int8_t *)s;
	while (len > 0) {
		/* A run of plain ASCII goes in one copy. */
		for (n = 0; n < len && p[n] >= 0x20 && p[n] < 0x80 &&
		    p[n] != '"' && p[n] != '\\'; n++)
			;
		if (n > 0) {
			fmt_buf_add(out, p, n);
			p += n;
			len -= n;
			continue;
		}

		if ((n = fmt_utf8_decode(p, len, &cp)) == 0) {
			fmt_buf_str(out, "\\ufffd");
			p++;
			len--;
			continue;
		}

		switch (cp) {
		case '"':
			fmt_buf_str(out, "\\\"");
			break;
		case '\\':
			fmt_buf_str(out, "\\\\");
			break;
		case '\n':
			fmt_buf_str(out, "\\n");
			break;
		case '\r':
			fmt_buf_str(out, "\\r");
			break;
		case '\t':
			fmt_buf_str(out, "\\t");
			break;
		default:
			/* Control characters, and U+2028/9 for JSONP. */
			if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
				esc[0] = '\\';
				esc[1] = 'u';
				esc[2] = hexdigits[(cp >> 12) & 0xf];
				esc[3] = hexdigits[(cp >> 8) & 0xf];
				esc[4] = hexdigits[(cp >> 4) & 0xf];
				esc[5] = hexdigits[cp & 0xf];
				fmt_buf_add(out, esc, sizeof(esc));
			} else {
				fmt_buf_add(out, p, n);
			}
			break;
		}

		p += n;
		len -= n;
	}

	fmt_buf_byte(out, '"');
}

const char *
fmt_content_type(int type)
{
	if (type == FMT_JSON)
		return ("application/json; charset=utf-8");
	return ("text/xml; charset=utf-8");
}
