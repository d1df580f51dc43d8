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
 * `open311d keys create|list|revoke`: API keys are printed once at
 * creation and stored only as SHA-256 hashes.
 */

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "model/key.h"
#include "store/keys_admin.h"
#include "store/pq.h"

static int	keys_create(int, char **, const char *);

static int
keys_create(int argc, char **argv, const char *conf)
{
	static struct option	opts[] = {
		{ "name",		required_argument, NULL, 'n' },
		{ "scopes",		required_argument, NULL, 's' },
		{ "jurisdiction",	required_argument, NULL, 'j' },
		{ "channel",		required_argument, NULL, 'c' },
		{ "rate",		required_argument, NULL, 'r' },
		{ NULL,			0, NULL, 0 }
	};
	struct store_key_new	k;
	char			key[KEY_TEXT_LEN + 1];
	char			hashhex[KEY_HASH_LEN * 2 + 1];
	char			prefix[KEY_PREFIX_LEN + 1], err[512];
	const char		*c;
	PGconn			*conn;
	long long		id;
	int			ch;

	memset(&k, 0, sizeof(k));
	k.channel = "partner_app";
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			k.name = optarg;
			break;
		case 's':
			k.scopes = optarg;
			break;
		case 'j':
			k.jurisdictions = optarg;
			break;
		case 'c':
			k.channel = optarg;
			break;
		case 'r':
			k.rate = optarg;
			break;
		default:
			return (2);
		}
	}

	if (optind != argc || k.name == NULL || k.scopes == NULL) {
		cli_error("usage: open311d keys create --name NAME --scopes "
		    "submit[,backoffice,admin] [--jurisdiction J[,J...]] "
		    "[--channel C] [--rate N]");
		return (2);
	}
	if (key_scopes(k.scopes) == -1) {
		cli_error("--scopes: a comma list of submit, backoffice, "
		    "admin; not '%s'", k.scopes);
		return (2);
	}
	for (c = k.channel; *c != '\0'; c++) {
		if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c)
		    && *c != '_')
			break;
	}
	if (*c != '\0' || k.channel[0] == '\0' || strlen(k.channel) > 32 ||
	    !islower((unsigned char)k.channel[0])) {
		cli_error("--channel: lower-case letters, digits and _ "
		    "(mobile_app, web, partner_app, phone, ...), not '%s'",
		    k.channel);
		return (2);
	}
	if (k.rate != NULL && (atoi(k.rate) <= 0 ||
	    strspn(k.rate, "0123456789") != strlen(k.rate))) {
		cli_error("--rate: requests per minute, a positive number");
		return (2);
	}

	if (key_generate(key, hashhex, prefix) == -1) {
		cli_error("cannot get random bytes for the key");
		return (1);
	}
	k.hash_hex = hashhex;
	k.prefix = prefix;

	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	id = store_key_create(conn, &k, err, sizeof(err));
	PQfinish(conn);

	if (id == -1) {
		cli_error("%s", err);
		return (1);
	}

	printf("key %lld created for %s (scopes %s). Store it now; it is "
	    "not shown again:\n%s\n", id, k.name, k.scopes, key);
	OPENSSL_cleanse(key, sizeof(key));
	return (0);
}

int
cli_keys(int argc, char **argv, const char *conf)
{
	PGconn		*conn;
	char		err[512];
	int		rc;

	if (argc >= 2 && !strcmp(argv[1], "create"))
		return (keys_create(argc - 1, argv + 1, conf));

	if (argc == 2 && !strcmp(argv[1], "list")) {
		if ((conn = cli_connect(conf)) == NULL)
			return (1);
		rc = store_key_list(conn, err, sizeof(err));
		PQfinish(conn);
		if (rc == -1)
			cli_error("%s", err);
		return (rc == -1 ? 1 : 0);
	}

	if (argc == 5 && !strcmp(argv[1], "revoke") &&
	    !strcmp(argv[3], "--message") &&
	    strspn(argv[2], "0123456789") == strlen(argv[2]) && argv[2][0]) {
		if ((conn = cli_connect(conf)) == NULL)
			return (1);
		rc = store_key_revoke(conn, argv[2], argv[4], err,
		    sizeof(err));
		PQfinish(conn);
		if (rc == -1) {
			cli_error("%s", err);
			return (1);
		}
		printf("key %s revoked\n", argv[2]);
		return (0);
	}

	cli_error("usage: open311d keys create --name NAME --scopes S ... | "
	    "keys list | keys revoke ID --message TEXT");
	return (2);
}
