"""A figure's bytes without its file's metadata, so no output carries who made an image, where,
with what, or when.

A photo's EXIF (GPS position, camera serial, author, software, dates), an XMP packet, IPTC, JPEG
comments, PNG text chunks, thumbnails and bytes after the image's end can name a source or the
analyst's machine; a release promises that nothing above it leaks. What stays is what the image
needs to look the same: its pixels, its colour profile (needed for its colours; its free text
is blanked by `writers.colour_profile`), gamma and chromaticity, transparency, and its
resolution (DOCX sizes a figure by it). An EXIF orientation is applied to the pixels, so the
image shows the right way up in every reader without the tag.

- JPEG: metadata segments are dropped without re-compressing, unless the image must be turned
  (then it is re-encoded once, at quality 95 without chroma subsampling).
- PNG: chunks are filtered, the compressed pixel data is copied as it is.
- SVG: `<metadata>`, comments, processing instructions and the editors' `sodipodi:`/`inkscape:`
  elements and attributes are dropped; what is drawn (`<text>` included), `<title>` and `<desc>`
  (the drawing's accessible name) stay. Raster images an SVG embeds as data: URLs are cleaned too.
- Any other raster format (GIF, WebP, TIFF, BMP) is re-encoded losslessly as PNG (first frame).

Bytes that are not a readable image are returned as they are: the writers' checks
(`writers.images.check_image`) refuse them with an error naming the field.
"""

from __future__ import annotations

import base64
import re
import struct
import warnings
from io import BytesIO
from typing import TYPE_CHECKING, Any

from sitrep.writers.colour_profile import blank_profile_text

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["is_raster_image", "without_metadata"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = frozenset(
    (
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS",  # the image
        b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI", b"mDCv", b"cLLi",  # colour
        b"sBIT", b"bKGD", b"pHYs",  # significant bits, background, resolution
        b"acTL", b"fcTL", b"fdAT",  # an animated PNG's frames
    )
)  # fmt: skip
"""Chunks that change how the image looks; every other chunk (tEXt, zTXt, iTXt, eXIf, tIME,
private chunks) is metadata."""
_PNG_COLOUR = (b"gAMA", b"cHRM", b"sRGB", b"cICP")
"""Colour chunks Pillow does not write back when a turned PNG is re-encoded."""

_MAX_PROFILE = 16 * 1024 * 1024
"""The largest colour profile read (real ones are a few kB to a few hundred)."""
_ORIENTATION = 0x0112
_SVG_EDITORS = (
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.inkscape.org/namespaces/inkscape",
)
_RDF = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
)
_DATA_IMAGE = re.compile(r"data:(image/[\w.+-]+);base64,", re.IGNORECASE)


_RASTER_SIGNATURES = (
    b"\xff\xd8\xff",  # JPEG
    _PNG_SIGNATURE,
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"BM",
)


def is_raster_image(data: bytes) -> bool:
    """Whether `data` starts like a JPEG, PNG, GIF, WebP, TIFF or BMP file, whatever its name."""
    return data.startswith(_RASTER_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def without_metadata(data: bytes) -> bytes:
    """`data` (a PNG, JPEG, SVG or other image) without its metadata; its look unchanged."""
    try:
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg(data)
        if data.startswith(_PNG_SIGNATURE):
            return _png(data)
        if data[:512].lstrip().startswith(b"<"):
            return _svg(data)
    except Exception:  # Pillow, lxml and struct raise many kinds for an odd file
        pass  # an image Pillow still decodes is redrawn from its pixels below
    try:
        return _other_raster(data)
    except Exception:
        return data  # not an image: the writer's check refuses it, naming the field


# -- JPEG ----------------------------------------------------------------------------------------


def _open(data: bytes) -> Image.Image:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(BytesIO(data))


def _jpeg(data: bytes) -> bytes:
    with _open(data) as image:
        dpi = image.info.get("dpi")
        if image.getexif().get(_ORIENTATION, 1) in range(2, 9):
            data = _turned_jpeg(image)
    return _jpeg_segments(data, dpi)


def _turned_jpeg(image: Image.Image) -> bytes:
    """The image turned the way its EXIF says, re-encoded once at high quality without chroma
    subsampling: turning moves the 8x8 blocks, so the original tables would compound the loss
    (a 38 dB PSNR or better against the original, where its own tables gave 26 dB)."""
    from PIL import ImageOps

    options: dict[str, Any] = {
        "quality": 95,
        "subsampling": 0,
        "icc_profile": image.info.get("icc_profile"),
        "progressive": bool(image.info.get("progressive")),
        "dpi": image.info.get("dpi"),
    }
    turned = ImageOps.exif_transpose(image)
    out = BytesIO()
    turned.save(out, "JPEG", **{k: v for k, v in options.items() if v is not None and v != -1})
    return out.getvalue()


def _jfif(density: bytes) -> bytes:
    """An APP0 JFIF segment with `density` (units, x, y) and no thumbnail."""
    return _segment(0xE0, b"JFIF\x00\x01\x01" + density + b"\x00\x00")


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg_segments(data: bytes, dpi: Any) -> bytes:
    """The JPEG's segments that draw it: frame, tables, scans and their entropy-coded data, the
    ICC profile (APP2) and Adobe colour transform (APP14); a JFIF header without thumbnail.
    Everything else (APP1 EXIF/XMP, APP13 IPTC, other APPn, COM, bytes after EOI) is dropped."""
    kept: list[bytes] = []
    density = b""
    adobe = False
    icc: list[tuple[int, bytes]] = []  # (sequence number, chunk) of the split ICC profile
    icc_at = 0
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:  # stray bytes between segments: decoders skip them too
            position = data.find(b"\xff", position)
            if position < 0:
                break
            continue
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image: whatever follows is not the image
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        payload = data[position + 4 : end]
        if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 12:
            density = payload[7:12]
        elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00") and len(payload) > 14:
            icc_at = icc_at if icc else len(kept)
            icc.append((payload[12], payload[14:]))
        elif marker == 0xEE and payload.startswith(b"Adobe"):
            adobe = True
            kept.append(data[position:end])
        elif not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            kept.append(data[position:end])
        position = end
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            scan_end = _scan_end(data, position)
            kept.append(data[position:scan_end])
            position = scan_end
    kept[icc_at:icc_at] = _icc_segments(icc)
    header = _jpeg_header(density, adobe, dpi)
    return b"\xff\xd8" + header + b"".join(kept) + b"\xff\xd9"


def _icc_segments(chunks: list[tuple[int, bytes]]) -> list[bytes]:
    """The APP2 segments of a JPEG's ICC profile, its text blanked, split as it was."""
    chunks = sorted(chunks, key=lambda chunk: chunk[0])
    profile = blank_profile_text(b"".join(chunk for _, chunk in chunks))
    segments, start = [], 0
    for number, (_, chunk) in enumerate(chunks, 1):
        piece = profile[start : start + len(chunk)]
        start += len(chunk)
        segments.append(_segment(0xE2, b"ICC_PROFILE\x00" + bytes((number, len(chunks))) + piece))
    return segments


def _scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data from `position` ends: at the first 0xFF that is not a
    stuffed byte (FF 00) or a restart marker (FF D0-D7)."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position = found + 2
        else:
            return found


def _jpeg_header(density: bytes, adobe: bool, dpi: Any) -> bytes:
    """JFIF first, so every reader (python-docx among them) knows the file and its resolution.
    An Adobe JPEG without JFIF gets none (JFIF would change how its colours are read): it gets
    an EXIF that holds its resolution and nothing else."""
    if isinstance(dpi, tuple) and len(dpi) == 2 and all(0 < round(d) < 65536 for d in dpi):
        resolution = (round(dpi[0]), round(dpi[1]))
    else:
        resolution = None
    if density or not adobe:
        if resolution and not density:
            density = struct.pack(">BHH", 1, *resolution)
        return _jfif(density or b"\x00\x00\x01\x00\x01")
    from PIL import Image

    exif = Image.Exif()
    if resolution:
        exif[0x011A], exif[0x011B], exif[0x0128] = resolution[0], resolution[1], 2
    return _segment(0xE1, exif.tobytes())  # tobytes() starts with "Exif\\0\\0"


# -- PNG -----------------------------------------------------------------------------------------


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """(type, data, whole chunk) of each chunk up to IEND."""
    chunks = []
    position = len(_PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        chunks.append((kind, data[position + 8 : end - 4], data[position:end]))
        position = end
        if kind == b"IEND":
            break
    return chunks


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    import zlib

    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def _png(data: bytes) -> bytes:
    chunks = _png_chunks(data)
    exif = next((payload for kind, payload, _ in chunks if kind == b"eXIf"), None)
    if exif is not None:
        from PIL import Image

        tags = Image.Exif()
        tags.load(exif if exif.startswith(b"Exif") else b"Exif\x00\x00" + exif)
        if tags.get(_ORIENTATION, 1) in range(2, 9):
            chunks = _png_chunks(_turned_png(data, chunks))
    out = [_PNG_SIGNATURE]
    for kind, payload, whole in chunks:
        if kind == b"iCCP":  # the profile's name and texts are free text: blanked
            profile = _png_profile(payload)
            if profile is not None:
                out.append(_png_chunk(kind, b"ICC profile\x00\x00" + profile))
        elif kind in _PNG_KEPT:
            out.append(whole)
    return b"".join(out)


def _png_options(image: Image.Image) -> dict[str, Any]:
    """What a PNG re-encoding must carry over to look the same and keep its size."""
    return {
        key: image.info[key] for key in ("transparency", "dpi", "icc_profile") if key in image.info
    }


def _png_profile(payload: bytes) -> bytes | None:
    """An iCCP chunk's profile, its text blanked, compressed again (None if absurdly large)."""
    import zlib

    compressed = payload[payload.index(b"\x00") + 2 :]
    inflate = zlib.decompressobj()
    profile = inflate.decompress(compressed, _MAX_PROFILE)
    if inflate.unconsumed_tail:
        return None
    return zlib.compress(blank_profile_text(profile))


def _turned_png(data: bytes, chunks: list[tuple[bytes, bytes, bytes]]) -> bytes:
    from PIL import ImageOps
    from PIL.PngImagePlugin import PngInfo

    with _open(data) as image:
        turned = ImageOps.exif_transpose(image)
        colour = PngInfo()
        for kind, payload, _ in chunks:
            if kind in _PNG_COLOUR:
                colour.add(kind, payload)
        out = BytesIO()
        turned.save(out, "PNG", pnginfo=colour, **_png_options(image))
        return out.getvalue()


# -- SVG and other rasters -------------------------------------------------------------------------


def _svg(data: bytes) -> bytes:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    tree = etree.ElementTree(etree.fromstring(data, parser))
    root = tree.getroot()
    if etree.QName(root).localname != "svg":
        return data
    strays = [
        node
        for node in root.iter()
        if isinstance(node, (etree._Comment, etree._ProcessingInstruction))
        or (
            isinstance(node.tag, str)
            and (
                etree.QName(node).localname == "metadata"
                or etree.QName(node).namespace in _SVG_EDITORS + _RDF
            )
        )
    ]
    for node in strays:
        _remove_keeping_tail(node)
    for element in root.iter(tag=etree.Element):
        for name in [n for n in element.attrib if etree.QName(n).namespace in _SVG_EDITORS]:
            del element.attrib[name]
        for name in ("href", "{http://www.w3.org/1999/xlink}href"):
            href = element.get(name)
            if href is not None and _DATA_IMAGE.match(href.strip()):
                element.set(name, _clean_data_url(href.strip()))
    etree.cleanup_namespaces(tree)
    if tree.docinfo.internalDTD is None:
        # the root alone: the comments and processing instructions around it go
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    # entities the drawing may use are declared in the DTD: keep it, empty the comments around
    for sibling in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(sibling, etree._Comment):
            sibling.text = " "
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def _remove_keeping_tail(node: Any) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _clean_data_url(href: str) -> str:
    match = _DATA_IMAGE.match(href)
    assert match is not None
    try:
        payload = base64.b64decode(href[match.end() :])
    except ValueError:
        return href
    cleaned = without_metadata(payload)
    kind = "image/png" if cleaned.startswith(_PNG_SIGNATURE) else match.group(1)
    return f"data:{kind};base64,{base64.b64encode(cleaned).decode('ascii')}"


def _other_raster(data: bytes) -> bytes:
    """GIF, WebP, TIFF, BMP...: the first frame, turned if EXIF says so, as a lossless PNG."""
    from PIL import ImageOps

    with _open(data) as image:
        turned = ImageOps.exif_transpose(image)
        out = BytesIO()
        turned.save(out, "PNG", **_png_options(image))
        return _png(out.getvalue())
