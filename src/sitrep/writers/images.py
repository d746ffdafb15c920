"""Is a figure's file an image a writer can place? Checked before layout, so a fake or
oversized image stops the render with an error naming the field instead of vanishing."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from io import BytesIO

from sitrep.errors import RenderError

__all__ = ["MAX_PIXELS", "check_image"]

MAX_PIXELS = 100_000_000
"""The largest figure, in pixels (10,000 × 10,000): more would take gigabytes to decode."""


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _check_svg(
    data: bytes, field: str, reference: str, read: Callable[[str], bytes] | None, depth: int
) -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise RenderError(f"{field}: {reference} is not a readable SVG image ({error})") from None
    if etree.QName(root).localname != "svg":
        raise RenderError(f"{field}: {reference} is not an SVG image (its root is not <svg>)")
    for element in root.iter("{http://www.w3.org/2000/svg}image"):
        href = (element.get("href") or element.get(_XLINK_HREF) or "").strip()
        nested = _nested_image(href, reference, read)
        if nested is None:
            continue
        if depth >= 3:
            raise RenderError(f"{field}: {reference} nests images too deeply (expected at most 3)")
        check_image(nested, field, f"{reference} (its image {href[:60]})", read, depth + 1)


def _nested_image(href: str, reference: str, read: Callable[[str], bytes] | None) -> bytes | None:
    """The bytes of an image an SVG draws: a data: URL's, or a file's next to the SVG (through
    `read`, which keeps to the brief's folder). Remote and other URLs are the fetcher's."""
    import base64
    import posixpath
    from urllib.parse import unquote, unquote_to_bytes

    if href.lower().startswith("data:"):
        header, _, payload = href[5:].partition(",")
        try:
            if header.lower().endswith(";base64"):
                return base64.b64decode(payload)
            return unquote_to_bytes(payload)
        except ValueError:
            return b""  # not an image: check_image says so, naming the field
    if not href or read is None or href.startswith("#") or ":" in href.split("/")[0]:
        return None
    try:
        return read(posixpath.join(posixpath.dirname(reference), unquote(href)))
    except (RenderError, OSError):
        return None  # refused or missing: the PDF's fetcher skips it with a warning


def check_image(
    data: bytes,
    field: str,
    reference: str,
    read: Callable[[str], bytes] | None = None,
    depth: int = 0,
) -> None:
    """Raise RenderError naming `field` unless `data` is a PNG, JPEG, GIF, WebP... or SVG image
    of at most MAX_PIXELS pixels whose data is intact; the images an SVG draws (data: URLs, and
    files next to it when `read` reads a brief's file) are checked the same way."""
    head = data[:512].lstrip()
    if head.startswith(b"<") or reference.lower().endswith((".svg", ".svgz")):
        _check_svg(data, field, reference, read, depth)
        return
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise RenderError(
                        f"{field}: {reference} is {width:,} × {height:,} pixels, more than the "
                        f"{MAX_PIXELS:,} a figure may have; scale it down"
                    )
                image.verify()
    except RenderError:
        raise
    except Image.DecompressionBombError:
        raise RenderError(
            f"{field}: {reference} is too large to decode (more than {MAX_PIXELS:,} pixels); "
            "scale it down"
        ) from None
    except Exception as error:  # Pillow raises many kinds for broken files
        raise RenderError(
            f"{field}: {reference} is not a readable image "
            f"({': '.join(filter(None, (type(error).__name__, _named(error, reference))))}); "
            "expected a PNG, JPEG or SVG file"
        ) from None


def _named(error: Exception, reference: str) -> str:
    """Pillow's message, with the file's name where it prints `<_io.BytesIO object at 0x…>`."""
    import re

    return re.sub(r"<_io\.BytesIO object at 0x[0-9a-fA-F]+>", reference, str(error))
