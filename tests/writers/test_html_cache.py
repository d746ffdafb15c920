"""Compiled templates are cached only in a folder that only the user can write."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.writers.html import _bytecode_cache


def test_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _bytecode_cache() is not None
    folder = tmp_path / "sitrep" / "jinja"
    assert folder.stat().st_mode & 0o077 == 0


def test_a_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sitrep" / "jinja"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _bytecode_cache() is None
