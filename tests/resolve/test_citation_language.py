"""Citation terms in the citation language, from the CSL locales (issue 18, items 3 and 4).

Checked on the files a user gets: the PDF's text (pdfplumber), the DOCX footnotes part, the
HTML and the Markdown, for a brief that cites every kind of source.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from importlib import resources
from typing import Any

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html
from markdown_it import MarkdownIt

import sitrep
from sitrep.inline.nodes import plain_text
from sitrep.model.source import Source, SourceType
from sitrep.resolve import resolve as sitrep_resolve
from sitrep.resolve.chicago import CitedSource, format_bibliography_entry, format_note
from sitrep.resolve.citation_terms import LANGUAGES, terms_for

NNBSP, NBSP = "\u202f", "\u00a0"


def _source(kind: str, **fields: Any) -> dict[str, Any]:
    return {"id": kind.replace("-", "_"), "type": kind, **fields}


SOURCES = [
    _source("news", title="Arms deal", authors=["Kevin Zhang", "Jane Lee"], language="en",
            container="Korea Herald", date="2023-09-19", url="https://example.org/news"),
    _source("webpage", title="About us", publisher="Yale University",
            accessed="2024-09-03", url="https://example.org/about"),
    _source("report", title="Annual threat", publisher="ODNI", place="Washington",
            date="2023-02-06"),
    _source("government", title="Sanctions notice", publisher="US Treasury", date="2023-11"),
    _source("press-release", title="Launch statement", publisher="Roscosmos",
            date="2023-09-13"),
    _source("book", title="Korean arms", authors=["Ann Park"], translators=["Bo Kim"],
            publisher="Penguin", place="London", date="2016", edition="2", volume="3"),
    _source("journal", title="Missile trade", authors=["Ann Park", "Bo Kim", "Cy Lo", "Di Ma"],
            container="Survival", volume="65", issue="2", date="2023-04", pages="10-20"),
    _source("social", title="Kim arrives at the cosmodrome", authors=["Reporter"],
            container="X", date="2023-09-13"),
    _source("video", title="Summit footage", container="YouTube", publisher="AP Archive",
            date="2023-09-14"),
    _source("dataset", title="Trade flows", publisher="UN Comtrade", date="2022"),
    _source("statement", title="Remarks without a date", publisher="Kremlin"),
    _source("interview", title="On the summit", authors=["Ji Da-gyum"], container="KBS",
            date="2023-09-20"),
    _source("chapter", title="The alliance", authors=["Lee Min"], container="East Asia",
            editors=["Ed One", "Ed Two"], publisher="OUP", place="Oxford", date="2020",
            pages="5-9"),
    _source("thesis", title="Arms for allies", authors=["Sam Roe"], publisher="SOAS",
            date="2019"),
    _source("book", id="edited", title="Collected papers", editors=["Mo Fa"],
            publisher="Brill", date="2010"),
]  # fmt: skip

# What each language prints: the terms, the months and the quotation marks.
EXPECTED = {
    "en": ["accessed September 3, 2024", "n.d.", "press release", "trans. Bo Kim",
           "2nd ed.", "vol. 3", "no. 2", "Ann Park et al.", "Kevin Zhang and Jane Lee",
           "in East Asia", "ed. Ed One and Ed Two", "edited by Ed One and Ed Two", "PhD diss.",
           "posted by AP Archive", "Fa, Mo, ed.", "September 19, 2023", "“Arms Deal,”"],
    "nl": ["geraadpleegd 3 september 2024", "z.d.", "persbericht", "vertaald door Bo Kim",
           "2de dr.", "vol. 3", "nr. 2", "Ann Park e.a.", "Kevin Zhang en Jane Lee",
           "in East Asia", "onder redactie van Ed One en Ed Two", "proefschrift",
           "geplaatst door AP Archive", "Fa, Mo, red.", "19 september 2023", "„Arms Deal”,"],
    "de": ["zugegriffen 3. September 2024", f"o.{NBSP}J.", "Pressemitteilung",
           "übers. von Bo Kim", "2. Aufl.", "Bd. 3", "Nr. 2", f"Ann Park u.{NBSP}a.",
           "Kevin Zhang und Jane Lee", "in East Asia", "hrsg. von Ed One und Ed Two",
           "herausgegeben von Ed One und Ed Two", "Dissertation", "veröffentlicht von AP Archive",
           "Fa, Mo, Hrsg.", "19. September 2023", "„Arms Deal“,"],
    "fr": ["consulté le 3 septembre 2024", f"s.{NBSP}d.", "communiqué de presse",
           "trad. par Bo Kim", "2ᵉ éd.", "vol. 3", "nᵒ 2", "Ann Park et al.",
           "Kevin Zhang et Jane Lee", "in East Asia", "éd. par Ed One et Ed Two",
           "édité par Ed One et Ed Two", "thèse de doctorat", "publié par AP Archive",
           "Fa, Mo, éd.", "19 septembre 2023", f"«{NNBSP}Arms Deal{NNBSP}»,"],
}  # fmt: skip

ENGLISH_TERMS = ["accessed", "n.d.", "press release", "ed.", "eds.", "trans.", "edited by",
                 "translated by", "no.", "vol.", "and", "et al.", "PhD diss.", "posted by",
                 "in", *(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13))]  # fmt: skip


def leaked_english(text: str, language: str) -> list[str]:
    """The English citation terms in `text` that are not also words of `language`'s terms."""
    own = " ".join(str(v) for v in terms_for(language).words.values()).casefold()
    own_words = set(re.findall(r"[\w.]+", own))
    leaked = []
    for term in ENGLISH_TERMS:
        if term.casefold() in own_words or term.casefold() in own:
            continue  # "in", "vol.", "et al." (fr), "September" (de) are theirs too
        if re.search(rf"(?<![\w.]){re.escape(term)}(?![\w])", text, re.IGNORECASE):
            leaked.append(term)
    return leaked


def brief(language: str, **extra: Any) -> sitrep.Brief:
    events = [
        {"date": "2023-09-13", "text": f"Event {i} was reported. [@{s['id']}]"}
        for i, s in enumerate(SOURCES)
    ]
    data = {
        "template": "analysis",
        "title": "Localised citations",
        "date": "2023-09-21",
        "language": language,
        "where": "Vostochny",
        "who": ["Kim Jong Un"],
        "what": events,
        "assessment": "Again. [@news, p. 4]",
        "bibliography": True,
        "sources": SOURCES,
        **extra,
    }
    return sitrep.Brief.model_validate(data)


def flat(text: str) -> str:
    """Whitespace-free text: PDF lines break anywhere, and a footnote may run over a page."""
    return re.sub(r"[\s\u00ad]+", "", text)


# -- the terms themselves ------------------------------------------------------------------------


def _notes_and_entries(language: str) -> str:
    sources = [Source.model_validate(s) for s in SOURCES]
    out = []
    for source in sources:
        out.append(plain_text(format_note([CitedSource(source)], language=language)))
        out.append(plain_text(format_bibliography_entry(source, language=language)))
    return "\n".join(out)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_kind_takes_the_terms_of_the_language(language: str) -> None:
    text = _notes_and_entries(language)
    missing = [term for term in EXPECTED[language] if term not in text]
    assert not missing, text
    if language != "en":
        assert leaked_english(text, language) == [], text


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "“The Bad Guys Are Winning,”"), ("en-GB", "“The Bad Guys Are Winning,”"),
     ("fr", f"«{NNBSP}the bad guys are winning{NNBSP}»,"), ("it", "“the bad guys are winning,”"),
     ("de", "„the bad guys are winning“,")],
)  # fmt: skip
def test_a_title_without_a_language_is_taken_to_be_in_the_citation_language(
    language: str, title: str
) -> None:
    """English headline capitals only where the title is English: a French brief's untagged
    sources are French (CSL reads an item without a language in the style's locale), and
    Italian, which has no citation terms of its own, is still not English."""
    source = Source.model_validate(
        {"id": "a", "type": "news", "title": "the bad guys are winning", "container": "Le Monde"}
    )
    note = plain_text(format_note([CitedSource(source)], language=language))
    assert title in note
    tagged = source.model_copy(update={"language": "en"})
    tagged_note = plain_text(format_note([CitedSource(tagged)], language=language))
    assert "Bad Guys Are Winning" in tagged_note


def test_a_regional_tag_takes_its_language_and_an_unknown_language_english() -> None:
    sources = [Source.model_validate(SOURCES[1])]
    note = plain_text(format_note([CitedSource(sources[0])], language="de-AT"))
    assert "zugegriffen 3. September 2024" in note
    note = plain_text(format_note([CitedSource(sources[0])], language="ko"))
    assert "accessed September 3, 2024" in note


def test_quotes_inside_a_title_become_the_inner_quotes_of_the_language() -> None:
    source = Source.model_validate(
        _source("news", title='The "new" deal', container="Herald", language="fr")
    )
    notes = {lang: plain_text(format_note([CitedSource(source)], language=lang))
             for lang in LANGUAGES}  # fmt: skip
    assert notes["en"].startswith("“The ‘new’ deal,”")
    assert notes["nl"].startswith("„The ‚new’ deal”,")
    assert notes["de"].startswith("„The ‚new‘ deal“,")
    assert notes["fr"].startswith(f"«{NNBSP}The “new” deal{NNBSP}»,")


@pytest.mark.parametrize(
    ("language", "opening", "closing"),
    [("de-CH", "«", "»"), ("fr-CH", "«", "»"), ("nl", "„", "”"), ("de", "„", "“"),
     ("it", "“", "”")],
)  # fmt: skip
def test_a_quoted_title_takes_the_marks_of_the_body(
    language: str, opening: str, closing: str
) -> None:
    """Outside test find (#18): a de-CH brief set « » in its text and „ “ in its notes. The
    notes now take the marks the body uses for the same language; a language without citation
    terms of its own (Italian) has English notes, with English marks."""
    source = Source.model_validate(_source("news", title="Zollabkommen", container="NZZ"))
    note = plain_text(format_note([CitedSource(source)], language=language))
    assert note.startswith(opening + "Zollabkommen"), note
    assert closing + ", NZZ" in note or (closing == "”" and ",” NZZ" in note), note
    if language != "it":  # Italian text has Italian marks; its notes are English
        body = sitrep.Brief.model_validate(
            {"title": "T", "date": "2024-01-01", "language": language, "assessment": 'Sagte "ja".'}
        )
        assessment = sitrep_resolve(body).text("assessment")
        assert assessment is not None
        assert f"{opening}ja{closing}" in plain_text(assessment.paragraphs[0].children)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Waterstaat: ‘Dijken zijn sterk’", "„Waterstaat: ‚Dijken zijn sterk‘“"),
     ("The ’90s and Kim’s ‘new’ deal", "„The ’90s and Kim’s ‚new‘ deal“")],
)  # fmt: skip
def test_curly_quotes_typed_in_a_title_take_the_inner_marks_of_the_language(
    title: str, expected: str
) -> None:
    """Outside test find: a title copied with English curly quotes kept them in a German note;
    straight ones typed became ‚ ‘. Apostrophes stay apostrophes."""
    source = Source.model_validate(_source("news", title=title, container="NOS", language="nl"))
    note = plain_text(format_note([CitedSource(source)], language="de"))
    assert note.startswith(expected), note


def test_a_title_ending_in_a_question_mark_takes_no_period_after_the_quote() -> None:
    source = Source.model_validate(
        _source("news", title="Arms deal?", authors=["A B"], language="en")
    )
    entry = plain_text(format_bibliography_entry(source, language="de"))
    assert "„Arms Deal?“ " in entry or entry.endswith("„Arms Deal?“")
    assert "?“." not in entry


def test_the_csl_extract_carries_its_attribution() -> None:
    data = json.loads(
        resources.files("sitrep.resolve").joinpath("csl_terms.json").read_text("utf-8")
    )
    assert "citationstyles.org" in data["about"]
    assert "by-sa/3.0" in data["about"]
    for locale in data["locales"].values():
        assert locale["translators"] or locale["source"] == "locales-en-US.xml"
        assert "by-sa/3.0" in locale["license"]


# -- no English term leaks into a note in another language (hypothesis) --------------------------

# Field values are drawn from letters no English citation term can be spelt from.
_WORD = st.text(alphabet="bcfghjkmqxzBCFGHJKMQXZ", min_size=1, max_size=8)
_WORDS = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_PEOPLE = st.lists(st.builds(lambda a, b: f"{a} {b}", _WORD, _WORD), max_size=5)
_DAY = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)


@st.composite
def random_source(draw: st.DrawFn) -> Source:
    fields: dict[str, Any] = {
        "id": "s",
        "type": draw(st.sampled_from(list(SourceType))).value,
        "title": draw(_WORDS),
        "authors": draw(_PEOPLE),
    }
    for name, strategy in [
        ("editors", _PEOPLE),
        ("translators", _PEOPLE),
        ("container", _WORDS),
        ("publisher", _WORDS),
        ("place", _WORDS),
        ("date", _DAY),
        ("accessed", _DAY),
        ("edition", st.integers(1, 120).map(str)),
        ("volume", st.integers(1, 40).map(str)),
        ("issue", st.integers(1, 12).map(str)),
        ("pages", st.integers(1, 900).map(str)),
    ]:
        if draw(st.booleans()):
            fields[name] = draw(strategy)
    return Source.model_validate(fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=random_source(), language=st.sampled_from(["nl", "de", "fr", "nl-BE", "de-CH"]),
       first=st.booleans())  # fmt: skip
def test_no_english_term_leaks_into_a_note_in_another_language(
    source: Source, language: str, first: bool
) -> None:
    note = plain_text(format_note([CitedSource(source, first=first)], language=language))
    entry = plain_text(format_bibliography_entry(source, language=language))
    assert leaked_english(note, language) == [], note
    assert leaked_english(entry, language) == [], entry
    # and citation_language: en keeps them English
    english = plain_text(format_note([CitedSource(source, first=True)], language="en"))
    assert not any(mark in english for mark in ("„", "«", "z.d.", "geraadpleegd"))


# -- on the real output -------------------------------------------------------------------------


def html_text(data: str) -> str:
    return str(html.fromstring(data).text_content())


def docx_notes(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
        document = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(t.text or "" for part in (footnotes, document) for t in part.iter(f"{w}t"))


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def _output(fmt: str, language: str, **extra: Any) -> str:
    rendered = sitrep.render(brief(language, **extra), fmt)
    if fmt == "pdf":
        assert isinstance(rendered, bytes)
        return pdf_text(rendered)
    if fmt == "docx":
        assert isinstance(rendered, bytes)
        return docx_notes(rendered)
    text = rendered.decode("utf-8") if isinstance(rendered, bytes) else str(rendered)
    if fmt == "md":  # as markdown-it shows it: "in *East Asia*" reads "in East Asia"
        text = MarkdownIt("commonmark").render(text)
    return html_text(text)


def _comparable(text: str) -> str:
    """NFKC (the PDF's text layer has plain letters for ᵉ and no-break spaces), no spaces."""
    return flat(unicodedata.normalize("NFKC", text))


FORMATS = ["html", "md", "docx", pytest.param("pdf", marks=pytest.mark.slow)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_notes_and_bibliography_in_each_format_use_the_language(fmt: str, language: str) -> None:
    text = _output(fmt, language)
    found = _comparable(text)
    missing = [term for term in EXPECTED[language] if _comparable(term) not in found]
    assert not missing, text


def _citations_only(fmt: str, language: str) -> str:
    """The notes and bibliography as a user gets them, without the labels around them."""
    rendered = sitrep.render(brief(language), fmt)
    assert isinstance(rendered, bytes)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(rendered)) as package:
            footnotes = etree.fromstring(package.read("word/footnotes.xml"))
        return " ".join("".join(t.itertext()) for t in footnotes)
    if fmt == "md":
        notes = re.findall(r"^\[\^\d+\]: (.*)$", rendered.decode("utf-8"), re.MULTILINE)
        return html_text(MarkdownIt("commonmark").render("\n\n".join(notes)))
    tree = html.fromstring(rendered.decode("utf-8"))
    parts = tree.xpath('//*[contains(@class, "footnote")] | //ul[@class="bibliography"]')
    assert parts
    return " ".join(part.text_content() for part in parts)


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
@pytest.mark.parametrize("language", ["nl", "de", "fr"])
def test_no_english_citation_term_in_the_notes_of_a_render(fmt: str, language: str) -> None:
    text = _citations_only(fmt, language)
    assert "Sam Roe" in text  # the notes were found
    assert leaked_english(text, language) == [], text


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_citation_language_en_keeps_english_citations_in_a_dutch_brief(fmt: str) -> None:
    text = _output(fmt, "nl", citation_language="en")
    found = _comparable(text)
    assert all(_comparable(term) in found for term in EXPECTED["en"]), text
    assert "geraadpleegd" not in text and "z.d." not in text


def test_long_dates_of_a_dutch_brief_in_every_format() -> None:
    for fmt in ("html", "md", "docx"):
        text = _output(fmt, "nl", date_format="long")
        assert "21 september 2023" in text, fmt
        assert "13 september 2023" in text, fmt  # the events' dates


def test_citation_language_round_trips() -> None:
    original = brief("nl", citation_language="en")
    again = sitrep.Brief.model_validate(json.loads(sitrep.dumps(original, "json")))
    assert again.citation_language == "en"
    assert again == original
