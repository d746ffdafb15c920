"""Every fixed word a writer prints (headings, table headers, "Figure 1", "Page 2 of 5"), in
one catalogue, so PDF, DOCX, HTML and Markdown of the same brief say the same thing.

Messages are keyed. `ENGLISH` holds every key with its English text; a layout may word a heading
its own way ("Conclusion" for the assessment of an analysis), in `LAYOUT_WORDING`. The other
languages come from gettext message catalogs, one per language in `sitrep/locale/<lang>.po` (the
key as message context, the English text as message id; a layout's own wording has the context
`<layout>:<key>`), compiled to .mo files when the package is built (hatch_build.py). A house
style may add a language or override a label with its own `locale/<lang>.po` in the template
folder (docs/localization.md). `labels_for(language, layout, house)` is the one way in.

A new key is added to `ENGLISH` and to each .po file (`python scripts/update_catalogs.py` adds
it untranslated; tests/test_labels.py names every message still to translate).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from sitrep.errors import RenderError
from sitrep.inline.typography import Quotes, quotes_for
from sitrep.model.judgment import Confidence, Likelihood
from sitrep.model.tradecraft import IndicatorStatus

if TYPE_CHECKING:
    from gettext import NullTranslations
    from io import BytesIO

    from babel.messages.catalog import Catalog

__all__ = [
    "ENGLISH",
    "LAYOUT_WORDING",
    "LOCALE_DIR",
    "Labels",
    "base_language",
    "catalog_languages",
    "house_folder",
    "labels_for",
    "missing_catalog_warning",
    "placeholder_problem",
    "safe_format",
]

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # mastheads
        "kicker.intel-brief": "Intel brief",
        "kicker.analysis": "Analysis",
        "by": "By {names}",
        "and": " and ",
        "separator": " · ",
        "coordinates": "{lat}° {north_south}, {lon}° {east_west}",
        "north": "N",
        "south": "S",
        "east": "E",
        "west": "W",
        # the facts block: "Date: 15/09/2023"
        "fact": "{label}:",
        "date": "Date",
        "when": "When",
        "where": "Where",
        "who": "Who’s involved",
        "prepared_by": "Prepared by",
        # the continuity line: "SITREP 14 · Supersedes SITREP 13 of 16/11/2026 · Next issue: …"
        "supersedes": "Supersedes {serial}",
        "supersedes_dated": "Supersedes {serial} of {date}",
        "next_issue": "Next issue: {when}",
        "utc": "{moment} UTC",
        # the box `render --changes-since` adds after the BLUF
        "changes": "Changes since the last brief",
        "change.event_added": "New event",
        "change.event_removed": "Event removed",
        "change.event_changed": "Event updated",
        "change.judgment_added": "New key judgment",
        "change.judgment_removed": "Key judgment withdrawn",
        "change.judgment_changed": "Key judgment revised",
        "change.source_added": "New source",
        "change.source_dropped": "Source dropped",
        "change.moved": "{old} → {new}",
        "change.confidence": "{level} confidence",
        "change.none": "not stated",
        "change.nothing": "No events, key judgments or sources changed.",
        # a draft's stamp: the watermark and the masthead's "DRAFT v0.3"
        "draft": "DRAFT",
        "draft_version": "DRAFT v{version}",
        "content_status.draft": "Draft",  # a DOCX file's "Status" property
        "version": "v{version}",
        # section headings
        "what": "What happened?",
        "assessment": "Assessment",
        "key_judgments": "Key judgments",
        "quotes": "Quotes",
        "recommendations": "Recommendations",
        "attachments": "Attachments",
        "attachments_embedded": "Embedded in this PDF as file attachments.",
        "bibliography": "Sources",
        "source_table": "Source grading",
        "notes": "Notes",
        # a footnote longer than a page runs on in the notes at the end (PDF only)
        "note_continued": "continued",
        "note_continued_on": "continued on page",
        # the key-judgment table
        "judgment": "Judgment",
        "likelihood": "Likelihood",
        "confidence": "Confidence",
        "judgments_note": (
            "Likelihood terms and ranges follow {scale}; confidence reflects the quality of the "
            "sources and reasoning."
        ),
        "basis": "Basis:",
        "likelihood.almost no chance": "Almost no chance",
        "likelihood.very unlikely": "Very unlikely",
        "likelihood.unlikely": "Unlikely",
        "likelihood.roughly even chance": "Roughly even chance",
        "likelihood.likely": "Likely",
        "likelihood.very likely": "Very likely",
        "likelihood.almost certain": "Almost certain",
        # the PHIA and NATO scales' own terms (the shared ones are above)
        "likelihood.remote chance": "Remote chance",
        "likelihood.highly unlikely": "Highly unlikely",
        "likelihood.realistic possibility": "Realistic possibility",
        "likelihood.highly likely": "Highly likely",
        "likelihood.even chance": "Even chance",
        "range": "{low}–{high}%",
        "confidence.High": "High",
        "confidence.Moderate": "Moderate",
        "confidence.Low": "Low",
        # the source table
        "grade": "Grade",
        "source": "Source",
        "reliability_credibility": "Reliability / credibility",
        "grade_meaning": "{reliability}; {credibility}",
        "not_graded": "Not graded",
        "no_grade": "–",
        # the Admiralty code's meanings, as resolve gives them (sitrep.resolve.chicago)
        "reliability.A": "Completely reliable",
        "reliability.B": "Usually reliable",
        "reliability.C": "Fairly reliable",
        "reliability.D": "Not usually reliable",
        "reliability.E": "Unreliable",
        "reliability.F": "Reliability cannot be judged",
        "credibility.1": "Confirmed by other sources",
        "credibility.2": "Probably true",
        "credibility.3": "Possibly true",
        "credibility.4": "Doubtful",
        "credibility.5": "Improbable",
        "credibility.6": "Truth cannot be judged",
        # figures and quotes
        "figure": "Figure {number}",
        "caption_separator": ": ",
        "credit": "({credit})",
        "attribution": "— {who}",
        # tradecraft (docs/tradecraft.md)
        "bluf": "Bottom line up front",
        "outlook": "Outlook",
        "indicators": "Indicators",
        "indicator": "Indicator",
        "scenario": "Scenario",
        "indicator_status": "Status",
        "indicator_scenario": " (scenario: {scenario})",
        "status.observed": "Observed",
        "status.partly": "Partly observed",
        "status.not observed": "Not observed",
        "assumptions": "Key assumptions",
        "gaps": "Intelligence gaps",
        "source_summary": "Source summary",
        # the page frame: "Page 2 of 5"
        "page": "Page {page} of {pages}",
    }
)

# How a packaged layout words a heading when it differs from the catalogue; "" leaves it out.
LAYOUT_WORDING: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "analysis": {
            "what": "Timeline",
            "assessment": "Conclusion",
            "quotes": "",
            "bibliography": "Bibliography",
        },
        "article": {
            "what": "What happened",
            "assessment": "Analysis",
            "quotes": "",
            "recommendations": "What to watch",
        },
    }
)

_MEANINGS: Mapping[str, str] = MappingProxyType(
    {text: key for key, text in ENGLISH.items() if key.startswith(("reliability.", "credibility."))}
)
"""The key of each Admiralty meaning, by its English text."""

_RANGE = re.compile(r"^0*(\d+)\s*-\s*0*(\d+)%$")
_BOUND = re.compile(r"^([≤≥<>])\s*0*(\d+)\s*%$")


LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The packaged catalogs: `<lang>.po` sources and the `<lang>.mo` files compiled from them."""

_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def base_language(tag: str) -> str:
    """The language of a tag, lower-cased: "nl" for "nl-BE", "de" for "de_AT"."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].casefold()


def catalog_languages(house: Path | None = None) -> frozenset[str]:
    """The languages with a catalog: the packaged ones and a house style's own."""
    folders = [LOCALE_DIR] + ([house / "locale"] if house is not None else [])
    return frozenset(
        path.stem.casefold()
        for folder in folders
        if folder.is_dir()
        for path in folder.glob("*.po")
    )


def house_folder(template: str | Path | None) -> Path | None:
    """Where a house style's `locale/` folder is looked for: the `--template` folder, or the
    folder holding a `--template` Word file; None for a layout name or no template."""
    if template is None:
        return None
    path = Path(template)
    if path.is_dir():
        return path.resolve()
    if path.suffix.casefold() == ".docx" and path.is_file():
        return path.resolve().parent
    return None


def missing_catalog_warning(language: str, house: Path | None = None) -> str | None:
    """The one warning for a brief whose language has no catalog; None when it has one."""
    folders = [LOCALE_DIR] + ([house / "locale"] if house is not None else [])
    if any(_catalog_file(folder, language) is not None for folder in folders):
        return None
    known = ", ".join(sorted(catalog_languages(house)))
    return (
        f"no labels for language {language!r} (catalogs: {known}); headings and other fixed "
        "words are printed in English (docs/localization.md shows how to add a language)"
    )


_SOURCE = ("sitrep:source", "sha256")
"""The message in which hatch_build.py records the digest of the .po a .mo was compiled from."""


def _translations_file(path: Path) -> NullTranslations:
    """A catalog as gettext translations: the compiled .mo next to the .po when it was compiled
    from this very .po, else the .po compiled in memory (an edited checkout, a house style)."""
    import gettext
    import hashlib

    compiled = path.with_suffix(".mo")
    if compiled.is_file():
        with compiled.open("rb") as mo:
            translations = gettext.GNUTranslations(mo)
        if translations.pgettext(*_SOURCE) == hashlib.sha256(path.read_bytes()).hexdigest():
            return translations
    return gettext.GNUTranslations(_compile(path))


_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)


def _check_po_syntax(text: str) -> None:
    """ValueError naming the first line that is neither blank, a comment nor a keyword with one
    well-quoted string: Babel's reader would otherwise guess at such a line silently."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _PO_LINE.fullmatch(stripped) is None:
            raise ValueError(f"line {number}: expected a keyword and a quoted string, got {line!r}")


def _compile(path: Path) -> BytesIO:
    """The .po file compiled to .mo bytes; a broken file or a placeholder the English text does
    not have is an error naming the file, the line and the message."""
    from io import BytesIO

    from babel.messages.pofile import PoFileError, read_po

    try:
        source = path.read_bytes()
        _check_po_syntax(source.decode("utf-8"))
        catalog = read_po(BytesIO(source), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, OSError, ValueError) as error:
        raise RenderError(f"{path}: not a readable gettext catalog ({error})") from None
    for message in catalog:
        if not message.id or not isinstance(message.string, str) or not message.string:
            continue
        problem = placeholder_problem(str(message.id), message.string)
        if problem is not None:
            raise RenderError(
                f"{path}, line {message.lineno}: the translation of {message.context!r} "
                f"{problem}, as in {message.id!r}"
            )
    return BytesIO(_mo_bytes(catalog))


def _mo_bytes(catalog: Catalog) -> bytes:
    """The catalog as .mo bytes, as Babel's write_mo makes them but in linear time: write_mo
    grows two bytes objects with `+=`, which takes minutes for a catalog of 200,000 messages."""
    import array
    import struct

    charset = catalog.charset
    messages = list(catalog)
    messages[1:] = [m for m in messages[1:] if m.string and not m.fuzzy]
    messages.sort()
    ids: list[bytes] = []
    strs: list[bytes] = []
    offsets: list[tuple[int, int, int, int]] = []
    ids_size = strs_size = 0
    for message in messages:
        if message.pluralizable:
            msgid = b"\x00".join(part.encode(charset) for part in message.id)
            strings = [
                string or message.id[min(index, 1)]
                for index, string in enumerate(message.string or ())
            ]
            msgstr = b"\x00".join(string.encode(charset) for string in strings)
        else:
            msgid = str(message.id).encode(charset)
            msgstr = str(message.string).encode(charset)
        if message.context:
            msgid = message.context.encode(charset) + b"\x04" + msgid
        offsets.append((ids_size, len(msgid), strs_size, len(msgstr)))
        ids.append(msgid + b"\x00")
        strs.append(msgstr + b"\x00")
        ids_size += len(msgid) + 1
        strs_size += len(msgstr) + 1
    key_start = 7 * 4 + 16 * len(messages)
    value_start = key_start + ids_size
    table: list[int] = []
    for id_offset, id_length, _, _ in offsets:
        table += [id_length, id_offset + key_start]
    for _, _, str_offset, str_length in offsets:
        table += [str_length, str_offset + value_start]
    header = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(messages), 7 * 4, 7 * 4 + len(messages) * 8, 0, 0
    )
    return b"".join([header, array.array("i", table).tobytes(), *ids, *strs])


def _fields(text: str) -> list[tuple[str, str | None, str, str | None]]:
    """The literal text and replacement fields of a str.format pattern; ValueError when a brace
    is unbalanced."""
    import string

    return [
        (literal, name, spec or "", conversion)
        for literal, name, spec, conversion in string.Formatter().parse(text)
    ]


def placeholder_problem(english: str, translation: str) -> str | None:
    """What is wrong with the placeholders of a translation, or None: every field must be a plain
    `{name}` of the English text, with its format spec, no conversion, no attribute or index."""
    allowed = {(name, spec) for _, name, spec, _ in _fields(english) if name is not None}
    expected = (
        ", ".join("{" + name + (":" + spec if spec else "") + "}" for name, spec in sorted(allowed))
        or "no placeholders"
    )
    try:
        fields = _fields(translation)
    except ValueError as error:
        return f"has an unbalanced brace ({error}); expected {expected}"
    found: set[tuple[str, str]] = set()
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        shown = (
            "{"
            + name
            + ("!" + conversion if conversion else "")
            + (":" + spec if spec else "")
            + "}"
        )
        if conversion is not None or (name, spec) not in allowed:
            return f"has the placeholder {shown!r}; expected {expected}"
        if (name, spec) in found:  # a page counter or a Word field can print each only once
            return f"has {shown!r} twice; expected {expected} once each"
        found.add((name, spec))
    if found != allowed:
        missing = ", ".join("{" + name + "}" for name, _ in sorted(allowed - found))
        return f"lacks {missing}; expected {expected}"
    return None


def safe_format(pattern: str, values: Mapping[str, object]) -> str:
    """str.format for a checked catalog pattern that looks up plain names only: never an
    attribute or an index of a value, whatever the pattern says."""
    out: list[str] = []
    for literal, name, spec, conversion in _fields(pattern):
        out.append(literal)
        if name is None:
            continue
        if conversion is not None or name not in values:
            raise RenderError(f"the label {pattern!r} has an unknown placeholder {name!r}")
        out.append(format(values[name], spec))
    return "".join(out)


@lru_cache(maxsize=32)
def _cached_translations(path: Path, mtime: float) -> NullTranslations:
    return _translations_file(path)


def _catalog_file(folder: Path, language: str) -> Path | None:
    """`nl-BE.po` for the tag nl-BE if the folder has one, else `nl.po`, else None."""
    for name in dict.fromkeys((language, base_language(language))):
        if not _TAG.fullmatch(name):  # a language tag, never a path
            continue
        path = folder / f"{name}.po"
        if path.is_file():
            return path
    return None


def _translations(language: str, house: Path | None) -> NullTranslations | None:
    """The house style's catalog, falling back to the packaged one, for a language; None when
    neither has the language."""
    packaged_file = _catalog_file(LOCALE_DIR, language)
    packaged = (
        _cached_translations(packaged_file, packaged_file.stat().st_mtime)
        if packaged_file is not None
        else None
    )
    house_file = _catalog_file(house / "locale", language) if house is not None else None
    if house_file is None:
        return packaged
    own = _translations_file(house_file)  # a fresh object: the cached packaged one stays as is
    if packaged is not None:
        own.add_fallback(packaged)
    return own


def _catalog(language: str, layout: str, house: Path | None) -> dict[str, str]:
    """Every message of a layout in a language; a message without a translation is English."""
    translations = _translations(language, house)
    english = dict(ENGLISH)
    wording = LAYOUT_WORDING.get(layout, {})
    if translations is None:
        return english | dict(wording)
    messages = {key: translations.pgettext(key, text) for key, text in english.items()}
    for key, text in wording.items():
        messages[key] = translations.pgettext(f"{layout}:{key}", text) if text else ""
    return messages


class Labels:
    """The words of one layout in one language: `labels["assessment"]`, `labels.figure(1)`."""

    def __init__(
        self, language: str = "en", layout: str = "intel-brief", house: Path | None = None
    ) -> None:
        self.language = language
        self.layout = layout
        self.quote_marks: Quotes = quotes_for(language)
        self._messages = _catalog(language, layout, house)

    def __getitem__(self, key: str) -> str:
        return self._messages[key]

    def __getattr__(self, key: str) -> str:
        # templates write labels.key_judgments; a missing key is an error, never blank output
        try:
            return self._messages[key]
        except KeyError:
            raise AttributeError(f"no label {key!r} in the catalogue") from None

    def messages(self) -> dict[str, str]:
        """Every message of this layout and language, for a template that looks them up."""
        return dict(self._messages)

    def format(self, key: str, **values: object) -> str:
        return safe_format(self._messages[key], values)

    def names(self, names: list[str]) -> str:
        """ "A", "A and B", "A, B and C"."""
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + self["and"] + names[-1]

    def byline(self, authors: list[str], organisation: str | None) -> str:
        """ "By A and B, Organisation"; just the organisation when there are no authors."""
        if not authors:
            return organisation or ""
        line = self.format("by", names=self.names(authors))
        return f"{line}, {organisation}" if organisation else line

    def fact(self, label: str) -> str:
        """A fact's label as printed before its value: "Date:"."""
        return self.format("fact", label=label)

    def separated(self, parts: list[str]) -> str:
        """The non-empty parts joined by " · "."""
        return self["separator"].join(part for part in parts if part)

    def coordinates(self, lat: float, lon: float) -> str:
        """ "51.88° N, 128.33° E"; "51,88° N" in a language with a decimal comma."""
        from sitrep.localize import format_number  # Babel, imported on first use

        return self.format(
            "coordinates",
            lat=format_number(abs(lat), self.language, 2),
            lon=format_number(abs(lon), self.language, 2),
            north_south=self["north" if lat >= 0 else "south"],
            east_west=self["east" if lon >= 0 else "west"],
        )

    def kicker(self, organisation: str | None) -> str:
        word = self._messages.get(f"kicker.{self.layout}", "")
        return " · ".join(part for part in (organisation, word) if part)

    def likelihood_term(self, likelihood: Likelihood) -> str:
        """The term as a heading word ("Very likely"), on whichever scale the brief uses."""
        key = f"likelihood.{likelihood.value}"
        return (
            self[key]
            if key in self._messages
            else likelihood.value[:1].upper() + (likelihood.value[1:])
        )

    def likelihood_range(self, likelihood: Likelihood) -> str:
        """The scale's range with an en dash and no leading zeros: "80–95%", "1–5%"."""
        match = _RANGE.match(likelihood.probability)
        bound = _BOUND.match(likelihood.probability)
        if match is None and bound is not None:  # "≥95%": the percent sign as the range has it
            texts, names = self._between_fields("range")
            after_high = texts[names.index("high") + 1] if "high" in names else ""
            if after_high.strip() == "%":
                return f"{bound.group(1)}{int(bound.group(2))}{after_high}"
        if match is None:  # a range a scale writes its own way
            return likelihood.probability.replace("-", "–")
        return self.format("range", low=int(match.group(1)), high=int(match.group(2)))

    def odds(self, likelihood: Likelihood) -> str:
        """A scenario's likelihood after its name: "Likely (55–80%)"."""
        return f"{self.likelihood_term(likelihood)} ({self.likelihood_range(likelihood)})"

    def judgments_note(self, scale: str) -> str:
        return self.format("judgments_note", scale=scale)

    def confidence_level(self, confidence: Confidence) -> str:
        return self[f"confidence.{confidence.value}"]

    def status(self, status: IndicatorStatus) -> str:
        """An indicator's status as printed: "Partly observed"."""
        return self[f"status.{status.value}"]

    def _between_fields(self, key: str) -> tuple[list[str], list[str]]:
        """The texts around a label's placeholders, braces unescaped, and the placeholders'
        names in the order the label writes them: "Page {page} of {pages}" gives
        (["Page ", " of ", ""], ["page", "pages"])."""
        texts, names, current = [], [], ""
        for literal, name, _, _ in _fields(self[key]):
            current += literal
            if name is not None:
                texts.append(current)
                names.append(name)
                current = ""
        return [*texts, current], names

    def page_parts(self) -> tuple[str, str, str]:
        """The words around the page numbers, "Page ", " of " and "", for a page counter; the
        numbers go in the order of `page_order()`."""
        texts, _ = self._between_fields("page")
        return texts[0], texts[1], texts[2]

    def page_order(self) -> tuple[str, str]:
        """("page", "pages"), or ("pages", "page") for a language that names the total first."""
        _, names = self._between_fields("page")
        return names[0], names[1]

    def figure(self, number: int) -> str:
        """ "Figure 3"."""
        return self.format("figure", number=number)

    def figure_parts(self, number: int) -> tuple[str, str]:
        """The words before and after the number, "Figure " and ": ", for a Word SEQ field."""
        texts, _ = self._between_fields("figure")
        return texts[0], texts[1] + self["caption_separator"]

    def grade_meaning(self, reliability: str, credibility: str) -> str:
        """ "Usually reliable; probably true": the English meanings resolve gives a grade, in
        this language (an unknown meaning is printed as given)."""
        if not reliability and not credibility:
            return self["not_graded"]
        reliability = self._messages.get(_MEANINGS.get(reliability, ""), reliability)
        credibility = self._messages.get(_MEANINGS.get(credibility, ""), credibility)
        return self.format(
            "grade_meaning",
            reliability=reliability,
            credibility=credibility[:1].lower() + credibility[1:],
        )

    def open_quote(self) -> str:
        return self.quote_marks[0]

    def close_quote(self) -> str:
        return self.quote_marks[1]


def labels_for(language: str, layout: str, house: Path | None = None) -> Labels:
    """The labels every writer uses for a brief: its `language`, its layout and the house
    style's own catalogs (`house_folder(options.template)`), if any."""
    if house is None:
        return _labels(language, layout, None, 0.0)
    changed = max((path.stat().st_mtime for path in (house / "locale").glob("*.po")), default=0.0)
    return _labels(language, layout, house, changed)


@lru_cache(maxsize=64)
def _labels(language: str, layout: str, house: Path | None, changed: float) -> Labels:
    return Labels(language, layout, house)
