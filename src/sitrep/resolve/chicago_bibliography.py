"""Chicago (17th ed.) bibliography entries and their order (CMOS 14.64-14.74, 14.207)."""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.inline.nodes import Inline, Text
from sitrep.model.source import Source, SourceType
from sitrep.resolve import chicago_parts as part
from sitrep.resolve.chicago_style import (
    Run,
    capitalise,
    emph,
    join,
    merge_text,
    names_bibliography,
    punctuate,
    sort_text,
    starts_with_particle,
    text,
)
from sitrep.resolve.citation_terms import citation_language

__all__ = ["THREE_EM_DASH", "bibliography_entries", "bibliography_order",
           "format_bibliography_entry"]  # fmt: skip

_T = SourceType

THREE_EM_DASH = "———"
"""Stands for the author's name repeated from the entry above (CMOS 14.68)."""


def _under_periodical(source: Source) -> bool:
    """An unsigned newspaper or magazine article is listed under the periodical (14.207)."""
    return source.type is _T.NEWS and not source.authors and bool(source.container)


def _author(source: Source) -> Run:
    if _under_periodical(source):
        return emph(part.periodical_name(source))
    people = part.authors(source, "bibliography")
    return text(names_bibliography(people) + part.editor_label(source) if people else None)


def _groups(source: Source, author: Run) -> list[Run]:
    role: part.Role = "bibliography"
    address = part.address(source)
    if source.type is _T.JOURNAL:
        return [author, part.title(source), part.journal(source, part.page_range(source)), address]
    if source.type is _T.THESIS:
        return [author, part.title(source), capitalise(part.thesis_facts(source)), address]
    if source.type is _T.CHAPTER:
        inside = join([part.in_container(source), part.contributors_bibliography(source),
                       part.edition(source), part.book_volume(source),
                       part.page_range(source)])  # fmt: skip
        return [author, part.title(source), capitalise(inside), part.facts(source, role), address]
    if source.type in part.BOOKLIKE:
        has_facts = part.has_facts(source, role)
        return [
            author,
            part.title(source),
            capitalise(part.contributors_bibliography(source)),
            capitalise(part.edition(source)),
            capitalise(part.book_volume(source)),
            text(source.container),
            part.facts(source, role) if has_facts else capitalise(part.when(source)),
            capitalise(part.undated_access(source)) if has_facts else [],
            address,
        ]
    if _under_periodical(source):
        return [author, part.title(source), capitalise(part.when(source)), address]
    middle = part.middle(source, role)
    if source.type is _T.WEBPAGE:
        return [author, part.title(source), *middle, capitalise(part.when(source)), address]
    details = join([*middle, part.when(source)])
    return [author, part.title(source), capitalise(details), address]


def _entry(source: Source, author: Run) -> tuple[Inline, ...]:
    groups = _groups(source, author)
    if source.descriptor and source.descriptor.strip():
        # ICD 206: the source descriptor goes with the reference.
        descriptor = source.descriptor.strip()
        groups = [*groups, [Text(descriptor[:1].upper() + descriptor[1:])]]
    entry = punctuate(join(groups, ". "), ".")
    return merge_text(capitalise(entry) if starts_with_particle(entry) else entry)


def format_bibliography_entry(source: Source, *, language: str = "en") -> tuple[Inline, ...]:
    """Chicago bibliography entry: inverted first author ('Zhang, Kevin.'), periods between
    elements (CMOS 14.68); its terms in the citation `language`."""
    with citation_language(language):
        return _entry(source, _author(source))


def _sort_key(source: Source) -> tuple[str, str, bool, bool, str, str, str]:
    title = sort_text(part.title_text(source))
    people = part.authors(source, "bibliography")
    if _under_periodical(source):
        primary, given = sort_text(source.container or ""), ""
    elif people:
        first = people[0]
        primary = sort_text(first.literal or first.family or "", drop_article=bool(first.literal))
        given = sort_text(first.given or "", drop_article=False)
    else:
        primary, given = title, ""
    # a person's own works, then those they edited (14.69), then those written with others (14.70)
    edited, shared = bool(part.editor_label(source)), len(people) > 1
    return (primary, given, shared, edited, title, str(source.date or ""), source.id)


def bibliography_order(sources: Iterable[Source]) -> list[Source]:
    """Sorted as CMOS 14.66 says: by first author's surname (an organisation or periodical by its
    name, ignoring a leading The), or by title (ignoring a leading A, An or The) when there is no
    author; then by title."""
    return sorted(sources, key=_sort_key)


def bibliography_entries(
    sources: Iterable[Source], *, repeat_dash: bool = False, language: str = "en"
) -> list[tuple[Source, tuple[Inline, ...]]]:
    """The sources in bibliography order with their entries. With `repeat_dash`, an entry by the
    same author(s) as the one above starts with a 3-em dash instead of the names (14.68)."""
    with citation_language(language):
        return _entries(sources, repeat_dash)


def _entries(
    sources: Iterable[Source], repeat_dash: bool
) -> list[tuple[Source, tuple[Inline, ...]]]:
    out: list[tuple[Source, tuple[Inline, ...]]] = []
    previous: tuple[Inline, ...] | None = None
    for source in bibliography_order(sources):
        author = _author(source)
        names = _repeated_names(source)
        if repeat_dash and names and names == previous:
            out.append((source, _entry(source, text(THREE_EM_DASH + part.editor_label(source)))))
        else:
            out.append((source, _entry(source, author)))
        previous = names or None
    return out


def _repeated_names(source: Source) -> tuple[Inline, ...]:
    """What a 3-em dash stands for: the names without ", ed." ("Heuer, Richards J., Jr." above
    "———, ed.", 14.69), or an unsigned article's periodical (*Reuters*)."""
    if _under_periodical(source):
        return merge_text(emph(part.periodical_name(source)))
    people = part.authors(source, "bibliography")
    return merge_text(text(names_bibliography(people) if people else None))
