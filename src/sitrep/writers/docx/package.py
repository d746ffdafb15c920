"""The package side of a DOCX: core properties from the brief and deterministic zip bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml.parser import parse_xml
from lxml import etree

from sitrep.model.brief import Brief
from sitrep.resolve import ResolvedBrief

__all__ = [
    "core_properties_xml",
    "creator",
    "declare_namespaces_on_root",
    "deterministic_zip",
    "set_core_properties",
]

_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip member can carry
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def creator(brief: Brief) -> str:
    """Authors, else the organisation."""
    return "; ".join(brief.authors) or brief.organisation or ""


def _subject(resolved: ResolvedBrief) -> str:
    brief = resolved.brief
    if brief.subtitle:
        return brief.subtitle
    standfirst = resolved.text("standfirst")
    return " ".join(standfirst.plain.split()) if standfirst is not None else ""


def core_properties_xml(resolved: ResolvedBrief, draft: str = "Draft") -> str:
    """docProps/core.xml from the brief alone: no clock, no machine, no template leftovers;
    `draft` is the status of a draft in the brief's language."""
    brief = resolved.brief
    stamp = f"{brief.date.isoformat()}T00:00:00Z"
    fields = [
        ("dc:title", brief.title),
        ("dc:subject", _subject(resolved)),
        ("dc:creator", creator(brief)),
        ("cp:keywords", ", ".join(brief.keywords)),
        ("dc:language", brief.language),
        ("cp:lastModifiedBy", creator(brief)),
        ("cp:revision", "1"),
        ("cp:category", brief.marking.value if brief.marking else ""),
        ("cp:contentStatus", draft if brief.status.value == "draft" else ""),
        ("cp:version", brief.version or ""),
    ]
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value)
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def set_core_properties(document: Any, resolved: ResolvedBrief, draft: str = "Draft") -> None:
    """Replace the template's core properties with the brief's."""
    part = document.part.package._core_properties_part  # created when the template has none
    part._element = parse_xml(core_properties_xml(resolved, draft).encode("utf-8"))


def declare_namespaces_on_root(data: bytes) -> bytes:
    """An XML part whose root declares every namespace prefix used anywhere inside it.

    Parts built from fragments (footnotes added to a template's part, hyperlinks with `r:id`)
    can end up declaring a prefix on an inner element only. That is valid XML, but readers
    such as docx2python look prefixes up on the root and crash. WordprocessingML parts also
    get `r:` declared, which those readers expect on every part that can hold runs.
    Anything that is not XML, or already right, is returned unchanged.
    """
    if not data.lstrip().startswith(b"<"):
        return data
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return data
    wanted: dict[str | None, str] = {}
    for element in root.iter():
        if isinstance(element.tag, str):
            for prefix, uri in element.nsmap.items():
                wanted.setdefault(prefix, uri)
    if etree.QName(root).namespace == _W:
        wanted.setdefault("r", _R)
    if all(root.nsmap.get(prefix) == uri for prefix, uri in wanted.items()):
        return data
    prefixes = [prefix for prefix in wanted if prefix is not None]
    fixed = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=wanted)
    fixed.text = root.text
    fixed.extend(list(root))
    etree.cleanup_namespaces(fixed, top_nsmap=wanted, keep_ns_prefixes=prefixes)
    out: bytes = etree.tostring(fixed, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def deterministic_zip(data: bytes, day: dt.date) -> bytes:
    """Rewrite a zip with every member stamped with `day` (not the clock), in the same order;
    a name stored twice (a LibreOffice quirk) is kept once, with its last content."""
    when = max(dt.datetime(day.year, day.month, day.day), _EPOCH)
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(BytesIO(data)) as source:
        names: list[str] = []
        for name in source.namelist():
            if name not in names:
                names.append(name)
        contents = {name: declare_namespaces_on_root(source.read(name)) for name in names}
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, contents[name], compresslevel=6)
    return out.getvalue()
