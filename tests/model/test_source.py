"""Sources: names, dates, grades and URLs as analysts write them."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.errors import BriefError
from sitrep.model import Grade, Person, Source


@pytest.mark.parametrize(
    "written,family,given,literal",
    [
        ("Kevin Zhang", "Zhang", "Kevin", None),
        ("Zhang, Kevin", "Zhang", "Kevin", None),
        ("Reuters", None, None, "Reuters"),
        ("  Aamer   Madhani ", "Madhani", "Aamer", None),
    ],
)
def test_author_strings_split_into_family_and_given(
    written: str, family: str | None, given: str | None, literal: str | None
) -> None:
    person = Person.model_validate(written)
    assert (person.family, person.given, person.literal) == (family, given, literal)


def test_family_first_names_keep_their_order() -> None:
    person = Person(family="Ji", given="Da-gyum", family_first=True)
    assert person.display == "Ji Da-gyum"
    assert person.inverted == "Ji Da-gyum"
    assert Person.model_validate(person.model_dump()) == person


def test_author_is_a_synonym_of_authors() -> None:
    source = Source.model_validate({"id": "a", "title": "T", "author": "Kevin Zhang"})
    assert source.authors[0].family == "Zhang"
    assert Source.model_validate(source.model_dump(mode="json")) == source


@pytest.mark.parametrize(
    "written,expected",
    [
        ("2023-09-19", dt.date(2023, 9, 19)),
        ("2023-09", "2023-09"),
        ("2023", "2023"),
        (2023, "2023"),
        (dt.date(2023, 9, 19), dt.date(2023, 9, 19)),
    ],
)
def test_source_dates_may_be_partial(written: object, expected: object) -> None:
    assert Source.model_validate({"id": "a", "title": "T", "date": written}).date == expected


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "September 2023", "23"])
def test_impossible_source_dates_are_refused(bad: str) -> None:
    with pytest.raises(BriefError, match="is not a date"):
        Source.model_validate({"id": "a", "title": "T", "date": bad})


def test_grade_code_reads_both_ways() -> None:
    assert Grade.model_validate("b2") == Grade(reliability="B", credibility=2)
    assert Grade.model_validate("B2").code == "B2"
    with pytest.raises(BriefError):
        Grade.model_validate("G7")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>",
        "ftp://x",
        "/relative",
        "vbscript:x",
    ],
)
def test_only_web_and_mail_urls_are_allowed(url: str) -> None:
    with pytest.raises(BriefError, match="is not allowed"):
        Source.model_validate({"id": "bad", "title": "T", "url": url})


@pytest.mark.parametrize(
    "url", ["https://a.org", "http://a.org/x?y=1", "mailto:a@b.org", "HTTPS://A.ORG"]
)
def test_web_and_mail_urls_are_kept(url: str) -> None:
    assert Source.model_validate({"id": "ok", "title": "T", "url": url}).url == url


@pytest.mark.parametrize(
    "written",
    ["Richards J. Heuer Jr.", "Heuer, Richards J., Jr.", "Heuer Jr., Richards J.",
     "Richards J. Heuer, Jr.", "Richards J. Heuer jr"],
)  # fmt: skip
def test_name_suffixes_are_kept_apart(written: str) -> None:
    person = Person.model_validate(written)
    assert (person.family, person.given, person.suffix) == ("Heuer", "Richards J.", "Jr.")
    assert person.display == "Richards J. Heuer Jr."
    assert person.inverted == "Heuer, Richards J., Jr."
    assert Person.model_validate(person.model_dump()) == person


def test_roman_numeral_suffix_and_names_that_only_look_like_one() -> None:
    third = Person.model_validate("John D. Rockefeller III")
    assert (third.family, third.suffix, third.inverted) == (
        "Rockefeller",
        "III",
        "Rockefeller, John D., III",
    )
    # two words: "Malcolm X" is a name, and so is "Vi" alone
    assert Person.model_validate("Malcolm X").family == "X"
    assert Person.model_validate("Vi").literal == "Vi"


def test_family_first_flag_from_yaml() -> None:
    person = Person.model_validate({"family": "Xi", "given": "Jinping", "family_first": True})
    assert (person.display, person.inverted) == ("Xi Jinping", "Xi Jinping")
    assert person.model_dump() == {"family": "Xi", "given": "Jinping", "family_first": True}


def test_editors_translators_and_language_on_a_source() -> None:
    source = Source.model_validate(
        {
            "id": "c",
            "type": "chapter",
            "title": "T",
            "editor": "Lori Duin Kelly",
            "translators": ["Edith Grossman", "Michael Howard"],
            "language": "fr",
            "title_as_given": True,
        }
    )
    assert [p.display for p in source.editors] == ["Lori Duin Kelly"]
    assert [p.family for p in source.translators] == ["Grossman", "Howard"]
    assert Source.model_validate(source.model_dump(mode="json")) == source
    with pytest.raises(BriefError):
        Source.model_validate({"id": "a", "title": "T", "language": "not a tag!"})
