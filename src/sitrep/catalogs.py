"""Label catalogs as gettext .po text: sitrep's own (scripts/update_catalogs.py keeps them in line
with sitrep.labels) and a starting point for a house style's language (`sitrep labels es`).

Every key of `ENGLISH` and every layout wording of `LAYOUT_WORDING` is one entry: msgctxt the
key (or `<layout>:<key>`), msgid the English text. A translation already in the old catalog is
kept; one whose English text has changed is kept but marked fuzzy, so gettext does not use it
until a translator has looked again; a new message is added untranslated (English in en.po).
"""

from __future__ import annotations

from io import BytesIO

from sitrep.errors import SitrepError
from sitrep.labels import ENGLISH, LAYOUT_WORDING, LOCALE_DIR, base_language
from sitrep.labels.locate import LANGUAGE_TAG

__all__ = ["catalog_source", "check_language_tag", "label_messages"]

_NAMES = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}


def label_messages() -> list[tuple[str, str]]:
    """(context, English text) of every message, in catalogue order."""
    found = list(ENGLISH.items())
    for layout, wording in LAYOUT_WORDING.items():
        found.extend((f"{layout}:{key}", text) for key, text in wording.items() if text)
    return found


def check_language_tag(language: str) -> None:
    """Refuse what is not a language tag (such as es or pt-BR) before it names a catalog."""
    if not LANGUAGE_TAG.fullmatch(language):
        raise SitrepError(f"{language!r} is not a language tag (expected one such as es or pt-BR)")


def catalog_source(language: str, old: bytes | None = None) -> bytes:
    """The .po text of a language's catalog, keeping the translations of `old` (by default
    sitrep's own catalog of the language, if it has one)."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    try:
        locale: Locale | None = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):  # a language Babel has no data for
        locale = None

    if old is None:
        packaged = LOCALE_DIR / f"{base_language(language)}.po"
        old = packaged.read_bytes() if packaged.is_file() else None
    previous = read_po(BytesIO(old)) if old is not None else None
    name = _NAMES.get(language, language)
    catalog = Catalog(
        locale=locale,
        domain="sitrep",
        project="sitrep",
        version="1",
        msgid_bugs_address="https://github.com/sitrep/sitrep/issues",
        last_translator="sitrep engineers",
        language_team=name,
        header_comment=(
            f"# {name} labels for sitrep: every fixed word a writer prints.\n"
            "# msgctxt is the label's key in sitrep.labels, msgid its English text.\n"
            "# Placeholders such as {number} must stay as they are."
        ),
        fuzzy=False,
    )
    for context, english in label_messages():
        translation = english if language == "en" else ""
        flags: set[str] = set()
        if previous is not None:
            kept = previous.get(english, context=context)
            if kept is not None and kept.string:
                translation, flags = str(kept.string), set(kept.flags)
            else:
                for message in previous:  # the English text changed: keep the old, as fuzzy
                    if message.context == context and message.string:
                        translation, flags = str(message.string), {"fuzzy"}
                        break
        catalog.add(english, translation, context=context, flags=flags)
    out = BytesIO()
    write_po(out, catalog, width=100, sort_output=False)
    # the header's dates change on every run; leaving them out keeps the files comparable
    lines = [
        line
        for line in out.getvalue().decode("utf-8").splitlines()
        if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By'))
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
