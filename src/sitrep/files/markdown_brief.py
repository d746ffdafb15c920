"""Markdown briefs: YAML front matter for the metadata, `##` headings for the body.

`## What happened?` holds events (`- 2023-09-10: text`, grouped by `### Theme`; a paragraph is
an undated event), `## Assessment` prose, `## Key judgments` items (`- **Likely** (moderate
confidence): text`, with an indented `Basis: ...` line), `## Recommendations` items; the
tradecraft headings (docs/tradecraft.md) `## Bottom line up front` and `## Source summary`
(prose), `## Assumptions` and `## Gaps` (items), `## Outlook` (`- **Name** (likely): text`) and
`## Indicators` (`- [x] text (scenario: Name)`, `[~]` partly, `[ ]` not observed) fill those
fields; any other `##` heading becomes a free section whose `> ` blocks ending in a `— Speaker,
Affiliation` line are pull quotes. A `# Title` line before the first section gives the title.
A portion marking leads its item, theme, section, quote or field heading: `- (TLP:AMBER) text`,
`### (TLP:GREEN) Theme`, `## (TLP:AMBER) Assessment` (docs/dissemination.md).

Nothing is dropped: every heading and paragraph lands in a field, or the brief is refused with
the heading and line. Which heading fills which field is the table `HEADINGS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import BriefError, Problem
from sitrep.files.markdown_blocks import (
    Line,
    forget_parsed,
    nested_problems,
    top_level_problems,
)
from sitrep.files.markdown_dates import DateForms, DateRefused, split_dated
from sitrep.files.yaml_tree import LineMap, load_yaml
from sitrep.model.brief import Brief
from sitrep.model.problems import warnings_from

__all__ = ["HEADINGS", "heading_key", "parse_markdown_brief"]

_DATE_FORMAT_LINE = re.compile(r"^date_format:[ \t]*(\S+)[ \t]*$", re.MULTILINE)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING_START = re.compile(r"#{1,6}(?=[ \t]|$)")
_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])(?:\s+(.*))?$")  # "- item", "* item", "1. item"
_JUDGMENT = re.compile(
    r"^\*\*(?P<likelihood>[^*]+?)\*\*\s*\((?P<confidence>\w+)\s+confidence\)\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A key judgment may leave out its likelihood or confidence, as in YAML: "- **Likely**: text"
# (a colon after the bold word, so that bold text in a judgment is not read as a likelihood),
# "- (moderate confidence): text", or "- text".
_JUDGMENT_LIKELIHOOD = re.compile(r"^\*\*(?P<likelihood>[^*]+?)\*\*\s*:\s*(?P<text>.*)$", re.DOTALL)
_JUDGMENT_CONFIDENCE = re.compile(
    r"^\((?P<confidence>\w+)\s+confidence\)\s*:?\s*(?P<text>.*)$", re.IGNORECASE | re.DOTALL
)
_UNMARKED_LIKELIHOOD = re.compile(r"^(?P<likelihood>[^:*()]{1,40}):")
_JUDGMENT_FORM = "a key judgment must read '- **Likely** (moderate confidence): text'"
_ATTRIBUTION = re.compile(r"^(?:—|--|–)\s*(.+)$")
_SCENARIO = re.compile(
    r"^\*\*(?P<name>[^*]+?)\*\*\s*(?:\((?P<likelihood>[^)]+)\))?\s*:?\s*(?P<text>.*)$",
    re.DOTALL,
)
_INDICATOR = re.compile(
    # A scenario name may hold one level of parentheses: "(scenario: Talks (Oman))".
    r"^\[(?P<mark>[ xX~])\]\s+(?P<text>.*?)"
    r"(?:\s*\((?i:scenario):\s*(?P<scenario>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*$",
    re.DOTALL,
)
_SCENARIO_LINK = re.compile(r"\(\s*scenario\s*:", re.IGNORECASE)
_INDICATOR_STATUS = {" ": "not observed", "x": "observed", "X": "observed", "~": "partly"}
_BASIS = re.compile(r"\n\s*\*?Basis:?\*?:?\s*", re.IGNORECASE)
_PORTION_MARK = re.compile(r"^\(([^()\n]{1,40})\)[ \t]+")
_NAMES_TLP = re.compile(r"\bTLP\b", re.IGNORECASE)
_CAPS_COLOUR = re.compile(r"^[A-Z:+/ -]*\b(?:RED|AMBER|GREEN|CLEAR|WHITE)\b[A-Z:+/ -]*$")
"""A parenthesised lead that looks like a marking: it names TLP, or is only capitals naming a
TLP colour ("(AMBER+STRCT)"). It is read as the item's marking, so an unknown label is refused
by validation with its line, never printed as text under a lower marking."""
_TLP_WORD = re.compile(r"^(?:TLP\s*:\s*)?(?:RED|AMBER|GREEN|CLEAR|WHITE)(?:\s*\+\s*STRICT)?$")
"""Every spelling the YAML reader accepts (parse_tlp): "TLP: RED", "red", "TLP:AMBER + STRICT"."""


def split_portion_mark(text: str) -> tuple[str | None, str]:
    """A leading portion mark, "(TLP:AMBER) text", as (label, text); (None, text) if none.

    Every spelling YAML accepts is read ("(TLP: RED)", "(RED)", "(TLP:AMBER + STRICT)"); a lead
    that only looks like a marking ("(TLP:PURPLE)") is returned as the label too, so validation
    refuses it with its line rather than print it under a lower marking."""
    match = _PORTION_MARK.match(text)
    if match is None:
        return None, text
    inner = match.group(1).strip()
    if _TLP_WORD.match(inner.upper()) or _NAMES_TLP.search(inner) or _CAPS_COLOUR.match(inner):
        return inner, text[match.end() :]
    return None, text


def _with_mark(item: Any, mark: str | None) -> Any:
    if mark is None:
        return item
    if isinstance(item, dict):
        return {**item, "marking": mark}
    return {"text": item, "marking": mark}


@dataclass
class _Block:
    """A `##` heading and the lines under it, up to the next `##` heading."""

    heading: str
    line: int
    content: list[Line] = field(default_factory=list)


Reader = Callable[["_Body", str, _Block], Any]


@dataclass(frozen=True)
class _Heading:
    """An ATX heading line: its level and its text, without closing '#'s."""

    level: int
    text: str

    def group(self, number: int) -> str:
        return "#" * self.level if number == 1 else self.text


def _heading(line: str) -> _Heading | None:
    """The heading on a line, read without a regular expression that could backtrack."""
    start = _HEADING_START.match(line)
    if start is None:
        return None
    text = line[start.end() :].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    return _Heading(start.end(), text)


def heading_key(heading: str) -> str:
    """How a heading is looked up: lower case, single spaces, no trailing '?' or ':'."""
    return " ".join(heading.lower().split()).rstrip("?:").strip()


def parse_markdown_brief(
    text: str, file: str, warnings: list[Problem] | None = None
) -> tuple[dict[str, Any], LineMap]:
    """Turn a Markdown brief into the same data a YAML brief holds, with line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    match = _FRONT.match(text)
    if match is None and re.match(r"---[ \t]*\n", text):
        raise BriefError.single(
            "the YAML front matter opened by the '---' on line 1 is never closed (expected a "
            "'---' line after the brief's fields, before the first heading)",
            file,
            "",
            1,
        )
    if match is None:
        raise BriefError.single(
            "no YAML front matter (expected the file to start with a '---' line, the brief's "
            "title, date and other fields, and a closing '---' line)",
            file,
            "",
            1,
        )
    front = match.group(1) or ""
    broken: list[Problem] = []  # front matter that cannot be read: the body is still checked
    try:
        data, lines = load_yaml(front, file, line_offset=1, warnings=warnings)
    except BriefError as error:
        broken, data, lines = error.problems, {}, {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        broken.append(
            Problem("front matter is not a mapping (expected 'key: value' lines)", file, "", 2)
        )
        data, lines = {}, {}
    if broken:  # read the body with the date format the front matter names, if it does
        named = _DATE_FORMAT_LINE.search(front)
        data["date_format"] = named.group(1).strip("'\"") if named else None
    body_start = text.count("\n", 0, match.end()) + 1
    _Body(data, lines, file, broken).read(text[match.end() :].splitlines(), body_start)
    return data, lines


class _Body:
    def __init__(
        self, data: dict[str, Any], lines: LineMap, file: str, broken: list[Problem]
    ) -> None:
        self.broken = broken  # the front matter's problems; its fields are then unknown
        self.data = data
        self.lines = lines
        self.file = file
        self.dates = DateForms.for_brief(data.get("date_format"))
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.literal: set[int] = set()

    def error(self, message: str, line: int, path: str = "") -> None:
        """Note a problem and read on, so that one run reports every problem of the body."""
        self.problems.append(Problem(message, self.file, path, line))

    def read(self, body: list[str], first_line: int) -> None:
        blocks: list[_Block] = []
        stray = False  # one problem for a run of text before the first heading, not one a line
        self.literal = {first_line + index for index in _literal_lines(body)}
        for number, line in enumerate(body, start=first_line):
            heading = None if number in self.literal else _heading(line)
            level = len(heading.group(1)) if heading else 0
            if heading and not heading.group(2).strip():
                self.error(
                    f"the heading '{line.strip()}' has no text (expected a heading such as "
                    "'## Assessment', or remove the line)",
                    number,
                )
            elif level == 2 and heading:
                blocks.append(_Block(heading.group(2), number))
            elif blocks:
                blocks[-1].content.append((number, line))
            elif level == 1 and heading:
                self._title(heading.group(2), number)
            elif line.strip() and not stray:
                stray = True
                self.error(
                    "text before the first '## ' heading would be lost (expected a '# Title' "
                    "line, then headings such as '## What happened?' or '## Assessment'; move "
                    "the text under one, or into the front matter)",
                    number,
                )
        for block in blocks:
            self._block(block)
        forget_parsed()
        if self.broken:
            raise BriefError(sorted(self.broken + self.problems, key=_by_line))
        if self.problems:
            raise BriefError(
                sorted(self.problems + self._field_problems(), key=_by_line),
                warnings_from(Brief, self.file, self.lines, self.data),
            )

    def _field_problems(self) -> list[Problem]:
        """The field problems of what could be read, so one run reports every problem; those
        under a body problem's path are left out (the body problem is their cause)."""
        from sitrep.files.validation import validate_brief

        try:
            validate_brief(self.data, self.file, self.lines)
        except BriefError as error:
            causes = [p.path for p in self.problems if p.path]
            return [
                problem
                for problem in error.problems
                if not any(
                    problem.path.startswith(cause.removesuffix(".date").removesuffix(".time"))
                    for cause in causes
                )
            ]
        return []

    def _title(self, title: str, line: int) -> None:
        given = self.data.get("title")
        if given is not None and given != title:
            self.error(
                f"the '# {title}' heading differs from the front matter's title {given!r} "
                "(expected one title: remove the heading or the 'title:' line)",
                line,
                "title",
            )
            return
        self.data["title"] = title
        self.lines[("title",)] = line

    def _claim(self, key: str, block: _Block) -> bool:
        if key in self.seen:
            self.error(
                f"the heading '## {block.heading}' is given twice (first on line "
                f"{self.seen[key]}; expected it once)",
                block.line,
                key,
            )
            return False
        if key in self.data:
            self.error(
                f"'{key}' is given both in the front matter and as the heading "
                f"'## {block.heading}' (expected one of them)",
                block.line,
                key,
            )
            return False
        self.seen[key] = block.line
        self.lines[(key,)] = block.line
        return True

    def _block(self, block: _Block) -> None:
        mark, heading = split_portion_mark(block.heading)
        known = HEADINGS.get(heading_key(heading))
        items = known is not None and known[1] in (_events, _list)
        quote = _quote if known is None else None
        for line, message in nested_problems(
            block.content, block.heading, items=items, quote=quote
        ):
            self.error(message, line)
        if known is None:
            _section(self, "sections", block)
            return
        key, reader = known
        if mark is not None:
            self._field_marking(key, mark, block)
            block.heading = heading
        literal = [(n, line) for n, line in block.content if n in self.literal]
        if literal and reader is not _prose:
            self.error(
                f"a code or HTML block under '## {block.heading}' cannot be read as its items "
                "and would be lost (expected list items starting with '- '; move the block "
                "under a '## ' section of its own)",
                literal[0][0],
            )
            block.content = [item for item in block.content if item not in literal]
        if self._claim(key, block):
            self.data[key] = reader(self, key, block)

    def _field_marking(self, key: str, mark: str, block: _Block) -> None:
        """`## (TLP:GREEN) Assessment` marks the field, as field_markings does."""
        markings = self.data.setdefault("field_markings", {})
        if not isinstance(markings, dict) or key in markings:
            self.error(
                f"the heading '## {block.heading}' marks '{key}', which the front matter's "
                "field_markings already marks (expected one of them)",
                block.line,
                "field_markings",
            )
            return
        markings[key] = mark
        self.lines[("field_markings", key)] = block.line

    def no_subheadings(self, block: _Block) -> None:
        for number, line in block.content:
            heading = None if number in self.literal else _heading(line)
            if heading:
                self.error(
                    f"the heading '{line.strip()}' under '## {block.heading}' would be lost "
                    "(expected '### ' only for themes under '## What happened?'; make it a "
                    f"'## {heading.group(2)}' section of its own)",
                    number,
                )

    def only_paragraphs(self, block: _Block, *, quotes: bool, lists: bool = False) -> None:
        """Refuse what prose cannot hold (lists, block quotes, code, HTML, tables, rules):
        read as paragraphs, their structure would be lost without a word."""
        quote = _quote if quotes else None
        for line, message in top_level_problems(block.content, block.heading, quote, lists=lists):
            self.error(message, line)

    def event(self, text: str, line: int, path: str) -> dict[str, Any]:
        """An event from a list item: "(TLP:AMBER) 2024-03-22: text", the mark also read after
        the date ("2024-03-22: (TLP:AMBER) text"); two marks on one item are refused."""
        lead, text = split_portion_mark(text)
        event = self._event(text, line, path)
        after, rest = split_portion_mark(str(event.get("text", "")))
        if after is not None and "date" in event:
            event["text"] = rest
            if lead is not None:
                self.error(
                    f"the item has two portion marks, ({lead}) and ({after}) (expected one, "
                    "before the date: '- (TLP:AMBER) 2024-03-22: text')",
                    line,
                    f"{path}.marking",
                )
            lead = after
        marked: dict[str, Any] = _with_mark(event, lead)
        return marked

    def _event(self, text: str, line: int, path: str) -> dict[str, Any]:
        if not text.strip():
            self.error(
                "an empty list item (expected text after '- ', such as '- 2024-03-22: what "
                "happened', or remove the line)",
                line,
                path,
            )
            return {"text": text}
        dated = split_dated(text, self.dates)
        if isinstance(dated, DateRefused):
            self.error(dated.message, line, f"{path}.{dated.field}")
            return {"text": text}
        if dated is None:
            return {"text": text}
        day, time, rest = dated
        event: dict[str, Any] = {"date": day, "text": rest}
        if time:
            event["time"] = time
        return event


def _literal_lines(body: list[str]) -> set[int]:
    """Indexes of the body's lines inside code fences (``` or ~~~) and HTML blocks, where a
    '## ' line is text, not a heading; found by markdown-it-py, as CommonMark reads them."""
    from markdown_it import MarkdownIt

    literal: set[int] = set()
    for token in MarkdownIt("commonmark").parse("\n".join(body)):
        if token.type in ("fence", "html_block") and token.map is not None:
            literal.update(range(*token.map))
    return literal


def _by_line(problem: Problem) -> int:
    return problem.line or 0


def _events(body: _Body, key: str, block: _Block) -> list[dict[str, Any]]:
    body.only_paragraphs(block, quotes=False, lists=True)
    groups: list[tuple[str | None, int, list[Line]]] = [(None, block.line, [])]
    for number, line in block.content:
        sub = None if number in body.literal else _heading(line)
        if sub and len(sub.group(1)) == 3:
            groups.append((sub.group(2), number, []))
        elif sub:
            body.error(
                f"the heading '{line.strip()}' under '## {block.heading}' would be lost "
                "(expected '### Theme' headings that group events, or a new '## ' section)",
                number,
            )
        else:
            groups[-1][2].append((number, line))
    what: list[dict[str, Any]] = []
    for theme, number, lines in groups:
        items = _items(lines, allow_paragraphs=True, block=block, body=body)
        if theme is None:
            for n, text in items:
                path = ("what", len(what))
                body.lines[path] = n
                what.append(body.event(text, n, f"what[{len(what)}]"))
            continue
        index = len(what)
        body.lines[("what", index)] = number
        events = []
        for position, (n, text) in enumerate(items):
            body.lines[("what", index, "events", position)] = n
            events.append(body.event(text, n, f"what[{index}].events[{position}]"))
        mark, theme = split_portion_mark(theme)
        what.append(_with_mark({"theme": theme, "events": events}, mark))
    return what


def _prose(body: _Body, key: str, block: _Block) -> str:
    body.no_subheadings(block)
    body.only_paragraphs(block, quotes=False)
    return "\n\n".join("\n".join(text for _, text in part) for part in _paragraphs(block.content))


def _list(body: _Body, key: str, block: _Block) -> list[Any]:
    body.no_subheadings(block)
    items = _items(block.content, allow_paragraphs=False, block=block, body=body)
    values: list[Any] = []
    for index, (number, text) in enumerate(items):
        body.lines[(key, index)] = number
        item_reader = _ITEM_READERS.get(key)
        mark, text = split_portion_mark(text)
        value = item_reader(body, text, number, index) if item_reader else text
        values.append(_with_mark(value, mark))
    return values


def _is_likelihood_word(word: str) -> bool:
    from sitrep.model.scales import SCALES, normalise_term

    return any(normalise_term(word) in scale.words for scale in SCALES.values())


def _judgment(body: _Body, text: str, line: int, index: int) -> dict[str, Any]:
    basis_at = _BASIS.search(text)
    if basis_at is not None:  # findings on the basis point at its own line
        basis_line = line + text.count("\n", 0, basis_at.start()) + 1
        body.lines[("key_judgments", index, "basis")] = basis_line
    text, _, basis = _BASIS.sub("\x00", text, count=1).partition("\x00")
    match = (
        _JUDGMENT.match(text)
        or _JUDGMENT_LIKELIHOOD.match(text)
        or _JUDGMENT_CONFIDENCE.match(text)
    )
    found = match.groupdict() if match else {"text": text}
    problem = "" if found["text"].strip() else "this one has no text"
    unmarked = None if match else _UNMARKED_LIKELIHOOD.match(text)
    if unmarked and _is_likelihood_word(unmarked["likelihood"]):
        word = unmarked["likelihood"].strip()
        problem = f"write the likelihood in bold: '- **{word}**: ...'"
    if problem:
        body.error(
            f"{_JUDGMENT_FORM} (the likelihood and confidence may be left out; {problem})",
            line,
            f"key_judgments[{index}]",
        )
        return {}
    judgment = {key: value for key, value in found.items() if key != "text"}
    judgment["text"] = found["text"].strip()
    if basis.strip():
        judgment["basis"] = basis.strip()
    return judgment


def _scenario(body: _Body, text: str, line: int, index: int) -> dict[str, Any]:
    match = _SCENARIO.match(text)
    if match is None:
        body.error("a scenario must read '- **Name** (likely): text'", line, f"outlook[{index}]")
        return {}
    scenario: dict[str, Any] = {"name": match["name"].strip(), "text": match["text"].strip()}
    if match["likelihood"]:
        scenario["likelihood"] = match["likelihood"].strip()
    return scenario


def _indicator(body: _Body, text: str, line: int, index: int) -> dict[str, Any]:
    match = _INDICATOR.match(text)
    if match is None:
        body.error(
            "an indicator must read '- [x] text' (observed), '- [~] text' (partly) or "
            "'- [ ] text' (not observed), optionally ending '(scenario: Name)'",
            line,
            f"indicators[{index}]",
        )
        return {}
    link = None if match["scenario"] is not None else _SCENARIO_LINK.search(match["text"])
    if link is not None:  # unread, the link would stay in the text and the indicator unlinked
        shown = " ".join(match["text"][link.start() :].split())
        body.error(
            f"the indicator's scenario link {shown!r} cannot be read (expected it at the end "
            "of the item, as '(scenario: Name)', any parentheses in the name matched)",
            line + match["text"][: link.start()].count("\n"),
            f"indicators[{index}].scenario",
        )
    indicator: dict[str, Any] = {
        "text": match["text"].strip(),
        "status": _INDICATOR_STATUS[match["mark"]],
    }
    if match["scenario"] is not None:
        indicator["scenario"] = match["scenario"].strip()
        where = line + text[: match.start("scenario")].count("\n")
        body.lines[("indicators", index, "scenario")] = where
    return indicator


_ITEM_READERS: dict[str, Callable[[_Body, str, int, int], dict[str, Any]]] = {
    "key_judgments": _judgment,
    "outlook": _scenario,
    "indicators": _indicator,
}
"""List fields whose items are structured; the others are lists of prose."""


def _section(body: _Body, key: str, block: _Block) -> None:
    body.no_subheadings(block)
    body.only_paragraphs(block, quotes=True)
    sections = body.data.setdefault("sections", [])
    if not isinstance(sections, list):
        body.error(
            "'sections' in the front matter is not a list, so the section "
            f"'## {block.heading}' cannot join it (expected a list, or no 'sections:' line)",
            block.line,
            "sections",
        )
        return
    index = len(sections)
    body.lines.setdefault(("sections",), block.line)
    body.lines[("sections", index)] = block.line
    paragraphs: list[str] = []
    quotes: list[dict[str, Any]] = []
    for part in _paragraphs(block.content):
        quote = _quote([text for _, text in part])
        if quote is not None:
            body.lines[("sections", index, "quotes", len(quotes))] = part[0][0]
            quotes.append(quote)
        else:
            paragraphs.append("\n".join(text for _, text in part))
    mark, heading = split_portion_mark(block.heading)
    section: dict[str, Any] = {"heading": heading, "body": "\n\n".join(paragraphs)}
    if mark is not None:
        section["marking"] = mark
    if quotes:
        section["quotes"] = quotes
    sections.append(section)


def _quote(lines: list[str]) -> dict[str, Any] | None:
    if len(lines) < 2 or not all(line.startswith(">") for line in lines):
        return None
    quote = [line[1:].strip() for line in lines]
    attribution = _ATTRIBUTION.match(quote[-1])
    if attribution is None:
        return None
    speaker, _, affiliation = attribution.group(1).partition(",")
    mark, said = split_portion_mark(" ".join(quote[:-1]))
    item: dict[str, Any] = {"text": _strip_quotes(said), "speaker": speaker.strip()}
    if mark is not None:
        item["marking"] = mark
    if affiliation.strip():
        item["affiliation"] = affiliation.strip()
    return item


HEADINGS: dict[str, tuple[str, Reader]] = {
    "what happened": ("what", _events),
    "what": ("what", _events),
    "assessment": ("assessment", _prose),
    "key judgments": ("key_judgments", _list),
    "key judgements": ("key_judgments", _list),
    "recommendations": ("recommendations", _list),
    # tradecraft elements (docs/tradecraft.md)
    "bottom line up front": ("bluf", _prose),
    "bluf": ("bluf", _prose),
    "bottom line": ("bluf", _prose),
    "assumptions": ("assumptions", _list),
    "key assumptions": ("assumptions", _list),
    "gaps": ("gaps", _list),
    "intelligence gaps": ("gaps", _list),
    "information gaps": ("gaps", _list),
    "outlook": ("outlook", _list),
    "scenarios": ("outlook", _list),
    "indicators": ("indicators", _list),
    "signposts": ("indicators", _list),
    "indicators and signposts": ("indicators", _list),
    "source summary": ("source_summary", _prose),
    "source summary statement": ("source_summary", _prose),
}
"""`##` heading (as `heading_key` writes it) -> (brief field, reader). Any other heading is a
free section. A new heading is one line here."""


def _paragraphs(content: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for number, line in content:
        if line.strip():
            blocks[-1].append((number, line.rstrip()))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _items(
    content: list[Line],
    *,
    allow_paragraphs: bool,
    block: _Block,
    body: _Body,
) -> list[Line]:
    """List items with their first line; a paragraph is an item of its own when allowed.

    Lines right under an item, or indented after a blank line, continue it; an unindented
    paragraph after a blank line starts a new item (or is refused, when paragraphs are not).
    """
    items: list[Line] = []
    open_item = False  # the last line belonged to an item
    blank = False
    for number, line in content:
        if not line.strip():
            blank = True
            continue
        bullet = _BULLET.match(line)
        indented = line.startswith(("  ", "\t"))
        if bullet:
            items.append((number, (bullet.group(1) or "").strip()))
            open_item = True
        elif items and open_item and indented and _BULLET.match(line.strip()):
            body.error(
                f"a nested list under '## {block.heading}' would be flattened into the item "
                "above it (expected one level of '- ' items: make each sub-point an item of "
                "its own, or a sentence of its item)",
                number,
            )
        elif items and open_item and (not blank or indented):
            if blank and all(problem.line != number for problem in body.problems):
                # one indented as the item's text is refused by nested_problems already; one
                # indented less is outside the item for CommonMark, but read on into it here
                body.error(
                    f"a second paragraph of a list item under '## {block.heading}' would be "
                    "flattened into the item's text (expected one paragraph of text per item: "
                    "make it an item of its own, or join it to the item's lines)",
                    number,
                )
            glue = "\n\n" if blank else "\n"
            items[-1] = (items[-1][0], f"{items[-1][1]}{glue}{line.strip()}")
        elif allow_paragraphs:
            if items and not blank and not open_item:
                items[-1] = (items[-1][0], f"{items[-1][1]}\n{line.strip()}")
            else:
                items.append((number, line.strip()))
            open_item = False
        else:
            body.error(
                f"text under '## {block.heading}' that is not a list item would be lost "
                "(expected each item on a line starting with '- ')",
                number,
            )
        blank = False
    return items


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in '“"' and text[-1] in '”"':
        return text[1:-1]
    return text
