"""List items of a Markdown brief that hold more than text: an event's date and time, a key
judgment's likelihood, confidence and basis, a scenario's name and likelihood, an indicator's
status and scenario.

Each reader turns one item's text into the mapping a YAML brief would hold, noting a problem
with the item's line (and the line of the part it names) instead of guessing; the sections
module decides which reader an item goes to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sitrep.files.markdown_dates import DateRefused, split_dated
from sitrep.files.markdown_marks import split_portion_mark, with_mark

if TYPE_CHECKING:
    from sitrep.files.markdown_brief import BodyReader

__all__ = ["ITEM_READERS", "read_event"]

_JUDGMENT = re.compile(
    r"^\*\*(?P<likelihood>[^*]+?)\*\*\s*\((?P<confidence>\w+)\s+confidence\)\s*:?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A key judgment may leave out its likelihood or confidence, as in YAML: "- **Likely**: text"
# (a colon after the bold word, so that bold text in a judgment is not read as a likelihood),
# "- (moderate confidence): text", or "- text".
_JUDGMENT_LIKELIHOOD = re.compile(r"^\*\*(?P<likelihood>[^*]+?)\*\*\s*:\s*(?P<text>.*)$", re.DOTALL)
_JUDGMENT_CONFIDENCE = re.compile(
    r"^\((?P<confidence>\w+)\s+confidence\)\s*:?\s*(?P<text>.*)$", re.IGNORECASE | re.DOTALL
)
_UNMARKED_LIKELIHOOD = re.compile(r"^(?P<likelihood>[^:*()]{1,40}):")
# "**Waarschijnlijk** (hoge zekerheid): text": the judgment form, in words sitrep does not read
# (the terms are the scale's English ones, whatever language the brief prints them in)
_JUDGMENT_LEAD = re.compile(r"^\*\*(?P<lead>[^*]+?)\*\*\s*\((?P<paren>[^)]*)\)\s*:")
_JUDGMENT_FORM = "a key judgment must read '- **Likely** (moderate confidence): text'"
_SCENARIO = re.compile(
    r"^\*\*(?P<name>[^*]+?)\*\*\s*(?:\((?P<likelihood>[^)]+)\))?\s*:?\s*(?P<text>.*)$",
    re.DOTALL,
)
_INDICATOR = re.compile(
    # A scenario name may hold one level of parentheses: "(scenario: Talks (Oman))".
    r"^\[(?P<mark>[ xX~])\]\s+(?P<text>.*?)"
    r"(?:\s*\((?i:scenario):\s*(?P<scenario>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*$",
    re.DOTALL,
)
_SCENARIO_LINK = re.compile(r"\(\s*scenario\s*:", re.IGNORECASE)
_INDICATOR_STATUS = {" ": "not observed", "x": "observed", "X": "observed", "~": "partly"}
_BASIS = re.compile(r"\n\s*\*?Basis:?\*?:?\s*", re.IGNORECASE)


def read_event(body: BodyReader, text: str, line: int, path: str) -> dict[str, Any]:
    """An event from a list item: "(TLP:AMBER) 2024-03-22: text", the mark also read after
    the date ("2024-03-22: (TLP:AMBER) text"); two marks on one item are refused."""
    lead, text = split_portion_mark(text)
    event = _dated_event(body, text, line, path)
    after, rest = split_portion_mark(str(event.get("text", "")))
    if after is not None and "date" in event:
        event["text"] = rest
        if lead is not None:
            body.error(
                f"the item has two portion marks, ({lead}) and ({after}) (expected one, "
                "before the date: '- (TLP:AMBER) 2024-03-22: text')",
                line,
                f"{path}.marking",
            )
        lead = after
    marked: dict[str, Any] = with_mark(event, lead)
    return marked


def _dated_event(body: BodyReader, text: str, line: int, path: str) -> dict[str, Any]:
    if not text.strip():
        body.error(
            "an empty list item (expected text after '- ', such as '- 2024-03-22: what "
            "happened', or remove the line)",
            line,
            path,
        )
        return {"text": text}
    dated = split_dated(text, body.dates)
    if isinstance(dated, DateRefused):
        body.error(dated.message, line, f"{path}.{dated.field}")
        return {"text": text}
    if dated is None:
        return {"text": text}
    day, time, rest = dated
    event: dict[str, Any] = {"date": day, "text": rest}
    if time:
        event["time"] = time
    return event


def _is_likelihood_word(word: str) -> bool:
    from sitrep.model.scales import SCALES, normalise_term

    return any(normalise_term(word) in scale.words for scale in SCALES.values())


def _judgment(body: BodyReader, text: str, line: int, index: int) -> dict[str, Any]:
    basis_at = _BASIS.search(text)
    if basis_at is not None:  # findings on the basis point at its own line
        basis_line = line + text.count("\n", 0, basis_at.start()) + 1
        body.lines[("key_judgments", index, "basis")] = basis_line
    text, _, basis = _BASIS.sub("\x00", text, count=1).partition("\x00")
    match = (
        _JUDGMENT.match(text)
        or _JUDGMENT_LIKELIHOOD.match(text)
        or _JUDGMENT_CONFIDENCE.match(text)
    )
    found = match.groupdict() if match else {"text": text}
    problem = "" if found["text"].strip() else "this one has no text"
    unmarked = None if match else _UNMARKED_LIKELIHOOD.match(text)
    if unmarked and _is_likelihood_word(unmarked["likelihood"]):
        word = unmarked["likelihood"].strip()
        problem = f"write the likelihood in bold: '- **{word}**: ...'"
    lead = None if match else _JUDGMENT_LEAD.match(text)
    if lead:
        problem = (
            f"'**{lead['lead'].strip()}** ({lead['paren'].strip()})' is not read as a likelihood "
            "and a confidence: write the scale's English term in bold and '(high confidence)', "
            "'(moderate confidence)' or '(low confidence)'; a brief in another language prints "
            "them in its own words"
        )
    if problem:
        body.error(
            f"{_JUDGMENT_FORM} (the likelihood and confidence may be left out; {problem})",
            line,
            f"key_judgments[{index}]",
        )
        return {}
    judgment = {key: value for key, value in found.items() if key != "text"}
    judgment["text"] = found["text"].strip()
    if basis.strip():
        judgment["basis"] = basis.strip()
    return judgment


def _scenario(body: BodyReader, text: str, line: int, index: int) -> dict[str, Any]:
    match = _SCENARIO.match(text)
    if match is None:
        body.error("a scenario must read '- **Name** (likely): text'", line, f"outlook[{index}]")
        return {}
    scenario: dict[str, Any] = {"name": match["name"].strip(), "text": match["text"].strip()}
    if match["likelihood"]:
        scenario["likelihood"] = match["likelihood"].strip()
    return scenario


def _indicator(body: BodyReader, text: str, line: int, index: int) -> dict[str, Any]:
    match = _INDICATOR.match(text)
    if match is None:
        body.error(
            "an indicator must read '- [x] text' (observed), '- [~] text' (partly) or "
            "'- [ ] text' (not observed), optionally ending '(scenario: Name)'",
            line,
            f"indicators[{index}]",
        )
        return {}
    link = None if match["scenario"] is not None else _SCENARIO_LINK.search(match["text"])
    if link is not None:  # unread, the link would stay in the text and the indicator unlinked
        shown = " ".join(match["text"][link.start() :].split())
        body.error(
            f"the indicator's scenario link {shown!r} cannot be read (expected it at the end "
            "of the item, as '(scenario: Name)', any parentheses in the name matched)",
            line + match["text"][: link.start()].count("\n"),
            f"indicators[{index}].scenario",
        )
    indicator: dict[str, Any] = {
        "text": match["text"].strip(),
        "status": _INDICATOR_STATUS[match["mark"]],
    }
    if match["scenario"] is not None:
        indicator["scenario"] = match["scenario"].strip()
        where = line + text[: match.start("scenario")].count("\n")
        body.lines[("indicators", index, "scenario")] = where
    return indicator


ITEM_READERS: dict[str, Callable[[BodyReader, str, int, int], dict[str, Any]]] = {
    "key_judgments": _judgment,
    "outlook": _scenario,
    "indicators": _indicator,
}
"""List fields whose items are structured; the others are lists of prose."""
