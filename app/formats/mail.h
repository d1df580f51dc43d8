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
 * The e-mails reporters get about their requests, as RFC 5322 messages
 * (UTF-8 plain text) with unsubscribe and feedback links, and the one
 * that brings a staff member a one-time password link. Pure code.
 */

#ifndef __H_FMT_MAIL
#define __H_FMT_MAIL

#include "lib/buf.h"

struct fmt_mail {
	const char	*from;		/* "City 311 <noreply@city.example>" */
	const char	*to;
	const char	*kind;		/* status, transfer, reopen;
					   staff.password: a password link */
	const char	*first_name;	/* staff.password: the name */
	const char	*request_id;
	const char	*parent_id;	/* when it is a duplicate */
	const char	*service_name;
	const char	*jurisdiction;
	const char	*status;	/* open or closed */
	const char	*detailed_status;
	const char	*agency;
	const char	*note;
	const char	*base_url;	/* for the links */
	const char	*token;		/* reporter's, or link's */
	int		hours;		/* staff.password: validity */
	const char	*message_id;	/* unique, stable across retries */
	long long	date;		/* seconds since the epoch */
	const char	*locale;	/* "es", "es-MX": Spanish; else English */
};

/*
 * Writes the message (headers and body, CRLF line ends) to out. Header
 * values are kept on one line whatever the data holds. Kind
 * staff.password needs only from, to, first_name, base_url, token,
 * hours, message_id and date: the link base_url/console/password#token=
 * token and how long it is valid.
 */
void	fmt_mail_message(const struct fmt_mail *, struct buf *);

/*
 * A new request for a back office that works by mailbox (a destination
 * of kind mailto), or (test set) a test of that destination.
 */
struct fmt_mail_case {
	const char	*from;
	const char	*to;		/* the destination's address */
	int		test;		/* a test: only from, to, ids, date */
	const char	*request_id;	/* service_request_id */
	const char	*console_id;	/* the console's id: its link */
	const char	*jurisdiction;
	const char	*service_name;
	const char	*description;
	const char	*address;
	const char	*lat;
	const char	*lon;
	const char	*first_name;	/* the reporter's contact */
	const char	*last_name;
	const char	*email;
	const char	*phone;
	const char	*base_url;
	const char	*message_id;
	long long	date;
};

/*
 * Writes the plain-text message of c to out (CRLF line ends): what was
 * reported where, a link to the console's page of the request and the
 * reporter's contact. Every header value is kept on one line whatever
 * the data holds; body lines starting with "." are escaped.
 */
void	fmt_mail_case_message(const struct fmt_mail_case *, struct buf *);

/* The bare address of "Name <addr>" (or of "addr"), at most len bytes. */
void	fmt_mail_address(const char *, char *, size_t);

#endif
