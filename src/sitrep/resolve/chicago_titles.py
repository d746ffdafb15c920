"""Titles in Chicago style: headline-style capitals (CMOS 8.159); short titles (14.30) are in
`chicago_short_titles`.

Headline style comes from the `titlecase` package (a port of John Gruber's titlecase.pl), which
already keeps acronyms ("NATO"), words with internal capitals ("iPhone"), URLs and "U.S." as
typed. Where it differs from Chicago, sitrep corrects it:

- Chicago lowercases every preposition, whatever its length ("with", "from", "after",
  "without"), unless it is the first or last word or starts a subtitle; `titlecase` lowercases
  only a few short ones.
- A hyphenated word typed with a capital ("Jong-un", "Al-Qaeda") is a name and stays as typed;
  `titlecase` would print "Jong-Un".
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "CONJUNCTIONS",
    "NAME_PARTICLES",
    "PREPOSITIONS",
    "SMALL_WORDS",
    "headline",
    "word_core",
]

PREPOSITIONS = frozenset(
    {
        "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as",
        "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
        "by", "despite", "down", "during", "except", "for", "from", "in", "inside", "into",
        "like", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "per",
        "since", "than", "through", "throughout", "till", "to", "toward", "towards", "under",
        "underneath", "until", "unto", "upon", "v", "via", "versus", "vs", "with", "within",
        "without",
    }
)  # fmt: skip
ARTICLES = frozenset({"a", "an", "the"})
CONJUNCTIONS = frozenset({"and", "but", "for", "nor", "or", "so", "yet"})
SMALL_WORDS = PREPOSITIONS | ARTICLES | CONJUNCTIONS
"""Words that Chicago lowercases inside a headline-style title and that a short title never
ends on (CMOS 8.159, 14.30)."""

_LOWER_IN_HEADLINE = (PREPOSITIONS | ARTICLES | {"and", "but", "for", "nor", "or"}) - {
    "down", "off", "out", "past", "since", "until", "till", "near", "over", "up",
}  # fmt: skip
"""Lowercased in the middle of a title. Words that are as often adverbs or adjectives ("Down",
"Out", "Over", "Past", "Near") keep the capital titlecase gives them: Chicago capitalises them
when they are not prepositions ("Keeps Up with English"), and a capital is the safer guess.
"Like" is far more often the preposition in a title ("A Day like Any Other") and is lowercased."""

_PREFIXES = frozenset(
    {"ante", "anti", "bi", "co", "counter", "de", "extra", "hyper", "infra", "inter", "intra",
     "macro", "micro", "mid", "mini", "multi", "neo", "non", "post", "pre", "pro", "proto",
     "pseudo", "re", "semi", "sub", "super", "supra", "trans", "tri", "ultra", "un"}
)  # fmt: skip
"""Prefixes that cannot stand alone (CMOS 7.89): after one, the second element of a hyphenated
compound is lowercased unless typed with a capital, a proper noun ("Anti-intellectual",
"Non-state", "Anti-American"; 8.161 rule 3)."""

_ADVERB_TAILS = frozenset(
    {"about", "around", "away", "back", "by", "down", "in", "off", "on", "out", "over", "up"}
)  # fmt: skip
"""Second elements of phrasal compounds ("Follow-Up", "Check-In", "Spin-Off"): capitalised
however the first element was typed, so "follow-up" and "Follow-up" give the same title."""

_LOWER_IN_COMPOUND = ARTICLES | {"and", "but", "nor", "or", "of", "to", "as", "at", "for"}
"""Elements after the first that stay lower case ("Out-of-Fashion", "Run-of-the-Mill")."""

_HYPHENNAME_PARTICLES = frozenset(
    {"ad", "al", "an", "ar", "as", "ash", "at", "az", "bin", "ibn", "el", "ul", "ud", "ur", "da",
     "de", "di", "du", "la", "le"}
)  # fmt: skip
"""Lower-case particles joined to a capitalised name by a hyphen ("Bab el-Mandeb", "al-Qaeda",
"Abd ul-Aziz"): such a word is a name and stays as typed (CMOS 8.5)."""

_DOTTED_INITIALS = re.compile(r"^[\"'“‘(]*(?:[a-z]\.){2,}[\"'”’),;:?!]*$")
_LOWER_ABBREVIATIONS = frozenset({"a.m", "p.m", "e.g", "i.e"})  # as word_core gives them
_STARTS_SUBTITLE = re.compile(r"[:?!—–]$|\s[-–—]$")
_WORD_CORE = re.compile(r"^[\"'“‘(\[]*(.*?)[\"'”’)\],;.:?!]*$")


def _is_name(word: str) -> bool:
    """A hyphenated word typed with a capital whose first element is a word: "Jong-un",
    "Al-Shabaab"; not "F-bomb" (8.161 capitalises that as "F-Bomb"), not "U.K.-flagged", not a
    compound whose second element is an adverb ("Follow-up")."""
    core = word.strip("\"'“‘”’(),;:.?!")
    head, hyphen, tail = core.partition("-")
    return (
        bool(hyphen)
        and len(head) > 1
        and head[:1].isupper()
        and head.isalpha()
        and head.casefold() not in _PREFIXES
        and tail.split("-")[0].casefold() not in _ADVERB_TAILS
    )


def _upper_first(word: str) -> str:
    body = word.lstrip(_OPENING)
    cut = len(word) - len(body)
    return word[:cut] + body[:1].upper() + body[1:]


def _hyphenated(typed: str, cased: str, first: bool) -> str | None:
    """A hyphenated compound in headline style (CMOS 8.161), or None if `typed` is not one.

    The first element is capitalised; after a prefix that cannot stand alone the next element
    keeps its typed case ("Anti-intellectual", "Anti-American"); other elements are
    capitalised unless articles, conjunctions or "of"/"to" ("U.K.-Flagged", "Out-of-Fashion").
    A name joined by a particle ("Bab el-Mandeb") stays as typed."""
    elements, cased_elements = typed.split("-"), cased.split("-")
    if len(elements) < 2 or len(elements) != len(cased_elements):
        return None
    if not all(any(char.isalpha() for char in element) for element in elements):
        return None  # "2023-10-01", "-", "F-16": not a compound of words
    head = word_core(elements[0])
    if head in _HYPHENNAME_PARTICLES and elements[1][:1].isupper():
        return _upper_first(typed) if first else typed  # "el-Mandeb", "al-Qaeda"
    out = [_upper_first(cased_elements[0])]
    after_prefix = head in _PREFIXES
    for element in elements[1:]:
        if any(char.isupper() for char in element) or word_core(element) in _LOWER_IN_COMPOUND:
            out.append(element)  # typed with a capital: a proper noun or typed so ("NATO")
        elif after_prefix:
            out.append(element)
        else:
            out.append(_upper_first(element))
        after_prefix = False
    return "-".join(out)


NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "des", "di", "dos", "du", "ibn", "la",
     "le", "ten", "ter", "van", "von", "zu"}
)  # fmt: skip
"""Name particles typed in lower case; before a name they stay lower case (CMOS 8.5)."""


def _next_is_name(typed: list[str], index: int) -> bool:
    """The words after `index` reach a capitalised word through particles only."""
    for word in typed[index + 1 :]:
        if word in NAME_PARTICLES:
            continue
        return word[:1].isupper()
    return False


def word_core(word: str) -> str:
    """A word without the quotes and punctuation around it, in lower case: what the word lists
    are matched against."""
    match = _WORD_CORE.match(word)
    return (match.group(1) if match else word).casefold()


_OPENING = "\"'“‘(["


def _capital_inside_quotes(word: str, edge: bool) -> str:
    """titlecase leaves a word after an opening curly quote alone (‘faithfully’): capitalise it
    unless it is a small word in the middle of the title."""
    body = word.lstrip(_OPENING)
    if body == word or not body[:1].islower() or any(c in body for c in "./@"):
        return word
    if not edge and word_core(body) in _LOWER_IN_HEADLINE:
        return word
    if any(char.isupper() for char in body):
        return word  # "‘iPhone’"
    return word[: len(word) - len(body)] + body[:1].upper() + body[1:]


@lru_cache(maxsize=4096)
def headline(title: str) -> str:
    """Headline-style capitals for an English title (CMOS 8.159).

    "the bad guys are winning" -> "The Bad Guys Are Winning"; "a timeline of kim jong-un's
    relations with russia" keeps "Jong-un" when typed so and lowercases "of" and "with".
    """
    from titlecase import titlecase

    if not title.strip() or title.isupper():
        return title  # typed in capitals: acronyms cannot be told from shouting, keep it
    typed = title.split(" ")
    cased = titlecase(title).split(" ")
    if len(cased) != len(typed):  # titlecase changed the spacing: keep its result unaltered
        return " ".join(cased)
    last = max((i for i, word in enumerate(typed) if word), default=0)
    out: list[str] = []
    for index, (before, after) in enumerate(zip(typed, cased, strict=True)):
        first = index == 0 or bool(_STARTS_SUBTITLE.search(" ".join(typed[:index]).rstrip()))
        if (
            not first
            and index != last
            and word_core(after) in _LOWER_IN_HEADLINE
            and not any(char.isupper() for char in before)
        ):
            after = after.lower()
        elif not first and _is_name(before):
            after = before  # mid-title, only a name is typed with a capital: keep it
        elif "-" in before and (compound := _hyphenated(before, after, first)) is not None:
            after = compound
        elif _DOTTED_INITIALS.match(before) and word_core(before) not in _LOWER_ABBREVIATIONS:
            after = before.upper()  # "u.s." typed in lower case: an abbreviation, "U.S."
        elif not first and before in NAME_PARTICLES and _next_is_name(typed, index):
            after = before  # "President von der Leyen", "Vincent van Gogh"
        else:
            after = _capital_inside_quotes(after, first or index == last)
        out.append(after)
    return " ".join(out)
