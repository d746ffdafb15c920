"""Build the bundled Word templates (templates/docx/<layout>.docx) from readable XML sources.

Sources live in templates/docx/src/:

    common/               parts every layout shares (styles, header, footer, footnotes, ...)
    <layout>/             parts of one layout (word/document.xml); they win over common/
    blocks/               fragments pulled into a part with <?include name.xml?>

Each XML source is pretty-printed and commented for review; the build inlines the includes,
drops comments and blank text between tags, and zips the parts in a fixed order with a fixed
time, so the same sources always give the same members. tests/writers/test_docx.py rebuilds
every template and compares the members with the committed .docx files.

    python scripts/build_docx_templates.py          # rebuild all layouts
    python scripts/build_docx_templates.py --check  # exit 1 if a .docx is out of date
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "templates" / "docx"
SRC = DOCX / "src"
LAYOUTS = ("intel-brief", "analysis", "article")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml")


def _expand(element: etree._Element) -> None:
    """Replace each <?include name.xml?> with the children of that fragment's root."""
    for pi in list(element.iter(etree.ProcessingInstruction)):
        if pi.target != "include":
            continue
        name = (pi.text or "").strip()
        fragment = _parse(SRC / "blocks" / name)
        parent = pi.getparent()
        if parent is None:
            raise ValueError(f"include {name} must sit inside an element")
        index = parent.index(pi)
        parent.remove(pi)
        for offset, child in enumerate(fragment):
            parent.insert(index + offset, child)


def _parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True)
    root = etree.parse(str(path), parser).getroot()
    _expand(root)
    return root


def _xml_bytes(path: Path) -> bytes:
    root = _parse(path)
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + body


def members(layout: str) -> dict[str, bytes]:
    """The package members of one layout, in zip order."""
    files: dict[str, Path] = {}
    for folder in (SRC / "common", SRC / layout):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = path
    order = [name for name in FIRST if name in files]
    order += sorted(name for name in files if name not in FIRST)
    out: dict[str, bytes] = {}
    for name in order:
        path = files[name]
        is_xml = path.suffix in (".xml", ".rels")
        out[name] = _xml_bytes(path) if is_xml else path.read_bytes()
    return out


def build(layout: str) -> bytes:
    """The .docx bytes of one layout."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members(layout).items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data)
    return buffer.getvalue()


def read_members(path: Path) -> dict[str, bytes]:
    """The members of a built .docx, for comparison with `members`."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale templates")
    args = parser.parse_args(argv)
    stale = []
    for layout in LAYOUTS:
        target = DOCX / f"{layout}.docx"
        if args.check:
            if not target.exists() or read_members(target) != members(layout):
                stale.append(target)
            continue
        target.write_bytes(build(layout))
        print(f"wrote {target.relative_to(ROOT)}")
    for target in stale:
        print(f"{target.relative_to(ROOT)} is out of date; run {Path(__file__).name}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
