"""A tearline release leaks nothing: property-based, on the raw bytes of every format.

Hypothesis writes briefs whose every portion (events, themes, sections, quotes, key judgments,
scenarios, indicators, assumptions, gaps, recommendations, figures, attachments, sources, the
brief's own fields, inline notes) holds a unique canary word, with random portion markings. Each
is rendered with `release=` to every format, and each canary above the release is searched in the
raw output: every decompressed PDF object (content streams, XMP, document info, embedded files)
and the PDF's extracted text, every DOCX zip member (raw and without tags), the HTML, Markdown,
STIX and MISP bytes. None may be found; every canary of a released portion must be found (so
the search can fail). The expected presence is worked out here, from the rules in
docs/dissemination.md, not by calling the release code.
"""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import sitrep

LEVELS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
RANK = {label: index for index, label in enumerate(LEVELS)}
FORMATS = ("pdf", "docx", "html", "md", "stix", "misp")
PRINTED_IN = {"pdf", "docx", "html", "md", "misp"}
"""Formats that print the whole document: every released canary must be found in them. STIX
carries the events only; it is searched for leaks and for the released events."""


def _png(text: str) -> bytes:
    """A tiny PNG whose tEXt chunk holds `text`: a figure whose file itself carries a canary."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x20\x40\x60" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + text.encode())
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass
class Plan:
    """A generated brief, its files, and for each canary the marking it has or takes."""

    data: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)
    """canary -> effective marking of the portion that holds it."""
    held_by: dict[str, list[str]] = field(default_factory=dict)
    """canary -> the canaries of what holds it (a theme's heading for its events)."""
    printed: set[str] = field(default_factory=set)
    """Canaries a full document prints when released (not file names or file contents)."""
    events: set[str] = field(default_factory=set)
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    """source id -> (canary, effective marking)."""
    cites: dict[str, set[str]] = field(default_factory=dict)
    """source id -> canaries of the portions that cite it."""
    themes: dict[str, list[str]] = field(default_factory=dict)
    """theme canary -> its events' canaries."""


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    count = iter(range(10_000))

    def canary() -> str:
        # letters only: no typography, escaping or hyphenation rule can change a letter
        number = next(count)
        return "zq" + "".join(chr(ord("a") + (number // 26**i) % 26) for i in range(4)) + "vx"

    overall = draw(st.sampled_from(LEVELS[1:]))
    below = LEVELS[: RANK[overall] + 1]
    marking = st.one_of(st.none(), st.sampled_from(below))
    data: dict[str, Any] = {
        "date": "2024-03-22",
        "marking": overall,
        "bibliography": True,
        "source_table": True,
    }
    plan = Plan(data)
    fields: dict[str, str] = {"title": "TLP:CLEAR"}
    for name in (
        "standfirst",
        "bluf",
        "assessment",
        "source_summary",
        "contact",
        "subtitle",
        "dateline",
        "keywords",
        "where",
        "who",
        "what",
        "sections",
        "key_judgments",
        "outlook",
        "indicators",
        "assumptions",
        "gaps",
        "recommendations",
        "quotes",
        "figures",
        "attachments",
        "sources",
    ):
        chosen = draw(marking)
        if chosen is not None:
            fields[name] = chosen
    data["field_markings"] = fields

    def default(name: str) -> str:
        return fields.get(name, overall)

    # sources first, so that portions can cite those they may
    source_ids = []
    data["sources"] = []
    for index in range(draw(st.integers(0, 3))):
        word, own = canary(), draw(marking)
        source_id = f"src{index}"
        entry: dict[str, Any] = {"id": source_id, "title": f"Report {word}", "type": "report"}
        if own:
            entry["marking"] = own
        data["sources"].append(entry)
        plan.sources[source_id] = (word, own or default("sources"))
        plan.cites[source_id] = set()
        source_ids.append(source_id)

    def text(level: str) -> tuple[str, str]:
        """Prose holding a canary, maybe an inline note and a citation it may make."""
        word = canary()
        plan.level[word] = level
        plan.printed.add(word)
        out = f"Point {word} here"
        if draw(st.booleans()):
            note = canary()
            plan.level[note] = level
            plan.printed.add(note)
            plan.held_by[note] = [word]
            out += f"^[Note {note}]"
        citable = [i for i in source_ids if RANK[plan.sources[i][1]] <= RANK[level]]
        if citable and draw(st.booleans()):
            cited = draw(st.sampled_from(citable))
            plan.cites[cited].add(word)
            out += f" [@{cited}]"
        return word, out + "."

    def own_or(name: str) -> tuple[str | None, str]:
        own = draw(marking)
        return own, own or default(name)

    for name in ("standfirst", "bluf", "assessment", "source_summary", "contact", "subtitle"):
        if draw(st.booleans()):
            if name == "subtitle":
                word = canary()
                plan.level[word], data[name] = default(name), f"Subtitle {word}"
                plan.printed.add(word)
            else:
                data[name] = text(default(name))[1]
    for name in ("keywords", "where", "who"):
        if draw(st.booleans()):
            word = canary()
            plan.level[word] = default(name)
            data[name] = [f"Name {word}"] if name != "keywords" else [word]
            if name != "keywords":
                plan.printed.add(word)  # keywords go to metadata only: searched for leaks
    what: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        own, level = own_or("what")
        if draw(st.booleans()):
            word, event_text = text(level)
            event: dict[str, Any] = {"text": event_text}
            if own:
                event["marking"] = own
            plan.events.add(word)
            what.append(event)
            continue
        heading = canary()
        plan.level[heading] = level
        plan.printed.add(heading)
        theme: dict[str, Any] = {"theme": f"Theme {heading}", "events": []}
        if own:
            theme["marking"] = own
        plan.themes[heading] = []
        for _ in range(draw(st.integers(1, 2))):
            inner_own = draw(marking)
            word, event_text = text(inner_own or level)
            plan.held_by[word] = [heading]
            plan.events.add(word)
            plan.themes[heading].append(word)
            inner: dict[str, Any] = {"text": event_text}
            if inner_own:
                inner["marking"] = inner_own
            theme["events"].append(inner)
        what.append(theme)
    data["what"] = what
    sections = []
    for _ in range(draw(st.integers(0, 2))):
        own, level = own_or("sections")
        heading = canary()
        plan.level[heading] = level
        plan.printed.add(heading)
        body_word, body = text(level)
        plan.held_by[body_word] = [heading]
        section: dict[str, Any] = {"heading": f"Section {heading}", "body": body}
        if own:
            section["marking"] = own
        if draw(st.booleans()):
            quote_own = draw(marking)
            word, said = text(quote_own or level)
            plan.held_by[word] = [heading]
            section["quotes"] = [{"text": said, "speaker": "Ana Ruiz"}]
            if quote_own:
                section["quotes"][0]["marking"] = quote_own
        sections.append(section)
    data["sections"] = sections
    scenarios: list[tuple[str, str]] = []
    for name in ("key_judgments", "outlook", "indicators", "quotes"):
        items = []
        for _ in range(draw(st.integers(0, 2))):
            own, level = own_or(name)
            item: dict[str, Any] = {"text": text(level)[1]}
            if name == "key_judgments":
                item |= {"likelihood": "likely", "confidence": "moderate"}
            if name == "outlook":
                named = canary()  # the name is printed too: in its heading and indicator rows
                plan.level[named] = level
                plan.printed.add(named)
                item["name"] = f"Scenario {named}"
                scenarios.append((item["name"], level))
            if name == "indicators":
                # an indicator may name only a scenario marked at or below it (else refused)
                nameable = [n for n, at in scenarios if RANK[at] <= RANK[level]]
                if nameable and draw(st.booleans()):
                    item["scenario"] = draw(st.sampled_from(nameable))
            if name == "quotes":
                item["speaker"] = "Ana Ruiz"
            if own:
                item["marking"] = own
            items.append(item)
        data[name] = items
    for name in ("assumptions", "gaps", "recommendations"):
        items = []
        for _ in range(draw(st.integers(0, 2))):
            own, level = own_or(name)
            said = text(level)[1]
            items.append({"text": said, "marking": own} if own else said)
        data[name] = items
    figures = []
    for _ in range(draw(st.integers(0, 2))):
        own, level = own_or("figures")
        image, caption = canary(), canary()
        plan.level[image] = plan.level[caption] = level
        plan.printed.add(caption)
        plan.files[f"{image}.png"] = _png(f"Pixel {image}")
        figure: dict[str, Any] = {"image": f"{image}.png", "caption": f"Shows {caption}."}
        if own:
            figure["marking"] = own
        figures.append(figure)
    data["figures"] = figures
    attachments = []
    for _ in range(draw(st.integers(0, 2))):
        own, level = own_or("attachments")
        name_word, content_word, title_word = canary(), canary(), canary()
        for word in (name_word, content_word, title_word):
            plan.level[word] = level
        plan.files[f"{name_word}.txt"] = f"Annex {content_word}\n".encode()
        attachment: dict[str, Any] = {"path": f"{name_word}.txt", "title": f"Annex {title_word}"}
        if own:
            attachment["marking"] = own
        attachments.append(attachment)
    data["attachments"] = attachments
    title = canary()
    plan.level[title] = "TLP:CLEAR"
    plan.printed.add(title)
    data["title"] = f"Brief {title}"
    return plan


def expected(plan: Plan, release: str) -> tuple[set[str], set[str]]:
    """(canaries that must be absent, canaries that must be present) in a release."""
    allowed = {word for word, level in plan.level.items() if RANK[level] <= RANK[release]}
    changed = True
    while changed:  # a note in a quote in a section goes with the section
        before = len(allowed)
        for word, holders in plan.held_by.items():
            if not all(holder in allowed for holder in holders):
                allowed.discard(word)
        changed = len(allowed) != before
    for heading, events in plan.themes.items():
        if not any(event in allowed for event in events):
            allowed.discard(heading)  # a theme left with no event goes too
    for source_id, (word, level) in plan.sources.items():
        citing = plan.cites[source_id]
        kept = RANK[level] <= RANK[release] and (
            not citing or any(portion in allowed for portion in citing)
        )
        if kept:
            allowed.add(word)
            plan.printed.add(word)
        plan.level.setdefault(word, level)
    absent = set(plan.level) - allowed
    return absent, allowed & plan.printed


def _normalised(text: str) -> str:
    return re.sub(r"[\s\u00ad\-‐]", "", text).lower()


def _pdf_haystack(data: bytes) -> str:
    import pdfplumber
    import pikepdf

    parts: list[bytes] = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes())
            else:
                parts.append(repr(obj).encode("utf-8", "replace"))
        parts.append(repr(pdf.docinfo).encode("utf-8", "replace"))
        for name, spec in pdf.attachments.items():
            parts.append(name.encode())
            parts.append(spec.get_file().read_bytes())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    raw = b"\n".join(parts).decode("latin-1")
    # PDF strings may be UTF-16: search those decoded as well
    utf16 = b"\n".join(parts).replace(b"\x00", b"").decode("latin-1")
    return _normalised(raw + utf16 + text)


def _docx_haystack(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = []
        for name in package.namelist():
            content = package.read(name).decode("utf-8", "replace")
            parts += [name, content, re.sub(r"<[^>]+>", "", content)]
    return _normalised("\n".join(parts))


def haystack(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return _pdf_haystack(data)
    if fmt == "docx":
        return _docx_haystack(data)
    return _normalised(data.decode("utf-8"))


def _write(plan: Plan, folder: Path) -> Path:
    for name, content in plan.files.items():
        (folder / name).write_bytes(content)
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(plan.data, allow_unicode=True, sort_keys=False))
    return path


def check_release(plan: Plan, release: str, formats: tuple[str, ...] = FORMATS) -> None:
    absent, present = expected(plan, release)
    with tempfile.TemporaryDirectory() as tmp:
        brief = sitrep.load(_write(plan, Path(tmp)))
        for fmt in formats:
            output = sitrep.render(brief, fmt, release=release, warn=lambda _: None)
            assert isinstance(output, bytes)
            found = haystack(fmt, output)
            leaked = sorted(word for word in absent if word in found)
            brief_text = yaml.safe_dump(plan.data, sort_keys=False)
            assert not leaked, f"{fmt} at {release} leaks {leaked} of\n{brief_text}"
            wanted = present if fmt in PRINTED_IN else present & plan.events
            missing = sorted(word for word in wanted if word not in found)
            assert not missing, f"{fmt} at {release} lost released text {missing} of\n{brief_text}"


@pytest.mark.parametrize("release", LEVELS)
@settings(
    max_examples=3,
    deadline=None,
    # each example renders six formats; shrinking one takes minutes, and the brief is printed
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=plans())
def test_a_release_prints_no_word_of_a_portion_above_it(plan: Plan, release: str) -> None:
    check_release(plan, release)
