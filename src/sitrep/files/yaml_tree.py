"""Safe YAML loading that remembers the line of every field and refuses duplicate keys.

Hostile YAML is refused before it can hurt: the node tree is composed from libyaml's event
stream (which is not recursive) with a depth counter, so a file nested 50,000 levels deep gets
an error instead of overflowing the C stack of PyYAML's composer; and alias expansion is
budgeted against the size of the file, so a small file of aliases cannot become gigabytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from sitrep.errors import BriefError, Problem
from sitrep.model.walk import FieldPath, format_path

__all__ = ["MAX_DEPTH", "MAX_EXPANSION", "MAX_VALUES", "LineMap", "load_yaml", "too_many_values"]

LineMap = dict[FieldPath, int]

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists (a brief needs about six levels)."""
MAX_VALUES = 500_000
"""Most mappings, lists and scalars a file may hold, or expand to (10,000 events are 50,000)."""
MAX_EXPANSION = 10
"""How many times its own size a file may grow through aliases (plus a small allowance)."""
_EXPANSION_ALLOWANCE = 1_000_000
"""Values plus characters any file may expand to, so that small files may use aliases freely."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_AS_TEXT = re.compile(
    r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"  # base 60: `14:30` would be 870
    r"|[-+]?0[0-9_]+"  # octal: `issue: 012` would be 10
    r"|(?i:yes|no|on|off|y|n)"  # booleans: `where: NO` (Norway) would be false
)
"""YAML 1.1 readings that YAML 1.2 dropped, read as the text typed: a time of day stays a time
(and `25:00` is refused by its field), `012` stays 012, `NO` stays NO. A yes/no field still
takes `yes`, as validation reads the text."""


class _Resolver(yaml.resolver.Resolver):
    """PyYAML's resolver without YAML 1.1's base-60 numbers, octal and yes/no booleans."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and _AS_TEXT.fullmatch(value):
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Frame:
    """A mapping or list being composed, and the key waiting for its value."""

    __slots__ = ("key", "node")

    def __init__(self, node: yaml.CollectionNode) -> None:
        self.node = node
        self.key: yaml.Node | None = None


class _Composer:
    """Build PyYAML's node tree from parser events, without recursion and with a depth limit."""

    def __init__(self, file: str, line_offset: int) -> None:
        self.file = file
        self.offset = line_offset
        self.resolver: Any = _Resolver()

    def fail(self, message: str, mark: Any) -> BriefError:
        line = None if mark is None else int(mark.line) + 1 + self.offset
        return BriefError.single(message, self.file, "", line)

    def compose(self, text: str) -> yaml.Node | None:
        anchors: dict[str, yaml.Node] = {}
        stack: list[_Frame] = []
        root: yaml.Node | None = None
        documents = 0
        resolve = self.resolver.resolve
        count = 0
        events: Iterable[Any] = yaml.parse(text, Loader=_Loader)  # narrowed by `kind` below
        for event in events:
            kind = type(event)
            node: Any
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(
                    tag, event.value, event.start_mark, event.end_mark, style=event.style
                )
            elif kind is yaml.AliasEvent:
                node = self._alias(event, anchors, stack)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(
                        f"nested more than {MAX_DEPTH} levels deep (expected a brief's few "
                        "levels of fields and lists)",
                        event.start_mark,
                    )
                node = self._collection(event)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                stack.pop().node.end_mark = event.end_mark
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(
                        "not valid YAML: a second document (expected one brief per file; "
                        "remove the second '---' and everything after it)",
                        event.start_mark,
                    )
                continue
            else:  # stream start and end, document end
                continue
            if kind is not yaml.AliasEvent:
                count += 1
                if count > MAX_VALUES:
                    raise self.fail(too_many_values(), event.start_mark)
                if event.anchor is not None:
                    anchors[event.anchor] = node
            if not stack:
                root = node
            else:
                frame = stack[-1]
                if type(frame.node) is yaml.SequenceNode:
                    frame.node.value.append(node)
                elif frame.key is None:
                    frame.key = node
                else:
                    frame.node.value.append((frame.key, node))
                    frame.key = None
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                stack.append(_Frame(node))
        return root

    def _alias(self, event: Any, anchors: dict[str, yaml.Node], stack: list[_Frame]) -> yaml.Node:
        node = anchors.get(str(event.anchor))
        if node is None:
            raise self.fail(
                f"not valid YAML: the alias *{event.anchor} names no anchor (expected "
                f"'&{event.anchor}' on a value before it; if the value is text that starts "
                "with '*', put it in quotes)",
                event.start_mark,
            )
        if any(frame.node is node for frame in stack):
            raise self.fail(
                f"the alias *{event.anchor} is inside the value it names (expected an alias "
                "after its anchor's value ends)",
                event.start_mark,
            )
        return node

    def _collection(self, event: Any) -> yaml.CollectionNode:
        kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(kind, None, event.implicit)
        return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)


class _Builder:
    """Turn the node tree into plain data, recording lines and counting what aliases expand to."""

    def __init__(self, file: str, line_offset: int, budget: int, text: str = "") -> None:
        self.file = file
        self.text_lines = text.splitlines()
        self.warnings: list[Problem] = []
        self.offset = line_offset
        self.lines: LineMap = {}
        self.budget = budget
        self.spent = 0
        self.count = 0
        self.depth = 0
        self.constructor = yaml.SafeLoader("")
        self.resolver: Any = _Resolver()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def fail(self, message: str, node: yaml.Node, path: FieldPath = ()) -> BriefError:
        where = format_path(path)
        return BriefError.single(message, self.file, where, self.line(node))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        self.spent += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
        if self.spent > self.budget or self.count > MAX_VALUES:  # named at the runaway field
            field = path[:1]
            raise BriefError.single(
                f"the document expands to more than {MAX_EXPANSION} times its own size, or "
                f"{MAX_VALUES:,} values, through YAML aliases (expected aliases that repeat "
                "small parts)",
                self.file,
                format_path(field),
                self.lines.get(field, self.line(node)),
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(
                f"not valid YAML: the tag {node.tag!r} is not allowed (expected plain YAML "
                "without tags)",
                node,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:  # aliases inside aliases nest deeper than the text shows
                raise self.fail(
                    f"nested more than {MAX_DEPTH} levels deep once aliases are expanded "
                    "(expected a brief's few levels of fields and lists)",
                    node,
                )
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            items = []
            for index, child in enumerate(node.value):
                self.lines.setdefault((*path, index), self.line(child))
                items.append(self.build(child, (*path, index)))
            return items
        finally:
            self.depth -= 1

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        self._comment_after_text(node, path)
        self._dash_without_space(node, path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise
        except Exception as error:  # PyYAML's constructors fail in many ways on tagged text
            guessed = self.resolver.resolve(yaml.ScalarNode, node.value, (True, False))
            if node.tag in (guessed, _STR):
                # An impossible date such as 2023-02-30, or an integer of 5,000 digits:
                # keep the text and let validation say what the field expects.
                return str(node.value)
            raise self.fail(
                f"not valid YAML: {node.value[:40]!r} cannot be read as {node.tag} "
                f"({type(error).__name__}; expected a value without an explicit tag)",
                node,
                path,
            ) from None

    def _dash_without_space(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Warn when `-WHO` under a key was meant as a list item: without a space after the
        dash, YAML reads the lines as one text, '-WHO -MSF'."""
        if node.style not in (None, "") or node.tag != _STR:
            return
        start = node.start_mark
        if start.line >= len(self.text_lines) or not re.match(
            r"\s*-[^\s\d-]", self.text_lines[start.line]
        ):
            return
        first = self.text_lines[start.line].strip()
        self.warnings.append(
            Problem(
                f"'{first}' is read as text, not as a list item, because the dash has no space "
                f"after it (fix: '- {first[1:]}', a space after each dash)",
                self.file,
                format_path(path),
                start.line + 1 + self.offset,
            )
        )

    def _comment_after_text(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Warn when a ' #' after unquoted text drops the rest of the line: `50% chance # of
        success` is legal YAML whose value is only '50% chance', and `dateline: KINSHASA # and
        TSHIKAPA` only 'KINSHASA'. One word followed by a comment set off by two or more spaces
        (`template: analysis   # or article`, as `sitrep new` writes) is a deliberate note."""
        if node.style not in (None, "") or node.tag != _STR:
            return  # a comment after a quoted value, a number or a date drops no words
        end = node.end_mark
        if end.line >= len(self.text_lines):
            return
        rest = self.text_lines[end.line][end.column :]
        gap = len(rest) - len(rest.lstrip(" \t"))
        aligned = gap >= 2 and " " not in str(node.value).strip()
        if rest[gap : gap + 1] == "#" and gap >= 1 and not aligned:
            self.warnings.append(
                Problem(
                    f"text after ' #' is a YAML comment and was dropped ({rest.strip()!r}); "
                    "quote the value to keep it",
                    self.file,
                    format_path(path),
                    end.line + 1 + self.offset,
                )
            )

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        where = format_path(path) or "top level"
        result: dict[str, Any] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults` merges a mapping's keys into this one
                merges.append(value_node)
                continue
            scalar = isinstance(key_node, yaml.ScalarNode)
            key = self._scalar(key_node, path) if scalar else None
            if not isinstance(key, str):
                shown = repr(key) if scalar else "a mapping or list"
                braces = (
                    ""
                    if scalar
                    else (
                        "; a value that starts with '{' is read as a YAML mapping: to write text "
                        "such as {{ cases }}, put the whole value in double quotes"
                    )
                )
                raise BriefError.single(
                    f"key {shown} is not text (expected a field name{braces})",
                    self.file,
                    where,
                    self.line(key_node),
                )
            if key in result:
                raise BriefError.single(
                    f"duplicate key {key!r} (first given on line {self.lines[(*path, key)]}; "
                    "expected each key once)",
                    self.file,
                    where,
                    self.line(key_node),
                )
            self.lines[(*path, key)] = self.line(key_node)
            result[key] = self.build(value_node, (*path, key))
        if merges:
            given = {key: self.lines[(*path, key)] for key in result}
            for value_node in merges:
                for key, value in self._merged(value_node, path).items():
                    result.setdefault(key, value)  # keys given here win, then the first listed
            self.lines.update({(*path, key): line for key, line in given.items()})
        return result

    def _merged(self, value: yaml.Node, path: FieldPath) -> dict[str, Any]:
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        merged: dict[str, Any] = {}
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise self.fail(
                    "'<<' merges only mappings (expected '<<: *name' naming a mapping)",
                    source,
                    path,
                )
            for key, item in self.build(source, path).items():
                merged.setdefault(key, item)
        return merged


def _unreadable_character(
    error: yaml.reader.ReaderError, text: str, file: str, offset: int
) -> BriefError:
    """A character YAML refuses (a control character such as U+0001), with line and column."""
    before = text[: int(error.position)]
    line = before.count("\n") + 1 + offset
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character))
    return BriefError(
        [
            Problem(
                f"not valid YAML: the invisible control character U+{code:04X} is not allowed "
                "(fix: delete it; it often comes with text pasted from a PDF or a terminal)",
                file,
                line=line,
                column=column,
            )
        ]
    )


def too_many_values() -> str:
    return (
        f"holds more than {MAX_VALUES:,} values (expected a brief of at most about "
        "100,000 events; split it into several briefs)"
    )


def load_yaml(
    text: str, file: str, *, line_offset: int = 0, warnings: list[Problem] | None = None
) -> tuple[Any, LineMap]:
    """Parse YAML safely; return the data and the line of every mapping key and list item.

    What is legal but probably a mistake (words dropped as a comment) is added to `warnings`."""
    composer = _Composer(file, line_offset)
    try:
        node = composer.compose(text)
    except yaml.MarkedYAMLError as error:
        from sitrep.files.yaml_errors import yaml_syntax_error

        raise yaml_syntax_error(error, text, file, line_offset) from None
    except yaml.reader.ReaderError as error:  # a control character, invalid UTF-8
        raise _unreadable_character(error, text, file, line_offset) from None
    except yaml.YAMLError as error:
        raise BriefError.single(f"not valid YAML: {error}", file) from None
    if node is None:
        return None, {}
    budget = max(_EXPANSION_ALLOWANCE, MAX_EXPANSION * len(text))
    builder = _Builder(file, line_offset, budget, text)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as error:
        raise composer.fail(f"not valid YAML: {error.problem}", error.problem_mark) from None
    if warnings is not None:
        warnings.extend(builder.warnings)
    return data, builder.lines
