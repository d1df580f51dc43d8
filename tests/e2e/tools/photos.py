#!/usr/bin/env python3
"""Photos with personal metadata, for the tests (Debian's python3-pil).

    photos.py make DIR     writes DIR/meta.jpg, meta.png, meta.webp: small
                           photos whose metadata holds a GPS position,
                           the phone's make and model, an owner, XMP and
                           text chunks (each marked SECRET-<what>), the
                           JPEG with EXIF orientation 6; and the same
                           picture without metadata as plain.jpg (with
                           PIL's JFIF segment), plain.png and plain.webp
    photos.py check ORIG STRIPPED
                           prints one JSON object about STRIPPED:
                           "pixels": decodes to ORIG's pixels,
                           "secrets": SECRET- markers left in its bytes,
                           "exif": its EXIF tags (number: value),
                           "text": its PNG text chunks,
                           "format": what PIL reads it as
"""
import io
import json
import re
import sys

from PIL import Image, PngImagePlugin

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description '
       b'photoshop:City="SECRET-xmp-city"/></x:xmpmeta>')


def picture():
    img = Image.new("RGB", (16, 8))
    img.putdata([((x * 16) % 256, (y * 32) % 256, (x * y * 8) % 256)
                 for y in range(8) for x in range(16)])
    return img


def exif(orientation=None):
    e = Image.Exif()
    e[0x010F] = "SECRET-make"                # Make
    e[0x0110] = "SECRET-model"               # Model
    e[0x013B] = "SECRET-artist"              # Artist
    if orientation:
        e[0x0112] = orientation              # Orientation
    gps = {1: "N", 2: (32.0, 43.0, 12.5), 3: "W", 4: (117.0, 8.0, 3.25),
           0x1b: "SECRET-gps-method"}
    e[0x8825] = gps                          # GPS IFD
    return e


def make(d):
    img = picture()
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, exif=exif(6).tobytes(),
             comment=b"SECRET-comment")
    # An XMP segment after the EXIF one.
    data = buf.getvalue()
    app1 = b"http://ns.adobe.com/xap/1.0/\x00" + XMP
    seg = b"\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
    data = data[:2] + seg + data[2:]
    open(d + "/meta.jpg", "wb").write(data)

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "SECRET-png-text")
    info.add_text("Location", "SECRET-png-ztxt", zip=True)
    info.add_itxt("Comment", "SECRET-png-itxt", lang="en")
    img.save(d + "/meta.png", "PNG", pnginfo=info, exif=exif().tobytes())

    img.save(d + "/meta.webp", "WEBP", lossless=True, exif=exif().tobytes(),
             xmp=XMP)

    for ext, fmt in (("jpg", "JPEG"), ("png", "PNG"), ("webp", "WEBP")):
        img.save(d + "/plain." + ext, fmt)


def check(orig, stripped):
    a = Image.open(orig)
    b = Image.open(stripped)
    raw = open(stripped, "rb").read()
    secrets = sorted({m.decode() for m in re.findall(rb"SECRET-[a-z-]+",
                                                      raw)})
    out = {
        "format": b.format,
        "pixels": a.convert("RGB").tobytes() == b.convert("RGB").tobytes(),
        "secrets": secrets,
        "exif": {str(k): str(v) for k, v in b.getexif().items()},
        "text": dict(getattr(b, "text", {}) or {}),
    }
    print(json.dumps(out, sort_keys=True))


if sys.argv[1] == "make":
    make(sys.argv[2])
else:
    check(sys.argv[2], sys.argv[3])
