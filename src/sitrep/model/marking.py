"""Traffic Light Protocol (TLP 2.0) handling markings."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

__all__ = ["TLP", "parse_tlp"]


class TLP(StrEnum):
    """A TLP 2.0 label. TLP 1.0's WHITE is accepted as CLEAR."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def colour(self) -> str:
        """The TLP 2.0 text colour (hex) for the label on a black background."""
        return _COLOURS[self]


_COLOURS = {
    TLP.CLEAR: "#FFFFFF",
    TLP.GREEN: "#33FF00",
    TLP.AMBER: "#FFC000",
    TLP.AMBER_STRICT: "#FFC000",
    TLP.RED: "#FF2B2B",
}


def parse_tlp(value: Any) -> Any:
    """Normalise spellings such as 'amber', 'TLP: Amber' or 'TLP:WHITE' to a TLP 2.0 label."""
    if not isinstance(value, str):
        return value
    word = value.strip().upper().replace(" ", "")
    word = word.removeprefix("TLP:")
    if word == "WHITE":
        word = "CLEAR"
    return f"TLP:{word}"
