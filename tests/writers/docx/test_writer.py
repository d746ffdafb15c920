"""The DOCX writer: Word templates, styles, links, figures, marking, properties, escaping."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from pathlib import Path
from types import ModuleType

import docx
import pytest

import sitrep
from sitrep.errors import BriefError, RenderError, ResourceRefused
from sitrep.model import Brief
from sitrep.resolve import resolve
from sitrep.writers.docx.writer import write_docx
from sitrep.writers.options import RenderOptions

ROOT = Path(__file__).resolve().parents[3]
BRIEFS = ROOT / "tests" / "fixtures" / "briefs"
EXAMPLES = ROOT / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAYOUTS = ("intel-brief", "analysis", "article")


def render(path: Path, **options: object) -> bytes:
    return write_docx(resolve(sitrep.load(path)), RenderOptions(**options))  # type: ignore[arg-type]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def body_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture(scope="module")
def full() -> bytes:
    return render(BRIEFS / "full.yaml")


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_docx_templates", ROOT / "scripts" / "build_docx_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("layout", LAYOUTS)
def test_built_templates_match_their_sources(layout: str) -> None:
    build = _build_script()
    built = build.read_members(ROOT / "templates" / "docx" / f"{layout}.docx")
    assert built == build.members(layout), "run python scripts/build_docx_templates.py"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_renders_and_reopens(layout: str) -> None:
    data = render(BRIEFS / "full.yaml", template=layout)
    document = docx.Document(io.BytesIO(data))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Intense Quote"} <= styles
    assert {"Quote", "Bibliography"} <= styles
    text = body_text(data)
    assert "{{" not in text.replace("{{ x }}", "") and "{%p" not in text
    assert "w:r>" not in text


def test_examples_render(tmp_path: Path) -> None:
    briefs = sorted(EXAMPLES.glob("*/brief.yaml")) + sorted(EXAMPLES.glob("*/brief.md"))
    assert briefs, "no example briefs found"
    for path in briefs:
        data = render(path)
        docx.Document(io.BytesIO(data))
        brief = sitrep.load(path)
        if brief.figures:
            document = docx.Document(io.BytesIO(data))
            assert document.inline_shapes, f"{path}: figure missing"
            captions = [p for p in document.paragraphs if p.style.style_id == "Caption"]
            assert captions, f"{path}: caption missing"
            assert (brief.figures[0].credit or "") in captions[0].text


def test_hostile_text_survives_literally(full: bytes) -> None:
    text = body_text(full)
    assert "Tags stay text: <b>bold</b> {{ x }} {% if %} {_{ y }_} & link." in text
    assert "Сергей Лавров" in text and "김정은" in text
    assert "**" not in text


def test_hyperlinks_are_real(full: bytes) -> None:
    document = part(full, "word/document.xml")
    rels = part(full, "word/_rels/document.xml.rels")
    links = re.findall(r'<w:hyperlink r:id="(rId\d+)"[^>]*>(.*?)</w:hyperlink>', document)
    assert links
    for rid, inner in links:
        assert 'w:rStyle w:val="Hyperlink"' in inner
        target = re.search(
            rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels
        )
        assert target is not None
        assert (target.group(1) or target.group(2)).startswith(("http", "mailto"))
    assert "https://example.org/a?b=1&amp;c=2" in rels
    assert "mailto:desk@example.org" in rels
    assert 'TargetMode="External"' in rels


def test_marking_in_header_and_footer(full: bytes) -> None:
    document = docx.Document(io.BytesIO(full))
    section = document.sections[0]
    for story in (section.header, section.footer):
        runs = [r for p in story.paragraphs for r in p.runs if "TLP:AMBER+STRICT" in r.text]
        assert runs, "marking missing"
        r_pr = runs[0]._r.rPr
        assert r_pr.find(f"{W}b") is not None and r_pr.find(f"{W}caps") is not None
        assert int(r_pr.find(f"{W}sz").get(f"{W}val")) >= 24
        assert r_pr.find(f"{W}color").get(f"{W}val") == "FFC000"
        assert r_pr.find(f"{W}shd").get(f"{W}fill") == "000000"
    assert section.header.paragraphs[0].alignment == 2  # right
    footer = part(full, "word/footer1.xml")
    assert " PAGE " in footer and " NUMPAGES " in footer
    tabs = re.findall(r'<w:tab w:val="right" w:pos="(\d+)"/>', footer)
    width = section.page_width - section.left_margin - section.right_margin
    assert tabs and int(tabs[0]) * 635 == width  # the marking ends at the right margin


def test_core_properties_come_from_the_brief(full: bytes) -> None:
    props = docx.Document(io.BytesIO(full)).core_properties
    assert props.title == "Full brief: every field"
    assert props.author == "Ana Analyst; Ben Brief"
    assert props.subject == "A second title line"
    assert props.keywords == "North Korea, Russia, arms"
    assert props.language == "en"
    assert props.created is not None and props.created.date().isoformat() == "2023-09-15"
    assert props.modified == props.created
    assert 'w:lang w:val="en"' in part(full, "word/styles.xml")


def test_subject_falls_back_to_the_standfirst() -> None:
    data = render(EXAMPLES / "putin-kim-article" / "brief.md")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.subject.startswith("A potential meeting between the leaders")
    assert props.author == "Ji Da-gyum"


def test_byte_identical(full: bytes) -> None:
    assert render(BRIEFS / "full.yaml") == full
    with zipfile.ZipFile(io.BytesIO(full)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 9, 15, 0, 0, 0)}
        names = archive.namelist()
    assert len(names) == len(set(names))


def test_control_characters_are_refused_by_the_model() -> None:
    for field in ("title", "organisation"):
        with pytest.raises(BriefError, match="U\\+0007"):
            Brief.model_validate({"title": "T", "date": "2023-01-01", field: "a\x07b"})
    # the marking, the only brief text in headers and footers, is an enum: nothing else gets in
    with pytest.raises(BriefError):
        Brief.model_validate({"title": "T", "date": "2023-01-01", "marking": "TLP:\x0cRED"})


def _figure_brief(folder: Path, image: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brief.yaml"
    path.write_text(
        f"title: Figure test\ndate: 2023-09-15\nfigures:\n  - image: {image!r}\n"
        "    caption: A caption\n",
        encoding="utf-8",
    )
    return path


def test_figures_outside_the_brief_folder_are_refused(tmp_path: Path) -> None:
    png = EXAMPLES / "russia-north-korea-alliance" / "region-map.png"
    (tmp_path / "outside.png").write_bytes(png.read_bytes())
    brief = _figure_brief(tmp_path / "brief", "../outside.png")
    with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image"):
        render(brief)
    (tmp_path / "brief" / "link.png").symlink_to(tmp_path / "outside.png")
    brief = _figure_brief(tmp_path / "brief", "link.png")
    with pytest.raises(ResourceRefused, match=r"figures\[0\]\.image"):
        render(brief)
    (tmp_path / "brief" / "inside.png").write_bytes(png.read_bytes())
    data = render(_figure_brief(tmp_path / "brief", "inside.png"))
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 1


def test_user_template_path(tmp_path: Path) -> None:
    house = tmp_path / "house.docx"
    house.write_bytes((ROOT / "templates" / "docx" / "analysis.docx").read_bytes())
    data = render(BRIEFS / "simple.yaml", template=house)
    assert "So far it is not known" in body_text(data)
    data = render(BRIEFS / "simple.yaml", template=str(house))
    with pytest.raises(RenderError, match="does not exist"):
        render(BRIEFS / "simple.yaml", template=tmp_path / "missing.docx")


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    source = ROOT / "templates" / "docx" / "intel-brief.docx"
    target = tmp_path / "variant.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = data.replace(old.encode(), new.encode())
            out.writestr(name, data)
    return target


def test_rich_variable_in_a_plain_tag_is_reported(tmp_path: Path) -> None:
    template = _variant(tmp_path, "{{r event.runs }}", "{{ event.runs }}")
    with pytest.raises(RenderError, match=r"\{\{r name \}\}"):
        render(BRIEFS / "simple.yaml", template=template)


def test_unknown_template_variable_is_reported(tmp_path: Path) -> None:
    template = _variant(tmp_path, "{{ title }}", "{{ titel }}")
    with pytest.raises(RenderError, match="titel"):
        render(BRIEFS / "simple.yaml", template=template)
