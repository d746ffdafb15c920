"""Rules on drafts: a brief released as final must not still hold the writer's stand-ins."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.files.skeleton import PLACEHOLDERS
from sitrep.model.dissemination import Status
from sitrep.model.walk import strings_in

_FINISHED = "ICD 203 D.6.e(8) (accuracy); ICD 206 (dissemination of finished products)"

# Writers' markers are capitals (a "todo" in prose is a word); the rest match in any case.
_MARKERS = re.compile(r"(?<![\w-])(?:TODO|TBD|TBC|FIXME|XXX+)(?![\w-])")
_STAND_INS = re.compile(
    r"lorem\s+ipsum|\[\s*insert\b[^\]]*\]|<\s*insert\b[^>]*>|\{\s*insert\b[^}]*\}",
    re.IGNORECASE,
)
_SKIPPED = frozenset({"check", "template", "status", "language", "date_format"})


def _placeholder(text: str, scaffolded: tuple[str, ...]) -> str | None:
    found = _MARKERS.search(text) or _STAND_INS.search(text)
    if found is not None:
        return " ".join(found.group().split())
    # The blank brief's URL and one-word stand-ins ("Publication") count only as the whole
    # value: real briefs cite example.org pages and name publications.
    value = text.strip()
    return next(
        (
            stand_in
            for stand_in in scaffolded
            if (_same_value(value, stand_in) if _whole_only(stand_in) else stand_in in text)
        ),
        None,
    )


def _whole_only(stand_in: str) -> bool:
    return "://" in stand_in or " " not in stand_in


def _same_value(value: str, stand_in: str) -> bool:
    if "://" in stand_in:  # "https://example.org" is the same stand-in as ".../"
        return value.rstrip("/").lower() == stand_in.rstrip("/").lower()
    return value == stand_in


@rule(
    "placeholder-text",
    Severity.WARNING,
    "a final brief that still holds placeholder text",
    _FINISHED,
)
def placeholder_text(ctx: CheckContext) -> Iterator[Hit]:
    brief = ctx.brief
    if brief.status is not Status.FINAL:
        return

    data = brief.model_dump(mode="json", exclude_defaults=True)
    for key, value in data.items():
        if key in _SKIPPED:
            continue
        for path, text in strings_in(value, (key,)):
            found = _placeholder(text, PLACEHOLDERS)
            if found is not None:
                yield Hit(
                    path,
                    f"still holds placeholder text {found!r}, but the brief is final "
                    "(replace it, or set status: draft while the brief is being written)",
                )
