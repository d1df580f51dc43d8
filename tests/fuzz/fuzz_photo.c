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
 * libFuzzer target: fmt_photo_strip() on arbitrary bytes (the seeds are
 * small JPEG, PNG and WebP photos with EXIF, XMP and text metadata). A
 * stripped image keeps its type, grows by at most the minimal EXIF
 * segment, an EOI and a pad byte, and is a fixed point: stripping it
 * again accepts it and changes nothing.
 */

#include <string.h>

#include "formats/photo.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt_buf	once, twice;
	const char	*type;

	fmt_buf_init(&once);
	fmt_buf_init(&twice);
	type = fmt_photo_type(data, size);
	if (fmt_photo_strip(data, size, &once) == NULL) {
		FUZZ_CHECK(type != NULL);
		FUZZ_CHECK(once.len <= size + 36 + 2 + 1);
		FUZZ_CHECK(fmt_photo_type(once.data, once.len) != NULL &&
		    !strcmp(fmt_photo_type(once.data, once.len), type));
		FUZZ_CHECK(fmt_photo_strip(once.data, once.len,
		    &twice) == NULL);
		FUZZ_CHECK(twice.len == once.len);
		FUZZ_CHECK(!memcmp(twice.data, once.data, once.len));
	}
	fmt_buf_free(&once);
	fmt_buf_free(&twice);
	return (0);
}
