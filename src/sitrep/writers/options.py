"""Settings a render call passes to every writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.model.brief import Brief

__all__ = ["RenderOptions", "Warn", "warn_to_stderr"]

Warn = Callable[[str], None]
"""Where a writer sends a warning (a missing font, a refused resource)."""


def warn_to_stderr(message: str) -> None:
    import sys

    print(f"sitrep: warning: {message}", file=sys.stderr)


@dataclass(frozen=True)
class RenderOptions:
    """How to render: which template, what may be fetched, which PDF variant."""

    template: str | Path | None = None
    """A layout name (intel-brief, analysis, article), a folder of HTML/CSS templates searched
    before the packaged ones, or a .docx Word template. None uses the brief's own `template`."""
    allow_remote: bool = False
    """Let images and stylesheets be fetched over http(s); off by default."""
    remote_timeout: float = 10.0
    """Seconds all remote fetches of one render may take together, when remote fetching is
    allowed: one deadline, so a server that trickles bytes cannot hold a render."""
    allowed_folders: tuple[Path, ...] = ()
    """Extra folders, besides the brief's own, that resources may be read from."""
    stix_marking_ids: str = "oasis"
    """Which marking-definition ids a STIX export uses for TLP: "oasis" (the TLP 2.0 extension,
    the default) or "opencti" (the ids OpenCTI recognises)."""
    pdf_variant: str | None = None
    """A WeasyPrint PDF variant such as "pdf/a-3b" or "pdf/ua-1"."""
    changes_since: Brief | str | Path | None = None
    """The previous issue (a Brief or its file): adds a "Changes since the last brief" box."""
    strict: bool = False
    """Treat warnings about the brief itself (a source nothing cites) as errors."""
    release: str | None = None
    """Render only the portions at or below this TLP label ("TLP:GREEN"), marked with it: a
    tearline release (docs/dissemination.md)."""
    portion_marks: bool = False
    """Print each portion's marking before it, "(TLP:AMBER) ", as the brief's portion_marks."""
    warn: Warn = field(default=warn_to_stderr, compare=False)
    """Where warnings go (a missing font for a script, a refused resource)."""
