"""The bibliography: order (CMOS 14.66), unsigned periodical articles (14.207), the optional
3-em dash (14.68), and which titles take headline style (8.159)."""

from __future__ import annotations

from typing import Any

from sitrep.inline.nodes import plain_text
from sitrep.model.brief import Brief
from sitrep.model.source import Source
from sitrep.resolve import resolve
from sitrep.resolve.chicago import (
    CitedSource,
    bibliography_entries,
    bibliography_order,
    format_bibliography_entry,
    format_note,
)


def _src(**fields: Any) -> Source:
    return Source.model_validate({"id": fields.pop("id", "x"), **fields})


def _entries(sources: list[Source], dash: bool = False) -> list[str]:
    return [plain_text(entry) for _, entry in bibliography_entries(sources, repeat_dash=dash)]


def test_unsigned_articles_are_listed_and_sorted_under_the_periodical() -> None:
    unsigned = _src(
        id="nyt",
        type="news",
        title="In Texas, ad heats up race for governor",
        container="The New York Times",
        date="2002-07-30",
    )
    signed = _src(id="m", type="news", authors="Farhad Manjoo", title="Snap", container="NYT")
    lee = _src(id="lee", type="news", authors="Ann Lee", title="Zeta", container="Herald")
    entries = _entries([unsigned, signed, lee])
    # "The New York Times" sorts under N and prints without "The" (14.172)
    assert entries == [
        "Lee, Ann. “Zeta.” Herald, n.d.",
        "Manjoo, Farhad. “Snap.” NYT, n.d.",
        "New York Times. “In Texas, Ad Heats Up Race for Governor.” July 30, 2002.",
    ]
    # the note still starts with the title (14.207)
    assert plain_text(format_note([CitedSource(unsigned)])).startswith("“In Texas, Ad Heats")


def test_titles_and_organisations_sort_without_a_leading_article() -> None:
    sources = [
        _src(
            id="a", type="report", title="The Zebra Report", publisher="The Brookings Institution"
        ),
        _src(id="b", type="webpage", title="A Beginning"),
        _src(id="c", type="webpage", title="An Ant"),
        _src(id="d", type="report", title="Mid", publisher="Carnegie Endowment"),
    ]
    assert [s.id for s in bibliography_order(sources)] == ["c", "b", "a", "d"]


def test_three_em_dash_is_optional() -> None:
    one = _src(id="1", type="book", authors="Zadie Smith", title="Swing time", date="2016")
    two = _src(id="2", type="book", authors="Zadie Smith", title="White teeth", date="2000")
    other = _src(id="3", type="book", authors="Ali Smith", title="Autumn", date="2016")
    assert _entries([one, two, other]) == [
        "Smith, Ali. Autumn. 2016.",
        "Smith, Zadie. Swing Time. 2016.",
        "Smith, Zadie. White Teeth. 2000.",
    ]
    assert _entries([one, two, other], dash=True) == [
        "Smith, Ali. Autumn. 2016.",
        "Smith, Zadie. Swing Time. 2016.",
        "———. White Teeth. 2000.",
    ]


def test_a_brief_asks_for_the_dash() -> None:
    data = {
        "title": "T",
        "date": "2023-10-01",
        "standfirst": "[@1] [@2]",
        "bibliography": True,
        "bibliography_dash": True,
        "sources": [
            {"id": "1", "type": "book", "authors": "Zadie Smith", "title": "A", "date": "2016"},
            {"id": "2", "type": "book", "authors": "Zadie Smith", "title": "B", "date": "2000"},
        ],
    }
    entries = [plain_text(e.content) for e in resolve(Brief.model_validate(data)).bibliography]
    assert entries == ["Smith, Zadie. A. 2016.", "———. B. 2000."]


def test_editor_in_place_of_author() -> None:
    kelly = _src(
        type="book",
        editors="Lori Duin Kelly",
        title="The life and works of Elizabeth Stuart Phelps, Victorian feminist writer",
        place="Amherst, NY",
        publisher="Cambria Press",
        date="2014",
    )
    assert plain_text(format_note([CitedSource(kelly, "7")])) == (
        "Lori Duin Kelly, ed., The Life and Works of Elizabeth Stuart Phelps, Victorian Feminist "
        "Writer (Amherst, NY: Cambria Press, 2014), 7."
    )
    assert plain_text(format_note([CitedSource(kelly, "9", first=False)])) == (
        "Kelly, Life and Works, 9."
    )
    assert plain_text(format_bibliography_entry(kelly)).startswith("Kelly, Lori Duin, ed. The")
    two = kelly.model_copy(update={"editors": [*kelly.editors, *kelly.editors]})
    assert plain_text(format_bibliography_entry(two)).startswith(
        "Kelly, Lori Duin, and Lori Duin Kelly, eds."
    )


def test_volume_of_a_multivolume_book() -> None:
    book = _src(type="book", authors="Ann Lee", title="Wars", volume="2", place="X", publisher="Y",
                date="2001")  # fmt: skip
    assert plain_text(format_note([CitedSource(book)])) == "Ann Lee, Wars, vol. 2 (X: Y, 2001)."
    assert plain_text(format_bibliography_entry(book)) == "Lee, Ann. Wars. Vol. 2. X: Y, 2001."


def test_headline_style_is_not_for_posts_other_languages_or_titles_kept_as_given() -> None:
    post = _src(type="social", authors="Analyst", title="thread on the munitions", container="X")
    french = _src(type="news", title="la guerre en Ukraine", language="fr", container="Le Monde")
    kept = _src(type="news", title="the bad guys are winning", title_as_given=True)
    english = _src(type="news", title="the bad guys are winning", language="en-GB")
    assert "“thread on the munitions,”" in plain_text(format_note([CitedSource(post)]))
    assert plain_text(format_note([CitedSource(french)])).startswith("“la guerre en Ukraine,”")
    assert plain_text(format_note([CitedSource(kept)])).startswith("“the bad guys are winning,”")
    assert plain_text(format_note([CitedSource(english)])).startswith("“The Bad Guys Are Winning")
    assert plain_text(format_note([CitedSource(english, first=False)])) == (
        "“Bad Guys Are Winning.”"
    )


def test_the_dash_stands_for_the_names_before_ed_and_for_a_periodical() -> None:
    """Outside copy-edit (F10): "Heuer, Richards J., Jr., ed." below "Heuer, Richards J., Jr."
    is "———, ed." (14.69), after the person's own works and before works shared with others;
    a repeated unsigned periodical is dashed like any repeated name."""
    heuer = "Richards J. Heuer Jr."
    wrote = _src(id="w", type="book", authors=heuer, title="Psychology", date="1999")
    edited = _src(id="e", type="book", editors=heuer, title="Approaches", date="1978")
    shared = _src(id="s", type="book", authors=[heuer, "Randolph H. Pherson"], title="Aa",
                  date="2010")  # fmt: skip
    news = [_src(id=f"r{n}", type="news", container="Reuters", title=t, date="2024-01-27")
            for n, t in enumerate(["Houthis claim strike", "Ships turn back"])]  # fmt: skip
    assert _entries([shared, edited, wrote, *news], dash=True) == [
        "Heuer, Richards J., Jr. Psychology. 1999.",
        "———, ed. Approaches. 1978.",
        "Heuer, Richards J., Jr., and Randolph H. Pherson. Aa. 2010.",
        "Reuters. “Houthis Claim Strike.” January 27, 2024.",
        "———. “Ships Turn Back.” January 27, 2024.",
    ]


def test_sorting_is_letter_by_letter_and_periodicals_drop_the() -> None:
    """Outside copy-edit (F11): "U.S. Central Command" sorted before "UNCTAD"; *The Economist*
    kept its "The" in notes and bibliography (14.172, 14.191); a book's title keeps it."""
    centcom = _src(id="c", type="report", authors={"literal": "U.S. Central Command"}, title="B")
    unctad = _src(id="u", type="report", authors={"literal": "UNCTAD"}, title="A")
    assert [s.id for s in bibliography_order([centcom, unctad])] == ["u", "c"]
    article = _src(id="e", type="news", container="The Economist", date="2023-12-19",
                   title="Why the Houthis are attacking ships in the Red Sea")  # fmt: skip
    paper = _src(id="j", type="journal", authors="Ann Lee", container="The Washington Quarterly",
                 title="Sea", volume="47", date="2024")  # fmt: skip
    book = _src(id="b", type="book", authors="Ann Lee", title="The Economist at Sea")
    note = plain_text(format_note([CitedSource(article)]))
    assert note.startswith("“Why the Houthis Are Attacking Ships in the Red Sea,” Economist,")
    assert _entries([article])[0].startswith("Economist. “Why the Houthis")
    assert "Washington Quarterly 47" in plain_text(format_note([CitedSource(paper)]))
    assert plain_text(format_bibliography_entry(book)).startswith("Lee, Ann. The Economist at Sea")
