"""Writers turn a resolved brief into bytes. Lookup by name is data: one entry per format."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.errors import RenderError
from sitrep.writers.options import RenderOptions

if TYPE_CHECKING:
    from sitrep.resolve import ResolvedBrief

__all__ = ["FORMATS", "SUFFIXES", "Writer", "file_suffix", "format_for", "get_writer"]

# Importing this package stays light (no pydantic), so the CLI can start a PDF engine first.
Writer = Callable[["ResolvedBrief", RenderOptions], bytes]

# format name -> "module:function"; a new format is one module plus one line here.
FORMATS: dict[str, str] = {
    "pdf": "sitrep.writers.pdf.writer:write_pdf",
    "docx": "sitrep.writers.docx.writer:write_docx",
    "html": "sitrep.writers.html:write_html",
    "md": "sitrep.writers.markdown:write_markdown",
    "stix": "sitrep.writers.interchange.stix:write_stix",
    "misp": "sitrep.writers.interchange.misp:write_misp",
}

SUFFIXES: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
}

# Both interchange formats are JSON; a double suffix tells their files apart in one folder.
_FILE_SUFFIXES = {"stix": ".stix.json", "misp": ".misp.json"}


def file_suffix(name: str) -> str:
    """The suffix of a file written in a format when only a folder is given: ".pdf"."""
    return _FILE_SUFFIXES.get(name, f".{name}")


def get_writer(name: str) -> Writer:
    """The writer for a format name; imported only when first used."""
    try:
        module_name, _, function = FORMATS[name].partition(":")
    except KeyError:
        raise RenderError(
            f"unknown format {name!r} (expected one of: {', '.join(FORMATS)})"
        ) from None
    writer: Writer = getattr(import_module(module_name), function)
    return writer


def format_for(path: Path) -> str:
    """Infer the output format from a file name's suffix."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise RenderError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r} "
            f"(expected one of {', '.join(SUFFIXES)}, or give --format)"
        ) from None
