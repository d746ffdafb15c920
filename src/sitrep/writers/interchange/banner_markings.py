"""The banner beyond TLP in STIX: the classification with its caveats, and the PAP label.

STIX 2.1 has no PAP or classification marking of its own, so each is a statement marking
definition, the kind STIX keeps for "copyright and terms of use" text: the classification line
("OFFICIAL-SENSITIVE // REL TO NLD, BEL") and the PAP label ("PAP:AMBER") as its statement and
name. Their ids are derived from the statement alone, so every brief with the same banner refers
to the same definition, and a platform shows one marking, not one per brief.
"""

from __future__ import annotations

from typing import Any

from sitrep.model.brief import Brief
from sitrep.model.dissemination import banner_text
from sitrep.writers.interchange.common import stable_uuid

__all__ = ["banner_marking_definitions"]

_CREATED = "2020-01-01T00:00:00.000Z"
"""A fixed `created`: a definition named by its statement never changes, so never ages."""


def _statement(text: str) -> dict[str, Any]:
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition--" + stable_uuid("", "statement-marking", text),
        "created": _CREATED,
        "name": text,
        "definition_type": "statement",
        "definition": {"statement": text},
    }


def banner_marking_definitions(brief: Brief) -> list[dict[str, Any]]:
    """The statement markings of the brief's classification line and PAP label, if any."""
    found = []
    line = banner_text(brief.classification, brief.caveats)
    if line:
        found.append(_statement(line))
    if brief.pap is not None:
        found.append(_statement(brief.pap.value))
    return found
