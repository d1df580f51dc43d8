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
 * Outbound connections under the settings' policy (see curl.h).
 */

#include <string.h>

#include <curl/curl.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/curl.h>

#include "app.h"
#include "curl.h"

int
outbound_curl_init(struct kore_curl *c, const char *url)
{
	const struct cfg	*cfg;

	cfg = app_config();
	if (cfg_outbound_check(cfg, url, c->errbuf, sizeof(c->errbuf)) == -1)
		return (KORE_RESULT_ERROR);
	if (!kore_curl_init(c, url, KORE_CURL_ASYNC))
		return (KORE_RESULT_ERROR);
	if (cfg->outbound_ca_file[0] != '\0') {
		curl_easy_setopt(c->handle, CURLOPT_CAINFO,
		    cfg->outbound_ca_file);
		curl_easy_setopt(c->handle, CURLOPT_CAPATH, NULL);
	}
	if (!strncmp(url, "smtp://", 7) &&
	    cfg->smtp_starttls != CFG_STARTTLS_NO) {
		curl_easy_setopt(c->handle, CURLOPT_USE_SSL,
		    cfg->smtp_starttls == CFG_STARTTLS_YES ?
		    CURLUSESSL_ALL : CURLUSESSL_TRY);
	}
	return (KORE_RESULT_OK);
}
