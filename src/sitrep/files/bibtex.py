"""Import sources from BibTeX and BibLaTeX (.bib) files, through bibtexparser 2.

LaTeX accents and symbols (`{\\'e}`, `\\"u`, `\\&`, `--`) are decoded with pylatexenc, which
bibtexparser uses itself; braces that protect capitals are dropped (headline style keeps the
capitals typed). Each entry becomes the same fields a CSL-JSON item gives, so one work gives the
same notes from .bib, CSL-JSON or YAML. Every error names the file, the line, the entry's key and
what was expected.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitrep.errors import SourceFileError
from sitrep.files.csl import decode_source_text, read_source_file, validation_message
from sitrep.model.source import Source, SourceType

__all__ = ["BIBTEX_TYPES", "load_bibtex"]

_T = SourceType

BIBTEX_TYPES: dict[str, SourceType] = {
    "article": _T.JOURNAL,
    "book": _T.BOOK,
    "mvbook": _T.BOOK,
    "collection": _T.BOOK,
    "booklet": _T.BOOK,
    "inbook": _T.CHAPTER,
    "incollection": _T.CHAPTER,
    "inproceedings": _T.CHAPTER,
    "conference": _T.CHAPTER,
    "report": _T.REPORT,
    "techreport": _T.REPORT,
    "phdthesis": _T.THESIS,
    "mastersthesis": _T.THESIS,
    "thesis": _T.THESIS,
    "online": _T.WEBPAGE,
    "www": _T.WEBPAGE,
    "electronic": _T.WEBPAGE,
    "misc": _T.WEBPAGE,
    "dataset": _T.DATASET,
    "video": _T.VIDEO,
    "movie": _T.VIDEO,
    "legislation": _T.GOVERNMENT,
    "jurisdiction": _T.GOVERNMENT,
}
"""BibTeX/BibLaTeX entry types and the sitrep type each becomes; any other type is a webpage.
An @article with `entrysubtype = {newspaper}` or `{magazine}` is news."""

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_URL_MACRO = re.compile(r"^\s*\\(?:url|href)\s*\{([^{}]*)\}(?:\{[^{}]*\})?\s*$")
_THESIS_MEDIUM = {"phdthesis": "PhD diss.", "mastersthesis": "Master’s thesis"}


class _EntryProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


_LATEX_MARKS = re.compile(r"[\\{}~$%&]|--")
_FIELD_LIMIT = 5000
"""Characters in one field that sitrep reads: a title or a list of names is far shorter, and
pylatexenc is slow on very long text (about 40 microseconds a word)."""


_NAMES_LIMIT = 100_000
"""Characters in a list of names: a physics paper can have thousands of authors."""


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim")


def _short_repr(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _latex(value: str, field: str, line: int) -> str:
    if len(value) > _FIELD_LIMIT:
        raise _EntryProblem(
            f"{field!r} is {len(value):,} characters long (expected at most {_FIELD_LIMIT:,})",
            line,
        )
    if not _LATEX_MARKS.search(value):
        return " ".join(value.split())  # plain text: nothing to decode
    try:
        decoded = _converter().latex_to_text(value)
    except Exception:  # pylatexenc raises several kinds on malformed macros
        raise _EntryProblem(
            f"{field!r} has LaTeX that cannot be read: {_short_repr(value)} (expected text with "
            "LaTeX accents such as {\\'e})",
            line,
        ) from None
    return " ".join(str(decoded).split())


class _Entry:
    """The fields of one entry, decoded on demand, each knowing its line."""

    def __init__(self, entry: Any) -> None:
        self.key: str = entry.key
        self.kind: str = entry.entry_type.lower()
        self.line: int = entry.start_line + 1
        self.fields: dict[str, Any] = {k.lower(): f for k, f in entry.fields_dict.items()}

    def raw(self, name: str) -> tuple[str, int] | None:
        field = self.fields.get(name)
        if field is None:
            return None
        value = field.value
        if not isinstance(value, str):
            value = str(value)
        return value, field.start_line + 1

    def text(self, *names: str) -> str | None:
        for name in names:
            got = self.raw(name)
            if got is not None:
                decoded = _latex(got[0], name, got[1])
                if decoded:
                    return decoded
        return None

    def url(self) -> str | None:
        for name in ("url", "howpublished"):
            got = self.raw(name)
            if got is None:
                continue
            match = _URL_MACRO.match(got[0])
            if match:
                return match.group(1).strip()
            if name == "url":
                return got[0].strip()
        return None

    def names(self, name: str) -> list[dict[str, Any]]:
        from bibtexparser.middlewares.names import (
            parse_single_name_into_parts,
            split_multiple_persons_names,
        )

        got = self.raw(name)
        if got is None:
            return []
        raw, line = got
        if len(raw) > _NAMES_LIMIT:
            raise _EntryProblem(
                f"{name!r} is {len(raw):,} characters long (expected at most {_NAMES_LIMIT:,})",
                line,
            )
        if re.search(r"(?:^|\s)and\s*$|^\s*and\s|\sand\s+and\s", raw):
            raise _EntryProblem(
                f"{name!r} has an empty name next to 'and': {raw!r} (expected names joined by "
                "'and', such as 'Lee, Ann and Kim, Min')",
                line,
            )
        people: list[dict[str, Any]] = []
        for number, written in enumerate(split_multiple_persons_names(raw), 1):
            written = written.strip()
            if written.startswith("{") and written.endswith("}") and written.count("{") == 1:
                people.append({"literal": _latex(written[1:-1], name, line)})
                continue
            try:
                parts = parse_single_name_into_parts(written)
            except Exception as error:  # bibtexparser raises InvalidNameError and ValueError
                raise _EntryProblem(
                    f"{name!r} name {number} ({written!r}) cannot be read: {error} (expected "
                    "'Family, Given' or 'Given Family', names joined by 'and')",
                    line,
                ) from None

            def join(words: list[str]) -> str:
                return _latex(" ".join(words), name, line)

            # the "von" part goes after the given names, as YAML's "Carl von Clausewitz" and
            # CSL's dropping-particle do: "Clausewitz" in short notes, sorted under C. A particle
            # kept with the surname is braced: {van Gogh}, Vincent.
            family = join(parts.last) if parts.last else join(parts.von)
            person: dict[str, Any] = {"family": family} if family else {}
            given = [*parts.first, *parts.von] if parts.last else list(parts.first)
            if given:
                person["given"] = join(given)
            if parts.jr:
                person["suffix"] = join(parts.jr)
            if not family:
                person = {"literal": person.get("given", written)}
            people.append(person)
        return people


def _date(entry: _Entry) -> str | None:
    iso = entry.text("date")
    if iso:
        return iso.split("/")[0]  # a range keeps its start
    year = entry.text("year")
    if not year:
        return None
    month = (entry.text("month") or "").strip().lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
    day = entry.text("day")
    if number and day and day.isdigit():
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}" if number else year


def _kind(entry: _Entry) -> SourceType:
    kind = BIBTEX_TYPES.get(entry.kind, _T.WEBPAGE)
    subtype = (entry.text("entrysubtype") or "").casefold()
    if kind is _T.JOURNAL and subtype in ("newspaper", "magazine"):
        return _T.NEWS
    return kind


def _fields(entry: _Entry) -> dict[str, Any]:
    kind = _kind(entry)
    text = entry.text
    container = text("journaltitle", "journal") if kind in (_T.JOURNAL, _T.NEWS) else None
    if kind is _T.CHAPTER:
        container = text("booktitle", "maintitle")
    medium = text("type")
    if kind is _T.THESIS and not medium:
        medium = _THESIS_MEDIUM.get(entry.kind, "PhD diss.")
    if kind is _T.REPORT:
        series = " ".join(p for p in (medium or text("series"), text("number")) if p)
        container, medium = series or None, None
    elif kind in (_T.WEBPAGE, _T.DATASET, _T.VIDEO):
        container = text("organization") if kind is _T.WEBPAGE else None
    fields: dict[str, Any] = {
        "id": entry.key,
        "type": kind,
        "authors": entry.names("author"),
        "editors": entry.names("editor"),
        "translators": entry.names("translator"),
        "title": text("title"),
        "short_title": text("shorttitle"),
        "container": container,
        "publisher": text("publisher", "institution", "school", "organization")
        if kind is not _T.WEBPAGE or not container
        else text("publisher", "institution"),
        "place": text("location", "address"),
        "date": _date(entry),
        "accessed": text("urldate"),
        "url": entry.url(),
        "doi": text("doi"),
        "volume": text("volume"),
        "issue": text("number", "issue") if kind in (_T.JOURNAL, _T.NEWS) else None,
        "pages": text("pages"),
        "medium": medium,
        "edition": text("edition"),
        "language": _language(text("langid", "language")),
    }
    if fields["title"] is None:
        raise _EntryProblem("has no 'title' (expected the work's title)", entry.line)
    return {key: value for key, value in fields.items() if value not in (None, [])}


def _language(value: str | None) -> str | None:
    from sitrep.files.csl import language_tag

    return language_tag(value)


_BIB_FIELD = {"authors": "author", "editors": "editor", "translators": "translator",
              "short_title": "shorttitle", "container": "journal/booktitle", "place": "address",
              "date": "year/date", "accessed": "urldate", "issue": "number"}  # fmt: skip


def _source(entry: _Entry) -> Source:
    fields = _fields(entry)
    try:
        # the raw pydantic error, as csl.py reads it: the message names the .bib field
        return Source.__pydantic_validator__.validate_python(fields)  # type: ignore[no-any-return]
    except ValidationError as error:
        message = validation_message(error, _BIB_FIELD)
        field = str(error.errors()[0]["loc"][0]) if error.errors()[0]["loc"] else ""
        got = entry.raw(_BIB_FIELD.get(field, field).split("/")[0])
        raise _EntryProblem(message, got[1] if got else entry.line) from None


def _reason(error: Any) -> str:
    """bibtexparser's own words, without its 0-based line numbers."""
    text = " ".join(str(getattr(error, "abort_reason", "") or error or "").split())
    text = re.sub(r"^Parsing of `@\w+` block \(line \d+\) aborted on line \d+ due to ", "", text)
    return text.rstrip(". ") or "cannot be read"


def _first_line(raw: str) -> str:
    return raw.strip().splitlines()[0][:60] if raw.strip() else ""


_RAW_PIECE = re.compile(r'\s*(?:\d+|[^\s#{}",=]+|"(?:[^"{}]|\{[^{}]*\})*")\s*')


def _first_piece_end(raw: str) -> int:
    """Where the first piece of a raw field value ends: a {braced} or "quoted" text, a number or
    a macro name; -1 if it is none of these."""
    stripped = raw.lstrip()
    start = len(raw) - len(stripped)
    if stripped.startswith("{"):
        depth = 0
        for index, char in enumerate(stripped):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                return start + index + 1
        return -1
    match = _RAW_PIECE.match(raw)
    return match.end() if match else -1


def _check_raw_values(path: Path, library: Any) -> None:
    """Errors bibtexparser lets through: a missing comma between two fields (`title = {Red Sea}
    year = {2020}` reads as one title) and a macro no @string defines (printed as its name)."""
    macros = {key.lower() for key in library.strings_dict} | set(_MONTH_NAMES)
    for entry in library.entries:
        for field in entry.fields:
            raw = field.value if isinstance(field.value, str) else ""
            line = field.start_line + 1
            end = _first_piece_end(raw)
            rest = raw[end:].strip() if end >= 0 else raw
            if rest and not rest.startswith("#"):
                extra = rest.split("=")[0].split()
                after = f" before {extra[-1]!r}" if extra and "=" in rest else ""
                raise SourceFileError(
                    path,
                    f"entry {entry.key!r}: a comma is missing after the "
                    f"{field.key!r} value{after} (expected fields separated by commas: "
                    "title = {...}, year = {...})",
                    line,
                )
            bare = raw.strip()
            if re.fullmatch(r"[^\d\s#{}\",=][^\s#{}\",=]*", bare) and bare.lower() not in macros:
                raise SourceFileError(
                    path,
                    f"entry {entry.key!r}: {field.key!r} = {bare} names no @string "
                    f"macro (expected {{text}} in braces, or a macro defined with @string{{{bare} "
                    '= "..."})',
                    line,
                )


def load_bibtex(path: Path, *, data: bytes | None = None) -> list[Source]:
    """Read a .bib file (or `data`, its bytes) into sources, in file order.

    Raises SourceFileError naming the file, the line, the entry and what was expected.
    """
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares.parsestack import default_parse_stack

    text = decode_source_text(path, read_source_file(path, "a BibTeX file") if data is None
                              else data, "a .bib file of @book{...} entries")  # fmt: skip
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # its warnings repeat what the error below says
    try:
        library = parse_string(text, parse_stack=[])  # raw values first: check them, then decode
    finally:
        quiet.setLevel(level)
    _check_raw_values(path, library)
    for middleware in default_parse_stack(allow_inplace_modification=True):
        library = middleware.transform(library)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = (block.start_line or 0) + 1
        fields = sorted(getattr(block, "duplicate_keys", ()))
        if fields:
            entry_key = getattr(block.ignore_error_block, "key", None) or "?"
            raise SourceFileError(
                path,
                f"entry {entry_key!r}: the field {fields[0]!r} is given twice "
                "(expected each field once)",
                line,
            )
        if "duplicate" in type(block).__name__.lower():
            key = getattr(block, "key", "?")
            reason = f"the key {key!r} is used twice (expected each key once)"
        else:
            reason = (
                f"{_reason(getattr(block, 'error', None))} (expected @type{{key, field = "
                "{value}, ...} with balanced braces)"
            )
        raise SourceFileError(path, f"entry {_first_line(block.raw or '')!r}: {reason}", line)
    if not library.entries:
        raise SourceFileError(path, "has no entries (expected @book{key, title = {...}, ...})")
    sources: list[Source] = []
    for raw_entry in library.entries:
        entry = _Entry(raw_entry)
        try:
            sources.append(_source(entry))
        except _EntryProblem as problem:
            raise SourceFileError(
                path, f"entry {entry.key!r}: {problem}", problem.line or entry.line
            ) from None
    return sources
