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
 * Loads the settings and connects to the database. Returns the
 * connection, or NULL after printing why.
 */
struct pg_conn	*cli_connect(const char *);

/* Subcommands, each with its own argument vector (argv[0] = its name). */
int	cli_catalog(int, char **, const char *);
int	cli_jurisdiction(int, char **, const char *);
int	cli_keys(int, char **, const char *);
int	cli_destinations(int, char **, const char *);
int	cli_purge(int, char **, const char *);
int	cli_staff(int, char **, const char *);

#endif
