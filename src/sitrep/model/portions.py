"""Portion markings: a TLP label on each part of a brief, not only on the whole.

Every item that holds text (an event, theme, section, quote, key judgment, scenario, indicator,
figure, attachment, source, and each assumption, gap and recommendation) may carry its own
`marking:`. An item without one takes the marking of what holds it: the theme or section it is
in, else the brief's `field_markings` entry for its list, else the brief's own `marking`. So an
unmarked portion is never less restricted than the brief says: a release (resolve/release.py)
fails closed.

Assumptions, gaps and recommendations are lists of text; an item is either the text or
`{text, marking}`, read as a `MarkedText`: a `str` that also knows its marking, so every writer
keeps treating it as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema

from sitrep.model.base import PROSE, FieldProblems, clean_text
from sitrep.model.marking import TLP, parse_tlp
from sitrep.model.walk import FieldPath

__all__ = [
    "MARKABLE_FIELDS",
    "MarkedProse",
    "MarkedText",
    "MarkingLabel",
    "Portion",
    "check_portion_markings",
    "effective_marking",
    "portions",
    "rank",
]

_LABELS = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED", "TLP:WHITE"]

MarkingLabel = Annotated[TLP, BeforeValidator(parse_tlp, json_schema_input_type=_LABELS)]
"""A TLP 2.0 label: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED."""

_ORDER = (TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED)


def rank(label: TLP) -> int:
    """How restricted a label is: CLEAR 0 < GREEN < AMBER < AMBER+STRICT < RED 4."""
    return _ORDER.index(label)


def read_label(value: Any) -> TLP:
    """A TLP label from text such as 'amber' or 'TLP:GREEN'; ValueError naming the choices."""
    try:
        return TLP(parse_tlp(value))
    except ValueError:
        choices = ", ".join(label.value for label in _ORDER)
        raise ValueError(f"{value!r} is not a TLP 2.0 label (expected one of: {choices})") from None


class MarkedText(str):
    """A list item's text with its own portion marking (None: the marking of its list).

    Two items are equal when their text and their marking are."""

    marking: TLP | None

    def __new__(cls, text: str, marking: TLP | None = None) -> MarkedText:
        made = super().__new__(cls, text)
        made.marking = marking
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return NotImplemented
        return str.__eq__(self, other) and self.marking == getattr(other, "marking", None)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        text = str.__repr__(self)
        return text if self.marking is None else f"MarkedText({text}, {self.marking.value!r})"


def _read_marked(value: Any) -> MarkedText:
    if isinstance(value, MarkedText):
        return value
    if isinstance(value, str):
        return MarkedText(clean_text(value))
    if isinstance(value, dict):
        unknown = sorted(str(key) for key in value if key not in ("text", "marking"))
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} (expected text, or {{text, marking}})")
        text = value.get("text")
        if not isinstance(text, str):
            raise ValueError("expected text: the item's words, as {text: ..., marking: ...}")
        marking = value.get("marking")
        return MarkedText(clean_text(text), None if marking is None else read_label(marking))
    raise ValueError(f"expected text, or {{text, marking}} (got {type(value).__name__})")


def _write_marked(value: MarkedText) -> str | dict[str, str]:
    marking = getattr(value, "marking", None)
    if marking is None:
        return str(value)
    return {"text": str(value), "marking": marking.value}


MarkedProse = Annotated[
    MarkedText,
    PlainValidator(_read_marked),
    PlainSerializer(_write_marked),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "marking": {"type": "string", "enum": list(_LABELS.__args__)},
                    },
                    "required": ["text"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
    PROSE,
]
"""Prose, or {text, marking}: a list item with an optional portion marking."""


MARKABLE_FIELDS: tuple[str, ...] = (
    "title",
    "subtitle",
    "standfirst",
    "bluf",
    "dateline",
    "keywords",
    "where",
    "who",
    "figures",
    "what",
    "sections",
    "assessment",
    "key_judgments",
    "outlook",
    "indicators",
    "assumptions",
    "gaps",
    "quotes",
    "recommendations",
    "attachments",
    "source_summary",
    "contact",
    "sources",
)
"""Brief fields that hold content and may be named in `field_markings`. The rest (template,
date, authors, organisation, language and the settings) say who issued the brief and how it is
set, and go with every release."""

SETTINGS_FIELDS: tuple[str, ...] = (
    "template",
    "date",
    "when",
    "authors",
    "organisation",
    "marking",
    "field_markings",
    "portion_marks",
    "bibliography",
    "bibliography_dash",
    "source_table",
    "show_grades",
    "language",
    "citation_language",
    "smart_quotes",
    "date_format",
    "likelihood_scale",
    "check",
    # the place in its series: the same for every audience
    "serial",
    "supersedes",
    "next_issue",
    # the banner and the draft stamp: printed on every page of every release
    "classification",
    "caveats",
    "pap",
    "status",
    "version",
)
"""Brief fields that are not portions: they go with every release. A new brief field must be
added here or to MARKABLE_FIELDS (a test says so), so that no release passes on content it was
never told about."""

_NESTED = {"what": "events", "sections": "quotes"}
"""Lists whose items hold items of their own: a theme's events, a section's quotes."""


class Portion:
    """One markable part of a brief: where it is, its own marking and the one it takes."""

    __slots__ = ("effective", "item", "own", "path")

    def __init__(self, path: FieldPath, item: Any, own: TLP | None, effective: TLP | None):
        self.path = path
        self.item = item
        self.own = own
        self.effective = effective


def _own(item: Any) -> TLP | None:
    marking = getattr(item, "marking", None)
    return marking if isinstance(marking, TLP) else None


def portions(brief: Any) -> Iterator[Portion]:
    """Every markable part of the brief in field order, with the marking it has or takes."""
    fields: dict[str, TLP] = dict(brief.field_markings or {})
    for name in MARKABLE_FIELDS:
        value = getattr(brief, name)
        if value in (None, [], ""):
            continue
        field_own = fields.get(name)
        field_effective = field_own or brief.marking
        if field_own is not None:
            yield Portion(("field_markings", name), value, field_own, field_effective)
        if not isinstance(value, list) or name in ("keywords", "where", "who"):
            if field_own is None:
                yield Portion((name,), value, None, field_effective)
            continue
        for index, item in enumerate(value):
            own = _own(item)
            effective = own or field_effective
            yield Portion((name, index), item, own, effective)
            nested = _NESTED.get(name)
            if nested is None:
                continue
            for inner, child in enumerate(getattr(item, nested, None) or []):
                child_own = _own(child)
                path: FieldPath = (name, index, nested, inner)
                yield Portion(path, child, child_own, child_own or effective)


def effective_marking(brief: Any, path: FieldPath) -> TLP | None:
    """The marking the portion at `path` has or takes (None if the brief has no marking)."""
    for portion in portions(brief):
        if portion.path == path:
            return portion.effective
    return brief.marking if isinstance(brief.marking, TLP) else None


class PortionAboveBrief(FieldProblems):
    """Portions marked more restricted than the brief (or marked in a brief with no marking)."""


def check_portion_markings(brief: Any) -> None:
    """Raise PortionAboveBrief for each portion marked above the brief's overall marking.

    A theme's or section's marking is its heading's and the default of its items; an item may
    be marked above it (a GREEN heading over an AMBER event), as classified documents do."""
    overall: TLP | None = brief.marking
    problems: list[tuple[FieldPath, str]] = []
    for portion in portions(brief):
        if portion.own is None:
            continue
        where = "marking" if portion.path[0] != "field_markings" else None
        path = (*portion.path, where) if where else portion.path
        if overall is None:
            problems.append(
                (
                    path,
                    f"is marked {portion.own.value} but the brief has no marking (expected "
                    f"marking: {portion.own.value} or higher on the brief: a brief is marked at "
                    "least as high as its most restricted portion)",
                )
            )
        elif rank(portion.own) > rank(overall):
            problems.append(
                (
                    path,
                    f"is marked {portion.own.value}, above the brief's marking {overall.value} "
                    f"(expected the brief's marking to be at least {portion.own.value}, or this "
                    f"portion marked {overall.value} or lower)",
                )
            )
    problems.extend(_indicators_above_their_scenarios(brief))
    if problems:
        raise PortionAboveBrief(problems)


def _indicators_above_their_scenarios(brief: Any) -> Iterator[tuple[FieldPath, str]]:
    """An indicator names its scenario: one marked below the scenario it names would print the
    scenario's name to an audience the scenario is withheld from (a GREEN row naming a RED plan)."""
    effective = {portion.path: portion.effective for portion in portions(brief)}
    levels = {
        scenario.name: effective.get(("outlook", index))
        for index, scenario in enumerate(brief.outlook)
    }
    for index, indicator in enumerate(brief.indicators):
        scenario = levels.get(indicator.scenario) if indicator.scenario is not None else None
        own = effective.get(("indicators", index))
        if scenario is None or own is None or rank(own) >= rank(scenario):
            continue
        yield (
            ("indicators", index, "scenario"),
            f"names the scenario {indicator.scenario!r}, marked {scenario.value}, but the "
            f"indicator is marked {own.value} and would print the scenario's name to readers "
            f"of {own.value} (expected the indicator marked {scenario.value} or higher, or the "
            f"scenario marked {own.value} or lower)",
        )


def check_field_markings(value: dict[str, TLP]) -> dict[str, TLP]:
    """`field_markings` names only fields that hold content."""
    for name in value:
        if name not in MARKABLE_FIELDS:
            from difflib import get_close_matches

            close = get_close_matches(name, MARKABLE_FIELDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"{name!r} is not a field that holds content (expected one of: "
                f"{', '.join(MARKABLE_FIELDS)}){hint}"
            )
    return value
