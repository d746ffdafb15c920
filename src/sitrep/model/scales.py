"""Estimative-language scales: the words an analyst may use for likelihood, with their ranges.

Three published yardsticks are built in (docs/tradecraft.md says how each was checked):

- `icd203`: US ODNI Intelligence Community Directive 203, *Analytic Standards* (2 January
  2015), section D.6.e.(2)(a): seven terms, each with a synonym row ("improbable
  (improbably)", "probable (probably)", "almost certain(ly)").
- `phia`: the UK Professional Head of Intelligence Assessment (PHIA) probability yardstick, as
  published in *Explaining Uncertainty in UK Intelligence Assessment* (Cabinet Office, 24 March
  2025): seven approximate ranges with deliberate gaps between them.
- `nato`: NATO AJP-2.1, *Allied Joint Doctrine for Intelligence Procedures*, Edition B (2016):
  five terms. Not checked against the published text (see docs/tradecraft.md).

A word from one scale used in a brief written on another is refused with the nearest term of the
brief's own scale as a suggestion, so analysts moving between yardsticks are helped, not turned
away.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

__all__ = [
    "SCALES",
    "EstimativeScale",
    "ScaleName",
    "ScaleTerm",
    "find_terms",
    "fold_text",
    "lookalikes",
    "normalise_term",
]


class ScaleName(StrEnum):
    """The estimative-language yardstick a brief follows."""

    ICD203 = "icd203"
    PHIA = "phia"
    NATO = "nato"

    @classmethod
    def _missing_(cls, value: object) -> ScaleName | None:
        """A scale named as it is printed or typed: "PHIA", "ICD 203", "ICD-203", "NATO"."""
        if not isinstance(value, str):
            return None
        key = "".join(ch for ch in value.casefold() if ch.isalnum())
        return next((name for name in cls if name.value == key), None)

    @property
    def label(self) -> str:
        """How the scale is named in print: "ICD 203"."""
        return {"icd203": "ICD 203", "phia": "PHIA", "nato": "NATO AJP-2.1"}[self.value]


@dataclass(frozen=True, slots=True)
class ScaleTerm:
    """One term of a scale with its probability range in percent (inclusive)."""

    term: str
    low: int
    high: int
    synonyms: tuple[str, ...] = ()

    @property
    def probability(self) -> str:
        """The range as printed, such as "55-80%", "≤5%" or "≥95%"."""
        if self.low == 0:
            return f"≤{self.high}%" if self.high < 10 else f"<{self.high}%"
        if self.high == 100:
            return f"≥{self.low}%" if self.low > 90 else f">{self.low}%"
        return f"{self.low:02d}-{self.high:02d}%"

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True, slots=True)
class EstimativeScale:
    """A published yardstick: its terms from least to most likely."""

    name: ScaleName
    source: str
    terms: tuple[ScaleTerm, ...]

    @property
    def words(self) -> dict[str, ScaleTerm]:
        """Every accepted spelling (terms and synonyms) mapped to its term."""
        return _words(self.name)

    def lookup(self, word: str) -> ScaleTerm | None:
        """The term a word stands for on this scale, or None."""
        return self.words.get(normalise_term(word))

    def nearest(self, term: ScaleTerm) -> ScaleTerm:
        """The term of this scale whose range is closest to another scale's term."""
        return min(self.terms, key=lambda own: abs(own.middle - term.middle))

    def listing(self) -> str:
        return ", ".join(t.term for t in self.terms)


def normalise_term(word: str) -> str:
    """Lower case, single spaces, no underscores or hyphens: "Highly-Likely" -> "highly likely"."""
    return " ".join(fold_text(word).replace("_", " ").replace("-", " ").split())


# Characters that hide a word from a plain match: invisible ones (a soft hyphen, zero-width
# joiners, a byte-order mark) and letters of other scripts that look like Latin ones (Unicode's
# confusables.txt, the letters that matter for English estimative words). NFKC handles the
# rest (full-width letters, ligatures, non-breaking spaces).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HYPHENS = {"\u2010": "-", "\u2011": "-"}
_LOOKALIKE_LETTERS = {
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k",
    "ӏ": "l", "м": "m", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "х": "x",
    "ԝ": "w", "ү": "y", "ѵ": "v",
    # Greek
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "ν": "v",
    "χ": "x", "γ": "y",
    # Latin small capitals and other lookalikes
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i",
    "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s",
    "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ℓ": "l",
}  # fmt: skip
_FOLD = str.maketrans({**dict.fromkeys(_INVISIBLE, ""), **_HYPHENS, **_LOOKALIKE_LETTERS})


def fold_text(text: str) -> str:
    """`text` as a term match sees it: NFKC, case folded, invisible characters removed,
    typographic hyphens made plain and lookalike letters of other scripts made Latin
    ("hіghly" with a Cyrillic і is "highly")."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return unicodedata.normalize("NFKC", folded)


def lookalikes(text: str) -> list[str]:
    """The invisible characters and lookalike letters in `text`, each named as Unicode does:
    "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"."""
    found: list[str] = []
    for char in dict.fromkeys(text):
        if char in _INVISIBLE or char.casefold().translate(_FOLD) in _LOOKALIKE_LETTERS.values():
            if char.isascii():
                continue
            found.append(f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}")
    return found


SCALES: dict[ScaleName, EstimativeScale] = {
    ScaleName.ICD203: EstimativeScale(
        ScaleName.ICD203,
        "ICD 203 (2 January 2015), D.6.e.(2)(a)",
        (
            ScaleTerm("almost no chance", 1, 5, ("remote",)),
            ScaleTerm("very unlikely", 5, 20, ("highly improbable",)),
            ScaleTerm("unlikely", 20, 45, ("improbable", "improbably")),
            ScaleTerm("roughly even chance", 45, 55, ("roughly even odds",)),
            ScaleTerm("likely", 55, 80, ("probable", "probably")),
            ScaleTerm("very likely", 80, 95, ("highly probable",)),
            ScaleTerm("almost certain", 95, 99, ("nearly certain", "almost certainly")),
        ),
    ),
    ScaleName.PHIA: EstimativeScale(
        ScaleName.PHIA,
        "PHIA probability yardstick, Explaining Uncertainty in UK Intelligence Assessment (2025)",
        (
            ScaleTerm("remote chance", 0, 5),
            ScaleTerm("highly unlikely", 10, 20),
            ScaleTerm("unlikely", 25, 35),
            ScaleTerm("realistic possibility", 40, 50),
            ScaleTerm("likely", 55, 75, ("probable", "probably")),
            ScaleTerm("highly likely", 80, 90),
            ScaleTerm("almost certain", 95, 100, ("almost certainly",)),
        ),
    ),
    ScaleName.NATO: EstimativeScale(
        ScaleName.NATO,
        "NATO AJP-2.1 Edition B (2016)",
        (
            ScaleTerm("highly unlikely", 0, 10),
            ScaleTerm("unlikely", 10, 40),
            ScaleTerm("even chance", 40, 60),
            ScaleTerm("likely", 60, 90),
            ScaleTerm("highly likely", 90, 100),
        ),
    ),
}


@cache
def _words(name: ScaleName) -> dict[str, ScaleTerm]:
    words: dict[str, ScaleTerm] = {}
    for term in SCALES[name].terms:
        words[term.term] = term
        for synonym in term.synonyms:
            words[synonym] = term
    return words


# Words that are estimative only in context: "remote" is an ICD 203 synonym but also "a remote
# village"; it is accepted in a likelihood field but not hunted for in prose.
_PROSE_EXCLUDED = frozenset({"remote"})


@cache
def _prose_pattern() -> re.Pattern[str]:
    words = {w for name in ScaleName for w in _words(name)} - _PROSE_EXCLUDED
    alternatives = "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_terms(text: str) -> list[tuple[int, int, str]]:
    """Estimative words of any scale in prose: (start, end, normalised word), longest first.

    The text is folded first (`fold_text`), so lookalike letters and invisible characters do
    not hide a word; start and end are offsets in the folded text. A zero-width space is read
    both as nothing and as a space, since it sits inside words as well as between them.
    """
    pattern = _prose_pattern()
    folded = fold_text(text)
    found = [(m.start(), m.end(), normalise_term(m.group())) for m in pattern.finditer(folded)]
    if "\u200b" in text:
        seen = [word for _, _, word in found]
        spaced = fold_text(text.replace("\u200b", " "))
        for m in pattern.finditer(spaced):
            word = normalise_term(m.group())
            if word in seen:
                seen.remove(word)
            else:
                found.append((m.start(), m.end(), word))
    return found


def scales_using(word: str) -> list[ScaleName]:
    """The scales on which a word is a term."""
    return [name for name in ScaleName if word in _words(name)]
