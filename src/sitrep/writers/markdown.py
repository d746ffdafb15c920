"""The Markdown writer: pandoc-flavoured Markdown with `[^n]` footnotes, same notes as PDF."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote as percent_encode

from sitrep.inline import Code, Emph, Inline, LineBreak, Link, NoteRef, RichText, Strong, Text
from sitrep.labels import house_folder, labels_for
from sitrep.model.brief import Event, Theme
from sitrep.resolve import ResolvedBrief, View
from sitrep.resolve.dates import format_date, format_moment, format_when
from sitrep.writers.banner import banner
from sitrep.writers.masthead import masthead
from sitrep.writers.options import RenderOptions
from sitrep.writers.sandbox import brief_folder, brief_roots, check_figures, figure_url

LAYOUTS = ("intel-brief", "analysis", "article")

__all__ = ["markdown_inline", "write_markdown"]

# Characters that would start Markdown, HTML or an entity; escaped so text stays text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~^&$@-])")
_LINE_START = re.compile(r"^(\s*)(\d+)\.", re.MULTILINE)


def _escape(text: str) -> str:
    return _LINE_START.sub(r"\1\2\\.", _SPECIAL.sub(r"\\\1", text))


def _code_span(text: str) -> str:
    """A code span no backtick run inside can close: the fence is one longer than the longest
    run, and padded with spaces (which CommonMark strips) so edge backticks stay text. Line
    breaks become spaces, as CommonMark would print them, so no line can start an HTML block."""
    text = re.sub(r"\r\n?|\n", " ", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _destination(url: str) -> str:
    """A link or image destination that cannot end early or carry markup: every character
    outside a URL's own set (spaces, newlines, tabs, brackets, quotes) is percent-encoded."""
    return percent_encode(url, safe=":/?#@!$&'*+,;=%~")


def markdown_inline(nodes: tuple[Inline, ...]) -> str:
    """Inline nodes as Markdown; note calls become `[^n]`."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_escape(node.text))
        elif isinstance(node, Code):
            out.append(_code_span(node.text))
        elif isinstance(node, LineBreak):
            out.append("\\\n")
        elif isinstance(node, Emph):
            out.append(f"*{markdown_inline(node.children)}*")
        elif isinstance(node, Strong):
            out.append(f"**{markdown_inline(node.children)}**")
        elif isinstance(node, Link):
            out.append(f"[{markdown_inline(node.children)}]({_destination(node.url)})")
        elif isinstance(node, NoteRef):
            out.append(f"[^{node.number}]")
    return "".join(out)


def _rich(text: RichText | None) -> str:
    if text is None:
        return ""
    return "\n\n".join(markdown_inline(p.children) for p in text.paragraphs)


def _table_row(cells: tuple[str, ...]) -> str:
    """One table row; a pipe in a cell (in code or a link address too) is escaped, and a line
    break becomes a space, so no cell can end the row early."""
    return "| " + " | ".join(c.replace("\n", " ").replace("|", "\\|") for c in cells) + " |"


def _flat(text: RichText | None) -> str:
    """A prose field on one line (a list item, a table cell): paragraphs joined by a space."""
    if text is None:
        return ""
    return " ".join(markdown_inline(p.children) for p in text.paragraphs).replace("\n", " ")


class _Writer:
    def __init__(self, resolved: ResolvedBrief, layout: str, house: Path | None = None) -> None:
        self.resolved = resolved
        self.brief = resolved.brief
        self.doc = resolved.doc
        self.layout = layout
        self.labels = labels_for(resolved.brief.language, layout, house)
        self.lines: list[str] = []

    def add(self, *blocks: str) -> None:
        self.lines.extend(b for b in blocks if b)

    def heading(self, label: str, level: int = 2) -> None:
        if label:
            self.add(f"{'#' * level} {_escape(label)}")

    def write(self) -> str:
        brief, doc, labels = self.brief, self.doc, self.labels
        style = brief.date_format
        head = masthead(
            brief,
            self.layout,
            labels,
            lambda day: format_date(day, style, brief.language),
            lambda when: format_when(when, style, brief.language),
        )
        marks = banner(brief)
        if marks:
            self.add(f"**{_escape(marks.text)}**")
        self.add(_escape(head.kicker))
        self.add(f"# {_escape(brief.title)}")
        if brief.subtitle:
            self.add(f"*{_escape(brief.subtitle)}*")
        self.add(_escape(head.continuity))
        facts = "\n".join(
            f"**{_escape(labels.fact(label))}** {_escape(value)}  " for label, value in head.facts
        )
        bluf = (f"## {_escape(labels.bluf)}", _rich(doc.bluf)) if doc.bluf is not None else ()
        box = self.resolved.changes
        if box is not None:  # the changes box follows the BLUF wherever a layout puts it
            bluf = (
                *bluf,
                f"## {_escape(box.heading)}",
                "\n".join(f"- {_flat(i)}" for i in box.items),
            )
        if self.layout == "analysis":
            self.add(_escape(head.meta), _rich(doc.standfirst))
            self.add(*bluf)
            self.figures()
            self.add(facts)
        elif self.layout == "article":
            self.add(_rich(doc.standfirst), _escape(head.meta))
            self.add(*bluf)
            self.figures()
        else:
            self.add(_rich(doc.standfirst), *bluf, facts)
            self.figures()
        self.what(doc)
        self.sections(doc)
        if doc.assessment is not None:
            self.heading(labels.assessment)
            self.add(_rich(doc.assessment))
        self.judgments(doc)
        self.tradecraft(doc)
        if doc.quotes:
            self.heading(labels.quotes)
            self.quotes(doc.quotes)
        if doc.recommendations:
            self.heading(labels.recommendations)
            self.add("\n".join(f"{n}. {_flat(r)}" for n, r in enumerate(doc.recommendations, 1)))
        if brief.attachments:
            self.heading(labels.attachments)
            self.add(
                "\n".join(
                    "- " + _escape(" ".join(filter(None, (a.title, a.path.split("/")[-1]))))
                    for a in brief.attachments
                )
            )
        if doc.source_summary is not None:
            self.heading(labels.source_summary)
            self.add(_rich(doc.source_summary))
        self.sources()
        if doc.contact is not None:
            self.add("---", _rich(doc.contact))
        self.add(*(_footnote(n.number, markdown_inline(n.content)) for n in self.resolved.notes))
        return "\n\n".join(self.lines) + "\n"

    def tradecraft(self, doc: View) -> None:
        """Outlook, indicators, assumptions and gaps, after the key judgments."""
        labels = self.labels
        if doc.outlook:
            self.heading(labels.outlook)
            for scenario in doc.outlook:
                odds = f" – {labels.odds(scenario.likelihood)}" if scenario.likelihood else ""
                self.add(f"### {_escape(scenario.name + odds)}", _rich(scenario.text))
        if doc.indicators:
            header = (labels.indicator, labels.scenario, labels.indicator_status)
            rows = [_table_row(tuple(_escape(cell) for cell in header)), "|---|---|---|"]
            for indicator in doc.indicators:
                cells = (
                    _rich(indicator.text).replace("\n\n", " "),
                    _escape(indicator.scenario or labels.no_grade),
                    _escape(labels.status(indicator.status)),
                )
                rows.append(_table_row(cells))
            self.heading(labels.indicators)
            self.add("\n".join(rows))
        if doc.assumptions:
            self.heading(labels.assumptions)
            self.add("\n".join(f"- {_rich(a)}" for a in doc.assumptions))
        if doc.gaps:
            self.heading(labels.gaps)
            self.add("\n".join(f"- {_rich(g)}" for g in doc.gaps))

    def figures(self) -> None:
        for number, figure in enumerate(self.doc.figures, 1):
            # an image's text is one paragraph: a blank line would end the image
            alt = " ".join((figure.alt or figure.caption.plain or figure.image).split())
            caption = self.labels.figure(number) + self.labels.caption_separator
            credit = ""
            if figure.credit:
                credit = " " + _escape(self.labels.format("credit", credit=figure.credit))
            self.add(
                f"![{_escape(alt)}]({_destination(figure_url(figure.image))})",
                f"{_escape(caption)}{_flat(figure.caption)}{credit}",
            )

    def what(self, doc: View) -> None:
        if not doc.what:
            return
        self.heading(self.labels.what)
        loose: list[str] = []
        for item in doc.what:
            if isinstance(item.model, Theme):
                self.add("\n".join(loose))
                loose = []
                self.heading(item.theme, 3)
                self.add("\n".join(self.event(e) for e in item.events))
            else:
                loose.append(self.event(item))
        self.add("\n".join(loose))

    def event(self, event: View) -> str:
        model = event.model
        assert isinstance(model, Event)
        when = ""
        if model.date is not None:
            moment = format_moment(
                model.date, model.time, self.brief.date_format, self.brief.language
            )
            when = f"**{moment}** "
        return f"- {when}{_flat(event.text)}"

    def sections(self, doc: View) -> None:
        dateline = self.brief.dateline if self.layout == "article" else None
        for section in doc.sections:
            self.heading(section.heading)
            body = _rich(section.body)
            if dateline and body:
                body = f"**{_escape(dateline)} –** {body}"
                dateline = None
            self.add(body)
            self.quotes(section.quotes)

    def judgments(self, doc: View) -> None:
        if not doc.key_judgments:
            return
        labels = self.labels
        self.heading(labels.key_judgments)
        rows = [
            f"| {_escape(labels.judgment)} | {_escape(labels.likelihood)} "
            f"| {_escape(labels.confidence)} |",
            "|---|---|---|",
        ]
        for judgment in doc.key_judgments:
            text = _flat(judgment.text)
            if judgment.basis is not None:
                text += f" *{_escape(labels.basis)}* {_flat(judgment.basis)}"
            odds = _escape(labels.no_grade)
            if judgment.likelihood is not None:
                term = labels.likelihood_term(judgment.likelihood)
                probability = labels.likelihood_range(judgment.likelihood)
                odds = f"**{_escape(term)}** {_escape(probability)}"
            confidence = (
                labels.confidence_level(judgment.confidence)
                if judgment.confidence is not None
                else labels.no_grade
            )
            rows.append(_table_row((text, odds, _escape(confidence))))
        note = labels.judgments_note(self.brief.likelihood_scale.label)
        self.add("\n".join(rows), _escape(note))

    def quotes(self, quotes: list[View]) -> None:
        labels = self.labels
        for quote in quotes:
            who = ", ".join(filter(None, (quote.speaker, quote.affiliation)))
            # a hard line break inside a paragraph must stay inside the blockquote
            paragraphs = [
                markdown_inline(p.children).replace("\n", "\n> ") for p in quote.text.paragraphs
            ]
            # the quotation marks are in the text (resolve): the last call follows the closing one
            body = "\n>\n".join(f"> {text}" for text in paragraphs)
            attribution = _escape(labels.format("attribution", who=who))
            self.add(f"{body}\n>\n> {attribution}")

    def sources(self) -> None:
        labels = self.labels
        if self.resolved.bibliography:
            self.heading(labels.bibliography)
            self.add(
                "\n\n".join(markdown_inline(entry.content) for entry in self.resolved.bibliography),
            )
        if self.resolved.source_table:
            self.heading(labels.source_table)
            rows = [
                f"| {_escape(labels.grade)} | {_escape(labels.source)} "
                f"| {_escape(labels.reliability_credibility)} |",
                "|---|---|---|",
            ]
            for row in self.resolved.source_table:
                meaning = labels.grade_meaning(row.reliability, row.credibility)
                cells = (
                    _escape(row.grade or labels.no_grade),
                    markdown_inline(row.content),
                    _escape(meaning),
                )
                rows.append(_table_row(cells))
            self.add("\n".join(rows))


def write_markdown(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """The brief as Markdown; each figure it points at is checked to be allowed first."""
    folder = brief_folder(resolved.folder)
    check_figures(resolved.brief.figures, folder, brief_roots(folder, options), options)
    # the same layout name the HTML and DOCX writers use: --template's, else the brief's
    template = options.template
    layout = template if isinstance(template, str) and template in LAYOUTS else None
    house = house_folder(template)
    return _Writer(resolved, layout or resolved.brief.template, house).write().encode("utf-8")


_NOT_A_DESTINATION = " \u200b"
"""A space and a zero-width space: after a link destination, neither a title nor the end of
the line, so CommonMark cannot read the line as a link reference definition. Written as the
character, not as `&#8203;`, so a reader of the Markdown file sees nothing after the note."""


def _footnote(number: int, text: str) -> str:
    """A pandoc/GFM footnote definition that plain CommonMark reads as text, not as a link
    reference definition: `[^1]: http://host/x` would make every `[^1]` call a live link."""
    line = f"[^{number}]: {text}"
    if _defines_a_link(line):
        first, newline, rest = line.partition("\n")
        line = first + _NOT_A_DESTINATION + newline + rest
    return line


def _defines_a_link(text: str) -> bool:
    env: dict[str, Any] = {}
    _commonmark().parse(text, env)
    return bool(env.get("references"))


@lru_cache(maxsize=1)
def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # as permissive renderers
    return parser
