"""The variables a Word template sees (docs/word-templates.md), built from a resolved brief.

Every text value is Markup made by `docx.runs`, so user text is never template source; figures
are read from the brief's folder only, through the shared sandbox check.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from markupsafe import Markup

from sitrep.errors import RenderError, ResourceRefused
from sitrep.inline import RichText
from sitrep.labels import Labels, house_folder, labels_for
from sitrep.model.brief import Event, Theme
from sitrep.model.walk import FieldPath
from sitrep.resolve import ResolvedBrief
from sitrep.resolve.dates import format_date, format_moment, format_when
from sitrep.writers.banner import banner
from sitrep.writers.docx.banner import banner_runs
from sitrep.writers.docx.footnotes import FootnotesPart
from sitrep.writers.docx.runs import PLAIN, Prose, RunBuilder, RunProps, join_runs
from sitrep.writers.docx.tradecraft import tradecraft_variables
from sitrep.writers.figure_bytes import without_metadata
from sitrep.writers.images import check_image
from sitrep.writers.masthead import actor_text, masthead, place_text
from sitrep.writers.options import RenderOptions

__all__ = ["TemplateContext"]

_BOLD = RunProps(bold=True)
_FACTS = ("date", "when", "where", "who", "prepared_by")
_PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
"""The Word field that prints each number of the `page` label."""
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


# -- figures ------------------------------------------------------------------------------------


def _figure_file(
    resolved: ResolvedBrief, index: int, image: str, options: RenderOptions
) -> tuple[Path, bytes]:
    from sitrep.writers.sandbox import brief_folder, brief_roots, read_brief_file

    field = f"figures[{index}].image"
    if "://" in image:
        raise ResourceRefused(
            f"{field}: {image!r} is a URL; a DOCX embeds only image files in the brief's folder"
        )
    folder = brief_folder(resolved.folder)
    return read_brief_file(image, field, folder, brief_roots(folder, options))


def _drawing(document: Any, data: bytes, alt: str, number: int) -> Markup:
    """An inline picture run, as wide as the text or its own size, whichever is smaller."""
    from docx.image.image import Image

    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    image = Image.from_blob(data)
    width = min(int(image.width), int(text_width))
    height = int(image.height) * width // max(int(image.width), 1)
    if height > text_height // 2:
        width = width * (text_height // 2) // height
        height = text_height // 2
    inline = document.part.new_pic_inline(BytesIO(data), width, height)
    inline.docPr.set("name", f"Figure {number}")
    inline.docPr.set("descr", alt)
    xml = etree.tostring(inline, encoding="unicode")
    # braces as character references: docxtpl rewrites "{_{" even in rendered output
    xml = xml.replace("{", "&#123;").replace("}", "&#125;")
    return Markup(f"<w:r><w:drawing>{xml}</w:drawing></w:r>")


# -- the template context -----------------------------------------------------------------------


class TemplateContext:
    """Builds the template variables; every string goes through the run builder."""

    def __init__(
        self,
        resolved: ResolvedBrief,
        options: RenderOptions,
        document: Any,
        footnotes: FootnotesPart,
        layout: str,
        styles: dict[str, str],
    ) -> None:
        self.resolved = resolved
        self.options = options
        self.document = document
        self.layout = layout
        self.style = resolved.brief.date_format
        self.labels: Labels = labels_for(
            resolved.brief.language, layout, house_folder(options.template)
        )
        self.runs = RunBuilder(self._link_id, footnotes.footnote_id, styles)

    def _link_id(self, url: str) -> str:
        rid: str = self.document.part.relate_to(url, _HYPERLINK, is_external=True)
        return rid

    def text(self, value: str | None) -> Markup:
        return RunBuilder.text_in_run(value or "")

    def prose(self, path: FieldPath, first: Markup | None = None) -> Prose:
        text: RichText | None = self.resolved.prose.get(path)
        return self.runs.prose(text, first)

    def build(self) -> dict[str, Any]:
        brief = self.resolved.brief
        labels = self.labels
        head = masthead(
            brief,
            self.layout,
            labels,
            lambda day: format_date(day, self.style, brief.language),
            lambda when: format_when(when, self.style, brief.language),
        )
        facts = dict(head.facts)
        byline = labels.byline(brief.authors, brief.organisation)
        dateline_lead = (
            self.runs.run(f"{brief.dateline} – ", _BOLD) if brief.dateline else Markup("")
        )
        return {
            "labels": {
                **{key: self.text(value) for key, value in labels.messages().items()},
                "judgments_note": self.text(
                    labels.judgments_note(self.resolved.brief.likelihood_scale.label)
                ),
                **{
                    f"page_{part}": self.text(words)
                    for part, words in zip(
                        ("before", "between", "after"), labels.page_parts(), strict=True
                    )
                },
                # Word's fields in the order the label names the numbers
                **{
                    f"page_{place}_field": _PAGE_FIELDS[name]
                    for place, name in zip(("first", "second"), labels.page_order(), strict=True)
                },
            },
            "kicker": self.text(head.kicker),
            "facts": {key: self.text(labels.fact(labels[key])) for key in _FACTS},
            "meta_line": self.text(head.meta),
            "continuity": self.text(head.continuity),
            "changes": self._changes(),
            "where_detailed": self.text(facts.get(labels.where)),
            "authors_line": self.text(facts.get(labels.prepared_by)),
            "layout": self.text(self.layout),
            "title": self.text(brief.title),
            "subtitle": self.text(brief.subtitle),
            "date": self.text(format_date(brief.date, self.style, brief.language)),
            "when": self.text(format_when(brief.when, self.style, brief.language)),
            "dateline": self.text(brief.dateline),
            "dateline_lead": dateline_lead,
            "byline": self.text(byline),
            "authors": [self.text(a) for a in brief.authors],
            "organisation": self.text(brief.organisation),
            "marking": self.text(brief.marking.value if brief.marking else ""),
            "marking_label": banner_runs(banner(brief)),
            "keywords": self.text(", ".join(brief.keywords)),
            "where": self.text("; ".join(place_text(p, labels) for p in brief.where)),
            "who": self.text("; ".join(actor_text(a) for a in brief.who)),
            "standfirst": self.prose(("standfirst",)),
            "figures": self._figures(),
            "what": self._what(),
            "sections": self._sections(dateline_lead if self.layout == "article" else None),
            "assessment": self.prose(("assessment",)),
            "key_judgments": self._judgments(),
            "quotes": [self._quote(("quotes", i)) for i in range(len(brief.quotes))],
            "recommendations": [
                self.prose(("recommendations", i)) for i in range(len(brief.recommendations))
            ],
            "attachments": [
                {
                    "title": self.text(a.title or Path(a.path).name),
                    "path": self.text(a.path),
                    "line": self.text(" ".join(filter(None, (a.title, a.path.split("/")[-1])))),
                }
                for a in brief.attachments
            ],
            "contact": self.prose(("contact",)),
            **tradecraft_variables(self),
            "bibliography": [self.runs.inline(e.content) for e in self.resolved.bibliography],
            "source_table": [
                {
                    "source": self.runs.inline(row.content),
                    "grade": self.text(row.grade or labels.no_grade),
                    "reliability": self.text(row.reliability),
                    "credibility": self.text(row.credibility),
                    "meaning": self.text(labels.grade_meaning(row.reliability, row.credibility)),
                }
                for row in self.resolved.source_table
            ],
        }

    def _changes(self) -> dict[str, Any] | None:
        """The "Changes since the last brief" box, when the render asked for one."""
        box = self.resolved.changes
        if box is None:
            return None
        return {"heading": self.text(box.heading), "lines": [self.runs.prose(i) for i in box.items]}

    def _figures(self) -> list[dict[str, Any]]:
        out = []
        for index, figure in enumerate(self.resolved.brief.figures):
            path, data = _figure_file(self.resolved, index, figure.image, self.options)
            caption = self.prose(("figures", index, "caption"))
            alt = figure.alt or caption.plain or figure.credit or path.name
            if path.suffix.lower() in _IMAGE_SUFFIXES:
                check_image(data, f"figures[{index}].image", figure.image)
                try:
                    image = _drawing(self.document, without_metadata(data), alt, index + 1)
                except Exception as exc:  # python-docx raises several kinds for bad images
                    raise RenderError(
                        f"figures[{index}].image: {figure.image!r} is not a readable image "
                        f"({str(exc) or type(exc).__name__}; expected a PNG or JPEG file)"
                    ) from exc
            else:
                self.options.warn(
                    f"figures[{index}].image: {figure.image!r} cannot be embedded in a DOCX "
                    "(expected PNG or JPEG); only its caption is shown"
                )
                image = Markup("")
            credit = (
                RunBuilder.run(" " + self.labels.format("credit", credit=figure.credit))
                if figure.credit
                else Markup("")
            )
            before, after = self.labels.figure_parts(index + 1)
            out.append(
                {
                    "number": index + 1,
                    "label_before": self.text(before),
                    "label_after": self.text(after),
                    "image": image,
                    "caption": caption,
                    "credit": self.text(figure.credit),
                    "alt": self.text(alt),
                    "caption_line": caption.runs + credit,
                }
            )
        return out

    def _event(self, event: Event, path: FieldPath) -> dict[str, Any]:
        text = self.prose((*path, "text"))
        language = self.resolved.brief.language
        when = format_moment(event.date, event.time, self.style, language) if event.date else ""
        lead = RunBuilder.run(f"{when} ", _BOLD) if when else Markup("")
        return {"date": self.text(when), "text": text, "runs": lead + text.runs}

    def _what(self) -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = []
        for index, item in enumerate(self.resolved.brief.what):
            if isinstance(item, Theme):
                events = [
                    self._event(event, ("what", index, "events", j))
                    for j, event in enumerate(item.events)
                ]
                groups.append({"theme": self.text(item.theme), "events": events})
            else:
                if not groups or groups[-1]["theme"]:
                    groups.append({"theme": Markup(""), "events": []})
                groups[-1]["events"].append(self._event(item, ("what", index)))
        return groups

    def _quote(self, path: FieldPath) -> dict[str, Any]:
        model: Any = self.resolved.brief
        for part in path:
            model = model[part] if isinstance(part, int) else getattr(model, part)
        text = self.prose((*path, "text"))
        who = ", ".join(p for p in (model.speaker, model.affiliation) if p)
        # the language's marks are in the text (resolve), a closing call after the closing mark
        runs = Markup("<w:r><w:br/></w:r>").join(text.paragraphs)
        return {
            "text": text,
            "runs": runs,
            "speaker": self.text(model.speaker),
            "affiliation": self.text(model.affiliation),
            "attribution": self.text(self.labels.format("attribution", who=who)),
        }

    def _sections(self, lead: Markup | None) -> list[dict[str, Any]]:
        out = []
        for index, section in enumerate(self.resolved.brief.sections):
            out.append(
                {
                    "heading": self.text(section.heading),
                    "body": self.prose(("sections", index, "body"), lead if index == 0 else None),
                    "quotes": [
                        self._quote(("sections", index, "quotes", j))
                        for j in range(len(section.quotes))
                    ],
                }
            )
        return out

    def _judgments(self) -> list[dict[str, Any]]:
        out = []
        for index, judgment in enumerate(self.resolved.brief.key_judgments):
            text = self.prose(("key_judgments", index, "text"))
            basis = self.prose(("key_judgments", index, "basis"))
            cell = [text.runs]
            if basis:
                cell.append(RunBuilder.run(f" {self.labels.basis} ", PLAIN.but(italic=True)))
                cell.append(basis.runs)
            likelihood, confidence = judgment.likelihood, judgment.confidence
            none = self.labels.no_grade
            term = self.labels.likelihood_term(likelihood) if likelihood else none
            probability = self.labels.likelihood_range(likelihood) if likelihood else ""
            level = self.labels.confidence_level(confidence) if confidence else none
            out.append(
                {
                    "text": text,
                    "cell": join_runs(cell),
                    "basis": basis,
                    "term": self.text(term),
                    "range": self.text(probability),
                    "likelihood": self.text(likelihood.value if likelihood else ""),
                    "probability": self.text(probability),
                    "confidence": self.text(level),
                    "runs": join_runs([RunBuilder.run(f"{term} {probability}: ", _BOLD), *cell]),
                }
            )
        return out
