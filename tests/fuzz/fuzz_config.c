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
 * libFuzzer target: the settings file parser on arbitrary text, then
 * validation and the Kore configuration made from what it accepts. That
 * configuration must say only what the settings mean: every line one
 * of the directives cfg_kore_conf() writes (no setting can add another,
 * e.g. through a line longer than Kore's line buffer), and the listener
 * and domain blocks closed.
 */

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"

/* Kore reads its configuration with fgets() into a BUFSIZ buffer. */
#define KORE_LINE_MAX	(BUFSIZ - 2)

static const char	*directives[] = {
	"server", "bind", "tls", "tls_dhparam", "tls_version", "tls_cipher",
	"tls_groups", "workers", "worker_set_affinity",
	"worker_accept_threshold", "worker_death_policy", "pidfile",
	"pgsql_conn_max", "http_body_max", "http_header_max",
	"http_header_timeout", "http_body_timeout", "http_keepalive_time",
	"http_server_version", "http_hsts_enable", "seccomp_tracing", "runas",
	"keymgr_runas", "domain", "attach", "certfile", "certkey", "route",
	NULL
};

static void
check_kore(const struct cfg *c)
{
	struct fmt_buf	b;
	const char	*line, *end;
	size_t		n, i, w;
	int		depth;

	fmt_buf_init(&b);
	cfg_kore_conf(c, &b);
	depth = 0;
	for (line = fmt_buf_cstr(&b); *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		FUZZ_CHECK(end != NULL);
		n = (size_t)(end - line);
		FUZZ_CHECK(n < KORE_LINE_MAX);
		while (n > 0 && (*line == '\t' || *line == ' ')) {
			line++;
			n--;
		}
		if (n == 1 && *line == '}') {
			FUZZ_CHECK(--depth >= 0);
			continue;
		}
		w = strcspn(line, " \t\n");
		for (i = 0; directives[i] != NULL; i++) {
			if (strlen(directives[i]) == w &&
			    !strncmp(line, directives[i], w))
				break;
		}
		FUZZ_CHECK(directives[i] != NULL);
		if (!strncmp(line, "server ", 7) || !strncmp(line, "domain ", 7))
			depth++;
	}
	FUZZ_CHECK(depth == 0);
	fmt_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg	c;
	struct fmt_buf	dump;
	char		*text, err[CFG_ERRLEN];

	if ((text = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';

	cfg_defaults(&c);
	if (cfg_parse(&c, "fuzz.conf", text, err, sizeof(err)) == 0) {
		fmt_buf_init(&dump);
		cfg_dump(&c, &dump);
		fmt_buf_free(&dump);
		if (cfg_validate(&c, err, sizeof(err)) == 0)
			check_kore(&c);
		else
			FUZZ_CHECK(err[0] != '\0');
	} else {
		FUZZ_CHECK(!strncmp(err, "fuzz.conf:", 10));
	}
	cfg_free(&c);
	free(text);
	return (0);
}
