"""Packaged resources (templates, examples), found with importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["examples_dir", "templates_dir"]


def _package_dir(name: str) -> Path:
    # A wheel installs sitrep as plain files, so the traversable is a real folder.
    return Path(str(files("sitrep").joinpath(name)))


def templates_dir() -> Path:
    """The packaged templates folder (html/ and docx/ layouts)."""
    return _package_dir("templates")


def examples_dir() -> Path:
    """The packaged example briefs, one folder each."""
    return _package_dir("examples")
