"""Script coverage: warn, naming the script and the package to install, instead of empty boxes.

WeasyPrint (through Pango and fontconfig) falls back glyph by glyph to any installed font, so a
script renders as long as *some* font covers it. When none does, the PDF silently shows empty
boxes while its text layer still looks right. `check_scripts` finds the non-Latin scripts in the
text, asks fontconfig (`fc-list :charset=...`) once per script and process whether any font covers
a sample character, and warns when none does. Latin-only text never starts a subprocess.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["SCRIPTS", "Script", "check_scripts", "font_covers", "fontconfig", "scripts_in"]


@dataclass(frozen=True, slots=True)
class Script:
    name: str
    ranges: tuple[tuple[int, int], ...]
    sample: str
    package: str


SCRIPTS: tuple[Script, ...] = (
    Script("Greek", ((0x0370, 0x03FF), (0x1F00, 0x1FFF)), "\u03a9", "fonts-dejavu-core"),
    Script("Cyrillic", ((0x0400, 0x052F),), "\u0416", "fonts-dejavu-core"),
    Script("Armenian", ((0x0530, 0x058F),), "\u0531", "fonts-noto-core"),
    Script("Hebrew", ((0x0590, 0x05FF),), "\u05d0", "fonts-noto-core"),
    Script(
        "Arabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF)),
        "\u0627",
        "fonts-noto-core",
    ),
    Script("Devanagari", ((0x0900, 0x097F),), "\u0915", "fonts-noto-core"),
    Script("Bengali", ((0x0980, 0x09FF),), "\u0995", "fonts-noto-core"),
    Script("Tamil", ((0x0B80, 0x0BFF),), "\u0b95", "fonts-noto-core"),
    Script("Thai", ((0x0E00, 0x0E7F),), "\u0e01", "fonts-thai-tlwg"),
    Script("Georgian", ((0x10A0, 0x10FF),), "\u10d0", "fonts-noto-core"),
    Script(
        "Hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)), "\uac00", "fonts-noto-cjk"
    ),
    Script("Ethiopic", ((0x1200, 0x137F),), "\u1200", "fonts-noto-core"),
    Script("Khmer", ((0x1780, 0x17FF),), "\u1780", "fonts-noto-core"),
    Script("Japanese kana", ((0x3040, 0x30FF),), "\u3042", "fonts-noto-cjk"),
    Script(
        "Han (CJK ideographs)",
        ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
        "\u4e00",
        "fonts-noto-cjk",
    ),
)

# Latin, IPA, spacing modifiers and combining marks: covered by every default font.
_FIRST_NON_LATIN = 0x0370


def scripts_in(text: str) -> list[Script]:
    """The scripts from SCRIPTS that occur in `text`, in table order."""
    high = {ord(char) for char in set(text) if ord(char) >= _FIRST_NON_LATIN}
    if not high:
        return []
    return [
        script
        for script in SCRIPTS
        if any(lo <= code <= hi for code in high for lo, hi in script.ranges)
    ]


def fontconfig(tool: str, *arguments: str) -> str | None:
    """What a fontconfig tool (fc-list, fc-match) prints; None if it cannot be run or fails."""
    path = shutil.which(tool)
    if path is None:
        return None
    try:
        result = subprocess.run(
            [path, *arguments], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@lru_cache(maxsize=64)
def font_covers(char: str) -> bool | None:
    """Whether any installed font has a glyph for `char`; None if fontconfig cannot be asked."""
    if shutil.which("fc-list") is None:
        return None
    found = fontconfig("fc-list", f":charset={ord(char):x}", "family")
    return found is not None and bool(found.strip())


def check_scripts(text: str, warn: Callable[[str], None]) -> list[Script]:
    """Warn for every script in `text` that no installed font covers; return those scripts."""
    missing: list[Script] = []
    for script in scripts_in(text):
        covered = font_covers(script.sample)
        if covered is None:
            warn(
                f"cannot check whether a font covers {script.name} (fontconfig's fc-list is not "
                "available; install it: apt-get install fontconfig)"
            )
            break
        if not covered:
            missing.append(script)
            warn(
                f"no font covers {script.name}: its characters would print as empty boxes; "
                f"install one: apt-get install {script.package}"
            )
    return missing
