"""The banner and a draft's watermark on every page of a DOCX.

The template places `{{r marking_label }}` (the whole banner: classification and caveats, TLP,
PAP) in its header and footer. After the render, every header and footer a page can show (the
default, first-page and even-page ones of every section) is checked, and one that lacks the
banner gets it as a paragraph of its own; a draft gets Word's own kind of watermark, a VML text
path anchored in every header (what Design > Watermark writes), which Word and LibreOffice draw
behind the text of every page.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from markupsafe import Markup

from sitrep.writers.banner import Banner
from sitrep.writers.docx.runs import RunBuilder, RunProps, join_runs, xml_text

__all__ = ["banner_runs", "stamp_every_page"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = (
    f'xmlns:w="{_W}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
_WATERMARK_ID = "PowerPlusWaterMarkObject"


def banner_runs(banner: Banner) -> Markup:
    """The banner as runs: the classification in its scheme's colours, then each label as
    TLP 2.0 asks (bold capitals in the label colour on black, 12 pt)."""
    parts: list[Markup] = []
    if banner.classification:
        props = RunProps(
            bold=True,
            colour=banner.foreground.removeprefix("#").upper(),
            size=20,
            shading=banner.background.removeprefix("#").upper() if banner.background else None,
        )
        parts.append(RunBuilder.run(f"\u00a0{banner.classification}\u00a0", props))
    for label, colour in banner.labels:
        if parts:
            parts.append(RunBuilder.run(" "))
        props = RunProps(
            bold=True, caps=True, colour=colour.removeprefix("#").upper(), size=24, shading="000000"
        )
        # a non-breaking space either side keeps the black box around the whole label
        parts.append(RunBuilder.run(f"\u00a0{label}\u00a0", props))
    return join_runs(parts)


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).replace("\u00a0", " ").split())


def _has_banner(part_element: Any, banner: Banner) -> bool:
    text = _text(part_element)
    wanted = [banner.classification, *banner.label_texts]
    return all(" ".join(piece.split()) in text for piece in wanted if piece)


def _paragraph(runs: Markup, style: str, align: str) -> Any:
    return parse_xml(
        f'<w:p {_NAMESPACES}><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{align}"/>'
        f"</w:pPr>{runs}</w:p>"
    )


def _watermark(text: str, number: int) -> Any:
    """Word's DRAFT watermark: light grey text on a 45° diagonal, centred on the page, behind
    the text (negative z-index), never selectable with the body text."""
    words = xml_text(text)
    return parse_xml(
        f'<w:p {_NAMESPACES}><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        "<w:r><w:rPr><w:noProof/></w:rPr><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        "<v:formulas>"
        '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
        '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
        '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>'
        "</v:formulas>"
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        f'<v:shape id="{_WATERMARK_ID}{number}" o:spid="_x0000_s{2049 + number}" '
        'type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;'
        "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#bfbfbf" '
        'stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{words}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r></w:p>"
    )


def _ensure_page_parts(document: Any) -> None:
    """Give every header and footer a page can show (the default, first-page and even-page
    ones of every section) a part of its own or an earlier section's to inherit."""
    even = bool(document.settings.odd_and_even_pages_header_footer)
    for section in document.sections:
        items = [section.header, section.footer]
        if section.different_first_page_header_footer:
            items += [section.first_page_header, section.first_page_footer]
        if even:
            items += [section.even_page_header, section.even_page_footer]
        for item in items:
            item._get_or_add_definition()


def stamp_every_page(document: Any, banner: Banner, watermark: str) -> None:
    """Make every header and footer carry the banner, and every header the watermark (when
    `watermark` is not empty). Without either, the document is left as the template made it."""
    if not banner and not watermark:
        return
    _ensure_page_parts(document)
    number = 0
    # The parts as docxtpl left them: it replaces each rendered header and footer part.
    for rel in list(document.part.rels.values()):
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        kind = "header" if rel.reltype.endswith("/header") else "footer"
        element = rel.target_part.element
        if banner and not _has_banner(element, banner):
            style = "Header" if kind == "header" else "Footer"
            element.append(_paragraph(banner_runs(banner), style, "right"))
        if kind == "header" and watermark:
            number += 1
            element.append(_watermark(watermark, number))
