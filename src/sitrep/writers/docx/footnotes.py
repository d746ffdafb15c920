"""Real Word footnotes: the footnotes part, its styles and settings, added after docxtpl renders.

docxtpl cannot create footnotes and python-docx has no footnote API, so this module works on
the package directly. It makes sure the document has

- a `/word/footnotes.xml` part with the separator and continuation separator, related from the
  document part (python-docx writes the content-type override from the part's type),
- the FootnoteText and FootnoteReference styles (and Hyperlink, used by links in notes),
- `w:footnotePr` in the settings, in schema order,

then appends one `w:footnote` per resolved note. A template that already has a footnotes part
keeps it: the notes get ids after its largest. Word shows footnote numbers by position, so the
numbers shown equal the resolver's numbers as long as the template has no footnotes of its own
(the bundled ones have none) and the notes are called in order, which the layouts guarantee.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from sitrep.resolve.notes import Note
from sitrep.writers.docx.runs import RunBuilder

__all__ = ["FootnotesPart", "W", "ensure_styles"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": W}

_SEPARATOR_PPR = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
_EMPTY_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
    f'<w:footnote w:type="separator" w:id="-1"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)

# Styles a document needs for footnotes and links, added only when missing (by style id).
_STYLES = {
    "FootnoteText": f"""<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="FootnoteText">
<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>""",
    "FootnoteReference": f"""<w:style xmlns:w="{W}" w:type="character"
w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>
<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>""",
    "Hyperlink": f"""<w:style xmlns:w="{W}" w:type="character" w:styleId="Hyperlink">
<w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/>
<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>""",
}

# Children of w:settings that come after w:footnotePr (ECMA-376 CT_Settings sequence).
_AFTER_FOOTNOTE_PR = {
    f"{{{W}}}{name}"
    for name in (
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    )
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _parse(xml: str | bytes) -> etree._Element:
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return etree.fromstring(data, parser)


_STYLE_NAMES = {
    "FootnoteText": "footnote text",
    "FootnoteReference": "footnote reference",
    "Hyperlink": "hyperlink",
}


def ensure_styles(document: Any) -> dict[str, str]:
    """The style ids to use for footnote text, footnote references and links.

    Word knows built-in styles by name, and LibreOffice re-saves them under other ids
    ("Footnote", "FootnoteAnchor", "InternetLink"), so a style is looked up by id, then by
    name; only a style the template lacks altogether is added."""
    styles = document.styles.element
    by_id: set[str] = set()
    by_name: dict[str, str] = {}
    for style in styles.iterfind("w:style", _NS):
        style_id = style.get(_w("styleId"), "")
        by_id.add(style_id)
        name = style.find("w:name", _NS)
        if name is not None:
            by_name.setdefault(name.get(_w("val"), "").casefold(), style_id)
    found: dict[str, str] = {}
    for style_id, xml in _STYLES.items():
        if style_id in by_id:
            found[style_id] = style_id
        elif _STYLE_NAMES[style_id] in by_name:
            found[style_id] = by_name[_STYLE_NAMES[style_id]]
        else:
            styles.append(_parse(xml.replace("\n", " ")))
            found[style_id] = style_id
    return found


class FootnotesPart:
    """The document's footnotes part, found or created before the render."""

    def __init__(self, document: Any) -> None:
        self.document_part = document.part
        self.part = self._find()
        self.created = self.part is None
        if self.part is None:
            partname = self._free_partname()
            self.part = Part(
                partname, CT.WML_FOOTNOTES, _EMPTY_FOOTNOTES.encode("utf-8"), document.part.package
            )
            self.document_part.relate_to(self.part, RT.FOOTNOTES)
        self.root = _parse(self.part.blob)
        ids = [int(n.get(_w("id"), "0")) for n in self.root.iterfind("w:footnote", _NS)]
        self.offset = max([0, *ids])
        """Footnote id of note n is offset + n."""
        self.own_notes = sum(
            1
            for n in self.root.iterfind("w:footnote", _NS)
            if n.get(_w("type"), "normal") == "normal"
        )
        """Footnotes the template brought itself; they shift the numbers Word shows."""
        self.separator_ids = [
            n.get(_w("id"), "")
            for n in self.root.iterfind("w:footnote", _NS)
            if n.get(_w("type")) in ("separator", "continuationSeparator")
        ]

    def _find(self) -> Part | None:
        for rel in self.document_part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part: Part = rel.target_part
                return part
        return None

    def _free_partname(self) -> PackURI:
        taken = {str(p.partname) for p in self.document_part.package.iter_parts()}
        name, index = "/word/footnotes.xml", 1
        while name in taken:
            index += 1
            name = f"/word/footnotes{index}.xml"
        return PackURI(name)

    def footnote_id(self, number: int) -> int:
        return self.offset + number

    def link_id(self, url: str) -> str:
        """Relationship id of an external hyperlink from the footnotes part."""
        assert self.part is not None
        rid: str = self.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return rid

    def write(
        self, notes: tuple[Note, ...], settings: Any, styles: dict[str, str] | None = None
    ) -> None:
        """Append the notes (after the render, so docxtpl never sees their text) and make sure
        the settings name the separators."""
        assert self.part is not None
        styles = styles or {name: name for name in _STYLES}
        builder = RunBuilder(self.link_id, styles=styles)
        text_style, ref_style = styles["FootnoteText"], styles["FootnoteReference"]
        for note in notes:
            xml = (
                f'<w:footnote xmlns:w="{W}" xmlns:r="{R}" w:id="{self.footnote_id(note.number)}">'
                f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{builder.inline(note.content)}'
                "</w:p></w:footnote>"
            )
            self.root.append(_parse(xml))
        etree.cleanup_namespaces(self.root)
        self.part._blob = etree.tostring(  # python-docx keeps a generic part's bytes here
            self.root, encoding="UTF-8", xml_declaration=True, standalone=True
        )
        _ensure_footnote_pr(settings.element, self.separator_ids)


def _ensure_footnote_pr(settings: etree._Element, separator_ids: list[str]) -> None:
    if settings.find("w:footnotePr", _NS) is not None:
        return
    footnote_pr = etree.Element(_w("footnotePr"))
    for sid in separator_ids:
        etree.SubElement(footnote_pr, _w("footnote")).set(_w("id"), sid)
    for index, child in enumerate(settings):
        if child.tag in _AFTER_FOOTNOTE_PR:
            settings.insert(index, footnote_pr)
            return
    settings.append(footnote_pr)
