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
 * The command-line tools built into the open311d binary: migrate,
 * catalog import, jurisdiction import and list, configuration check.
 * They run in the parent process before (instead of) the server, with
 * synchronous database access.
 */

#ifndef __H_CLI
#define __H_CLI

struct cfg;

/* Returns 1 when name is a subcommand rather than a server option. */
int	cli_is_command(const char *);

/*
 * Runs the subcommand in argv[0] with its arguments, using the settings
 * file conf (NULL for the default). Returns the process exit status.
 */
int	cli_main(int, char **, const char *);

/* Shared by the subcommands: prints a message to stderr. */
void	cli_error(const char *, ...) __attribute__((format (printf, 1, 2)));

/*
 * Reads and parses a JSON file. Returns the document, or NULL after
 * printing a message with the file, line and column.
 */
struct json_t	*cli_read_json(const char *);

/*
 * Loads the settings from conf (NULL for the default) into cfg: as
 * cfg_load() does, but when neither the environment nor the file names
 * a database, the embedded one in CLI_EMBEDDED_DIR (cli_embedded()).
 * Returns 0, or -1 after printing why.
 */
int	cli_load(struct cfg *, const char *);

/*
 * Loads the settings (cli_load()) and connects to the database. Returns
 * the connection, or NULL after printing why.
 */
struct pg_conn	*cli_connect(const char *);

/* Where `make run` keeps its embedded database (app/tools/pg.sh). */
#define CLI_EMBEDDED_DIR	"var/pg"

/*
 * The URL of the embedded database from the first line of its url file
 * (tmpl: the URL with PORT for the port) and of its port file (port;
 * NULL: pg.sh's default, 54329), into out. Returns 0, or -1 when either
 * is malformed or the URL does not fit.
 */
int	cli_embedded_url(const char *, const char *, char *, size_t);

/*
 * When cfg names no database, sets its database_url to the embedded
 * database of directory dir. Returns 1 when it did, 0 when cfg names
 * one or dir holds none, or -1 with a message in err (dir's files
 * unreadable or malformed).
 */
int	cli_embedded(struct cfg *, const char *, char *, size_t);

/* Subcommands, each with its own argument vector (argv[0] = its name). */
int	cli_addresses(int, char **, const char *);
int	cli_catalog(int, char **, const char *);
int	cli_jurisdiction(int, char **, const char *);
int	cli_keys(int, char **, const char *);
int	cli_destinations(int, char **, const char *);
int	cli_purge(int, char **, const char *);
int	cli_staff(int, char **, const char *);

#endif
