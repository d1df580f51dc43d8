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
 * urlencoded and multipart/form-data parsing (see form.h).
 */

#include <sys/types.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "form.h"
#include "path.h"
#include "utf8.h"

#define MP_HEADERS_MAX		8192
#define MP_BOUNDARY_MAX		70

static struct fmt_field	*form_add(struct fmt_form *,
			    const struct fmt_form_limits *, const char *);
static int	form_fail(struct fmt_form *, const char *, ...)
		    __attribute__((format (printf, 2, 3)));
static int	form_check_name(struct fmt_form *, const char *, size_t,
		    const struct fmt_form_limits *);
static int	mp_boundary(const char *, char *, size_t);
static int	mp_param(const char *, const char *, char *, size_t);
static const char	*mp_find(const char *, size_t, const char *, size_t);
static const char	*mp_next_param(const char *);
static int	mp_part(struct fmt_form *, const char *, size_t,
		    const struct fmt_form_limits *);
static int	mp_header_value(const char *, const char *, char *, size_t);
static int	form_json_value(struct fmt_form *, const char *, json_t *,
		    const struct fmt_form_limits *);
static int	form_json_scan(struct fmt_form *, const char *, size_t,
		    const struct fmt_form_limits *);
static void	form_encode_part(struct fmt_buf *, const char *);
static char	*form_strndup(const char *, size_t);

static char *
form_strndup(const char *s, size_t n)
{
	char	*p;

	if ((p = malloc(n + 1)) == NULL)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

static int
form_fail(struct fmt_form *form, const char *fmt, ...)
{
	va_list		ap;

	va_start(ap, fmt);
	(void)vsnprintf(form->err, sizeof(form->err), fmt, ap);
	va_end(ap);
	return (-1);
}

void
fmt_form_init(struct fmt_form *form)
{
	memset(form, 0, sizeof(*form));
}

void
fmt_form_free(struct fmt_form *form)
{
	size_t		i;

	for (i = 0; i < form->n; i++) {
		free(form->f[i].name);
		if (!form->f[i].file)
			free(form->f[i].value);
		free(form->f[i].filename);
		free(form->f[i].ctype);
	}
	free(form->f);
	fmt_form_init(form);
}

static struct fmt_field *
form_add(struct fmt_form *form, const struct fmt_form_limits *lim,
    const char *name)
{
	struct fmt_field	*f;

	if (form->n >= lim->fields) {
		(void)form_fail(form, "too many fields (at most %zu): '%.64s' "
		    "is one too many", lim->fields, name);
		return (NULL);
	}

	if (form->n == form->cap) {
		form->cap = form->cap ? form->cap * 2 : 16;
		if ((form->f = realloc(form->f,
		    form->cap * sizeof(*form->f))) == NULL)
			abort();
	}

	f = &form->f[form->n++];
	memset(f, 0, sizeof(*f));
	return (f);
}

static int
form_check_name(struct fmt_form *form, const char *name, size_t len,
    const struct fmt_form_limits *lim)
{
	if (len == 0)
		return (form_fail(form, "a field has an empty name"));
	if (len > lim->name)
		return (form_fail(form, "field name '%.32s...' is longer "
		    "than %zu bytes", name, lim->name));
	if (fmt_text_check(name, len, FMT_TEXT_LINE) != NULL)
		return (form_fail(form, "a field name is not valid UTF-8 "
		    "text"));
	return (0);
}

int
fmt_form_urlencoded(struct fmt_form *form, const char *s, size_t len,
    const struct fmt_form_limits *lim)
{
	struct fmt_field	*f;
	const char		*end, *amp, *eq;
	char			*name, *value;
	int			n, v;

	end = s + len;
	while (s < end) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL)
			eq = amp;

		if ((size_t)(eq - s) > lim->name * 3)
			return (form_fail(form, "field name '%.*s...' is "
			    "longer than %zu bytes", (int)(eq - s < 32 ?
			    eq - s : 32), s, lim->name));
		/* Room for the decoded text, which is never longer. */
		name = form_strndup(s, (size_t)(eq - s));
		if ((n = fmt_pct_decode(s, (size_t)(eq - s), name, 1)) == -1) {
			free(name);
			return (form_fail(form, "malformed percent-encoding "
			    "in a field name"));
		}
		if (form_check_name(form, name, (size_t)n, lim) == -1) {
			free(name);
			return (-1);
		}

		if (eq < amp && (size_t)(amp - eq - 1) > lim->value * 3) {
			(void)form_fail(form, "field '%s' is longer than %zu "
			    "bytes", name, lim->value);
			free(name);
			return (-1);
		}
		value = form_strndup(eq, eq < amp ? (size_t)(amp - eq - 1) : 0);
		v = 0;
		if (eq < amp && (v = fmt_pct_decode(eq + 1,
		    (size_t)(amp - eq - 1), value, 1)) == -1) {
			(void)form_fail(form, "malformed percent-encoding in "
			    "field '%s'", name);
			free(name);
			free(value);
			return (-1);
		}

		if ((size_t)v > lim->value) {
			(void)form_fail(form, "field '%s' is longer than %zu "
			    "bytes", name, lim->value);
			free(name);
			free(value);
			return (-1);
		}
		if (!fmt_utf8_valid(value, (size_t)v)) {
			(void)form_fail(form, "field '%s' is not valid UTF-8",
			    name);
			free(name);
			free(value);
			return (-1);
		}

		if ((f = form_add(form, lim, name)) == NULL) {
			free(name);
			free(value);
			return (-1);
		}
		f->name = name;
		f->value = value;
		f->len = (size_t)v;
		s = amp;
	}

	return (0);
}

static void
form_encode_part(struct fmt_buf *out, const char *s)
{
	static const char	hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s) || strchr("-._~", *s) != NULL) {
			fmt_buf_byte(out, *s);
		} else {
			fmt_buf_byte(out, '%');
			fmt_buf_byte(out, hex[(unsigned char)*s >> 4]);
			fmt_buf_byte(out, hex[(unsigned char)*s & 0xf]);
		}
	}
}

void
fmt_form_encode(struct fmt_buf *out, const char *name, const char *value)
{
	if (out->len > 0)
		fmt_buf_byte(out, '&');
	form_encode_part(out, name);
	fmt_buf_byte(out, '=');
	form_encode_part(out, value);
}

const char *
fmt_form_get(const struct fmt_form *form, const char *name)
{
	size_t		i;

	for (i = 0; i < form->n; i++) {
		if (!form->f[i].file && !strcmp(form->f[i].name, name))
			return (form->f[i].value);
	}

	return (NULL);
}

/*
 * Reads parameter key of a header value such as
 * 'form-data; name="a"; filename="b.jpg"' into out. Returns 1 when found,
 * 0 when absent, -1 when malformed or too long.
 */
static int
mp_param(const char *hv, const char *key, char *out, size_t outlen)
{
	const char	*p;
	size_t		klen, o;

	klen = strlen(key);
	for (p = mp_next_param(hv); p != NULL; p = mp_next_param(p)) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, key, klen) || p[klen] != '=')
			continue;
		p += klen + 1;
		o = 0;
		if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0')
					return (-1);
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (o + 1 >= outlen)
					return (-1);
				out[o++] = *p;
			}
		} else {
			for (; *p != '\0' && *p != ';' && *p != ' ' &&
			    *p != '\t'; p++) {
				if (o + 1 >= outlen)
					return (-1);
				out[o++] = *p;
			}
		}
		out[o] = '\0';
		return (1);
	}

	return (0);
}

/*
 * Returns the text after the next ';' of a header value that is not
 * inside a quoted string (filename="a; name=b" is one parameter), or NULL.
 */
static const char *
mp_next_param(const char *p)
{
	int	quoted;

	for (quoted = 0; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (*p == ';' && !quoted)
			return (p + 1);
	}
	return (NULL);
}

static int
mp_boundary(const char *ctype, char *out, size_t outlen)
{
	if (mp_param(ctype, "boundary", out, outlen) != 1)
		return (-1);
	if (out[0] == '\0' || strlen(out) > MP_BOUNDARY_MAX)
		return (-1);
	return (0);
}

static const char *
mp_find(const char *hay, size_t len, const char *needle, size_t nlen)
{
	const char	*p, *end;

	if (nlen == 0 || len < nlen)
		return (NULL);
	end = hay + len - nlen;
	for (p = hay; p <= end; p++) {
		if ((p = memchr(p, needle[0], (size_t)(end - p) + 1)) == NULL)
			return (NULL);
		if (!memcmp(p, needle, nlen))
			return (p);
	}
	return (NULL);
}

/* Copies a header value (from v up to end), without surrounding blanks. */
static int
mp_header_value(const char *v, const char *end, char *out, size_t outlen)
{
	size_t	n;

	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - v);
	if (n == 0 || n >= outlen)
		return (-1);
	memcpy(out, v, n);
	out[n] = '\0';
	return (0);
}

/* One part: its headers, then its content (len bytes at p in total). */
static int
mp_part(struct fmt_form *form, const char *p, size_t len,
    const struct fmt_form_limits *lim)
{
	struct fmt_field	*f;
	const char		*hend, *line, *eol, *content;
	char			hdrs[MP_HEADERS_MAX + 1], disp[1024];
	char			name[1024], filename[512], ctype[256];
	char			*dname;
	size_t			hlen, clen;
	int			has_disp, has_file, n;

	if (len >= 2 && p[0] == '\r' && p[1] == '\n') {
		hlen = 0;
		content = p + 2;
	} else if ((hend = mp_find(p, len, "\r\n\r\n", 4)) != NULL) {
		hlen = (size_t)(hend + 2 - p);
		content = hend + 4;
	} else {
		return (form_fail(form, "malformed multipart body: part "
		    "without a blank line after its headers"));
	}

	if (hlen > MP_HEADERS_MAX)
		return (form_fail(form, "malformed multipart body: part "
		    "headers longer than %d bytes", MP_HEADERS_MAX));
	memcpy(hdrs, p, hlen);
	hdrs[hlen] = '\0';
	clen = len - (size_t)(content - p);

	has_disp = 0;
	ctype[0] = '\0';
	for (line = hdrs; (eol = strstr(line, "\r\n")) != NULL;
	    line = eol + 2) {
		if (!strncasecmp(line, "content-disposition:", 20)) {
			if (mp_header_value(line + 20, eol, disp,
			    sizeof(disp)) == -1)
				return (form_fail(form, "malformed multipart "
				    "body: bad Content-Disposition"));
			has_disp = 1;
		} else if (!strncasecmp(line, "content-type:", 13)) {
			if (mp_header_value(line + 13, eol, ctype,
			    sizeof(ctype)) == -1)
				return (form_fail(form, "malformed multipart "
				    "body: bad part Content-Type"));
		}
	}

	if (!has_disp || strncasecmp(disp, "form-data", 9))
		return (form_fail(form, "malformed multipart body: part "
		    "without Content-Disposition: form-data"));

	if (mp_param(disp, "name", name, sizeof(name)) != 1)
		return (form_fail(form, "malformed multipart body: part "
		    "without a name"));
	if ((n = mp_param(disp, "filename", filename,
	    sizeof(filename))) == -1)
		return (form_fail(form, "malformed multipart body: bad "
		    "filename of part '%.64s'", name));
	has_file = n == 1;
	if (ctype[0] != '\0' && strncasecmp(ctype, "text/", 5))
		has_file = 1;

	dname = form_strndup(name, strlen(name));
	if (strchr(name, '%') != NULL &&
	    fmt_pct_decode(name, strlen(name), dname, 0) == -1)
		(void)strcpy(dname, name);
	if (form_check_name(form, dname, strlen(dname), lim) == -1) {
		free(dname);
		return (-1);
	}

	if (has_file) {
		if (clen > lim->file) {
			form->toolarge = 1;
			(void)form_fail(form, "file '%s' is larger than %zu "
			    "bytes", dname, lim->file);
			free(dname);
			return (-1);
		}
		if (form->nfiles >= lim->files) {
			(void)form_fail(form, "too many files (at most %zu): "
			    "'%s' is one too many", lim->files, dname);
			free(dname);
			return (-1);
		}
	} else {
		if (clen > lim->value) {
			(void)form_fail(form, "field '%s' is longer than %zu "
			    "bytes", dname, lim->value);
			free(dname);
			return (-1);
		}
		if (!fmt_utf8_valid(content, clen) ||
		    memchr(content, '\0', clen) != NULL) {
			(void)form_fail(form, "field '%s' is not valid UTF-8 "
			    "text", dname);
			free(dname);
			return (-1);
		}
	}

	if ((f = form_add(form, lim, dname)) == NULL) {
		free(dname);
		return (-1);
	}

	f->name = dname;
	f->len = clen;
	if (has_file) {
		f->file = 1;
		f->value = (char *)(uintptr_t)content;
		f->filename = form_strndup(filename, has_file && n == 1 ?
		    strlen(filename) : 0);
		f->ctype = form_strndup(ctype, strlen(ctype));
		form->nfiles++;
	} else {
		f->value = form_strndup(content, clen);
	}

	return (0);
}

int
fmt_form_multipart(struct fmt_form *form, const char *body, size_t len,
    const char *ctype, const struct fmt_form_limits *lim)
{
	const char	*p, *end, *next;
	char		boundary[MP_BOUNDARY_MAX + 1], delim[MP_BOUNDARY_MAX + 5];
	size_t		dlen;

	if (mp_boundary(ctype, boundary, sizeof(boundary)) == -1)
		return (form_fail(form, "multipart/form-data without a valid "
		    "boundary parameter"));

	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	end = body + len;

	/* The first delimiter may start the body, without its CRLF. */
	if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2)) {
		p = body + dlen - 2;
	} else if ((p = mp_find(body, len, delim, dlen)) != NULL) {
		p += dlen;
	} else {
		return (form_fail(form, "malformed multipart body: no "
		    "boundary found"));
	}

	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return (0);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return (form_fail(form, "malformed multipart body: "
			    "boundary not followed by a line break"));
		p += 2;

		if ((next = mp_find(p, (size_t)(end - p), delim,
		    dlen)) == NULL)
			return (form_fail(form, "malformed multipart body: "
			    "part not closed by a boundary"));

		if (mp_part(form, p, (size_t)(next - p), lim) == -1)
			return (-1);
		p = next + dlen;
	}
}

static int
form_json_value(struct fmt_form *form, const char *key, json_t *v,
    const struct fmt_form_limits *lim)
{
	struct fmt_field	*f;
	char			num[64];
	const char		*text;
	size_t			len;

	if (json_is_string(v)) {
		text = json_string_value(v);
		len = json_string_length(v);
		if (memchr(text, '\0', len) != NULL)
			return (form_fail(form, "field '%.64s' contains a NUL "
			    "character", key));
	} else if (json_is_integer(v)) {
		(void)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		text = num;
		len = strlen(num);
	} else if (json_is_real(v)) {
		/* The shortest text that reads back as the same number. */
		(void)snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		if (strtod(num, NULL) != json_real_value(v))
			(void)snprintf(num, sizeof(num), "%.17g",
			    json_real_value(v));
		text = num;
		len = strlen(num);
	} else if (json_is_boolean(v)) {
		text = json_is_true(v) ? "true" : "false";
		len = strlen(text);
	} else {
		return (form_fail(form, "field '%.64s' must be a string, "
		    "number, boolean or an array of those", key));
	}

	if (len > lim->value)
		return (form_fail(form, "field '%.64s' is longer than %zu "
		    "bytes", key, lim->value));
	if ((f = form_add(form, lim, key)) == NULL)
		return (-1);
	f->name = form_strndup(key, strlen(key));
	f->value = form_strndup(text, len);
	f->len = len;
	return (0);
}

/*
 * Before jansson builds a tree of a body: one pass over its bytes that
 * refuses nesting deeper than arrays in arrays in an object (deeper than
 * any field can be, with a level to spare for the message that names the
 * field), more keys and values than twice the fields allowed, counted as
 * they come, and strings too long to decode to a value of the allowed
 * length, so that a body of millions of values or one huge string costs
 * neither the memory nor the time of parsing it. What it lets through, json_loadb and
 * the field checks still check.
 */
static int
form_json_scan(struct fmt_form *form, const char *p, size_t len,
    const struct fmt_form_limits *lim)
{
	size_t	i, tokens, max, start, longest;
	int	depth, in_str, esc, in_tok;

	max = 2 * lim->fields + 2;
	/* An escape is at most 6 bytes for at least one byte of text. */
	longest = 6 * (lim->value > lim->name ? lim->value : lim->name) + 6;
	tokens = start = 0;
	depth = in_str = esc = in_tok = 0;
	for (i = 0; i < len; i++) {
		if (in_str) {
			if (i - start > longest)
				return (form_fail(form, "a string in the JSON "
				    "body is longer than %zu bytes", lim->value));
			if (esc)
				esc = 0;
			else if (p[i] == '\\')
				esc = 1;
			else if (p[i] == '"')
				in_str = 0;
			continue;
		}
		switch (p[i]) {
		case '"':
			in_str = 1;
			start = i;
			tokens++;
			break;
		case '{':
		case '[':
			if (++depth > 3)
				return (form_fail(form, "the JSON body nests too "
				    "deep: each field is a string, number, "
				    "boolean or an array of those"));
			break;
		case '}':
		case ']':
			depth--;
			break;
		case ',':
		case ':':
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			break;
		default:
			if (!in_tok)
				tokens++;
			in_tok = 1;
			continue;
		}
		in_tok = 0;
		if (tokens > max)
			return (form_fail(form, "too many fields (at most %zu) "
			    "in the JSON body", lim->fields));
	}
	return (tokens > max ? form_fail(form, "too many fields (at most "
	    "%zu) in the JSON body", lim->fields) : 0);
}

int
fmt_form_json(struct fmt_form *form, const char *body, size_t len,
    const struct fmt_form_limits *lim)
{
	json_t		*root, *v, *item;
	json_error_t	jerr;
	const char	*key;
	size_t		i;
	int		rc;

	if (form_json_scan(form, body, len, lim) == -1)
		return (-1);
	if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return (form_fail(form, "malformed JSON body at line %d: %s",
		    jerr.line, jerr.text));
	if (!json_is_object(root)) {
		json_decref(root);
		return (form_fail(form, "the JSON body must be an object"));
	}

	rc = 0;
	json_object_foreach(root, key, v) {
		if (form_check_name(form, key, strlen(key), lim) == -1) {
			rc = -1;
			break;
		}
		if (json_is_null(v))
			continue;
		if (json_is_array(v)) {
			json_array_foreach(v, i, item) {
				if ((rc = form_json_value(form, key, item,
				    lim)) == -1)
					break;
			}
		} else {
			rc = form_json_value(form, key, v, lim);
		}
		if (rc == -1)
			break;
	}

	json_decref(root);
	return (rc);
}

int
fmt_form_body(struct fmt_form *form, const char *body, size_t len,
    const char *ctype, const struct fmt_form_limits *lim)
{
	size_t		n;

	if (ctype == NULL)
		return (fmt_form_urlencoded(form, body, len, lim));

	n = strcspn(ctype, "; \t");
	if (n == 33 && !strncasecmp(ctype,
	    "application/x-www-form-urlencoded", n))
		return (fmt_form_urlencoded(form, body, len, lim));
	if (n == 19 && !strncasecmp(ctype, "multipart/form-data", n))
		return (fmt_form_multipart(form, body, len, ctype, lim));
	if (n == 16 && !strncasecmp(ctype, "application/json", n))
		return (fmt_form_json(form, body, len, lim));

	return (form_fail(form, "unsupported Content-Type '%.64s': send "
	    "application/x-www-form-urlencoded, multipart/form-data or "
	    "application/json", ctype));
}
