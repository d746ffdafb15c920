"""Safe YAML loading that remembers the line of every field and refuses duplicate keys."""

from __future__ import annotations

from typing import Any

import yaml

from sitrep.errors import BriefError, Problem
from sitrep.model.walk import FieldPath, format_path

__all__ = ["LineMap", "load_yaml"]

LineMap = dict[FieldPath, int]

# A brief of 10,000 events has about 50,000 nodes; anything far beyond that is an alias bomb.
MAX_NODES = 1_000_000
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    def __init__(self, file: str, line_offset: int, text: str = "") -> None:
        self.file = file
        self.text_lines = text.splitlines()
        self.warnings: list[Problem] = []
        self.offset = line_offset
        self.lines: LineMap = {}
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise BriefError.single(
                f"the document expands to more than {MAX_NODES:,} values "
                "(expected a brief without runaway YAML aliases)",
                self.file,
            )
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise BriefError.single(
                f"not valid YAML: the tag {node.tag!r} is not allowed (expected plain YAML "
                "without tags)",
                self.file,
                "",
                self.line(node),
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.lines.setdefault((*path, index), self.line(child))
                items.append(self.build(child, (*path, index)))
            return items
        if isinstance(node, yaml.ScalarNode):
            self._comment_after_text(node, path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # an impossible date such as 2023-02-30: let validation name it
            return str(node.value)

    def _comment_after_text(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Warn when a ' #' after unquoted words drops the rest of the line: `50% chance # of
        success` is legal YAML whose value is only '50% chance'."""
        if node.style not in (None, "") or " " not in str(node.value):
            return
        end = node.end_mark
        if end.line >= len(self.text_lines):
            return
        rest = self.text_lines[end.line][end.column :]
        if rest.lstrip(" \t").startswith("#") and rest[:1] in (" ", "\t"):
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
        self.constructor.flatten_mapping(node)  # merges `<<:` keys, as PyYAML's own loader does
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node, deep=True)
            where = f"{'.'.join(str(p) for p in path) or 'top level'}"
            if not isinstance(key, str):
                raise BriefError.single(
                    f"key {key!r} is not text (expected a field name)",
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
        return result


def load_yaml(
    text: str, file: str, *, line_offset: int = 0, warnings: list[Problem] | None = None
) -> tuple[Any, LineMap]:
    """Parse YAML safely; return the data and the line of every mapping key and list item.

    What is legal but probably a mistake (words dropped as a comment) is added to `warnings`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        from sitrep.files.yaml_errors import yaml_syntax_error

        raise yaml_syntax_error(error, text, file, line_offset) from None
    except yaml.YAMLError as error:
        raise BriefError.single(f"not valid YAML: {error}", file) from None
    if node is None:
        return None, {}
    builder = _Builder(file, line_offset, text)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line = None if mark is None else int(mark.line) + 1 + line_offset
        raise BriefError.single(f"not valid YAML: {error.problem}", file, "", line) from None
    if warnings is not None:
        warnings.extend(builder.warnings)
    return data, builder.lines
