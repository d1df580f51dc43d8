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
 * Service request updates on the wire, in the mySociety "Open311
 * extended" shape FixMyStreet speaks: the extended statuses, the update
 * list and the answer to a posted update; and the Chicago-style notes[]
 * of a request. Pure code.
 */

#ifndef __H_FMT_UPDATES
#define __H_FMT_UPDATES

#include <stddef.h>

#include "doc.h"
#include "model/update.h"

#define FMT_STATUS_LEN	32

/*
 * Normalises an extended status (OPEN, FIXED, IN_PROGRESS, "in progress",
 * ... in any case) to its lower-case form with underscores in out.
 * Returns 0, or -1 for a status outside the list.
 */
int	fmt_update_status(const char *, char *);

/* The accepted statuses, upper case, comma-separated (for messages). */
extern const char	*fmt_update_statuses;

/* Writes a service_request_updates list of n updates. */
void	fmt_update_list(struct fmt_doc *, const struct upd_row *, size_t);

/* Writes the answer to a posted update: its update_id. */
void	fmt_update_receipt(struct fmt_doc *, const char *);

/* Writes a notes list (inside a request) of n history entries. */
void	fmt_update_notes(struct fmt_doc *, const struct upd_row *, size_t);

#endif
