"""Shared test settings: the --accept switch rewrites golden files instead of comparing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the generated briefs from a fixed seed, so a run is repeatable and a submission never
# lands or fails by luck; a local run (no profile set) explores new examples every time, and
# whatever it finds is kept as an @example or a fixed regression brief.
settings.register_profile("ci", derandomize=True, print_blob=True)
if profile := os.environ.get("SITREP_HYPOTHESIS_PROFILE"):
    settings.load_profile(profile)

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
ROOT = TESTS.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept", action="store_true", help="write current outputs as the new golden files"
    )


@pytest.fixture
def accept(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept"))


@pytest.fixture
def golden(accept: bool):  # type: ignore[no-untyped-def]
    """Compare text with a golden file; with --accept, (re)write the golden file instead."""

    def check(actual: str, path: Path) -> None:
        if accept or not path.exists():
            if not accept:
                pytest.fail(f"golden file {path} is missing; run pytest --accept to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path}; run pytest --accept if intended"

    return check
