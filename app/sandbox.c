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
 * The seccomp filter workers run under, on top of Kore's own: what
 * glibc's stdio and malloc (mremap grows large blocks in place), libpq,
 * PROJ (SQLite reading proj.db) and name resolution need. A syscall
 * outside Kore's list and this one kills the worker, and the test suite
 * fails on any such death.
 *
 * libcurl (Debian's, without c-ares) resolves a destination's host name
 * in a thread of its own: threads may be made (clone with CLONE_THREAD;
 * clone3, whose flags a filter cannot read, answers ENOSYS and glibc
 * falls back to clone), never processes, and nothing may be executed;
 * a thread starting asks its id and CPUs (gettid, sched_getaffinity:
 * glibc and ASan).
 */

#include <sys/socket.h>

#include <errno.h>
#include <sched.h>

#include <kore/kore.h>
#include <kore/hooks.h>
#include <kore/seccomp.h>

KORE_SECCOMP_FILTER("open311",
	KORE_SYSCALL_ALLOW(newfstatat),
	KORE_SYSCALL_ALLOW(mremap),
	KORE_SYSCALL_ALLOW(pread64),
	KORE_SYSCALL_ALLOW(getdents64),
	KORE_SYSCALL_ALLOW(uname),
	KORE_SYSCALL_ALLOW(fcntl),
	KORE_SYSCALL_ALLOW(fdatasync),
	KORE_SYSCALL_ALLOW(getrandom),
	KORE_SYSCALL_ALLOW(clock_gettime),
	KORE_SYSCALL_ALLOW_ARG(socket, 0, AF_NETLINK),
	KORE_SYSCALL_ALLOW_ARG(socket, 0, AF_UNIX),
	KORE_SYSCALL_ALLOW_ARG(socket, 0, AF_INET),
	KORE_SYSCALL_ALLOW_ARG(socket, 0, AF_INET6),
	KORE_SYSCALL_ALLOW(bind),
	KORE_SYSCALL_ALLOW(connect),
	KORE_SYSCALL_ALLOW(getsockname),
	KORE_SYSCALL_ALLOW(getpeername),
	KORE_SYSCALL_ALLOW(setsockopt),
	KORE_SYSCALL_ALLOW(getsockopt),
	KORE_SYSCALL_ALLOW(recvmsg),
	KORE_SYSCALL_ALLOW(sendmsg),
	KORE_SYSCALL_ALLOW(sendmmsg),
	KORE_SYSCALL_ALLOW(recvfrom),
	KORE_SYSCALL_ALLOW(sendto),
	KORE_SYSCALL_ALLOW(poll),
	KORE_SYSCALL_ALLOW(ppoll),
	KORE_SYSCALL_DENY(clone3, ENOSYS),
	KORE_SYSCALL_ALLOW_WITH_FLAG(clone, 0, CLONE_THREAD),
	KORE_SYSCALL_ALLOW(set_robust_list),
	KORE_SYSCALL_ALLOW(rseq),
	KORE_SYSCALL_ALLOW(gettid),
	KORE_SYSCALL_ALLOW(sched_getaffinity),
	KORE_SYSCALL_ALLOW(exit)
)
