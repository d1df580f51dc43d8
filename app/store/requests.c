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

#define REQ_COLS	25

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
		"service_request_id", "status", "status_notes",
		"service_name", "service_code", "description", "agency",
		"service_notice", "requested_datetime", "updated_datetime",
		"expected_datetime", "address", "address_id", "zipcode", "lat",
		"long", "media_ids", "media_urls", "detailed_status",
		"closed_datetime", "jurisdiction_id", "channel",
		"parent_service_request_id", "duplicate_count", "escalated"
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
		r->id = requests_text(q, i, c[0]);
		r->status = requests_text(q, i, c[1]);
		r->status_notes = requests_text(q, i, c[2]);
		r->service_name = requests_text(q, i, c[3]);
		r->service_code = requests_text(q, i, c[4]);
		r->description = requests_text(q, i, c[5]);
		r->agency = requests_text(q, i, c[6]);
		r->service_notice = requests_text(q, i, c[7]);
		r->requested = requests_text(q, i, c[8]);
		r->updated = requests_text(q, i, c[9]);
		r->expected = requests_text(q, i, c[10]);
		r->address = requests_text(q, i, c[11]);
		r->address_id = requests_text(q, i, c[12]);
		r->zipcode = requests_text(q, i, c[13]);
		r->lat = requests_text(q, i, c[14]);
		r->lon = requests_text(q, i, c[15]);
		r->detailed_status = requests_text(q, i, c[18]);
		r->closed = requests_text(q, i, c[19]);
		r->jurisdiction_id = requests_text(q, i, c[20]);
		r->channel = requests_text(q, i, c[21]);
		r->parent_id = requests_text(q, i, c[22]);
		r->duplicate_count = c[23] < 0 ? 0 :
		    atoi(store_val(q, i, c[23]));
		r->escalated = c[24] >= 0 && store_val(q, i, c[24])[0] == 't';

		/* Uploaded photos come first, then links given. */
		requests_array(q, i, c[16], prefix, &r->media, &r->nmedia);
		requests_array(q, i, c[17], "", &r->media, &r->nmedia);
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
			    strcmp(rows[i].id, store_val(q, r, 0)))
				continue;
			c = &contacts[i];
			c->email = requests_text(q, r, 1);
			c->phone = requests_text(q, r, 2);
			c->first_name = requests_text(q, r, 3);
			c->last_name = requests_text(q, r, 4);
			c->device_id = requests_text(q, r, 5);
			c->account_id = requests_text(q, r, 6);
			rows[i].contact = c;
		}
	}
}
