"""Whole briefs written from outside the code: a UK brief on the PHIA yardstick (Markdown), a
NATO brief (YAML) and a sloppy one. Each finding must be exactly the ones marked in the file:
`# expect: rule, rule` on the line, `expect-file: rule` for findings without a line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sitrep
from sitrep.check import check_file

BRIEFS = Path(__file__).parent / "fixtures" / "briefs"
_EXPECT = re.compile(r"#.*?\bexpect:\s*([a-z0-9, -]+)")
_EXPECT_FILE = re.compile(r"expect-file:\s*([a-z0-9, -]+)")


def expected(path: Path) -> set[tuple[int | None, str]]:
    out: set[tuple[int | None, str]] = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        for pattern, where in ((_EXPECT, number), (_EXPECT_FILE, None)):
            found = pattern.search(line)
            if found:
                out |= {(where, rule.strip()) for rule in found.group(1).split(",")}
    return out


@pytest.mark.parametrize("path", sorted(BRIEFS.iterdir()), ids=lambda p: p.name)
def test_findings_are_exactly_the_marked_ones(path: Path) -> None:
    findings = check_file(path).findings
    assert {(f.line, f.rule) for f in findings} == expected(path), [str(f) for f in findings]


@pytest.mark.parametrize("path", sorted(BRIEFS.iterdir()), ids=lambda p: p.name)
def test_every_outside_brief_renders_in_every_format(path: Path, tmp_path: Path) -> None:
    brief = sitrep.load(path)
    for fmt in ("html", "md", "docx", "stix", "misp"):
        data = sitrep.render(brief, fmt)
        assert isinstance(data, bytes) and data


@pytest.mark.parametrize("fmt", ["stix", "misp"])
def test_a_judgment_without_likelihood_or_confidence_exports(fmt: str) -> None:
    # Found at the merge with the STIX writer, which read both as always present.
    import json

    value = sitrep.Brief.model_validate(
        {"title": "T", "date": "2024-01-01", "key_judgments": [{"text": "Bare judgment."}]}
    )
    data = sitrep.render(value, fmt)
    assert isinstance(data, bytes) and "Bare judgment." in json.dumps(json.loads(data))
