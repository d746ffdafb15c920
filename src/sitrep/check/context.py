"""What a rule sees: the brief, and its prose already parsed, with the citations in each field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from sitrep.inline import Cite, CiteItem, Inline, RichText, parse
from sitrep.inline.nodes import Emph, InlineNote, Link, Strong, Text
from sitrep.model.brief import Brief, Event, Theme
from sitrep.model.walk import FieldPath, iter_prose

__all__ = ["CheckContext"]


def _citations(nodes: tuple[Inline, ...]) -> Iterator[CiteItem]:
    for node in nodes:
        if isinstance(node, Cite):
            yield from node.items
        elif isinstance(node, (Emph, Strong, Link, InlineNote)):
            yield from _citations(node.children)


def _plain(nodes: tuple[Inline, ...]) -> str:
    """Visible text, citations and notes left out."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            parts.append(_plain(node.children))
    return "".join(parts)


def _notes(nodes: tuple[Inline, ...]) -> Iterator[tuple[Inline, ...]]:
    """The content of every inline note `^[...]` in `nodes`, notes inside notes too."""
    for node in nodes:
        if isinstance(node, InlineNote):
            yield node.children
            yield from _notes(node.children)
        elif isinstance(node, (Emph, Strong, Link)):
            yield from _notes(node.children)


@dataclass
class CheckContext:
    """The brief under check; prose fields are parsed once and shared by every rule."""

    brief: Brief

    @cached_property
    def prose(self) -> dict[FieldPath, RichText]:
        """Every prose field by path, parsed."""
        return {path: parse(text) for path, text in iter_prose(self.brief)}

    def text(self, path: FieldPath) -> str:
        """The visible text of one prose field (no citations), paragraphs joined by blank lines."""
        rich = self.prose.get(path)
        if rich is None:
            return ""
        return "\n\n".join(_plain(p.children) for p in rich.paragraphs)

    def texts(self, path: FieldPath) -> list[str]:
        """The visible text of one prose field, then the text of each of its inline notes
        (`^[...]`): the analyst's words, each piece on its own so that no phrase runs from the
        text into a note."""
        rich = self.prose.get(path)
        if rich is None:
            return []
        notes = [_plain(note) for p in rich.paragraphs for note in _notes(p.children)]
        return [self.text(path), *notes]

    @cached_property
    def _citations_under(self) -> dict[FieldPath, list[CiteItem]]:
        """Citations by every prefix of their field's path, so each lookup is one dict get."""
        index: dict[FieldPath, list[CiteItem]] = {}
        for path, rich in self.prose.items():
            items = [item for p in rich.paragraphs for item in _citations(p.children)]
            if not items:
                continue
            for end in range(len(path) + 1):
                index.setdefault(path[:end], []).extend(items)
        return index

    def citations(self, *prefixes: FieldPath) -> list[CiteItem]:
        """The citations in every prose field under any of `prefixes`."""
        return [item for prefix in prefixes for item in self._citations_under.get(prefix, [])]

    def events(self) -> Iterator[tuple[FieldPath, Event]]:
        """Every event with its path, themes opened, in reading order."""
        for index, item in enumerate(self.brief.what):
            if isinstance(item, Theme):
                for j, event in enumerate(item.events):
                    yield ("what", index, "events", j), event
            else:
                yield ("what", index), item
