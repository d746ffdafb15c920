"""Finish WeasyPrint's PDF so that it is tagged right and conforms (PDF/A, PDF/UA).

WeasyPrint (70) writes a structure tree when asked (`pdf_tags=True`), but leaves gaps that
assistive technology and veraPDF notice. `finish_pdf` mends them on the written PDF with pikepdf:

- images: `/Interpolate false` (ISO 19005 forbids true), and named after their bytes rather than
  the absolute URL they were read from, so a brief renders the same from any folder;
- margin boxes (running title, page numbers, markings): WeasyPrint tags them but hangs them
  nowhere in the tree. They become pagination artifacts, except the handling marking on the first
  page, which is linked at the very start of the document so it is read once, as content;
- footnotes: each footnote body becomes a `Note` (with an `/ID`) placed right after its call,
  which becomes a `Reference` whose `/Ref` names the note;
- tables: header cells get `/Scope`, and every `/ID` resolves through the `/IDTree`;
- lists hold list items only; figures without `/Alt` take their caption's text;
- link annotations carry `/Contents`; the viewer shows the title and, when there is more than
  one heading, opens with the bookmarks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pikepdf

from sitrep.errors import RenderError
from sitrep.writers.pdf.content import (
    MarkedText,
    content_holders,
    name_images_by_content,
    renames_for,
    rewrite_content,
)

__all__ = ["finish_pdf"]

# The banner ends with its TLP or PAP label ("OFFICIAL // REL TO NLD TLP:AMBER PAP:GREEN").
_MARKING = re.compile(
    r"(?:TLP:(?:CLEAR|GREEN|AMBER\+STRICT|AMBER|RED|WHITE)|PAP:(?:CLEAR|GREEN|AMBER|RED))"
    r"\s*$",
    re.I,
)
_CALL = re.compile(r"^\s*(\d+)\s*$")
_NOTE_NUMBER = re.compile(r"^\s*(\d+)\s*[.)]?\s*$")

Objgen = tuple[int, int]


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [kids]


def _is_element(item: object) -> bool:
    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def _role(item: pikepdf.Object) -> str:
    return str(item.get("/S", ""))


def _set_kids(element: pikepdf.Object, kids: list[pikepdf.Object]) -> None:
    element.K = pikepdf.Array(kids)


def _new_element(pdf: pikepdf.Pdf, role: str, parent: pikepdf.Object) -> pikepdf.Object:
    element = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(role), P=parent)
    )
    element.K = pikepdf.Array()
    if "/Pg" in parent:
        element.Pg = parent.Pg
    return element


class _Tree:
    """The structure tree with what it needs from the pages: texts by MCID, page numbers."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        top = _kids(self.root)
        self.document = top[0]
        self.page_index = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        self.texts = [MarkedText(page) for page in pdf.pages]
        nums = list(self.root.ParentTree.get("/Nums", []))
        self.parents: dict[int, pikepdf.Object] = {
            int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)
        }

    def walk(self, element: pikepdf.Object | None = None) -> Iterator[pikepdf.Object]:
        """Every structure element under `element` (the document), parents first."""
        stack = [self.document if element is None else element]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed([kid for kid in _kids(item) if _is_element(kid)]))

    def text(self, element: pikepdf.Object) -> str:
        out: list[str] = []
        for item in self.walk(element):
            page = self.page_index.get(item.Pg.objgen, 0) if "/Pg" in item else 0
            for kid in _kids(item):
                if isinstance(kid, int):
                    out.append(self.texts[page].get(int(kid), ""))
        return "".join(out)

    def page_parents(self, page_number: int) -> pikepdf.Array | None:
        page = self.pdf.pages[page_number].obj
        key = page.get("/StructParents")
        found = self.parents.get(int(key)) if key is not None else None
        return found if isinstance(found, pikepdf.Array) else None


def _margin_content(tree: _Tree) -> dict[Objgen, frozenset[int]]:
    """Turn unreachable (margin box) content into artifacts; link the first marking.

    Returns the MCIDs to mark as artifacts, by page objgen.
    """
    reachable = {item.objgen for item in tree.walk()}
    artifacts: dict[Objgen, frozenset[int]] = {}
    marking_linked = False
    for number, page in enumerate(tree.pdf.pages):
        parents = tree.page_parents(number)
        if parents is None:
            continue
        groups: dict[Objgen, list[int]] = {}
        tops: dict[Objgen, pikepdf.Object] = {}
        for mcid, owner in enumerate(parents):
            if not _is_element(owner) or owner.objgen in reachable:
                continue
            top = owner
            while "/P" in top and _is_element(top.P) and top.P.objgen != tree.document.objgen:
                top = top.P
            groups.setdefault(top.objgen, []).append(mcid)
            tops[top.objgen] = top
        orphaned: set[int] = set()
        for key, mcids in groups.items():
            text = "".join(tree.texts[number].get(mcid, "") for mcid in mcids)
            if not marking_linked and _MARKING.search(text):
                marking = tops[key]
                marking.S = pikepdf.Name.P
                marking.P = tree.document
                _set_kids(tree.document, [marking, *_kids(tree.document)])
                marking_linked = True
                continue
            orphaned.update(mcids)
        for mcid in orphaned:
            parents[mcid] = None
        artifacts[page.obj.objgen] = frozenset(orphaned)
    return artifacts


def _footnotes(tree: _Tree) -> None:
    """Make footnote bodies Notes placed after their calls (References pointing to them)."""
    order: dict[Objgen, int] = {}
    calls: dict[str, list[pikepdf.Object]] = {}
    bodies: list[tuple[str, pikepdf.Object, pikepdf.Object]] = []
    areas = [kid for kid in _kids(tree.document) if _is_element(kid) and _role(kid) == "/NonStruct"]
    area_keys = {area.objgen for area in areas}
    for index, item in enumerate(tree.walk()):
        order[item.objgen] = index
        if item.objgen in area_keys:
            for body in _kids(item):
                if not _is_element(body) or _role(body) != "/Span":
                    continue
                first = next((kid for kid in _kids(body) if _is_element(kid)), None)
                found = _NOTE_NUMBER.match(tree.text(first)) if first is not None else None
                if found and first is not None:
                    bodies.append((found.group(1), body, first))
        elif _role(item) == "/NonStruct" and "/P" in item and item.P.objgen not in area_keys:
            called = _CALL.match(tree.text(item))
            if called:
                calls.setdefault(called.group(1), []).append(item)
    used_ids: set[str] = set()
    used_calls: set[Objgen] = set()
    for number, body, marker in bodies:
        area = body.P
        earlier = [
            call
            for call in calls.get(number, [])
            if order[call.objgen] < order[area.objgen] and call.objgen not in used_calls
        ]
        body.S = pikepdf.Name.Note
        marker.S = pikepdf.Name.Lbl
        identifier = f"note-{number}"
        while identifier in used_ids:
            identifier += "-"
        used_ids.add(identifier)
        body.ID = pikepdf.String(identifier)
        if not earlier:
            continue
        call = earlier[-1]
        used_calls.add(call.objgen)
        call.S = pikepdf.Name.Reference
        call.Ref = pikepdf.Array([body])
        _set_kids(area, [kid for kid in _kids(area) if kid.objgen != body.objgen])
        holder = call.P
        siblings = _kids(holder)
        at = next(i for i, kid in enumerate(siblings) if kid.objgen == call.objgen)
        siblings.insert(at + 1, body)
        _set_kids(holder, siblings)
        body.P = holder
    _set_kids(
        tree.document,
        [kid for kid in _kids(tree.document) if not (kid.objgen in area_keys and not _kids(kid))],
    )


def _tables(tree: _Tree, elements: list[pikepdf.Object]) -> None:
    """Give header cells a /Scope and make every /ID resolve through an /IDTree."""
    for cell in elements:
        if _role(cell) != "/TH":
            continue
        row = cell.get("/P")
        in_head = row is not None and _role(row.get("/P", pikepdf.Dictionary())) == "/THead"
        all_headers = row is not None and all(
            _role(kid) == "/TH" for kid in _kids(row) if _is_element(kid)
        )
        scope = pikepdf.Name.Column if in_head or all_headers else pikepdf.Name.Row
        attributes = cell.get("/A")
        if isinstance(attributes, pikepdf.Array):
            attributes = next((a for a in attributes if a.get("/O") == "/Table"), None)
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            cell.A = attributes
        attributes.Scope = scope


def _id_tree(tree: _Tree, elements: list[pikepdf.Object]) -> None:
    named = {str(item.ID): item for item in elements if "/ID" in item}
    if not named:
        return
    names: list[object] = []
    for key in sorted(named, key=lambda text: text.encode("utf-8")):
        names.extend((pikepdf.String(key), named[key]))
    tree.root.IDTree = tree.pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


def _lists(tree: _Tree, elements: list[pikepdf.Object]) -> None:
    """Lists hold list items (and a caption) only: wrap anything else in LI > LBody."""
    for element in elements:
        if _role(element) != "/L":
            continue
        kept: list[pikepdf.Object] = []
        for kid in _kids(element):
            if _is_element(kid) and _role(kid) in ("/LI", "/Caption"):
                kept.append(kid)
                continue
            if _is_element(kid) and _role(kid) == "/L" and kept and _role(kept[-1]) == "/LI":
                item = kept[-1]
                bodies = [k for k in _kids(item) if _is_element(k) and _role(k) == "/LBody"]
                body = bodies[-1] if bodies else _new_element(tree.pdf, "/LBody", item)
                if not bodies:
                    _set_kids(item, [*_kids(item), body])
                _set_kids(body, [*_kids(body), kid])
                kid.P = body
                continue
            inner = _kids(kid) if _is_element(kid) else []
            if inner and all(_is_element(k) and _role(k) == "/LI" for k in inner):
                # A wrapper around items, such as <div> groups of <dt>/<dd> in a <dl>.
                for list_item in inner:
                    list_item.P = element
                    kept.append(list_item)
                continue
            item = _new_element(tree.pdf, "/LI", element)
            body = _new_element(tree.pdf, "/LBody", item)
            _set_kids(item, [body])
            _set_kids(body, [kid])
            if _is_element(kid):
                kid.P = body
                if "/Pg" in kid:
                    item.Pg = body.Pg = kid.Pg
            kept.append(item)
        _set_kids(element, kept)


def _figures(tree: _Tree, elements: list[pikepdf.Object]) -> None:
    for figure in elements:
        if _role(figure) != "/Figure" or "/Alt" in figure or "/ActualText" in figure:
            continue
        parent = figure.get("/P")
        siblings = _kids(parent) if parent is not None else []
        captions = [k for k in siblings if _is_element(k) and _role(k) == "/Caption"]
        text = " ".join(tree.text(c).strip() for c in captions).strip()
        figure.Alt = pikepdf.String(text or "Figure")


def _links(tree: _Tree) -> None:
    """Each link annotation belongs to its Link element and says where it goes (/Contents).

    A link whose text is set in pieces (the URL break points in the HTML) reaches WeasyPrint as
    spans inside the link, and the annotation lands on the innermost span: it is moved up to
    the Link element, in the element's kids and in the parent tree alike.
    """
    nums = tree.root.ParentTree.get("/Nums")
    for key, owner in list(tree.parents.items()):
        if not _is_element(owner):
            continue
        for kid in _kids(owner):
            annotation = kid.get("/Obj") if isinstance(kid, pikepdf.Dictionary) else None
            if annotation is None:
                continue
            link = owner
            while _is_element(link) and _role(link) != "/Link" and "/P" in link:
                link = link.P
            if _is_element(link) and _role(link) == "/Link" and link.objgen != owner.objgen:
                target = annotation.objgen
                _set_kids(
                    owner,
                    [
                        k
                        for k in _kids(owner)
                        if not (isinstance(k, pikepdf.Dictionary) and "/Obj" in k)
                        or k.Obj.objgen != target
                    ],
                )
                _set_kids(link, [*_kids(link), kid])
                tree.parents[key] = link
                if nums is not None:
                    for index in range(0, len(nums) - 1, 2):
                        if int(nums[index]) == key:
                            nums[index + 1] = link
                owner = link
            if "/Contents" in annotation:
                continue
            action = annotation.get("/A", pikepdf.Dictionary())
            text = tree.text(owner).strip() or str(action.get("/URI", "")) or "Link"
            annotation.Contents = pikepdf.String(text)


def _count_outlines(item: pikepdf.Object | None) -> int:
    count = 0
    while isinstance(item, pikepdf.Dictionary):
        count += 1 + _count_outlines(item.get("/First"))
        item = item.get("/Next")
    return count


def _viewer(pdf: pikepdf.Pdf, tagged: bool) -> None:
    preferences = pdf.Root.get("/ViewerPreferences")
    if not isinstance(preferences, pikepdf.Dictionary):
        preferences = pikepdf.Dictionary()
        pdf.Root.ViewerPreferences = preferences
    preferences.DisplayDocTitle = True
    if tagged:
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    outlines = pdf.Root.get("/Outlines")
    if isinstance(outlines, pikepdf.Dictionary) and _count_outlines(outlines.get("/First")) > 1:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines


def _no_interpolation(pdf: pikepdf.Pdf) -> None:
    for item in pdf.objects:
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image":
            item.Interpolate = False


def finish_pdf(data: bytes) -> bytes:
    """The PDF WeasyPrint wrote, with the structure, images and viewer settings mended."""
    try:
        return _finish(data)
    except Exception as error:  # a bug here must reach the user as a RenderError, not a trace
        raise RenderError(f"could not finish the PDF's tags: {error!r}") from error


def _finish(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        holders = content_holders(pdf)
        renames = name_images_by_content(holders)
        _no_interpolation(pdf)
        tagged = "/StructTreeRoot" in pdf.Root and bool(_kids(pdf.Root.StructTreeRoot))
        artifacts: dict[Objgen, frozenset[int]] = {}
        if tagged:
            tree = _Tree(pdf)
            artifacts = _margin_content(tree)
            _footnotes(tree)
            elements = list(tree.walk())
            _lists(tree, elements)
            _tables(tree, elements)
            _figures(tree, elements)
            _links(tree)
            _id_tree(tree, elements)
        for holder in holders:
            rewrite_content(
                pdf,
                holder,
                renames_for(renames, holder),
                artifacts.get(holder.objgen, frozenset()),
            )
        _viewer(pdf, tagged)
        if "/ID" in pdf.trailer:
            # WeasyPrint's identifier hashes the bytes it wrote, image URLs included; qpdf keeps
            # an existing first half, so drop it and let qpdf derive both from the content.
            del pdf.trailer.ID
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()
