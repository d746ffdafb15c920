"""The Python API raises sitrep's own errors for wrong arguments, never TypeError."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep


def test_render_with_a_template_that_is_not_text_is_a_sitrep_error() -> None:
    brief = sitrep.Brief(title="Cyber incident", date="2024-05-02", assessment="x")
    with pytest.raises(sitrep.SitrepError, match="template=5 is not a layout name"):
        sitrep.render(brief, "html", template=5)


def test_load_of_nothing_is_a_sitrep_error() -> None:
    with pytest.raises(sitrep.SitrepError, match="cannot load NoneType"):
        sitrep.load(None)  # type: ignore[arg-type]


# Image errors name the field and what was expected, and never print empty parentheses "()"
# (outside test: an unreadable figure once gave "cannot read image ()").

_BAD_IMAGES = {
    "missing.png": None,
    "empty.png": b"",
    "truncated.png": b"\x89PNG\r\n\x1a\n",
    "text.jpg": b"not a jpeg",
    "broken.svg": b"<svg",
}


@pytest.mark.parametrize("name", sorted(_BAD_IMAGES))
def test_an_image_error_names_the_field_and_never_prints_empty_parentheses(
    name: str, tmp_path: Path
) -> None:
    from sitrep.files.render_checks import check_brief

    content = _BAD_IMAGES[name]
    if content is not None:
        (tmp_path / name).write_bytes(content)
    brief_file = tmp_path / "brief.yaml"
    brief_file.write_text(
        f"title: Tin prices\ndate: 2025-01-14\nfigures:\n  - image: {name}\n    caption: Mines\n",
        encoding="utf-8",
    )
    errors, _ = check_brief(brief_file)
    if content is None:  # validate finds a missing file with its file, line and field
        [problem] = errors
        assert str(problem).startswith(f"{brief_file}:4: figures[0].image: file 'missing.png'")
        assert "expected a file next to the brief" in str(problem)
    brief = sitrep.load(brief_file)
    for fmt in ("pdf", "docx", "html", "md"):
        try:
            sitrep.render(brief, tmp_path / f"out.{fmt}")
        except sitrep.SitrepError as error:
            message = str(error)
            assert "()" not in message, message
            assert "figures[0].image" in message and name in message, message
            assert not (tmp_path / f"out.{fmt}").exists()


def test_a_brief_error_keeps_its_message_and_problems_through_pickle() -> None:
    """Outside test find: a BriefError sent from a worker process came back one character a
    line, because pickle rebuilt it from the joined message as if it were the problem list."""
    import pickle

    from sitrep.errors import SourceFileError

    with pytest.raises(sitrep.BriefError) as caught:
        sitrep.Brief(title="Drought in the Panama Canal", date="2025-02-30")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert str(copy) == str(caught.value) and "2025-02-30" in str(copy)
    assert copy.problems == caught.value.problems
    source = pickle.loads(pickle.dumps(SourceFileError("refs.json", "not CSL-JSON")))
    assert isinstance(source, SourceFileError) and str(source) == "refs.json: not CSL-JSON"


@pytest.mark.parametrize("added", [5, {"date": "2025-03-04"}], ids=["not an event", "no text"])
def test_check_brief_validates_a_brief_a_script_changed(added: object) -> None:
    """Outside test find: check_brief after `brief.what.append(5)` raised AttributeError."""
    brief = sitrep.Brief(
        title="Port strike in Rotterdam",
        date="2025-03-04",
        what=[{"date": "2025-03-03", "text": "Dockers walked out."}],
    )
    brief.what.append(added)  # type: ignore[arg-type]
    with pytest.raises(sitrep.BriefError, match=r"what\[1\]"):
        sitrep.check_brief(brief)


def test_check_brief_reads_an_appended_mapping_as_an_event() -> None:
    brief = sitrep.Brief(
        title="Port strike",
        date="2025-03-04",
        what=[{"date": "2025-03-03", "text": "Dockers walked out."}],
    )
    brief.what.append({"date": "2025-03-04", "text": "Cranes stopped."})  # type: ignore[arg-type]
    assert isinstance(sitrep.check_brief(brief), list)


def test_check_brief_of_something_else_is_a_brief_error() -> None:
    with pytest.raises(sitrep.BriefError, match=r"expected a sitrep\.Brief"):
        sitrep.check_brief("notabrief")  # type: ignore[arg-type]


def test_render_of_a_template_that_names_nothing_is_refused_in_every_format() -> None:
    brief = sitrep.Brief(title="Port strike", date="2025-03-04")
    with pytest.raises(sitrep.RenderError, match=r"template='nonexistent' is not a layout"):
        sitrep.render(brief, "md", template="nonexistent")
    unknown = sitrep.Brief(title="Port strike", date="2025-03-04", template="nonexistent")
    with pytest.raises(sitrep.BriefError, match=r"template: 'nonexistent' is not a layout"):
        sitrep.render(unknown, "md")


def test_a_model_in_the_wrong_list_is_named_by_its_kind_not_its_repr() -> None:
    brief = sitrep.Brief(
        title="Cocoa smuggling",
        date="2025-06-20",
        sources=[{"id": "cci", "title": "Conseil Café-Cacao bulletin"}],
        assessment="Smuggling rose. [@cci]",
    )
    brief.what.append(brief.sources[0])  # type: ignore[arg-type]
    with pytest.raises(sitrep.BriefError) as caught:
        sitrep.render(brief, "md")
    assert "what[0]: a Source is not allowed here" in str(caught.value)
    assert "id='cci'" not in str(caught.value)
