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
 * Form bodies and query strings: application/x-www-form-urlencoded and
 * multipart/form-data (RFC 7578) parsed into one list of fields, with
 * limits on field count, name and value length, file size and count,
 * percent-decoded names (attribute%5BX%5D is attribute[X]), empty values
 * kept, and UTF-8 required of every name and text value. Kore's own
 * parser drops pairs beyond 19, empty values and names it does not know,
 * which Open311 cannot live with. Pure code.
 */

#ifndef __H_FMT_FORM
#define __H_FMT_FORM

#include <stddef.h>

#include "lib/buf.h"

struct fmt_field {
	char		*name;
	char		*value;		/* text: NUL-terminated copy */
	size_t		len;
	char		*filename;	/* file parts only */
	char		*ctype;		/* file parts only */
	int		file;		/* value points into the body */
};

struct fmt_form_limits {
	size_t		fields;
	size_t		name;
	size_t		value;
	size_t		file;
	size_t		files;
};

struct fmt_form {
	struct fmt_field	*f;
	size_t			n;
	size_t			cap;
	size_t			nfiles;
	int			toolarge;	/* the error was a size limit */
	char			err[256];
};

/* Initialises an empty form. */
void	fmt_form_init(struct fmt_form *);

/* Frees the fields (file contents belong to the body, not the form). */
void	fmt_form_free(struct fmt_form *);

/*
 * Parses len bytes of urlencoded text ('&'-separated name=value pairs,
 * '+' as space). Returns 0, or -1 with a message in form->err that
 * names the offending field.
 */
int	fmt_form_urlencoded(struct fmt_form *, const char *, size_t,
	    const struct fmt_form_limits *);

/*
 * Parses a multipart/form-data body whose boundary is given in the
 * Content-Type value ctype. File parts (a filename, or a non-text
 * content type) keep pointers into body, which must outlive the form.
 * Returns 0, or -1 with a message in form->err.
 */
int	fmt_form_multipart(struct fmt_form *, const char *, size_t,
	    const char *, const struct fmt_form_limits *);

/*
 * Parses a JSON object body (the admin API) into fields: strings as
 * they are, numbers and booleans as text, arrays of those as repeated
 * fields, null as absent. Returns 0, or -1 with a message in form->err.
 */
int	fmt_form_json(struct fmt_form *, const char *, size_t,
	    const struct fmt_form_limits *);

/*
 * Parses a request body by its Content-Type (NULL is taken as
 * urlencoded; application/json as an object of fields). Returns 0, or
 * -1 with a message in form->err.
 */
int	fmt_form_body(struct fmt_form *, const char *, size_t, const char *,
	    const struct fmt_form_limits *);

/*
 * Appends name=value to an urlencoded body (with '&' when out is not
 * empty), percent-encoding everything but unreserved characters.
 */
void	fmt_form_encode(struct buf *, const char *, const char *);

/* The first text value of name, or NULL. */
const char	*fmt_form_get(const struct fmt_form *, const char *);

#endif
