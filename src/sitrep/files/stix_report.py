"""Read a STIX 2.1 report into brief data: the start of a brief to finish by hand.

The report gives the title, date, description, labels and language; the objects it refers to
give the places (locations), the people and groups (identities and threat actors) and, as notes,
the events and key judgments; its external references become the sources, and its TLP marking the
brief's marking. It is the reverse of the STIX export, so brief -> STIX -> brief keeps those
fields. A bundle is data from a stranger like a brief: its size is capped, every value is checked
for its type, and its text is escaped so that nothing in it acts as Markdown or a citation. Each
place, actor, event, judgment and source is checked as the brief will check it; one that fails is
left out (or loses only the bad value) with a warning naming the STIX object, so that one odd
value does not refuse the whole report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sitrep.errors import BriefError, SitrepError
from sitrep.model.dissemination import Caveats, Classification

__all__ = ["MAX_BUNDLE_BYTES", "brief_data_from_stix"]

Warn = Callable[[str], None]

MAX_BUNDLE_BYTES = 20 * 1024 * 1024
"""A STIX file larger than this is refused rather than read into memory."""

_MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_\[\]^<>])")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$")


def brief_data_from_stix(path: Path, warn: Warn | None = None) -> dict[str, Any]:
    """Brief fields from the (only, or first) report in a STIX 2.1 bundle file.

    What cannot go into a brief as it is (a date that is no date, a likelihood that is no term)
    is left out with a warning to `warn` naming the STIX object it came from.
    """
    objects = _read_objects(path)
    by_id = {obj["id"]: obj for obj in objects if isinstance(obj.get("id"), str)}
    reports = [obj for obj in objects if obj.get("type") == "report"]
    if not reports:
        raise SitrepError(f"{path}: no STIX report in the file (expected a bundle with a report)")
    report = reports[0]
    return _Reader(path, report, by_id, warn or (lambda message: None)).brief()


def _read_objects(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BUNDLE_BYTES + 1)
    except OSError as error:
        raise SitrepError(f"{path}: cannot read the file ({error.strerror})") from None
    if len(raw) > MAX_BUNDLE_BYTES:
        raise SitrepError(f"{path}: larger than {MAX_BUNDLE_BYTES // 2**20} MB (expected a report)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SitrepError(f"{path}: not UTF-8 text (expected a STIX 2.1 JSON bundle)") from None
    except json.JSONDecodeError as error:
        raise SitrepError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}); expected a STIX 2.1 bundle"
        ) from None
    except RecursionError:
        raise SitrepError(f"{path}: JSON nested too deeply (expected a STIX 2.1 bundle)") from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise SitrepError(f"{path}: {error} (expected a STIX 2.1 bundle)") from None
    if isinstance(data, dict) and data.get("type") == "bundle":
        objects = data.get("objects")
    elif isinstance(data, dict) and data.get("type") == "report":
        objects = [data]
    else:
        objects = None
    if not isinstance(objects, list):
        raise SitrepError(f'{path}: not a STIX bundle (expected {{"type": "bundle", ...}})')
    return [obj for obj in objects if isinstance(obj, dict)]


class _Banner(BaseModel):
    """The banner fields as a brief checks them: a bundle's statement that would not pass is
    reported and left out, never the reason a whole brief cannot be made."""

    classification: Classification
    caveats: Caveats = []


class _Reader:
    def __init__(
        self, path: Path, report: Mapping[str, Any], by_id: Mapping[str, Any], warn: Warn
    ) -> None:
        self.path = path
        self.report = report
        self.by_id = by_id
        self.warn = warn

    def _checked(self, model: type[BaseModel], data: dict[str, Any], where: str) -> bool:
        """Whether `data` passes `model`'s checks; if not, say why, naming the STIX object."""
        try:
            model.model_validate(data)
        except (BriefError, ValidationError) as error:
            reason = "; ".join(str(error).splitlines())
            self.warn(f"{self.path}: {where}: {reason}")
            return False
        return True

    def brief(self) -> dict[str, Any]:
        report = self.report
        title = _text(report.get("name"))
        if not title:
            raise SitrepError(f"{self.path}: the report has no name (expected a title)")
        data: dict[str, Any] = {"template": "intel-brief", "title": title}
        day = _day(report.get("published")) or _day(report.get("created"))
        if day is None:
            raise SitrepError(f"{self.path}: the report has no published date")
        data["date"] = day
        marking = self._marking()
        if marking:
            data["marking"] = marking
        data.update(self._banner())
        organisation = self._organisation()
        if organisation:
            data["organisation"] = organisation
        language = report.get("lang")
        if isinstance(language, str) and _LANGUAGE.match(language):
            data["language"] = language
        labels = [_text(label) for label in _list(report.get("labels"))]
        if labels := [label for label in labels if label]:
            data["keywords"] = labels
        refs = [
            self.by_id[r] for r in _list(report.get("object_refs")) if _hashable(r) in self.by_id
        ]
        where = [place for obj in refs if (place := self._place(obj)) is not None]
        if where:
            data["where"] = where
        who = [actor for obj in refs if (actor := self._actor(obj)) is not None]
        if who:
            data["who"] = who
        events, judgments, scale = self._notes(refs)
        if scale is not None:
            data["likelihood_scale"] = scale
        if events:
            data["what"] = events
        description = _prose(report.get("description"))
        if description:
            data["assessment"] = description
        if judgments:
            data["key_judgments"] = judgments
        sources = list(self._sources(report.get("external_references")))
        if sources:
            data["sources"] = sources
        return data

    def _marking(self) -> str | None:
        from sitrep.files.stix_markings import tlp_for_marking_id

        for ref in _list(self.report.get("object_marking_refs")):
            if isinstance(ref, str) and (tlp := tlp_for_marking_id(ref)) is not None:
                return tlp.value
        return None

    def _banner(self) -> dict[str, Any]:
        """The classification line and PAP label, from the statement markings the export
        writes for them (`writers.interchange.banner_markings`): a statement that reads as a
        PAP label is the PAP; any other is "LEVEL // CAVEAT // CAVEAT". A TLP marking written
        as a statement (OpenCTI's TLP:AMBER+STRICT) is the TLP, read by `_marking`."""
        from sitrep.files.stix_markings import tlp_for_marking_id
        from sitrep.model.dissemination import PAP, parse_pap

        found: dict[str, Any] = {}
        for ref in _list(self.report.get("object_marking_refs")):
            if not isinstance(ref, str) or tlp_for_marking_id(ref) is not None:
                continue
            definition = self.by_id.get(ref)
            if not isinstance(definition, dict) or definition.get("definition_type") != "statement":
                continue
            body = definition.get("definition")
            statement = _text(body.get("statement")) if isinstance(body, dict) else ""
            if not statement:
                continue
            if parse_pap(statement) in {pap.value for pap in PAP}:
                found.setdefault("pap", parse_pap(statement))
            elif "classification" not in found:
                level, *caveats = [part.strip() for part in statement.split(" // ")]
                banner = {"classification": level, **({"caveats": caveats} if caveats else {})}
                if self._checked(_Banner, banner, f"marking-definition {ref}"):
                    found.update(banner)
        return found

    def _organisation(self) -> str | None:
        author = self.by_id.get(self.report.get("created_by_ref", ""))
        if isinstance(author, dict) and author.get("identity_class") == "organization":
            return _text(author.get("name")) or None
        return None

    def _actor(self, obj: Mapping[str, Any]) -> dict[str, Any] | None:
        kind = obj.get("type")
        if kind not in ("identity", "threat-actor") or obj.get("id") == self.report.get(
            "created_by_ref"
        ):
            return None
        name = _text(obj.get("name"))
        if not name:
            return None
        actor: dict[str, Any] = {"name": name}
        if kind == "threat-actor":
            actor["kind"] = "threat-actor"
        elif obj.get("identity_class") == "individual":
            actor["kind"] = "person"
        elif obj.get("identity_class") == "organization":
            actor["kind"] = "organisation"
        roles = [_text(role) for role in _list(obj.get("roles"))]
        if roles and roles[0]:
            actor["role"] = roles[0]
        description = obj.get("description")
        for line in description.splitlines() if isinstance(description, str) else []:
            if line.startswith("Affiliation: "):
                actor["affiliation"] = _text(line.removeprefix("Affiliation: "))
            elif line.startswith("Role: ") and "role" not in actor:
                actor["role"] = _text(line.removeprefix("Role: "))
        from sitrep.model.brief import Actor

        return actor if self._checked(Actor, actor, obj["id"]) else None

    def _notes(
        self, refs: list[Any]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
        """Events and key judgments from the notes on the report, and the judgments' scale."""
        report_id = self.report.get("id")
        notes = [
            obj
            for obj in self.by_id.values()
            if obj.get("type") == "note" and report_id in _list(obj.get("object_refs"))
        ]
        from sitrep.model.brief import Event

        events: list[dict[str, Any]] = []
        judgments: list[dict[str, Any]] = []
        scales: set[str] = set()
        for note in notes:
            text = _prose(note.get("content"))
            if not text:
                continue
            labels = [label for label in _list(note.get("labels")) if isinstance(label, str)]
            likelihood = next(
                (
                    label.removeprefix("likelihood:")
                    for label in labels
                    if label.startswith("likelihood:")
                ),
                None,
            )
            where = _text(note.get("id")) or "a note"
            if "key-judgment" in labels:
                judgment: dict[str, Any] = {"text": text}
                if likelihood:
                    judgment["likelihood"] = likelihood
                if "confidence" in note:
                    confidence = self._confidence(note["confidence"], where)
                    if confidence is not None:
                        judgment["confidence"] = confidence
                scale = next(
                    (
                        lab.removeprefix("likelihood-scale:")
                        for lab in labels
                        if lab.startswith("likelihood-scale:")
                    ),
                    None,
                )
                if self._judgment_fits(judgment, scale, where) and (not scales or scale in scales):
                    if scale is not None:
                        scales.add(scale)
                    judgments.append(judgment)
                    continue
                self.warn(f"{self.path}: {where}: kept as an event instead of a key judgment")
            event: dict[str, Any] = {"text": text}
            match = _ISO_DAY.match(_text(note.get("abstract")))
            if match:
                event["date"] = match.group(1)
                if match.group(2):
                    event["time"] = match.group(2)
            if not self._checked(Event, event, where):
                event = {"text": text}
                self.warn(f"{self.path}: {where}: kept as an undated event")
            theme = next(
                (label.removeprefix("theme:") for label in labels if label.startswith("theme:")),
                None,
            )
            if theme is None:
                events.append(event)
            elif events and events[-1].get("theme") == _text(theme):
                events[-1]["events"].append(event)
            else:
                events.append({"theme": _text(theme), "events": [event]})
        if len(scales) > 1:
            self.warn(
                f"{self.path}: key judgments on several likelihood scales "
                f"({', '.join(sorted(scales))}); only those on {sorted(scales)[0]} are kept"
            )
        return events, judgments, (sorted(scales)[0] if scales else None)

    def _place(self, obj: Mapping[str, Any]) -> dict[str, Any] | None:
        if obj.get("type") != "location":
            return None
        from sitrep.model.brief import Place
        from sitrep.model.countries import country_name

        code = _text(obj.get("country")).upper()
        valid_code = len(code) == 2 and country_name(code) is not None
        name = _text(obj.get("name")) or (country_name(code) if valid_code else "") or ""
        latitude, longitude = obj.get("latitude"), obj.get("longitude")
        has_point = _number(latitude) and _number(longitude)
        if not name and has_point:
            name = f"{latitude}, {longitude}"
        if not name:
            return None
        place: dict[str, Any] = {"name": name}
        if valid_code:
            place["country_code"] = code
        if has_point:
            place.update(lat=latitude, lon=longitude)
            if not self._checked(Place, place, obj["id"]):
                del place["lat"], place["lon"]
                self.warn(f"{self.path}: {obj['id']}: kept without its coordinates")
        return place if self._checked(Place, place, obj["id"]) else None

    def _sources(self, references: Any) -> Iterator[dict[str, Any]]:
        from sitrep.model.source import Source

        taken: set[str] = set()
        for index, reference in enumerate(_list(references)):
            where = f"report.external_references[{index}]"
            if not isinstance(reference, dict):
                self.warn(f"{self.path}: {where}: not an object; left out")
                continue
            title = _text(reference.get("source_name"))
            if not title:
                self.warn(f"{self.path}: {where}: no source_name; left out")
                continue
            wanted = _text(reference.get("external_id"))
            source_id = wanted if _SOURCE_ID.match(wanted) else _slug(title) or f"source{index + 1}"
            while source_id in taken:
                source_id += "-2"
            taken.add(source_id)
            source: dict[str, Any] = {"id": source_id, "title": title}
            url = _text(reference.get("url"))
            if url.startswith(("http://", "https://", "mailto:")):
                source["url"] = url
            elif url:
                self.warn(
                    f"{self.path}: {where}: url {url!r} left out (expected http, https or mailto)"
                )
            hashes = reference.get("hashes")
            if isinstance(hashes, dict) and isinstance(hashes.get("SHA-256"), str):
                source["sha256"] = hashes["SHA-256"]
                if not self._checked(Source, source, where):
                    del source["sha256"]
                    self.warn(f"{self.path}: {where}: kept without its SHA-256 hash")
            if self._checked(Source, source, where):
                yield source

    def _confidence(self, value: Any, where: str) -> str | None:
        # STIX 2.1 Appendix B: 0-29 reads as Low, 30-69 as Med, 70-100 as High.
        if not _number(value) or not 0 <= value <= 100:
            self.warn(
                f"{self.path}: {where}: confidence {value!r} is not a number from 0 to 100; "
                "left out"
            )
            return None
        return "High" if value >= 70 else "Moderate" if value >= 30 else "Low"

    def _judgment_fits(self, judgment: dict[str, Any], scale: str | None, where: str) -> bool:
        """Whether a judgment passes a brief's checks on its likelihood scale."""
        from sitrep.model.brief import Brief

        trial = {"title": "-", "date": "2000-01-01", "key_judgments": [judgment]}
        if scale is not None:
            trial["likelihood_scale"] = scale
        return self._checked(Brief, trial, where)


def _hashable(value: Any) -> Any:
    return value if isinstance(value, str) else None


def _number(value: Any) -> bool:
    """A JSON number, and a finite one: true and NaN are not numbers here."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _prose(value: Any) -> str:
    """Text from a bundle as prose that shows exactly as written: no Markdown, no citations."""
    if not isinstance(value, str):
        return ""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(_MARKDOWN_SIGNIFICANT.sub(r"\\\1", p) for p in paragraphs if p)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:4])


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None
