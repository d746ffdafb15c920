"""Short titles in Chicago style (CMOS 14.30): the key words of a title, at most four, for the
short form of a note. Read by the small words of the title's language (English, Dutch, German,
French); headline-style capitals are `chicago_titles`' part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.resolve.chicago_titles import ARTICLES, CONJUNCTIONS, PREPOSITIONS, word_core

__all__ = ["longer_short_titles", "short_title"]


_MAIN_TITLE = re.compile(r"^(.+?)(?::\s|(?<=[?!])\s)")
_GENERIC_HEADS = frozenset(
    {
        "analysis", "breaking", "commentary", "editorial", "exclusive", "explainer",
        "fact sheet", "factbox", "interview", "live", "opinion", "press release", "readout",
        "remarks", "statement", "transcript", "update", "video", "watch",
    }
)  # fmt: skip
"""A main title that only says what kind of text follows ("Transcript: Jake Sullivan on ...");
the short title then comes from the subtitle."""
_GENERIC_OF = frozenset(
    {"analysis", "anatomy", "case", "chronicle", "future", "history", "making", "origins",
     "politics", "remarks", "report", "review", "rise", "story", "study", "survey", "timeline"}
)  # fmt: skip
"""Heads that say only what kind of account follows: the short title of "The History of the
Peloponnesian War" is "Peloponnesian War"; "The Pirates of the Red Sea" keeps "Pirates"."""
_TRAILING = re.compile(r"[,;:]+([’'”\"]*)$")
_BREAKS_AFTER = re.compile(r"[,;:—–][’'”\"]*$")
_LIMIT = 4


_NUMBER_SIGNS = frozenset({"nr", "nr.", "no.", "nos.", "n°", "nº", "n.", "nummer", "#"})


def _numbers(word: str) -> bool:
    """ "Nr.", "No.", "n°": a sign that a number follows; a phrase never ends on one ("Bericht
    zur Lage Nr." would be a short title cut before its number)."""
    return word.casefold().strip("\"'“‘(") in _NUMBER_SIGNS


def _phrase_ends(words: list[str]) -> list[int]:
    """Word counts at which a phrase may end: before a small word or after a comma or dash."""
    ends = []
    for count in range(1, len(words) + 1):
        at_end = count == len(words)
        following = "" if at_end else words[count]
        before_small = not at_end and (
            word_core(following) in _words().small
            or word_core(following)[:1].isdigit()
            or _numbers(following)
        )
        after_break = bool(_BREAKS_AFTER.search(words[count - 1]))
        last = words[count - 1]
        if (at_end or before_small or after_break) and not (
            word_core(last) in _words().small or _numbers(last)
        ):
            ends.append(count)
    return ends


def _capitalised(word: str) -> bool:
    return word.lstrip("\"'“‘(")[:1].isupper()


def _whole_names(words: list[str]) -> int:
    """How many of the first four words to keep without cutting a name in two: in a title typed
    in sentence case, "Russia is using North Korean missiles" keeps "Russia is using"."""
    if not any(
        word.lstrip("\"'“‘(")[:1].islower() and word_core(word) not in _words().small
        for word in words
    ):
        return _LIMIT  # headline style as typed: names cannot be told apart
    count = _LIMIT
    while count > 1 and _capitalised(words[count - 1]) and _capitalised(words[count]):
        count -= 1
    return count


_QUESTION_WORDS = frozenset(
    {"how", "why", "what", "when", "where", "who", "whom", "whose", "which", "whether", "is",
     "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
     "shall", "has", "have", "had", "may", "might", "must"}
)  # fmt: skip
"""Words that open a question: alone they say nothing of the work ("Why", "Is"), so a short
title skips them for the key noun phrase that follows ("Why the Houthis are attacking ships"
-> "Houthis are attacking ships")."""


def _after_question(words: list[str]) -> list[str]:
    rest = list(words)
    while len(rest) > 1 and word_core(rest[0]) in _words().question | _words().articles:
        rest = rest[1:]
    return rest


def _after_possessive(words: list[str], end: int) -> list[str] | None:
    """The head of a phrase too long to keep: "Kim Jong-un's Red Sea Gambit" -> "Red Sea
    Gambit", what the possessive owns."""
    for index in range(end - 1, 0, -1):
        if re.search(r"['’]s?$", words[index - 1].rstrip("?!")) and end - index <= _LIMIT:
            return words[index:end]
    return None


def _key_words(title: str) -> str:
    words = title.split()
    while len(words) > 1 and word_core(words[0]) in _words().articles:
        words = words[1:]
    if len(words) <= _LIMIT:
        return " ".join(words)
    kept = _key_words_of(words)
    rest = _after_question(words)
    if len(kept.split()) == 1 and word_core(kept) in _words().question and rest != words:
        asked = _key_words(" ".join(rest)).split()
        while len(asked) > 1 and word_core(asked[-1]) in _words().small:
            asked.pop()  # "what the Houthis are fighting for" -> "Houthis are fighting"
        return " ".join(asked)
    return kept


def _key_words_of(words: list[str]) -> str:
    all_ends = _phrase_ends(words)
    ends = [count for count in all_ends if count <= _LIMIT]
    if not ends and all_ends:
        head = _after_possessive(words, all_ends[0])
        if head:
            return " ".join(head)
    if (
        ends == [1]
        and word_core(words[1]) in _words().prepositions
        and (word_core(words[1]) != "of" or word_core(words[0]) in _words().generic_of)
    ):
        # "Remarks on North Korean Munitions Shipments to Russia": the key words are the object
        # of the preposition, "North Korean Munitions Shipments"
        start = 2
        while start < len(words) and word_core(words[start]) in _words().articles:
            start += 1
        object_ends = [end - start for end in all_ends if end > start]
        if object_ends and 2 <= object_ends[0] <= _LIMIT:
            return " ".join(words[start : start + object_ends[0]])
    kept = words[: ends[-1]] if ends else words[: _whole_names(words)]
    while len(kept) > 1 and word_core(kept[-1]) in _words().small:
        kept.pop()
    return " ".join(kept)


def _without_names(text: str, names: tuple[str, ...]) -> str:
    """Drop the author's name from the start: "Jake Sullivan on the War in Ukraine" by Sullivan ->
    "the War in Ukraine"; a name followed by anything but a preposition is the subject and stays."""
    folded = text.casefold()
    for name in sorted(names, key=len, reverse=True):
        if name and folded.startswith(name.casefold() + " "):
            rest = text[len(name) :].split()
            if len(rest) < 2 or word_core(rest[0]) not in _words().prepositions:
                return text  # "Blinken Says Russia Is Losing" keeps its subject
            return " ".join(rest[1:])
    return text


_TOPIC = frozenset({"on", "about", "regarding", "concerning"})


@dataclass(frozen=True, slots=True)
class _TitleWords:
    """The small words of one language that a short title reads a title by (CMOS 14.30 in
    English; the same reading of key words for a title in another language)."""

    articles: frozenset[str]
    prepositions: frozenset[str]
    conjunctions: frozenset[str]
    question: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    generic_of: frozenset[str] = frozenset()
    topic: frozenset[str] = frozenset()
    speaker: frozenset[str] = frozenset()
    """Prepositions between a generic head and its speaker: "Statement by/from ..."."""
    small: frozenset[str] = field(init=False)
    """Articles, prepositions and conjunctions: what a short title never ends on. Made once
    here, since the phrase reading asks for it at every word."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "small", self.articles | self.prepositions | self.conjunctions)


_ENGLISH_WORDS = _TitleWords(ARTICLES, PREPOSITIONS, CONJUNCTIONS, _QUESTION_WORDS,
                             _GENERIC_HEADS, _GENERIC_OF, _TOPIC,
                             speaker=frozenset({"by", "from"}))  # fmt: skip

_OTHER_WORDS = {
    "nl": _TitleWords(
        frozenset({"de", "het", "een", "'t", "’t"}),
        frozenset({"aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "langs",
                   "met", "na", "naar", "naast", "om", "onder", "op", "over", "per", "rond",
                   "sinds", "te", "tegen", "tijdens", "tot", "tussen", "uit", "van", "vanaf",
                   "via", "voor", "zonder"}),
        frozenset({"en", "of", "maar", "want", "dus", "noch", "dat", "omdat", "terwijl",
                   "zodat", "nadat"}),
        generic_heads=frozenset({"verklaring", "toespraak", "persverklaring", "persbericht",
                                 "interview", "brief", "kamerbrief"}),
        topic=frozenset({"over", "inzake", "betreffende", "aangaande"}),
        speaker=frozenset({"van", "door"}),
    ),
    "de": _TitleWords(
        frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
                   "einer", "eines"}),
        frozenset({"am", "an", "ans", "auf", "aus", "bei", "beim", "bis", "durch", "für",
                   "gegen", "gegenüber", "hinter", "im", "in", "ins", "mit", "nach", "neben",
                   "ohne", "seit", "trotz", "über", "um", "unter", "vom", "von", "vor",
                   "während", "wegen", "zu", "zum", "zur", "zwischen"}),
        frozenset({"und", "oder", "aber", "sondern", "denn", "sowie", "dass", "weil", "ob",
                   "wenn"}),
        generic_heads=frozenset({"erklärung", "rede", "stellungnahme", "pressemitteilung",
                                 "interview", "ansprache"}),
        topic=frozenset({"zu", "zum", "zur", "über"}),
        speaker=frozenset({"von", "des", "der"}),
    ),
    "fr": _TitleWords(
        frozenset({"le", "la", "les", "un", "une", "des", "du"}),
        frozenset({"à", "au", "aux", "après", "avant", "avec", "chez", "contre", "dans", "de",
                   "depuis", "en", "entre", "malgré", "par", "pendant", "pour", "sans", "selon",
                   "sous", "sur", "vers"}),
        frozenset({"et", "ou", "mais", "ni", "car", "donc", "or", "que", "qu", "quand",
                   "si"}),
        generic_heads=frozenset({"déclaration", "discours", "communiqué", "allocution",
                                 "entretien", "interview"}),
        topic=frozenset({"sur"}),
        speaker=frozenset({"de", "du", "des", "par"}),
    ),
}  # fmt: skip
"""Articles, prepositions and conjunctions of the other languages with citation terms. A title
in a language not listed is read with the English words, which it then hardly contains: its
short title is its first four words, never ending on an English small word."""

_WORDS: ContextVar[_TitleWords] = ContextVar("sitrep_title_words", default=_ENGLISH_WORDS)


def _words() -> _TitleWords:
    return _WORDS.get()


@contextmanager
def _title_language(language: str | None) -> Iterator[None]:
    primary = (language or "en").replace("_", "-").split("-")[0].casefold()
    token = _WORDS.set(_OTHER_WORDS.get(primary, _ENGLISH_WORDS))
    try:
        yield
    finally:
        _WORDS.reset(token)


def _topic_of_remarks(text: str) -> str:
    """The topic of "Statement by President von der Leyen on the Situation in the Red Sea" (or
    "Statement from Secretary ... on ..."): a generic word and its speaker say nothing the short
    note does not."""
    words = text.split()
    while len(words) > 1 and word_core(words[0]) in _JOINT:
        words = words[1:]  # "Joint statement by ...", "Gemeinsame Erklärung ..."
    speaker = len(words) >= 4 and word_core(words[1]) in _words().speaker
    if not speaker or word_core(words[0]) not in _words().generic_heads:
        return text
    for index in range(3, len(words) - 1):
        if word_core(words[index]) in _words().topic and not _on_behalf(words, index):
            return " ".join(words[index + 1 :])
    return text


_JOINT = frozenset({"joint", "gemeinsame", "gezamenlijke", "gemeenschappelijke"})


def _on_behalf(words: list[str], index: int) -> bool:
    """ "on behalf of the EU" names who speaks, not what about."""
    return word_core(words[index]) == "on" and word_core(words[index + 1]) == "behalf"


@lru_cache(maxsize=4096)
def short_title(title: str, names: tuple[str, ...] = (), language: str = "en") -> str:
    """The key words of a title, at most four (CMOS 14.30).

    Taken from the main title (before a colon, or up to a ? or ! that ends it), without a leading
    A, An or The, and ending where a phrase ends: "Strategic Intelligence for American World
    Policy" -> "Strategic Intelligence", never "Strategic Intelligence for American". A generic
    main title ("Transcript: ...") gives way to its subtitle. The author's `names`, which the
    short note already gives, are not repeated at its start ("Blinken on Russia and North Korea"
    by Blinken -> "Russia and North Korea").

    A title in Dutch, German or French (`language`, the title's tag) is read by that language's
    articles, prepositions and conjunctions: "Ook MSC en CMA CGM mijden Rode Zee" -> "Ook MSC",
    never "Ook MSC en".
    """
    with _title_language(language):
        return _short_title(title, names)


def _short_title(title: str, names: tuple[str, ...]) -> str:
    text = " ".join(title.split())
    match = _MAIN_TITLE.match(text)
    main = match.group(1) if match else text
    rest = text[match.end() :] if match else ""
    if rest and word_core(main) in _words().generic_heads:
        return _short_title(rest, names)
    main = _without_names(_topic_of_remarks(main), names)
    words = _key_words(main).split()
    while len(words) > 1 and word_core(words[-1]) in _words().small:
        words.pop()  # a title of small words only ("the the of the") still never ends on one
    # a comma that ended the phrase goes, also inside a closing quote: "‘Photobomb,’"
    short = _TRAILING.sub(r"\1", " ".join(words)).rstrip(",;:—–- ")
    # a title of punctuation and small words only ("The — ") is its own short title
    return short or text.rstrip(",;: ")


def longer_short_titles(title: str, short: str, language: str = "en") -> list[str]:
    """Short titles that take more of the main title than `short`, each still at most four
    words and ending where a phrase ends: what tells two works by one author apart. Never a
    dangling "Houthis Claim Strike on British", never into the subtitle ("...Trade: First")."""
    with _title_language(language):
        return _longer_short_titles(title, short)


def _longer_short_titles(title: str, short: str) -> list[str]:
    text = " ".join(title.split())
    match = _MAIN_TITLE.match(text)
    words = (match.group(1) if match else text).split()
    while len(words) > 1 and word_core(words[0]) in _words().articles:
        words = words[1:]
    if " ".join(words[: len(short.split())]).casefold() != short.casefold():
        return []  # the short title is not the start of the main title: nothing to extend
    longer = len(short.split())
    ends = [end for end in _phrase_ends(words) if longer < end <= _LIMIT]
    if not ends:  # no phrase ends within four words: the longest start not ending on a small word
        ends = [
            end
            for end in range(longer + 1, min(len(words), _LIMIT) + 1)
            if word_core(words[end - 1]) not in _words().small
        ][-1:]
    return [_TRAILING.sub(r"\1", " ".join(words[:end])) for end in ends]
