"""Start a new brief: from a bundled example, or a blank skeleton dated today."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sitrep.atomic import write_atomic
from sitrep.errors import SitrepError
from sitrep.files.load import BRIEF_SUFFIXES
from sitrep.resources import examples_dir

__all__ = ["Example", "list_examples", "new_brief", "new_brief_from_stix"]

SKELETON = """\
# A new sitrep. Check it as you type: sitrep schema > brief.schema.json, then point your
# editor's YAML language server at that file. Render it: sitrep render {name} -o brief.pdf
template: intel-brief          # intel-brief, analysis or article
title: "Title of the brief"
date: {today}
marking: "TLP:AMBER"           # TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED
where: "Country, place"
who:
  - "First actor"
what:
  - date: {today}
    text: "What happened, with a citation. [@source1]"
assessment: |
  What it means, and what is likely to happen next.
sources:
  - id: source1
    author: "Author Name"
    title: "Title of the source"
    container: "Publication"
    date: {today}
    url: "https://example.org/"
"""


class Example:
    """A bundled example brief."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = folder.name
        self.brief = next(
            p for p in sorted(folder.iterdir()) if p.stem == "brief" and p.suffix in BRIEF_SUFFIXES
        )

    @property
    def summary(self) -> str:
        from sitrep.api import load

        brief = load(self.brief)
        return f"{brief.template}: {brief.title}"


def list_examples() -> list[Example]:
    """The bundled examples, by name."""
    root = examples_dir()
    return [
        Example(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and any(p.stem == "brief" for p in folder.iterdir())
    ]


def new_brief(out: str | Path, example: str | None = None, *, today: dt.date | None = None) -> Path:
    """Create a brief at `out` (a file name or a folder) and return the brief file's path.

    From an example, the example's images and attachments are copied beside the brief.
    """
    out = Path(out)
    if example is None:
        target = out if out.suffix in (".yaml", ".yml") else out / "brief.yaml"
        _refuse_overwrite(target)
        day = (today or dt.date.today()).isoformat()
        write_atomic(target, SKELETON.format(today=day, name=target.name).encode("utf-8"))
        return target
    known = {e.name: e for e in list_examples()}
    if example not in known:
        raise SitrepError(f"no example named {example!r} (expected one of: {', '.join(known)})")
    chosen = known[example]
    folder = out.parent if out.suffix in BRIEF_SUFFIXES else out
    target = out if out.suffix in BRIEF_SUFFIXES else folder / chosen.brief.name
    if target.suffix != chosen.brief.suffix:
        raise SitrepError(
            f"{target}: example {example!r} is a {chosen.brief.suffix} brief "
            f"(expected a file name ending in {chosen.brief.suffix})"
        )
    _refuse_overwrite(target)
    folder.mkdir(parents=True, exist_ok=True)
    for item in chosen.folder.iterdir():
        if item == chosen.brief or not item.is_file():
            continue
        if not (folder / item.name).exists():
            shutil.copyfile(item, folder / item.name)
    write_atomic(target, chosen.brief.read_bytes())
    return target


def new_brief_from_stix(out: str | Path, bundle: str | Path) -> Path:
    """Create a brief at `out` from the report in a STIX 2.1 bundle; return the brief's path.

    The brief holds what the report holds (title, date, places, actors, events, judgments,
    sources, marking) and is checked like any brief before it is written.
    """
    from sitrep.api import dumps
    from sitrep.files.load import validate
    from sitrep.files.stix_report import brief_data_from_stix

    out, bundle = Path(out), Path(bundle)
    target = out if out.suffix in (".yaml", ".yml") else out / "brief.yaml"
    _refuse_overwrite(target)
    brief = validate(brief_data_from_stix(bundle), str(bundle), {})
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, dumps(brief, "yaml").encode("utf-8"))
    return target


def _refuse_overwrite(target: Path) -> None:
    if target.exists():
        raise SitrepError(f"{target} already exists (expected a new file name)")
