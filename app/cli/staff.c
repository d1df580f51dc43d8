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
 * `open311d staff add|list|disable|link`: the console's accounts.
 * An account starts without a password; add and link print a one-time
 * link (valid console_link_hours) with which its owner sets one, and
 * when smtp_url is set queue it in the outbox too, for the server to
 * e-mail (`password` is link's older name). Only the link token's hash
 * is stored (the outbox event holds the token until it is sent).
 */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "config.h"
#include "model/staff.h"
#include "store/pq.h"

static int	staff_add(int, char **, const char *);
static int	staff_link(PGconn *, const struct cfg *, const char *);
static int	staff_list(const char *);
static int	staff_disable(const char *, const char *);
static int	staff_password(const char *, const char *);

/*
 * Issues a password link for the account of email (lower case) and
 * prints it. Returns 0, or 1 after printing why not.
 */
static int
staff_link(PGconn *conn, const struct cfg *cfg, const char *email)
{
	PGresult	*res;
	const char	*v[5];
	char		token[STAFF_HEX_LEN + 1], hash[STAFF_HEX_LEN + 1];
	char		secs[16], hours[16], err[512];
	int		n, mail;

	if (staff_token_new(token) == -1) {
		cli_error("cannot get random bytes for the link");
		return (1);
	}
	staff_token_hash(token, hash);
	(void)snprintf(secs, sizeof(secs), "%d",
	    cfg->console_link_hours * 3600);
	v[0] = email;
	v[1] = hash;
	(void)snprintf(hours, sizeof(hours), "%d", cfg->console_link_hours);
	mail = cfg->smtp_url[0] != '\0';
	v[2] = secs;
	v[3] = mail ? token : NULL;
	v[4] = hours;
	if ((res = store_pq_run(conn, SQL_staff_password_link, 5, v, err,
	    sizeof(err))) == NULL) {
		OPENSSL_cleanse(token, sizeof(token));
		cli_error("%s", err);
		return (1);
	}
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		OPENSSL_cleanse(token, sizeof(token));
		cli_error("no active staff account has the address %s", email);
		return (1);
	}
	if (mail)
		printf("Password link e-mailed to %s (queued in the outbox; "
		    "the server sends it).\n", email);
	printf("Password link for %s (one use, valid %d hours):\n"
	    "%s/console/password#token=%s\n", email,
	    cfg->console_link_hours, cfg->public_url, token);
	OPENSSL_cleanse(token, sizeof(token));
	return (0);
}

static int
staff_add(int argc, char **argv, const char *conf)
{
	static struct option	opts[] = {
		{ "name",		required_argument, NULL, 'n' },
		{ "role",		required_argument, NULL, 'r' },
		{ "jurisdiction",	required_argument, NULL, 'j' },
		{ NULL,			0, NULL, 0 }
	};
	struct cfg	cfg;
	PGresult	*res;
	PGconn		*conn;
	const char	*name, *role, *jur, *v[4];
	char		email[STAFF_EMAIL_MAX + 1], err[512];
	int		ch, n, rc;

	name = role = jur = NULL;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			name = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'j':
			jur = optarg;
			break;
		default:
			return (2);
		}
	}
	if (optind != argc - 1 || name == NULL || role == NULL) {
		cli_error("usage: open311d staff add EMAIL --name NAME --role "
		    "agent|supervisor|admin [--jurisdiction J[,J...]]");
		return (2);
	}
	if (staff_email(argv[optind], email) == -1) {
		cli_error("'%s' is not an e-mail address", argv[optind]);
		return (2);
	}
	if (!staff_role(role)) {
		cli_error("--role: agent, supervisor or admin; not '%s'", role);
		return (2);
	}
	if (name[0] == '\0' || strlen(name) > STAFF_NAME_MAX) {
		cli_error("--name: 1 to %d characters", STAFF_NAME_MAX);
		return (2);
	}

	if (cli_load(&cfg, conf) == -1)
		return (1);
	if ((conn = cli_connect(conf)) == NULL) {
		cfg_free(&cfg);
		return (1);
	}
	v[0] = email;
	v[1] = name;
	v[2] = role;
	v[3] = jur;
	rc = 1;
	if ((res = store_pq_run(conn, SQL_staff_add, 4, v, err,
	    sizeof(err))) == NULL) {
		cli_error("%s", strstr(err, "staff_email_key") != NULL ?
		    "a staff account with this address exists already" : err);
		goto out;
	}
	n = PQntuples(res);
	if (n != 1) {
		cli_error("--jurisdiction: '%s' names a jurisdiction that "
		    "does not exist", jur);
		PQclear(res);
		goto out;
	}
	printf("staff %s added: %s, %s of %s\n", PQgetvalue(res, 0, 0), email,
	    role, jur != NULL ? jur : "every jurisdiction");
	PQclear(res);
	rc = staff_link(conn, &cfg, email);
out:
	PQfinish(conn);
	cfg_free(&cfg);
	return (rc);
}

static int
staff_list(const char *conf)
{
	PGresult	*res;
	PGconn		*conn;
	char		err[512];
	int		i;

	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	if ((res = store_pq_run(conn, SQL_staff_list, 0, NULL, err,
	    sizeof(err))) == NULL) {
		cli_error("%s", err);
		PQfinish(conn);
		return (1);
	}
	printf("%-5s %-32s %-24s %-10s %-24s %-9s %-8s %s\n", "ID", "EMAIL",
	    "NAME", "ROLE", "JURISDICTIONS", "STATE", "PASSWORD", "SESSIONS");
	for (i = 0; i < PQntuples(res); i++)
		printf("%-5s %-32s %-24s %-10s %-24s %-9s %-8s %s\n",
		    PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
		    PQgetvalue(res, i, 4)[0] ? PQgetvalue(res, i, 4) : "(all)",
		    PQgetvalue(res, i, 5)[0] == 't' ? "active" : "disabled",
		    PQgetvalue(res, i, 6)[0] == 't' ? "set" : "unset",
		    PQgetvalue(res, i, 8));
	PQclear(res);
	PQfinish(conn);
	return (0);
}

static int
staff_disable(const char *arg, const char *conf)
{
	PGresult	*res;
	PGconn		*conn;
	const char	*v[1];
	char		email[STAFF_EMAIL_MAX + 1], err[512];
	int		n;

	if (staff_email(arg, email) == -1) {
		cli_error("'%s' is not an e-mail address", arg);
		return (2);
	}
	if ((conn = cli_connect(conf)) == NULL)
		return (1);
	v[0] = email;
	res = store_pq_run(conn, SQL_staff_disable, 1, v, err, sizeof(err));
	PQfinish(conn);
	if (res == NULL) {
		cli_error("%s", err);
		return (1);
	}
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		cli_error("no staff account has the address %s", email);
		return (1);
	}
	printf("staff %s disabled; its sessions have ended\n", email);
	return (0);
}

static int
staff_password(const char *arg, const char *conf)
{
	struct cfg	cfg;
	PGconn		*conn;
	char		email[STAFF_EMAIL_MAX + 1];
	int		rc;

	if (staff_email(arg, email) == -1) {
		cli_error("'%s' is not an e-mail address", arg);
		return (2);
	}
	if (cli_load(&cfg, conf) == -1)
		return (1);
	rc = 1;
	if ((conn = cli_connect(conf)) != NULL) {
		rc = staff_link(conn, &cfg, email);
		PQfinish(conn);
	}
	cfg_free(&cfg);
	return (rc);
}

int
cli_staff(int argc, char **argv, const char *conf)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return (staff_add(argc - 1, argv + 1, conf));
	if (argc == 2 && !strcmp(argv[1], "list"))
		return (staff_list(conf));
	if (argc == 3 && !strcmp(argv[1], "disable"))
		return (staff_disable(argv[2], conf));
	if (argc == 3 && (!strcmp(argv[1], "link") ||
	    !strcmp(argv[1], "password")))
		return (staff_password(argv[2], conf));

	cli_error("usage: open311d staff add EMAIL --name NAME --role "
	    "agent|supervisor|admin [--jurisdiction J,...] | staff list | "
	    "staff disable EMAIL | staff link EMAIL");
	return (2);
}
