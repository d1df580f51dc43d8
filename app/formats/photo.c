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
 * Photo metadata stripping (see photo.h): a walk over the container
 * structure of each format (JPEG marker segments, PNG chunks, RIFF
 * chunks) that copies what decoding needs. Written here because no
 * Debian library does this for the three formats without decoding:
 * libexif only reads and edits EXIF blocks, libwebpmux covers WebP
 * alone, and exiv2 (C++) or ImageMagick would bring a large parser
 * surface (and, for ImageMagick, a lossy re-encode) into every worker.
 */

#include <sys/types.h>

#include <stddef.h>
#include <string.h>

#include "formats/photo.h"

#define JPEG_BAD	"is not a well-formed JPEG"
#define PNG_BAD		"is not a well-formed PNG"
#define WEBP_BAD	"is not a well-formed WebP"

#define JPEG_END	0
#define JPEG_SEG	1
#define JPEG_ERR	-1

#define EXIF_ORIENTATION	0x0112

struct jpeg_seg {
	u_int8_t	marker;
	const u_int8_t	*body;		/* after the length field */
	size_t		len;		/* of body */
	size_t		start;		/* the segment's first 0xff */
	size_t		end;		/* after it (and its scan data) */
};

static const char	*photo_jpeg(const u_int8_t *, size_t,
			    struct fmt_buf *);
static int		photo_jpeg_next(const u_int8_t *, size_t, size_t *,
			    struct jpeg_seg *);
static int		photo_jpeg_keep(const struct jpeg_seg *);
static int		photo_jpeg_orientation(const u_int8_t *, size_t);
static const char	*photo_png(const u_int8_t *, size_t,
			    struct fmt_buf *);
static int		photo_png_keep(const u_int8_t *);
static const char	*photo_webp(const u_int8_t *, size_t,
			    struct fmt_buf *);
static u_int32_t	photo_get(const u_int8_t *, int, int);

static const u_int8_t	png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

const char *
fmt_photo_type(const void *data, size_t len)
{
	const u_int8_t	*d = data;

	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return ("image/jpeg");
	if (len >= 8 && !memcmp(d, png_magic, 8))
		return ("image/png");
	if (len >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4))
		return ("image/webp");
	return (NULL);
}

const char *
fmt_photo_strip(const void *data, size_t len, struct fmt_buf *out)
{
	const char	*type;

	if ((type = fmt_photo_type(data, len)) == NULL)
		return ("is not a JPEG, PNG or WebP image");
	if (!strcmp(type, "image/jpeg"))
		return (photo_jpeg(data, len, out));
	if (!strcmp(type, "image/png"))
		return (photo_png(data, len, out));
	return (photo_webp(data, len, out));
}

/* An unsigned integer of n bytes (2 or 4), big-endian unless le. */
static u_int32_t
photo_get(const u_int8_t *p, int n, int le)
{
	u_int32_t	v;
	int		i;

	v = 0;
	for (i = 0; i < n; i++)
		v = (v << 8) | p[le ? n - 1 - i : i];
	return (v);
}

/*
 * Two walks over the segments: the first finds the EXIF orientation
 * before the first scan, the second copies what is kept, with the
 * orientation alone in a new EXIF segment right after SOI.
 */
static const char *
photo_jpeg(const u_int8_t *d, size_t len, struct fmt_buf *out)
{
	/* "Exif\0\0", big-endian TIFF, IFD0 of one SHORT, no next IFD. */
	u_int8_t	exif[36] = {
		0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
		0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
	};
	struct jpeg_seg	s;
	size_t		off;
	int		r, orientation;

	orientation = 1;
	off = 2;
	while ((r = photo_jpeg_next(d, len, &off, &s)) == JPEG_SEG &&
	    s.marker != 0xda) {
		if (s.marker == 0xe1 && orientation == 1)
			orientation = photo_jpeg_orientation(s.body, s.len);
	}
	if (r != JPEG_SEG)
		return (JPEG_BAD);

	fmt_buf_add(out, d, 2);
	if (orientation != 1) {
		exif[29] = (u_int8_t)orientation;
		fmt_buf_add(out, exif, sizeof(exif));
	}
	off = 2;
	while ((r = photo_jpeg_next(d, len, &off, &s)) == JPEG_SEG) {
		if (photo_jpeg_keep(&s))
			fmt_buf_add(out, d + s.start, s.end - s.start);
	}
	if (r == JPEG_ERR)
		return (JPEG_BAD);
	fmt_buf_add(out, "\xff\xd9", 2);
	return (NULL);
}

/*
 * The segment at *off: JPEG_SEG (and *off moves past it and, for SOS,
 * past its entropy-coded data), JPEG_END at EOI or at the end of the
 * data (fill bytes included), JPEG_ERR when the bytes are no segment.
 */
static int
photo_jpeg_next(const u_int8_t *d, size_t len, size_t *off,
    struct jpeg_seg *s)
{
	size_t		o, n;

	if ((o = *off) >= len)
		return (JPEG_END);
	if (d[o] != 0xff)
		return (JPEG_ERR);
	s->start = o;
	while (o < len && d[o] == 0xff)
		o++;
	if (o == len)
		return (JPEG_END);
	s->marker = d[o++];
	s->body = NULL;
	s->len = 0;
	if (s->marker == 0xd9)
		return (JPEG_END);
	if (s->marker == 0x00 || s->marker == 0xd8)
		return (JPEG_ERR);

	if (s->marker != 0x01 && (s->marker < 0xd0 || s->marker > 0xd7)) {
		if (len - o < 2)
			return (JPEG_ERR);
		n = photo_get(d + o, 2, 0);
		if (n < 2 || n > len - o)
			return (JPEG_ERR);
		s->body = d + o + 2;
		s->len = n - 2;
		o += n;
	}

	/* A scan runs to the next marker other than RSTn or a stuffed 0. */
	if (s->marker == 0xda) {
		for (; o < len; o++) {
			if (d[o] == 0xff && (o + 1 == len ||
			    (d[o + 1] != 0x00 &&
			    (d[o + 1] < 0xd0 || d[o + 1] > 0xd7))))
				break;
		}
	}

	s->end = o;
	*off = o;
	return (JPEG_SEG);
}

/* Whether a segment is kept: what decoding needs, ICC and Adobe. */
static int
photo_jpeg_keep(const struct jpeg_seg *s)
{
	if (s->marker == 0xe2)
		return (s->len >= 12 && !memcmp(s->body, "ICC_PROFILE", 12));
	if (s->marker == 0xee)
		return (s->len >= 5 && !memcmp(s->body, "Adobe", 5));
	/* SOFn, DHT, DAC; RSTn; SOS, DQT, DNL, DRI, DHP, EXP; JPEG-LS. */
	return ((s->marker >= 0xc0 && s->marker <= 0xcf) ||
	    (s->marker >= 0xd0 && s->marker <= 0xd7) ||
	    (s->marker >= 0xda && s->marker <= 0xdf) ||
	    s->marker == 0x01 || s->marker == 0xf7 || s->marker == 0xf8);
}

/* The orientation (1 to 8) in an APP1 EXIF body; 1 when it has none. */
static int
photo_jpeg_orientation(const u_int8_t *b, size_t len)
{
	const u_int8_t	*t;
	size_t		tlen, ifd, e, i, n;
	u_int32_t	v;
	int		le;

	if (len < 14 || memcmp(b, "Exif\0\0", 6))
		return (1);
	t = b + 6;
	tlen = len - 6;
	if (t[0] == 'I' && t[1] == 'I')
		le = 1;
	else if (t[0] == 'M' && t[1] == 'M')
		le = 0;
	else
		return (1);
	if (photo_get(t + 2, 2, le) != 42)
		return (1);
	if ((ifd = photo_get(t + 4, 4, le)) > tlen - 2)
		return (1);

	n = photo_get(t + ifd, 2, le);
	for (i = 0; i < n; i++) {
		if ((e = ifd + 2 + i * 12) + 12 > tlen)
			return (1);
		if (photo_get(t + e, 2, le) != EXIF_ORIENTATION)
			continue;
		if (photo_get(t + e + 2, 2, le) != 3 ||
		    photo_get(t + e + 4, 4, le) != 1)
			return (1);
		v = photo_get(t + e + 8, 2, le);
		return (v >= 1 && v <= 8 ? (int)v : 1);
	}
	return (1);
}

static const char *
photo_png(const u_int8_t *d, size_t len, struct fmt_buf *out)
{
	const u_int8_t	*type;
	size_t		off, n;
	int		i;

	fmt_buf_add(out, d, 8);
	for (off = 8;; off += n + 12) {
		if (len - off < 12)
			return (PNG_BAD);
		n = photo_get(d + off, 4, 0);
		if (n > 0x7fffffff || n > len - off - 12)
			return (PNG_BAD);
		type = d + off + 4;
		for (i = 0; i < 4; i++) {
			if ((type[i] | 0x20) < 'a' || (type[i] | 0x20) > 'z')
				return (PNG_BAD);
		}
		if (off == 8 && memcmp(type, "IHDR", 4))
			return (PNG_BAD);
		if (photo_png_keep(type))
			fmt_buf_add(out, d + off, n + 12);
		if (!memcmp(type, "IEND", 4))
			return (NULL);
	}
}

/* Critical chunks, and the ancillary ones about decoding or animation. */
static int
photo_png_keep(const u_int8_t *type)
{
	static const char	*keep[] = {
		"tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP",
		"bKGD", "hIST", "pHYs", "sPLT", "acTL", "fcTL", "fdAT", NULL
	};
	int			i;

	if (!(type[0] & 0x20))
		return (1);
	for (i = 0; keep[i] != NULL; i++) {
		if (!memcmp(type, keep[i], 4))
			return (1);
	}
	return (0);
}

static const char *
photo_webp(const u_int8_t *d, size_t len, struct fmt_buf *out)
{
	static const char	*keep[] = {
		"VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP", NULL
	};
	size_t			start, end, off, n, riff;
	int			i;

	if ((riff = photo_get(d + 4, 4, 1)) > len - 8 || riff < 12)
		return (WEBP_BAD);
	end = 8 + riff;
	start = out->len;
	fmt_buf_add(out, "RIFF\0\0\0\0WEBP", 12);

	for (off = 12; off < end; off += 8 + n + (n & 1)) {
		if (end - off < 8)
			return (WEBP_BAD);
		n = photo_get(d + off + 4, 4, 1);
		if (n > end - off - 8)
			return (WEBP_BAD);
		if (off == 12 && memcmp(d + off, "VP8 ", 4) &&
		    memcmp(d + off, "VP8L", 4) && memcmp(d + off, "VP8X", 4))
			return (WEBP_BAD);
		for (i = 0; keep[i] != NULL; i++) {
			if (!memcmp(d + off, keep[i], 4))
				break;
		}
		if (keep[i] == NULL)
			continue;
		fmt_buf_add(out, d + off, 8 + n);
		if (n & 1)
			fmt_buf_byte(out, '\0');
		/* VP8X flags: no EXIF (0x08), no XMP (0x04) any more. */
		if (!memcmp(d + off, "VP8X", 4) && n >= 1)
			out->data[out->len - n - (n & 1)] &= ~0x0c;
	}

	riff = out->len - start - 8;
	for (i = 0; i < 4; i++)
		out->data[start + 4 + i] = (char)((riff >> (8 * i)) & 0xff);
	return (NULL);
}
