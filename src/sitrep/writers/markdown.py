"""The Markdown writer: pandoc-flavoured Markdown with `[^n]` footnotes, same notes as PDF."""

from __future__ import annotations

import re
from urllib.parse import quote as percent_encode

from sitrep.inline import Code, Emph, Inline, LineBreak, Link, NoteRef, RichText, Strong, Text
from sitrep.model.brief import Event, Theme
from sitrep.model.judgment import Likelihood
from sitrep.resolve import ResolvedBrief, View
from sitrep.resolve.dates import format_date, format_moment, format_when
from sitrep.writers.options import RenderOptions
from sitrep.writers.sandbox import brief_folder, brief_roots, check_figures, figure_url

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


def _likelihood(term: Likelihood) -> str:
    return f"{term.value.capitalize()}, {term.probability}"


def _judgment(judgment: View) -> str:
    label = []
    if judgment.likelihood:
        label.append(
            f"**{judgment.likelihood.value.capitalize()}** ({judgment.likelihood.probability}"
        )
    if judgment.confidence:
        confidence = f"{judgment.confidence.value.lower()} confidence"
        label.append(f"; {confidence})" if label else f"({confidence})")
    elif label:
        label.append(")")
    lead = "".join(label)
    line = f"- {lead}: {_rich(judgment.text)}" if lead else f"- {_rich(judgment.text)}"
    if judgment.basis is not None:
        # later paragraphs indented, so they stay inside the list item
        line += "\n  *Basis:* " + _rich(judgment.basis).replace("\n\n", "\n\n  ")
    return line


class _Writer:
    def __init__(self, resolved: ResolvedBrief) -> None:
        self.resolved = resolved
        self.brief = resolved.brief
        self.doc = resolved.doc
        self.lines: list[str] = []

    def add(self, *blocks: str) -> None:
        self.lines.extend(b for b in blocks if b)

    def labelled(self, label: str, value: str) -> None:
        if value:
            self.add(f"**{label}:** {value}")

    def write(self) -> str:
        brief, doc = self.brief, self.doc
        if brief.marking is not None:
            self.add(f"**{brief.marking.value}**")
        self.add(f"# {_escape(brief.title)}")
        if brief.subtitle:
            self.add(f"*{_escape(brief.subtitle)}*")
        self.add(_rich(doc.standfirst))
        byline = ", ".join(_escape(a) for a in brief.authors)
        if brief.organisation:
            byline = (
                f"{byline}, {_escape(brief.organisation)}"
                if byline
                else _escape(brief.organisation)
            )
        if doc.bluf is not None:
            self.add("## Bottom line up front", _rich(doc.bluf))
        self.labelled("By", byline)
        style = brief.date_format
        dated = format_date(brief.date, style)
        self.labelled("Date", f"{_escape(brief.dateline)} – {dated}" if brief.dateline else dated)
        self.labelled("When", format_when(brief.when, style))
        self.labelled("Where", "; ".join(_escape(p.name) for p in brief.where))
        self.labelled("Who’s involved", "; ".join(_escape(a.name) for a in brief.who))
        for figure in doc.figures:
            credit = f" ({_escape(figure.credit)})" if figure.credit else ""
            # an image's text is one paragraph: a blank line would end the image
            caption = _rich(figure.caption).replace("\n\n", " ")
            self.add(f"![{caption}{credit}]({_destination(figure_url(figure.image))})")
        self.what(doc)
        for section in doc.sections:
            self.add(f"## {_escape(section.heading)}", _rich(section.body))
            self.quotes(section.quotes)
        if doc.assessment is not None:
            self.add("## Assessment", _rich(doc.assessment))
        if doc.key_judgments:
            self.add("## Key judgments")
            self.add("\n".join(_judgment(j) for j in doc.key_judgments))
        self.tradecraft(doc)
        if doc.quotes:
            self.add("## Quotes")
            self.quotes(doc.quotes)
        if doc.recommendations:
            self.add("## Recommendations", "\n".join(f"- {_rich(r)}" for r in doc.recommendations))
        if brief.attachments:
            self.add(
                "## Attachments",
                "\n".join(f"- {_escape(a.title or a.path)}" for a in brief.attachments),
            )
        if doc.source_summary is not None:
            self.add("## Source summary", _rich(doc.source_summary))
        self.sources()
        if doc.contact is not None:
            self.add("---", _rich(doc.contact))
        self.add(*(f"[^{n.number}]: {markdown_inline(n.content)}" for n in self.resolved.notes))
        return "\n\n".join(self.lines) + "\n"

    def tradecraft(self, doc: View) -> None:
        """Outlook, indicators, assumptions and gaps, after the key judgments."""
        if doc.outlook:
            self.add("## Outlook")
            for scenario in doc.outlook:
                odds = f" ({_likelihood(scenario.likelihood)})" if scenario.likelihood else ""
                self.add(f"### {_escape(scenario.name)}{odds}", _rich(scenario.text))
        if doc.indicators:
            rows = ["| Indicator | Scenario | Status |", "|---|---|---|"]
            for indicator in doc.indicators:
                cells = (
                    _rich(indicator.text).replace("\n\n", " "),
                    _escape(indicator.scenario) if indicator.scenario else "–",
                    indicator.status.label,
                )
                rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            self.add("## Indicators", "\n".join(rows))
        if doc.assumptions:
            self.add("## Key assumptions", "\n".join(f"- {_rich(a)}" for a in doc.assumptions))
        if doc.gaps:
            self.add("## Intelligence gaps", "\n".join(f"- {_rich(g)}" for g in doc.gaps))

    def what(self, doc: View) -> None:
        if not doc.what:
            return
        self.add("## What happened?")
        loose: list[str] = []
        for item in doc.what:
            if isinstance(item.model, Theme):
                self.add("\n".join(loose))
                loose = []
                self.add(
                    f"### {_escape(item.theme)}", "\n".join(self.event(e) for e in item.events)
                )
            else:
                loose.append(self.event(item))
        self.add("\n".join(loose))

    def event(self, event: View) -> str:
        model = event.model
        assert isinstance(model, Event)
        when = ""
        if model.date is not None:
            when = f"**{format_moment(model.date, model.time, self.brief.date_format)}** "
        return f"- {when}{_rich(event.text)}"

    def quotes(self, quotes: list[View]) -> None:
        for quote in quotes:
            who = _escape(quote.speaker)
            if quote.affiliation:
                who += f", {_escape(quote.affiliation)}"
            said = _rich(quote.text).replace("\n", "\n> ")
            self.add(f"> “{said}”\n>\n> — {who}")

    def sources(self) -> None:
        if self.resolved.bibliography:
            self.add(
                "## Sources",
                "\n\n".join(markdown_inline(entry.content) for entry in self.resolved.bibliography),
            )
        if self.resolved.source_table:
            rows = ["| Source | Grade | Reliability | Credibility |", "|---|---|---|---|"]
            for row in self.resolved.source_table:
                cells = (
                    markdown_inline(row.content),
                    *(_escape(cell) for cell in (row.grade, row.reliability, row.credibility)),
                )
                rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            self.add("## Source grading", "\n".join(rows))


def write_markdown(resolved: ResolvedBrief, options: RenderOptions) -> bytes:
    """The brief as Markdown; each figure it points at is checked to be allowed first."""
    folder = brief_folder(resolved.folder)
    check_figures(resolved.brief.figures, folder, brief_roots(folder, options), options)
    return _Writer(resolved).write().encode("utf-8")
