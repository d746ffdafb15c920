"""Nothing imports upward: model, then resolve, then render, then the API and the command line.

Every `import sitrep...` in the source, at the top of a module or inside a function (a lazy
import is still a dependency), goes to a part of sitrep in the same layer or a lower one. A new
top-level module or package must be given its layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sitrep

SOURCE = Path(sitrep.__file__).parent

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "errors atomic resources pool localize __version__",  # no other part of sitrep
        "inline",  # prose: text, emphasis, links, citations, typographic quotes
        "model",  # the brief, knowing nothing of files or formats
        "labels",  # the words sitrep prints, per language (a Markdown brief may use them)
        "files compare schema reference",  # reading brief files; comparing briefs; the reference
        "resolve check catalogs",  # the one pass before any writer; tradecraft checks
        "writers",  # one module per format
        "api",  # load, render, dump
        "outputs batch",  # where each brief's files go; many briefs on every core
        "watch scaffold",  # re-render on change; new briefs
        "cli __main__ sitrep",  # the command line; the package's lazy names
    )
)


def _part(module: str) -> str:
    """The top-level part of sitrep a dotted module name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sitrep"


def _layer(part: str) -> int:
    for index, names in enumerate(LAYERS):
        if part in names:
            return index
    raise AssertionError(f"sitrep.{part} has no layer in tests/test_layers.py")


def _module_name(path: Path) -> str:
    relative = path.relative_to(SOURCE.parent).with_suffix("")
    name = ".".join(relative.parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "sitrep":
                found.extend((node.lineno, f"sitrep.{alias.name}") for alias in node.names)
            elif node.module.startswith("sitrep."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.startswith("sitrep.")
            )
    return found


MODULES = sorted(SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_a_module_imports_only_its_own_layer_and_lower(path: Path) -> None:
    own = _part(_module_name(path))
    upward = [
        f"{path.relative_to(SOURCE.parent)}:{line}: imports {target}"
        for line, target in _imports(path)
        if _part(target) != own and _layer(_part(target)) > _layer(own)
    ]
    assert not upward


def test_every_part_of_sitrep_has_a_layer() -> None:
    parts = {_part(_module_name(path)) for path in MODULES}
    assert all(_layer(part) >= 0 for part in parts)


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    """The test itself can fail: a model module that imports a writer is caught."""
    module = tmp_path / "brief.py"
    module.write_text("def f():\n    from sitrep.writers import get_writer\n", encoding="utf-8")
    ((line, target),) = _imports(module)
    assert (line, target) == (2, "sitrep.writers")
    assert _layer(_part(target)) > _layer("model")
