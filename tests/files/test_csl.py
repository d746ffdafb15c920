"""CSL-JSON import: Zotero/pandoc exports become sitrep sources; bad files get clear errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import SourceFileError
from sitrep.files.csl import load_csl
from sitrep.inline.nodes import plain_text
from sitrep.model.source import Person, SourceType
from sitrep.resolve.chicago import CitedSource, format_bibliography_entry, format_note

FIXTURES = Path(__file__).parent / "fixtures"
ZOTERO = FIXTURES / "csl-zotero.json"


def _error(items: Any, name: str = "refs.json") -> str:
    data = items if isinstance(items, bytes) else json.dumps(items).encode()
    with pytest.raises(SourceFileError) as caught:
        load_csl(Path(name), data=data)
    return str(caught.value)


# --- a valid export ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sources() -> dict[str, Any]:
    return {source.id: source for source in load_csl(ZOTERO)}


def test_every_item_is_read_in_order() -> None:
    ids = [source.id for source in load_csl(ZOTERO)]
    assert ids == [
        "madhani",
        "zhang",
        "mazarr2016",
        "turabian",
        "keng",
        "cmos-they",
        "pbs-video",
        "sipri",
        "blinken",
        "kirby",
        "ndaa",
        "van-gogh",
    ]


def test_types_are_mapped(sources: dict[str, Any]) -> None:
    kinds = {key: source.type for key, source in sources.items()}
    assert kinds == {
        "madhani": SourceType.NEWS,
        "zhang": SourceType.WEBPAGE,
        "mazarr2016": SourceType.REPORT,
        "turabian": SourceType.BOOK,
        "keng": SourceType.JOURNAL,
        "cmos-they": SourceType.SOCIAL,
        "pbs-video": SourceType.VIDEO,
        "sipri": SourceType.DATASET,
        "blinken": SourceType.INTERVIEW,
        "kirby": SourceType.STATEMENT,
        "ndaa": SourceType.GOVERNMENT,
        "van-gogh": SourceType.WEBPAGE,  # "song" is not a sitrep type
    }


def test_newspaper_article_fields(sources: dict[str, Any]) -> None:
    source = sources["madhani"]
    assert source.authors == [Person(family="Madhani", given="Aamer")]
    assert source.title.startswith("US Says North Korea Delivered 1,000")
    assert source.short_title == "North Korea Delivered Containers"
    assert source.container == "AP News"
    assert source.date == dt.date(2023, 10, 13)
    assert source.accessed == dt.date(2023, 10, 25)
    assert source.url is not None and source.url.startswith("https://apnews.com/article/")


def test_dates_raw_partial_and_literal(sources: dict[str, Any]) -> None:
    assert sources["zhang"].date == dt.date(2023, 9, 19)
    assert sources["mazarr2016"].date == "2016"
    assert sources["turabian"].date == "2018-04"
    assert sources["van-gogh"].date == "1888-03"
    assert sources["sipri"].date is None
    assert sources["sipri"].accessed == dt.date(2023, 10, 2)


def test_report_number_becomes_series(sources: dict[str, Any]) -> None:
    source = sources["mazarr2016"]
    assert source.container == "Research Report RR-1598-OSD"
    assert (source.publisher, source.place) == ("RAND Corporation", "Santa Monica, CA")
    assert len(source.authors) == 4


def test_journal_fields_and_doi(sources: dict[str, Any]) -> None:
    source = sources["keng"]
    assert (source.volume, source.issue, source.pages) == ("11", "1", "1-34")
    assert source.doi == "https://doi.org/10.1086/690235"
    note = plain_text(format_note([CitedSource(source, locator="9-10")]))
    assert note.endswith(
        "Journal of Human Capital 11, no. 1 (March 2017): 9–10, https://doi.org/10.1086/690235."
    )


def test_edition_video_interview(sources: dict[str, Any]) -> None:
    assert sources["turabian"].edition == "9"
    assert sources["pbs-video"].medium == "video, 4:47"
    assert sources["blinken"].medium == "interview by Margaret Brennan"
    assert sources["kirby"].medium == "press briefing"


def test_names_literal_particles_suffix_mononym(sources: dict[str, Any]) -> None:
    assert sources["cmos-they"].authors == [Person(literal="Chicago Manual of Style")]
    assert sources["van-gogh"].authors == [
        Person(family="van Gogh", given="Vincent"),
        Person(family="King", given="Martin Luther", suffix="Jr."),
        Person(literal="Madonna"),
    ]
    king = sources["van-gogh"].authors[1]
    assert (king.display, king.inverted) == ("Martin Luther King Jr.", "King, Martin Luther, Jr.")


def _one(item: dict[str, Any]) -> Any:
    (source,) = load_csl(Path("one.json"), data=json.dumps([item]).encode())
    return source


def test_suffix_stays_out_of_short_notes() -> None:
    heuer = _one(
        {
            "id": "heuer",
            "type": "book",
            "title": "Psychology of Intelligence Analysis",
            "author": [{"family": "Heuer", "given": "Richards J.", "suffix": "Jr."}],
            "issued": {"date-parts": [[1999]]},
        }
    )
    assert plain_text(format_note([CitedSource(heuer, first=False)])) == (
        "Heuer, Psychology of Intelligence Analysis."
    )
    assert plain_text(format_bibliography_entry(heuer)).startswith("Heuer, Richards J., Jr. ")


def test_static_ordering_keeps_the_family_name_first() -> None:
    xi = _one(
        {
            "id": "xi",
            "type": "book",
            "title": "The governance of China",
            "author": [{"family": "Xi", "given": "Jinping", "static-ordering": True}],
            "publisher": "Foreign Languages Press",
            "publisher-place": "Beijing",
            "issued": {"date-parts": [[2014]]},
        }
    )
    assert plain_text(format_note([CitedSource(xi)])) == (
        "Xi Jinping, The Governance of China (Beijing: Foreign Languages Press, 2014)."
    )
    assert plain_text(format_note([CitedSource(xi, first=False)])) == "Xi, Governance of China."
    assert plain_text(format_bibliography_entry(xi)).startswith("Xi Jinping. The Governance")


def test_chapter_editor_translator_import() -> None:
    chapter = _one(
        {
            "id": "c",
            "type": "chapter",
            "title": "Walking",
            "author": [{"family": "Thoreau", "given": "Henry David"}],
            "editor": [{"family": "D'Agata", "given": "John"}],
            "translator": [{"literal": "Anonymous Collective"}],
            "container-title": "The Making of the American Essay",
            "publisher": "Graywolf Press",
            "publisher-place": "Minneapolis",
            "issued": {"date-parts": [[2016]]},
            "page": "167-95",
        }
    )
    assert chapter.type is SourceType.CHAPTER
    assert plain_text(format_note([CitedSource(chapter)])) == (
        "Henry David Thoreau, “Walking,” in The Making of the American Essay, ed. John D’Agata, "
        "trans. Anonymous Collective (Minneapolis: Graywolf Press, 2016), 167–95."
    )


def test_press_release_genre_becomes_a_press_release() -> None:
    release = _one(
        {
            "id": "pr",
            "type": "report",
            "genre": "Press release",
            "title": "Statement on the summit",
            "publisher": "Ministry of Foreign Affairs",
            "issued": {"date-parts": [[2023, 9, 14]]},
        }
    )
    assert release.type is SourceType.PRESS_RELEASE
    assert plain_text(format_bibliography_entry(release)) == (
        "Ministry of Foreign Affairs. “Statement on the Summit.” Press release, September 14, 2023."
    )


@pytest.mark.parametrize(
    ("written", "tag"),
    [("ko", "ko"), ("en-US", "en-US"), ("French", "fr"), ("English (US)", "en"),
     ("ngerman", "de"), ("Klingon", "und"), ("  ", None)],
)  # fmt: skip
def test_language_is_read(written: str, tag: str | None) -> None:
    assert _one({"id": "a", "title": "T", "language": written}).language == tag


def test_imported_sources_format_as_chicago(sources: dict[str, Any]) -> None:
    note = plain_text(format_note([CitedSource(sources["zhang"])]))
    assert note == (
        "Kevin Zhang, “Potential Arms Deal? Russia-North Korea Summit in Eastern Russia,” "
        "The Eurasia-America Center, September 19, 2023."
    )
    entry = plain_text(format_bibliography_entry(sources["turabian"]))
    assert entry == (
        "Turabian, Kate L. A Manual for Writers of Research Papers, Theses, and Dissertations. "
        "9th ed. Chicago: University of Chicago Press, 2018."
    )
    assert plain_text(format_note([CitedSource(sources["ndaa"])])) == (
        "US Congress, National Defense Authorization Act for Fiscal Year 2024, December 22, 2023."
    )


def test_single_object_and_empty_array() -> None:
    one = json.dumps({"id": "a", "title": "T"}).encode()
    assert [s.id for s in load_csl(Path("one.json"), data=one)] == ["a"]
    assert load_csl(Path("none.json"), data=b"[]") == []


def test_numeric_id_and_bom() -> None:
    data = "\ufeff" + json.dumps([{"id": 12, "title": "T", "type": "book"}])
    (source,) = load_csl(Path("bom.json"), data=data.encode())
    assert source.id == "12"


# --- malformed files -----------------------------------------------------------------------------


def test_malformed_json_names_file_line_and_column() -> None:
    with pytest.raises(SourceFileError) as caught:
        load_csl(FIXTURES / "csl-malformed.json")
    message = str(caught.value)
    assert "csl-malformed.json" in message
    assert "csl-malformed.json:6:3: invalid JSON" in message
    assert "invalid JSON" in message


def test_javascript_url_is_rejected_naming_the_item() -> None:
    with pytest.raises(SourceFileError) as caught:
        load_csl(FIXTURES / "csl-javascript-url.json")
    message = str(caught.value)
    assert "csl-javascript-url.json: item 2 (id 'evil'): 'URL':" in message
    assert "javascript:alert(document.cookie)" in message
    assert "expected an http:, https: or mailto: URL" in message


def test_error_message_format() -> None:
    items: list[Any] = [{"id": f"i{n}", "title": "T"} for n in range(2)]
    items.append({"id": "madhani", "title": "T", "issued": "sometime"})
    assert _error(items) == (
        "refs.json: item 3 (id 'madhani'): 'issued' 'sometime' is not a date "
        "(expected YYYY-MM-DD, YYYY-MM or YYYY)"
    )
    items[2]["issued"] = [2023, 9, 19]
    assert _error(items) == (
        "refs.json: item 3 (id 'madhani'): 'issued' is not a date "
        '(expected {"date-parts": [[year, month, day]]})'
    )


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ({"title": "T"}, "is an object (expected a JSON array of CSL items"),
        ([["x"]], "item 1: is a list (expected an object with 'id', 'type' and 'title')"),
        ([{"title": "T"}], "item 1 has no 'id' (expected a citation key as text"),
        ([{"id": True, "title": "T"}], "item 1 has no 'id'"),
        ([{"id": "a"}], "item 1 (id 'a'): has no 'title' (expected the work's title as text)"),
        ([{"id": "a", "title": ["T"]}], "item 1 (id 'a'): 'title' is a list (expected text)"),
        (
            [{"id": "a", "title": "T"}, {"id": "a", "title": "U"}],
            "item 2 (id 'a'): the id is used twice (item 1 has it too",
        ),
        ([{"id": "a b", "title": "T"}], "item 1 (id 'a b'): id 'a b' cannot be used as a"),
        (
            [{"id": "a", "title": "T", "issued": {"date-parts": [[2023, 13, 1]]}}],
            "'issued' date-parts [2023, 13, 1] is not a real date",
        ),
        (
            [{"id": "a", "title": "T", "issued": {"date-parts": [["twenty"]]}}],
            "'issued' date-parts ['twenty'] are not numbers",
        ),
        (
            [{"id": "a", "title": "T", "issued": {"date-parts": []}}],
            "'issued' has no date-parts",
        ),
        (
            [{"id": "a", "title": "T", "issued": {"season": 1}}],
            "'issued' is not a date",
        ),
        (
            [{"id": "a", "title": "T", "author": "Kevin Zhang"}],
            "'author' is text (expected a list of names",
        ),
        (
            [{"id": "a", "title": "T", "author": [{"given": ""}]}],
            '\'author\' name 1 has no name (expected {"family": ..., "given": ...}',
        ),
        (
            [{"id": "a", "title": "T", "author": [{"family": 3.5}]}],
            "'author' name 1: 'family' is a number (expected text)",
        ),
        (
            [{"id": "a", "title": "T\u0007"}],
            "item 1 (id 'a'): 'title': control character U+0007",
        ),
    ],
)
def test_malformed_items(items: Any, expected: str) -> None:
    message = _error(items)
    assert message.startswith("refs.json: ")
    assert expected in message


def test_empty_and_non_utf8_files() -> None:
    assert "is empty (expected a JSON array" in _error(b"  \n")
    message = _error(b'[{"id": "a",\n "title": "Caf\xe9"}]')
    assert "is not UTF-8 text (byte 0xE9 on line 2" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError) as caught:
        load_csl(tmp_path / "nope.json")
    assert "nope.json: file not found (expected a CSL-JSON file)" in str(caught.value)
    with pytest.raises(SourceFileError, match="is a folder"):
        load_csl(tmp_path)


def test_partial_access_date_is_dropped() -> None:
    data = json.dumps([{"id": "a", "title": "T", "accessed": {"date-parts": [[2023]]}}])
    (source,) = load_csl(Path("r.json"), data=data.encode())
    assert source.accessed is None
