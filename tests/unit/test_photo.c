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
 * Unit tests for formats/photo.c: types by magic bytes, and for each of
 * JPEG, PNG and WebP a table of containers (built segment by segment)
 * with the exact bytes that must remain: metadata segments and chunks
 * gone, decoding ones kept in order, the EXIF orientation rewritten
 * alone, VP8X flags and RIFF sizes fixed, trailing bytes dropped, and
 * malformed structure refused. Real photos that decode to the same
 * pixels are checked end to end (tests/e2e/cases/125-photo-metadata.sh).
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/photo.h"

#define B(s)	s, sizeof(s) - 1

/* JPEG segments. */
#define SOI	"\xff\xd8"
#define EOI	"\xff\xd9"
#define JFIF	"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
#define DQT	"\xff\xdb\x00\x07\x00\x01\x02\x03\x04"
#define SOF0	"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
#define DHT	"\xff\xc4\x00\x06\x00\x01\x02\x03"
#define SOS	"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
#define SCAN	"\x12\x34\xff\x00\x56\xff\xd0\x78\x9a"
#define COM	"\xff\xfe\x00\x0a" "Phone X1"
#define XMP	"\xff\xe1\x00\x0c" "http:/xmp" "\x00"
#define ICC	"\xff\xe2\x00\x13" "ICC_PROFILE\x00\x01\x01" "abc"
#define MPF	"\xff\xe2\x00\x09" "MPF\x00" "abc"
#define ADOBE	"\xff\xee\x00\x0e" "Adobe\x00\x64\x00\x00\x00\x00\x01"
#define IPTC	"\xff\xed\x00\x08" "8BIM\x04\x04"
/* EXIF, little-endian: orientation 6 and a GPS IFD pointer. */
#define EXIF_LE6 "\xff\xe1\x00\x2e" "Exif\x00\x00" "II\x2a\x00\x08\x00\x00\x00" \
		"\x02\x00" \
		"\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00" \
		"\x25\x88\x04\x00\x01\x00\x00\x00\x26\x00\x00\x00" \
		"\x00\x00\x00\x00"
/* EXIF, big-endian: only a GPS pointer first, then orientation 8. */
#define EXIF_BE8 "\xff\xe1\x00\x2e" "Exif\x00\x00" "MM\x00\x2a\x00\x00\x00\x08" \
		"\x00\x02" \
		"\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x26" \
		"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x08\x00\x00" \
		"\x00\x00\x00\x00"
/* EXIF, orientation 1 (as taken). */
#define EXIF_BE1 "\xff\xe1\x00\x22" "Exif\x00\x00" "MM\x00\x2a\x00\x00\x00\x08" \
		"\x00\x01" \
		"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00" \
		"\x00\x00\x00\x00"
/* EXIF whose IFD offset points past its end. */
#define EXIF_OUT "\xff\xe1\x00\x16" "Exif\x00\x00" "II\x2a\x00\xff\xff\x00\x00" \
		"\x02\x00\x12\x01\x03\x00"
/* EXIF whose entry count runs past its end. */
#define EXIF_CNT "\xff\xe1\x00\x18" "Exif\x00\x00" "II\x2a\x00\x08\x00\x00\x00" \
		"\x09\x00\x12\x01\x03\x00\x01\x00"
/* What fmt_photo_strip() writes for orientations 6 and 8. */
#define OUT_O6	"\xff\xe1\x00\x22" "Exif\x00\x00" "MM\x00\x2a\x00\x00\x00\x08" \
		"\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" \
		"\x00\x00\x00\x00"
#define OUT_O8	"\xff\xe1\x00\x22" "Exif\x00\x00" "MM\x00\x2a\x00\x00\x00\x08" \
		"\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x08\x00\x00" \
		"\x00\x00\x00\x00"
#define BODY	DQT SOF0 DHT SOS SCAN

/* PNG chunks (CRCs are not checked, so "CRC!" stands for them). */
#define PNG	"\x89PNG\r\n\x1a\n"
#define IHDR	"\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" "CRC!"
#define IDAT	"\x00\x00\x00\x03IDAT\x01\x02\x03" "CRC!"
#define IEND	"\x00\x00\x00\x00IEND" "CRC!"
#define TEXT	"\x00\x00\x00\x0btEXtAuthor\x00Jane" "CRC!"
#define ZTXT	"\x00\x00\x00\x05zTXtx\x00\x00\x78\x9c" "CRC!"
#define ITXT	"\x00\x00\x00\x06iTXtGPS\x00\x00\x00" "CRC!"
#define PEXIF	"\x00\x00\x00\x04" "eXIfMM\x00\x2a" "CRC!"
#define TIME	"\x00\x00\x00\x07tIME\x07\xea\x01\x02\x03\x04\x05" "CRC!"
#define PRVT	"\x00\x00\x00\x02prVtab" "CRC!"
#define GAMA	"\x00\x00\x00\x04gAMA\x00\x00\xb1\x8f" "CRC!"
#define PHYS	"\x00\x00\x00\x09pHYs\x00\x00\x0b\x13\x00\x00\x0b\x13\x01" "CRC!"
#define ICCP	"\x00\x00\x00\x05iCCPp\x00\x00\x78\x9c" "CRC!"
#define ACTL	"\x00\x00\x00\x08" "acTL\x00\x00\x00\x01\x00\x00\x00\x00" "CRC!"
#define CRIT	"\x00\x00\x00\x01" "ABCDz" "CRC!"

/* WebP chunks. */
#define VP8	"VP8 \x04\x00\x00\x00\x01\x02\x03\x04"
#define VP8L	"VP8L\x05\x00\x00\x00\x2f\x00\x00\x00\x00"
#define VP8X(f)	"VP8X\x0a\x00\x00\x00" f "\x00\x00\x00\x00\x00\x00\x00\x00\x00"
#define WICC	"ICCP\x03\x00\x00\x00" "abc\x00"
#define WEXIF	"EXIF\x06\x00\x00\x00" "MM\x00\x2a\x00\x08"
#define WXMP	"XMP \x03\x00\x00\x00" "<x>\x00"
#define WUNK	"ZZZZ\x02\x00\x00\x00" "zz"
#define RIFF(n)	"RIFF" n "\x00\x00\x00WEBP"

struct strip_case {
	const char	*name;
	const char	*in;
	size_t		inlen;
	const char	*out;		/* NULL: refused */
	size_t		outlen;
	const char	*err;		/* when refused */
};

static const struct strip_case	strip_cases[] = {
	/* JPEG */
	{ "jpeg: app0, app1 exif, comment, iptc, xmp go",
	    B(SOI JFIF EXIF_BE1 COM IPTC XMP BODY EOI),
	    B(SOI BODY EOI), NULL },
	{ "jpeg: orientation 6 (little-endian) kept alone",
	    B(SOI JFIF EXIF_LE6 BODY EOI),
	    B(SOI OUT_O6 BODY EOI), NULL },
	{ "jpeg: orientation 8 after another tag (big-endian)",
	    B(SOI EXIF_BE8 COM BODY EOI),
	    B(SOI OUT_O8 BODY EOI), NULL },
	{ "jpeg: the first exif's orientation wins",
	    B(SOI EXIF_LE6 EXIF_BE8 BODY EOI),
	    B(SOI OUT_O6 BODY EOI), NULL },
	{ "jpeg: icc and adobe kept, mpf goes",
	    B(SOI ICC MPF ADOBE BODY EOI),
	    B(SOI ICC ADOBE BODY EOI), NULL },
	{ "jpeg: bytes after eoi go",
	    B(SOI BODY EOI "\xff\xd8secret thumbnail"),
	    B(SOI BODY EOI), NULL },
	{ "jpeg: metadata between scans goes",
	    B(SOI BODY COM DHT SOS SCAN EOI),
	    B(SOI BODY DHT SOS SCAN EOI), NULL },
	{ "jpeg: fill bytes before a marker",
	    B(SOI "\xff\xff" DQT SOF0 DHT SOS SCAN "\xff" EOI),
	    B(SOI "\xff\xff" DQT SOF0 DHT SOS SCAN EOI), NULL },
	{ "jpeg: a scan that runs to the end gets its eoi",
	    B(SOI BODY), B(SOI BODY EOI), NULL },
	{ "jpeg: a scan that ends in fill bytes (found by fuzz_photo)",
	    B(SOI BODY "\xff\xff"), B(SOI BODY EOI), NULL },
	{ "jpeg: exif with its ifd out of range is only dropped",
	    B(SOI EXIF_OUT BODY EOI), B(SOI BODY EOI), NULL },
	{ "jpeg: exif with too many entries is only dropped",
	    B(SOI EXIF_CNT BODY EOI), B(SOI BODY EOI), NULL },
	{ "jpeg: no scan", B(SOI DQT SOF0 EOI), NULL, 0,
	    "is not a well-formed JPEG" },
	{ "jpeg: segment longer than the data",
	    B(SOI "\xff\xe1\x01\x00" "Exif"), NULL, 0,
	    "is not a well-formed JPEG" },
	{ "jpeg: length below 2", B(SOI "\xff\xe1\x00\x01" BODY EOI),
	    NULL, 0, "is not a well-formed JPEG" },
	{ "jpeg: bytes that are no marker", B(SOI DQT "xyz" BODY EOI), NULL, 0,
	    "is not a well-formed JPEG" },
	{ "jpeg: only fill bytes", B(SOI "\xff\xff\xff"), NULL, 0,
	    "is not a well-formed JPEG" },
	{ "jpeg: a second soi", B(SOI SOI BODY EOI), NULL, 0,
	    "is not a well-formed JPEG" },
	{ "jpeg: magic only", B("\xff\xd8\xff"), NULL, 0,
	    "is not a well-formed JPEG" },

	/* PNG */
	{ "png: text, exif and time chunks go",
	    B(PNG IHDR TEXT ZTXT ITXT PEXIF TIME IDAT IEND),
	    B(PNG IHDR IDAT IEND), NULL },
	{ "png: decoding and animation chunks kept, unknown ancillary goes",
	    B(PNG IHDR GAMA ICCP PHYS ACTL PRVT CRIT IDAT TEXT IEND),
	    B(PNG IHDR GAMA ICCP PHYS ACTL CRIT IDAT IEND), NULL },
	{ "png: bytes after iend go",
	    B(PNG IHDR IDAT IEND "GPS 32.7,-117.1"),
	    B(PNG IHDR IDAT IEND), NULL },
	{ "png: ihdr first", B(PNG IDAT IHDR IEND), NULL, 0,
	    "is not a well-formed PNG" },
	{ "png: no iend", B(PNG IHDR IDAT), NULL, 0,
	    "is not a well-formed PNG" },
	{ "png: chunk longer than the data",
	    B(PNG IHDR "\x00\x00\x10\x00IDAT\x01\x02" "CRC!"), NULL, 0,
	    "is not a well-formed PNG" },
	{ "png: chunk length over 2^31",
	    B(PNG IHDR "\x80\x00\x00\x00IDAT" "CRC!"), NULL, 0,
	    "is not a well-formed PNG" },
	{ "png: chunk type not letters",
	    B(PNG IHDR "\x00\x00\x00\x00ID1T" "CRC!" IEND), NULL, 0,
	    "is not a well-formed PNG" },
	{ "png: magic only", B(PNG), NULL, 0, "is not a well-formed PNG" },

	/* WebP */
	{ "webp: simple lossy unchanged",
	    B(RIFF("\x10") VP8), B(RIFF("\x10") VP8), NULL },
	{ "webp: exif, xmp and unknown chunks go, vp8x flags cleared",
	    B(RIFF("\x52") VP8X("\x2c") WICC VP8 WEXIF WXMP WUNK),
	    B(RIFF("\x2e") VP8X("\x20") WICC VP8), NULL },
	{ "webp: an odd chunk keeps its padding",
	    B(RIFF("\x12") VP8L "\x00"), B(RIFF("\x12") VP8L "\x00"), NULL },
	{ "webp: the last odd chunk without padding gets it",
	    B(RIFF("\x11") VP8L), B(RIFF("\x12") VP8L "\x00"), NULL },
	{ "webp: bytes after the riff size go",
	    B(RIFF("\x10") VP8 WEXIF), B(RIFF("\x10") VP8), NULL },
	{ "webp: riff size past the data", B(RIFF("\x40") VP8), NULL, 0,
	    "is not a well-formed WebP" },
	{ "webp: a chunk past the riff size", B(RIFF("\x12") VP8 WEXIF), NULL,
	    0, "is not a well-formed WebP" },
	{ "webp: the first chunk is no image",
	    B(RIFF("\x1e") WEXIF VP8), NULL, 0, "is not a well-formed WebP" },
	{ "webp: riff without chunks", B(RIFF("\x04")), NULL, 0,
	    "is not a well-formed WebP" },
	{ "webp: riff size below 4", B(RIFF("\x02")), NULL, 0,
	    "is not a well-formed WebP" },

	/* None of them. */
	{ "gif", B("GIF89a\x01\x00\x01\x00"), NULL, 0,
	    "is not a JPEG, PNG or WebP image" },
	{ "empty", B(""), NULL, 0, "is not a JPEG, PNG or WebP image" },
};

static void
test_strip_table(void **state)
{
	struct fmt_buf	out;
	const char	*err;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(strip_cases) / sizeof(strip_cases[0]); i++) {
		const struct strip_case	*k = &strip_cases[i];

		print_message("case %zu: %s\n", i, k->name);
		fmt_buf_init(&out);
		/* Whatever was in the buffer stays in front. */
		fmt_buf_str(&out, "keep");
		err = fmt_photo_strip(k->in, k->inlen, &out);
		if (k->out == NULL) {
			assert_non_null(err);
			assert_string_equal(err, k->err);
		} else {
			if (err != NULL)
				fail_msg("refused: %s", err);
			assert_int_equal(out.len, k->outlen + 4);
			assert_memory_equal(out.data, "keep", 4);
			assert_memory_equal(out.data + 4, k->out, k->outlen);
		}
		fmt_buf_free(&out);
	}
}

struct type_case {
	const char	*in;
	size_t		len;
	const char	*type;
};

static const struct type_case	type_cases[] = {
	{ B("\xff\xd8\xff"), "image/jpeg" },
	{ B("\xff\xd8"), NULL },
	{ B(PNG), "image/png" },
	{ B("\x89PNG\r\n\x1a"), NULL },
	{ B("RIFF\x00\x00\x00\x00WEBP"), "image/webp" },
	{ B("RIFF\x00\x00\x00\x00WAVE"), NULL },
	{ B("GIF89a"), NULL },
	{ B(""), NULL },
};

static void
test_type_table(void **state)
{
	const char	*t;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(type_cases) / sizeof(type_cases[0]); i++) {
		print_message("case %zu\n", i);
		t = fmt_photo_type(type_cases[i].in, type_cases[i].len);
		if (type_cases[i].type == NULL)
			assert_null(t);
		else
			assert_string_equal(t, type_cases[i].type);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_type_table),
		cmocka_unit_test(test_strip_table),
	};

	return (cmocka_run_group_tests_name("photo", tests, NULL, NULL));
}
