"""The "Changes since the last brief" box: a pass over a resolved brief, before any writer.

`with_changes(resolved, changes)` turns what `sitrep.compare.diff_briefs` found into a
`ChangesBox` (a heading and one short line per change) on the resolved brief; every writer
prints it after the BLUF as it prints any boxed block. The lines quote changed texts without
their citations and notes, so the box adds no note and no note is numbered twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sitrep.compare import BriefChanges, EventItem, JudgmentItem
from sitrep.errors import BriefError, RenderError
from sitrep.inline import Inline, RichText, Strong, Text
from sitrep.inline.nodes import Cite, Emph, InlineNote, Link, NoteRef, Paragraph, plain_text
from sitrep.inline.parser import parse
from sitrep.inline.typography import Quotes
from sitrep.labels import Labels, labels_for
from sitrep.model.brief import Brief, DateFormat
from sitrep.model.judgment import Confidence, Likelihood
from sitrep.model.marking import TLP
from sitrep.model.portions import rank, read_label
from sitrep.resolve.dates import format_moment
from sitrep.resolve.document import ResolvedBrief
from sitrep.resolve.typography import quotes_of

__all__ = ["MAX_WORDS", "ChangesBox", "add_changes_since", "change_lines", "with_changes"]

MAX_WORDS = 30
"""A quoted text longer than this is cut at a word and ends in "…": the box summarises."""


@dataclass(frozen=True, slots=True)
class ChangesBox:
    """A boxed list after the BLUF: the heading and one paragraph per change."""

    heading: str
    items: tuple[RichText, ...]


def _visible(nodes: tuple[Inline, ...]) -> str:
    """The words of inline nodes without citations and notes, and without the space that stood
    before a citation ("strike [@ap]." reads "strike.")."""
    out = ""
    for node in nodes:
        if isinstance(node, (Cite, InlineNote, NoteRef)):
            out = out.rstrip()
        elif isinstance(node, (Emph, Strong, Link)):
            out += _visible(node.children)
        else:
            out += plain_text((node,))
    return out


def _quoted(text: str, quotes: Quotes | None) -> str:
    """A changed text on one line, citations and notes left out, cut after MAX_WORDS words."""
    paragraphs = parse(text, quotes).paragraphs
    words = " ".join(" ".join(_visible(p.children) for p in paragraphs).split()).split(" ")
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    return " ".join(words[:MAX_WORDS]).rstrip(",;:.") + "…"


class _Lines:
    def __init__(self, labels: Labels, style: DateFormat, quotes: Quotes | None) -> None:
        self.labels = labels
        self.style = style
        self.quotes = quotes
        self.items: list[RichText] = []

    def add(self, key: str, text: str, when: str = "", detail: str = "") -> None:
        name = self.labels[f"change.{key}"]
        # the label's own punctuation, as in the facts block: "Ajouté (12 mai 2026) :" in French
        fact = self.labels.fact(f"{name} ({when})" if when else name)
        before, found, after = fact.partition(name)
        rest = after + " " + text + (f" – {detail}" if detail else "")
        nodes: list[Inline] = (
            [Text(before), Strong((Text(name),)), Text(rest)]
            if found
            else [Text(fact + " " + text + (f" – {detail}" if detail else ""))]
        )
        nodes = [node for node in nodes if not (isinstance(node, Text) and not node.text)]
        self.items.append(RichText((Paragraph(tuple(nodes)),)))

    def moment(self, day: dt.date | None, time: dt.time | None) -> str:
        return "" if day is None else format_moment(day, time, self.style, self.labels.language)

    def event(self, key: str, event: EventItem) -> None:
        when = self.moment(event.date, event.time)
        self.add(key, _quoted(event.text, self.quotes), when)

    def odds(self, judgment: JudgmentItem) -> tuple[str, str]:
        likelihood = (
            ""
            if judgment.likelihood is None
            else self.labels.likelihood_term(Likelihood(judgment.likelihood))
        )
        confidence = (
            ""
            if judgment.confidence is None
            else self.labels.format(
                "change.confidence",
                level=self.labels.confidence_level(Confidence(judgment.confidence)),
            )
        )
        return likelihood, confidence

    def judgment(self, key: str, judgment: JudgmentItem) -> None:
        detail = "; ".join(part for part in self.odds(judgment) if part)
        self.add(key, _quoted(judgment.text, self.quotes), detail=detail)

    def moved(self, old: str, new: str) -> str:
        if old == new:
            return ""
        none = self.labels["change.none"]
        return self.labels.format("change.moved", old=old or none, new=new or none)


def change_lines(
    changes: BriefChanges, labels: Labels, style: DateFormat, quotes: Quotes | None
) -> tuple[RichText, ...]:
    """One line per change, in the order events, key judgments, sources."""
    lines = _Lines(labels, style, quotes)
    for event in changes.events_added:
        lines.event("event_added", event)
    for event in changes.events_removed:
        lines.event("event_removed", event)
    for change in changes.events_changed:
        before = lines.moment(change.old.date, change.old.time)
        after = lines.moment(change.new.date, change.new.time)
        when = lines.moved(before, after) or after
        lines.add("event_changed", _quoted(change.new.text, quotes), when)
    for judgment in changes.judgments_added:
        lines.judgment("judgment_added", judgment)
    for judgment in changes.judgments_removed:
        lines.judgment("judgment_removed", judgment)
    for revised in changes.judgments_changed:
        old, new = lines.odds(revised.old), lines.odds(revised.new)
        moves = "; ".join(filter(None, (lines.moved(a, b) for a, b in zip(old, new, strict=True))))
        lines.add("judgment_changed", _quoted(revised.new.text, quotes), detail=moves)
    for source in changes.sources_added:
        lines.add("source_added", source.title)
    for source in changes.sources_dropped:
        lines.add("source_dropped", source.title)
    if not lines.items:
        lines.items.append(RichText((Paragraph((Text(labels["change.nothing"]),)),)))
    return tuple(lines.items)


def with_changes(
    resolved: ResolvedBrief, changes: BriefChanges, layout: str | None = None
) -> ResolvedBrief:
    """The resolved brief with a "Changes since the last brief" box listing `changes`."""
    brief = resolved.brief
    labels = labels_for(brief.language, layout or brief.template)
    items = change_lines(changes, labels, brief.date_format, quotes_of(brief))
    return dataclasses.replace(resolved, changes=ChangesBox(labels["changes"], items))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _document_level(brief: Brief, release_at: TLP | str | None) -> TLP | None:
    """The level of the document being written: the lower of the release and the brief's
    own marking (the brief given here is normally already released)."""
    levels = [brief.marking] if brief.marking is not None else []
    if release_at is not None:
        levels.append(read_label(release_at))
    return min(levels, key=rank) if levels else None


def _file_of(brief: Brief) -> str:
    return str(brief.origin) if brief.origin is not None else "the new brief"


def _without_title(previous: Brief, level: TLP) -> Brief:
    """The previous issue with a neutral title marked `level`: the box never prints the previous
    title, so a title above the level must not stop the comparison, and none is carried."""
    markings = {**previous.field_markings, "title": level}
    copy = previous.model_copy(update={"title": "previous issue", "field_markings": markings})
    copy._origin = previous.origin
    copy.set_source_files(previous.source_files)
    return copy


def add_changes_since(
    resolved: ResolvedBrief,
    brief: Brief,
    previous: Brief | str | Path,
    outputs: Iterable[Path] = (),
    warn: Callable[[str], None] | None = None,
    *,
    release_at: TLP | str | None = None,
    portion_marks: bool = False,
) -> ResolvedBrief:
    """`resolved` with the box of changes from `previous` (a Brief, or the file of the previous
    issue) to `brief`; signs that `previous` is not an earlier issue go to `warn`.

    `brief` is the brief as this render writes it (released, portion-marked); `previous` is
    released at the level of that document (the release, else the brief's own marking) and
    marked alike before the two are compared, so the box never quotes a portion above the
    document's level from either issue. A marked previous issue and an unmarked brief are
    refused: nothing in the previous issue is known to be printable.

    Raises RenderError if an output would replace the previous issue's file, and BriefError if
    the previous issue cannot be released at `release_at`."""
    from sitrep.compare import diff_briefs
    from sitrep.files.load import load
    from sitrep.resolve.release import for_audience

    if not isinstance(previous, Brief):
        path = Path(previous)
        for output in outputs:
            if _same_file(output, path):
                raise RenderError(
                    f"{output}: this output is the previous issue given with --changes-since "
                    "(expected an output that is not an input; name another with -o)"
                )
        previous = load(path)
    level = _document_level(brief, release_at)
    if level is None and previous.marking not in (None, TLP.CLEAR):
        raise BriefError.single(
            f"the previous issue given with --changes-since is marked "
            f"{previous.marking and previous.marking.value}, but {_file_of(brief)} has no "
            "marking, so nothing in the previous issue is known to be printable in it (expected "
            "marking: on the new brief, or --release at the level of the document being written)",
            previous.origin,
            "marking",
        )
    if level is not None:
        previous = _without_title(previous, level)
    previous = for_audience(previous, level, portion_marks or brief.portion_marks)
    changes = diff_briefs(previous, brief)
    for message in changes.warnings:
        if warn is not None:
            warn(f"--changes-since: {message}")
    return with_changes(resolved, changes)
