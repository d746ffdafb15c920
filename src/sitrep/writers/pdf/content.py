"""Page content streams as the structure tree sees them: text by marked-content ID, rewrites.

WeasyPrint writes every run of text inside a `/Span <</MCID n>> BDC ... EMC` sequence, with
Type 0 (or Type 3) fonts whose `/ToUnicode` CMaps are plain `bfchar` tables of two-byte codes.
That is enough to read back the text of each marked-content sequence, which `pdf.tagging` uses
to recognise the handling marking, footnote calls and footnote numbers in the finished PDF.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

import pikepdf

__all__ = [
    "ImageNames",
    "MarkedText",
    "content_holders",
    "name_images_by_content",
    "renames_for",
    "rewrite_content",
]

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_TEXT_OPERATORS = frozenset(("Tj", "TJ", "'", '"'))


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be", errors="replace")


def _to_unicode(font: pikepdf.Object) -> tuple[dict[int, str], int]:
    """A font's code-to-text table and its code width in bytes (2 for Type 0 fonts)."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    table: dict[int, str] = {}
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return table, width
    data = stream.read_bytes()
    for block in _BFCHAR.findall(data):
        for source, target in _HEX_PAIR.findall(block):
            table[int(source, 16)] = _utf16(target)
    for block in _BFRANGE.findall(data):
        for low, high, target in _HEX_RANGE.findall(block):
            start = int.from_bytes(bytes.fromhex(target.decode("ascii")), "big")
            for offset in range(int(high, 16) - int(low, 16) + 1):
                table[int(low, 16) + offset] = chr(start + offset)
    return table, width


def _decode(data: bytes, table: Mapping[int, str], width: int) -> str:
    return "".join(
        table.get(int.from_bytes(data[i : i + width], "big"), "")
        for i in range(0, len(data), width)
    )


def _mcid(operands: Iterable[object]) -> int | None:
    items = list(operands)
    if len(items) == 2 and isinstance(items[1], pikepdf.Dictionary) and "/MCID" in items[1]:
        return int(items[1].MCID)
    return None


class MarkedText:
    """A page's parsed content stream and, on demand, the text of each marked-content sequence.

    Parsing happens once; text is decoded only for the MCIDs asked about, since decoding every
    run of a long page costs more than the rest of the finishing put together.
    """

    def __init__(self, page: pikepdf.Page) -> None:
        instructions = pikepdf.parse_content_stream(page)
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        self._fonts = fonts if isinstance(fonts, pikepdf.Dictionary) else pikepdf.Dictionary()
        self._tables: dict[str, tuple[dict[int, str], int]] = {}
        self._shown: dict[int, list[tuple[str, pikepdf.Object]]] = {}
        self._decoded: dict[int, str] = {}
        font = ""
        open_ids: list[int | None] = []
        for instruction in instructions:
            if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                continue
            name = str(instruction.operator)
            if name == "BDC":
                open_ids.append(_mcid(instruction.operands))
            elif name == "BMC":
                open_ids.append(None)
            elif name == "EMC" and open_ids:
                open_ids.pop()
            elif name == "Tf":
                font = str(instruction.operands[0])
            elif name in _TEXT_OPERATORS:
                owner = next((mcid for mcid in reversed(open_ids) if mcid is not None), None)
                if owner is not None:
                    operand = instruction.operands[0 if name == "TJ" else -1]
                    self._shown.setdefault(owner, []).append((font, operand))

    def _table(self, font: str) -> tuple[dict[int, str], int]:
        if font not in self._tables:
            found = self._fonts.get(font)
            self._tables[font] = _to_unicode(found) if found is not None else ({}, 2)
        return self._tables[font]

    def get(self, mcid: int, default: str = "") -> str:
        """The text shown inside the sequence with this MCID."""
        if mcid not in self._shown:
            return default
        if mcid not in self._decoded:
            parts: list[str] = []
            for font, operand in self._shown[mcid]:
                items = operand if isinstance(operand, pikepdf.Array) else [operand]
                table = self._table(font)
                parts.extend(
                    _decode(bytes(item), *table)
                    for item in items
                    if isinstance(item, pikepdf.String)
                )
            self._decoded[mcid] = "".join(parts)
        return self._decoded[mcid]


ImageNames = dict[tuple[int, int], dict[str, str]]
"""New XObject names, keyed by the objgen of the object that holds the `/Resources`."""


def _resources_key(holder: pikepdf.Object) -> tuple[int, int]:
    resources = holder.get("/Resources")
    if isinstance(resources, pikepdf.Dictionary) and resources.is_indirect:
        return resources.objgen
    return holder.objgen


def content_holders(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every page, form XObject and tiling pattern: the objects whose content may draw images."""
    holders: list[pikepdf.Object] = [page.obj for page in pdf.pages]
    for item in pdf.objects:
        if (
            isinstance(item, pikepdf.Stream)
            and "/Resources" in item
            and (item.get("/Subtype") == "/Form" or item.get("/Type") == "/Pattern")
        ):
            holders.append(item)
    return holders


def _content_names(xobjects: pikepdf.Dictionary) -> dict[str, str]:
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for old in sorted(xobjects.keys()):
        stream = xobjects[old]
        if not isinstance(stream, pikepdf.Stream) or stream.get("/Subtype") != "/Image":
            taken.add(old)
            continue
        digest = hashlib.sha256(stream.read_raw_bytes()).hexdigest()[:20]
        new, count = f"/Im{digest}", 1
        while new in taken:
            count += 1
            new = f"/Im{digest}-{count}"
        taken.add(new)
        if new != old:
            mapping[old] = new
    return mapping


def name_images_by_content(holders: Iterable[pikepdf.Object]) -> ImageNames:
    """Rename image XObjects after a hash of their bytes, not the URL WeasyPrint read them from.

    Returns the renames the holders' `Do` operators need; `rewrite_content` applies them.
    """
    renames: ImageNames = {}
    for holder in holders:
        key = _resources_key(holder)
        resources = holder.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if key in renames or not isinstance(xobjects, pikepdf.Dictionary):
            continue
        mapping = _content_names(xobjects)
        streams = {old: xobjects[old] for old in mapping}
        for old in mapping:
            del xobjects[old]
        for old, new in mapping.items():
            xobjects[new] = streams[old]
        renames[key] = mapping
    return renames


def renames_for(renames: ImageNames, holder: pikepdf.Object) -> dict[str, str]:
    """The XObject renames that apply to one holder's content stream."""
    return renames.get(_resources_key(holder), {})


_MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_DRAW = re.compile(rb"/([^\s/<>\[\]()]+)\s+Do\b")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _content_bytes(holder: pikepdf.Object) -> bytes | None:
    if isinstance(holder, pikepdf.Stream):
        return holder.read_bytes()
    contents = holder.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return contents.read_bytes()
    return None


def _rewrite_bytes(data: bytes, image_names: Mapping[str, str], artifacts: frozenset[int]) -> bytes:
    def marked(found: re.Match[bytes]) -> bytes:
        return _ARTIFACT if int(found.group(1)) in artifacts else found.group(0)

    def drawn(found: re.Match[bytes]) -> bytes:
        old = "/" + found.group(1).decode("latin-1")
        new = image_names.get(old)
        return found.group(0) if new is None else new.encode("latin-1") + b" Do"

    if artifacts:
        data = _MARKED.sub(marked, data)
    if image_names:
        data = _DRAW.sub(drawn, data)
    return data


def _rewrite_parsed(
    holder: pikepdf.Object, image_names: Mapping[str, str], artifacts: frozenset[int]
) -> bytes:
    instructions = []
    for instruction in pikepdf.parse_content_stream(holder):
        if isinstance(instruction, pikepdf.ContentStreamInstruction):
            operator = str(instruction.operator)
            operands = list(instruction.operands)
            if operator == "Do" and str(operands[0]) in image_names:
                instruction = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name(image_names[str(operands[0])])], instruction.operator
                )
            elif operator == "BDC" and _mcid(operands) in artifacts:
                properties = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                instruction = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact, properties], instruction.operator
                )
        instructions.append(instruction)
    return pikepdf.unparse_content_stream(instructions)


def rewrite_content(
    pdf: pikepdf.Pdf,
    holder: pikepdf.Object,
    image_names: Mapping[str, str],
    artifacts: frozenset[int] = frozenset(),
) -> None:
    """Rename `Do` operands and turn the given marked-content IDs into pagination artifacts.

    WeasyPrint shows text as hex strings only, so a stream without literal strings cannot hold
    an operator-like sequence inside a string: there a regular expression on the bytes does the
    job, much faster than parsing. Anything else goes through pikepdf's parser.
    """
    if not image_names and not artifacts:
        return
    data = _content_bytes(holder)
    if data is not None and b"(" not in data:
        new = _rewrite_bytes(data, image_names, artifacts)
    else:
        new = _rewrite_parsed(holder, image_names, artifacts)
    if new == data:
        return
    if isinstance(holder, pikepdf.Stream):
        holder.write(new)
    else:
        holder.Contents = pdf.make_stream(new)
