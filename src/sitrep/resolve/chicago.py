"""Chicago (17th ed.) notes for sitrep sources, and the public face of the formatter.

A focused formatter rather than citeproc-py: see docs/sources.md, "Why a focused formatter".
Each source type follows its CMOS 17 chapter 14 pattern:

- news (14.191), webpage (14.206), social (14.209), video (14.267), press-release and statement
  (14.217), interview (14.213), dataset (14.257): author, “title,” where it appeared, date, URL.
- book (14.100), report (14.220) and government (14.281): author, *title*, ed./trans., edition,
  series (place: publisher, date), page, URL.
- chapter (14.107): author, “chapter,” in *book*, ed. editor (place: publisher, year), pages.
- journal (14.171): author, “title,” *journal* volume, no. issue (date): page, DOI.
- thesis (14.224): author, “title” (PhD diss., university, year), page.

The first citation of a source gets the full note, later ones the short note (author's surname,
short title, locator: 14.29); there is no "Ibid." (14.34 prefers the short form). Short forms
that would be the same for two sources are told apart (`short_forms`). The bibliography is in
`chicago_bibliography`; the elements both share are in `chicago_parts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.inline.nodes import Inline, Text
from sitrep.model.source import Grade, Source, SourceType
from sitrep.resolve import chicago_parts as part
from sitrep.resolve.chicago_bibliography import (
    bibliography_entries,
    bibliography_order,
    format_bibliography_entry,
)
from sitrep.resolve.chicago_short_titles import longer_short_titles
from sitrep.resolve.chicago_style import (
    Run,
    capitalise,
    date_text,
    join,
    locator_text,
    merge_text,
    names_note,
    names_short,
    punctuate,
    smarten,
    starts_with_particle,
    text,
)
from sitrep.resolve.citation_terms import citation_language

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "CitedSource",
    "ShortForm",
    "bibliography_entries",
    "bibliography_order",
    "format_bibliography_entry",
    "format_note",
    "grade_meaning",
    "short_forms",
]


@dataclass(frozen=True, slots=True)
class ShortForm:
    """The title of a short note and, when even the whole title is shared, the year."""

    title: str
    year: str | None = None


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
    short: ShortForm | None = None
    """The short form to use, from `short_forms`; by default the source's own."""
    credibility: int | None = None
    """Information credibility (1-6) given on this citation; it wins over the source grade's."""

    @property
    def grade_code(self) -> str | None:
        """The Admiralty code to print: the source's reliability with this claim's credibility."""
        grade = self.source.grade
        if self.credibility is None:
            return grade.code if grade else None
        if grade is None:
            return f"credibility {self.credibility}"
        return f"{grade.reliability}{self.credibility}"


_T = SourceType


# --- notes ---------------------------------------------------------------------------------------


def _locator(cite: CitedSource) -> Run:
    return text(locator_text(cite.locator)) if cite.locator and cite.locator.strip() else []


def _author_note(source: Source) -> Run:
    people = part.authors(source, "note")
    return text(names_note(people) + part.editor_label(source) if people else None)


def _full_note(cite: CitedSource) -> Run:
    source, locator = cite.source, _locator(cite)
    author = _author_note(source)
    if source.type is _T.JOURNAL:
        pages = locator or part.page_range(source)
        return join([author, part.title(source), part.journal(source, pages), part.address(source)])
    if source.type is _T.THESIS:
        head = [*part.title(source), Text(" ("), *part.thesis_facts(source), Text(")")]
        return join([author, head, locator, part.address(source)])
    if source.type is _T.CHAPTER:
        head = join([part.title(source), part.in_container(source), part.contributors_note(source),
                     part.edition(source), part.book_volume(source)])  # fmt: skip
        head = [*head, Text(" ("), *part.facts(source, "note"), Text(")")]
        pages = locator or part.page_range(source)
        return join([author, head, pages, part.address(source)])
    if source.type in part.BOOKLIKE:
        head = join(
            [
                part.title(source),
                part.contributors_note(source),
                part.edition(source),
                part.book_volume(source),
                text(source.container),
            ]
        )
        if part.has_facts(source, "note"):
            head = [*head, Text(" ("), *part.facts(source, "note"), Text(")")]
            when = part.undated_access(source)
        else:
            when = part.when(source)
        return join([author, head, when, locator, part.address(source)])
    middle = part.middle(source, "note")
    return join(
        [author, part.title(source), *middle, part.when(source), locator, part.address(source)]
    )


def _own_short_form(source: Source) -> ShortForm:
    return ShortForm(part.short_title_text(source))


def _short_note(cite: CitedSource) -> Run:
    """Surname(s), short title, locator (14.29-30)."""
    source = cite.source
    short = cite.short or _own_short_form(source)
    author = text(names_short(part.authors(source, "short")))
    return join([author, part.title(source, short.title), text(short.year), _locator(cite)])


def format_note(
    cites: Sequence[CitedSource], *, show_grades: bool = False, language: str = "en"
) -> tuple[Inline, ...]:
    """One footnote's content for a citation [@a, p. 4; @b]: items joined with '; ', ending with a
    period. Full form when first, short form otherwise (no 'Ibid.'). With show_grades and a
    source grade, ' [B2]' follows that item. The terms are those of the citation `language`
    ("accessed", "geraadpleegd", "zugegriffen", "consulté le")."""
    with citation_language(language):
        return _note(cites, show_grades)


def _note(cites: Sequence[CitedSource], show_grades: bool) -> tuple[Inline, ...]:
    items: list[Run] = []
    for cite in cites:
        body = _full_note(cite) if cite.first else _short_note(cite)
        if cite.prefix and cite.prefix.strip():
            body = [Text(smarten(cite.prefix.strip()) + " "), *body]
        if cite.first and cite.source.descriptor and cite.source.descriptor.strip():
            body = [*body, Text(f" ({cite.source.descriptor.strip()})")]
        if show_grades and cite.grade_code is not None:
            body = [*body, Text(f" [{cite.grade_code}]")]
        items.append(body)
    note = punctuate(join(items, "; "), ".")
    if cites and (cites[0].prefix or starts_with_particle(note)):
        note = capitalise(note)  # "See Zhang, ...", "Van Beethoven, ..." (CMOS 8.5)
    return merge_text(note)


# --- telling short forms apart -------------------------------------------------------------------


def _longer_titles(source: Source) -> list[str]:
    """The short title, then longer key-word phrases of at most four words (14.30)."""
    short = part.short_title_text(source)
    return [
        short,
        *longer_short_titles(part.title_text(source), short, part.title_language(source)),
    ]


def _key(source: Source, title: str) -> tuple[str, str]:
    return names_short(part.authors(source, "short")).casefold(), title.casefold()


def _distinct_date(source: Source, group: list[Source]) -> str | None:
    """The year, or the full date when another source in `group` has the same year."""
    if source.date is None:
        return None
    year = date_text(source.date, year_only=True)
    same_year = [
        other
        for other in group
        if other is not source
        and other.date is not None
        and date_text(other.date, year_only=True) == year
    ]
    return date_text(source.date) if same_year else year


def short_forms(sources: Iterable[Source], *, language: str = "en") -> dict[str, ShortForm]:
    """Short forms that tell every source apart (CMOS 14.30): when two sources by the same
    author would share a short title, each takes more of its title until they differ; sources
    whose titles are the same add the year ("ODNI, *Annual Threat Assessment*, 2023")."""
    with citation_language(language):
        return _short_forms(list(sources))


def _short_forms(listed: list[Source]) -> dict[str, ShortForm]:
    forms = {source.id: _own_short_form(source) for source in listed}
    groups: dict[tuple[str, str], list[Source]] = {}
    for source in listed:
        groups.setdefault(_key(source, forms[source.id].title), []).append(source)
    for group in groups.values():
        if len(group) < 2:
            continue
        options = {source.id: _longer_titles(source) for source in group}
        for source in group:
            mine = options[source.id]
            others = [options[other.id] for other in group if other is not source]
            chosen = next(
                (
                    title
                    for title in mine
                    if not any(title.casefold() in {t.casefold() for t in o} for o in others)
                ),
                None,
            )
            date = _distinct_date(source, group)
            other_dates = {_distinct_date(other, group) for other in group if other is not source}
            full = part.title_text(source)
            if chosen is not None:
                forms[source.id] = ShortForm(chosen)
            elif date is not None and date not in other_dates:
                forms[source.id] = ShortForm(mine[0], date)  # a date rather than more words
            elif all(
                full.casefold() != part.title_text(o).casefold() for o in group if o is not source
            ):
                forms[source.id] = ShortForm(full)
            else:  # a twin (same title) cannot be told apart; every other source still can
                distinct = [
                    options[o.id] for o in group if full.casefold() != part.title_text(o).casefold()
                ]
                title = next(
                    (t for t in mine if not any(t.casefold() in _folded(o) for o in distinct)),
                    mine[0],
                )
                forms[source.id] = ShortForm(title, date)
    return forms


def _folded(titles: Iterable[str]) -> set[str]:
    return {title.casefold() for title in titles}


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
