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
 * The embedded database `make run` starts (app/tools/pg.sh) when no
 * DATABASE_URL is given: its directory holds "url", the application
 * role's URL with PORT in place of the port, and "port". The tools take
 * it when neither the environment nor the settings file names a
 * database, so they work right after `make run`. Pure but for reading
 * the two files: no Kore, no database.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "lib/mem.h"

/* pg.sh's port when its port file is missing. */
#define EMBEDDED_PORT	"54329"

static int	embedded_file(const char *, const char *, char *, size_t,
		    char *, size_t);

int
cli_embedded_url(const char *tmpl, const char *port, char *out,
    size_t outlen)
{
	const char	*at;
	size_t		len, plen;
	long		n;
	char		*end;

	if (port == NULL)
		port = EMBEDDED_PORT;
	plen = strcspn(port, "\r\n");
	errno = 0;
	n = strtol(port, &end, 10);
	if (plen == 0 || port[0] < '0' || port[0] > '9' ||
	    (size_t)(end - port) != plen || errno != 0 || n < 1 || n > 65535)
		return (-1);

	if ((len = strcspn(tmpl, "\r\n")) == 0)
		return (-1);
	for (at = tmpl; at < tmpl + len; at++) {
		if ((unsigned char)*at <= ' ' || *at == 0x7f)
			return (-1);
	}

	if ((at = strstr(tmpl, "PORT")) == NULL || at >= tmpl + len) {
		if (len >= outlen)
			return (-1);
		memcpy(out, tmpl, len);
		out[len] = '\0';
		return (0);
	}
	if (len - 4 + plen >= outlen)
		return (-1);
	(void)snprintf(out, outlen, "%.*s%.*s%.*s", (int)(at - tmpl), tmpl,
	    (int)plen, port, (int)(tmpl + len - at - 4), at + 4);
	return (0);
}

/*
 * Reads the first line of dir/name (at most len - 1 bytes) into buf.
 * Returns 1, 0 when the file does not exist, or -1 with a message in
 * err.
 */
static int
embedded_file(const char *dir, const char *name, char *buf, size_t len,
    char *err, size_t errlen)
{
	char	path[1024];
	FILE	*fp;
	size_t	n;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return (0);
		(void)snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	(void)fclose(fp);
	return (1);
}

int
cli_embedded(struct cfg *c, const char *dir, char *err, size_t errlen)
{
	char	tmpl[1024], port[32], url[1024];
	int	rc;

	if (c->database_url[0] != '\0')
		return (0);
	if ((rc = embedded_file(dir, "url", tmpl, sizeof(tmpl), err,
	    errlen)) != 1)
		return (rc);
	if ((rc = embedded_file(dir, "port", port, sizeof(port), err,
	    errlen)) == -1)
		return (-1);
	if (cli_embedded_url(tmpl, rc == 1 ? port : NULL, url,
	    sizeof(url)) == -1) {
		(void)snprintf(err, errlen, "%s/url or %s/port is not what "
		    "app/tools/pg.sh writes; set DATABASE_URL instead", dir,
		    dir);
		return (-1);
	}
	free(c->database_url);
	c->database_url = mem_strdup(url);
	return (1);
}
