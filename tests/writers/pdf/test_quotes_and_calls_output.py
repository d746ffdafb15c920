"""Typography and note calls as a reader sees them, in all four formats (issue 10, second round).

Each brief was written by an outside tester; every check reads the finished output (the PDF's
characters with pdfplumber, the DOCX's XML parts, the HTML and the Markdown), not the resolver.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import yaml
from markupsafe import escape

import sitrep
from sitrep.resolve import resolve
from sitrep.writers import get_writer
from sitrep.writers.options import RenderOptions

CALL_SIZE = 6.5  # base.css: .footnote::footnote-call


def _render(tmp_path: Path, fields: dict[str, Any], name: str = "brief.yaml") -> dict[str, str]:
    """The brief's visible text per format: PDF text, DOCX document+footnotes, HTML, Markdown."""
    path = tmp_path / name
    if name.endswith(".md"):
        path.write_text(fields["markdown"], encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    resolved = resolve(sitrep.load(path))
    out: dict[str, str] = {}
    for format in ("pdf", "docx", "html", "md"):
        data = get_writer(format)(resolved, RenderOptions(warn=lambda _m: None))
        if format == "pdf":
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                out["pdf"] = "\n".join(page.extract_text() or "" for page in pdf.pages)
                out["pdf-calls"] = " ".join(
                    "".join(c["text"] for c in page.chars if abs(c["size"] - CALL_SIZE) < 0.25)
                    for page in pdf.pages
                )
        elif format == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as docx:
                document = docx.read("word/document.xml").decode()
                notes = (
                    docx.read("word/footnotes.xml").decode()
                    if "word/footnotes.xml" in (docx.namelist())
                    else ""
                )
            out["docx-xml"] = document
            out["docx"] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document + notes))
        else:
            out[format] = data.decode()
    return out


SOURCE = {
    "id": "a",
    "title": "L'\"Eagle S\" et l'ancre",
    "publisher": "Yle",
    "date": "2023-10-10",
    "url": "https://yle.fi/a/123",
}


def test_a_citation_followed_by_an_inline_note_is_one_call(tmp_path: Path) -> None:
    out = _render(
        tmp_path,
        {
            "title": "Cable damage",
            "date": "2023-10-12",
            "template": "analysis",
            "sources": [SOURCE],
            "what": [{"date": "2023-10-08", "text": "Seen [@a]^[Crew lists unknown.] nearby."}],
        },
    )
    assert out["pdf-calls"].split() == ["1"], out["pdf-calls"]  # never "12"
    assert "Crew lists unknown." in out["pdf"] and "\n2." not in out["pdf"]
    assert out["docx-xml"].count("<w:footnoteReference ") == 1
    assert out["html"].count('class="note-ref"') == 1
    assert "[^2]" not in out["md"] and re.search(r"\[\^1\]: .*Yle.*Crew lists unknown\.", out["md"])
    for format in ("pdf", "docx", "html", "md"):
        assert "Crew lists unknown." in out[format], format


def test_quotes_typed_inside_a_pull_quote_become_the_nested_kind(tmp_path: Path) -> None:
    markdown = (
        "---\ntitle: Cable damage\ndate: 2023-10-12\ntemplate: analysis\n---\n\n"
        "## Background\n\nAnalysts said it was “deliberate”.\n\n"
        '> “These were not “accidents” at all, nor "mishaps".”\n> — Ann Lee, analyst\n'
    )
    out = _render(tmp_path, {"markdown": markdown}, "brief.md")
    for format in ("pdf", "docx", "html", "md"):
        text = out[format]
        assert "not ‘accidents’ at all, nor ‘mishaps’." in text, format
        assert "“accidents”" not in text and "“mishaps”" not in text, format


def test_elision_before_a_quote_in_french_german_and_english(tmp_path: Path) -> None:
    expected = {"fr": "L’«\u202fEagle S\u202f»", "de": "L’„Eagle S“", "en": "L’“Eagle S”"}
    # notes follow the brief's language: the title in its quotes, the nested ones inside
    in_note = {"fr": "«\u202fL’“Eagle S” ", "de": "„L’‚Eagle S‘ ", "en": "“L’‘Eagle S’ "}
    for language, want in expected.items():
        out = _render(
            tmp_path,
            {
                "title": "Cable damage",
                "date": "2023-10-12",
                "template": "analysis",
                "language": language,
                "sources": [SOURCE],
                "what": [{"date": "2023-10-08", "text": 'L\'"Eagle S" was named [@a].'}],
            },
        )
        for format in ("docx", "html", "md"):
            assert want in out[format], (language, format)
            # the source title inside Chicago's “…”: the nested quote opens after the elision
            assert in_note[language] in out[format], (language, format)
            assert "’’" not in out[format], (language, format)
        pdf = out["pdf"].replace("\u202f", " ")
        assert want.replace("\u202f", " ") in pdf and "’’" not in pdf, language


def test_smart_quotes_off_keeps_source_titles_as_typed(tmp_path: Path) -> None:
    out = _render(
        tmp_path,
        {
            "title": 'Cable "damage"',
            "date": "2023-10-12",
            "template": "analysis",
            "smart_quotes": False,
            "sources": [SOURCE],
            "what": [{"date": "2023-10-08", "text": 'The "Eagle S" was seen [@a].'}],
        },
    )
    for format in ("pdf", "docx", "html", "md"):
        text = out[format].replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'")
        text = text.replace("&#x27;", "'")
        # in the note and the bibliography: straight marks, still nested (CMOS 13.30)
        assert "\"L''Eagle S' " in text, format
        assert not set("“”‘’") & set(text.replace("Cable", "")), (
            format,
            sorted({c for c in text if c in "“”‘’"}),
        )


def test_single_quotes_typed_in_a_pull_quote_stay_the_inner_kind(tmp_path: Path) -> None:
    expected = {
        "en": "“We won’t give up ‘our’ water, and ‘they’ know it.”",
        "de": "„We won’t give up ‚our‘ water, and ‚they‘ know it.“",
        "fr": "«\u202fWe won’t give up “our” water, and “they” know it.\u202f»",
        "nl": "„We won’t give up ‚our’ water, and ‚they’ know it.”",
    }
    for language, want in expected.items():
        out = _render(
            tmp_path,
            {
                "title": "Dam releases",
                "date": "2024-10-01",
                "template": "analysis",
                "language": language,
                "sections": [
                    {
                        "heading": "Talks",
                        "body": "Talks resumed.",
                        "quotes": [
                            {
                                "text": "We won't give up \"our\" water, and 'they' know it.",
                                "speaker": "Ama Mensah",
                            }
                        ],
                    }
                ],
            },
        )
        for format in ("pdf", "docx", "html", "md"):
            text = out[format].replace("\u202f", " ") if format == "pdf" else out[format]
            wanted = want.replace("\u202f", " ") if format == "pdf" else want
            assert wanted in text, (language, format)


def test_smart_quotes_off_nests_straight_quotes_and_pull_quotes_are_straight(
    tmp_path: Path,
) -> None:
    out = _render(
        tmp_path,
        {
            "title": "Dam releases",
            "date": "2024-10-01",
            "template": "analysis",
            "smart_quotes": False,
            "sources": [
                {
                    "id": "a",
                    "author": "Ann Lee",
                    "title": 'The "Green" River\'s Future',
                    "publisher": "Basin Institute",
                    "date": "2024-05-01",
                }
            ],
            "sections": [
                {
                    "heading": "Talks",
                    "body": "Releases rose.[@a] Again.[@a]",
                    "quotes": [{"text": "We won't give up.", "speaker": "Ama Mensah"}],
                }
            ],
        },
    )
    for format in ("pdf", "docx", "html", "md"):
        text = out[format].replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'")
        text = text.replace("&#x27;", "'")
        assert "\"The 'Green' River's Future,\"" in text, format
        assert "Lee, \"'Green' River's Future.\"" in text, format
        assert '"We won\'t give up."' in text, format
        assert not set("“”‘’") & set(text), (format, sorted({c for c in text if c in "“”‘’"}))


def test_rock_n_roll_prints_two_apostrophes_in_every_format(tmp_path: Path) -> None:
    out = _render(
        tmp_path,
        {
            "title": "Dam releases",
            "date": "2024-10-01",
            "assessment": "Rock 'n' roll at the dam, fish 'n' chips after.",
        },
    )
    for format in ("pdf", "docx", "html", "md"):
        assert "Rock ’n’ roll at the dam, fish ’n’ chips after." in out[format], format


def test_a_url_with_quotes_never_breaks_after_its_hyphen(tmp_path: Path) -> None:
    url = "https://example.org/o'connor/\"green\"-river_future~draft.html?x=1&y='2'#top"
    long_piece = "https://example.org/a/-" + "c" * 60 + "-" + "d" * 60 + ".html"
    sources = [
        {
            "id": key,
            "author": "Seán O'Connor",
            "title": title,
            "publisher": "Basin Institute",
            "date": "2024-05-01",
            "url": address,
        }
        for key, title, address in [
            ("a", "The Green River's Future", url),
            ("b", "The Green River's Past and the Irrigation Works", long_piece),
        ]
    ]
    out = _render(
        tmp_path,
        {
            "title": "Dam releases",
            "date": "2024-10-01",
            "assessment": "Releases rose.[@a][@b]",
            "sources": sources,
        },
    )
    lines = out["pdf"].splitlines()
    assert not [line for line in lines if line.endswith("-")], lines  # CMOS 14.18
    assert url in out["pdf"].replace("\n", ""), lines
    assert f'href="{escape(url)}"' in out["html"]  # the link and its text stay as typed
    assert f"{escape(url)}</a>" not in out["html"]  # the text is in unbreakable pieces


def test_a_call_after_a_pull_quotes_final_period_prints_after_the_closing_mark(
    tmp_path: Path,
) -> None:
    out = _render(
        tmp_path,
        {
            "title": "Dam releases",
            "date": "2024-10-01",
            "template": "analysis",
            "sources": [{"id": "a", "title": "Flows", "type": "news", "container": "W"}],
            "sections": [
                {
                    "heading": "Talks",
                    "body": "Talks resumed.",
                    "quotes": [
                        {"text": "We will not\n\ngive up our water.[@a]", "speaker": "Ama Mensah"}
                    ],
                }
            ],
        },
    )
    assert "“We will not" in out["pdf"] and "“give up our water.”1" in out["pdf"], out["pdf"]
    assert out["pdf-calls"].split() == ["1"]
    assert "“give up our water.”[^1]" in out["md"]
    assert re.search("“give up our water.”\u2060?<a [^>]*note-ref", out["html"])
    xml = out["docx-xml"]
    after_text = xml[xml.index("give up our water.") :]
    assert after_text.index(">”</w:t>") < after_text.index("<w:footnoteReference ")
    assert "“give up our water.”" in out["docx"]


def test_addresses_keep_their_quotes_and_feet_and_inches_are_primes(tmp_path: Path) -> None:
    out = _render(
        tmp_path,
        {
            "title": "T",
            "date": "2024-10-01",
            "assessment": (
                "See https://example.org/it's/\"x\" and mail o'neil@example.org. He is 5'10\" tall."
            ),
        },
    )
    for format in ("pdf", "docx", "html", "md"):
        text = out[format].replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
        text = re.sub(r"<[^>]+>", "", text.replace("\\@", "@")) if format == "html" else text
        text = text.replace("\\@", "@")
        assert 'https://example.org/it\'s/"x"' in text, format
        assert "o'neil@example.org" in text, format
        assert "5′10″ tall" in text, format
