"""Bring the label catalogs (src/sitrep/locale/<lang>.po) in line with sitrep.labels.

Every key of `ENGLISH` and every layout wording of `LAYOUT_WORDING` gets an entry (msgctxt the
key, or `<layout>:<key>`; msgid the English text). A translation already there is kept; one
whose English text changed is kept but marked fuzzy, so it is not used until a translator has
looked at it; a new message is added untranslated (English in en.po). Entries for keys that no
longer exist are dropped.

    python scripts/update_catalogs.py          # rewrite the catalogs
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is out of date
"""

from __future__ import annotations

import argparse
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from sitrep.labels import ENGLISH, LAYOUT_WORDING, LOCALE_DIR

LANGUAGE_NAMES = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}


def messages() -> list[tuple[str, str]]:
    """(context, English text) of every message, in catalogue order."""
    found = list(ENGLISH.items())
    for layout, wording in LAYOUT_WORDING.items():
        found.extend((f"{layout}:{key}", text) for key, text in wording.items() if text)
    return found


def updated(path: Path) -> bytes:
    language = path.stem
    old: Catalog | None = None
    if path.is_file():
        with path.open("rb") as po:
            old = read_po(po)
    catalog = Catalog(
        locale=language,
        domain="sitrep",
        project="sitrep",
        header_comment=(
            f"# {LANGUAGE_NAMES.get(language, language)} labels for sitrep: every fixed word a "
            "writer prints.\n# msgctxt is the label's key in sitrep.labels, msgid its English "
            "text.\n# Placeholders such as {number} must stay as they are."
        ),
        version="1",
        msgid_bugs_address="https://github.com/sitrep/sitrep/issues",
        last_translator="sitrep engineers",
        language_team=LANGUAGE_NAMES.get(language, language),
        fuzzy=False,
    )
    for context, english in messages():
        translation = "" if language != "en" else english
        flags: set[str] = set()
        if old is not None:
            kept = old.get(english, context=context)
            if kept is not None and kept.string:
                translation = str(kept.string)
                flags = set(kept.flags)
            else:
                for message in old:  # the English text changed: keep the old one, as fuzzy
                    if message.context == context and message.string:
                        translation, flags = str(message.string), {"fuzzy"}
                        break
        catalog.add(english, translation, context=context, flags=flags)
    out = BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False)
    text = out.getvalue().decode("utf-8")
    # the header's dates change on every run; keep them fixed so --check compares content
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By'))
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a catalog is stale")
    args = parser.parse_args()
    stale = []
    for path in sorted(LOCALE_DIR.glob("*.po")):
        content = updated(path)
        if path.read_bytes() != content:
            stale.append(path.name)
            if not args.check:
                path.write_bytes(content)
    if args.check and stale:
        print(f"out of date: {', '.join(stale)} (run scripts/update_catalogs.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
