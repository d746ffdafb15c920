"""TLP 2.0 as STIX marking definitions, for the STIX export and for reading STIX reports.

STIX 2.1 predefines only TLP 1.0. TLP 2.0 is published by the OASIS CTI TC as a property
extension (cti-stix-common-objects, extension-definition-specifications/tlp-2.0): fixed ids, a
fixed `created` and the `tlp_2_0` extension property. OpenCTI marks with other ids: the four TLP
1.0 definitions (TLP:CLEAR on TLP:WHITE's) and a statement marking of its own for
TLP:AMBER+STRICT, which it recognises by id (written here without OpenCTI's custom `x_opencti_`
properties, so that the bundle stays plain STIX).
"""

from __future__ import annotations

from typing import Any, Literal

from sitrep.model.marking import TLP

__all__ = [
    "TLP2_EXTENSION",
    "MarkingIds",
    "marking_definition",
    "marking_id",
    "tlp_for_marking_id",
]

MarkingIds = Literal["oasis", "opencti"]

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
_TLP2_CREATED = "2022-10-01T00:00:00.000Z"

_OASIS_IDS = {
    TLP.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    TLP.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    TLP.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    TLP.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    TLP.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

_OPENCTI_IDS = {
    TLP.CLEAR: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    TLP.GREEN: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    TLP.AMBER: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    TLP.AMBER_STRICT: "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
    TLP.RED: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}

# The TLP 1.0 definitions STIX 2.1 predefines (section 7.2.1.4), as OpenCTI uses them.
_TLP1_CREATED = "2017-01-20T00:00:00.000Z"
_TLP1_WORD = {TLP.CLEAR: "white", TLP.GREEN: "green", TLP.AMBER: "amber", TLP.RED: "red"}


def marking_id(tlp: TLP, ids: MarkingIds = "oasis") -> str:
    """The marking-definition id for a TLP label in the chosen id scheme."""
    return (_OASIS_IDS if ids == "oasis" else _OPENCTI_IDS)[tlp]


def tlp_for_marking_id(identifier: str) -> TLP | None:
    """The TLP label a marking-definition id stands for, in either scheme."""
    for table in (_OASIS_IDS, _OPENCTI_IDS):
        for tlp, known in table.items():
            if known == identifier:
                return tlp
    return None


def marking_definition(tlp: TLP, ids: MarkingIds = "oasis") -> dict[str, Any]:
    """The marking-definition object itself, to travel in the bundle with the objects it marks."""
    if ids == "oasis":
        return {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": _OASIS_IDS[tlp],
            "created": _TLP2_CREATED,
            "name": tlp.value,
            "extensions": {
                TLP2_EXTENSION: {
                    "extension_type": "property-extension",
                    "tlp_2_0": tlp.value.removeprefix("TLP:").lower(),
                }
            },
        }
    if tlp is TLP.AMBER_STRICT:
        return {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": _OPENCTI_IDS[tlp],
            "created": _TLP2_CREATED,
            "name": tlp.value,
            "definition_type": "statement",
            "definition": {"statement": tlp.value},
        }
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": _OPENCTI_IDS[tlp],
        "created": _TLP1_CREATED,
        "name": f"TLP:{_TLP1_WORD[tlp].upper()}",
        "definition_type": "tlp",
        "definition": {"tlp": _TLP1_WORD[tlp]},
    }
