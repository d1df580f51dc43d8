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
static const char	*mail_words(const char *);
static void	mail_password(const struct fmt_mail *, const char *,
		    struct buf *);

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

/* fixed -> "fixed"; not_councils_responsibility -> readable words. */
static const char *
mail_words(const char *status)
{
	static const struct {
		const char	*code;
		const char	*words;
	} map[] = {
		{ "open", "open" }, { "closed", "closed" },
		{ "fixed", "fixed" }, { "in_progress", "in progress" },
		{ "action_scheduled", "scheduled" },
		{ "planned", "planned" },
		{ "investigating", "being investigated" },
		{ "duplicate", "closed as a duplicate" },
		{ "not_councils_responsibility",
		    "passed on: not this jurisdiction's responsibility" },
		{ "no_further_action", "closed with no further action" },
		{ "internal_referral", "referred internally" },
		{ "cancelled", "cancelled" }, { "reopen", "reopened" },
		{ "for_triage", "waiting for triage" },
		{ NULL, NULL }
	};
	int	i;

	for (i = 0; status != NULL && map[i].code != NULL; i++) {
		if (!strcmp(map[i].code, status))
			return (map[i].words);
	}
	return (status != NULL ? status : "updated");
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
	int		closed;

	t = (time_t)m->date;
	(void)gmtime_r(&t, &tm);
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (!strcmp(m->kind, "staff.password")) {
		mail_password(m, date, b);
		return;
	}
	closed = m->status != NULL && !strcmp(m->status, "closed");

	buf_init(&line);
	mail_header(b, "From", m->from);
	mail_header(b, "To", m->to);
	buf_printf(&line, "Your report %s (%s): %s", m->request_id,
	    m->service_name, !strcmp(m->kind, "transfer") ?
	    "passed to another team" : mail_words(m->detailed_status));
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
	buf_str(b, "\r\n");

	buf_reset(&line);
	buf_printf(&line, "Hello%s%s,", m->first_name != NULL &&
	    m->first_name[0] != '\0' ? " " : "", m->first_name != NULL ?
	    m->first_name : "");
	mail_line(b, buf_cstr(&line));
	mail_line(b, "");

	buf_reset(&line);
	if (m->parent_id != NULL && m->parent_id[0] != '\0') {
		buf_printf(&line, "Your report %s (%s) was the same "
		    "problem as report %s, which is now %s.", m->request_id,
		    m->service_name, m->parent_id,
		    mail_words(m->detailed_status));
	} else if (!strcmp(m->kind, "transfer")) {
		buf_printf(&line, "%s passed your report %s (%s) to %s, "
		    "who will handle it from now on.", m->jurisdiction,
		    m->request_id, m->service_name, m->agency != NULL ?
		    m->agency : "another team");
	} else {
		buf_printf(&line, "Your report %s (%s) to %s is now %s.",
		    m->request_id, m->service_name, m->jurisdiction,
		    mail_words(m->detailed_status));
	}
	mail_line(b, buf_cstr(&line));

	if (m->note != NULL && m->note[0] != '\0') {
		mail_line(b, "");
		mail_line(b, "Note from the team:");
		mail_line(b, m->note);
	}

	mail_line(b, "");
	buf_reset(&line);
	buf_printf(&line, "Follow it at %s/requests/%s?t=%s",
	    m->base_url, m->request_id, m->token);
	mail_line(b, buf_cstr(&line));

	if (closed) {
		mail_line(b, "");
		mail_line(b, "Not fixed? Say so on that page and the report "
		    "opens again.");
		mail_line(b, "");
		buf_reset(&line);
		buf_printf(&line, "How did we do? Tell us in a minute: "
		    "%s/requests/%s/feedback?t=%s", m->base_url,
		    m->request_id, m->token);
		mail_line(b, buf_cstr(&line));
	}

	mail_line(b, "");
	mail_line(b, "--");
	buf_reset(&line);
	buf_printf(&line, "To stop e-mails about this report: "
	    "%s/unsubscribe?t=%s", m->base_url, m->token);
	mail_line(b, buf_cstr(&line));
	buf_free(&line);
}

/* A staff member's one-time password link (kind staff.password). */
static void
mail_password(const struct fmt_mail *m, const char *date, struct buf *b)
{
	struct buf	line;

	buf_init(&line);
	mail_header(b, "From", m->from);
	mail_header(b, "To", m->to);
	mail_header(b, "Subject", "Your password link for the staff console");
	mail_header(b, "Date", date);
	buf_printf(&line, "<%s@open311d>", m->message_id);
	mail_header(b, "Message-ID", buf_cstr(&line));
	mail_header(b, "MIME-Version", "1.0");
	mail_header(b, "Content-Type", "text/plain; charset=utf-8");
	mail_header(b, "Content-Transfer-Encoding", "8bit");
	mail_header(b, "Auto-Submitted", "auto-generated");
	buf_str(b, "\r\n");

	buf_reset(&line);
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
