"""What the STIX and MISP writers share: who issues a brief, its ids, loading their libraries.

Identifiers are deterministic: the same brief exported twice gives the same ids.

Every id is a UUIDv5-style name hash in sitrep's own namespace, of the issuing organisation and
what the object stands for, stamped as version 4: STIX 2.1 (section 2.9) says domain objects
SHOULD use version 4 ids and the OASIS validator warns on any other, while a hash keeps the id
the same on every export (a version 4 UUID needs bits that look random, not bits that are).
Places, actors and the organisation are named without the brief, so two briefs about the same
place share one location and a platform deduplicates them on import; the report, its notes and
the bundle are named by the brief (title and date) as well.
"""

from __future__ import annotations

import json
import uuid
from importlib import import_module
from types import ModuleType
from typing import Any

from sitrep.errors import RenderError
from sitrep.model.brief import Brief

__all__ = [
    "SITREP_NAMESPACE",
    "brief_key",
    "import_extra",
    "issuer",
    "json_bytes",
    "stable_uuid",
]

SITREP_NAMESPACE = uuid.UUID("6f1c5b0e-2a51-5d1e-9c1e-5a7e1b0f5173")
"""The namespace of every UUID sitrep derives; fixed forever, or re-imports stop deduplicating."""


def stable_uuid(organisation: str, *parts: str) -> str:
    """A deterministic version 4 UUID from the organisation and the parts naming one object."""
    name = "\x1f".join((organisation, *parts))
    return str(uuid.UUID(bytes=uuid.uuid5(SITREP_NAMESPACE, name).bytes, version=4))


def brief_key(brief: Brief) -> str:
    """What identifies a brief across exports: its title and date."""
    return f"{brief.title}\x1e{brief.date.isoformat()}"


def issuer(brief: Brief) -> str:
    """Who issues the brief: its organisation, else its first author, else nobody ("")."""
    return brief.organisation or (brief.authors[0] if brief.authors else "")


def json_bytes(data: Any) -> bytes:
    """JSON as both writers print it: UTF-8, indented, with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def import_extra(module: str, what: str) -> ModuleType:
    """Import a library of the `stix` extra, or say how to install it."""
    try:
        return import_module(module)
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise RenderError(
            f"{what} needs the stix extra: pip install 'sitrep-briefs[stix]'"
        ) from None
