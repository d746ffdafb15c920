"""Banners beyond TLP and drafts: classification, caveats, the Permissible Actions Protocol,
and a brief's status.

A classification is free text ("OFFICIAL-SENSITIVE") or a level of a named scheme that the house
profile (`sitrep-profile.yaml`) defines with its levels and colours. The scheme is looked up
while a brief file is read (`classification_schemes`), and the level's colours are stored on
the brief, so a brief validated again later (by a script, or before rendering) keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from difflib import get_close_matches
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_serializer, model_validator

from sitrep.model.base import Plain, StrictModel, StringForm

__all__ = [
    "PAP",
    "Caveats",
    "Classification",
    "ClassificationScheme",
    "PapLabel",
    "SchemeLevel",
    "Status",
    "banner_text",
    "classification_schemes",
    "parse_pap",
]

_HEX = r"^#[0-9A-Fa-f]{6}$"
Colour = Annotated[str, Field(pattern=_HEX)]


class PAP(StrEnum):
    """A Permissible Actions Protocol (FIRST PAP) label: what the reader may do with what the
    brief tells, from CLEAR (anything) to RED (nothing that could be detected)."""

    CLEAR = "PAP:CLEAR"
    GREEN = "PAP:GREEN"
    AMBER = "PAP:AMBER"
    RED = "PAP:RED"

    @property
    def colour(self) -> str:
        """The label colour on a black background, as FIRST shows PAP (TLP 2.0's colours)."""
        return _PAP_COLOURS[self]


_PAP_COLOURS = {
    PAP.CLEAR: "#FFFFFF",
    PAP.GREEN: "#33FF00",
    PAP.AMBER: "#FFC000",
    PAP.RED: "#FF2B2B",
}


def parse_pap(value: Any) -> Any:
    """Normalise 'amber', 'PAP: Amber' or PAP 1.0's 'PAP:WHITE' to a PAP label."""
    if not isinstance(value, str):
        return value
    word = value.strip().upper().replace(" ", "").removeprefix("PAP:")
    if word == "WHITE":
        word = "CLEAR"
    return f"PAP:{word}"


PapLabel = Annotated[
    PAP,
    BeforeValidator(
        parse_pap,
        json_schema_input_type=Literal["PAP:CLEAR", "PAP:GREEN", "PAP:AMBER", "PAP:RED"],
    ),
]


class Status(StrEnum):
    """Whether the brief is still being written (draft) or released (final)."""

    DRAFT = "draft"
    FINAL = "final"


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _one_line(value: str) -> str:
    # A banner is one line on every page: line breaks typed in a caveat become spaces.
    return " ".join(value.split())


BannerText = Annotated[Plain, AfterValidator(_one_line), Field(min_length=1, pattern=r"\S")]

LEVEL_LIMIT = 80
CAVEATS_LIMIT = 160
"""Characters, so that the banner fits the margin of every page: longer handling instructions
belong in the brief's text (the contact footer, or a section)."""


def _level_fits(level: str) -> str:
    if len(level) > LEVEL_LIMIT:
        raise ValueError(
            f"the classification is {len(level)} characters long; the banner on every page "
            f"holds at most {LEVEL_LIMIT} (expected a short level such as 'OFFICIAL-SENSITIVE'; "
            "put caveats in caveats: and longer handling instructions in the contact footer or "
            "a section)"
        )
    return level


def _caveats_fit(caveats: list[str]) -> list[str]:
    length = len(" // ".join(caveats))
    if length > CAVEATS_LIMIT:
        raise ValueError(
            f"the caveats are {length} characters long together; the banner on every page "
            f"holds at most {CAVEATS_LIMIT} (expected short caveats such as 'REL TO NLD, BEL'; "
            "put longer handling instructions in the contact footer or a section)"
        )
    return caveats


Caveats = Annotated[
    list[BannerText],
    BeforeValidator(_as_list, json_schema_input_type=str | list[str]),
    AfterValidator(_caveats_fit),
]


class SchemeLevel(StringForm, StrictModel):
    """One level of a classification scheme, lowest first: its name and banner colours."""

    name: BannerText
    """The level as printed in the banner ("OFFICIAL-SENSITIVE")."""
    colour: Colour | None = None
    """Banner background colour, #RRGGBB; none prints the level in black on white."""
    text_colour: Colour | None = None
    """Banner text colour, #RRGGBB; by default white on a colour, black without one."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class ClassificationScheme(StrictModel):
    """A house classification scheme, defined in the house profile under
    `classification_schemes: {name: {levels: [...]}}`."""

    levels: Annotated[list[SchemeLevel], Field(min_length=1)]
    """The levels, lowest first: names, or {name, colour, text_colour}."""


_SCHEMES: ContextVar[Mapping[str, ClassificationScheme] | None] = ContextVar(
    "sitrep_classification_schemes", default=None
)


@contextmanager
def classification_schemes(schemes: Mapping[str, ClassificationScheme]) -> Iterator[None]:
    """Check classifications against these schemes (the house profile's) while a brief is read."""
    token = _SCHEMES.set(schemes)
    try:
        yield
    finally:
        _SCHEMES.reset(token)


def _key(text: str) -> str:
    return re.sub(r"[\s_-]+", "-", text.strip().upper())


class Classification(StringForm, StrictModel):
    """A classification banner: free text, or a level of a scheme in the house profile."""

    level: Annotated[BannerText, AfterValidator(_level_fits)]
    """The classification as printed ("OFFICIAL-SENSITIVE", "NATO RESTRICTED")."""
    scheme: Annotated[Plain, Field(pattern=r"^[A-Za-z0-9][\w.-]*$")] | None = None
    """The name of a scheme in the house profile's `classification_schemes`; the level must be
    one of its levels, and takes its colours."""
    colour: Colour | None = None
    """Banner background colour, #RRGGBB (a scheme's level sets it)."""
    text_colour: Colour | None = None
    """Banner text colour, #RRGGBB (a scheme's level sets it)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"level": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _on_its_scheme(self) -> Classification:
        schemes = _SCHEMES.get()
        if self.scheme is None or schemes is None:
            # No house profile in play (a brief built in Python, or validated again after it
            # was read): the level and colours stand as they are.
            return self
        scheme = schemes.get(self.scheme)
        if scheme is None:
            known = ", ".join(sorted(schemes)) or "none: the profile defines no schemes"
            raise ValueError(
                f"scheme {self.scheme!r} is not in the house profile's classification_schemes "
                f"(expected one of: {known})"
            )
        by_key = {_key(level.name): level for level in scheme.levels}
        level = by_key.get(_key(self.level))
        if level is None:
            names = [lv.name for lv in scheme.levels]
            close = get_close_matches(self.level.upper(), [n.upper() for n in names], n=1)
            hint = (
                f"; did you mean {names[[n.upper() for n in names].index(close[0])]!r}?"
                if (close)
                else ""
            )
            raise ValueError(
                f"level {self.level!r} is not a level of scheme {self.scheme!r}{hint} "
                f"(expected one of: {', '.join(names)})"
            )
        # The scheme's spelling and colours win; colours set in the brief itself are kept.
        self.__dict__["level"] = level.name
        if self.colour is None:
            self.__dict__["colour"] = level.colour
        if self.text_colour is None:
            self.__dict__["text_colour"] = level.text_colour
        return self

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        # Written back as the bare level when that is all there is, as it was most likely typed.
        data = handler(self)
        if isinstance(data, dict) and all(v is None for k, v in data.items() if k != "level"):
            return data["level"]
        return data

    @property
    def foreground(self) -> str:
        """The banner's text colour: as set, else white on a colour and black without one."""
        if self.text_colour:
            return self.text_colour
        return "#FFFFFF" if self.colour else "#000000"


def banner_text(classification: Classification | None, caveats: list[str]) -> str:
    """The classification line of the banner: "SECRET // NOFORN // REL TO NLD, BEL"."""
    parts = ([classification.level] if classification else []) + list(caveats)
    return " // ".join(parts)
