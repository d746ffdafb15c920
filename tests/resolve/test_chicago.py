"""Chicago (17th ed.) notes and bibliography entries.

Golden cases live in fixtures/chicago/<type>.yaml: a source, its full note, short note and
bibliography entry, mostly the manual's own examples (each case names its CMOS paragraph).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.inline.nodes import Emph, Inline, Link, Text, plain_text
from sitrep.model.source import Grade, Source, SourceType
from sitrep.resolve.chicago import (
    CitedSource,
    bibliography_order,
    format_bibliography_entry,
    format_note,
    grade_meaning,
)
from sitrep.resolve.chicago_short_titles import short_title
from sitrep.resolve.chicago_style import locator_text, smarten, truncate_post

FIXTURES = Path(__file__).parent / "fixtures" / "chicago"


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}:{case['name']}"))
    return params


CASES = _cases()


def _note(source: Source, **kwargs: Any) -> str:
    return plain_text(format_note([CitedSource(source, **kwargs)]))


def test_every_source_type_has_golden_cases() -> None:
    covered = {case.values[0]["source"]["type"] for case in CASES}
    assert covered == {kind.value for kind in SourceType}


@pytest.mark.parametrize("case", CASES)
def test_full_note(case: dict[str, Any]) -> None:
    source = Source.model_validate(case["source"])
    assert _note(source, locator=case.get("note_locator")) == case["note"]


@pytest.mark.parametrize("case", CASES)
def test_short_note(case: dict[str, Any]) -> None:
    source = Source.model_validate(case["source"])
    assert _note(source, locator=case.get("short_locator"), first=False) == case["short"]


@pytest.mark.parametrize("case", CASES)
def test_bibliography_entry(case: dict[str, Any]) -> None:
    source = Source.model_validate(case["source"])
    assert plain_text(format_bibliography_entry(source)) == case["bibliography"]


# --- seed 000: the think-tank paper's thirteen notes ---------------------------------------------

SEED_SOURCES = {
    "zhang": Source(
        id="zhang",
        type=SourceType.WEBPAGE,
        authors=["Kevin Zhang"],
        title="Potential Arms Deal? Russia-North Korea Summit in Eastern Russia",
        container="The Eurasia-America Center",
        date=dt.date(2023, 9, 19),
    ),
    "madhani": Source(
        id="madhani",
        type=SourceType.NEWS,
        authors=["Aamer Madhani"],
        title="US Says North Korea Delivered 1,000 Containers of Equipment and Munitions to "
        "Russia for Ukraine War",
        container="AP News",
        date=dt.date(2023, 10, 13),
        url="https://apnews.com/article/north-korea-russia-us-munitions-ukraine-war-"
        "7091eaba254b680888a9b1ec8a68135f",
    ),
    "ap-lavrov": Source(
        id="ap-lavrov",
        type=SourceType.NEWS,
        title="Russia’s Foreign Minister Offers Security Talks with North Korea and China as He "
        "Visits Pyongyang",
        container="AP News",
        date=dt.date(2023, 10, 19),
        url="https://apnews.com/article/north-korea-russia-kim-putin-ukraine-"
        "41e72f8e5577d37b8eb463e3c6d661c7",
    ),
    "shin": Source(
        id="shin",
        type=SourceType.NEWS,
        authors=["Hyonhee Shin"],
        title="North Korea’s Kim Vows to ‘Faithfully’ Fulfil Agreements Made with Russia’s Putin",
        container="Reuters",
        date=dt.date(2023, 10, 20),
        url="https://www.reuters.com/world/north-koreas-kim-expresses-resolve-fulfil-agreements-"
        "made-with-russias-putin-2023-10-19/",
    ),
    "voa": Source(
        id="voa",
        type=SourceType.NEWS,
        title="Russia Dismisses US Claims of North Korea Supplying Munitions to Moscow",
        container="Voice of America",
        date=dt.date(2023, 10, 20),
        url="https://www.voanews.com/a/russia-dismisses-us-claims-of-north-korea-supplying-"
        "munitions-to-moscow-/7320060.html",
    ),
}

_AP = "“Russia’s Foreign Minister Offers.”"
SEED_NOTES = [  # as printed in the seed, with short titles cut to four words (CMOS 14.30)
    (
        "zhang",
        "Kevin Zhang, “Potential Arms Deal? Russia-North Korea Summit in Eastern Russia,” "
        "The Eurasia-America Center, September 19, 2023.",
    ),
    ("zhang", "Zhang, “Potential Arms Deal?”"),
    (
        "madhani",
        "Aamer Madhani, “US Says North Korea Delivered 1,000 Containers of Equipment and "
        "Munitions to Russia for Ukraine War,” AP News, October 13, 2023, "
        "https://apnews.com/article/north-korea-russia-us-munitions-ukraine-war-"
        "7091eaba254b680888a9b1ec8a68135f.",
    ),
    (
        "ap-lavrov",
        "“Russia’s Foreign Minister Offers Security Talks with North Korea and China as He "
        "Visits Pyongyang,” AP News, October 19, 2023, https://apnews.com/article/"
        "north-korea-russia-kim-putin-ukraine-41e72f8e5577d37b8eb463e3c6d661c7.",
    ),
    (
        "shin",
        "Hyonhee Shin, “North Korea’s Kim Vows to ‘Faithfully’ Fulfil Agreements Made with "
        "Russia’s Putin,” Reuters, October 20, 2023, https://www.reuters.com/world/"
        "north-koreas-kim-expresses-resolve-fulfil-agreements-made-with-russias-putin-"
        "2023-10-19/.",
    ),
    ("ap-lavrov", _AP),
    ("ap-lavrov", _AP),
    ("madhani", "Madhani, “US Says North Korea.”"),
    ("ap-lavrov", _AP),
    ("madhani", "Madhani, “US Says North Korea.”"),
    (
        "voa",
        "“Russia Dismisses US Claims of North Korea Supplying Munitions to Moscow,” Voice of "
        "America, October 20, 2023, https://www.voanews.com/a/russia-dismisses-us-claims-of-"
        "north-korea-supplying-munitions-to-moscow-/7320060.html.",
    ),
    ("ap-lavrov", _AP),
    ("shin", "Shin, “North Korea’s Kim Vows.”"),
]


def test_seed_000_notes_in_order() -> None:
    cited: set[str] = set()
    actual = []
    for key, _ in SEED_NOTES:
        note = format_note([CitedSource(SEED_SOURCES[key], first=key not in cited)])
        cited.add(key)
        actual.append(plain_text(note))
    assert actual == [expected for _, expected in SEED_NOTES]


def test_seed_000_bibliography() -> None:
    entries = [
        plain_text(format_bibliography_entry(s)) for s in bibliography_order(SEED_SOURCES.values())
    ]
    # unsigned news articles are listed under the periodical (CMOS 14.207)
    assert [entry[:20] for entry in entries] == [
        "AP News. “Russia’s F",
        "Madhani, Aamer. “US ",
        "Shin, Hyonhee. “Nort",
        "Voice of America. “R",
        "Zhang, Kevin. “Poten",
    ]


# --- inline structure ----------------------------------------------------------------------------


def test_note_nodes_italic_title_and_link() -> None:
    source = Source(
        id="r",
        type=SourceType.REPORT,
        authors=["Ann Lee"],
        title="Arms Flows",
        publisher="Example Institute",
        date="2023",
        url="https://example.org/r",
    )
    nodes = format_note([CitedSource(source)])
    assert nodes == (
        Text("Ann Lee, "),
        Emph((Text("Arms Flows"),)),
        Text(" (Example Institute, 2023), "),
        Link("https://example.org/r", (Text("https://example.org/r"),)),
        Text("."),
    )


def test_newspaper_is_italic_and_article_title_quoted() -> None:
    nodes = format_note([CitedSource(SEED_SOURCES["madhani"])])
    assert Emph((Text("AP News"),)) in nodes
    assert isinstance(nodes[0], Text) and nodes[0].text.startswith("Aamer Madhani, “US Says")


def test_website_title_is_roman() -> None:
    nodes = format_note([CitedSource(SEED_SOURCES["zhang"])])
    assert not any(isinstance(node, Emph) for node in nodes)


def test_bibliography_nodes_end_with_period_after_link() -> None:
    nodes = format_bibliography_entry(SEED_SOURCES["voa"])
    assert isinstance(nodes[-2], Link) and nodes[-1] == Text(".")


# --- several sources, prefixes, locators, grades -------------------------------------------------


def _src(**fields: Any) -> Source:
    fields.setdefault("id", "s")
    return Source.model_validate(fields)


BOOK = _src(
    id="smith",
    type="book",
    authors="Zadie Smith",
    title="Swing Time",
    place="New York",
    publisher="Penguin Press",
    date="2016",
    grade="B2",
)


def test_several_sources_joined_with_semicolons() -> None:
    note = format_note(
        [
            CitedSource(SEED_SOURCES["zhang"], locator="p. 4", first=False),
            CitedSource(BOOK, locator="pp. 3-4", prefix="see also", first=False),
        ]
    )
    assert plain_text(note) == "Zhang, “Potential Arms Deal?,” 4; see also Smith, Swing Time, 3–4."


def test_prefix_capitalises_the_note() -> None:
    note = format_note([CitedSource(BOOK, prefix="see", first=False)])
    assert plain_text(note) == "See Smith, Swing Time."
    note = format_note([CitedSource(SEED_SOURCES["ap-lavrov"], prefix="cf.", first=False)])
    assert plain_text(note) == "Cf. “Russia’s Foreign Minister Offers.”"


def test_grades_follow_each_graded_item() -> None:
    cites = [CitedSource(BOOK, first=False), CitedSource(SEED_SOURCES["zhang"], first=False)]
    assert plain_text(format_note(cites, show_grades=True)) == (
        "Smith, Swing Time [B2]; Zhang, “Potential Arms Deal?”"
    )
    assert plain_text(format_note(cites[:1], show_grades=True)) == "Smith, Swing Time [B2]."
    assert plain_text(format_note(cites[:1])) == "Smith, Swing Time."


def test_quoted_title_ending_in_question_mark_keeps_comma_drops_period() -> None:
    source = _src(type="news", title="Who Armed Whom?", container="Reuters", date="2023-10")
    assert _note(source) == "“Who Armed Whom?,” Reuters, October 2023."
    assert _note(source, first=False) == "“Who Armed Whom?”"
    assert _note(source, first=False, locator="para. 2") == "“Who Armed Whom?,” para. 2."
    exclaim = _src(type="book", title="Never Again!", publisher="Acme", date="2020")
    assert _note(exclaim, first=False) == "Never Again!"


def test_empty_citation_gives_empty_note() -> None:
    assert format_note([]) == ()


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023-09-19", "“T,” C, September 19, 2023."),
        ("2023-09", "“T,” C, September 2023."),
        ("2023", "“T,” C, 2023."),
        (None, "“T,” C, n.d."),
    ],
)
def test_dates(date: str | None, expected: str) -> None:
    source = _src(type="news", title="T", container="C", date=date)
    assert _note(source) == expected


def test_access_date_only_without_publication_date() -> None:
    dated = _src(type="webpage", title="T", container="C", date="2023-01-02", accessed="2023-10-02")
    assert _note(dated) == "“T,” C, January 2, 2023."
    undated = _src(type="webpage", title="T", container="C", accessed="2023-10-02")
    assert _note(undated) == "“T,” C, accessed October 2, 2023."


def test_book_prints_year_only() -> None:
    source = _src(type="book", title="T", place="P", publisher="Q", date="2016-05-04")
    assert _note(source) == "T (P: Q, 2016)."


def test_undated_report_with_access_date() -> None:
    source = _src(
        type="report",
        title="T",
        publisher="Q",
        accessed="2023-10-02",
        url="https://example.org/t",
    )
    assert _note(source) == "Q, T, accessed October 2, 2023, https://example.org/t."
    assert plain_text(format_bibliography_entry(source)) == (
        "Q. T. Accessed October 2, 2023. https://example.org/t."
    )
    with_place = source.model_copy(update={"place": "Seoul"})
    assert _note(with_place) == (
        # CMOS 14.84: the organisation is named again as publisher
        "Q, T (Seoul: Q, n.d.), accessed October 2, 2023, https://example.org/t."
    )
    assert plain_text(format_bibliography_entry(with_place)) == (
        "Q. T. Seoul: Q, n.d. Accessed October 2, 2023. https://example.org/t."
    )


# --- names ---------------------------------------------------------------------------------------


def test_three_authors() -> None:
    source = _src(type="news", authors=["A Alpha", "B Beta", "C Gamma"], title="T", date="2020")
    assert _note(source).startswith("A Alpha, B Beta, and C Gamma, “T,”")
    assert _note(source, first=False) == "Alpha, Beta, and Gamma, “T.”"
    assert plain_text(format_bibliography_entry(source)).startswith(
        "Alpha, A, B Beta, and C Gamma. “T.”"
    )


def test_more_than_ten_authors_list_seven_in_bibliography() -> None:
    people = [f"Given{i} Family{i}" for i in range(11)]
    source = _src(type="journal", authors=people, title="T", container="J", date="2020")
    entry = plain_text(format_bibliography_entry(source))
    assert entry.startswith("Family0, Given0, Given1 Family1, ")
    assert "Given6 Family6, et al. “T.”" in entry
    assert "Family7" not in entry
    assert _note(source, first=False) == "Family0 et al., “T.”"


def test_sentence_period_becomes_comma_but_abbreviations_stay() -> None:
    post = _src(type="social", title="We said so in 1993.", container="X", date="2020")
    assert _note(post) == "“We said so in 1993,” X, 2020."
    firm = _src(type="news", title="Acme Inc.", container="X", date="2020")
    assert _note(firm) == "“Acme Inc.,” X, 2020."
    assert _note(firm, first=False) == "“Acme Inc.”"
    usa = _src(type="news", title="Made in the U.S.", container="X", date="2020")
    assert _note(usa) == "“Made in the U.S.,” X, 2020."


def test_apostrophes_in_names_and_titles_are_curly() -> None:
    source = _src(type="news", authors="Conan O'Brien", title='It\'s "Fine"', date="2020")
    assert _note(source) == "Conan O’Brien, “It’s ‘Fine,’” 2020."
    assert smarten("'90s rock and 'quoted' \"double\"") == "’90s rock and ‘quoted’ “double”"


# --- short titles, locators, truncation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Swing Time", "Swing Time"),
        (
            "Potential Arms Deal? Russia-North Korea Summit in Eastern Russia",
            "Potential Arms Deal?",
        ),
        ("A Curious Mind: The Secret to a Bigger Life", "Curious Mind"),
        ("Snap Makes a Bet on the Cultural Supremacy of the Camera", "Snap Makes a Bet"),
        ("The History of the Peloponnesian War", "Peloponnesian War"),
        ("Arms, Ammunition, Artillery, and Aircraft", "Arms, Ammunition, Artillery"),
        ("US Says North Korea Delivered 1,000 Containers", "US Says North Korea"),
    ],
)
def test_short_title(title: str, expected: str) -> None:
    assert short_title(title) == expected


def test_short_title_given_on_source_wins() -> None:
    source = _src(type="book", title="A Long Title Is Long Indeed", short_title="Long Title")
    assert _note(source, first=False) == "Long Title."


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        ("p. 4", "4"),
        ("pp. 3-4", "3–4"),
        ("pp.12 - 14", "12–14"),
        ("page 7", "7"),
        ("p. xii", "xii"),
        ("para. 12", "para. 12"),
        ("12:03", "12:03"),
        ("chap. 3", "chap. 3"),
    ],
)
def test_locator_text(locator: str, expected: str) -> None:
    assert locator_text(locator) == expected


def test_truncate_post() -> None:
    assert truncate_post("short  post") == "short post"
    long = "word " * 50
    cut = truncate_post(long)
    assert cut.endswith("word…") and len(cut) <= 161
    assert truncate_post("x" * 200) == "x" * 160 + "…"


def test_doi_preferred_over_url() -> None:
    source = _src(
        type="journal",
        title="T",
        container="J",
        date="2020",
        doi="doi:10.1/abc",
        url="https://example.org/t",
    )
    assert _note(source) == "“T,” J (2020), https://doi.org/10.1/abc."


def test_edition_forms() -> None:
    def ed(value: str) -> str:
        return _note(_src(type="book", title="T", edition=value, publisher="Q", date="2020"))

    assert ed("2") == "T, 2nd ed. (Q, 2020)."
    assert ed("3") == "T, 3rd ed. (Q, 2020)."
    assert ed("11") == "T, 11th ed. (Q, 2020)."
    assert ed("21") == "T, 21st ed. (Q, 2020)."
    assert ed("rev. ed.") == "T, rev. ed. (Q, 2020)."
    assert ed("2nd edition") == "T, 2nd edition (Q, 2020)."
    assert ed("Expanded") == "T, Expanded ed. (Q, 2020)."


# --- bibliography order --------------------------------------------------------------------------


def test_bibliography_order() -> None:
    sources = [
        _src(id="z", type="news", authors="Kevin Zhang", title="Zed"),
        _src(id="the-b", type="news", title="The Bravo Affair"),
        _src(id="a2", type="news", authors="Ann Adams", title="Second"),
        _src(id="a1", type="news", authors="Ann Adams", title="A First"),
        _src(id="e", type="news", authors="Émile Éclair", title="Accented"),
        _src(id="q", type="news", title="“Charlie” in Quotes"),
        _src(id="wh", type="statement", publisher="The White House", title="Statement"),
        _src(id="adams-b", type="news", authors="Bob Adams", title="Z"),
    ]
    order = [s.id for s in bibliography_order(sources)]
    assert order == ["a1", "a2", "adams-b", "the-b", "q", "e", "wh", "z"]


# --- grades --------------------------------------------------------------------------------------


def test_grade_meaning() -> None:
    assert grade_meaning(Grade.model_validate("B2")) == ("Usually reliable", "Probably true")
    assert grade_meaning(Grade.model_validate("A1")) == (
        "Completely reliable",
        "Confirmed by other sources",
    )
    assert grade_meaning(Grade.model_validate("F6")) == (
        "Reliability cannot be judged",
        "Truth cannot be judged",
    )
    meanings = {
        grade_meaning(Grade.model_validate(f"{r}{c}")) for r in "ABCDEF" for c in range(1, 7)
    }
    assert len(meanings) == 36


def _texts(nodes: tuple[Inline, ...]) -> list[str]:
    return [type(node).__name__ for node in nodes]


def test_neighbouring_text_nodes_are_merged() -> None:
    kinds = _texts(format_note([CitedSource(SEED_SOURCES["zhang"], first=False)]))
    assert kinds == ["Text"]
