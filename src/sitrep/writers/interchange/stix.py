"""STIX 2.1: the brief as a bundle with one report, for OpenCTI, MISP and other TIPs.

What goes where (docs/interchange.md has the full table):

- the organisation is an `identity`, the `created_by_ref` of every object;
- the brief is a `report` (name, published, description, labels, lang, external references);
- each place of `where` is a `location`, each actor of `who` an `identity` or `threat-actor`;
- each event and key judgment is a `note` on the report and on the places and actors it names;
- the TLP marking is a marking definition every object refers to.

Objects are built with the `stix2` library, which checks each property as it is set, and their
ids are UUIDv5 names (`ids.py`), so a brief exported twice gives the same bundle.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast, get_args
from urllib.parse import quote, urlsplit, urlunsplit

from sitrep.errors import RenderError
from sitrep.files.stix_markings import MarkingIds, marking_definition, marking_id
from sitrep.inline import plain_text
from sitrep.model.brief import Actor, ActorKind, Brief, Event, Place, Theme
from sitrep.model.countries import country_code_for
from sitrep.model.judgment import Confidence
from sitrep.model.scales import ScaleName
from sitrep.model.walk import FieldPath, format_path
from sitrep.resolve import ResolvedBrief
from sitrep.writers.interchange.banner_markings import banner_marking_definitions
from sitrep.writers.interchange.common import (
    brief_key,
    import_extra,
    issuer,
    json_bytes,
    stable_uuid,
)
from sitrep.writers.options import RenderOptions

__all__ = ["STIX_CONFIDENCE", "build_bundle", "write_stix"]

STIX_CONFIDENCE = {
    # STIX 2.1 Appendix B, the Low/Med/High scale: the value a producer writes for each level.
    Confidence.LOW: 15,
    Confidence.MODERATE: 50,
    Confidence.HIGH: 85,
}

_SUB_DELIMS = "!$&'()*+,;=%~"

_SHARED_TIMESTAMP = "1970-01-01T00:00:00.000Z"
"""`created` and `modified` of places, actors and the issuer, which no one brief dates."""

_THREAT_ACTOR_ROLES = frozenset(
    # threat-actor-role-ov, STIX 2.1 section 10.24
    {
        "agent",
        "director",
        "independent",
        "infrastructure-architect",
        "infrastructure-operator",
        "malware-author",
        "sponsor",
    }
)

_IDENTITY_CLASS = {
    ActorKind.PERSON: "individual",
    ActorKind.ORGANISATION: "organization",
    None: "unknown",
}


def write_stix(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """The brief as a STIX 2.1 bundle, UTF-8 JSON."""
    return json_bytes(build_bundle(resolved, options))


def build_bundle(resolved: ResolvedBrief, options: RenderOptions) -> dict[str, Any]:
    """The bundle as plain JSON data; every object has passed the stix2 library's checks."""
    stix2 = import_extra("stix2", "STIX export")
    if options.stix_marking_ids not in get_args(MarkingIds):
        raise RenderError(
            f"stix_marking_ids {options.stix_marking_ids!r} is not a marking id scheme "
            f"(expected one of: {', '.join(get_args(MarkingIds))})"
        )
    ids = cast(MarkingIds, options.stix_marking_ids)
    builder = _Builder(resolved, options, ids)
    objects = builder.objects()
    parsed = [stix2.parse(obj, allow_custom=obj["type"] == "marking-definition") for obj in objects]
    bundle_id = "bundle--" + stable_uuid(builder.organisation, "bundle", brief_key(resolved.brief))
    return {
        "type": "bundle",
        "id": bundle_id,
        "objects": [json.loads(obj.serialize()) for obj in parsed],
    }


@dataclass
class _Builder:
    resolved: ResolvedBrief
    options: RenderOptions
    marking_ids: MarkingIds

    @property
    def brief(self) -> Brief:
        return self.resolved.brief

    @property
    def organisation(self) -> str:
        return issuer(self.brief)

    def _id(self, kind: str, *parts: str) -> str:
        return f"{kind}--{stable_uuid(self.organisation, kind, *parts)}"

    def _timestamp(self) -> str:
        # The brief's date, not the time of export, so that two exports are the same bundle.
        moment = dt.datetime.combine(self.brief.date, dt.time(), tzinfo=dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def _common(self, kind: str, *parts: str, shared: bool = False) -> dict[str, Any]:
        """The properties every object has. A `shared` object (a place, an actor, the issuer)
        is named by what it says, not by the brief, and stamped with a fixed time: briefs that
        describe it alike give one object, and STIX lets an id change neither its content nor
        its `created` without being a new version."""
        stamp = _SHARED_TIMESTAMP if shared else self._timestamp()
        common: dict[str, Any] = {
            "type": kind,
            "spec_version": "2.1",
            "id": self._id(kind, *parts),
            "created": stamp,
            "modified": stamp,
            "created_by_ref": self.author_id,
        }
        refs = [marking_id(self.brief.marking, self.marking_ids)] if self.brief.marking else []
        refs += [item["id"] for item in banner_marking_definitions(self.brief)]
        if refs:
            common["object_marking_refs"] = refs
        return common

    @property
    def _author_parts(self) -> tuple[str, ...]:
        # Briefs with no organisation and no author are not all by one anonymous producer.
        return ("organisation",) if self.organisation else ("anonymous", brief_key(self.brief))

    @property
    def author_id(self) -> str:
        return self._id("identity", *self._author_parts)

    def objects(self) -> list[dict[str, Any]]:
        brief = self.brief
        author = self._common("identity", *self._author_parts, shared=bool(self.organisation))
        author.update(
            name=self.organisation or "Unknown",
            identity_class="organization" if brief.organisation else "unknown",
        )
        if not brief.organisation and brief.authors:
            author["identity_class"] = "individual"
        # A place or actor listed twice alike is one object: its id is derived from its facts.
        places = _unique(self._places())
        actors = _unique(self._actor(actor) for actor in brief.who)
        notes = list(self._notes(places, actors))
        report = self._report([p.object["id"] for p in places] + [a.object["id"] for a in actors])
        report["object_refs"] = [
            author["id"],
            *report["object_refs"],
            *(note["id"] for note in notes),
        ]
        for note in notes:
            note["object_refs"].insert(0, report["id"])
        objects = [author, report, *(p.object for p in places), *(a.object for a in actors)]
        objects.extend(notes)
        objects[:0] = banner_marking_definitions(brief)
        if brief.marking is not None:
            objects.insert(0, marking_definition(brief.marking, self.marking_ids))
        return objects

    def _report(self, refs: list[str]) -> dict[str, Any]:
        brief = self.brief
        report = self._common("report", brief_key(brief))
        description = "\n\n".join(
            text
            for text in (
                self._plain("bluf"),
                self._plain("standfirst"),
                self._plain("assessment"),
            )
            if text
        )
        report.update(
            name=brief.title,
            published=self._timestamp(),
            report_types=["threat-report"],
            object_refs=refs,
            lang=brief.language,
        )
        if description:
            report["description"] = description
        labels = list(dict.fromkeys(k.strip() for k in brief.keywords if k.strip()))
        if labels:
            report["labels"] = labels
        references = [self._reference(index) for index in range(len(brief.sources))]
        if references:
            report["external_references"] = references
        return report

    def _reference(self, index: int) -> dict[str, Any]:
        source = self.brief.sources[index]
        reference: dict[str, Any] = {"source_name": source.title, "external_id": source.id}
        if source.url:
            # STIX wants an RFC 3986 URI: characters such as < { } are percent-encoded.
            reference["url"] = _uri(source.url)
            if source.sha256:
                reference["hashes"] = {"SHA-256": source.sha256.lower()}
        description = self._source_note(source.id)
        if source.grade is not None:
            from sitrep.resolve.chicago import grade_meaning

            reliability, credibility = grade_meaning(source.grade)
            description += (
                f" Admiralty grade {source.grade.code}: {reliability.lower()}, "
                f"{credibility.lower()}."
            )
        reference["description"] = description.strip()
        return reference

    def _source_note(self, source_id: str) -> str:
        """The source's full Chicago note, as the brief's own notes print it."""
        from sitrep.resolve.chicago import CitedSource, format_note

        source = self.brief.source_by_id[source_id]
        return plain_text(format_note([CitedSource(source, first=True)]))

    def _places(self) -> Iterator[_Named]:
        for index, place in enumerate(self.brief.where):
            location = self._location(place, ("where", index))
            if location is not None:
                yield _Named(place.name, _place_words(place), location)

    def _location(self, place: Place, path: FieldPath) -> dict[str, Any] | None:
        code = place.country_code or country_code_for(place.country or "")
        if code is None and place.country is None:
            code = next(
                (c for part in place.name.split(",") if (c := country_code_for(part))), None
            )
        if code is None and place.lat is None:
            self.options.warn(
                f"{format_path(path)}: {place.name!r} left out of the STIX bundle: STIX needs a "
                "country, region or coordinates (add country_code, such as RU, or lat and lon)"
            )
            return None
        facts = (place.name, code or "", str(place.lat), str(place.lon))
        location = self._common("location", "place", *facts, shared=True)
        location["name"] = place.name
        if code is not None:
            location["country"] = code
        if place.lat is not None and place.lon is not None:
            location.update(latitude=place.lat, longitude=place.lon)
        return location

    def _actor(self, actor: Actor) -> _Named:
        facts = (actor.name, actor.kind or "", actor.role or "", actor.affiliation or "")
        about = [f"Affiliation: {actor.affiliation}"] if actor.affiliation else []
        if actor.kind is ActorKind.THREAT_ACTOR:
            obj = self._common("threat-actor", "actor", *facts, shared=True)
            obj.update(name=actor.name, threat_actor_types=["unknown"])
            if actor.role:
                # threat-actor roles come from a vocabulary; a brief's role is free text.
                role = "-".join(actor.role.lower().split())
                if role in _THREAT_ACTOR_ROLES:
                    obj["roles"] = [role]
                else:
                    about.insert(0, f"Role: {actor.role}")
        else:
            obj = self._common("identity", "actor", *facts, shared=True)
            obj.update(name=actor.name, identity_class=_IDENTITY_CLASS[actor.kind])
            if actor.role:
                obj["roles"] = [actor.role]
        if about:
            obj["description"] = "\n".join(about)
        return _Named(actor.name, _actor_words(actor.name), obj)

    def _notes(self, places: list[_Named], actors: list[_Named]) -> Iterator[dict[str, Any]]:
        named = places + actors
        for path, theme, event in _events(self.brief):
            text = self._plain(*path, "text")
            note = self._common("note", brief_key(self.brief), *map(str, path))
            abstract = event.date.isoformat() if event.date else "Background"
            if event.date and event.time:
                abstract += f"T{event.time.isoformat(timespec='minutes')}"
            note.update(
                abstract=abstract,
                content=text,
                object_refs=[n.object["id"] for n in named if n.named_in(text)],
                labels=["event"] if theme is None else ["event", f"theme:{theme}"],
            )
            if self.brief.authors:
                note["authors"] = list(self.brief.authors)
            yield note
        for index, judgment in enumerate(self.brief.key_judgments):
            path = ("key_judgments", index)
            text = self._plain(*path, "text")
            note = self._common("note", brief_key(self.brief), *map(str, path))
            labels = ["key-judgment"]
            if judgment.likelihood is not None:  # optional since the tradecraft elements
                labels.append(f"likelihood:{judgment.likelihood.value}")
                if judgment.likelihood.scale is not ScaleName.ICD203:
                    labels.append(f"likelihood-scale:{judgment.likelihood.scale.value}")
            note.update(
                abstract="Key judgment",
                content=text,
                object_refs=[n.object["id"] for n in named if n.named_in(text)],
                labels=labels,
            )
            if judgment.confidence is not None:
                note["confidence"] = STIX_CONFIDENCE[judgment.confidence]
            if self.brief.authors:
                note["authors"] = list(self.brief.authors)
            yield note

    def _plain(self, *path: str | int) -> str:
        """Prose as plain text; the space a citation stood after goes with it."""
        text = self.resolved.text(*path)
        if text is None:
            return ""
        return "\n\n".join(" ".join(p.split()) for p in text.plain.split("\n\n") if p.strip())


@dataclass(frozen=True)
class _Named:
    """An exported place or actor, and the words by which prose names it."""

    name: str
    words: tuple[str, ...]
    object: dict[str, Any]

    def named_in(self, text: str) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in self.words)


def _uri(url: str) -> str:
    """The URL as an RFC 3986 URI: a stray "%" and characters such as [ < { } or non-ASCII letters
    are percent-encoded, each part with the characters that part allows, and a non-ASCII host
    name is written in IDNA (punycode); what is already encoded stays as it is."""
    escaped = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    parts = urlsplit(escaped)
    return urlunsplit(
        (
            parts.scheme,
            _netloc(parts.netloc),
            quote(parts.path, safe=_SUB_DELIMS + ":@/"),
            quote(parts.query, safe=_SUB_DELIMS + ":@/?"),
            quote(parts.fragment, safe=_SUB_DELIMS + ":@/?"),
        )
    )


def _netloc(netloc: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    host, colon, port = (
        hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
    )
    if not host.isascii():
        # Not a valid international name: it is percent-encoded below like any other text.
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return quote(f"{userinfo}{at}{host}{colon}{port}", safe=_SUB_DELIMS + ":@[]")


def _unique(named: Iterable[_Named]) -> list[_Named]:
    seen: dict[str, _Named] = {}
    for item in named:
        seen.setdefault(item.object["id"], item)
    return list(seen.values())


def _place_words(place: Place) -> tuple[str, ...]:
    """The name and its parts, less a part that only says the country: "Helsinki, Finland" is
    named by "Helsinki", and "Russia, Vostochny Cosmodrome" by "Vostochny Cosmodrome"."""
    parts = [part.strip() for part in place.name.split(",") if part.strip()]
    specific = [part for part in parts if country_code_for(part) is None]
    return (place.name, *(specific if specific else parts))


def _actor_words(name: str) -> tuple[str, ...]:
    """The name and its capitalised endings: "Russian President Vladimir Putin" is named by
    "Vladimir Putin" or "Putin", not by "Russian"."""
    words = name.split()
    endings = [" ".join(words[i:]) for i in range(1, len(words)) if words[i][:1].isupper()]
    return (name, *(e for e in endings if len(e) >= 4))


def _events(brief: Brief) -> Iterator[tuple[tuple[str | int, ...], str | None, Event]]:
    """Each event with its field path and the theme it is grouped under, if any."""
    for index, item in enumerate(brief.what):
        if isinstance(item, Theme):
            for inner, event in enumerate(item.events):
                yield ("what", index, "events", inner), item.theme, event
        else:
            yield ("what", index), None, item
