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
 * A staff account of the console as every layer sees it: its role,
 * passwords (Argon2id, Debian's libargon2), the random tokens of
 * sessions and password links (stored only as SHA-256 hashes), the CSRF
 * token derived from a session's token, and the checks on e-mail
 * addresses and passwords. Pure code.
 */

#ifndef __H_MODEL_STAFF
#define __H_MODEL_STAFF

#include <stddef.h>

/* Roles, as bits so a route line can name the ones it admits. */
#define STAFF_AGENT		0x01
#define STAFF_SUPERVISOR	0x02
#define STAFF_ADMIN		0x04
#define STAFF_ANY		(STAFF_AGENT | STAFF_SUPERVISOR | STAFF_ADMIN)

/* A token (32 random bytes) and a SHA-256, as lower-case hex. */
#define STAFF_HEX_LEN		64

/* The longest Argon2id encoding staff_password_hash() writes. */
#define STAFF_HASH_MAX		128

#define STAFF_PASSWORD_MIN	12	/* bytes */
#define STAFF_PASSWORD_MAX	256
#define STAFF_EMAIL_MAX		254
#define STAFF_NAME_MAX		200	/* characters */

/* The role of a name (agent, supervisor, admin), or 0. */
int	staff_role(const char *);

/*
 * Copies an e-mail address into out (STAFF_EMAIL_MAX + 1 bytes) in
 * lower case. Returns 0, or -1 when it is not one local@domain without
 * spaces or controls, or is too long.
 */
int	staff_email(const char *, char *);

/*
 * Whether a new password is acceptable: STAFF_PASSWORD_MIN to
 * STAFF_PASSWORD_MAX bytes, no control characters. Returns 0, or -1
 * with the reason in err.
 */
int	staff_password_check(const char *, char *, size_t);

/*
 * Hashes a password with Argon2id (a fresh random salt) into its
 * encoded form in out (STAFF_HASH_MAX bytes). Returns 0, or -1.
 */
int	staff_password_hash(const char *, char *, size_t);

/*
 * 1 when password matches the Argon2id encoding; 0 otherwise (also for
 * a NULL or malformed encoding, after the same work as a real check, so
 * that an unknown account takes as long to refuse as a wrong password).
 */
int	staff_password_verify(const char *, const char *);

/* A new random token into out (STAFF_HEX_LEN + 1). Returns 0, or -1. */
int	staff_token_new(char *);

/* 1 when s is a token's form: STAFF_HEX_LEN lower-case hex digits. */
int	staff_token_valid(const char *);

/* SHA-256 of a token, as hex into out (STAFF_HEX_LEN + 1). */
void	staff_token_hash(const char *, char *);

/*
 * The CSRF token of the session whose cookie holds token, as hex into
 * out (STAFF_HEX_LEN + 1): derived from it, so it needs no storage, and
 * useless to anyone who does not hold the session.
 */
void	staff_csrf(const char *, char *);

/* 1 when a and b are equal, compared in time independent of content. */
int	staff_equal(const char *, const char *);

#endif
