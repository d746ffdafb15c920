"""Typographic quotes for a language: markdown-it-py's smartquotes, plus the marks it leaves.

markdown-it pairs straight quotes into typographic ones; a quote it cannot pair (the apostrophe
of "'90s", "the students' union") it leaves straight, so `leftover_quotes` turns those into an
apostrophe or a lone quotation mark. Code spans, link targets and citation ids never reach a
text token, so they stay exactly as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import process_inlines
from markdown_it.token import Token

from sitrep.inline.urls import URL_IN_TEXT

__all__ = ["Quotes", "enable_quotes", "quotes_for", "retype_outer_quotes", "smart_plain"]

Quotes = tuple[str, str, str, str]
"""Opening and closing double quote, then opening and closing single (nested) quote."""

ENGLISH: Quotes = ("“", "”", "‘", "’")
_NNBSP = "\u202f"  # French sets a narrow no-break space inside guillemets

# Unicode CLDR delimiters (quotationStart/End, alternateQuotationStart/End) per language; a
# regional tag ("de-CH") is looked up before its language ("de"), and unknown ones get English.
_QUOTES: dict[str, Quotes] = {
    "en": ENGLISH,
    "de": ("„", "“", "‚", "‘"),
    "de-ch": ("«", "»", "‹", "›"),
    "fr": (f"«{_NNBSP}", f"{_NNBSP}»", "“", "”"),
    "fr-ch": ("«", "»", "‹", "›"),
    "nl": ("„", "”", "‚", "’"),
    "es": ("«", "»", "“", "”"),
    "ca": ("«", "»", "“", "”"),
    "it": ("«", "»", "“", "”"),
    "pt": ("«", "»", "“", "”"),
    "pt-br": ("“", "”", "‘", "’"),
    "pl": ("„", "”", "«", "»"),
    "cs": ("„", "“", "‚", "‘"),
    "sk": ("„", "“", "‚", "‘"),
    "sl": ("„", "“", "‚", "‘"),
    "hr": ("„", "“", "‚", "‘"),
    "bs": ("„", "“", "‘", "’"),
    "sr": ("„", "“", "‘", "’"),
    "hu": ("„", "”", "»", "«"),
    "ro": ("„", "”", "«", "»"),
    "bg": ("„", "“", "„", "“"),
    "ru": ("«", "»", "„", "“"),
    "uk": ("«", "»", "„", "“"),
    "be": ("«", "»", "„", "“"),
    "lt": ("„", "“", "„", "“"),
    "lv": ("«", "»", "„", "“"),
    "et": ("„", "“", "‚", "‘"),
    "is": ("„", "“", "‚", "‘"),
    "da": ("“", "”", "‘", "’"),
    "nb": ("«", "»", "‘", "’"),
    "nn": ("«", "»", "‘", "’"),
    "no": ("«", "»", "‘", "’"),
    "sv": ("”", "”", "’", "’"),
    "fi": ("”", "”", "’", "’"),
    "el": ("«", "»", "“", "”"),
    "tr": ("“", "”", "‘", "’"),
    "he": ("”", "”", "’", "’"),
    "ar": ("”", "“", "’", "‘"),
    "fa": ("«", "»", "‹", "›"),
    "ja": ("「", "」", "『", "』"),
    "zh": ("“", "”", "‘", "’"),
    "zh-tw": ("「", "」", "『", "』"),
    "zh-hant": ("「", "」", "『", "』"),
    "ko": ("“", "”", "‘", "’"),
}

_APOSTROPHE = "’"


def quotes_for(language: str) -> Quotes:
    """The quotation marks of a BCP 47 language tag: "de" -> „ “ ‚ ‘ ; unknown tags get English."""
    parts = language.lower().replace("_", "-").split("-")
    for end in range(len(parts), 0, -1):
        found = _QUOTES.get("-".join(parts[:end]))
        if found is not None:
            return found
    return ENGLISH


def _leftover(text: str, quotes: Quotes) -> str:
    """Quotes smartquotes could not pair: an apostrophe, or a lone opening or closing mark.

    A straight mark right after a digit left here was neither a unit nor a pair (see
    `_unit_primes`) and stays as typed.
    """
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        if char not in "'\"" or before.isdigit():
            out.append(char)
        elif char == "'":
            out.append(_APOSTROPHE)
        else:
            opening = before.isspace() or before in "([{<—–-/"
            out.append(quotes[0] if opening else quotes[1])
    return "".join(out)


# "'90s", "'24": an elided century is an apostrophe, never an opening quote (SmartyPants' rule);
# without this smartquotes pairs it with the next apostrophe ("the '90s ... students' union").
_DECADE = re.compile(r"(?<!\w)'(?=\d\d(?:s\b|\b))")

# "rock 'n' roll", "fish 'n' chips": both marks stand for left-out letters, so both are
# apostrophes; smartquotes would read them as a single-quoted "n".
_N_ELISION = re.compile(r"(?<![\w'])'([nN])'(?![\w'])")


# Quote marks inside a URL written in the text are part of the address: they are hidden from
# smartquotes as private-use characters and put back afterwards.
_HIDE = str.maketrans({"'": "\ue000", '"': "\ue001"})
_SHOW = str.maketrans({"\ue000": "'", "\ue001": '"'})


# An e-mail address may hold an apostrophe (o'neil@example.org): it is part of the address too.
_EMAIL = re.compile(r"[\w.+'-]*@[\w'-]+(?:\.[\w'-]+)+|[\w.+'-]*'[\w.+'-]*@[\w-]+(?:\.[\w-]+)+")

# 5'10": feet and inches are primes, both of them (a careful typesetter's ′ ″, never ’ and ”).
_FEET_INCHES = re.compile(r"(?<=\d)'(\d{1,2}(?:[.,]\d+)?)\"")

# A mark right after a digit that does not close a quotation is a unit: 6' tall, a 12" record,
# 51°30'N. Before a letter it is an apostrophe (747's), unless the letter is a compass point.
_UNIT_FOLLOWS = re.compile(r"(?:[NSEW](?!\w)|[^\w]|$)")
_PRIMES = {"'": "\u2032", '"': "\u2033"}


def _unit_primes(text: str) -> str:
    """Straight marks after a digit that open no pair and close none, made primes.

    A mark that opens after a space or bracket ('2024', "12") counts as open until a mark of
    its kind closes it, so the closing mark of a quoted number stays a quotation mark.
    """
    out = list(text)
    open_marks: set[str] = set()
    for index, char in enumerate(text):
        if char not in _PRIMES:
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        unit = before.isdigit() and _UNIT_FOLLOWS.match(text, index + 1) is not None
        if not before.isalnum() and not after.isspace():
            open_marks.add(char)
        elif char in open_marks and not before.isspace():
            # "the pipe is 12" wide" today: a quotation closed further on leaves this a unit
            if unit and _closes_later(text, index, char):
                out[index] = _PRIMES[char]
            else:
                open_marks.discard(char)
        elif unit:
            out[index] = _PRIMES[char]
    return "".join(out)


def _closes_later(text: str, index: int, char: str) -> bool:
    """Whether the next mark `char` after `index` closes a quotation (after a letter, digit or
    punctuation, not before a letter or digit): then it is the one that closes the quotation
    open here, and the mark at `index` is not. A next mark that opens a quotation (`the "F-35"
    jet and "12"`) or none at all leaves the mark at `index` the closing one."""
    later = text.find(char, index + 1)
    if later < 0 or text[later - 1].isspace():
        return False
    return later + 1 == len(text) or not text[later + 1].isalnum()


def _hide_urls(text: str) -> str:
    text = URL_IN_TEXT.sub(lambda match: match.group().translate(_HIDE), text)
    return _EMAIL.sub(lambda match: match.group().translate(_HIDE), text)


def _process(tokens: list[Token], state: StateCore, quotes: Quotes) -> None:
    for token in tokens:
        if token.type == "text" and ("'" in token.content or '"' in token.content):
            content = _N_ELISION.sub(rf"{_APOSTROPHE}\1{_APOSTROPHE}", _hide_urls(token.content))
            content = _unit_primes(_FEET_INCHES.sub("\u2032\\1\u2033", content))
            token.content = _DECADE.sub(_APOSTROPHE, content)
    process_inlines(tokens, state)
    for token in tokens:
        if token.type == "text":
            if "'" in token.content or '"' in token.content:
                token.content = _leftover(token.content, quotes)
            token.content = token.content.translate(_SHOW)
        elif token.children:  # an inline note's own text is a paragraph of its own
            _process(token.children, state, quotes)


def enable_quotes(md: MarkdownIt, quotes: Quotes) -> MarkdownIt:
    """Turn straight quotes into `quotes` in every text token `md` parses (code stays as typed)."""

    def typographic_quotes(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children:
                _process(token.children, state, quotes)

    md.options["typographer"] = True
    md.options["quotes"] = list(quotes)
    md.core.ruler.push("typographic_quotes", typographic_quotes)
    return md


@lru_cache(maxsize=16)
def _plain_markdown(quotes: Quotes) -> MarkdownIt:
    return enable_quotes(MarkdownIt("zero"), quotes)


@lru_cache(maxsize=4096)
def smart_plain(text: str, quotes: Quotes) -> str:
    """A plain-text field (a title, a name) with typographic quotes; nothing else changes.

    The text is handed to smartquotes as one text token, unparsed, so `*`, `<`, `&` and
    backslashes mean nothing and every other character comes back as it was.
    """
    if "'" not in text and '"' not in text:
        return text
    token = Token("text", "", 0)
    token.content = text
    _process([token], StateCore("", _plain_markdown(quotes), {}), quotes)
    return token.content


_CODE_SPAN = re.compile(r"(`+).*?\1", re.DOTALL)


def retype_outer_quotes(text: str, outer: Quotes) -> str:
    """Typographic double quotes typed in prose that is printed inside quotation marks, made
    straight again so smartquotes sets them as the nested kind: a pull quote pasted as
    `“not “accidents” at all”` prints “not ‘accidents’ at all”, never double inside double.

    `outer` is the language's own marks: English “ ” (and „ ‟), or « » in French; code spans
    stay as typed.
    """
    marks = {outer[0].strip(), outer[1].strip(), "“", "”", "„", "‟"}
    table = str.maketrans({mark: '"' for mark in marks if len(mark) == 1})
    pieces: list[str] = []
    at = 0
    for match in _CODE_SPAN.finditer(text):
        pieces.append(text[at : match.start()].translate(table))
        pieces.append(match.group())
        at = match.end()
    pieces.append(text[at:].translate(table))
    return "".join(pieces)
