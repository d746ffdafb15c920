"""Where a URL may break across lines, after the Chicago Manual of Style (17th ed., 14.18).

A URL breaks after a colon or a double slash; before a single slash, a period, a comma, a
hyphen, an underscore, a tilde, a question mark, a number sign or a percent sign; before or
after an equals sign or an ampersand. It never breaks inside the scheme ("https://") and never
gains a hyphen. Writers put their own break opportunity (HTML `<wbr>`) between the pieces.
"""

from __future__ import annotations

import re

__all__ = ["URL_IN_TEXT", "url_pieces"]

# A URL written out in running text (a link's own text, or a bare address in prose); the
# sentence's own full stop or comma after it is not part of it, nor is a quotation mark around
# it ("see “https://x.org/a”."). Straight quotes inside it are part of it: an apostrophe between
# letters (/o'connor/) and a pair of quotes (/"green"-river, ?y='2'), also at its end (/it's/"x").
_URL_CHAR = r"[^\s<>\"'“”‘’«»]"
_URL_END = r"[^\s<>\"'“”‘’«».,;:!?)\]]"
_QUOTES_IN_URL = r"(?<=\w)'(?=\w)|(?<!\w)'[^\s<>'\"]*'|\"[^\s<>\"]*\""
URL_IN_TEXT = re.compile(
    rf"(?:https?://|mailto:|www\.)(?:{_URL_CHAR}|{_QUOTES_IN_URL})*(?:{_URL_END}|{_QUOTES_IN_URL})",
    re.IGNORECASE,
)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?://)?", re.IGNORECASE)
_BREAK_BEFORE = frozenset("/.,-_~?#%=&")
_BREAK_AFTER = frozenset(":=&")


def url_pieces(url: str) -> list[str]:
    """Split `url` at every point where CMOS 14.18 lets a line break; "".join gives it back.

    >>> url_pieces("https://example.org/a-b?q=1")
    ['https://', 'example', '.org', '/a', '-b', '?q', '=', '1']
    """
    scheme = _SCHEME.match(url)
    start = scheme.end() if scheme else 0
    pieces: list[str] = [url[:start]] if start else []
    current = ""
    index = start
    while index < len(url):
        char = url[index]
        if url.startswith("//", index):  # a double slash breaks after, never between
            char = "//"
        if char[0] in _BREAK_BEFORE and current and not current.endswith(tuple(_BREAK_AFTER)):
            pieces.append(current)
            current = ""
        current += char
        if char in _BREAK_AFTER or char == "//":
            pieces.append(current)
            current = ""
        index += len(char)
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece]
