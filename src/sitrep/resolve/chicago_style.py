"""Chicago (17th ed.) typography shared by notes and bibliography entries.

Names (14.76), dates (9.36), curly quotes and punctuation around quoted titles (6.9, 6.125),
and locators (14.154); short titles and headline style are in `chicago_titles`. `chicago_parts`
and `chicago.py` put these pieces together per source type; everything here is pure string or
inline-node work.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from sitrep.inline.nodes import Emph, Inline, Link, Strong, Text, plain_text
from sitrep.inline.typography import ENGLISH, retype_outer_quotes, smart_plain
from sitrep.model.source import Person
from sitrep.resolve import citation_terms
from sitrep.resolve.chicago_titles import NAME_PARTICLES

__all__ = [
    "Run",
    "capitalise",
    "date_text",
    "emph",
    "join",
    "link",
    "locator_text",
    "merge_text",
    "names_bibliography",
    "names_note",
    "names_short",
    "punctuate",
    "quoted",
    "quotes_as_typed",
    "smarten",
    "sort_text",
    "text",
    "truncate_post",
]

Run = list[Inline]
"""A piece of a note under construction: a few inline nodes."""


# --- quotes --------------------------------------------------------------------------------------

_AS_TYPED: ContextVar[bool] = ContextVar("sitrep_quotes_as_typed", default=False)


@contextmanager
def quotes_as_typed(as_typed: bool) -> Iterator[None]:
    """While active (a brief with `smart_quotes: false`), quotes in sources stay as typed and
    the marks around a quoted title are straight ones."""
    token = _AS_TYPED.set(as_typed)
    try:
        yield
    finally:
        _AS_TYPED.reset(token)


def smarten(value: str) -> str:
    """Straight quotes to curly ones with markdown-it's smartquotes: "a 'b' c's" -> “a ‘b’ c’s”,
    L'"Eagle S" -> L’“Eagle S”. Nothing changes in a brief that turned typography off."""
    return value if _AS_TYPED.get() else smart_plain(value, ENGLISH)


def text(value: str | None) -> Run:
    return [Text(smarten(value))] if value else []


def emph(value: str | None) -> Run:
    """An italic title (book, report, journal, newspaper)."""
    return [Emph((Text(smarten(value)),))] if value else []


def quoted(value: str) -> Run:
    """A title in the citation language's quotation marks (“…” en, „…” nl, „…“ de, « … » fr,
    « … » de-CH: the body's marks, `sitrep.inline.typography`);
    quotes inside it become the inner ones (CMOS 13.30)."""
    if _AS_TYPED.get():  # straight marks still nest: "The 'Green' River"
        return [Text('"' + value.replace('"', "'") + '"')]
    marks = citation_terms.quote_marks()
    nested = (marks[2], marks[3], marks[2], marks[3])
    # curly marks typed in the title (as copied from an English page) are set again in the
    # language's inner marks: ‘Dijken zijn sterk’ inside a German note reads ‚Dijken zijn sterk‘
    typed = retype_outer_quotes(value, ENGLISH).replace("‘", "'").replace("’", "'")
    inner = smart_plain(typed, nested)
    return [Text(marks[0] + inner + marks[1])]


def link(url: str | None) -> Run:
    return [Link(url, (Text(url),))] if url else []


# --- punctuation ---------------------------------------------------------------------------------


def _last_char(run: Run) -> str:
    visible = plain_text(tuple(run))
    return visible[-1:] if visible else ""


_ABBREVIATIONS = frozenset(
    {"al", "co", "corp", "dr", "ed", "etc", "inc", "jr", "ltd", "mr", "mrs", "ms", "no", "sr",
     "st", "vol", "vs"}
)  # fmt: skip


def _ends_sentence(body: str) -> bool:
    """True for "back in 1993." (a sentence's period), false for "U.S.", "Inc." or "Peter F."."""
    if not body.endswith("."):
        return False
    word = body[:-1].rsplit(None, 1)[-1] if body[:-1].strip() else ""
    word = word.lstrip("“‘(\"'")
    return len(word) > 1 and "." not in word and word.casefold() not in _ABBREVIATIONS


def punctuate(run: Run, mark: str) -> Run:
    """Add a comma, period or semicolon after `run` the way Chicago wants it.

    In English a comma or period goes inside a closing double quote (“Title,”); the other
    citation languages set it outside („Titel“,), as their CSL locales say. After a title ending
    in ? or ! a period is dropped but a comma is kept (CMOS 17 6.125: “Arms Deal?,” 4). A period
    is never doubled (“Peter F.”). Semicolons and colons stay outside quotes (6.10).
    """
    if not run or not mark:
        return run
    end = _last_char(run)
    if mark == "." and end in ".?!":
        return run
    terms = citation_terms.current()
    as_typed = _AS_TYPED.get()
    marks = citation_terms.quote_marks()
    close = '"' if as_typed else marks[1]
    last = run[-1]
    if mark not in ",." or end != close[-1:] or not isinstance(last, Text):
        return [*run, Text(mark)]
    close_inner = "" if as_typed else marks[3]
    if not terms.punctuation_in_quote:
        inside = last.text.removesuffix(close).removesuffix(close_inner).rstrip()
        if mark == "." and inside != last.text and inside[-1:] in ".?!":
            return run  # „Kommt er?“ ends the note: no period after the quote
    elif last.text.endswith(close):
        body = last.text.removesuffix(close).removesuffix(close_inner)
        closing = last.text[len(body) :]
        if mark == "." and body[-1:] in (".", "?", "!"):
            return run
        if mark == "," and _ends_sentence(body):
            body = body[:-1]  # “... back in 1993,” (CMOS 14.209)
        return [*run[:-1], Text(body + mark + closing)]
    return [*run, Text(mark)]


def join(runs: Sequence[Run], separator: str = ", ") -> Run:
    """Join non-empty runs: ", " or ". " or "; " (the mark follows `punctuate`) or " "."""
    parts = [run for run in runs if run]
    mark = separator.strip()
    out: Run = []
    for i, run in enumerate(parts):
        if i < len(parts) - 1:
            out.extend(punctuate(run, mark))
            out.append(Text(separator[len(mark) :] if mark else separator))
        else:
            out.extend(run)
    return out


def capitalise(run: Run) -> Run:
    """Capitalise a run that starts with plain lower-case text ("accessed" -> "Accessed");
    "n.d." (and "z.d.", "s. d.") stays as it is."""
    if run and isinstance(run[0], Text) and run[0].text[:1].islower():
        if run[0].text.startswith(citation_terms.current()("no_date")):
            return run
        first = run[0].text
        return [Text(first[0].upper() + first[1:]), *run[1:]]
    return run


def starts_with_particle(run: Run) -> bool:
    """The run starts with a lower-case name particle ("van Beethoven, ..."), which takes a
    capital at the start of a note or entry (CMOS 8.5)."""
    if not run or not isinstance(run[0], Text):
        return False
    first, _, rest = run[0].text.partition(" ")
    return bool(rest) and first in NAME_PARTICLES


def merge_text(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Merge neighbouring Text nodes (also inside Emph and Strong) so the tree stays small."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Emph):
            node = Emph(merge_text(node.children))
        elif isinstance(node, Strong):
            node = Strong(merge_text(node.children))
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)


# --- names ---------------------------------------------------------------------------------------


def _surname(person: Person) -> str:
    return smarten(person.literal or person.family or "")


def _last_and() -> str:
    """ ", and " before the last of three or more names in English, " en " in Dutch."""
    terms = citation_terms.current()
    return (", " if terms.serial_comma else " ") + terms("and") + " "


def _series(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B, and C" (serial comma in English)."""
    if len(names) <= 2:
        return f" {citation_terms.current()('and')} ".join(names)
    return ", ".join(names[:-1]) + _last_and() + names[-1]


def _et_al() -> str:
    return " " + citation_terms.current()("et_al")


def names_note(people: Sequence[Person]) -> str:
    """Names for a full note: "Kevin Zhang", "A and B", "A, B, and C", four or more "A et al."."""
    if len(people) >= 4:
        return smarten(people[0].display) + _et_al()
    return _series([smarten(p.display) for p in people])


def names_short(people: Sequence[Person]) -> str:
    """Surnames for a short note: "Zhang", "Zhang and Lee", four or more "Zhang et al."."""
    if len(people) >= 4:
        return _surname(people[0]) + _et_al()
    return _series([_surname(p) for p in people])


def names_bibliography(people: Sequence[Person]) -> str:
    """First name inverted, others not: "Zhang, Kevin, and Jane Lee"; over ten: seven, et al."""
    if not people:
        return ""
    shown = list(people[:7]) if len(people) > 10 else list(people)
    names = [smarten(shown[0].inverted)] + [smarten(p.display) for p in shown[1:]]
    if len(people) > 10:
        return ", ".join(names) + "," + _et_al()
    if len(names) == 1:
        return names[0]
    and_ = citation_terms.current()("and")
    if len(names) == 2 and "," not in names[0]:
        return f"{names[0]} {and_} {names[1]}"  # "World Bank and IMF": no inversion, no comma
    if len(names) == 2 or citation_terms.current().serial_comma:
        return ", ".join(names[:-1]) + f", {and_} " + names[-1]  # "Zhang, Kevin, and Jane Lee"
    return ", ".join(names[:-1]) + f" {and_} " + names[-1]


# --- dates ---------------------------------------------------------------------------------------


def date_text(value: dt.date | str, *, year_only: bool = False) -> str:
    """'2023-09-19' -> 'September 19, 2023'; '2023-09' -> 'September 2023'; '2023' -> '2023'
    (in the citation language: '19. September 2023', '19 septembre 2023')."""
    terms = citation_terms.current()
    if isinstance(value, dt.date):
        if year_only:
            return str(value.year)
        return terms.date(value)
    year, _, month = value.partition("-")
    if month and not year_only:
        return terms.month_year(int(month), year)
    return year


# --- locators ----------------------------------------------------------------------------------

_PAGE_PREFIX = re.compile(r"^(?:pp?\.?|pages?)\s*(?=\d|[ivxlcdm]+\b)", re.IGNORECASE)
_RANGE = re.compile(r"(?<=\d)\s*-+\s*(?=\d)")


def locator_text(locator: str) -> str:
    """'p. 4' -> '4', 'pp. 3-4' -> '3–4'; others ('para. 12', '12:03') stay as written."""
    value = " ".join(locator.split())
    value = _PAGE_PREFIX.sub("", value)
    return _RANGE.sub("–", value)


_POST_LIMIT = 160


def truncate_post(value: str) -> str:
    """The text of a social-media post up to 160 characters, cut at a word (CMOS 14.209)."""
    value = " ".join(value.split())
    if len(value) <= _POST_LIMIT:
        return value
    cut = value[: _POST_LIMIT + 1].rsplit(" ", 1)[0] if " " in value[:_POST_LIMIT] else ""
    cut = (cut or value[:_POST_LIMIT]).rstrip(" ,;:")
    return cut + "…"


# --- sorting -------------------------------------------------------------------------------------

_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.IGNORECASE)


def sort_text(value: str, *, drop_article: bool = True) -> str:
    """Fold case and accents, skip leading quotes and (optionally) a leading A/An/The."""
    folded = unicodedata.normalize("NFKD", value)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.lstrip(" \"'“”‘’«»([¿¡*_")
    if drop_article:
        folded = _ARTICLE.sub("", folded)
    # letter by letter (CMOS 14.66, 16.58): spaces and punctuation do not count, so "UNCTAD"
    # comes before "U.S. Central Command"
    return "".join(char for char in folded.casefold() if char.isalnum())
