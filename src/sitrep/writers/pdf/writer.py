"""The PDF writer: the HTML writer's output laid out by WeasyPrint, inside a resource sandbox.

The HTML is exactly what `--format html` writes, but for a draft's watermark, which is drawn
as outlines rather than written as text (pdf/watermark.py). `prepare_pdf` checks everything the
brief names and builds a plain `PdfJob`; `pdf.engine.run_pdf_job` lays it out with WeasyPrint,
here or in a helper process. Dates in the PDF come from the brief, never the clock, so the same
brief gives a byte-identical PDF.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from sitrep.errors import ResourceRefused
from sitrep.model.brief import Brief
from sitrep.resolve import ResolvedBrief
from sitrep.writers.html import render_html, template_folders
from sitrep.writers.images import check_image
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.engine import AttachmentSpec, PdfJob, font_config, pdf_variants, run_pdf_job
from sitrep.writers.sandbox import (
    allowed_roots,
    brief_folder,
    brief_roots,
    check_figures,
    figure_url,
    is_remote,
    read_brief_file,
)

__all__ = ["font_config", "pdf_variants", "prepare_pdf", "write_pdf"]


def _check_figures(
    brief: Brief, folder: Path, roots: tuple[Path, ...], options: RenderOptions
) -> None:
    """Each figure allowed, and each local one an image WeasyPrint can decode."""
    check_figures(brief.figures, folder, roots, options)
    for index, figure in enumerate(brief.figures):
        if not is_remote(figure.image):
            field = f"figures[{index}].image"
            _, data = read_brief_file(figure.image, field, folder, roots)
            check_image(data, field, figure.image, _reader(field, folder, roots))


def _reader(field: str, folder: Path, roots: tuple[Path, ...]) -> Callable[[str], bytes]:
    """Reads a file an SVG figure draws, under the same rules as the figure itself."""
    return lambda reference: read_brief_file(reference, field, folder, roots)[1]


def _attachments(
    brief: Brief, folder: Path, roots: tuple[Path, ...], options: RenderOptions
) -> tuple[AttachmentSpec, ...]:
    when = dt.datetime(brief.date.year, brief.date.month, brief.date.day, tzinfo=dt.UTC)
    out = []
    for index, item in enumerate(brief.attachments):
        field = f"attachments[{index}].path"
        if is_remote(item.path):
            raise ResourceRefused(
                f"{field}: {item.path} is a remote URL; attachments must be files in the "
                "brief's folder"
            )
        _, data = read_brief_file(item.path, field, folder, roots)
        name = Path(item.path).name
        out.append(AttachmentSpec(data, name, item.title or name, when))
    return tuple(out)


def prepare_pdf(resolved: ResolvedBrief, options: RenderOptions) -> PdfJob:
    """Everything WeasyPrint needs, checked: HTML, allowed folders, figures and attachments."""
    from sitrep.writers.pdf.checks import check_text
    from sitrep.writers.pdf.fonts import check_scripts
    from sitrep.writers.pdf.watermark import watermark_markup

    html_text = render_html(
        resolved,
        options,
        lambda word: watermark_markup(word, options.warn),
        print_layout=True,
    )
    folder = brief_folder(resolved.folder)
    user_folder, _ = template_folders(options, "HTML")
    roots = allowed_roots(folder, options, user_folder)
    _check_figures(resolved.brief, folder, brief_roots(folder, options), options)
    attachments = _attachments(resolved.brief, folder, brief_roots(folder, options), options)
    check_scripts(html_text, options.warn)
    check_text(resolved.brief, options.warn)
    return PdfJob(
        html_text,
        str(folder) + os.sep,
        roots,
        options.allow_remote,
        options.remote_timeout,
        options.pdf_variant,
        attachments,
        tuple(
            (f"figures[{index}].image", figure_url(figure.image))
            for index, figure in enumerate(resolved.brief.figures)
            if is_remote(figure.image)
        ),
    )


def write_pdf(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """Render the brief's HTML layout to PDF bytes, in this process."""
    return run_pdf_job(prepare_pdf(resolved, options), options.warn)
