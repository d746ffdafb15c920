"""The cached library lookup finds exactly what the standard library finds."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from sitrep.writers.pdf.native import find_library_cached

# The names WeasyPrint 70 asks cffi for, hits and misses alike.
NAMES = [
    "libgobject-2.0-0",
    "gobject-2.0-0",
    "gobject-2.0",
    "pango-1.0",
    "pangoft2-1.0",
    "harfbuzz",
    "harfbuzz-subset",
    "harfbuzz-vector",
    "fontconfig",
    "c",
    "m",
    "no-such-library-anywhere",
]


@pytest.mark.parametrize("name", NAMES)
def test_cached_lookup_agrees_with_ctypes(name: str) -> None:
    assert find_library_cached(name) == ctypes.util.find_library(name)


def test_import_weasyprint_restores_find_library_and_finds_the_subsetter() -> None:
    code = (
        "import ctypes.util; before = ctypes.util.find_library; "
        "from sitrep.writers.pdf.native import import_weasyprint; w = import_weasyprint(); "
        "assert ctypes.util.find_library is before; "
        "from weasyprint.text.ffi import harfbuzz_subset; print(harfbuzz_subset is not None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
