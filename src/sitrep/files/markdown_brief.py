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
from typing import Any

from sitrep.errors import BriefError, Problem
from sitrep.files.markdown_blocks import forget_parsed, nested_problems, top_level_problems
from sitrep.files.markdown_dates import DateForms
from sitrep.files.markdown_headings import Block, heading_key, literal_lines, read_heading
from sitrep.files.markdown_marks import split_portion_mark
from sitrep.files.markdown_sections import (
    HEADINGS,
    headings_for,
    read_events,
    read_list,
    read_prose,
    read_quote,
    read_section,
)
from sitrep.files.markdown_sections import Reader as Reader
from sitrep.files.yaml_tree import LineMap, load_yaml
from sitrep.model.brief import Brief
from sitrep.model.problems import warnings_from

__all__ = ["HEADINGS", "heading_key", "parse_markdown_brief"]

_DATE_FORMAT_LINE = re.compile(r"^date_format:[ \t]*(\S+)[ \t]*$", re.MULTILINE)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


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
    BodyReader(data, lines, file, broken).read(text[match.end() :].splitlines(), body_start)
    return data, lines


class BodyReader:
    """The body of one Markdown brief, read into its data and line map: the `##` blocks, each
    field claimed once, and every problem noted so that one run reports them all."""

    def __init__(
        self, data: dict[str, Any], lines: LineMap, file: str, broken: list[Problem]
    ) -> None:
        self.broken = broken  # the front matter's problems; its fields are then unknown
        self.data = data
        self.lines = lines
        self.file = file
        self.dates = DateForms.for_brief(data.get("date_format"))
        self.headings = headings_for(data.get("language"), data.get("template"))
        self.seen: dict[str, tuple[int, str]] = {}  # field -> line and heading that filled it
        self.problems: list[Problem] = []
        self.literal: set[int] = set()

    def error(self, message: str, line: int, path: str = "") -> None:
        """Note a problem and read on, so that one run reports every problem of the body."""
        self.problems.append(Problem(message, self.file, path, line))

    def read(self, body: list[str], first_line: int) -> None:
        blocks: list[Block] = []
        stray = False  # one problem for a run of text before the first heading, not one a line
        self.literal = {first_line + index for index in literal_lines(body)}
        for number, line in enumerate(body, start=first_line):
            heading = None if number in self.literal else read_heading(line)
            level = len(heading.group(1)) if heading else 0
            if heading and not heading.group(2).strip():
                self.error(
                    f"the heading '{line.strip()}' has no text (expected a heading such as "
                    "'## Assessment', or remove the line)",
                    number,
                )
            elif level == 2 and heading:
                blocks.append(Block(heading.group(2), number))
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

    def _claim(self, key: str, block: Block) -> bool:
        if key in self.seen:
            first, heading = self.seen[key]
            same = heading_key(heading) == heading_key(block.heading)
            earlier = "" if same else f" as '## {heading}'"
            self.error(
                f"the heading '## {block.heading}' is given twice (first on line "
                f"{first}{earlier}; expected it once)",
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
        self.seen[key] = (block.line, block.heading)
        self.lines[(key,)] = block.line
        return True

    def _block(self, block: Block) -> None:
        mark, heading = split_portion_mark(block.heading)
        known = self.headings.get(heading_key(heading))
        items = known is not None and known[1] in (read_events, read_list)
        quote = read_quote if known is None else None
        for line, message in nested_problems(
            block.content, block.heading, items=items, quote=quote
        ):
            self.error(message, line)
        if known is None:
            read_section(self, "sections", block)
            return
        key, reader = known
        if mark is not None:
            self._field_marking(key, mark, block)
            block.heading = heading
        literal = [(n, line) for n, line in block.content if n in self.literal]
        if literal and reader is not read_prose:
            self.error(
                f"a code or HTML block under '## {block.heading}' cannot be read as its items "
                "and would be lost (expected list items starting with '- '; move the block "
                "under a '## ' section of its own)",
                literal[0][0],
            )
            block.content = [item for item in block.content if item not in literal]
        if self._claim(key, block):
            self.data[key] = reader(self, key, block)

    def _field_marking(self, key: str, mark: str, block: Block) -> None:
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

    def no_subheadings(self, block: Block) -> None:
        for number, line in block.content:
            heading = None if number in self.literal else read_heading(line)
            if heading:
                self.error(
                    f"the heading '{line.strip()}' under '## {block.heading}' would be lost "
                    "(expected '### ' only for themes under '## What happened?'; make it a "
                    f"'## {heading.group(2)}' section of its own)",
                    number,
                )

    def only_paragraphs(self, block: Block, *, quotes: bool, lists: bool = False) -> None:
        """Refuse what prose cannot hold (lists, block quotes, code, HTML, tables, rules):
        read as paragraphs, their structure would be lost without a word."""
        quote = read_quote if quotes else None
        for line, message in top_level_problems(block.content, block.heading, quote, lists=lists):
            self.error(message, line)


def _by_line(problem: Problem) -> int:
    return problem.line or 0
