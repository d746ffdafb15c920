"""Briefs every interchange test runs over: the examples, the fixtures and one written for them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = Path(__file__).parent / "fixtures" / "pipeline-sabotage.yaml"
ALL_BRIEFS = sorted(
    [
        *(p for p in (ROOT / "examples").glob("*/brief.*")),
        *(ROOT / "tests" / "fixtures" / "briefs").glob("*.yaml"),
        *(ROOT / "tests" / "writers" / "fixtures").glob("*.yaml"),
        FIXTURE,
    ]
)


def brief_id(path: Path) -> str:
    return path.parent.name if path.stem == "brief" else path.stem
