"""Is a figure's file an image a writer can place? Checked before layout, so a fake or
oversized image stops the render with an error naming the field instead of vanishing."""

from __future__ import annotations

import warnings
from io import BytesIO

from sitrep.errors import RenderError

__all__ = ["MAX_PIXELS", "check_image"]

MAX_PIXELS = 100_000_000
"""The largest figure, in pixels (10,000 × 10,000): more would take gigabytes to decode."""


def _check_svg(data: bytes, field: str, reference: str) -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise RenderError(f"{field}: {reference} is not a readable SVG image ({error})") from None
    if etree.QName(root).localname != "svg":
        raise RenderError(f"{field}: {reference} is not an SVG image (its root is not <svg>)")


def check_image(data: bytes, field: str, reference: str) -> None:
    """Raise RenderError naming `field` unless `data` is a PNG, JPEG, GIF, WebP... or SVG image
    of at most MAX_PIXELS pixels whose data is intact."""
    head = data[:512].lstrip()
    if head.startswith(b"<") or reference.lower().endswith((".svg", ".svgz")):
        _check_svg(data, field, reference)
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
            f"({': '.join(filter(None, (type(error).__name__, str(error))))}); "
            "expected a PNG, JPEG or SVG file"
        ) from None
