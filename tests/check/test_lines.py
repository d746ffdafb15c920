"""Every finding about a file has a line, so text reports read file:line and SARIF has a region.

Found by the outside test: a brief with no marking, or a TLP:RED article whose bibliography
the layout prints by default, gave findings on fields the file does not write, with no line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "regressions"


@pytest.mark.parametrize("name", ["nomark.yaml", "article-red-no-line.yaml"])
def test_a_finding_on_an_unwritten_field_points_at_the_first_line(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "check", str(FIXTURES / name), "--format", "sarif"],
        capture_output=True,
        text=True,
        check=False,
    )
    sarif = json.loads(result.stdout)
    results = sarif["runs"][0]["results"]
    assert results
    for found in results:
        (location,) = found["locations"]
        assert location["physicalLocation"]["region"]["startLine"] >= 1
