"""Resolution: citations and inline notes become numbered notes before any writer runs."""

from sitrep.resolve.document import ResolvedBrief, View, resolve
from sitrep.resolve.notes import Note

__all__ = ["Note", "ResolvedBrief", "View", "resolve"]
