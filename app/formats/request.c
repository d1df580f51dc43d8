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
 * Service request documents (see request.h).
 */

#include "model/catalog.h"
#include "request.h"
#include "updates.h"

static void	request_one(struct fmt_doc *, const struct req_row *, int);
static void	request_extended(struct fmt_doc *, const struct req_row *);
static void	request_contact(struct fmt_doc *, const struct req_contact *);

static void
request_contact(struct fmt_doc *doc, const struct req_contact *c)
{
	fmt_doc_object(doc, "contact");
	fmt_doc_str(doc, "email", c->email);
	fmt_doc_str(doc, "phone", c->phone);
	fmt_doc_str(doc, "first_name", c->first_name);
	fmt_doc_str(doc, "last_name", c->last_name);
	fmt_doc_str(doc, "device_id", c->device_id);
	fmt_doc_str(doc, "account_id", c->account_id);
	fmt_doc_end(doc);
}

static void
request_extended(struct fmt_doc *doc, const struct req_row *r)
{
	size_t		i;

	fmt_doc_object(doc, "extended_attributes");
	fmt_doc_str(doc, "channel", r->channel);
	fmt_doc_str(doc, "detailed_status", r->detailed_status);
	fmt_doc_bool(doc, "duplicate", r->parent_id != NULL);
	fmt_doc_str(doc, "parent_service_request_id", r->parent_id);
	fmt_doc_int(doc, "duplicate_count", r->duplicate_count);
	fmt_doc_num(doc, "x", r->x[0] != '\0' ? r->x : NULL);
	fmt_doc_num(doc, "y", r->y[0] != '\0' ? r->y : NULL);
	fmt_doc_str(doc, "crs", r->x[0] != '\0' ? r->crs : NULL);
	/* Workflow state for the back office, who also sees the contact. */
	if (r->contact != NULL)
		fmt_doc_bool(doc, "escalated", r->escalated);
	fmt_doc_list(doc, "media_urls", "media_url");
	for (i = 0; i < r->nmedia; i++)
		fmt_doc_str(doc, NULL, r->media[i]);
	fmt_doc_end(doc);
	fmt_doc_end(doc);
}

static void
request_one(struct fmt_doc *doc, const struct req_row *r, int extensions)
{
	fmt_doc_object(doc, NULL);
	fmt_doc_str(doc, "service_request_id", r->id);
	fmt_doc_str(doc, "status", r->status);
	fmt_doc_str(doc, "status_notes", r->status_notes);
	fmt_doc_str(doc, "service_name", r->service_name);
	fmt_doc_str(doc, "service_code", r->service_code);
	fmt_doc_str(doc, "description", r->description);
	fmt_doc_str(doc, "agency_responsible", r->agency);
	fmt_doc_str(doc, "service_notice", r->service_notice);
	fmt_doc_str(doc, "requested_datetime", r->requested);
	fmt_doc_str(doc, "updated_datetime", r->updated);
	fmt_doc_str(doc, "expected_datetime", r->expected);
	fmt_doc_str(doc, "address", r->address);
	fmt_doc_str(doc, "address_id", r->address_id);
	fmt_doc_str(doc, "zipcode", r->zipcode);
	fmt_doc_num(doc, "lat", r->lat);
	fmt_doc_num(doc, "long", r->lon);
	fmt_doc_str(doc, "media_url", r->media_url);
	if (extensions) {
		request_extended(doc, r);
		fmt_update_notes(doc, r->notes, r->nnotes);
	}
	if (r->contact != NULL)
		request_contact(doc, r->contact);
	fmt_doc_end(doc);
}

void
fmt_request_list(struct fmt_doc *doc, const struct req_row *rows, size_t n,
    int extensions)
{
	size_t		i;

	fmt_doc_list(doc, "service_requests", "request");
	for (i = 0; i < n; i++)
		request_one(doc, &rows[i], extensions);
	fmt_doc_end(doc);
}

void
fmt_request_receipt(struct fmt_doc *doc, const struct req_receipt *r)
{
	fmt_doc_list(doc, "service_requests", "request");
	fmt_doc_object(doc, NULL);
	if (r->type == CAT_TYPE_REALTIME)
		fmt_doc_str(doc, "service_request_id", r->id);
	if (r->type == CAT_TYPE_BATCH ||
	    (r->private && r->type == CAT_TYPE_REALTIME))
		fmt_doc_str(doc, "token", r->token);
	fmt_doc_str(doc, "service_notice", r->notice);
	fmt_doc_str(doc, "account_id", r->account_id);
	fmt_doc_end(doc);
	fmt_doc_end(doc);
}

void
fmt_request_token(struct fmt_doc *doc, const char *id, const char *token)
{
	fmt_doc_list(doc, "service_requests", "request");
	fmt_doc_object(doc, NULL);
	if (id != NULL)
		fmt_doc_str(doc, "service_request_id", id);
	fmt_doc_str(doc, "token", token);
	fmt_doc_end(doc);
	fmt_doc_end(doc);
}
