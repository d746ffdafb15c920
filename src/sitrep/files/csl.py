"""Import sources from CSL-JSON, as exported by Zotero, pandoc or Better BibTeX.

Only the fields sitrep uses are read; CSL exports carry many more, and those are ignored.
Every error names the file, the item (1-based index and id) and what was expected.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitrep.errors import SourceFileError
from sitrep.files.json_tree import check_json_structure
from sitrep.model.source import Source, SourceType

__all__ = [
    "CSL_TYPES",
    "decode_source_text",
    "language_tag",
    "load_csl",
    "read_source_file",
    "validation_message",
]

_T = SourceType

CSL_TYPES: dict[str, SourceType] = {
    "article-newspaper": _T.NEWS,
    "article-magazine": _T.NEWS,
    "webpage": _T.WEBPAGE,
    "post-weblog": _T.WEBPAGE,
    "report": _T.REPORT,
    "book": _T.BOOK,
    "chapter": _T.CHAPTER,
    "entry-encyclopedia": _T.CHAPTER,
    "paper-conference": _T.CHAPTER,
    "thesis": _T.THESIS,
    "article-journal": _T.JOURNAL,
    "post": _T.SOCIAL,
    "motion_picture": _T.VIDEO,
    "broadcast": _T.VIDEO,
    "dataset": _T.DATASET,
    "interview": _T.INTERVIEW,
    "speech": _T.STATEMENT,
    "legislation": _T.GOVERNMENT,
    "legal_case": _T.GOVERNMENT,
    "bill": _T.GOVERNMENT,
    "regulation": _T.GOVERNMENT,
    "treaty": _T.GOVERNMENT,
}
"""CSL item types and the sitrep source type each becomes; any other type becomes webpage."""

_FIELD_NAMES = {  # sitrep field -> the CSL key it came from, for error messages
    "id": "id",
    "authors": "author",
    "title": "title",
    "short_title": "title-short",
    "container": "container-title",
    "publisher": "publisher",
    "place": "publisher-place",
    "date": "issued",
    "accessed": "accessed",
    "url": "URL",
    "doi": "DOI",
    "volume": "volume",
    "issue": "issue",
    "pages": "page",
    "medium": "medium",
    "edition": "edition",
    "editors": "editor",
    "translators": "translator",
    "language": "language",
}

_DATE_HINT = 'expected {"date-parts": [[year, month, day]]}'
_NAME_HINT = 'expected {"family": ..., "given": ...} or {"literal": ...}'


class _ItemProblem(Exception):
    """Something wrong inside one item; `load_csl` adds the file and the item's name."""


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _ItemProblem(f"{key!r} is {_kind(value)} (expected text)")
    result = " ".join(str(value).split())
    return result or None


# --- names ---------------------------------------------------------------------------------------


def _name(value: Any, key: str, number: int) -> dict[str, Any] | str:
    if isinstance(value, str) and value.strip():
        return value  # not CSL, but clear enough: "Kevin Zhang" or "Zhang, Kevin"
    if not isinstance(value, dict):
        raise _ItemProblem(f"{key!r} name {number} is {_kind(value)} ({_NAME_HINT})")

    def part(name: str) -> str:
        got = value.get(name)
        if got is None:
            return ""
        if not isinstance(got, (str, int)) or isinstance(got, bool):
            raise _ItemProblem(f"{key!r} name {number}: {name!r} is {_kind(got)} (expected text)")
        return " ".join(str(got).split())

    literal = part("literal")
    if literal:
        return {"literal": literal}
    family = " ".join(p for p in (part("non-dropping-particle"), part("family")) if p)
    given = " ".join(p for p in (part("given"), part("dropping-particle")) if p)
    if family:
        name: dict[str, Any] = {"family": family, "given": given} if given else {"family": family}
        if part("suffix"):
            name["suffix"] = part("suffix")
        if value.get("static-ordering") is True:
            name["family_first"] = True  # "Xi Jinping", never "Jinping Xi"
        return name
    if given:
        return {"literal": given}
    raise _ItemProblem(f"{key!r} name {number} has no name ({_NAME_HINT})")


def _names(item: dict[str, Any], key: str) -> list[dict[str, Any] | str]:
    value = item.get(key)
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise _ItemProblem(f"{key!r} is {_kind(value)} (expected a list of names: {_NAME_HINT})")
    return [_name(person, key, number) for number, person in enumerate(value, 1)]


def _display(name: dict[str, Any] | str) -> str:
    if isinstance(name, str):
        return name
    return name.get("literal") or " ".join(p for p in (name.get("given"), name.get("family")) if p)


# --- dates ---------------------------------------------------------------------------------------

_RAW_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%B %Y", "%b %Y")


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _from_parts(parts: Any, key: str) -> dt.date | str:
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        raise _ItemProblem(f"{key!r} has no date-parts ({_DATE_HINT})")
    numbers = [_number(p) for p in parts[0][:3]]  # a range [[start], [end]] keeps its start
    if any(n is None for n in numbers):
        raise _ItemProblem(f"{key!r} date-parts {parts[0]!r} are not numbers ({_DATE_HINT})")
    year, *rest = [n for n in numbers if n is not None]
    try:
        if len(rest) == 2:
            return dt.date(year, rest[0], rest[1])
        if len(rest) == 1:
            dt.date(year, rest[0], 1)
            return f"{year:04d}-{rest[0]:02d}"
        dt.date(year, 1, 1)
    except ValueError:
        raise _ItemProblem(f"{key!r} date-parts {parts[0]!r} is not a real date") from None
    return f"{year:04d}"


def _from_raw(raw: str, key: str) -> dt.date | str:
    text = raw.strip()
    if text.isdigit() and len(text) == 4:
        return text
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for pattern in _RAW_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return parsed if "%d" in pattern else f"{parsed.year:04d}-{parsed.month:02d}"
    raise _ItemProblem(f"{key!r} {text!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")


def _date(item: dict[str, Any], key: str) -> dt.date | str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, str):  # not CSL, but some tools write it
        return _from_raw(value, key)
    if not isinstance(value, dict):
        raise _ItemProblem(f"{key!r} is not a date ({_DATE_HINT})")
    if "date-parts" in value:
        return _from_parts(value["date-parts"], key)
    for raw_key in ("raw", "literal"):
        raw = value.get(raw_key)
        if isinstance(raw, str) and raw.strip():
            return _from_raw(raw, key)
    raise _ItemProblem(f"{key!r} is not a date ({_DATE_HINT})")


# --- one item ------------------------------------------------------------------------------------


def _joined(*parts: str | None, separator: str = " ") -> str | None:
    return separator.join(p for p in parts if p) or None


_PRESS_RELEASE_GENRES = frozenset({"press release", "news release", "media release"})
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_LANGUAGE_NAMES = {
    "english": "en", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "australian": "en-AU", "canadian": "en-CA", "french": "fr",
    "german": "de", "ngerman": "de", "spanish": "es", "italian": "it", "portuguese": "pt",
    "russian": "ru", "ukrainian": "uk", "polish": "pl", "dutch": "nl", "korean": "ko",
    "chinese": "zh", "japanese": "ja", "arabic": "ar", "persian": "fa", "farsi": "fa",
    "turkish": "tr", "hebrew": "he",
}  # fmt: skip
"""Language names as Zotero users and BibLaTeX `langid` write them."""


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag ("en-US") from a tag or a language name ("English", "ngerman"). A name
    sitrep does not know gives "und" (undetermined): the title is then printed as typed rather
    than forced into English headline style."""
    if value is None or not value.strip():
        return None
    value = value.strip().replace("_", "-")
    if _LANGUAGE_TAG.match(value):
        return value
    first_word = re.split(r"[^A-Za-z]+", value.casefold())[0]
    return _LANGUAGE_NAMES.get(value.casefold()) or _LANGUAGE_NAMES.get(first_word) or "und"


def _fields(item: dict[str, Any], kind: SourceType) -> dict[str, Any]:
    def get(key: str) -> str | None:
        return _text(item, key)

    container = get("container-title")
    medium = get("medium") or get("genre")
    if kind is not _T.PRESS_RELEASE and (medium or "").casefold() in _PRESS_RELEASE_GENRES:
        kind, medium = _T.PRESS_RELEASE, None  # Zotero writes a press release as a genre
    if kind is _T.THESIS and not medium:
        medium = "PhD diss."
    if kind in (_T.REPORT, _T.GOVERNMENT, _T.BOOK):
        # series and number: "Research Report RR-1598-OSD" (CMOS 14.123, 14.220)
        series = get("collection-title") or (medium if kind is not _T.BOOK else None)
        number = get("number") if kind is not _T.BOOK else get("collection-number")
        container = container or _joined(series, number)
    if kind is _T.VIDEO and get("dimensions"):
        medium = _joined(medium or "video", get("dimensions"), separator=", ")
    if kind is _T.INTERVIEW and not medium:
        interviewers = [_display(n) for n in _names(item, "interviewer")]
        if interviewers:
            medium = "interview by " + " and ".join(interviewers)
    accessed = _date(item, "accessed")
    fields: dict[str, Any] = {
        "id": item["id"],
        "type": kind,
        "authors": _names(item, "author"),
        "title": get("title"),
        "short_title": get("title-short") or get("shortTitle"),
        "container": container,
        "publisher": get("publisher"),
        "place": get("publisher-place"),
        "date": _date(item, "issued"),
        # the model keeps only full access dates; a bare year says too little to print
        "accessed": accessed if isinstance(accessed, dt.date) else None,
        "url": get("URL"),
        "doi": get("DOI"),
        "volume": get("volume"),
        "issue": get("issue"),
        "pages": get("page"),
        "medium": medium,
        "edition": get("edition"),
        "editors": _names(item, "editor"),
        "translators": _names(item, "translator"),
        "language": language_tag(get("language")),
    }
    if fields["title"] is None:
        raise _ItemProblem("has no 'title' (expected the work's title as text)")
    return {key: value for key, value in fields.items() if value not in (None, [])}


def validation_message(error: ValidationError, names: dict[str, str] | None = None) -> str:
    """The first problem, with the field named as the file names it (`names`: sitrep -> file)."""
    names = _FIELD_NAMES if names is None else names
    first = error.errors()[0]
    loc = first["loc"]
    field = names.get(str(loc[0]), str(loc[0])) if loc else ""
    if first["type"] == "string_pattern_mismatch" and field == "id":
        return (
            f"id {first['input']!r} cannot be used as a citation key (expected letters, digits "
            "and _ : . # $ % & + ? < > ~ / -, starting with a letter, digit or _)"
        )
    message = str(first["msg"]).removeprefix("Value error, ")
    if field in ("author", "editor", "translator") and len(loc) > 1 and isinstance(loc[1], int):
        return f"{field!r} name {loc[1] + 1}: {message}"
    return f"{field!r}: {message}" if field else message


def _source(item: Any) -> Source:
    if not isinstance(item, dict):
        raise _ItemProblem(f"is {_kind(item)} (expected an object with 'id', 'type' and 'title')")
    kind = CSL_TYPES.get(str(item.get("type", "")), _T.WEBPAGE)
    fields = _fields(item, kind)
    try:
        return Source.__pydantic_validator__.validate_python(fields)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise _ItemProblem(validation_message(error)) from None


def _item_id(item: Any, index: int) -> str:
    if not isinstance(item, dict):
        return ""
    value = item.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise _ItemProblem(
            f"item {index} has no 'id' (expected a citation key as text, such as 'zhang2023')"
        )
    item["id"] = str(value).strip()
    return str(item["id"])


# --- the file ------------------------------------------------------------------------------------


def read_source_file(path: Path, expected: str = "a CSL-JSON file") -> bytes:
    """Read a source file named by a brief (CSL-JSON or .bib): one place to open them."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceFileError(path, f"file not found (expected {expected})") from None
    except IsADirectoryError:
        raise SourceFileError(path, f"is a folder (expected {expected})") from None
    except OSError as error:
        raise SourceFileError(path, f"cannot be read: {error.strerror}") from None


def decode_source_text(path: Path, raw: bytes, expected: str) -> str:
    """UTF-8 text (a BOM is dropped), or an error naming the line of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceFileError(
            path, f"is not UTF-8 text (byte 0x{raw[error.start]:02X} on line {line}; save as UTF-8)"
        ) from None
    if not text.strip():
        raise SourceFileError(path, f"is empty (expected {expected})")
    return text


def _parse(path: Path, raw: bytes) -> Any:
    text = decode_source_text(path, raw, "a JSON array of CSL items")
    check_json_structure(text, str(path), duplicates=False)  # before the recursive parser
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceFileError(
            path,
            f"invalid JSON: {error.msg} "
            "(expected a CSL-JSON array, as exported by Zotero or pandoc)",
            error.lineno,
            error.colno,
        ) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise SourceFileError(path, "holds a number too long to read") from None


def load_csl(path: Path, *, data: bytes | None = None) -> list[Source]:
    """Read a CSL-JSON file (or `data`, its bytes) into sources, in file order.

    Raises SourceFileError naming the file, the item and what was expected.
    """
    parsed = _parse(path, read_source_file(path) if data is None else data)
    if isinstance(parsed, dict) and "id" in parsed:
        parsed = [parsed]  # a single item, as some tools write it
    if not isinstance(parsed, list):
        raise SourceFileError(
            path, f'is {_kind(parsed)} (expected a JSON array of CSL items: [{{"id": ...}}])'
        )
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(parsed, 1):
        where = f"item {index}"
        try:
            item_id = _item_id(item, index)
            if item_id:
                where += f" (id {item_id!r})"
                if item_id in seen:
                    raise _ItemProblem(
                        f"the id is used twice (item {seen[item_id]} has it too; "
                        "expected each id once)"
                    )
                seen[item_id] = index
            sources.append(_source(item))
        except _ItemProblem as problem:
            message = str(problem)
            if not message.startswith(f"item {index} "):
                message = f"{where}: {message}"
            raise SourceFileError(path, message) from None
    return sources
