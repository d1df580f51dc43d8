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
 * A service request as the formatters see it: every public field as
 * text (NULL when unknown), and the personal data only when the reader
 * may see it.
 */

#ifndef __H_MODEL_REQUEST
#define __H_MODEL_REQUEST

#include <stddef.h>

#include "update.h"

struct req_contact {
	const char	*email;
	const char	*phone;
	const char	*first_name;
	const char	*last_name;
	const char	*device_id;
	const char	*account_id;
};

struct req_row {
	const char		*id;
	const char		*status;
	const char		*status_notes;
	const char		*service_name;
	const char		*service_code;
	const char		*description;
	const char		*agency;
	const char		*service_notice;
	const char		*requested;
	const char		*updated;
	const char		*expected;
	const char		*closed;
	const char		*address;
	const char		*address_id;
	const char		*zipcode;
	const char		*lat;
	const char		*lon;
	const char		*media_url;	/* first photo or link */
	const char		*detailed_status;
	const char		*parent_id;
	const char		*jurisdiction_id;
	const char		*channel;
	int			duplicate_count;
	int			escalated;	/* a reporter reopened it */
	char			**media;	/* every photo and link */
	size_t			nmedia;
	char			x[24];		/* local CRS, "" if unknown */
	char			y[24];
	const char		*crs;
	const struct req_contact	*contact;
	const struct upd_row	*notes;		/* public history */
	size_t			nnotes;
};

/* What a POST /requests answers. */
struct req_receipt {
	int		type;		/* CAT_TYPE_* of the service */
	const char	*id;
	const char	*token;
	const char	*notice;
	const char	*account_id;
	int		private;	/* a private service: token too */
};

#endif
