"""A brief's `template:` is the name of a layout, never a path.

The name picks a packaged layout (intel-brief, analysis, article) or a template the caller
registered with `--template` (a folder holding `NAME.html.j2` / `NAME.docx`). A brief comes from
strangers and templates are code, so a brief must not be able to pick a file elsewhere on disk.
"""

from __future__ import annotations

import re

__all__ = ["BUILT_IN_LAYOUTS", "check_template_name", "is_template_name"]

BUILT_IN_LAYOUTS = ("intel-brief", "analysis", "article")

_NAME = re.compile(r"\w[\w-]{0,63}")


def is_template_name(value: str) -> bool:
    """Letters, digits, `-` and `_` (up to 64): no `/`, `\\`, `.`, `:` or `~`."""
    return _NAME.fullmatch(value) is not None


def check_template_name(value: str) -> str:
    if not is_template_name(value):
        raise ValueError(
            f"not a layout name: expected one of {', '.join(BUILT_IN_LAYOUTS)} "
            "or the name of a template given with --template (letters, digits, - and _); a "
            "brief cannot name a file or folder"
        )
    return value
