"""Keep file references inside the brief's own folder."""

from __future__ import annotations

from pathlib import Path

__all__ = ["inside"]


def inside(folder: Path, reference: str) -> Path | None:
    """Resolve `reference` against `folder`; None if it leads outside (via `..`, links or `/`)."""
    if "\x00" in reference or reference.startswith(("file:", "http:", "https:", "data:")):
        return None
    root = folder.resolve()
    target = (root / reference).resolve()
    if target == root or not target.is_relative_to(root):
        return None
    return target
