"""Chicago (17th ed.) notes and bibliography entries for sitrep sources.

A focused formatter rather than citeproc-py: see docs/sources.md, "Why a focused formatter".
Each source type follows its CMOS 17 chapter 14 pattern:

- news (14.191), webpage (14.206), social (14.209), video (14.267), press-release and statement
  (14.217), interview (14.213), dataset (14.257): author, “title,” where it appeared, date, URL.
- book (14.100), report (14.220) and government (14.281): author, *title*, edition, series
  (place: publisher, date), page, URL.
- journal (14.171): author, “title,” *journal* volume, no. issue (date): page, DOI.

The first citation of a source gets the full note, later ones the short note (author's surname,
short title, locator: 14.29); there is no "Ibid." (14.34 prefers the short form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sitrep.inline.nodes import Inline, Text
from sitrep.model.source import Grade, Person, Source, SourceType
from sitrep.resolve.chicago_style import (
    Run,
    capitalise,
    date_text,
    emph,
    join,
    link,
    locator_text,
    merge_text,
    names_bibliography,
    names_note,
    names_short,
    punctuate,
    quoted,
    short_title,
    smarten,
    sort_text,
    text,
    truncate_post,
)

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "CitedSource",
    "bibliography_order",
    "format_bibliography_entry",
    "format_note",
    "grade_meaning",
]


@dataclass(frozen=True, slots=True)
class CitedSource:
    """One source inside one citation."""

    source: Source
    locator: str | None = None
    """"p. 4", "pp. 3-4", "para. 12", "12:03" (a timestamp)..."""
    prefix: str | None = None
    """"see", "cf." from [see @a]."""
    first: bool = True
    """First citation of this source in the brief: full note; otherwise the short note."""
    credibility: int | None = None
    """Information credibility (1-6) given on this citation; it wins over the source grade's."""

    @property
    def grade_code(self) -> str | None:
        """The Admiralty code to print: the source's reliability with this claim's credibility."""
        grade = self.source.grade
        if self.credibility is None:
            return grade.code if grade else None
        return (
            f"{grade.reliability}{self.credibility}" if grade else f"credibility {self.credibility}"
        )


_T = SourceType

_ITALIC_TITLE = frozenset({_T.BOOK, _T.REPORT, _T.GOVERNMENT, _T.DATASET})
"""Works that stand alone take italics; parts of something larger take quotes (CMOS 8.156)."""
_ITALIC_CONTAINER = frozenset({_T.NEWS, _T.JOURNAL, _T.INTERVIEW})
"""Newspapers, journals and programmes are italic; websites, platforms and series are roman."""
_BOOKLIKE = frozenset({_T.BOOK, _T.REPORT, _T.GOVERNMENT})
"""Publication facts in parentheses: (Place: Publisher, date)."""
_ISSUER_IS_AUTHOR = frozenset(
    {_T.REPORT, _T.GOVERNMENT, _T.PRESS_RELEASE, _T.STATEMENT, _T.DATASET}
)
"""Without a personal author, the issuing organisation (`publisher`) stands as author (14.84)."""
_DEFAULT_MEDIUM = {_T.PRESS_RELEASE: "press release", _T.INTERVIEW: "interview"}

Role = Literal["note", "short", "bibliography"]

_EDITION_WORD = re.compile(r"\bed(?:\.|ition\b)", re.IGNORECASE)


# --- pieces --------------------------------------------------------------------------------------


def _authors(source: Source, role: Role) -> list[Person]:
    """Who stands in the author position; empty means the title comes first (14.75)."""
    if source.authors:
        return list(source.authors)
    owner: str | None = None
    if source.type in _ISSUER_IS_AUTHOR:
        owner = source.publisher
    elif source.type is _T.WEBPAGE and role != "note":
        # CMOS 14.206: "Google, “Privacy Policy.”"; bibliography "Yale University. “About ...”"
        if role == "bibliography":
            owner = source.publisher or source.container
        elif source.publisher != source.container:
            owner = source.publisher
    return [Person(literal=owner)] if owner else []


def _publisher(source: Source, role: Role) -> str | None:
    """The publisher, unless it already stands as author or repeats the container."""
    owners = {p.literal for p in _authors(source, role) if p.literal}
    if source.publisher in owners or source.publisher == source.container:
        return None
    return source.publisher


def _container(source: Source, role: Role = "note") -> Run:
    owners = {p.literal for p in _authors(source, role) if p.literal}
    if source.container in owners:
        return []
    return (emph if source.type in _ITALIC_CONTAINER else text)(source.container)


def _title_text(source: Source) -> str:
    return truncate_post(source.title) if source.type is _T.SOCIAL else source.title


def _title(source: Source, *, short: bool = False) -> Run:
    value = _title_text(source)
    if short:
        value = source.short_title or short_title(value)
    return emph(value) if source.type in _ITALIC_TITLE else quoted(value)


def _when(source: Source, *, year_only: bool = False, accessed: bool = True) -> Run:
    """The publication date; without one the access date (14.12); else "n.d." (14.145)."""
    if source.date is not None:
        return text(date_text(source.date, year_only=year_only))
    if accessed and source.accessed is not None:
        return text("accessed " + date_text(source.accessed))
    return text("n.d.")


def _address(source: Source) -> Run:
    """A DOI as https://doi.org/... (preferred, 14.8), else the URL."""
    if source.doi:
        doi = source.doi.strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        return link("https://doi.org/" + doi)
    return link(source.url)


def _platform(source: Source) -> Run:
    """Platform and medium: "YouTube video, 4:47", "Instagram photo", "Twitter"."""
    container, medium = source.container, source.medium
    if container and medium and medium[:1].islower():
        return text(f"{container} {medium}")
    return text(", ".join(part for part in (container, medium) if part))


def _medium(source: Source) -> Run:
    return text(source.medium or _DEFAULT_MEDIUM.get(source.type))


def _middle(source: Source, role: Role) -> list[Run]:
    """What comes between the title and the date, for the comma-separated types."""
    kind = source.type
    if kind is _T.NEWS:
        return [_container(source)]
    if kind is _T.SOCIAL:
        return [_platform(source)]
    if kind is _T.VIDEO:
        publisher = _publisher(source, role)
        return [_platform(source), text(f"posted by {publisher}" if publisher else None)]
    if kind is _T.WEBPAGE:
        return [_container(source, role), text(_publisher(source, role))]
    return [_medium(source), _container(source, role), text(_publisher(source, role))]


def _edition(source: Source) -> Run:
    """Edition: "2" -> "2nd ed."; "rev. ed." and "2nd edition" stay as written."""
    value = (source.edition or "").strip()
    if not value:
        return []
    if value.isdigit():
        number = int(value)
        teen = 10 <= number % 100 <= 20
        suffix = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return text(f"{number}{suffix} ed.")
    if _EDITION_WORD.search(value):
        return text(value)
    return text(value + " ed.")


def _facts(source: Source, role: Role) -> Run:
    """'New York: Penguin Press, 2016' for books, reports and government documents."""
    publisher = _publisher(source, role)
    where = ": ".join(part for part in (source.place, publisher) if part)
    return join([text(where), _when(source, year_only=source.type is _T.BOOK, accessed=False)])


def _has_facts(source: Source, role: Role) -> bool:
    return source.type is _T.BOOK or bool(source.place or _publisher(source, role))


def _undated_access(source: Source) -> Run:
    if source.date is None and source.accessed is not None:
        return text("accessed " + date_text(source.accessed))
    return []


def _journal(source: Source, pages: Run) -> Run:
    """'*Classical Philology* 111, no. 2 (April 2016): 170'."""
    run: Run = [*emph(source.container)]
    if source.volume:
        run.append(Text(f" {source.volume}"))
    if source.issue:
        run.append(Text(f", no. {source.issue}"))
    run.extend([Text(" ("), *_when(source, accessed=False), Text(")")])
    if pages:
        run.extend([Text(": "), *pages])
    return run


# --- notes ---------------------------------------------------------------------------------------


def _locator(cite: CitedSource) -> Run:
    return text(locator_text(cite.locator)) if cite.locator and cite.locator.strip() else []


def _full_note(cite: CitedSource) -> Run:
    source, locator = cite.source, _locator(cite)
    author = text(names_note(_authors(source, "note")))
    if source.type is _T.JOURNAL:
        pages = locator or text(locator_text(source.pages or ""))
        return join([author, _title(source), _journal(source, pages), _address(source)])
    if source.type in _BOOKLIKE:
        head = join([_title(source), _edition(source), text(source.container)])
        if _has_facts(source, "note"):
            head = [*head, Text(" ("), *_facts(source, "note"), Text(")")]
            when = _undated_access(source)
        else:
            when = _when(source)
        return join([author, head, when, locator, _address(source)])
    middle = _middle(source, "note")
    return join([author, _title(source), *middle, _when(source), locator, _address(source)])


def _short_note(cite: CitedSource) -> Run:
    """Surname(s), short title, locator (14.29-30)."""
    source = cite.source
    author = text(names_short(_authors(source, "short")))
    return join([author, _title(source, short=True), _locator(cite)])


def format_note(cites: Sequence[CitedSource], *, show_grades: bool = False) -> tuple[Inline, ...]:
    """One footnote's content for a citation [@a, p. 4; @b]: items joined with '; ', ending with a
    period. Full form when first, short form otherwise (no 'Ibid.'). With show_grades and a
    source grade, ' [B2]' follows that item."""
    items: list[Run] = []
    for cite in cites:
        body = _full_note(cite) if cite.first else _short_note(cite)
        if cite.first and cite.source.descriptor and cite.source.descriptor.strip():
            body = [*body, Text(f" ({cite.source.descriptor.strip()})")]
        if cite.prefix and cite.prefix.strip():
            body = [Text(smarten(cite.prefix.strip()) + " "), *body]
        if show_grades and cite.grade_code is not None:
            body = [*body, Text(f" [{cite.grade_code}]")]
        items.append(body)
    note = punctuate(join(items, "; "), ".")
    if cites and cites[0].prefix:
        note = capitalise(note)  # "See Zhang, ..."
    return merge_text(note)


# --- bibliography --------------------------------------------------------------------------------


def _bibliography_groups(source: Source) -> list[Run]:
    author = text(names_bibliography(_authors(source, "bibliography")))
    role: Role = "bibliography"
    if source.type is _T.JOURNAL:
        pages = text(locator_text(source.pages or ""))
        return [author, _title(source), _journal(source, pages), _address(source)]
    if source.type in _BOOKLIKE:
        facts = _facts(source, role) if _has_facts(source, role) else capitalise(_when(source))
        return [
            author,
            _title(source),
            capitalise(_edition(source)),
            text(source.container),
            facts,
            capitalise(_undated_access(source)) if _has_facts(source, role) else [],
            _address(source),
        ]
    if source.type is _T.WEBPAGE:
        middle = _middle(source, role)
        return [author, _title(source), *middle, capitalise(_when(source)), _address(source)]
    details = join([*_middle(source, role), _when(source)])
    return [author, _title(source), capitalise(details), _address(source)]


def format_bibliography_entry(source: Source) -> tuple[Inline, ...]:
    """Chicago bibliography entry: inverted first author ('Zhang, Kevin.'), periods between
    elements (CMOS 14.68)."""
    groups = _bibliography_groups(source)
    if source.descriptor and source.descriptor.strip():
        # ICD 206: the source descriptor goes with the reference.
        descriptor = source.descriptor.strip()
        groups = [*groups, text(descriptor[:1].upper() + descriptor[1:])]
    return merge_text(punctuate(join(groups, ". "), "."))


def _sort_key(source: Source) -> tuple[str, str, str, str, str]:
    people = _authors(source, "bibliography")
    title = sort_text(_title_text(source))
    if people:
        first = people[0]
        primary = sort_text(first.literal or first.family or "", drop_article=bool(first.literal))
        given = sort_text(first.given or "", drop_article=False)
    else:
        primary, given = title, ""
    return (primary, given, title, str(source.date or ""), source.id)


def bibliography_order(sources: Iterable[Source]) -> list[Source]:
    """Sorted as CMOS 14.66 says: by first author's surname, or by title (ignoring a leading
    A, An or The) when there is no author; then by title."""
    return sorted(sources, key=_sort_key)


# --- Admiralty grading ---------------------------------------------------------------------------

RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
"""Source reliability, the letter of an Admiralty (NATO) grade."""

CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
"""Information credibility, the digit of an Admiralty (NATO) grade."""


def grade_meaning(grade: Grade) -> tuple[str, str]:
    """('Usually reliable', 'Probably true') for B2: the Admiralty code meanings."""
    return RELIABILITY[grade.reliability], CREDIBILITY[grade.credibility]
