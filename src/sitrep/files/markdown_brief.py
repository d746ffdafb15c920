"""Markdown briefs: YAML front matter for the metadata, `##` headings for the body.

`## What happened?` holds events (`- 2023-09-10: text`, grouped by `### Theme`), `## Assessment`
prose, `## Key judgments` items (`- **Likely** (moderate confidence): text`, with an indented
`Basis: ...` line), `## Recommendations` items; the tradecraft headings `## Bottom line up front`,
`## Source summary` (prose), `## Assumptions`, `## Gaps` (items), `## Outlook` (`- **Name**
(likely): text`) and `## Indicators` (`- [x] text (scenario: Name)`, `[~]` partly, `[ ]` not
observed) fill those fields; any other `##` heading becomes a free section whose `> ` blocks
ending in a `— Speaker, Affiliation` line are pull quotes.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.errors import BriefError
from sitrep.files.yaml_tree import LineMap, load_yaml

__all__ = ["parse_markdown_brief"]

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_DATED = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?\s*(?::|—|–|-)\s+(.*)$", re.DOTALL
)
_JUDGMENT = re.compile(
    r"^\*\*(?P<likelihood>[^*]+?)\*\*\s*\((?P<confidence>\w+)\s+confidence\)\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTION = re.compile(r"^(?:—|--|–)\s*(.+)$")

_WHAT = {"what happened?", "what happened", "what"}
_LISTS = {
    "assessment": "assessment",
    "key judgments": "key_judgments",
    "key judgements": "key_judgments",
    "recommendations": "recommendations",
    # tradecraft elements (docs/tradecraft.md)
    "assumptions": "assumptions",
    "key assumptions": "assumptions",
    "gaps": "gaps",
    "intelligence gaps": "gaps",
    "information gaps": "gaps",
    "outlook": "outlook",
    "scenarios": "outlook",
    "indicators": "indicators",
    "signposts": "indicators",
    "indicators and signposts": "indicators",
}
# Headings whose body is prose, like `## Assessment`.
_PROSE_BLOCKS = {
    "bottom line up front": "bluf",
    "bluf": "bluf",
    "bottom line": "bluf",
    "source summary": "source_summary",
    "source summary statement": "source_summary",
}
_SCENARIO = re.compile(
    r"^\*\*(?P<name>[^*]+?)\*\*\s*(?:\((?P<likelihood>[^)]+)\))?\s*:?\s*(?P<text>.*)$",
    re.DOTALL,
)
_INDICATOR = re.compile(
    r"^\[(?P<mark>[ xX~])\]\s+(?P<text>.*?)(?:\s*\(scenario:\s*(?P<scenario>[^)]+)\))?\s*$",
    re.DOTALL,
)
_INDICATOR_STATUS = {" ": "not observed", "x": "observed", "X": "observed", "~": "partly"}
_BASIS = re.compile(r"\n\s*\*?Basis:?\*?:?\s*", re.IGNORECASE)


def parse_markdown_brief(text: str, file: str) -> tuple[dict[str, Any], LineMap]:
    """Turn a Markdown brief into the same data a YAML brief holds, with line numbers."""
    match = _FRONT.match(text)
    if match is None:
        raise BriefError.single(
            "no YAML front matter (expected the file to start with a '---' line, the brief's "
            "title, date and other fields, and a closing '---' line)",
            file,
            "",
            1,
        )
    data, lines = load_yaml(match.group(1) or "", file, line_offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BriefError.single(
            "front matter is not a mapping (expected 'key: value' lines)", file, "", 2
        )
    body_start = text.count("\n", 0, match.end()) + 1
    _Body(data, lines, file).read(text[match.end() :].splitlines(), body_start)
    return data, lines


class _Body:
    def __init__(self, data: dict[str, Any], lines: LineMap, file: str) -> None:
        self.data = data
        self.lines = lines
        self.file = file

    def read(self, body: list[str], first_line: int) -> None:
        blocks: list[tuple[str, int, list[tuple[int, str]]]] = []
        for number, line in enumerate(body, start=first_line):
            heading = _HEADING.match(line)
            if heading and len(heading.group(1)) == 2:
                blocks.append((heading.group(2), number, []))
            elif blocks:
                blocks[-1][2].append((number, line))
            elif line.strip():
                raise BriefError.single(
                    "text before the first '## ' heading (expected a heading such as "
                    "'## What happened?' or '## Assessment')",
                    self.file,
                    "",
                    number,
                )
        for title, number, content in blocks:
            self._block(title, number, content)

    def _claim(self, key: str, line: int) -> None:
        if key in self.data:
            raise BriefError.single(
                f"'{key}' is given both in the front matter and as a heading (expected one)",
                self.file,
                key,
                line,
            )
        self.lines[(key,)] = line

    def _block(self, heading: str, line: int, content: list[tuple[int, str]]) -> None:
        key = heading.strip().lower()
        if key in _WHAT:
            self._claim("what", line)
            self.data["what"] = self._events(content)
        elif _LISTS.get(key) == "assessment" or key in _PROSE_BLOCKS:
            field = _PROSE_BLOCKS.get(key, "assessment")
            self._claim(field, line)
            self.data[field] = _join(content)
        elif key in _LISTS:
            field = _LISTS[key]
            self._claim(field, line)
            items = _items(content)
            self.data[field] = [
                self._list_item(field, text, n, i) for i, (n, text) in enumerate(items)
            ]
            for index, (n, _) in enumerate(items):
                self.lines[(field, index)] = n
        else:
            sections = self.data.setdefault("sections", [])
            index = len(sections)
            self.lines.setdefault(("sections",), line)
            self.lines[("sections", index)] = line
            sections.append(self._section(heading, content))

    def _events(self, content: list[tuple[int, str]]) -> list[dict[str, Any]]:
        groups: list[tuple[str | None, int, list[tuple[int, str]]]] = [(None, 0, [])]
        for number, line in content:
            sub = _HEADING.match(line)
            if sub and len(sub.group(1)) == 3:
                groups.append((sub.group(2), number, []))
            else:
                groups[-1][2].append((number, line))
        what: list[dict[str, Any]] = []
        for theme, number, lines in groups:
            events = [self._event(text) for _, text in _items(lines)]
            if theme is None:
                what.extend(events)
                for index, (n, _) in enumerate(_items(lines)):
                    self.lines[("what", index)] = n
            else:
                self.lines[("what", len(what))] = number
                for index, (n, _) in enumerate(_items(lines)):
                    self.lines[("what", len(what), "events", index)] = n
                what.append({"theme": theme, "events": events})
        return what

    @staticmethod
    def _event(text: str) -> dict[str, Any]:
        dated = _DATED.match(text)
        if dated is None:
            return {"text": text}
        event: dict[str, Any] = {"date": dated.group(1), "text": dated.group(3)}
        if dated.group(2):
            event["time"] = dated.group(2)
        return event

    def _list_item(self, field: str, text: str, line: int, index: int) -> Any:
        if field == "key_judgments":
            return self._judgment(text, line, index)
        if field == "outlook":
            return self._scenario(text, line, index)
        if field == "indicators":
            return self._indicator(text, line, index)
        return text

    def _scenario(self, text: str, line: int, index: int) -> dict[str, Any]:
        match = _SCENARIO.match(text)
        if match is None:
            raise BriefError.single(
                "a scenario must read '- **Name** (likely): text'",
                self.file,
                f"outlook[{index}]",
                line,
            )
        scenario: dict[str, Any] = {"name": match["name"].strip(), "text": match["text"].strip()}
        if match["likelihood"]:
            scenario["likelihood"] = match["likelihood"].strip()
        return scenario

    def _indicator(self, text: str, line: int, index: int) -> dict[str, Any]:
        match = _INDICATOR.match(text)
        if match is None:
            raise BriefError.single(
                "an indicator must read '- [x] text' (observed), '- [~] text' (partly) or "
                "'- [ ] text' (not observed), optionally ending '(scenario: Name)'",
                self.file,
                f"indicators[{index}]",
                line,
            )
        indicator: dict[str, Any] = {
            "text": match["text"].strip(),
            "status": _INDICATOR_STATUS[match["mark"]],
        }
        if match["scenario"]:
            indicator["scenario"] = match["scenario"].strip()
        return indicator

    def _judgment(self, text: str, line: int, index: int) -> dict[str, Any]:
        text, _, basis = _BASIS.sub("\x00", text, count=1).partition("\x00")
        match = _JUDGMENT.match(text)
        if match is None:
            raise BriefError.single(
                "a key judgment must read '- **Likely** (moderate confidence): text'",
                self.file,
                f"key_judgments[{index}]",
                line,
            )
        judgment = {
            "likelihood": match["likelihood"],
            "confidence": match["confidence"],
            "text": match["text"].strip(),
        }
        if basis.strip():
            judgment["basis"] = basis.strip()
        return judgment

    @staticmethod
    def _section(heading: str, content: list[tuple[int, str]]) -> dict[str, Any]:
        paragraphs: list[str] = []
        quotes: list[dict[str, Any]] = []
        for block in _paragraphs(content):
            if all(line.startswith(">") for line in block):
                quote = [line[1:].strip() for line in block]
                attribution = _ATTRIBUTION.match(quote[-1]) if len(quote) > 1 else None
                if attribution:
                    speaker, _, affiliation = attribution.group(1).partition(",")
                    item: dict[str, Any] = {
                        "text": _strip_quotes(" ".join(quote[:-1])),
                        "speaker": speaker.strip(),
                    }
                    if affiliation.strip():
                        item["affiliation"] = affiliation.strip()
                    quotes.append(item)
                    continue
            paragraphs.append("\n".join(block))
        section: dict[str, Any] = {"heading": heading, "body": "\n\n".join(paragraphs)}
        if quotes:
            section["quotes"] = quotes
        return section


def _paragraphs(content: list[tuple[int, str]]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for _, line in content:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _items(content: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """List items with their first line; indented continuation lines join their item."""
    items: list[tuple[int, str]] = []
    for number, line in content:
        bullet = _BULLET.match(line)
        if bullet:
            items.append((number, bullet.group(1).strip()))
        elif line.strip() and items:
            items[-1] = (items[-1][0], f"{items[-1][1]}\n{line.strip()}")
    return items


def _join(content: list[tuple[int, str]]) -> str:
    return "\n\n".join("\n".join(block) for block in _paragraphs(content))


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in '“"' and text[-1] in '”"':
        return text[1:-1]
    return text
