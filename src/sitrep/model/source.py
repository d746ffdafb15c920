"""Sources: what a brief cites, with optional Admiralty (NATO) grading."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BeforeValidator,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)

from sitrep.model.base import Plain, StrictModel, StringForm
from sitrep.model.portions import MarkingLabel

__all__ = ["Grade", "Person", "Source", "SourceDate", "SourceType", "check_url"]

ALLOWED_URL_SCHEMES = ("http", "https", "mailto")


def check_url(value: str) -> str:
    """Accept only http, https and mailto URLs: anything else could run or read something."""
    scheme, sep, _ = value.partition(":")
    if not sep or scheme.lower() not in ALLOWED_URL_SCHEMES:
        raise ValueError(f"URL {value!r} is not allowed (expected an http:, https: or mailto: URL)")
    return value


class SourceType(StrEnum):
    """The kind of source; it decides how a note and a bibliography entry are written."""

    NEWS = "news"
    WEBPAGE = "webpage"
    REPORT = "report"
    GOVERNMENT = "government"
    PRESS_RELEASE = "press-release"
    BOOK = "book"
    JOURNAL = "journal"
    SOCIAL = "social"
    VIDEO = "video"
    DATASET = "dataset"
    STATEMENT = "statement"
    INTERVIEW = "interview"
    CHAPTER = "chapter"
    THESIS = "thesis"


class Person(StringForm, StrictModel):
    """A person or organisation credited as an author."""

    family: Plain | None = None
    """Surname, used in short notes and for sorting ("Zhang")."""
    given: Plain | None = None
    """Given names ("Kevin")."""
    literal: Plain | None = None
    """A name that must not be split, such as an organisation ("White House Press Office")."""
    suffix: Plain | None = None
    """A generational suffix: "Jr.", "Sr.", "III" ("Richards J. Heuer Jr.")."""
    family_first: bool = False
    """The family name comes first, as in Korean and Chinese names ("Ji Da-gyum"): printed in
    that order everywhere, never inverted with a comma, and short notes use the family name."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return split_name(value)
        return value

    @model_validator(mode="after")
    def _has_a_name(self) -> Person:
        if not (self.family or self.literal):
            raise ValueError("an author needs a family name or a literal name")
        return self

    @model_serializer(mode="plain")
    def _compact(self) -> str | dict[str, str | bool]:
        text = self.display
        if not self.family_first and split_name(text) == self._as_dict():
            return text
        return self._as_dict()

    def _as_dict(self) -> dict[str, str | bool]:
        parts: dict[str, str | bool] = {
            k: v
            for k, v in (
                ("family", self.family),
                ("given", self.given),
                ("literal", self.literal),
                ("suffix", self.suffix),
            )
            if v
        }
        if self.family_first:
            parts["family_first"] = True
        return parts

    @property
    def display(self) -> str:
        """The name in reading order: "Kevin Zhang"."""
        if self.literal:
            return self.literal
        order = (self.family, self.given) if self.family_first else (self.given, self.family)
        # CMOS 6.43: no comma before Jr., Sr. or III in running text
        return " ".join(part for part in (*order, self.suffix) if part)

    @property
    def inverted(self) -> str:
        """The name for a bibliography: "Zhang, Kevin"; "Heuer, Richards J., Jr." (14.72)."""
        if self.literal or self.family_first:
            return self.display
        return ", ".join(part for part in (self.family, self.given, self.suffix) if part)


_SUFFIX = re.compile(r"^(?:jr\.?|sr\.?|ii|iii|iv|v|vi)$", re.IGNORECASE)


def _suffix_text(word: str) -> str:
    """'jr' -> 'Jr.', 'iii' -> 'III'."""
    bare = word.rstrip(".")
    if bare.casefold() in ("jr", "sr"):
        return bare.capitalize() + "."
    return bare.upper()


def split_name(text: str) -> dict[str, str]:
    """Split "Given Family" or "Family, Given"; one word stays whole. A suffix is kept apart:
    "Richards J. Heuer Jr.", "Heuer, Richards J., Jr." and "Heuer Jr., Richards J." all give
    family "Heuer", given "Richards J.", suffix "Jr."."""
    text = " ".join(text.split())
    if "," in text:
        parts = [part.strip() for part in text.split(",")]
        suffix = ""
        if len(parts) == 3 and _SUFFIX.match(parts[2]):
            suffix = _suffix_text(parts.pop())
        elif len(parts) == 2 and _SUFFIX.match(parts[1]) and " " in parts[0]:
            # "Richards J. Heuer, Jr.": reading order with a comma before the suffix
            return {**split_name(parts[0]), "suffix": _suffix_text(parts[1])}
        family, given = parts[0], ", ".join(parts[1:])
        family_words = family.split()
        if not suffix and len(family_words) > 1 and _SUFFIX.match(family_words[-1]):
            suffix, family = _suffix_text(family_words[-1]), " ".join(family_words[:-1])
        result = {"family": family, "given": given} if given else {"literal": family}
        return {**result, "suffix": suffix} if suffix and given else result
    words = text.split(" ")
    suffix = ""
    if len(words) > 2 and _SUFFIX.match(words[-1]):
        suffix = _suffix_text(words.pop())
    given, _, family = " ".join(words).rpartition(" ")
    if not given:
        return {"literal": family}
    return {"family": family, "given": given, **({"suffix": suffix} if suffix else {})}


_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def _parse_source_date(value: Any) -> dt.date | str:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = (
        str(value).strip()
        if isinstance(value, (str, int)) and not isinstance(value, bool)
        else None
    )
    if text is not None:
        if _PARTIAL_DATE.match(text):
            return text
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")


SourceDate = Annotated[
    dt.date | str,
    PlainValidator(_parse_source_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
"""A full date (2023-09-19), a month (2023-09) or a year (2023)."""


class Grade(StringForm, StrictModel):
    """Admiralty (NATO) grading: source reliability A-F and information credibility 1-6."""

    reliability: Literal["A", "B", "C", "D", "E", "F"]
    """A completely reliable, B usually reliable, C fairly reliable, D not usually reliable,
    E unreliable, F reliability cannot be judged."""
    credibility: Literal[1, 2, 3, 4, 5, 6]
    """1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable,
    6 truth cannot be judged."""

    @model_validator(mode="before")
    @classmethod
    def _from_code(cls, value: Any) -> Any:
        if isinstance(value, str):
            code = value.strip().upper()
            if len(code) != 2 or not code[1].isdigit():
                raise ValueError(f"grade {value!r} is not an Admiralty code (expected e.g. 'B2')")
            return {"reliability": code[0], "credibility": int(code[1])}
        return value

    @model_serializer(mode="plain")
    def _compact(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """The two-character code, such as "B2"."""
        return f"{self.reliability}{self.credibility}"


def _authors_list(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


class Source(StrictModel):
    """One source, cited in prose as [@id]."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")]
    """The key used in citations: [@zhang]."""
    type: SourceType = SourceType.WEBPAGE
    """news, webpage, report, government, press-release, book, chapter, journal, social, video,
    dataset, statement, interview or thesis."""
    authors: Annotated[
        list[Person],
        BeforeValidator(_authors_list, json_schema_input_type=Person | list[Person]),
    ] = Field(default_factory=list, validation_alias=AliasChoices("authors", "author"))
    """Authors: "Kevin Zhang", "Zhang, Kevin", {family, given} or {literal}. Also accepted as
    `author`."""
    title: Plain
    """The title as published."""
    short_title: Plain | None = None
    """Title for short notes; by default the key words of the main title (CMOS 14.30)."""
    container: Plain | None = None
    """Where it appeared: newspaper, website, journal, platform or series ("AP News"); for a
    chapter, the book's title."""
    publisher: Plain | None = None
    """Publisher or issuing organisation ("The Eurasia-America Center")."""
    place: Plain | None = None
    """Place of publication, for books."""
    date: SourceDate | None = None
    """Publication date: YYYY-MM-DD, YYYY-MM or YYYY."""
    url: Plain | None = None
    """Web address (http, https or mailto only)."""
    accessed: dt.date | None = None
    """When the web address was consulted."""
    volume: Plain | None = None
    """Journal volume, or the volume of a multivolume book ("vol. 2")."""
    issue: Plain | None = None
    """Journal issue."""
    pages: Plain | None = None
    """Page range of an article or chapter."""
    doi: Plain | None = None
    """Digital Object Identifier, without the https://doi.org/ prefix."""
    medium: Plain | None = None
    """A description such as "video, 12:03", "press release" or "interview by the author"."""
    edition: Plain | None = None
    """Edition of a book or report: "2" or "2nd" (written "2nd ed."), or "rev. ed."."""
    editors: Annotated[
        list[Person],
        BeforeValidator(_authors_list, json_schema_input_type=Person | list[Person]),
    ] = Field(default_factory=list, validation_alias=AliasChoices("editors", "editor"))
    """Editors of a book, or of the book a chapter appeared in ("ed.", "edited by")."""
    translators: Annotated[
        list[Person],
        BeforeValidator(_authors_list, json_schema_input_type=Person | list[Person]),
    ] = Field(default_factory=list, validation_alias=AliasChoices("translators", "translator"))
    """Translators ("trans.", "translated by")."""
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None = None
    """The language of the title as a BCP 47 tag ("en", "fr", "ko"); titles in a language other
    than English keep the capitalisation they were typed in (CMOS 11.6)."""
    title_as_given: bool = False
    """Print the title exactly as typed, without headline-style capitals (CMOS 8.159)."""
    grade: Grade | None = None
    """Admiralty grading, written "B2" (reliability B, credibility 2)."""
    descriptor: Plain | None = None
    """ICD 206 source descriptor: who the source is and their access, in a phrase ("a
    ministry official with direct access, reporting for the first time")."""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = None
    """SHA-256 of the page or file as you read it (64 hex digits); STIX exports give it as the
    hash of the reference's URL, which STIX asks for."""
    marking: MarkingLabel | None = None
    """This source's TLP label, if it differs from the brief's (docs/dissemination.md): a
    release leaves out the sources above its level."""

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @field_validator("url")
    @classmethod
    def _safe_url(cls, value: str | None) -> str | None:
        return None if value is None else check_url(value.strip())
