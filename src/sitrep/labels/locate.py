"""Which catalog serves a language: sitrep's own in `sitrep/locale/`, a house style's own in its
`locale/` folder (falling back to sitrep's), a region's file (`nl-BE.po`) before its language's
(`nl.po`); and the one warning for a language that has none.

Apart from the Labels API because it is about files and folders: a language tag names a file,
so it is checked to be a tag, never a path; packaged catalogs are read once and cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.labels.english import ENGLISH, LAYOUT_WORDING
from sitrep.labels.po_files import translations_file

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = [
    "LANGUAGE_TAG",
    "LOCALE_DIR",
    "base_language",
    "catalog_languages",
    "house_folder",
    "layout_messages",
    "missing_catalog_warning",
]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""The packaged catalogs: `<lang>.po` sources and the `<lang>.mo` files compiled from them."""

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
"""A language tag as a catalog's file name may spell it: "es", "pt-BR"; never a path."""


def base_language(tag: str) -> str:
    """The language of a tag, lower-cased: "nl" for "nl-BE", "de" for "de_AT"."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].casefold()


def catalog_languages(house: Path | None = None) -> frozenset[str]:
    """The languages with a catalog: the packaged ones and a house style's own."""
    folders = [LOCALE_DIR] + ([house / "locale"] if house is not None else [])
    return frozenset(
        path.stem.casefold()
        for folder in folders
        if folder.is_dir()
        for path in folder.glob("*.po")
    )


def house_folder(template: str | Path | None) -> Path | None:
    """Where a house style's `locale/` folder is looked for: the `--template` folder, or the
    folder holding a `--template` Word file; None for a layout name or no template."""
    if template is None:
        return None
    path = Path(template)
    if path.is_dir():
        return path.resolve()
    if path.suffix.casefold() == ".docx" and path.is_file():
        return path.resolve().parent
    return None


def missing_catalog_warning(language: str, house: Path | None = None) -> str | None:
    """The one warning for a brief whose language has no catalog; None when it has one."""
    folders = [LOCALE_DIR] + ([house / "locale"] if house is not None else [])
    if any(_catalog_file(folder, language) is not None for folder in folders):
        return None
    known = ", ".join(sorted(catalog_languages(house)))
    return (
        f"no labels for language {language!r} (catalogs: {known}); headings and other fixed "
        "words are printed in English (docs/localization.md shows how to add a language)"
    )


@lru_cache(maxsize=32)
def _cached_translations(path: Path, mtime: float) -> NullTranslations:
    return translations_file(path)


def _catalog_file(folder: Path, language: str) -> Path | None:
    """`nl-BE.po` for the tag nl-BE if the folder has one, else `nl.po`, else None."""
    for name in dict.fromkeys((language, base_language(language))):
        if not LANGUAGE_TAG.fullmatch(name):  # a language tag, never a path
            continue
        path = folder / f"{name}.po"
        if path.is_file():
            return path
    return None


def _translations(language: str, house: Path | None) -> NullTranslations | None:
    """The house style's catalog, falling back to the packaged one, for a language; None when
    neither has the language."""
    packaged_file = _catalog_file(LOCALE_DIR, language)
    packaged = (
        _cached_translations(packaged_file, packaged_file.stat().st_mtime)
        if packaged_file is not None
        else None
    )
    house_file = _catalog_file(house / "locale", language) if house is not None else None
    if house_file is None:
        return packaged
    own = translations_file(house_file)  # a fresh object: the cached packaged one stays as is
    if packaged is not None:
        own.add_fallback(packaged)
    return own


def layout_messages(language: str, layout: str, house: Path | None) -> dict[str, str]:
    """Every message of a layout in a language; a message without a translation is English."""
    translations = _translations(language, house)
    english = dict(ENGLISH)
    wording = LAYOUT_WORDING.get(layout, {})
    if translations is None:
        return english | dict(wording)
    messages = {key: translations.pgettext(key, text) for key, text in english.items()}
    for key, text in wording.items():
        messages[key] = translations.pgettext(f"{layout}:{key}", text) if text else ""
    return messages
