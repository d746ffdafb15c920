"""The WeasyPrint side of the PDF writer: plain-data jobs in, PDF bytes out.

A `PdfJob` holds everything WeasyPrint needs (the final HTML, the folders it may read, the
attachments' bytes), so it can run in this process or in a helper process that loaded WeasyPrint
while the brief was still being read. This module imports nothing of the brief model.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import RenderError
from sitrep.writers.options import RenderOptions, Warn
from sitrep.writers.pdf.footnote_repair import render_with_notes_on_their_pages
from sitrep.writers.pdf.native import import_weasyprint

__all__ = ["AttachmentSpec", "PdfJob", "font_config", "pdf_variants", "run_pdf_job"]

_FONT_CONFIG: Any = None


def font_config() -> Any:
    """The process-wide WeasyPrint FontConfiguration (created on first use)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        import_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def pdf_variants() -> tuple[str, ...]:
    """The PDF variants WeasyPrint offers (pdf/a-3b, pdf/ua-1, ...)."""
    import_weasyprint()
    from weasyprint.pdf import VARIANTS

    return tuple(sorted(VARIANTS))


@dataclass(frozen=True)
class AttachmentSpec:
    """A file to embed, already read from the brief's folder."""

    data: bytes
    name: str
    description: str
    when: dt.datetime


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: the HTML and what WeasyPrint may read while laying it out."""

    html: str
    base_url: str
    roots: tuple[Path, ...]
    allow_remote: bool
    remote_timeout: float
    variant: str | None
    attachments: tuple[AttachmentSpec, ...]


def run_pdf_job(job: PdfJob, warn: Warn) -> bytes:
    """Lay out the job's HTML with WeasyPrint inside the resource sandbox."""
    weasyprint = import_weasyprint()  # first: the fetcher module imports weasyprint.urls
    from sitrep.writers.pdf.fetcher import SandboxFetcher
    from sitrep.writers.pdf.tagging import finish_pdf

    variant = job.variant.lower() if job.variant is not None else None
    if variant is not None and variant not in pdf_variants():
        raise RenderError(
            f"unknown PDF variant {job.variant!r} (expected one of: {', '.join(pdf_variants())})"
        )
    if job.attachments and variant is not None and variant[:7] in ("pdf/a-1", "pdf/a-2"):
        raise RenderError(
            f"attachments: {variant} cannot embed files (PDF/A-1 and PDF/A-2 allow only PDF/A "
            "attachments); use --pdf-variant pdf/a-3b, or drop the attachments"
        )
    settings = RenderOptions(
        allow_remote=job.allow_remote, remote_timeout=job.remote_timeout, warn=warn
    )
    attachments = [
        weasyprint.Attachment(
            file_obj=io.BytesIO(item.data),
            name=item.name,
            description=item.description,
            created=item.when,
            modified=item.when,
            relationship="Supplement",
        )
        for item in job.attachments
    ]
    html = weasyprint.HTML(
        string=job.html, base_url=job.base_url, url_fetcher=SandboxFetcher(job.roots, settings)
    )
    pdf_options: dict[str, Any] = {
        "pdf_variant": variant,
        "pdf_tags": True,
        "attachments": attachments or None,
    }
    document = render_with_notes_on_their_pages(
        html, warn, font_config=font_config(), **pdf_options
    )
    data: bytes = document.write_pdf(**pdf_options)
    return finish_pdf(data)
