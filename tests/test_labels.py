"""The label catalogue: complete gettext catalogs for en, nl, de and fr, region tags, the
fallback to English, and a house style's own catalogs (docs/localization.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import sitrep
from sitrep.errors import RenderError
from sitrep.labels import (
    ENGLISH,
    LAYOUT_WORDING,
    LOCALE_DIR,
    Labels,
    base_language,
    catalog_languages,
    labels_for,
    missing_catalog_warning,
    safe_format,
)
from sitrep.labels.po_files import compile_po, mo_bytes
from sitrep.model.judgment import Confidence, Likelihood
from sitrep.model.scales import SCALES, ScaleName
from sitrep.model.tradecraft import IndicatorStatus

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = ("nl", "de", "fr")
PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")


def messages() -> dict[str, str]:
    found = dict(ENGLISH)
    for layout, wording in LAYOUT_WORDING.items():
        found.update({f"{layout}:{key}": text for key, text in wording.items() if text})
    return found


def test_the_packaged_catalogs_are_en_nl_de_fr() -> None:
    assert catalog_languages() == {"en", "nl", "de", "fr"}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language: str) -> None:
    with (LOCALE_DIR / f"{language}.po").open("rb") as po:
        catalog = read_po(po)
    entries = {m.context: m for m in catalog if m.id}
    wanted = messages()
    assert set(entries) == set(wanted), "run scripts/update_catalogs.py"
    untranslated = [
        key for key, m in entries.items() if not m.string or m.fuzzy or m.id != wanted[key]
    ]
    assert not untranslated, f"{language}.po: translate {untranslated}"
    for key, m in entries.items():
        assert set(PLACEHOLDER.findall(str(m.string))) == set(PLACEHOLDER.findall(str(m.id))), key


def test_the_english_catalog_says_what_the_code_says() -> None:
    labels = labels_for("en", "analysis")
    assert labels.what == "Timeline" and labels.key_judgments == ENGLISH["key_judgments"]
    assert labels_for("en", "intel-brief").messages() == {**ENGLISH}


def test_the_catalogs_are_up_to_date_with_the_code() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dutch_headings_read_as_a_dutch_editor_writes_them() -> None:
    labels = labels_for("nl", "intel-brief")
    assert labels.what == "Wat is er gebeurd?"
    assert labels.key_judgments == "Kernoordelen"
    assert labels.assessment == "Beoordeling"
    assert labels.bibliography == "Bronnen"
    assert labels.format("page", page=1, pages=3) == "Pagina 1 van 3"
    assert labels.page_parts() == ("Pagina ", " van ", "")
    assert labels.status(IndicatorStatus.PARTLY) == "Deels waargenomen"
    assert labels.grade_meaning("Usually reliable", "Probably true") == (
        "Meestal betrouwbaar; waarschijnlijk juist"
    )


def test_a_german_credibility_keeps_its_capital_nouns() -> None:
    assert (
        labels_for("de", "intel-brief").grade_meaning(
            "Completely reliable", "Confirmed by other sources"
        )
        == "Vollkommen zuverlässig; durch andere Quellen bestätigt"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_scale_term_and_confidence_has_a_translation(language: str) -> None:
    labels, english = labels_for(language, "intel-brief"), labels_for("en", "intel-brief")
    for scale in SCALES.values():
        for term in scale.terms:
            key = f"likelihood.{term.term}"
            assert key in ENGLISH, key
            assert labels[key] != english[key] or labels[key] in ("Status",), key
    for confidence in Confidence:
        assert labels.confidence_level(confidence)


@pytest.mark.parametrize(
    "tag,base", [("nl-BE", "nl"), ("de-AT", "de"), ("fr-CA", "fr"), ("NL", "nl"), ("en-US", "en")]
)
def test_a_region_tag_reads_its_base_language_without_a_warning(tag: str, base: str) -> None:
    assert base_language(tag) == base
    assert labels_for(tag, "article").messages() == labels_for(base, "article").messages()
    assert missing_catalog_warning(tag) is None


def test_the_missing_catalog_warning_names_the_language() -> None:
    warning = missing_catalog_warning("pt-BR")
    assert warning is not None and "'pt-BR'" in warning and "English" in warning
    assert (
        labels_for("pt-BR", "intel-brief").messages() == labels_for("en", "intel-brief").messages()
    )


@given(
    st.from_regex(r"\A[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}\Z"),
    st.sampled_from(["intel-brief", "analysis", "article", "my-layout"]),
)
def test_any_language_tag_gets_complete_labels(tag: str, layout: str) -> None:
    """Every key has a message whose placeholders format, whatever the tag."""
    labels = labels_for(tag, layout)
    assert set(labels.messages()) >= set(ENGLISH)
    assert labels.page_parts()[0] is not None
    labels.figure(3)
    labels.byline(["A", "B"], "Org")
    labels.coordinates(51.5, -0.1)
    labels.judgments_note("ICD 203")
    assert (missing_catalog_warning(tag) is None) == (base_language(tag) in catalog_languages())


# -- a house style's own catalogs ---------------------------------------------------------------

SPANISH = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: es\\n"

msgctxt "what"
msgid "What happened?"
msgstr "¿Qué ha pasado?"

msgctxt "key_judgments"
msgid "Key judgments"
msgstr "Juicios clave"

msgctxt "page"
msgid "Page {page} of {pages}"
msgstr "Página {page} de {pages}"
"""

OVERRIDE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "key_judgments"
msgid "Key judgments"
msgstr "Belangrijkste bevindingen"
"""


def _house(tmp_path: Path, files: dict[str, str]) -> Path:
    house = tmp_path / "house"
    (house / "locale").mkdir(parents=True)
    for name, text in files.items():
        (house / "locale" / name).write_text(text, encoding="utf-8")
    return house


def _brief(language: str) -> sitrep.Brief:
    brief = sitrep.load(ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml")
    return brief.model_copy(update={"language": language})


def test_a_house_style_adds_a_language(tmp_path: Path) -> None:
    house = _house(tmp_path, {"es.po": SPANISH})
    warnings: list[str] = []
    page = sitrep.render(_brief("es"), "html", template=house, warn=warnings.append)
    assert isinstance(page, bytes)
    text = page.decode()
    assert "¿Qué ha pasado?" in text and "Juicios clave" in text
    assert '"P\\0000e1gina "' in text or "Página" in text  # the page counter's words
    assert ENGLISH["assessment"] in text  # untranslated messages stay English
    assert warnings == []


def test_a_house_style_overrides_one_label(tmp_path: Path) -> None:
    house = _house(tmp_path, {"nl.po": OVERRIDE})
    labels = labels_for("nl", "intel-brief", house)
    assert labels.key_judgments == "Belangrijkste bevindingen"
    assert labels.assessment == "Beoordeling"  # the rest from sitrep's Dutch catalog
    assert labels_for("nl", "intel-brief").key_judgments == "Kernoordelen"  # cache untouched
    markdown = sitrep.render(_brief("nl-BE"), "md", template=house)
    assert isinstance(markdown, bytes) and b"## Belangrijkste bevindingen" in markdown


def test_a_house_catalog_with_a_wrong_placeholder_is_refused(tmp_path: Path) -> None:
    broken = (
        OVERRIDE.replace("Key judgments", "Figure {number}")
        .replace('"key_judgments"', '"figure"')
        .replace("Belangrijkste bevindingen", "Figuur {nummer}")
    )
    house = _house(tmp_path, {"nl.po": broken})
    with pytest.raises(RenderError, match=r"nl\.po:\d+: .*'figure'.*\{nummer\}.*\{number\}"):
        labels_for("nl", "intel-brief", house)


def test_a_house_catalog_that_is_not_a_po_file_is_refused(tmp_path: Path) -> None:
    house = _house(tmp_path, {"nl.po": 'msgid "a"\nmsgstr "b" "\n\x00garbage'})
    with pytest.raises(RenderError, match=r"nl\.po: not a readable gettext catalog"):
        sitrep.render(_brief("nl"), "md", template=house)


def _figure_catalog(translation: str) -> str:
    return (
        OVERRIDE.replace("Key judgments", "Figure {number}")
        .replace('"key_judgments"', '"figure"')
        .replace("Belangrijkste bevindingen", translation)
    )


@pytest.mark.parametrize(
    "translation",
    [
        "Figuur {number.__class__.__mro__}",
        "Figuur {number.real.__doc__}",
        "Figuur {number[0]}",
        "Figuur {number:>9999999}",
        "Figuur {number!r}",
        "Figuur {0}",
        "Figuur {}",
        "Figuur {{number}} {number",
        "Figuur {number}}",
    ],
)
def test_a_house_catalog_field_other_than_a_plain_placeholder_is_refused(
    tmp_path: Path, translation: str
) -> None:
    house = _house(tmp_path, {"nl.po": _figure_catalog(translation)})
    with pytest.raises(RenderError, match=r"nl\.po:\d+: the translation of 'figure'"):
        sitrep.render(_brief("nl"), "md", template=house)


def test_a_house_catalog_may_escape_braces(tmp_path: Path) -> None:
    house = _house(tmp_path, {"nl.po": _figure_catalog("Figuur {{{number}}}")})
    labels = labels_for("nl", "intel-brief", house)
    assert labels.figure(3) == "Figuur {3}"
    assert labels.figure_parts(3)[0] == "Figuur {"


def test_a_placeholder_twice_is_refused(tmp_path: Path) -> None:
    house = _house(tmp_path, {"nl.po": _figure_catalog("Figuur {number} ({number})")})
    with pytest.raises(RenderError, match=r"nl\.po:\d+: .*'\{number\}' twice"):
        labels_for("nl", "intel-brief", house)


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_the_page_counter_reads_in_the_catalog_order(language: str) -> None:
    labels = labels_for(language, "intel-brief")
    before, middle, after = labels.page_parts()
    first, second = labels.page_order()
    numbers = {first: "7", second: "9"}
    assert before + numbers[first] + middle + numbers[second] + after == labels.format(
        "page", page=numbers["page"], pages=numbers["pages"]
    )


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_the_packaged_catalogs_pass_the_house_checks(language: str) -> None:
    compile_po(LOCALE_DIR / f"{language}.po")


def test_formatting_never_looks_up_an_attribute() -> None:
    with pytest.raises(RenderError):
        safe_format("{number.__class__}", {"number": 1})
    assert safe_format("{lat:.2f}", {"lat": 1.0}) == "1.00"


def test_a_house_catalog_with_a_syntax_error_is_refused(tmp_path: Path) -> None:
    broken = _figure_catalog("Afb {number}")
    broken = broken.replace('msgid "Figure {number}"', 'msgid "Figure {number}')
    house = _house(tmp_path, {"nl.po": broken})
    with pytest.raises(RenderError, match=r"nl\.po: not a readable gettext catalog \(line 6: "):
        sitrep.render(_brief("nl"), "md", template=house)


def test_a_label_cannot_break_out_of_the_page_counter_css(tmp_path: Path) -> None:
    hostile = (
        OVERRIDE.replace('"key_judgments"', '"page"')
        .replace('msgid "Key judgments"', 'msgid "Page {page} of {pages}"')
        .replace(
            "Belangrijkste bevindingen",
            'P\\\\\\" {page} }} </style><script>x</script> body {{ display: none }} \\" {pages}',
        )
    )
    house = _house(tmp_path, {"nl.po": hostile})
    page = sitrep.render(_brief("nl"), "html", template=house)
    assert isinstance(page, bytes)
    assert b"<script>" not in page and page.count(b"</style>") == 1
    assert b"body { display: none }" not in page  # the label stays one CSS string


def test_labels_is_imported_lazily() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sitrep; print('gettext' in sys.modules, "
            "'babel' in sys.modules, 'sitrep.labels' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["False", "False", "False"]


def test_labels_keeps_its_interface() -> None:
    assert isinstance(labels_for("fr", "analysis"), Labels)


def test_a_house_catalog_for_a_region_alone_counts_as_a_catalog(tmp_path: Path) -> None:
    house = _house(tmp_path, {"pt-BR.po": SPANISH.replace("Language: es", "Language: pt-BR")})
    assert missing_catalog_warning("pt-BR", house) is None
    assert labels_for("pt-BR", "intel-brief", house).key_judgments == "Juicios clave"
    assert missing_catalog_warning("pt-PT", house) is not None  # another region: no catalog


def test_a_language_that_is_not_a_tag_never_names_a_file(tmp_path: Path) -> None:
    (tmp_path / "locale").mkdir()
    (tmp_path / "evil.po").write_text(OVERRIDE, encoding="utf-8")
    for tag in ("../evil", "../../locale/nl", "nl/../../evil"):
        assert labels_for(tag, "intel-brief", tmp_path).key_judgments == "Key judgments"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "59.90° N, 24.50° E"), ("de", "59,90° N, 24,50° O"), ("fr", "59,90° N, 24,50° E")],
)
def test_coordinates_use_the_language_decimal_sign(language: str, expected: str) -> None:
    assert labels_for(language, "intel-brief").coordinates(59.9, 24.5) == expected


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
@pytest.mark.parametrize(
    ("scale", "term"),
    [("phia", "remote chance"), ("phia", "almost certain"), ("nato", "highly unlikely")],
)
def test_a_percent_bound_is_spaced_like_a_range(language: str, scale: str, term: str) -> None:
    labels = labels_for(language, "intel-brief")
    percent = labels.format("range", low=1, high=2).removeprefix("1–2")
    bound = labels.likelihood_range(Likelihood(term, ScaleName(scale)))
    assert bound.endswith(percent) and not bound.endswith(" " + percent)
    assert bound[0] in "≤≥<>" and bound[1].isdigit()


PLURALS = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "k"
msgid "one source"
msgid_plural "{n} sources"
msgstr[0] "een bron"
msgstr[1] ""

msgid "plain"
msgstr "gewoon"

#, fuzzy
msgid "fuzzy"
msgstr "vaag"
"""


@pytest.mark.parametrize("source", ["en", "nl", "de", "fr", "plurals"])
def test_a_catalog_compiles_to_the_bytes_babel_writes(source: str) -> None:
    """sitrep compiles in linear time (Babel's write_mo takes minutes on 200,000 messages) and
    must still write the same .mo file."""
    from io import BytesIO

    from babel.messages.mofile import write_mo

    text = PLURALS.encode() if source == "plurals" else (LOCALE_DIR / f"{source}.po").read_bytes()
    catalog = read_po(BytesIO(text))
    babel = BytesIO()
    write_mo(babel, catalog)
    assert mo_bytes(catalog) == babel.getvalue()


@pytest.mark.parametrize("escape", ["\\n", "\\r"])
def test_a_house_label_with_a_line_break_is_refused_with_its_line(
    tmp_path: Path, escape: str
) -> None:
    """Leftover of #18: "Kern\\noordelen" split the Markdown heading in two (the second half
    printed as a paragraph). A label is one line; the catalog says where it is not."""
    catalog = OVERRIDE.replace("Belangrijkste bevindingen", f"Kern{escape}oordelen")
    house = _house(tmp_path, {"nl.po": catalog})
    with pytest.raises(RenderError, match=r"nl\.po:\d+: the translation of 'key_judgments' has a"):
        sitrep.render(_brief("nl"), "md", template=house)


@pytest.mark.parametrize(
    ("catalog", "line"),
    [
        ('msgctxt "what"\nmsgid "What happened?"\nmsgstr "What\\nhappened"\n', 3),
        ('msgctxt "what"\nmsgid "What happened?"\nmsgstr ""\n"What "\n"hap\\npened"\n', 5),
        ('msgctxt "figure"\nmsgid "Figure {number}"\nmsgstr ""\n"Fig {nummer}"\n', 3),
    ],
)
def test_a_catalog_error_names_the_line_of_the_translation(
    tmp_path: Path, catalog: str, line: int
) -> None:
    """Outside test find: the line given was the entry's first (msgctxt), not its msgstr."""
    house = _house(tmp_path, {"en.po": catalog})
    with pytest.raises(RenderError, match=rf"en\.po:{line}: the translation of"):
        sitrep.render(_brief("en"), "md", template=house)
