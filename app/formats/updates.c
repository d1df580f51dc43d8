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
 * Update documents and extended statuses (see updates.h).
 */

#include <ctype.h>
#include <string.h>

#include "updates.h"

static const char	*statuses[] = {
	"open", "closed", "fixed", "in_progress", "action_scheduled",
	"planned", "investigating", "duplicate",
	"not_councils_responsibility", "no_further_action",
	"internal_referral", "cancelled", "reopen", "for_triage",
	"unchanged", NULL
};

const char	*fmt_update_statuses = "OPEN, CLOSED, FIXED, IN_PROGRESS, "
		    "ACTION_SCHEDULED, PLANNED, INVESTIGATING, DUPLICATE, "
		    "NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, "
		    "INTERNAL_REFERRAL, CANCELLED, REOPEN, FOR_TRIAGE, "
		    "UNCHANGED";

int
fmt_update_status(const char *in, char *out)
{
	size_t		i;

	for (i = 0; in[i] != '\0'; i++) {
		if (i + 1 >= FMT_STATUS_LEN)
			return (-1);
		out[i] = in[i] == ' ' || in[i] == '-' ? '_' :
		    (char)tolower((unsigned char)in[i]);
	}
	out[i] = '\0';

	for (i = 0; statuses[i] != NULL; i++) {
		if (!strcmp(statuses[i], out))
			return (0);
	}
	return (-1);
}

void
fmt_update_list(struct fmt_doc *doc, const struct upd_row *rows, size_t n)
{
	size_t		i;

	fmt_doc_list(doc, "service_request_updates", "request_update");
	for (i = 0; i < n; i++) {
		fmt_doc_object(doc, NULL);
		fmt_doc_str(doc, "update_id", rows[i].update_id);
		fmt_doc_str(doc, "service_request_id", rows[i].request_id);
		fmt_doc_str(doc, "status", rows[i].status);
		fmt_doc_str(doc, "updated_datetime", rows[i].updated);
		fmt_doc_str(doc, "description", rows[i].description != NULL ?
		    rows[i].description : "");
		fmt_doc_str(doc, "media_url", rows[i].media_url != NULL ?
		    rows[i].media_url : "");
		fmt_doc_str(doc, "external_status_code",
		    rows[i].external_status_code);
		fmt_doc_end(doc);
	}
	fmt_doc_end(doc);
}

void
fmt_update_receipt(struct fmt_doc *doc, const char *update_id)
{
	fmt_doc_list(doc, "service_request_updates", "request_update");
	fmt_doc_object(doc, NULL);
	fmt_doc_str(doc, "update_id", update_id);
	fmt_doc_end(doc);
	fmt_doc_end(doc);
}

void
fmt_update_notes(struct fmt_doc *doc, const struct upd_row *rows, size_t n)
{
	size_t		i;

	fmt_doc_list(doc, "notes", "note");
	for (i = 0; i < n; i++) {
		fmt_doc_object(doc, NULL);
		fmt_doc_str(doc, "datetime", rows[i].updated);
		fmt_doc_str(doc, "type", rows[i].kind);
		fmt_doc_str(doc, "summary", rows[i].status);
		fmt_doc_str(doc, "description", rows[i].description);
		fmt_doc_end(doc);
	}
	fmt_doc_end(doc);
}
