"""The footnote invariant on generated briefs, checked on the PDF itself.

Every footnote body is printed at the bottom of the page that holds its call, and the notes on a
page are in call order (and justified text never has more than two hyphenated lines in a row),
for briefs of any shape: any number of events (dated, grouped in themes),
sections with pull quotes, assessment, key judgments, quotes, recommendations and captioned
figures; short and long text and notes, long URLs, several citations in one sentence; in all three
layouts. Calls and bodies are read off the PDF by position and type size (conftest.py).

The suite runs 300 small briefs (up to 10 events, one section).
`SITREP_HYPOTHESIS_EXAMPLES=3000` runs more, with up to 30 events (docs/house-style.md has the
figure of the last long run).
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.resolve import resolve
from sitrep.writers.options import RenderOptions
from sitrep.writers.pdf.writer import write_pdf

EXAMPLES = int(os.environ.get("SITREP_HYPOTHESIS_EXAMPLES", "300"))
LONG_RUN = EXAMPLES > 300  # briefs up to 30 events and 2 sections; the suite's are smaller

WORDS = " ".join(
    [
        "the of and a to in was that for on with by at from pipeline valve pressure rupture",
        "summit artillery drone convoy border ministry report analysts believe likely shipment",
        "satellite railway coastal station operator outage sanctions investigation contractor",
        "explosion maintenance evacuation regional authorities confirmed compressor Baltic",
        "seabed cable anchor tanker insurers Gazprom Nord Stream deliberately interconnector",
        "telecom Estonia Finland coastguard Helsinki Tallinn Balticconnector gigawatt-hours",
        "counter-sabotage",
    ]
).split()


def _png(path: Path) -> None:
    """A small grey PNG, written without an imaging library."""
    width, height = 40, 24
    raw = b"".join(b"\x00" + b"\x90" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@st.composite
def words(draw: st.DrawFn, low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def sentences(draw: st.DrawFn, ids: list[str]) -> str:
    """One sentence, often ending in a citation, several citations or an inline note."""
    text = draw(words(3, 28)).capitalize() or "Text"
    kind = draw(st.sampled_from(["none", "none", "one", "one", "several", "inline", "long"]))
    if kind == "one":
        text += f" [@{draw(st.sampled_from(ids))}]"
    elif kind == "several":
        cited = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        text += " [" + "; ".join(f"@{i}" for i in cited) + "]"
    elif kind == "inline":
        text += "^[" + (draw(words(2, 18)) or "note") + "]"
    elif kind == "long":
        text += "^[" + (draw(words(40, 110)) or "note") + "]"
    return text + "."


@st.composite
def paragraphs(draw: st.DrawFn, ids: list[str], most: int = 6) -> str:
    return " ".join(draw(st.lists(sentences(ids), min_size=1, max_size=most)))


@st.composite
def prose(draw: st.DrawFn, ids: list[str]) -> str:
    return "\n\n".join(draw(st.lists(paragraphs(ids), min_size=1, max_size=3 if LONG_RUN else 2)))


@st.composite
def sources(draw: st.DrawFn, count: int) -> list[dict[str, Any]]:
    out = []
    for index in range(count):
        path = "/".join(
            draw(
                st.lists(
                    st.text("abcdefghijklmnopqrstuvwxyz-_0123456789", min_size=3, max_size=40),
                    min_size=1,
                    max_size=4,
                )
            )
        )
        out.append(
            {
                "id": f"s{index}",
                "title": (draw(words(2, 16)) or "Report").title(),
                "publisher": draw(st.sampled_from(["Reuters", "Yle", "ERR News", "Bloomberg"])),
                "date": "2023-10-1" + str(index % 10),
                "url": f"https://www.example-{index}.org/{path}?ref=brief&id={index}",
            }
        )
    return out


@st.composite
def briefs(draw: st.DrawFn, figure: str) -> dict[str, Any]:
    ids = [f"s{i}" for i in range(draw(st.integers(1, 6)))]
    events = draw(
        st.lists(
            st.fixed_dictionaries(
                {"date": st.sampled_from(["2023-10-08", "2023-10-09"]), "text": paragraphs(ids, 3)}
            ),
            max_size=draw(st.sampled_from([2, 6, 12, 30] if LONG_RUN else [2, 5, 10])),
        )
    )
    what: list[Any] = events
    if events and draw(st.booleans()):
        half = len(events) // 2
        what = [{"theme": "First reports", "events": events[:half] or events}, *events[half:]]
    brief: dict[str, Any] = {
        "template": draw(st.sampled_from(["intel-brief", "analysis", "article"])),
        "title": "Balticconnector damage",
        "date": "2023-10-12",
        "sources": draw(sources(len(ids))),
        "what": what,
        "sections": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"heading": st.just("Background"), "body": prose(ids)},
                    optional={
                        "quotes": st.lists(
                            st.fixed_dictionaries(
                                {"text": paragraphs(ids, 2), "speaker": st.just("Ann Lee")}
                            ),
                            max_size=1,
                        )
                    },
                ),
                max_size=2 if LONG_RUN else 1,
            )
        ),
        "key_judgments": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "text": paragraphs(ids, 2),
                        "likelihood": st.sampled_from(["likely", "unlikely"]),
                        "confidence": st.sampled_from(["low", "high"]),
                    }
                ),
                max_size=3,
            )
        ),
        "quotes": draw(
            st.lists(
                st.fixed_dictionaries({"text": paragraphs(ids, 2), "speaker": st.just("Ed Ma")}),
                max_size=1,
            )
        ),
        "recommendations": draw(st.lists(paragraphs(ids, 2), max_size=3)),
        "bibliography": draw(st.booleans()),
    }
    if draw(st.booleans()):
        brief["assessment"] = draw(prose(ids))
    if draw(st.booleans()):
        brief["standfirst"] = draw(paragraphs(ids, 2))
    if draw(st.booleans()):
        brief["figures"] = [{"image": figure, "caption": draw(paragraphs(ids, 2))}]
    return brief


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated")
    _png(path / "figure.png")
    return path


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_note_on_its_calls_page_in_call_order(
    folder: Path,
    note_problems: Callable[[bytes, list[int]], list[str]],
    hyphen_problems: Callable[[bytes], list[str]],
    data: st.DataObject,
) -> None:
    fields = data.draw(briefs("figure.png"))
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), encoding="utf-8")
    resolved = resolve(sitrep.load(path))
    warnings: list[str] = []
    pdf = write_pdf(resolved, RenderOptions(warn=warnings.append))
    problems = note_problems(pdf, [note.number for note in resolved.notes])
    if progress := os.environ.get("SITREP_HYPOTHESIS_LOG"):  # a long run's count of briefs
        with Path(progress).open("a", encoding="utf-8") as log:
            log.write(f"{len(resolved.notes)} notes, {len(problems)} problems\n")
    assert not warnings, f"{warnings} ({path} is the brief)"
    assert not problems, f"{problems} ({path} is the brief)"
    # the repairs move lines: at most two hyphenated lines in a row, on the final layout
    assert not hyphen_problems(pdf), f"{hyphen_problems(pdf)} ({path} is the brief)"
