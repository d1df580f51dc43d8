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
 * Gateway mode's pull: one worker polls each upstream Open311 server for
 * the requests it forwarded there (GET /requests.json by the upstream's
 * ids, GET /tokens/{token}.json for those still known by token) and
 * records every change of status as an update of the request here, with
 * an update id made of the upstream's id and time, so a change is
 * applied once however often it is seen. Work runs one step at a time.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/curl.h>

#include "app.h"
#include "curl.h"
#include "formats/date.h"
#include "formats/form.h"
#include "poll.h"
#include "store/db.h"

#define PULL_ROWS	200
#define PULL_BATCH	50

struct pull_row {
	char		*dest;
	char		*url;
	char		*secret;
	char		*upjur;
	char		*request;
	char		*upstream;
	char		*status;
	char		*seen;		/* the upstream's state last seen */
};

struct pull_sql {
	enum sql_id		id;
	int			n;
	char			*v[14];
	TAILQ_ENTRY(pull_sql)	link;
};

static void	pull_tick(void *, u_int64_t);
static char	*pull_text(struct store_q *, int, int);
static void	pull_listed(struct store_q *, void *);
static void	pull_next(void);
static void	pull_fetch(size_t);
static void	pull_fetched(struct kore_curl *, void *);
static void	pull_compare(json_t *);
static void	pull_sql_add(enum sql_id, int, const char **);
static void	pull_sql_done(struct store_q *, void *);
static void	pull_clear(void);

static struct store_q		q;
static struct kore_curl		curl;
static int			busy = 0;
static struct pull_row		*rows = NULL;
static size_t			nrows = 0;
static size_t			cursor = 0;
static size_t			batch_end = 0;
static char			after_dest[24] = "0";
static char			after_req[24] = "0";
static TAILQ_HEAD(, pull_sql)	sqls = TAILQ_HEAD_INITIALIZER(sqls);

void
outbound_poll_start(void)
{
	(void)kore_timer_add(pull_tick,
	    (u_int64_t)app_config()->upstream_poll_ms, NULL, 0);
}

static void
pull_tick(void *arg, u_int64_t now)
{
	const char	*v[3];
	char		limit[16];

	(void)arg;
	(void)now;
	if (busy)
		return;
	busy = 1;
	(void)snprintf(limit, sizeof(limit), "%d", PULL_ROWS);
	v[0] = limit;
	v[1] = after_dest;
	v[2] = after_req;
	store_start_cb(&q, SQL_upstream_pending, 3, v, pull_listed, NULL);
}

/* A copy of column c of row i, or NULL for SQL NULL. */
static char *
pull_text(struct store_q *res, int i, int c)
{
	if (store_isnull(res, i, c))
		return (NULL);
	return (kore_strdup(store_val(res, i, c)));
}

static void
pull_listed(struct store_q *res, void *arg)
{
	struct pull_row	*r;
	int		i;

	(void)arg;
	nrows = (size_t)store_rows(res);
	rows = nrows ? kore_calloc(nrows, sizeof(*rows)) : NULL;
	for (i = 0; i < (int)nrows; i++) {
		r = &rows[i];
		r->dest = pull_text(res, i, COL_UPSTREAM_PENDING_DEST);
		r->url = pull_text(res, i, COL_UPSTREAM_PENDING_URL);
		r->secret = pull_text(res, i, COL_UPSTREAM_PENDING_SECRET);
		r->upjur = pull_text(res, i, COL_UPSTREAM_PENDING_UPJUR);
		r->request = pull_text(res, i, COL_UPSTREAM_PENDING_REQUEST);
		r->upstream = pull_text(res, i,
		    COL_UPSTREAM_PENDING_UPSTREAM_ID);
		r->status = pull_text(res, i, COL_UPSTREAM_PENDING_STATUS);
		r->seen = pull_text(res, i, COL_UPSTREAM_PENDING_SEEN);
	}
	/* The next tick goes on from here, or starts over. */
	if (nrows < PULL_ROWS) {
		(void)snprintf(after_dest, sizeof(after_dest), "0");
		(void)snprintf(after_req, sizeof(after_req), "0");
	} else {
		(void)snprintf(after_dest, sizeof(after_dest), "%s",
		    rows[nrows - 1].dest);
		(void)snprintf(after_req, sizeof(after_req), "%s",
		    rows[nrows - 1].request);
	}
	store_reset(res);
	cursor = 0;
	pull_next();
}

/* The next step: queued SQL first, then the next upstream fetch. */
static void
pull_next(void)
{
	struct pull_sql	*s;

	if ((s = TAILQ_FIRST(&sqls)) != NULL) {
		store_start_cb(&q, s->id, s->n, (const char **)(uintptr_t)s->v,
		    pull_sql_done, s);
		return;
	}

	if (cursor >= nrows) {
		pull_clear();
		busy = 0;
		return;
	}

	pull_fetch(cursor);
}

/*
 * One GET: a token alone, or up to PULL_BATCH ids of one destination in
 * a service_request_id list.
 */
static void
pull_fetch(size_t first)
{
	struct buf	url, ids, qs;
	struct pull_row	*r;
	size_t		i;

	r = &rows[first];
	buf_init(&url);
	if (!strncmp(r->upstream, "token:", 6)) {
		buf_printf(&url, "%s/tokens/%s.json", r->url,
		    r->upstream + 6);
		batch_end = first + 1;
	} else {
		buf_init(&ids);
		for (i = first; i < nrows && i < first + PULL_BATCH &&
		    !strcmp(rows[i].dest, r->dest) &&
		    strncmp(rows[i].upstream, "token:", 6); i++)
			;
		batch_end = i;
		buf_printf(&url, "%s/requests.json?", r->url);
		for (i = first; i < batch_end; i++) {
			if (i > first)
				buf_byte(&ids, ',');
			buf_str(&ids, rows[i].upstream);
		}
		buf_init(&qs);
		fmt_form_encode(&qs, "service_request_id", buf_cstr(&ids));
		if (r->upjur != NULL)
			fmt_form_encode(&qs, "jurisdiction_id", r->upjur);
		buf_str(&url, buf_cstr(&qs));
		buf_free(&qs);
		buf_free(&ids);
	}

	if (!outbound_curl_init(&curl, buf_cstr(&url))) {
		buf_free(&url);
		cursor = batch_end;
		pull_next();
		return;
	}
	buf_free(&url);
	kore_curl_http_setup(&curl, HTTP_METHOD_GET, NULL, 0);
	kore_curl_bind_callback(&curl, pull_fetched, NULL);
	kore_curl_run(&curl);
}

static void
pull_fetched(struct kore_curl *c, void *arg)
{
	const char	*v[2];
	json_t		*root, *first;
	const char	*id;
	char		*body;
	struct pull_row	*r;

	(void)arg;
	r = &rows[cursor];
	root = NULL;
	if (kore_curl_success(c) && c->http.status == 200) {
		body = kore_curl_response_as_string(c);
		root = json_loads(body, 0, NULL);
	} else {
		kore_log(LOG_NOTICE, "upstream %s: %s (HTTP %ld)", r->url,
		    kore_curl_strerror(c), c->http.status);
	}
	kore_curl_cleanup(c);

	if (root != NULL && !strncmp(r->upstream, "token:", 6)) {
		first = json_array_get(root, 0);
		id = json_string_value(json_object_get(first,
		    "service_request_id"));
		if (id != NULL && id[0] != '\0') {
			v[0] = r->request;
			v[1] = id;
			pull_sql_add(SQL_upstream_resolve, 2, v);
		}
	} else if (root != NULL) {
		pull_compare(root);
	}

	json_decref(root);
	cursor = batch_end;
	pull_next();
}

/*
 * Each upstream request whose state (status, time, notes) moved since it
 * was last seen becomes an update here. The comparison is with what the
 * upstream said before, never with the local request, so what is known
 * only here (a duplicate's link, a staff note) is not overwritten by an
 * upstream that never changed. On first sight the state is only
 * recorded, unless the status already differs.
 */
static void
pull_compare(json_t *list)
{
	const char	*v[14], *upid, *status, *notes, *when;
	char		update_id[512], secs[24];
	struct pull_row	*r;
	struct buf	state;
	json_t		*item;
	long long	t;
	size_t		i, j;

	buf_init(&state);
	json_array_foreach(list, i, item) {
		upid = json_string_value(json_object_get(item,
		    "service_request_id"));
		status = json_string_value(json_object_get(item, "status"));
		notes = json_string_value(json_object_get(item,
		    "status_notes"));
		when = json_string_value(json_object_get(item,
		    "updated_datetime"));
		if (upid == NULL || status == NULL || (strcmp(status, "open") &&
		    strcmp(status, "closed")))
			continue;
		if (notes != NULL && notes[0] == '\0')
			notes = NULL;
		buf_reset(&state);
		buf_printf(&state, "%s|%s|%s", status, when ? when : "",
		    notes ? notes : "");

		for (j = cursor; j < batch_end; j++) {
			r = &rows[j];
			if (strcmp(r->upstream, upid))
				continue;
			if (r->seen != NULL &&
			    !strcmp(r->seen, buf_cstr(&state)))
				break;
			v[0] = r->request;
			v[1] = buf_cstr(&state);
			pull_sql_add(SQL_upstream_seen, 2, v);
			if (r->seen == NULL && !strcmp(r->status, status))
				break;

			if (when == NULL ||
			    fmt_date_parse(when, &t, NULL) == -1)
				t = (long long)time(NULL);
			(void)snprintf(secs, sizeof(secs), "%lld", t);
			(void)snprintf(update_id, sizeof(update_id),
			    "upstream:%s:%s:%s:%s", r->dest, upid,
			    when != NULL ? when : "", status);
			v[0] = r->request;
			v[1] = NULL;
			v[2] = update_id;
			v[3] = status;
			v[4] = NULL;
			v[5] = notes;
			v[6] = "{}";
			v[7] = secs;
			v[8] = "true";
			v[9] = "false";
			v[10] = NULL;
			v[11] = notes;
			v[12] = NULL;
			v[13] = NULL;
			pull_sql_add(SQL_update_apply, 14, v);
			break;
		}
	}
	buf_free(&state);
}

static void
pull_sql_add(enum sql_id id, int n, const char **v)
{
	struct pull_sql	*s;
	int		i;

	s = kore_calloc(1, sizeof(*s));
	s->id = id;
	s->n = n;
	for (i = 0; i < n; i++)
		s->v[i] = v[i] != NULL ? kore_strdup(v[i]) : NULL;
	TAILQ_INSERT_TAIL(&sqls, s, link);
}

static void
pull_sql_done(struct store_q *res, void *arg)
{
	struct pull_sql	*s;
	int		i;

	s = arg;
	if (res->res == NULL)
		kore_log(LOG_WARNING, "upstream update failed: %s", res->error);
	store_reset(res);
	TAILQ_REMOVE(&sqls, s, link);
	for (i = 0; i < s->n; i++)
		kore_free(s->v[i]);
	kore_free(s);
	pull_next();
}

static void
pull_clear(void)
{
	size_t		i;

	for (i = 0; i < nrows; i++) {
		kore_free(rows[i].dest);
		kore_free(rows[i].url);
		kore_free(rows[i].secret);
		kore_free(rows[i].upjur);
		kore_free(rows[i].request);
		kore_free(rows[i].upstream);
		kore_free(rows[i].status);
		kore_free(rows[i].seen);
	}
	kore_free(rows);
	rows = NULL;
	nrows = 0;
}
