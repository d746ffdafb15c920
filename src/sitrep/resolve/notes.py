"""One pass turns citations and inline notes into numbered notes, before any writer runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.inline import (
    Cite,
    Emph,
    Inline,
    InlineNote,
    Link,
    NoteRef,
    Paragraph,
    RichText,
    Strong,
    Text,
    parse,
)
from sitrep.inline.typography import Quotes
from sitrep.model.brief import Brief
from sitrep.model.walk import FieldPath, iter_prose
from sitrep.resolve.chicago import CitedSource, ShortForm, format_note, short_forms
from sitrep.resolve.typography import quotes_at

__all__ = ["Note", "number_notes"]


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered footnote; `source_ids` lists the sources it cites."""

    number: int
    content: tuple[Inline, ...]
    source_ids: tuple[str, ...] = ()


@dataclass
class _Numbering:
    brief: Brief
    notes: list[Note] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    short: dict[str, ShortForm] = field(default_factory=dict)
    """Short forms that tell the brief's sources apart, the same in every format."""

    def __post_init__(self) -> None:
        self.short = short_forms(self.brief.sources, language=self.brief.notes_language)

    def cite(self, node: Cite) -> tuple[Inline, ...]:
        sources = self.brief.source_by_id
        cites = []
        for item in node.items:
            cites.append(
                CitedSource(
                    sources[item.id],
                    item.locator,
                    item.prefix,
                    first=item.id not in self.cited,
                    short=self.short.get(item.id),
                    credibility=item.credibility,
                )
            )
            self.cited.add(item.id)
        return format_note(
            cites, show_grades=self.brief.show_grades, language=self.brief.notes_language
        )

    def add(self, content: tuple[Inline, ...], source_ids: tuple[str, ...]) -> NoteRef:
        note = Note(len(self.notes) + 1, content, source_ids)
        self.notes.append(note)
        return NoteRef(note.number)

    def inline(self, nodes: tuple[Inline, ...], in_note: bool = False) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for index, node in enumerate(nodes):
            if isinstance(node, Cite):
                content = self.cite(node)
                if in_note:  # a citation inside a note is written out in that note
                    following = nodes[index + 1] if index + 1 < len(nodes) else None
                    if isinstance(following, Text) and following.text[:1] in ".,;:":
                        content = _without_final_period(content)
                    out.extend(content)
                else:
                    out.append(self.add(content, tuple(item.id for item in node.items)))
            elif isinstance(node, InlineNote):
                if in_note:
                    out.extend(self.inline(node.children, in_note=True))
                else:
                    # reserve the number first so the note's own citations do not take it
                    index = len(self.notes)
                    self.notes.append(Note(index + 1, ()))
                    content = self.inline(node.children, in_note=True)
                    self.notes[index] = Note(index + 1, content, ())
                    out.append(NoteRef(index + 1))
            elif isinstance(node, Emph):
                out.append(Emph(self.inline(node.children, in_note)))
            elif isinstance(node, Strong):
                out.append(Strong(self.inline(node.children, in_note)))
            elif isinstance(node, Link):
                out.append(Link(node.url, self.inline(node.children, in_note)))
            else:
                out.append(node)
        return tuple(out)


def _without_final_period(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    last = content[-1] if content else None
    if isinstance(last, Text) and last.text.endswith("."):
        return (*content[:-1], Text(last.text[:-1]))
    return content


def number_notes(
    brief: Brief, quotes: Quotes | None = None
) -> tuple[dict[FieldPath, RichText], tuple[Note, ...], set[str]]:
    """Resolve every prose field in reading order; `quotes` sets typographic quotes in it.

    Returns the prose with `NoteRef` calls in place of citations and inline notes, the notes in
    number order, and the ids of the sources cited.
    """
    numbering = _Numbering(brief)
    prose: dict[FieldPath, RichText] = {}
    for path, text in iter_prose(brief):
        parsed = parse(text, quotes_at(path, quotes))
        prose[path] = RichText(
            tuple(Paragraph(numbering.inline(p.children)) for p in parsed.paragraphs)
        )
    return prose, tuple(numbering.notes), numbering.cited
