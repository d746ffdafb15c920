"""Where and Who: the places and actors of a brief, each written as a bare name or in full.

A place or actor given only its name is written back as that name (the YAML an analyst typed
stays as short as it was); the checks on a place's country code and coordinates live with it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator, model_serializer, model_validator

from sitrep.model.base import Plain, StrictModel, StringForm

__all__ = ["Actor", "ActorKind", "Place", "name_only"]


def name_only(value: Any) -> Any:
    """Let a bare name stand for a place or actor ("where: [Russia]")."""
    return {"name": value} if isinstance(value, str) else value


class _NamedModel(StringForm, StrictModel):
    """A model written as a bare string when only its name is set."""

    name: Plain

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict) and all(
            v in (None, [], {}) for k, v in data.items() if k != "name"
        ):
            return data["name"]
        return data


class Place(_NamedModel):
    """Where something happened: "Russia, Vostochny Cosmodrome", or structured."""

    name: Plain
    """The place as it should be printed."""
    country: Plain | None = None
    """Country, if not already part of the name."""
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    """Latitude in decimal degrees (WGS 84)."""
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    """Longitude in decimal degrees (WGS 84)."""
    country_code: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = None
    """ISO 3166-1 alpha-2 code of the country ("RU"); STIX exports need it, or coordinates."""

    @field_validator("country_code")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from sitrep.model.countries import country_name

        code = value.upper()
        if country_name(code) is None:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (such as RU)")
        return code

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


class ActorKind(StrEnum):
    """What sort of actor someone is, as interchange formats distinguish them."""

    PERSON = "person"
    ORGANISATION = "organisation"
    THREAT_ACTOR = "threat-actor"


def _actor_kind(value: Any) -> Any:
    if isinstance(value, str):
        word = "-".join(value.strip().lower().replace("_", " ").split())
        return {"organization": "organisation", "threat-actors": "threat-actor"}.get(word, word)
    return value


class Actor(_NamedModel):
    """Who is involved: "Russian President Vladimir Putin", or structured."""

    name: Plain
    """The person's or group's name."""
    role: Plain | None = None
    """Their role ("President")."""
    affiliation: Plain | None = None
    """Organisation or country they act for ("Russian Federation")."""
    kind: Annotated[ActorKind, BeforeValidator(_actor_kind)] | None = None
    """person, organisation or threat-actor; exports use it to pick the STIX object type."""
