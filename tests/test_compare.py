"""`diff_briefs` and `sitrep diff` report exactly the edits made between two issues."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.cli import main
from sitrep.compare import BriefChanges, changes_text, diff_briefs
from sitrep.model.brief import Brief

TERMS = ["almost no chance", "unlikely", "roughly even chance", "likely", "very likely"]
LEVELS = ["Low", "Moderate", "High"]


def _text(n: int, length: int) -> str:
    """Words no other item shares (each carries its item's number), so items never look alike."""
    return " ".join(f"w{n}x{k}" for k in range(length)) + "."


@st.composite
def issue_pair(draw: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, set[int]]]:
    """An old brief, the new brief made from it by random edits, and which items were edited."""
    n_events = draw(st.integers(0, 6))
    n_judgments = draw(st.integers(0, 4))
    n_sources = draw(st.integers(0, 4))
    base = dt.date(2026, 11, 1)
    events = [
        {
            "date": (base + dt.timedelta(days=draw(st.integers(0, 5)))).isoformat(),
            "text": _text(i, draw(st.integers(6, 14))),
        }
        for i in range(n_events)
    ]
    judgments = [
        {
            "text": _text(100 + i, draw(st.integers(6, 14))),
            "likelihood": draw(st.sampled_from(TERMS)),
            "confidence": draw(st.sampled_from(LEVELS)),
        }
        for i in range(n_judgments)
    ]
    sources = [{"id": f"s{i}", "title": f"Source {i}"} for i in range(n_sources)]
    old = {
        "title": "Series",
        "date": "2026-11-10",
        "what": events,
        "key_judgments": judgments,
        "sources": sources,
    }

    edits: dict[str, set[int]] = {
        k: set()
        for k in ("ev_removed", "ev_text", "ev_date", "kj_removed", "kj_moved", "src_dropped")
    }
    new_events = []
    for i, event in enumerate(events):
        action = draw(st.sampled_from(["keep", "keep", "remove", "text", "date"]))
        if action == "remove":
            edits["ev_removed"].add(i)
            continue
        event = dict(event)
        if action == "text":  # one word changed, one added: clearly the same event edited
            words = event["text"].split()
            words[0] = "changed"
            event["text"] = " ".join(words) + " more."
            edits["ev_text"].add(i)
        elif action == "date":
            event["date"] = (
                dt.date.fromisoformat(event["date"]) + dt.timedelta(days=9)
            ).isoformat()
            edits["ev_date"].add(i)
        new_events.append(event)
    added_events = draw(st.integers(0, 2))
    new_events += [{"date": "2026-11-09", "text": _text(50 + k, 8)} for k in range(added_events)]
    new_judgments = []
    for i, judgment in enumerate(judgments):
        action = draw(st.sampled_from(["keep", "remove", "move"]))
        if action == "remove":
            edits["kj_removed"].add(i)
            continue
        judgment = dict(judgment)
        if action == "move":
            judgment["likelihood"] = draw(
                st.sampled_from([t for t in TERMS if t != judgment["likelihood"]])
            )
            edits["kj_moved"].add(i)
        new_judgments.append(judgment)
    new_sources = []
    for i, source in enumerate(sources):
        if draw(st.booleans()):
            edits["src_dropped"].add(i)
        else:
            new_sources.append(source)
    added_sources = draw(st.integers(0, 2))
    new_sources += [{"id": f"n{k}", "title": f"New {k}"} for k in range(added_sources)]
    edits["ev_added"] = set(range(added_events))
    edits["src_added"] = set(range(added_sources))
    new = {
        **old,
        "date": "2026-11-17",
        "what": new_events,
        "key_judgments": new_judgments,
        "sources": new_sources,
    }
    return old, new, edits


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue_pair())
def test_the_diff_reports_exactly_the_edits(
    pair: tuple[dict[str, Any], dict[str, Any], dict[str, set[int]]],
) -> None:
    old, new, edits = pair
    changes = diff_briefs(Brief.model_validate(old), Brief.model_validate(new))
    events, judgments = old["what"], old["key_judgments"]
    assert sorted(e.text for e in changes.events_removed) == sorted(
        events[i]["text"] for i in edits["ev_removed"]
    )
    assert len(changes.events_added) == len(edits["ev_added"])
    assert {c.old.text: c.fields for c in changes.events_changed} == {
        **{events[i]["text"]: ("text",) for i in edits["ev_text"]},
        **{events[i]["text"]: ("date",) for i in edits["ev_date"]},
    }
    assert sorted(j.text for j in changes.judgments_removed) == sorted(
        judgments[i]["text"] for i in edits["kj_removed"]
    )
    assert not changes.judgments_added
    assert {c.old.text for c in changes.judgments_changed} == {
        judgments[i]["text"] for i in edits["kj_moved"]
    }
    assert all(c.fields == ("likelihood",) and c.moved for c in changes.judgments_changed)
    assert {s.id for s in changes.sources_dropped} == {f"s{i}" for i in edits["src_dropped"]}
    assert {s.id for s in changes.sources_added} == {f"n{k}" for k in edits["src_added"]}
    assert bool(changes) == any(edits.values())
    json.dumps(changes.as_json())  # the documented shape is plain JSON


@settings(max_examples=25, deadline=None)
@given(issue_pair())
def test_a_brief_compared_with_itself_has_no_changes(
    pair: tuple[dict[str, Any], dict[str, Any], dict[str, set[int]]],
) -> None:
    brief = Brief.model_validate(pair[0])
    changes = diff_briefs(brief, brief)
    assert not changes and changes == BriefChanges(warnings=changes.warnings)
    assert changes_text(changes).startswith("No changes")


def test_a_moved_theme_and_time_are_changes() -> None:
    old = Brief.model_validate(
        {
            "title": "T",
            "date": "2026-11-10",
            "what": [{"date": "2026-11-09", "text": "Ships left the port of Odesa under escort."}],
        }
    )
    new = Brief.model_validate(
        {
            "title": "T",
            "date": "2026-11-10",
            "what": [
                {
                    "theme": "Black Sea",
                    "events": [
                        {
                            "date": "2026-11-09",
                            "time": "14:30",
                            "text": "Ships left the port of Odesa under escort.",
                        }
                    ],
                }
            ],
        }
    )
    (change,) = diff_briefs(old, new).events_changed
    assert change.fields == ("time", "theme")
    assert change.new.path == "what[0].events[0]"


SERIES = Path(__file__).parents[1] / "docs" / "examples" / "continuity"


@pytest.fixture
def issues(tmp_path: Path) -> tuple[Path, Path]:
    """The two issues of docs/dissemination.md, copied to a folder of their own."""
    old, new = tmp_path / "sitrep-13.yaml", tmp_path / "sitrep-14.yaml"
    old.write_bytes((SERIES / old.name).read_bytes())
    new.write_bytes((SERIES / new.name).read_bytes())
    return old, new


def test_cli_text_and_exit_status(issues: tuple[Path, Path], capsys: Any) -> None:
    old, new = issues
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "Changes from SITREP 13 to SITREP 14:" in out
    assert "+ 2026-11-21  Antwerp unions announced" in out
    assert "Events changed (1):" in out and "was: The port authority suspended" in out
    assert "likely, Moderate confidence → very likely, High confidence" in out
    assert "+ reuters: Reuters" in out and "- ft: Financial Times" in out


def test_cli_json_shape(issues: tuple[Path, Path], capsys: Any) -> None:
    old, new = issues
    assert main(["diff", "--format", "json", str(old), str(new)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True
    assert data["old"] == {"serial": "SITREP 13"} and data["new"] == {"serial": "SITREP 14"}
    (moved,) = data["key_judgments"]["changed"]
    assert moved["old"]["likelihood"] == "likely" and moved["new"]["likelihood"] == "very likely"
    assert moved["fields"] == ["likelihood", "confidence"]
    assert [e["date"] for e in data["events"]["added"]] == ["2026-11-21"]
    assert data["sources"] == {
        "added": [{"id": "reuters", "title": "Reuters"}],
        "dropped": [{"id": "ft", "title": "Financial Times"}],
    }


def test_same_file_twice_is_no_changes(issues: tuple[Path, Path], capsys: Any) -> None:
    _, new = issues
    assert main(["diff", str(new), str(new)]) == 0
    out = capsys.readouterr().out
    assert out == "No changes from SITREP 14 to SITREP 14.\n"


def test_a_missing_old_file_is_trouble(issues: tuple[Path, Path], capsys: Any) -> None:
    _, new = issues
    assert main(["diff", str(new.parent / "nope.yaml"), str(new)]) == 2
    err = capsys.readouterr().err
    assert "nope.yaml: file not found" in err and "Traceback" not in err


def test_an_invalid_brief_is_trouble(issues: tuple[Path, Path], capsys: Any) -> None:
    old, new = issues
    old.write_text("title: x\ndate: 2026-13-01\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 2
    assert "date" in capsys.readouterr().err


def test_a_different_brief_entirely_warns(issues: tuple[Path, Path], capsys: Any) -> None:
    _, new = issues
    other = Path(__file__).parents[1] / "examples" / "north-korea-russia-summit" / "brief.yaml"
    assert main(["diff", str(other), str(new)]) == 1
    out = capsys.readouterr().out
    assert "warning: the briefs share no event, key judgment or source" in out


def test_any_file_format(issues: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = issues
    for fmt in ("json", "md"):
        copy = tmp_path / f"old.{fmt}"
        copy.write_text(sitrep.dumps(sitrep.load(old), fmt), encoding="utf-8")
        assert diff_briefs(sitrep.load(copy), sitrep.load(new)) == diff_briefs(
            sitrep.load(old), sitrep.load(new)
        )


def test_supersedes_another_serial_warns(issues: tuple[Path, Path]) -> None:
    old, new = issues
    brief = sitrep.load(new)
    brief.supersedes = "SITREP 12"  # type: ignore[assignment]
    changes = diff_briefs(sitrep.load(old), brief)
    assert "the new brief supersedes 'SITREP 12', but the old brief is 'SITREP 13'" in (
        changes.warnings
    )
