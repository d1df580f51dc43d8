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
 * Request rows from the database (see requests.h).
 */

#include <stdlib.h>
#include <string.h>

#include "formats/params.h"
#include "requests.h"

/*
 * The request fields of a request_public row (sql/ statements that
 * select p.*), found by name: see requests_columns().
 */
enum req_col {
	RC_ID,
	RC_STATUS,
	RC_STATUS_NOTES,
	RC_SERVICE_NAME,
	RC_SERVICE_CODE,
	RC_DESCRIPTION,
	RC_AGENCY,
	RC_SERVICE_NOTICE,
	RC_REQUESTED,
	RC_UPDATED,
	RC_EXPECTED,
	RC_ADDRESS,
	RC_ADDRESS_ID,
	RC_ZIPCODE,
	RC_LAT,
	RC_LONG,
	RC_MEDIA_IDS,
	RC_MEDIA_URLS,
	RC_DETAILED_STATUS,
	RC_CLOSED,
	RC_JURISDICTION_ID,
	RC_CHANNEL,
	RC_PARENT_ID,
	RC_DUPLICATE_COUNT,
	RC_ESCALATED,
	REQ_COLS
};

static const int	*requests_columns(const struct store_q *);
static const char	*requests_text(const struct store_q *, int, int);
static void		requests_array(const struct store_q *, int, int,
			    const char *, char ***, size_t *);

static const char *
requests_text(const struct store_q *q, int r, int c)
{
	if (c < 0 || store_isnull(q, r, c))
		return (NULL);
	return (store_val(q, r, c));
}

/*
 * Appends the elements of a PostgreSQL text array (c of row r), each
 * prefixed with prefix, to list (kore_malloc'd strings).
 */
static void
requests_array(const struct store_q *q, int r, int c, const char *prefix,
    char ***list, size_t *n)
{
	struct buf	item, b;
	const char	*s;

	if (c < 0 || store_isnull(q, r, c))
		return;
	s = store_val(q, r, c);
	buf_init(&item);
	buf_init(&b);
	while (params_pg_array_next(&s, &item) == 1) {
		buf_reset(&b);
		buf_str(&b, prefix);
		buf_add(&b, item.data, item.len);
		*list = kore_realloc(*list, (*n + 1) * sizeof(char *));
		(*list)[(*n)++] = kore_strdup(buf_cstr(&b));
	}
	buf_free(&item);
	buf_free(&b);
}

/*
 * The column numbers of the request fields in results of statement id:
 * looked up by name once per statement (a statement's columns never
 * change while the binary runs), not for every result.
 */
static const int *
requests_columns(const struct store_q *q)
{
	static int	cols[SQL__COUNT][REQ_COLS];
	static char	known[SQL__COUNT];
	static const char *const names[REQ_COLS] = {
		[RC_ID] = "service_request_id",
		[RC_STATUS] = "status",
		[RC_STATUS_NOTES] = "status_notes",
		[RC_SERVICE_NAME] = "service_name",
		[RC_SERVICE_CODE] = "service_code",
		[RC_DESCRIPTION] = "description",
		[RC_AGENCY] = "agency",
		[RC_SERVICE_NOTICE] = "service_notice",
		[RC_REQUESTED] = "requested_datetime",
		[RC_UPDATED] = "updated_datetime",
		[RC_EXPECTED] = "expected_datetime",
		[RC_ADDRESS] = "address",
		[RC_ADDRESS_ID] = "address_id",
		[RC_ZIPCODE] = "zipcode",
		[RC_LAT] = "lat",
		[RC_LONG] = "long",
		[RC_MEDIA_IDS] = "media_ids",
		[RC_MEDIA_URLS] = "media_urls",
		[RC_DETAILED_STATUS] = "detailed_status",
		[RC_CLOSED] = "closed_datetime",
		[RC_JURISDICTION_ID] = "jurisdiction_id",
		[RC_CHANNEL] = "channel",
		[RC_PARENT_ID] = "parent_service_request_id",
		[RC_DUPLICATE_COUNT] = "duplicate_count",
		[RC_ESCALATED] = "escalated",
	};
	int		i;

	if (!known[q->id]) {
		for (i = 0; i < REQ_COLS; i++)
			cols[q->id][i] = store_col(q, names[i]);
		known[q->id] = 1;
	}
	return (cols[q->id]);
}

size_t
store_request_rows(const struct store_q *q, const char *base,
    struct req_row **out)
{
	struct req_row	*rows, *r;
	char		prefix[512];
	const int	*c;
	int		i, n;

	n = store_rows(q);
	*out = NULL;
	if (n == 0)
		return (0);

	c = requests_columns(q);
	(void)snprintf(prefix, sizeof(prefix), "%s/media/", base);

	rows = kore_calloc((size_t)n, sizeof(*rows));
	for (i = 0; i < n; i++) {
		r = &rows[i];
		r->id = requests_text(q, i, c[RC_ID]);
		r->status = requests_text(q, i, c[RC_STATUS]);
		r->status_notes = requests_text(q, i, c[RC_STATUS_NOTES]);
		r->service_name = requests_text(q, i, c[RC_SERVICE_NAME]);
		r->service_code = requests_text(q, i, c[RC_SERVICE_CODE]);
		r->description = requests_text(q, i, c[RC_DESCRIPTION]);
		r->agency = requests_text(q, i, c[RC_AGENCY]);
		r->service_notice = requests_text(q, i, c[RC_SERVICE_NOTICE]);
		r->requested = requests_text(q, i, c[RC_REQUESTED]);
		r->updated = requests_text(q, i, c[RC_UPDATED]);
		r->expected = requests_text(q, i, c[RC_EXPECTED]);
		r->address = requests_text(q, i, c[RC_ADDRESS]);
		r->address_id = requests_text(q, i, c[RC_ADDRESS_ID]);
		r->zipcode = requests_text(q, i, c[RC_ZIPCODE]);
		r->lat = requests_text(q, i, c[RC_LAT]);
		r->lon = requests_text(q, i, c[RC_LONG]);
		r->detailed_status = requests_text(q, i, c[RC_DETAILED_STATUS]);
		r->closed = requests_text(q, i, c[RC_CLOSED]);
		r->jurisdiction_id = requests_text(q, i, c[RC_JURISDICTION_ID]);
		r->channel = requests_text(q, i, c[RC_CHANNEL]);
		r->parent_id = requests_text(q, i, c[RC_PARENT_ID]);
		r->duplicate_count = c[RC_DUPLICATE_COUNT] < 0 ? 0 :
		    atoi(store_val(q, i, c[RC_DUPLICATE_COUNT]));
		r->escalated = c[RC_ESCALATED] >= 0 &&
		    store_val(q, i, c[RC_ESCALATED])[0] == 't';

		/* Uploaded photos come first, then links given. */
		requests_array(q, i, c[RC_MEDIA_IDS], prefix, &r->media,
		    &r->nmedia);
		requests_array(q, i, c[RC_MEDIA_URLS], "", &r->media,
		    &r->nmedia);
		r->media_url = r->nmedia > 0 ? r->media[0] : NULL;
	}

	*out = rows;
	return ((size_t)n);
}

void
store_request_rows_free(struct req_row *rows, size_t n)
{
	size_t		i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < rows[i].nmedia; j++)
			kore_free(rows[i].media[j]);
		kore_free(rows[i].media);
	}
	kore_free(rows);
}

void
store_request_contacts(const struct store_q *q, struct req_row *rows,
    size_t n, struct req_contact *contacts)
{
	struct req_contact	*c;
	size_t			i;
	int			r;

	for (r = 0; r < store_rows(q); r++) {
		for (i = 0; i < n; i++) {
			if (rows[i].id == NULL ||
			    strcmp(rows[i].id, store_val(q, r,
			    COL_REQUEST_CONTACTS_REQUEST_ID)))
				continue;
			c = &contacts[i];
			c->email = requests_text(q, r,
			    COL_REQUEST_CONTACTS_EMAIL);
			c->phone = requests_text(q, r,
			    COL_REQUEST_CONTACTS_PHONE);
			c->first_name = requests_text(q, r,
			    COL_REQUEST_CONTACTS_FIRST_NAME);
			c->last_name = requests_text(q, r,
			    COL_REQUEST_CONTACTS_LAST_NAME);
			c->device_id = requests_text(q, r,
			    COL_REQUEST_CONTACTS_DEVICE_ID);
			c->account_id = requests_text(q, r,
			    COL_REQUEST_CONTACTS_ACCOUNT_ID);
			rows[i].contact = c;
		}
	}
}
