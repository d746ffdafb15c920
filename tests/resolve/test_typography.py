"""The typography pass: one pass in `resolve` gives every writer typographic quotes and note calls
set close to their word."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel

from sitrep.inline import NoteRef, Text, plain_text
from sitrep.model import Brief
from sitrep.model.walk import prose_fields
from sitrep.resolve import resolve
from sitrep.resolve.typography import TYPESET, VERBATIM

SOURCES = [{"id": "a", "title": 'Alpha\'s "Report"', "type": "report", "author": "Ann Able"}]


def brief(**fields: Any) -> Brief:
    return Brief.model_validate({"title": "T", "date": "2023-09-15", "sources": SOURCES, **fields})


def _typeset_models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """The models the pass walks into: every one reachable from Brief except through a field
    kept verbatim as a whole (the sources)."""

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _typeset_models(annotation, seen)
        for arg in typing.get_args(annotation):
            visit(arg)

    if model not in seen:
        seen.add(model)
        for name, field in model.model_fields.items():
            if name not in VERBATIM.get(model, ()):
                visit(field.annotation)
    return seen


def _is_text(annotation: Any) -> bool:
    return annotation is str or any(_is_text(arg) for arg in typing.get_args(annotation))


def test_every_plain_text_field_is_either_typeset_or_kept_verbatim() -> None:
    """A new text field must be sorted into one of the two lists before it can ship."""
    unsorted = [
        f"{model.__name__}.{name}"
        for model in _typeset_models(Brief, set())
        for name, field in model.model_fields.items()
        if _is_text(field.annotation)
        and name not in prose_fields(model)
        and name not in TYPESET.get(model, ())
        and name not in VERBATIM.get(model, ())
    ]
    assert unsorted == []


def test_plain_fields_get_quotes_and_names_of_things_do_not() -> None:
    resolved = resolve(
        brief(
            title='The "Brief"',
            authors=["Ann O'Neil"],
            who=[{"name": "Olaf 'O' Scholz", "role": 'the "Chancellor"'}],
            where=[{"name": 'Kim\'s "place"', "country": "X"}],
            sections=[{"heading": 'It\'s "here"', "body": "Body."}],
            attachments=[{"path": "it's.csv", "title": 'The "file"'}],
            template="intel-brief",
        )
    )
    out = resolved.brief
    assert out.title == "The “Brief”"
    assert out.authors == ["Ann O’Neil"]
    assert (out.who[0].name, out.who[0].role) == ("Olaf ‘O’ Scholz", "the “Chancellor”")
    assert out.where[0].name == "Kim’s “place”"
    assert out.sections[0].heading == "It’s “here”"
    assert (out.attachments[0].path, out.attachments[0].title) == ("it's.csv", "The “file”")
    assert out.sources[0].title == 'Alpha\'s "Report"'  # the notes set a source's quotes


def test_the_brief_language_picks_the_marks() -> None:
    resolved = resolve(brief(title='Der "Bericht"', language="de", assessment="Er sagte 'ja'."))
    assert resolved.brief.title == "Der „Bericht“"
    assert plain_text(resolved.text("assessment").paragraphs[0].children) == "Er sagte ‚ja‘."


def test_smart_quotes_false_keeps_every_quote_as_typed() -> None:
    resolved = resolve(
        brief(title='The "raw" title', assessment='It\'s "raw".', smart_quotes=False)
    )
    assert resolved.brief.title == 'The "raw" title'
    assert plain_text(resolved.text("assessment").paragraphs[0].children) == 'It\'s "raw".'


def test_quotes_in_a_pull_quote_are_the_nested_kind() -> None:
    resolved = resolve(brief(quotes=[{"text": 'We say "no".', "speaker": "S"}]))
    # the outer marks are set once, here, for every writer
    assert plain_text(resolved.text("quotes", 0, "text").paragraphs[0].children) == "“We say ‘no’.”"


@pytest.mark.parametrize(
    "typed",
    ["Text [@a].", "Text[@a].", "Text  [@a].", "Text\u00a0[@a].", "Text\n[@a]."],
)
def test_no_space_before_a_note_call_however_it_was_typed(typed: str) -> None:
    children = resolve(brief(assessment=typed)).text("assessment").paragraphs[0].children
    assert children == (Text("Text"), NoteRef(1), Text("."))


def test_no_space_before_a_call_inside_emphasis_or_before_emphasised_call() -> None:
    resolved = resolve(brief(assessment="*Quoted [@a]* and ^[note] end."))
    children = resolved.text("assessment").paragraphs[0].children
    emph = children[0]
    assert emph.children == (Text("Quoted"), NoteRef(1))  # type: ignore[union-attr]
    assert children[1:] == (Text(" and"), NoteRef(2), Text(" end."))
