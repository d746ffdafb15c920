"""The Python API raises sitrep's own errors for wrong arguments, never TypeError."""

from __future__ import annotations

import pytest

import sitrep


def test_render_with_a_template_that_is_not_text_is_a_sitrep_error() -> None:
    brief = sitrep.Brief(title="Cyber incident", date="2024-05-02", assessment="x")
    with pytest.raises(sitrep.SitrepError, match="template=5 is not a layout name"):
        sitrep.render(brief, "html", template=5)


def test_load_of_nothing_is_a_sitrep_error() -> None:
    with pytest.raises(sitrep.SitrepError, match="cannot load NoneType"):
        sitrep.load(None)  # type: ignore[arg-type]
