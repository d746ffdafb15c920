"""sitrep: structured intelligence briefs, rendered to PDF and DOCX with footnoted sources.

    import sitrep
    brief = sitrep.load("brief.yaml")
    sitrep.render(brief, "brief.pdf")

Heavy libraries (pydantic, WeasyPrint, docxtpl) load on first use, so `import sitrep` is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "Brief",
    "BriefError",
    "RenderError",
    "SitrepError",
    "check_brief",
    "dump",
    "dumps",
    "load",
    "render",
]
__version__ = "0.1.0"

_LAZY = {
    "Brief": "sitrep.model.brief",
    "BriefError": "sitrep.errors",
    "RenderError": "sitrep.errors",
    "SitrepError": "sitrep.errors",
    "check_brief": "sitrep.check",
    "dump": "sitrep.api",
    "dumps": "sitrep.api",
    "load": "sitrep.api",
    "render": "sitrep.api",
}

if TYPE_CHECKING:
    from sitrep.api import dump, dumps, load, render
    from sitrep.check import check_brief
    from sitrep.errors import BriefError, RenderError, SitrepError
    from sitrep.model.brief import Brief


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        # `sitrep.check` is the linter's package (import sitrep.check), not a function.
        hint = "; did you mean sitrep.check_brief(brief)?" if name == "check" else ""
        raise AttributeError(f"module 'sitrep' has no attribute {name!r}{hint}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
