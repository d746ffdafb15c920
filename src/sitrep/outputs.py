"""Where a render's files go: the (file, format) pairs each brief renders to, from the output
names and formats asked for, and the requests refused before anything is written.

`sitrep render` and `sitrep watch` both plan their outputs here, so that the command line only
parses its options; the rules (a folder for several briefs, a suffix that must agree with the
format, one output file per format) hold the same for every command that renders.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.files.output_safety import Targets
from sitrep.writers import SUFFIXES, file_suffix, format_for

__all__ = ["output_path", "output_request_problem", "output_targets"]


def output_path(source: Path, out: Path | None, fmt: str, many: bool) -> Path:
    """Where a brief's output goes: next to it, into a folder, or to the exact file given."""
    suffix = file_suffix(fmt)
    if out is None:
        return source.with_suffix(suffix)
    # Briefs kept as <name>/brief.yaml would all collide as brief.pdf in one output folder.
    stem = source.parent.resolve().name if source.stem == "brief" else source.stem
    name = f"{stem}{suffix}"
    if many or out.is_dir() or not out.suffix:
        return out / name
    return out


def output_targets(
    source: Path, outputs: list[Path], formats: list[str] | None, many: bool
) -> Targets:
    """The (file, format) pairs one brief renders to: one per output file when several are
    given (each suffix names its format), else from the one output (or none) and the formats.

    Raises RenderError for an output file whose suffix names no format.
    """
    if len(outputs) > 1:
        return tuple((path, format_for(path)) for path in outputs)
    return _targets(source, outputs[0] if outputs else None, formats, many)


def _targets(source: Path, output: Path | None, formats: list[str] | None, many: bool) -> Targets:
    """The (file, format) pairs one brief renders to, from one output name and the formats."""
    to_folder = output is None or many or output.is_dir() or not output.suffix
    if not formats:
        if to_folder:
            return ((output_path(source, output, "pdf", many), "pdf"),)
        assert output is not None
        return ((output, format_for(output)),)
    if not to_folder and len(formats) == 1:
        assert output is not None
        return ((output, formats[0]),)
    folder = output.with_suffix("") if output is not None and not to_folder else output
    return tuple((output_path(source, folder, fmt, True), fmt) for fmt in formats)


def output_request_problem(
    sources: list[Path], outputs: list[Path], formats: list[str] | None
) -> str | None:
    """Why the output names (-o) and formats (--format) asked for cannot be rendered from these
    briefs, or None when they can: the first problem found, before anything is written."""
    many = len(sources) > 1
    refused = _output_given_as_brief(sources) or _refuse_outputs(outputs, many, formats)
    if refused:
        return refused
    output = outputs[0] if outputs else None
    refused = _refuse_format_mismatch(output, formats or [], many)
    if refused:
        return refused
    if many and output is not None and output.suffix and not output.is_dir():
        return f"{output}: several briefs need an output folder"
    return None


def _refuse_outputs(outputs: list[Path], many: bool, formats: list[str] | None) -> str | None:
    """Why the outputs cannot be rendered each, or None when they can (or there is one)."""
    if len(outputs) < 2:
        return None
    if many:
        return "several -o options render one brief to several files (expected one brief)"
    if formats:
        return (
            "give either several -o files or --format, not both "
            "(each -o file's suffix names its format)"
        )
    if len(set(outputs)) < len(outputs):
        return "the same -o file is given twice (expected each output once)"
    folders = [str(path) for path in outputs if path.is_dir() or not path.suffix]
    if folders:
        return f"{folders[0]}: with several -o, each must be a file name such as brief.pdf"
    return None


def _refuse_format_mismatch(output: Path | None, formats: list[str], many: bool) -> str | None:
    """An output file name whose suffix disagrees with --format, or several formats into one
    file name: refused before anything is written, never guessed at."""
    if output is None or many or output.is_dir() or not output.suffix or not formats:
        return None
    if len(set(formats)) > 1:
        return (
            f"{output}: several --format options need an output folder, not a file name "
            "(expected -o FOLDER, or one -o file per format: -o a.pdf -o a.docx)"
        )
    named = SUFFIXES.get(output.suffix.lower())
    if named is not None and named != formats[0]:
        return (
            f"{output}: the suffix {output.suffix} says {named}, but --format says "
            f"{formats[0]} (expected them to agree, or one of them only)"
        )
    return None


def _output_given_as_brief(files: list[Path]) -> str | None:
    """`sitrep render brief.yaml out.docx` means -o out.docx: say so before writing anything."""
    for path in files:
        if path.suffix.lower() in SUFFIXES and path.suffix.lower() != ".md":
            return f"{path} is an output file name, not a brief (did you mean -o {path}?)"
    return None
