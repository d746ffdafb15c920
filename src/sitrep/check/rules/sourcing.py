"""Rules on sources: every event and judgment cites one, every source is cited, no source is
from the future, no URL is listed twice."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from sitrep.check.context import CheckContext
from sitrep.check.findings import Hit, Severity
from sitrep.check.registry import rule
from sitrep.model.source import Source

ICD_203 = "ICD 203, D.6.e(1) (properly describes quality and credibility of underlying sources)"
ICD_206 = "ICD 206, sourcing requirements (source reference citations)"


@rule("uncited-event", Severity.WARNING, "an event cites no source", ICD_206)
def uncited_event(ctx: CheckContext) -> Iterator[Hit]:
    for path, _ in ctx.events():
        if not ctx.citations((*path, "text")):
            yield Hit((*path, "text"), "this event cites no source (add [@id] after the claim)")


@rule("uncited-judgment", Severity.WARNING, "a key judgment cites no source", ICD_203)
def uncited_judgment(ctx: CheckContext) -> Iterator[Hit]:
    for index, _ in enumerate(ctx.brief.key_judgments):
        path = ("key_judgments", index)
        if not ctx.citations(path):
            yield Hit(
                path,
                "this key judgment cites no source in its text or basis (add [@id] for the "
                "reporting it rests on)",
            )


@rule("unused-source", Severity.WARNING, "a source that nothing cites", ICD_206)
def unused_source(ctx: CheckContext) -> Iterator[Hit]:
    cited = {item.id for item in ctx.citations(())}
    for index, source in enumerate(ctx.brief.sources):
        if source.id not in cited:
            yield Hit(
                ("sources", index),
                f"source {source.id!r} is listed but nothing cites it (cite it as "
                f"[@{source.id}] or remove it)",
            )


def _earliest_day(source: Source) -> dt.date | None:
    """The first day a source's date can mean: 2023-09 is 1 September 2023."""
    value = source.date
    if value is None or isinstance(value, dt.date):
        return value
    year, _, month = value.partition("-")
    return dt.date(int(year), int(month or 1), 1)


@rule("source-after-brief", Severity.ERROR, "a source dated after the brief", ICD_206)
def source_after_brief(ctx: CheckContext) -> Iterator[Hit]:
    for index, source in enumerate(ctx.brief.sources):
        earliest = _earliest_day(source)
        if earliest is not None and earliest > ctx.brief.date:
            yield Hit(
                ("sources", index, "date"),
                f"source {source.id!r} is dated {source.date}, after the brief's date "
                f"{ctx.brief.date.isoformat()} (a brief cannot cite what was not yet published)",
            )


_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def _host(host: str) -> str:
    """A host name as DNS sees it: lower case, no trailing dot, international names as
    punycode (bücher.de is xn--bcher-kva.de)."""
    host = host.lower().rstrip(".")
    if not host.isascii():
        # not a valid international name: compare it as written
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.")


def normalise_url(url: str) -> str:
    """The same page however it is written: http or https, host in lower case (punycode for an
    international name, no trailing dot, no 'www.'), no default port, no fragment, no
    trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    path = parts.path.rstrip("/")
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: compare the address as written
        return urlunsplit((scheme, parts.netloc.lower(), path, parts.query, ""))
    host = _host(parts.hostname or "")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.netloc.rpartition('@')[0]}@{host}"
    scheme = "https" if scheme == "http" else scheme
    return urlunsplit((scheme, host, path, parts.query, ""))


@rule("duplicate-url", Severity.WARNING, "the same URL under two source ids", ICD_206)
def duplicate_url(ctx: CheckContext) -> Iterator[Hit]:
    first: dict[str, str] = {}
    for index, source in enumerate(ctx.brief.sources):
        if not source.url or source.url.lower().startswith("mailto:"):
            continue
        key = normalise_url(source.url)
        if key in first:
            yield Hit(
                ("sources", index, "url"),
                f"source {source.id!r} has the same URL as source {first[key]!r} (expected one "
                "source per document: merge them and cite one id)",
            )
        else:
            first[key] = source.id
