"""Tagged, conforming PDFs, checked on the written file (pikepdf for structure, pdfplumber for
what each marked-content sequence shows), without Java. scripts/conformance.sh runs veraPDF.

The structure promises, for the default PDF and the pdf/ua-1 and pdf/a-3b variants alike:
every character is either tagged content reachable from the structure root or an artifact; the
handling marking is read once, first, and its repeats are artifacts; footnotes are Notes that
follow the Reference that calls them; header cells have /Scope and every /ID resolves; lists
hold list items only; figures carry the brief's alt text; links carry /Contents.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.errors import RenderError
from sitrep.files.load import validate
from sitrep.resolve import ResolvedBrief, resolve
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf import tagging
from sitrep.writers.pdf.writer import write_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "conformance"
VARIANTS = [None, "pdf/ua-1", "pdf/a-3b"]
MARKING = "TLP:GREEN"


def _quiet(variant: str | None = None) -> RenderOptions:
    return RenderOptions(pdf_variant=variant, warn=lambda message: None)


@dataclass
class Tagged:
    """A written PDF read back: its objects, and the text of every marked-content sequence."""

    pdf: pikepdf.Pdf
    texts: dict[tuple[int, int], str]  # (page index, MCID) -> text shown
    chars: list[dict[str, Any]]  # pdfplumber chars with their page index

    @property
    def document(self) -> pikepdf.Object:
        kids = self.pdf.Root.StructTreeRoot.K
        return kids[0] if isinstance(kids, pikepdf.Array) else kids

    def page_of(self, element: pikepdf.Object) -> int:
        pages = {page.obj.objgen: index for index, page in enumerate(self.pdf.pages)}
        return pages[element.Pg.objgen]

    def walk(self, element: pikepdf.Object | None = None) -> Iterator[pikepdf.Object]:
        stack = [self.document if element is None else element]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed([kid for kid in kids(item) if is_element(kid)]))

    def mcids(self, element: pikepdf.Object | None = None) -> list[tuple[int, int]]:
        """The marked content under an element, in reading order."""
        found = []
        for item in self.walk(element):
            for kid in kids(item):
                if isinstance(kid, int):
                    found.append((self.page_of(item), int(kid)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    found.append((self.page_of(kid if "/Pg" in kid else item), int(kid.MCID)))
        return found

    def text(self, element: pikepdf.Object) -> str:
        return "".join(self.texts.get(key, "") for key in self.mcids(element))


def kids(element: pikepdf.Object) -> list[Any]:
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def is_element(item: object) -> bool:
    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def role(item: pikepdf.Object) -> str:
    return str(item.get("/S", ""))


def read(data: bytes) -> Tagged:
    texts: dict[tuple[int, int], str] = {}
    chars: list[dict[str, Any]] = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for index, page in enumerate(document.pages):
            for char in page.chars:
                chars.append({**char, "page_index": index})
                if char.get("mcid") is not None and char.get("tag") != "Artifact":
                    key = (index, int(char["mcid"]))
                    texts[key] = texts.get(key, "") + char["text"]
    return Tagged(pikepdf.open(io.BytesIO(data)), texts, chars)


@pytest.fixture(scope="module")
def resolved() -> ResolvedBrief:
    return resolve(sitrep.load(FIXTURE / "brief.yaml"))


@pytest.fixture(scope="module")
def outputs(resolved: ResolvedBrief) -> dict[str | None, Tagged]:
    return {variant: read(write_pdf(resolved, _quiet(variant))) for variant in VARIANTS}


@pytest.fixture(params=VARIANTS, ids=lambda v: v or "default")
def tagged(request: pytest.FixtureRequest, outputs: dict[str | None, Tagged]) -> Tagged:
    return outputs[request.param]


def test_catalog_says_tagged_titled_and_opens_with_bookmarks(
    tagged: Tagged, resolved: ResolvedBrief
) -> None:
    root = tagged.pdf.Root
    assert root.MarkInfo.Marked is True
    assert role(tagged.document) == "/Document"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(root.Lang) == resolved.brief.language
    assert str(tagged.pdf.docinfo.get("/Title", "")) == resolved.brief.title or (
        resolved.brief.title in str(tagged.pdf.open_metadata().get("dc:title", ""))
    )
    assert root.PageMode == "/UseOutlines"


def test_only_pdf_ua_claims_pdf_ua(outputs: dict[str | None, Tagged]) -> None:
    def claims(tagged: Tagged) -> bool:
        return (
            "pdfuaid" in tagged.pdf.Root.Metadata.read_bytes().decode()
            if ("/Metadata" in tagged.pdf.Root)
            else False
        )

    assert claims(outputs["pdf/ua-1"])
    assert not claims(outputs[None])


def test_images_are_not_interpolated_and_named_by_content(tagged: Tagged) -> None:
    images = [
        item
        for item in tagged.pdf.objects
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"
    ]
    assert len(images) >= 2
    for image in images:
        assert image.get("/Interpolate", False) is False
    names = set(tagged.pdf.pages[0].Resources.XObject.keys())
    assert any(name.startswith("/Im") for name in names), names


def test_every_character_is_tagged_content_or_an_artifact(tagged: Tagged) -> None:
    reachable = set(tagged.mcids())
    for char in tagged.chars:
        if char.get("tag") == "Artifact":
            continue
        key = (char["page_index"], char.get("mcid"))
        assert key in reachable, (char["text"], key, char.get("tag"))


def test_marking_is_read_once_first_and_its_repeats_are_artifacts(tagged: Tagged) -> None:
    first = tagged.mcids()[0]
    assert tagged.texts[first] == MARKING
    assert [key for key, text in tagged.texts.items() if text == MARKING] == [first]
    assert first[0] == 0
    with pdfplumber.open(io.BytesIO(bytes(_save(tagged.pdf)))) as document:
        pages = len(document.pages)
        artifacts = [
            word
            for page in document.pages
            for word in page.extract_words(extra_attrs=["tag"])
            if word["text"] == MARKING and word["tag"] == "Artifact"
        ]
    assert len(artifacts) == 2 * pages - 1  # top and bottom of every page, but the first read


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_footnotes_are_notes_following_their_references(
    tagged: Tagged, resolved: ResolvedBrief
) -> None:
    notes = [item for item in tagged.walk() if role(item) == "/Note"]
    assert len(notes) == len(resolved.notes)
    id_tree = {
        str(key): value
        for key, value in zip(
            tagged.pdf.Root.StructTreeRoot.IDTree.Names[::2],
            tagged.pdf.Root.StructTreeRoot.IDTree.Names[1::2],
            strict=True,
        )
    }
    references = [item for item in tagged.walk() if role(item) == "/Reference"]
    assert len(references) == len(notes)
    for number, (reference, note) in enumerate(zip(references, notes, strict=True), start=1):
        assert reference.Ref[0].objgen == note.objgen
        assert id_tree[str(note.ID)].objgen == note.objgen
        assert tagged.text(reference) == str(number)
        label = next(kid for kid in kids(note) if is_element(kid))
        assert role(label) == "/Lbl" and tagged.text(label) == f"{number}."
        siblings = [kid.objgen for kid in kids(reference.P)]
        assert siblings[siblings.index(reference.objgen) + 1] == note.objgen
        assert " ".join(tagged.text(note).split())[3:20] in " ".join(
            sitrep_note_text(resolved, number).split()
        )


def sitrep_note_text(resolved: ResolvedBrief, number: int) -> str:
    from sitrep.inline.nodes import plain_text

    return plain_text(resolved.notes[number - 1].content)


def test_table_headers_have_scope_and_every_id_resolves(tagged: Tagged) -> None:
    headers = [item for item in tagged.walk() if role(item) == "/TH"]
    assert len(headers) >= 6  # key judgments and source table
    for header in headers:
        attributes = header.A if isinstance(header.A, pikepdf.Dictionary) else header.A[0]
        assert attributes.Scope in ("/Column", "/Row")
    names = tagged.pdf.Root.StructTreeRoot.IDTree.Names
    resolved_ids = {
        str(key): value.objgen for key, value in zip(names[::2], names[1::2], strict=True)
    }
    for item in tagged.walk():
        if "/ID" in item:
            assert resolved_ids[str(item.ID)] == item.objgen
        for cell_header in (
            item.get("/A", {}).get("/Headers", [])
            if isinstance(item.get("/A"), pikepdf.Dictionary)
            else []
        ):
            assert str(cell_header) in resolved_ids


def test_lists_hold_list_items_only(tagged: Tagged) -> None:
    lists = [item for item in tagged.walk() if role(item) == "/L"]
    assert len(lists) >= 3
    for element in lists:
        for kid in kids(element):
            assert is_element(kid) and role(kid) in ("/LI", "/Caption"), role(kid)


def test_figures_carry_the_briefs_alt_text(tagged: Tagged, resolved: ResolvedBrief) -> None:
    alts = [str(item.Alt) for item in tagged.walk() if role(item) == "/Figure"]
    expected = [fig.alt or fig.caption.plain for fig in resolved.doc.figures]
    assert alts == [" ".join(text.split()) for text in expected]


def test_links_are_tagged_with_contents(tagged: Tagged) -> None:
    parents = tagged.pdf.Root.StructTreeRoot.ParentTree.Nums
    by_key = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
    links = [
        annotation
        for page in tagged.pdf.pages
        for annotation in page.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link"
    ]
    assert len(links) >= 2
    for link in links:
        assert str(link.get("/Contents", "")).strip()
        assert role(by_key[int(link.StructParent)]) == "/Link"


def test_tagging_changes_nothing_visible(
    resolved: ResolvedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished = write_pdf(resolved, _quiet())
    monkeypatch.setattr(tagging, "finish_pdf", lambda data: data)
    raw = write_pdf(resolved, _quiet())
    assert raw != finished
    before, after = pypdfium2.PdfDocument(raw), pypdfium2.PdfDocument(finished)
    assert len(before) == len(after)
    for index in range(len(before)):
        old = before[index].render(scale=0.8).to_pil().tobytes()
        new = after[index].render(scale=0.8).to_pil().tobytes()
        assert old == new, f"page {index + 1} looks different"


def test_same_brief_same_bytes_from_any_folder(tmp_path: Path) -> None:
    outputs = []
    for folder in (tmp_path / "a", tmp_path / "deeper" / "b" / "c"):
        shutil.copytree(FIXTURE, folder)
        brief = resolve(sitrep.load(folder / "brief.yaml"))
        outputs.append(
            (
                write_pdf(brief, _quiet()),
                write_pdf(brief, _quiet("pdf/a-3b")),
                write_docx(brief, _quiet()),
            )
        )
    assert outputs[0] == outputs[1]


def test_pdf_a_2b_refuses_attachments_and_makes_the_rest(resolved: ResolvedBrief) -> None:
    with pytest.raises(RenderError, match=r"attachments: pdf/a-2b .*pdf/a-3b"):
        write_pdf(resolved, _quiet("pdf/a-2b"))
    plain = resolve(sitrep.load(Path(__file__).parents[2] / "fixtures/briefs/full.yaml"))
    data = write_pdf(plain, _quiet("pdf/a-2b"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp or 'pdfaid:part="2"' in xmp


def test_one_heading_opens_without_the_bookmarks_pane() -> None:
    brief = validate({"title": "Only a title", "date": "2024-01-01"}, "brief.yaml", {})
    tagged = read(write_pdf(resolve(brief), _quiet()))
    assert "/PageMode" not in tagged.pdf.Root
    assert tagged.pdf.Root.ViewerPreferences.DisplayDocTitle is True


WORDS = st.text(alphabet="abcdefghij klmnoпрстуф가나다라", min_size=1, max_size=30)


@st.composite
def noted_briefs(draw: st.DrawFn) -> dict[str, Any]:
    notes = draw(st.integers(0, 12))
    paragraphs = [f"{draw(WORDS)}^[{draw(WORDS)}]." for _ in range(notes)]
    return {
        "template": draw(st.sampled_from(["intel-brief", "analysis", "article"])),
        "title": draw(WORDS).strip() or "T",
        "date": "2024-02-02",
        "marking": draw(st.sampled_from(["TLP:CLEAR", "TLP:RED", "TLP:AMBER+STRICT"])),
        "sections": [{"heading": "Notes", "body": "\n\n".join(paragraphs) or "Nothing."}],
    }


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noted_briefs())
def test_any_brief_tags_every_note_and_reads_its_marking_once(data: dict[str, Any]) -> None:
    resolved = resolve(validate(data, "brief.yaml", {}))
    tagged = read(write_pdf(resolved, _quiet()))
    notes = [item for item in tagged.walk() if role(item) == "/Note"]
    assert len(notes) == len(resolved.notes)
    for note in notes:
        assert role(note.P) != "/NonStruct" or role(note.P.P) != "/Document"
    assert tagged.texts[tagged.mcids()[0]] == data["marking"]
    reachable = set(tagged.mcids())
    for char in tagged.chars:
        if char.get("tag") != "Artifact":
            assert (char["page_index"], char.get("mcid")) in reachable, char["text"]


ROOT = Path(__file__).parents[3]
ALL_BRIEFS = sorted(
    [
        *ROOT.glob("examples/*/brief.*"),
        *ROOT.glob("tests/fixtures/briefs/*.yaml"),
        *ROOT.glob("tests/writers/fixtures/*.yaml"),
        *Path(__file__).parent.glob("fixtures/*/brief.*"),
    ]
)


@pytest.mark.parametrize("path", ALL_BRIEFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_and_fixture_is_tagged_right(path: Path) -> None:
    resolved = resolve(sitrep.load(path))
    tagged = read(write_pdf(resolved, _quiet()))
    reachable = set(tagged.mcids())
    for char in tagged.chars:
        if char.get("tag") != "Artifact":
            assert (char["page_index"], char.get("mcid")) in reachable, char["text"]
    elements = list(tagged.walk())
    notes = [item for item in elements if role(item) == "/Note"]
    references = [item for item in elements if role(item) == "/Reference"]
    assert len(notes) == len(references) == len(resolved.notes)
    assert {ref.Ref[0].objgen for ref in references} == {note.objgen for note in notes}
    for item in elements:
        if role(item) == "/L":
            assert all(is_element(k) and role(k) in ("/LI", "/Caption") for k in kids(item))
        if role(item) == "/TH":
            attributes = item.A if isinstance(item.A, pikepdf.Dictionary) else item.A[0]
            assert attributes.Scope in ("/Column", "/Row")
        if role(item) == "/Figure":
            assert str(item.get("/Alt", "")).strip()
    marking = resolved.brief.marking
    first = tagged.texts.get(tagged.mcids()[0], "")
    if resolved.brief.classification is None and resolved.brief.pap is None:
        # (a wider banner is read first as a whole: tests/writers/pdf/test_banner.py)
        assert (first == marking.value) if marking else not first.startswith("TLP:")
    for item in tagged.pdf.objects:
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image":
            assert item.get("/Interpolate", False) is False


def test_a_pdf_that_cannot_be_finished_gives_a_render_error() -> None:
    with pytest.raises(RenderError, match="could not finish the PDF"):
        tagging.finish_pdf(b"%PDF-1.7\nnot really a PDF")


def test_a_link_annotation_belongs_to_its_link_element_only(tagged: Tagged) -> None:
    # A URL set in unbreakable pieces made WeasyPrint hang the annotation on a span inside the
    # link; it is moved to the Link element, and left nowhere else.
    owners = []
    stack = [tagged.pdf.Root.StructTreeRoot]
    seen = set()
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid:
                owners.append((kid.Obj.objgen, role(element)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
    assert owners and all(found == "/Link" for _, found in owners)
    assert len({objgen for objgen, _ in owners}) == len(owners)
