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
from sitrep.inline.typography import Quotes, retype_outer_quotes
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
            if isinstance(node, Cite) and in_note:
                # a citation inside a note is written out in that note
                content = self.cite(node)
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                if isinstance(following, Text) and following.text[:1] in ".,;:":
                    content = _without_final_period(content)
                out.extend(content)
            elif isinstance(node, InlineNote) and in_note:
                out.extend(self.inline(node.children, in_note=True))
            elif isinstance(node, Emph):
                out.append(Emph(self.inline(node.children, in_note)))
            elif isinstance(node, Strong):
                out.append(Strong(self.inline(node.children, in_note)))
            elif isinstance(node, Link):
                out.append(Link(node.url, self.inline(node.children, in_note)))
            else:
                out.append(node)
        return tuple(self._calls(out)) if not in_note else tuple(out)

    def _calls(self, nodes: list[Inline]) -> list[Inline]:
        """Citations and inline notes in their places, each run of them side by side as one note.

        "[@a]^[comment]" is one place: one note that cites and then comments (CMOS 14.26, one
        note per place), never two calls that read as one number ("¹²").
        """
        out: list[Inline] = []
        run: list[Cite | InlineNote] = []
        gap: list[Inline] = []  # spaces after the run, kept if the run ends there
        for node in nodes:
            if isinstance(node, (Cite, InlineNote)):
                run.append(node)
                gap = []
            elif run and isinstance(node, Text) and not node.text.strip():
                gap.append(node)
            else:
                if run:
                    out.append(self._note(run))
                    out.extend(gap)
                    run, gap = [], []
                out.append(node)
        if run:
            out.append(self._note(run))
            out.extend(gap)
        return out

    def _note(self, run: list[Cite | InlineNote]) -> NoteRef:
        """One numbered note for citations and inline notes standing side by side."""
        # reserve the number first so the note's own citations do not take it
        number = len(self.notes) + 1
        self.notes.append(Note(number, ()))
        parts: list[tuple[Inline, ...]] = []
        source_ids: list[str] = []
        for node in run:
            if isinstance(node, Cite):
                parts.append(self.cite(node))
                source_ids.extend(item.id for item in node.items if item.id not in source_ids)
            else:
                parts.append(self.inline(node.children, in_note=True))
        self.notes[number - 1] = Note(number, _joined(parts), tuple(source_ids))
        return NoteRef(number)


def _joined(parts: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """Parts of one note as sentences: each ends in a period before the next begins."""
    out: list[Inline] = []
    for part in parts:
        if not part:
            continue
        if out:
            if not _ends_sentence(_plain_end(out)):
                out.append(Text("."))
            out.append(Text(" "))
        out.extend(part)
    return tuple(out)


_CLOSING_MARKS = "\"'”’“‘»«›‹)]"


def _ends_sentence(text: str) -> bool:
    """Whether text already ends a sentence, looking inside closing quotes and brackets.

    `“Spring.”` ends one (English sets the period inside the quotes: never add a second);
    `„Frühling“` and `« printemps »` do not, so the period follows them.
    """
    return text.rstrip().rstrip(_CLOSING_MARKS + " \u00a0\u202f").endswith((".", "!", "?", "…"))


def _plain_end(nodes: list[Inline]) -> str:
    last = nodes[-1]
    while isinstance(last, (Emph, Strong, Link)) and last.children:
        last = last.children[-1]
    return last.text if isinstance(last, Text) else ""


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
        marks = quotes_at(path, quotes)
        if quotes is not None and marks != quotes:  # printed inside quotation marks
            text = retype_outer_quotes(text, quotes)
        parsed = parse(text, marks)
        prose[path] = RichText(
            tuple(Paragraph(numbering.inline(p.children)) for p in parsed.paragraphs)
        )
    return prose, tuple(numbering.notes), numbering.cited
