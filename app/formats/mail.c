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
 * Reporter e-mails (see mail.h).
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mail.h"

/* RFC 5322: at most 998 bytes on a line, CRLF excluded. */
#define MAIL_LINE_MAX		998

/*
 * Whether a line of n bytes ends before byte c: near the limit where c
 * starts a UTF-8 character (is no continuation byte), at it otherwise.
 */
#define MAIL_BREAK(n, c)	(((n) >= MAIL_LINE_MAX - 4 && \
	((unsigned char)(c) & 0xc0) != 0x80) || (n) >= MAIL_LINE_MAX - 1)

static void	mail_header(struct buf *, const char *, const char *);
static void	mail_line(struct buf *, const char *);
static const char	*mail_words(const char *, int);
static void	mail_password(const struct fmt_mail *, const char *,
		    struct buf *);
static int		mail_lang(const char *);
static void		mail_field(struct buf *, const char *, const char *);
static void		mail_plain(struct buf *, const char *, const char *,
			    const char *, const char *, const char *);
static void		mail_fill(struct buf *, const char *, ...);

#define MAIL_EN		0
#define MAIL_ES		1

/* The texts of a message in each language, printf arguments in order. */
static const struct mail_texts {
	const char	*subject;	/* id, service, what */
	const char	*passed;
	const char	*hello;		/* " ", first name */
	const char	*duplicate;	/* id, service, parent, words */
	const char	*transfer;	/* jurisdiction, id, service, agency */
	const char	*another;
	const char	*status;	/* id, service, jurisdiction, words */
	const char	*note;
	const char	*follow;	/* base, id, token */
	const char	*notfixed;
	const char	*feedback;	/* base, id, token */
	const char	*stop;		/* base, token */
	const char	*updated;
} texts[] = {
	[MAIL_EN] = {
		"Your report %s (%s): %s",
		"passed to another team",
		"Hello%s%s,",
		"Your report %s (%s) was the same problem as report %s, "
		    "which is now %s.",
		"%s passed your report %s (%s) to %s, who will handle it "
		    "from now on.",
		"another team",
		"Your report %s (%s) to %s is now %s.",
		"Note from the team:",
		"Follow it at %s/requests/%s?t=%s",
		"Not fixed? Say so on that page and the report opens again.",
		"How did we do? Tell us in a minute: %s/requests/%s/"
		    "feedback?t=%s",
		"To stop e-mails about this report: %s/unsubscribe?t=%s",
		"updated",
	},
	[MAIL_ES] = {
		"Su reporte %s (%s): %s",
		"pasado a otro equipo",
		"Hola%s%s,",
		"Su reporte %s (%s) era el mismo problema que el reporte %s, "
		    "que ahora está %s.",
		"%s pasó su reporte %s (%s) a %s, que se encargará de él "
		    "a partir de ahora.",
		"otro equipo",
		"Su reporte %s (%s) a %s ahora está %s.",
		"Nota del equipo:",
		"Sígalo en %s/requests/%s?t=%s",
		"¿No está resuelto? Dígalo en esa página y el reporte se abre "
		    "de nuevo.",
		"¿Cómo lo hicimos? Díganos en un minuto: %s/requests/%s/"
		    "feedback?t=%s",
		"Para dejar de recibir correos sobre este reporte: "
		    "%s/unsubscribe?t=%s",
		"actualizado",
	},
};

/*
 * A header value on one line: CR and LF become spaces, and a value that
 * would make the line longer than MAIL_LINE_MAX is cut (between UTF-8
 * characters).
 */
static void
mail_header(struct buf *b, const char *name, const char *value)
{
	size_t	n;

	buf_str(b, name);
	buf_str(b, ": ");
	for (n = strlen(name) + 2; *value != '\0'; value++, n++) {
		if (MAIL_BREAK(n, *value))
			break;
		buf_byte(b, (*value == '\r' || *value == '\n') ? ' ' :
		    *value);
	}
	buf_str(b, "\r\n");
}

/*
 * Body text: line ends as CRLF, lines longer than MAIL_LINE_MAX broken
 * (between UTF-8 characters), a line starting with "." escaped.
 */
static void
mail_line(struct buf *b, const char *text)
{
	size_t	col;

	col = 0;
	for (; *text != '\0'; text++) {
		if (*text == '\r')
			continue;
		if (*text == '\n' || MAIL_BREAK(col, *text)) {
			buf_str(b, "\r\n");
			col = 0;
			if (*text == '\n')
				continue;
		}
		if (col == 0 && *text == '.') {
			buf_byte(b, '.');
			col++;
		}
		buf_byte(b, *text);
		col++;
	}
	buf_str(b, "\r\n");
}

/*
 * Appends tmpl with each "%s" replaced by the next argument, all
 * strings: the texts table's templates, which the compiler cannot check
 * as printf formats.
 */
static void
mail_fill(struct buf *b, const char *tmpl, ...)
{
	va_list		ap;
	const char	*p, *arg;

	va_start(ap, tmpl);
	for (p = tmpl; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 's') {
			arg = va_arg(ap, const char *);
			buf_str(b, arg != NULL ? arg : "");
			p++;
		} else {
			buf_byte(b, *p);
		}
	}
	va_end(ap);
}

/* "es" and "es-MX" are Spanish; anything else (or none) English. */
static int
mail_lang(const char *locale)
{
	if (locale != NULL && !strncmp(locale, "es", 2) &&
	    (locale[2] == '\0' || locale[2] == '-'))
		return (MAIL_ES);
	return (MAIL_EN);
}

/* fixed -> "fixed"; not_councils_responsibility -> readable words. */
static const char *
mail_words(const char *status, int lang)
{
	static const struct {
		const char	*code;
		const char	*words[2];
	} map[] = {
		{ "open", { "open", "abierto" } },
		{ "closed", { "closed", "cerrado" } },
		{ "fixed", { "fixed", "resuelto" } },
		{ "in_progress", { "in progress", "en curso" } },
		{ "action_scheduled", { "scheduled", "programado" } },
		{ "planned", { "planned", "planificado" } },
		{ "investigating", { "being investigated",
		    "en investigación" } },
		{ "duplicate", { "closed as a duplicate",
		    "cerrado como duplicado" } },
		{ "not_councils_responsibility",
		    { "passed on: not this jurisdiction's responsibility",
		    "remitido: no es responsabilidad de esta jurisdicción" } },
		{ "no_further_action", { "closed with no further action",
		    "cerrado sin más acciones" } },
		{ "internal_referral", { "referred internally",
		    "remitido internamente" } },
		{ "cancelled", { "cancelled", "cancelado" } },
		{ "reopen", { "reopened", "reabierto" } },
		{ "for_triage", { "waiting for triage",
		    "en espera de clasificación" } },
		{ NULL, { NULL, NULL } }
	};
	int	i;

	for (i = 0; status != NULL && map[i].code != NULL; i++) {
		if (!strcmp(map[i].code, status))
			return (map[i].words[lang]);
	}
	return (status != NULL ? status : texts[lang].updated);
}

void
fmt_mail_address(const char *from, char *out, size_t len)
{
	const char	*lt, *gt;
	size_t		n;

	if ((lt = strchr(from, '<')) != NULL &&
	    (gt = strchr(lt, '>')) != NULL) {
		n = (size_t)(gt - lt - 1);
		from = lt + 1;
	} else {
		n = strlen(from);
	}
	if (n >= len)
		n = len - 1;
	memcpy(out, from, n);
	out[n] = '\0';
}

void
fmt_mail_message(const struct fmt_mail *m, struct buf *b)
{
	struct buf	line;
	struct tm	tm;
	time_t		t;
	char		date[64];
	int		closed, lang;
	const struct mail_texts	*tx;

	t = (time_t)m->date;
	(void)gmtime_r(&t, &tm);
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (!strcmp(m->kind, "staff.password")) {
		mail_password(m, date, b);
		return;
	}
	closed = m->status != NULL && !strcmp(m->status, "closed");
	lang = mail_lang(m->locale);
	tx = &texts[lang];

	buf_init(&line);
	mail_header(b, "From", m->from);
	mail_header(b, "To", m->to);
	mail_fill(&line, tx->subject, m->request_id,
	    m->service_name, !strcmp(m->kind, "transfer") ?
	    tx->passed : mail_words(m->detailed_status, lang));
	mail_header(b, "Subject", buf_cstr(&line));
	mail_header(b, "Date", date);
	buf_reset(&line);
	buf_printf(&line, "<%s@open311d>", m->message_id);
	mail_header(b, "Message-ID", buf_cstr(&line));
	buf_reset(&line);
	buf_printf(&line, "<%s/unsubscribe?t=%s>", m->base_url, m->token);
	mail_header(b, "List-Unsubscribe", buf_cstr(&line));
	mail_header(b, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
	mail_header(b, "MIME-Version", "1.0");
	mail_header(b, "Content-Type", "text/plain; charset=utf-8");
	mail_header(b, "Content-Transfer-Encoding", "8bit");
	mail_header(b, "Auto-Submitted", "auto-generated");
	if (lang == MAIL_ES)
		mail_header(b, "Content-Language", "es");
	buf_str(b, "\r\n");

	buf_reset(&line);
	mail_fill(&line, tx->hello, m->first_name != NULL &&
	    m->first_name[0] != '\0' ? " " : "", m->first_name != NULL ?
	    m->first_name : "");
	mail_line(b, buf_cstr(&line));
	mail_line(b, "");

	buf_reset(&line);
	if (m->parent_id != NULL && m->parent_id[0] != '\0') {
		mail_fill(&line, tx->duplicate, m->request_id,
		    m->service_name, m->parent_id,
		    mail_words(m->detailed_status, lang));
	} else if (!strcmp(m->kind, "transfer")) {
		mail_fill(&line, tx->transfer, m->jurisdiction,
		    m->request_id, m->service_name, m->agency != NULL ?
		    m->agency : tx->another);
	} else {
		mail_fill(&line, tx->status,
		    m->request_id, m->service_name, m->jurisdiction,
		    mail_words(m->detailed_status, lang));
	}
	mail_line(b, buf_cstr(&line));

	if (m->note != NULL && m->note[0] != '\0') {
		mail_line(b, "");
		mail_line(b, tx->note);
		mail_line(b, m->note);
	}

	mail_line(b, "");
	buf_reset(&line);
	mail_fill(&line, tx->follow, m->base_url, m->request_id, m->token);
	mail_line(b, buf_cstr(&line));

	if (closed) {
		mail_line(b, "");
		mail_line(b, tx->notfixed);
		mail_line(b, "");
		buf_reset(&line);
		mail_fill(&line, tx->feedback, m->base_url,
		    m->request_id, m->token);
		mail_line(b, buf_cstr(&line));
	}

	mail_line(b, "");
	mail_line(b, "--");
	buf_reset(&line);
	mail_fill(&line, tx->stop, m->base_url, m->token);
	mail_line(b, buf_cstr(&line));
	buf_free(&line);
}

/* A staff member's one-time password link (kind staff.password). */
static void
mail_password(const struct fmt_mail *m, const char *date, struct buf *b)
{
	struct buf	line;

	buf_init(&line);
	mail_plain(b, m->from, m->to, "Your password link for the staff "
	    "console", date, m->message_id);

	buf_printf(&line, "Hello%s%s,", m->first_name != NULL &&
	    m->first_name[0] != '\0' ? " " : "", m->first_name != NULL ?
	    m->first_name : "");
	mail_line(b, buf_cstr(&line));
	mail_line(b, "");
	mail_line(b, "Open this link to choose the password of your staff "
	    "console account:");
	mail_line(b, "");
	buf_reset(&line);
	buf_printf(&line, "%s/console/password#token=%s", m->base_url,
	    m->token);
	mail_line(b, buf_cstr(&line));
	mail_line(b, "");
	buf_reset(&line);
	buf_printf(&line, "The link works once, for %d hours. A newer link "
	    "replaces it. If you did not expect it, ignore this e-mail.",
	    m->hours);
	mail_line(b, buf_cstr(&line));
	mail_line(b, "");
	mail_line(b, "Your e-mail address is your login name.");
	buf_free(&line);
}

/*
 * The headers of a plain-text message without list headers (a password
 * link, a mailbox destination's), then the blank line.
 */
static void
mail_plain(struct buf *b, const char *from, const char *to,
    const char *subject, const char *date, const char *message_id)
{
	struct buf	id;

	buf_init(&id);
	buf_printf(&id, "<%s@open311d>", message_id);
	mail_header(b, "From", from);
	mail_header(b, "To", to);
	mail_header(b, "Subject", subject);
	mail_header(b, "Date", date);
	mail_header(b, "Message-ID", buf_cstr(&id));
	mail_header(b, "MIME-Version", "1.0");
	mail_header(b, "Content-Type", "text/plain; charset=utf-8");
	mail_header(b, "Content-Transfer-Encoding", "8bit");
	mail_header(b, "Auto-Submitted", "auto-generated");
	buf_str(b, "\r\n");
	buf_free(&id);
}

/* "Label: value" in the body, when there is a value. */
static void
mail_field(struct buf *b, const char *label, const char *value)
{
	struct buf	line;

	if (value == NULL || value[0] == '\0')
		return;
	buf_init(&line);
	buf_printf(&line, "%s: %s", label, value);
	mail_line(b, buf_cstr(&line));
	buf_free(&line);
}

void
fmt_mail_case_message(const struct fmt_mail_case *c, struct buf *b)
{
	struct buf	line;
	struct tm	tm;
	time_t		t;
	char		date[64];

	t = (time_t)c->date;
	(void)gmtime_r(&t, &tm);
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);

	buf_init(&line);
	if (c->test)
		buf_str(&line, "Test from the Open311 gateway");
	else
		buf_printf(&line, "New request %s: %s",
		    c->request_id != NULL ? c->request_id : "",
		    c->service_name != NULL ? c->service_name : "");
	mail_plain(b, c->from, c->to, buf_cstr(&line), date, c->message_id);

	if (c->test) {
		mail_line(b, "This is a test of this mailbox as a destination "
		    "of the Open311 gateway: nothing to do.");
		buf_free(&line);
		return;
	}
	mail_line(b, "A new service request was reported.");
	mail_line(b, "");
	mail_field(b, "Request", c->request_id);
	mail_field(b, "Jurisdiction", c->jurisdiction);
	mail_field(b, "Service", c->service_name);
	mail_field(b, "Address", c->address);
	if (c->lat != NULL && c->lon != NULL) {
		buf_reset(&line);
		buf_printf(&line, "%s, %s", c->lat, c->lon);
		mail_field(b, "Location (lat, long)", buf_cstr(&line));
	}
	buf_reset(&line);
	buf_printf(&line, "%s/console/requests/%s", c->base_url,
	    c->console_id != NULL ? c->console_id : "");
	mail_field(b, "In the console", buf_cstr(&line));
	mail_line(b, "");
	mail_line(b, "Description:");
	mail_line(b, c->description != NULL && c->description[0] != '\0' ?
	    c->description : "(none)");
	mail_line(b, "");
	mail_line(b, "Reporter:");
	buf_reset(&line);
	buf_printf(&line, "%s%s%s", c->first_name != NULL ? c->first_name : "",
	    c->first_name != NULL && c->last_name != NULL ? " " : "",
	    c->last_name != NULL ? c->last_name : "");
	mail_field(b, "Name", buf_cstr(&line));
	mail_field(b, "E-mail", c->email);
	mail_field(b, "Phone", c->phone);
	if ((c->email == NULL || c->email[0] == '\0') &&
	    (c->phone == NULL || c->phone[0] == '\0'))
		mail_line(b, "(no contact given)");
	buf_free(&line);
}
