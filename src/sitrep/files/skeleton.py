"""The blank brief `sitrep new` writes, as YAML and as Markdown, and its stand-in texts.

It sits with the file formats, below both `sitrep.scaffold`, which writes it, and the
`placeholder-text` check, which warns when a final brief still holds one of its stand-ins.
"""

from __future__ import annotations

__all__ = ["MARKDOWN_SKELETON", "PLACEHOLDERS", "SKELETON"]

SKELETON = """\
# A new sitrep. Check it as you type: sitrep schema > brief.schema.json, then point your
# editor's YAML language server at that file. Render it: sitrep render {name} -o brief.pdf
template: intel-brief          # intel-brief, analysis or article
title: "Title of the brief"
date: {today}
status: draft                  # a DRAFT watermark until you set: final
{house}where: "Country, place"
who:
  - "First actor"
what:
  - date: {today}
    text: "What happened, with a citation. [@source1]"
assessment: |
  What it means, and what is likely to happen next.
sources:
  - id: source1
    author: "Author Name"
    title: "Title of the source"
    container: "Publication"
    date: {today}
    url: "https://example.org/"
"""


_HEAD, _, _REST = SKELETON.partition("what:\n")
_SOURCES = _REST[_REST.index("sources:") :]

MARKDOWN_SKELETON = (
    "---\n"
    + _HEAD[_HEAD.index("template:") :]
    + _SOURCES
    + """---

## What happened?

- {today}: What happened, with a citation. [@source1]

## Assessment

What it means, and what is likely to happen next.
"""
)
"""The blank brief as Markdown: the same front matter, the events and assessment as headings."""

PLACEHOLDERS = (
    "Title of the brief",
    "Country, place",
    "First actor",
    "What happened, with a citation.",
    "What it means, and what is likely to happen next.",
    "Author Name",
    "Title of the source",
    "Publication",
    "https://example.org/",
)
"""The blank brief's stand-in texts: `sitrep check` warns when a final brief still has one."""
