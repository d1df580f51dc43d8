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
 * One writer for both Open311 wire formats. A resource is described once
 * as lists, objects and scalar fields; the writer emits XML (prolog, no
 * attributes, empty elements for missing values) or JSON in the Spark
 * convention (root element dropped, every list an array, real booleans,
 * null for missing values). Describing each resource once means the two
 * formats cannot drift apart.
 */

#ifndef __H_FMT_DOC
#define __H_FMT_DOC

#include "buf.h"

#define FMT_XML		1
#define FMT_JSON	2

#define FMT_DOC_DEPTH	16

struct fmt_doc {
	struct fmt_buf	*out;
	int		type;
	int		depth;
	struct {
		char		kind;
		int		count;
		const char	*name;
		const char	*item;
	} st[FMT_DOC_DEPTH];
};

/* Starts a document of the given type in out (XML gets its prolog). */
void	fmt_doc_begin(struct fmt_doc *, struct fmt_buf *, int);

/*
 * Opens a list. name is its element (XML) or key (JSON, inside an
 * object); item is the element name of each member in XML.
 */
void	fmt_doc_list(struct fmt_doc *, const char *, const char *);

/*
 * Opens an object. Inside a list, name may be NULL to use the list's
 * item name; at the root, name is the XML root element.
 */
void	fmt_doc_object(struct fmt_doc *, const char *);

/* Closes the innermost list or object. */
void	fmt_doc_end(struct fmt_doc *);

/*
 * Scalar members. key is the field name, or NULL inside a list (the
 * list's item name is used). A NULL string is written as an empty
 * element / null. Text is escaped; invalid UTF-8 becomes U+FFFD and
 * characters XML cannot carry are dropped.
 */
void	fmt_doc_str(struct fmt_doc *, const char *, const char *);
void	fmt_doc_strn(struct fmt_doc *, const char *, const char *, size_t);
void	fmt_doc_bool(struct fmt_doc *, const char *, int);
void	fmt_doc_int(struct fmt_doc *, const char *, long long);
void	fmt_doc_null(struct fmt_doc *, const char *);

/*
 * A number given as text (as PostgreSQL returns it). NULL or empty text
 * is written as null; text that is not a plain decimal number is written
 * as null too, so the output stays valid JSON.
 */
void	fmt_doc_num(struct fmt_doc *, const char *, const char *);

/* Appends text escaped for XML character data. */
void	fmt_xml_escape(struct fmt_buf *, const char *, size_t);

/*
 * Whether s is a JSON number as written:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 */
int	fmt_json_number(const char *);

/* Appends text as a quoted JSON string. */
void	fmt_json_quote(struct fmt_buf *, const char *, size_t);

/* Returns the MIME type of a document type, with "; charset=utf-8". */
const char	*fmt_content_type(int);

#endif
