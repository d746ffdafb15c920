"""Extract the citation terms sitrep's Chicago notes use from the CSL locale files.

    python scripts/extract_csl_terms.py PATH/TO/citation-style-language/locales [COMMIT]

writes src/sitrep/resolve/csl_terms.json. Only terms are taken (no code): the words, month names,
quotation marks, ordinal suffixes, the order of a date written out and whether punctuation goes
inside quotes. The locale files are CC BY-SA 3.0 (https://citationstyles.org/); the extract keeps
each file's translators and licence, as the CSL project asks.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CSL = "{http://purl.org/net/xbiblio/csl}"
LOCALES = {"en": "en-US", "nl": "nl-NL", "de": "de-DE", "fr": "fr-FR"}
OUT = Path(__file__).resolve().parents[1] / "src/sitrep/resolve/csl_terms.json"

# (term name, form) pairs taken, by the key the formatter uses.
TERMS = {
    "accessed": ("accessed", None),
    "no_date": ("no date", "short"),
    "in": ("in", None),
    "and": ("and", None),
    "et_al": ("et-al", None),
    "interview": ("interview", None),
    "issue": ("issue", "short"),
    "volume": ("volume", "short"),
    "edition": ("edition", "short"),
    "editor": ("editor", "short"),
    "editor_verb": ("editor", "verb"),
    "editor_verb_short": ("editor", "verb-short"),
    "translator_verb": ("translator", "verb"),
    "translator_verb_short": ("translator", "verb-short"),
    "editortranslator": ("editortranslator", "short"),
    "editortranslator_verb": ("editortranslator", "verb"),
    "editortranslator_verb_short": ("editortranslator", "verb-short"),
    "open_quote": ("open-quote", None),
    "close_quote": ("close-quote", None),
    "open_inner_quote": ("open-inner-quote", None),
    "close_inner_quote": ("close-inner-quote", None),
}

# Chicago's own English wording where it differs from the en-US locale, the way the CSL Chicago
# styles override it in their <locale> block ("ed. John Smith", not "ed. by John Smith";
# "ed. and trans.", not "ed. & trans.").
CHICAGO_ENGLISH = {
    "editor_verb_short": "ed.",
    "translator_verb_short": "trans.",
    "editortranslator": ["ed. and trans.", "eds. and trans."],
    "editortranslator_verb": "edited and translated by",
    "editortranslator_verb_short": "ed. and trans.",
}

# Words Chicago notes print that no CSL locale has. These are sitrep's own translations, not
# CSL's, and are marked so in the extract.
SITREP_TERMS = {
    "en": {"press_release": "press release", "thesis": "PhD diss.", "posted_by": "posted by"},
    "nl": {"press_release": "persbericht", "thesis": "proefschrift", "posted_by": "geplaatst door"},
    "de": {
        "press_release": "Pressemitteilung",
        "thesis": "Dissertation",
        "posted_by": "veröffentlicht von",
    },
    "fr": {
        "press_release": "communiqué de presse",
        "thesis": "thèse de doctorat",
        "posted_by": "publié par",
    },
}

NARROW_NBSP = "\u202f"


def _value(term: ET.Element) -> str | list[str]:
    single, multiple = term.find(f"{CSL}single"), term.find(f"{CSL}multiple")
    if single is not None and multiple is not None:
        return [single.text or "", multiple.text or ""]
    return term.text or ""


def _find(root: ET.Element, name: str, form: str | None) -> ET.Element | None:
    for term in root.iter(f"{CSL}term"):
        if term.get("name") == name and term.get("form") == form:
            return term
    return None


def extract(path: Path, language: str) -> dict[str, object]:
    root = ET.parse(path).getroot()
    info = root.find(f"{CSL}info")
    assert info is not None
    translators = [t.findtext(f"{CSL}name") for t in info.findall(f"{CSL}translator")]
    rights = info.find(f"{CSL}rights")
    terms: dict[str, object] = {}
    for key, (name, form) in TERMS.items():
        term = _find(root, name, form)
        if term is None:
            raise SystemExit(f"{path.name}: no term {name!r} form {form!r}")
        terms[key] = _value(term)
    for month in range(1, 13):
        term = _find(root, f"month-{month:02d}", None)
        assert term is not None
        terms[f"month_{month:02d}"] = term.text or ""
    if language == "en":
        terms.update(CHICAGO_ENGLISH)
    # the typography module sets a narrow no-break space inside guillemets; notes do the same
    for key in ("open_quote", "close_quote"):
        terms[key] = str(terms[key]).replace("\u00a0", NARROW_NBSP)
    edition = _find(root, "edition", None)
    gender = edition.get("gender") if edition is not None else None
    ordinals = []
    for term in root.iter(f"{CSL}term"):
        name = term.get("name") or ""
        if name == "ordinal" or (name.startswith("ordinal-") and name[8:].isdigit()):
            if term.get("gender-form") not in (None, gender):
                continue
            number = int(name[8:]) if name != "ordinal" else None
            match = term.get("match") or ("last-digit" if (number or 0) < 10 else
                                          "last-two-digits")  # fmt: skip
            ordinals.append({"number": number, "match": match, "suffix": term.text or ""})
    style = root.find(f"{CSL}style-options")
    text_date = next(d for d in root.iter(f"{CSL}date") if d.get("form") == "text")
    date_parts = [
        {"name": p.get("name"), "form": p.get("form"), "suffix": p.get("suffix", "")}
        for p in text_date.iter(f"{CSL}date-part")
    ]
    return {
        "source": path.name,
        "translators": translators,
        "rights": rights.text if rights is not None else None,
        "license": rights.get("license") if rights is not None else None,
        "punctuation_in_quote": style is not None and style.get("punctuation-in-quote") == "true",
        "date_parts": date_parts,
        "ordinals": ordinals,
        "terms": terms,
        "sitrep_terms": SITREP_TERMS[language],
    }


def main() -> None:
    folder = Path(sys.argv[1])
    commit = sys.argv[2] if len(sys.argv) > 2 else None
    data = {
        "about": (
            "Citation terms extracted from the Citation Style Language locale files "
            "(https://github.com/citation-style-language/locales), by the CSL project, "
            "https://citationstyles.org/. Licensed under Creative Commons "
            "Attribution-ShareAlike 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); "
            "this extract is shared under the same licence. 'sitrep_terms' are sitrep's own "
            "words for terms no CSL locale has. Made by scripts/extract_csl_terms.py."
        ),
        "commit": commit,
        "locales": {
            language: extract(folder / f"locales-{tag}.xml", language)
            for language, tag in LOCALES.items()
        },
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
