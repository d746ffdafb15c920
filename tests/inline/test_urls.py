"""URL break points follow the Chicago Manual of Style, 14.18."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitrep.inline.urls import URL_IN_TEXT, url_pieces


@pytest.mark.parametrize(
    ("url", "pieces"),
    [
        (
            "https://example.org/a-b?q=1",
            ["https://", "example", ".org", "/a", "-b", "?q", "=", "1"],
        ),
        ("http://a.b//c~d_e#f%20", ["http://", "a", ".b", "//", "c", "~d", "_e", "#f", "%20"]),
        ("mailto:desk@example.org", ["mailto:", "desk@example", ".org"]),
        (
            "https://x.org/p?a=1&b=2",
            ["https://", "x", ".org", "/p", "?a", "=", "1", "&", "b", "=", "2"],
        ),
    ],
)
def test_pieces_break_where_chicago_allows(url: str, pieces: list[str]) -> None:
    assert url_pieces(url) == pieces


_URL_CHARS = st.text(alphabet="abcXYZ019/.-_~?#%=&:", max_size=40)


@example("mailto:", "//")  # found by hypothesis: "mailto://" is one piece, the scheme still whole
@given(st.sampled_from(["https://", "http://", "mailto:", ""]), _URL_CHARS)
def test_the_pieces_give_back_the_url_and_keep_the_scheme_whole(scheme: str, rest: str) -> None:
    url = scheme + rest
    pieces = url_pieces(url)
    assert "".join(pieces) == url
    if scheme:
        assert pieces[0].startswith(scheme)  # never "ht|tps://"
    for before, after in itertools.pairwise(pieces):
        # each break is after "//", ":", "=" or "&", or before / . , - _ ~ ? # % = &
        assert before.endswith(("//", ":", "=", "&")) or after[0] in "/.,-_~?#%=&"


def test_urls_are_found_in_running_text() -> None:
    text = "See https://example.org/a. Or “www.example.org/b” and mailto:x@y.z, then stop."
    assert [m.group() for m in URL_IN_TEXT.finditer(text)] == [
        "https://example.org/a",
        "www.example.org/b",
        "mailto:x@y.z",
    ]


def test_quotes_inside_a_url_are_part_of_it_and_quotes_around_it_are_not() -> None:
    text = (
        "See https://example.org/o'connor/\"green\"-river?y='2'#top, "
        'https://example.org/it\'s/"x" and “https://x.org/a”. Or "https://x.org/b", '
        "'https://x.org/c'."
    )
    assert [m.group() for m in URL_IN_TEXT.finditer(text)] == [
        "https://example.org/o'connor/\"green\"-river?y='2'#top",
        'https://example.org/it\'s/"x"',
        "https://x.org/a",
        "https://x.org/b",
        "https://x.org/c",
    ]
