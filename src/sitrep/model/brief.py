"""The brief: Who, What, Where, When and the Assessment, in the shape of a Dyami intel brief."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sitrep.errors import Problem
from sitrep.model.base import Plain, Prose, StrictModel, register_root
from sitrep.model.consistency import (
    check_indicator_scenarios,
    check_scenario_names,
    check_terms_on_scale,
    check_unique_source_ids,
)
from sitrep.model.content import Attachment, Figure, Quote, Section
from sitrep.model.continuity import NextIssue, Serial, Supersedes, check_next_issue
from sitrep.model.dissemination import Caveats, Classification, PapLabel, Status
from sitrep.model.events import Event, Period, Theme, WhatItem
from sitrep.model.judgment import KeyJudgment, brief_scale
from sitrep.model.marking import TLP, parse_tlp
from sitrep.model.places_actors import Actor, ActorKind, Place, name_only
from sitrep.model.portions import (
    MarkedProse,
    MarkingLabel,
    check_field_markings,
    check_portion_markings,
)
from sitrep.model.scales import ScaleName
from sitrep.model.source import Source
from sitrep.model.template_name import check_template_name
from sitrep.model.tradecraft import CheckSettings, Indicator, Scenario

if TYPE_CHECKING:
    from sitrep.model.walk import FieldPath

__all__ = [
    "Actor",
    "ActorKind",
    "Attachment",
    "Brief",
    "DateFormat",
    "Event",
    "Figure",
    "Period",
    "Place",
    "Quote",
    "Section",
    "Theme",
]


def _as_list(value: Any) -> Any:
    """Let a single value stand where a list is expected ("where: Russia")."""
    return [value] if isinstance(value, (str, dict)) else value


class DateFormat(StrEnum):
    """How dates are printed."""

    DMY = "dd/mm/yyyy"
    ISO = "iso"
    LONG = "long"
    DTG = "dtg"


class Brief(StrictModel):
    """A structured intelligence brief (sitrep)."""

    template: Annotated[Plain, AfterValidator(check_template_name)] = "intel-brief"
    """Layout: intel-brief, analysis, article, or the name of a template given with `--template`
    (letters, digits, `-`, `_`; never a path)."""
    title: Annotated[Plain, Field(min_length=1, pattern=r"\S")]
    """The brief's title."""
    subtitle: Plain | None = None
    """A second title line."""
    standfirst: Prose | None = None
    """One or two sentences under the title that say what the brief is about."""
    bluf: Prose | None = None
    """Bottom line up front: the main judgment in at most three sentences, shown first."""
    date: dt.date
    """Date of the brief (YYYY-MM-DD)."""
    when: Period | None = None
    """When the events took place: a date (YYYY-MM-DD), or {start, end}."""
    dateline: Plain | None = None
    """Where the brief was written, as a newspaper dateline ("SEOUL")."""
    authors: Annotated[
        list[Plain], BeforeValidator(_as_list, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)
    """Author names, shown as the byline."""
    organisation: Plain | None = None
    """The issuing organisation."""
    serial: Serial | None = None
    """The brief's number in its series, as printed ("SITREP 14")."""
    supersedes: Supersedes | None = None
    """The issue this one replaces: its serial ("SITREP 13"), or {serial, date}."""
    next_issue: NextIssue | None = None
    """When the next issue is due: YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC), or words such as
    "as events warrant"."""
    marking: (
        Annotated[
            TLP,
            BeforeValidator(
                parse_tlp,
                json_schema_input_type=Literal[
                    "TLP:CLEAR",
                    "TLP:GREEN",
                    "TLP:AMBER",
                    "TLP:AMBER+STRICT",
                    "TLP:RED",
                    "TLP:WHITE",
                ],
            ),
        ]
        | None
    ) = None
    """Handling marking: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED
    (TLP:WHITE is read as TLP:CLEAR). Shown at the top and bottom of every page."""
    classification: Classification | None = None
    """Classification banner: free text ("OFFICIAL-SENSITIVE"), or {scheme, level} with a scheme
    from the house profile. Shown at the top and bottom of every page, next to the marking."""
    caveats: Caveats = Field(default_factory=list)
    """Handling caveats and releasability ("REL TO NLD, BEL"), printed after the classification."""
    pap: PapLabel | None = None
    """Permissible Actions Protocol: PAP:CLEAR, PAP:GREEN, PAP:AMBER or PAP:RED, shown beside
    the TLP marking."""
    status: Status = Status.FINAL
    """draft or final (default): a draft carries a DRAFT watermark on every page."""
    version: Annotated[Plain, Field(pattern=r"^\S+$")] | None = None
    """The version of the text ("0.3"), shown as "DRAFT v0.3" on a draft."""
    keywords: Annotated[
        list[Plain], BeforeValidator(_as_list, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)
    """Keywords for the document properties."""
    where: Annotated[
        list[Annotated[Place, BeforeValidator(name_only)]],
        BeforeValidator(_as_list, json_schema_input_type=Place | list[Place]),
    ] = Field(default_factory=list)
    """One or more places: strings, or {name, country, lat, lon}."""
    who: Annotated[
        list[Annotated[Actor, BeforeValidator(name_only)]],
        BeforeValidator(_as_list, json_schema_input_type=Actor | list[Actor]),
    ] = Field(default_factory=list)
    """Who is involved: strings, or {name, role, affiliation}."""
    figures: list[Figure] = Field(default_factory=list)
    """Images with captions, shown after the heading block."""
    what: list[WhatItem] = Field(default_factory=list)
    """What happened: dated events, optionally grouped as {theme, events}."""
    sections: list[Section] = Field(default_factory=list)
    """Free sections with headings (analysis and article layouts)."""
    assessment: Prose | None = None
    """The analyst's assessment, in paragraphs."""
    key_judgments: list[KeyJudgment] = Field(default_factory=list)
    """Key judgments with a likelihood on the brief's scale, a confidence level and a basis."""
    outlook: list[Scenario] = Field(default_factory=list)
    """Scenarios for how events may go: {name, text, likelihood}."""
    indicators: list[Indicator] = Field(default_factory=list)
    """Signposts to watch: {text, status: observed | partly | not observed, scenario}."""
    assumptions: list[MarkedProse] = Field(default_factory=list)
    """The assumptions the assessment rests on, one per item."""
    gaps: list[MarkedProse] = Field(default_factory=list)
    """Intelligence gaps: what we do not know and would change the assessment."""
    quotes: list[Quote] = Field(default_factory=list)
    """Attributed quotations shown after the sections."""
    recommendations: list[MarkedProse] = Field(default_factory=list)
    """Recommended actions, one per item."""
    attachments: list[Attachment] = Field(default_factory=list)
    """Files that go with the brief."""
    source_summary: Prose | None = None
    """ICD 206 source summary statement: what the sources are, how reliable, what is missing."""
    contact: Prose | None = None
    """The contact footer."""
    sources: Annotated[
        list[Source],
        # File names are expanded by the loader, which knows the brief's folder.
        BeforeValidator(lambda value: value, json_schema_input_type=str | list[Source | str]),
    ] = Field(default_factory=list)
    """The sources cited in the prose as [@id]; a CSL-JSON (Zotero, pandoc) or BibTeX (.bib)
    file name in place of a source, or of the whole list, brings in every source it holds."""
    bibliography: bool | None = None
    """List the sources at the end; by default on for analysis, off for intel-brief."""
    bibliography_dash: bool = False
    """In the bibliography, a 3-em dash (———) stands for the author of the entry above
    (CMOS 14.68); by default the name is repeated."""
    source_table: bool = False
    """Add a table of sources with their Admiralty grades and what the grades mean."""
    show_grades: bool = False
    """Add a source's Admiralty grade to its notes, as [B2]."""
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    """Language of the brief as a BCP 47 tag ("en", "en-GB", "nl")."""
    citation_language: (
        Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None
    ) = None
    """Language of the citation terms in notes and bibliography ("accessed", "ed.", "n.d.",
    month names, quotes around titles); by default the brief's `language`. `en` keeps English
    citations in a brief written in another language."""
    smart_quotes: bool = True
    """Print typographic quotes and apostrophes (“ ” ‘ ’, or the language's own: „ “ for de,
    « » for fr) where straight ones were typed; code, URLs and ids are never changed."""
    date_format: DateFormat = DateFormat.DMY
    """dd/mm/yyyy (default), iso, long (15 September 2023, in the brief's language: 15 september
    2023, 15. September 2023) or dtg (military date-time group)."""
    likelihood_scale: ScaleName = ScaleName.ICD203
    """Estimative-language scale of key judgments and scenarios: icd203 (default), phia (UK
    PHIA probability yardstick) or nato (NATO AJP-2.1)."""
    field_markings: Annotated[dict[str, MarkingLabel], AfterValidator(check_field_markings)] = (
        Field(default_factory=dict)
    )
    """Portion markings of the brief's own fields ({title: TLP:CLEAR, bluf: TLP:GREEN}); for a
    list (what, sources, ...) the marking of its items that have none (docs/dissemination.md)."""
    portion_marks: bool = False
    """Print each portion's marking before it, as "(TLP:AMBER)"; also `--portion-marks`."""
    check: CheckSettings = Field(default_factory=CheckSettings)
    """Settings of `sitrep check`: {disable: [{rule, reason}]}."""

    @model_validator(mode="wrap")
    @classmethod
    def _on_its_scale(cls, data: Any, handler: Any) -> Any:
        # Likelihood terms are checked against the brief's own scale, known only here.
        # An unknown name falls back to ICD 203 here; the field's own validation reports it.
        if isinstance(data, dict):
            named = data.get("likelihood_scale")
        else:  # a Brief validated again (render, dump, assignment)
            named = getattr(data, "likelihood_scale", None)
        try:
            scale = ScaleName(named) if named is not None else ScaleName.ICD203
        except ValueError:
            scale = ScaleName.ICD203
        with brief_scale(scale):
            return handler(data)

    _is_root: ClassVar[bool] = True

    def model_post_init(self, context: Any, /) -> None:
        register_root(self)  # so that a nested model assigned to is found in its brief

    def _assignment_scope(self) -> AbstractContextManager[None]:
        return brief_scale(self.likelihood_scale)  # a judgment assigned to is on this scale

    @model_validator(mode="after")
    def _terms_on_the_brief_scale(self) -> Brief:
        # Terms are read on the scale; this catches a scale changed after they were read.
        check_terms_on_scale(self)
        return self

    @model_validator(mode="after")
    def _continuity_dates(self) -> Brief:
        check_next_issue(self.date, self.next_issue, self.supersedes)
        return self

    @field_validator("outlook")
    @classmethod
    def _scenario_names_unique(cls, outlook: list[Scenario]) -> list[Scenario]:
        check_scenario_names(outlook)
        return outlook

    @field_validator("indicators")
    @classmethod
    def _indicators_name_scenarios(
        cls, indicators: list[Indicator], info: ValidationInfo
    ) -> list[Indicator]:
        if "outlook" not in info.data:
            return indicators  # the outlook itself failed; that error is the one to read
        check_indicator_scenarios(indicators, [scenario.name for scenario in info.data["outlook"]])
        return indicators

    @field_validator("sources")
    @classmethod
    def _unique_ids(cls, sources: list[Source]) -> list[Source]:
        check_unique_source_ids(sources)
        return sources

    @model_validator(mode="after")
    def _portions_within_marking(self) -> Brief:
        check_portion_markings(self)
        return self

    @model_validator(mode="after")
    def _citations_known(self) -> Brief:
        from sitrep.model.walk import check_citations

        check_citations(self)
        return self

    _origin: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)
    _file_warnings: list[Problem] = PrivateAttr(default_factory=list)
    _source_files: tuple[Path, ...] = PrivateAttr(default=())

    def set_origin(self, path: Path, lines: dict[tuple[str | int, ...], int] | None = None) -> None:
        """Remember the file the brief was read from (figures are found relative to it) and
        the line of each field, for warnings."""
        self._origin = path
        self._lines = dict(lines or {})

    def set_source_files(self, paths: tuple[Path, ...]) -> None:
        """Remember the CSL-JSON and .bib files `sources` was read from: no output may replace
        them."""
        self._source_files = paths

    @property
    def source_files(self) -> tuple[Path, ...]:
        """The source-list files (CSL-JSON, .bib) the brief was read with, if any."""
        return self._source_files

    def add_file_warnings(self, warnings: list[Problem]) -> None:
        """Warnings found while reading the file (words a YAML comment dropped)."""
        self._file_warnings.extend(warnings)

    def validated(self) -> Brief:
        """The brief validated again from scratch, as a script left it.

        Appending to a list or `model_copy(update=...)` bypasses validation; rendering and
        dumping call this first, so such changes fail with a BriefError, not deep in a writer.
        """
        fresh = Brief.model_validate(self)
        fresh._origin, fresh._lines = self._origin, self._lines
        fresh._file_warnings = self._file_warnings
        fresh._source_files = self._source_files
        return fresh

    def warnings(self) -> list[Problem]:
        """What is allowed but probably a mistake: sources that nothing cites, figures that
        neither alt text nor a caption describes.

        Raises BriefError if the brief, as a script may have changed it, does not validate."""
        return self.validated().unchecked_warnings()

    def unchecked_warnings(self) -> list[Problem]:
        """`warnings()` of a brief known to be valid (just loaded or validated)."""
        from sitrep.model.walk import format_path, unused_sources

        file = None if self._origin is None else str(self._origin)
        found = [*unused_sources(self), *self._figures_without_text()]
        return [*self._file_warnings] + [
            Problem(message, file, format_path(path), self._lines.get(path))
            for path, message in found
        ]

    def _figures_without_text(self) -> list[tuple[FieldPath, str]]:
        """Figures a screen reader could only call "Figure": no alt text and no caption."""
        return [
            (
                ("figures", index),
                "has neither alt nor caption, so readers who cannot see it get only 'Figure' "
                "(expected alt: a description of the image)",
            )
            for index, figure in enumerate(self.figures)
            if not (figure.alt or "").strip() and not figure.caption.strip()
        ]

    def __eq__(self, other: object) -> bool:
        # Two briefs are equal when their fields are; where they were read from does not count.
        if not isinstance(other, Brief):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def origin(self) -> Path | None:
        """The file the brief was loaded from, if any."""
        return self._origin

    @property
    def lines(self) -> dict[tuple[str | int, ...], int]:
        """The line of each field in the file the brief was loaded from (empty if none)."""
        return self._lines

    @property
    def notes_language(self) -> str:
        """The language of the citations: `citation_language`, else the brief's `language`."""
        return self.citation_language or self.language

    @property
    def wants_bibliography(self) -> bool:
        """Whether to print the source list: as set, else on for every layout but intel-brief."""
        return (
            self.bibliography if self.bibliography is not None else self.template != "intel-brief"
        )

    @property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}
