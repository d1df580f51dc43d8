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
 * Uploaded photos: their type by magic bytes, and a copy without the
 * metadata a camera or phone writes into them (EXIF with GPS position,
 * device and owner, XMP, IPTC, comments, text chunks, thumbnails), so
 * that a reporter's home never leaks through a public photo. The image
 * data itself is copied byte for byte, never decoded or re-encoded.
 * Pure code.
 *
 * What is kept, per format (everything else goes):
 * - JPEG: the segments a decoder needs (SOF, DHT, DQT, DRI, DAC, DNL,
 *   SOS and the scans), APP2 ICC_PROFILE (colour) and APP14 Adobe (the
 *   colour transform of CMYK and YCCK images). The EXIF orientation,
 *   when it is not 1, is written back alone in a minimal EXIF segment:
 *   phones store pixels sideways and rely on it.
 * - PNG: every critical chunk, and the ancillary chunks about decoding
 *   (tRNS, cHRM, gAMA, iCCP, sBIT, sRGB, cICP, bKGD, hIST, pHYs, sPLT)
 *   and animation (acTL, fcTL, fdAT); not eXIf, tEXt, zTXt, iTXt, tIME
 *   or any unknown ancillary chunk.
 * - WebP: VP8, VP8L, VP8X (its EXIF and XMP flags cleared), ALPH, ANIM,
 *   ANMF and ICCP; not EXIF, XMP or unknown chunks.
 * Bytes after the end of the image (past JPEG's EOI, PNG's IEND or the
 * RIFF size) go too.
 */

#ifndef __H_FMT_PHOTO
#define __H_FMT_PHOTO

#include <stddef.h>

#include "formats/buf.h"

/*
 * The type of the image in the len bytes at data by its magic bytes:
 * "image/jpeg", "image/png" or "image/webp"; NULL for anything else.
 */
const char	*fmt_photo_type(const void *, size_t);

/*
 * Appends to out the image in the len bytes at data (of a type that
 * fmt_photo_type() names) without its metadata, as described above.
 * Returns NULL, or why the image is refused ("is not a well-formed
 * JPEG", ...), in which case out holds an incomplete copy.
 */
const char	*fmt_photo_strip(const void *, size_t, struct fmt_buf *);

#endif
