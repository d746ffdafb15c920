"""Shared test settings: the --accept switch rewrites golden files instead of comparing."""

from __future__ import annotations

from pathlib import Path

import pytest

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
