"""The elements of a Chicago citation, shared by notes (`chicago.py`) and the bibliography
(`chicago_bibliography.py`): who stands as author, the title in its style, the publication
facts, editors and translators, the journal and the address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from sitrep.inline.nodes import Text
from sitrep.model.source import Person, Source, SourceType
from sitrep.resolve import citation_terms
from sitrep.resolve.chicago_short_titles import short_title
from sitrep.resolve.chicago_style import (
    Run,
    capitalise,
    date_text,
    emph,
    join,
    link,
    locator_text,
    names_note,
    quoted,
    text,
    truncate_post,
)
from sitrep.resolve.chicago_titles import headline

_T = SourceType

ITALIC_TITLE = frozenset({_T.BOOK, _T.REPORT, _T.GOVERNMENT, _T.DATASET})
"""Works that stand alone take italics; parts of something larger take quotes (CMOS 8.156)."""
ITALIC_CONTAINER = frozenset({_T.NEWS, _T.JOURNAL, _T.INTERVIEW, _T.CHAPTER})
"""Newspapers, journals, programmes and the book holding a chapter are italic; websites,
platforms and series are roman."""
BOOKLIKE = frozenset({_T.BOOK, _T.REPORT, _T.GOVERNMENT})
"""Publication facts in parentheses: (Place: Publisher, date)."""
_ISSUER_IS_AUTHOR = frozenset(
    {_T.REPORT, _T.GOVERNMENT, _T.PRESS_RELEASE, _T.STATEMENT, _T.DATASET}
)
"""Without a personal author, the issuing organisation (`publisher`) stands as author (14.84)."""
_DEFAULT_MEDIUM = {_T.PRESS_RELEASE: "press_release", _T.INTERVIEW: "interview",
                   _T.THESIS: "thesis"}  # fmt: skip
"""The citation term for the medium when a source gives none: "press release", "PhD diss."."""
_EDITORS_AS_AUTHOR = frozenset({_T.BOOK, _T.REPORT, _T.GOVERNMENT})
"""An edited volume without an author is listed under its editors (14.103)."""

Role = Literal["note", "short", "bibliography"]

_EDITION_WORD = re.compile(r"\bed(?:\.|ition\b)", re.IGNORECASE)


# --- who -----------------------------------------------------------------------------------------


def editors_lead(source: Source) -> bool:
    """The editors stand in the author position ("Lori Duin Kelly, ed.")."""
    return not source.authors and bool(source.editors) and source.type in _EDITORS_AS_AUTHOR


def authors(source: Source, role: Role) -> list[Person]:
    """Who stands in the author position; empty means the title comes first (14.75)."""
    if source.authors:
        return list(source.authors)
    if editors_lead(source):
        return list(source.editors)
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


def editor_label(source: Source) -> str:
    """ ", ed." or ", eds." after editors in the author position ("and trans." if they are the
    translators too)."""
    if not editors_lead(source):
        return ""
    terms = citation_terms.current()
    plural = len(source.editors) > 1
    if source.translators and source.translators == source.editors:
        return ", " + terms("editortranslator", plural=plural)
    return ", " + terms("editor", plural=plural)


def publisher(source: Source, role: Role) -> str | None:
    """The publisher, unless it repeats the container or (outside the publication facts of a
    book or report) already stands as author. In the facts 14.84 wants it repeated:
    "US Department of State, *Title* (Washington, DC: US Department of State, 2021)"."""
    if source.publisher == source.container:
        return None
    owners = {p.literal for p in authors(source, role) if p.literal}
    if source.publisher in owners and not (source.type in BOOKLIKE and source.place):
        return None  # without a place, "(Center for X, 2023)" after "Center for X" says nothing
    return source.publisher


def periodical_name(source: Source) -> str | None:
    """A newspaper's, magazine's or journal's name without a leading "The" (CMOS 14.172,
    14.191): *Economist*, *New York Times*. A book's title keeps it."""
    name = source.container
    if name and source.type in (_T.NEWS, _T.JOURNAL):
        dropped = re.sub(r"^The\s+(?=\S)", "", name)
        return dropped or name
    return name


def container(source: Source, role: Role = "note") -> Run:
    owners = {p.literal for p in authors(source, role) if p.literal}
    if source.container in owners:
        return []
    if source.type is _T.CHAPTER:
        return emph(styled(source, source.container))
    return (emph if source.type in ITALIC_CONTAINER else text)(periodical_name(source))


# --- titles --------------------------------------------------------------------------------------


def title_language(source: Source) -> str:
    """The language of a source's title: its `language`, else the citation language."""
    return source.language or citation_terms.source_language()


def headline_applies(source: Source) -> bool:
    """Headline style for English titles; not for posts, other languages or titles to keep.
    A source without a `language` is taken to be in the citation language."""
    language = title_language(source).casefold()
    english = language == "en" or language.startswith("en-")
    return english and not source.title_as_given and source.type is not _T.SOCIAL


def styled(source: Source, value: str | None) -> str | None:
    if value is None or not headline_applies(source):
        return value
    return headline(value)


def title_text(source: Source) -> str:
    if source.type is _T.SOCIAL:
        return truncate_post(source.title)
    return styled(source, source.title) or source.title


def short_title_text(source: Source) -> str:
    """`short_title` if given, else the key words of the title (14.30)."""
    if source.short_title:
        return styled(source, source.short_title) or source.short_title
    names = tuple(
        name
        for person in source.authors
        for name in (person.display, person.literal or person.family or "")
    )
    typed = truncate_post(source.title) if source.type is _T.SOCIAL else source.title
    value = short_title(typed, names, title_language(source))
    return styled(source, value) or value


def title(source: Source, value: str | None = None) -> Run:
    value = title_text(source) if value is None else value
    return emph(value) if source.type in ITALIC_TITLE else quoted(value)


# --- contributors --------------------------------------------------------------------------------


def _same(a: list[Person], b: list[Person]) -> bool:
    return bool(a) and a == b


def _contributors(source: Source, edited: str, translated: str, both: str) -> Run:
    editors = [] if editors_lead(source) else list(source.editors)
    translators = list(source.translators)
    if editors_lead(source) and _same(translators, list(source.editors)):
        translators = []  # "Michael Howard, ed. and trans." already says it
    if _same(editors, translators):
        return text(f"{both} {names_note(editors)}")
    return join(
        [
            text(f"{edited} {names_note(editors)}") if editors else [],
            text(f"{translated} {names_note(translators)}") if translators else [],
        ]
    )


def contributors_note(source: Source) -> Run:
    """After the title: "trans. Edith Grossman", "ed. and trans. Michael Howard"."""
    terms = citation_terms.current()
    return _contributors(
        source,
        terms("editor_verb_short"),
        terms("translator_verb_short"),
        terms("editortranslator_verb_short"),
    )


def contributors_bibliography(source: Source) -> Run:
    """In the bibliography: "edited by John D’Agata", "translated by Edith Grossman"."""
    terms = citation_terms.current()
    return _contributors(
        source,
        terms("editor_verb"),
        terms("translator_verb"),
        terms("editortranslator_verb"),
    )


# --- facts ---------------------------------------------------------------------------------------


def when(source: Source, *, year_only: bool = False, accessed: bool = True) -> Run:
    """The publication date; without one the access date (14.12); else "n.d." (14.145)."""
    if source.date is not None:
        return text(date_text(source.date, year_only=year_only))
    if accessed and source.accessed is not None:
        return _accessed(source.accessed)
    return text(citation_terms.current()("no_date"))


def _accessed(day: dt.date) -> Run:
    """ "accessed September 3, 2024", "geraadpleegd 3 september 2024"."""
    return text(citation_terms.current()("accessed") + " " + date_text(day))


def address(source: Source) -> Run:
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
    where, medium = source.container, source.medium
    if where and medium and medium[:1].islower():
        return text(f"{where} {medium}")
    return text(", ".join(part for part in (where, medium) if part))


def medium(source: Source) -> Run:
    default = _DEFAULT_MEDIUM.get(source.type)
    return text(source.medium or (citation_terms.current()(default) if default else None))


def middle(source: Source, role: Role) -> list[Run]:
    """What comes between the title and the date, for the comma-separated types."""
    kind = source.type
    if kind is _T.NEWS:
        return [container(source)]
    if kind is _T.SOCIAL:
        return [_platform(source)]
    if kind is _T.VIDEO:
        by = publisher(source, role)
        posted_by = citation_terms.current()("posted_by")
        return [_platform(source), text(f"{posted_by} {by}" if by else None)]
    if kind is _T.WEBPAGE:
        return [container(source, role), text(publisher(source, role))]
    return [medium(source), container(source, role), text(publisher(source, role))]


def edition(source: Source) -> Run:
    """Edition: "2" -> "2nd ed." ("2de dr.", "2. Aufl.", "2ᵉ éd."); "rev. ed." and
    "2nd edition" stay as written."""
    value = (source.edition or "").strip()
    if not value:
        return []
    terms = citation_terms.current()
    word = terms("edition")
    if value.isdigit():
        return text(f"{terms.ordinal(int(value))} {word}")
    own_word = re.compile(rf"\b{re.escape(word.rstrip('.'))}\b", re.IGNORECASE)
    if _EDITION_WORD.search(value) or own_word.search(value):
        return text(value)
    return text(f"{value} {word}")


def book_volume(source: Source) -> Run:
    """ "vol. 2" of a multivolume book (14.116)."""
    value = (source.volume or "").strip()
    if not value or source.type not in (*BOOKLIKE, _T.CHAPTER):
        return []
    word = citation_terms.current()("volume")
    written = value.casefold().startswith(("vol", word.rstrip(".").casefold()))
    return text(value if written else f"{word} {value}")


def facts(source: Source, role: Role) -> Run:
    """'New York: Penguin Press, 2016' for books, reports, chapters and government documents."""
    by = publisher(source, role)
    where = ": ".join(part for part in (source.place, by) if part)
    year_only = source.type in (_T.BOOK, _T.CHAPTER)
    return join([text(where), when(source, year_only=year_only, accessed=False)])


def has_facts(source: Source, role: Role) -> bool:
    if source.type in (_T.BOOK, _T.CHAPTER):
        return True
    return source.type in BOOKLIKE and bool(source.place or publisher(source, role))


def undated_access(source: Source) -> Run:
    if source.date is None and source.accessed is not None:
        return _accessed(source.accessed)
    return []


def thesis_facts(source: Source) -> Run:
    """'PhD diss., University of Chicago, 2013' (14.224)."""
    return join([medium(source), text(source.publisher), when(source, year_only=True)])


def journal(source: Source, pages: Run) -> Run:
    """'*Classical Philology* 111, no. 2 (April 2016): 170'."""
    run: Run = [*emph(periodical_name(source))]
    if source.volume:
        run.append(Text(f" {source.volume}"))
    if source.issue:
        run.append(Text(f", {citation_terms.current()('issue')} {source.issue}"))
    run.extend([Text(" ("), *when(source, accessed=False), Text(")")])
    if pages:
        run.extend([Text(": "), *pages])
    return run


def in_container(source: Source) -> Run:
    """ "in *Book Title*" before the book holding a chapter (14.107); empty without one."""
    if not source.container:
        return []
    return [Text(citation_terms.current()("in") + " "), *container(source)]


def page_range(source: Source) -> Run:
    return text(locator_text(source.pages or ""))


__all__ = [
    "BOOKLIKE",
    "ITALIC_CONTAINER",
    "ITALIC_TITLE",
    "Role",
    "address",
    "authors",
    "book_volume",
    "capitalise",
    "container",
    "contributors_bibliography",
    "contributors_note",
    "edition",
    "editor_label",
    "editors_lead",
    "facts",
    "has_facts",
    "headline_applies",
    "in_container",
    "journal",
    "medium",
    "middle",
    "page_range",
    "periodical_name",
    "publisher",
    "short_title_text",
    "styled",
    "thesis_facts",
    "title",
    "title_language",
    "title_text",
    "undated_access",
    "when",
]
