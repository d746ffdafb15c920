"""Hatchling build hook: compile the label catalogs (src/sitrep/locale/<lang>.po) to .mo files.

The .mo files are build products (ignored by git): a wheel ships them next to their sources,
and an editable install finds them in the checkout. Each .mo records the SHA-256 of the .po it
was compiled from; sitrep.labels reads the .po directly when they differ, so a catalog edited
after `pip install -e .` is used at once.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "sitrep" / "locale"
SOURCE_CONTEXT, SOURCE_MSGID = "sitrep:source", "sha256"  # as in sitrep.labels


def compile_catalog(po_path: Path) -> Path:
    """Write `<lang>.mo` next to `<lang>.po`; an invalid catalog stops the build."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source_bytes = po_path.read_bytes()
    catalog = read_po(BytesIO(source_bytes), abort_invalid=True)
    # the source's digest, so sitrep.labels uses this .mo only while the .po is unchanged
    catalog.add(SOURCE_MSGID, hashlib.sha256(source_bytes).hexdigest(), context=SOURCE_CONTEXT)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as compiled:
        write_mo(compiled, catalog)
    return mo_path


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        locale = Path(self.root) / LOCALE
        sources = sorted(locale.glob("*.po"))
        if not sources:
            raise RuntimeError(f"no label catalogs in {locale}")
        for po_path in sources:
            compile_catalog(po_path)
        build_data.setdefault("artifacts", []).append(f"/{LOCALE.as_posix()}/*.mo")
