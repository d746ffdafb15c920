"""Reading a gettext catalog (.po) into translations: the compiled .mo when it was compiled from
this very .po, else the .po checked and compiled in memory.

Apart from the Labels API because it is file format work: a strict line check (Babel's reader
would guess at a broken line silently), placeholder checks naming the file and line, and a .mo
writer that stays linear on a huge catalog from a stranger.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.errors import RenderError
from sitrep.labels.placeholders import placeholder_problem

if TYPE_CHECKING:
    from gettext import NullTranslations
    from io import BytesIO

    from babel.messages.catalog import Catalog

__all__ = ["compile_po", "mo_bytes", "translations_file"]

_SOURCE = ("sitrep:source", "sha256")
"""The message in which hatch_build.py records the digest of the .po a .mo was compiled from."""


def translations_file(path: Path) -> NullTranslations:
    """A catalog as gettext translations: the compiled .mo next to the .po when it was compiled
    from this very .po, else the .po compiled in memory (an edited checkout, a house style)."""
    import gettext
    import hashlib

    compiled = path.with_suffix(".mo")
    if compiled.is_file():
        with compiled.open("rb") as mo:
            translations = gettext.GNUTranslations(mo)
        if translations.pgettext(*_SOURCE) == hashlib.sha256(path.read_bytes()).hexdigest():
            return translations
    return gettext.GNUTranslations(compile_po(path))


_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)


def _check_po_syntax(text: str) -> None:
    """ValueError naming the first line that is neither blank, a comment nor a keyword with one
    well-quoted string: Babel's reader would otherwise guess at such a line silently."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _PO_LINE.fullmatch(stripped) is None:
            raise ValueError(f"line {number}: expected a keyword and a quoted string, got {line!r}")


_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""What str.splitlines() breaks a line at."""


def _msgstr_line(source: bytes, entry: int | None, within: tuple[str, ...] = ()) -> int:
    """The line of an entry's translation (Babel gives the entry's first line): the `msgstr`
    line, or the first line of it holding one of `within`."""
    lines = source.decode("utf-8").splitlines()
    entry = entry or 1
    start = next(
        (n for n in range(entry - 1, len(lines)) if lines[n].lstrip().startswith("msgstr")),
        entry - 1,
    )
    for number in range(start, len(lines)):
        text = lines[number].strip()
        if number > start and not text.startswith('"'):
            break
        if any(mark in text for mark in within):
            return number + 1
    return start + 1


def compile_po(path: Path) -> BytesIO:
    """The .po file compiled to .mo bytes; a broken file or a placeholder the English text does
    not have is an error naming the file, the line and the message."""
    from io import BytesIO

    from babel.messages.pofile import PoFileError, read_po

    try:
        source = path.read_bytes()
        _check_po_syntax(source.decode("utf-8"))
        catalog = read_po(BytesIO(source), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, OSError, ValueError) as error:
        raise RenderError(f"{path}: not a readable gettext catalog ({error})") from None
    for message in catalog:
        if not message.id or not isinstance(message.string, str) or not message.string:
            continue
        problem = placeholder_problem(str(message.id), message.string)
        if problem is not None:
            raise RenderError(
                f"{path}:{_msgstr_line(source, message.lineno)}: the translation of "
                f"{message.context!r} "
                f"{problem}, as in {message.id!r}"
            )
        if any(char in message.string for char in _LINE_BREAKS):
            # a label is printed in one line of a heading, a table header or a Markdown line,
            # where a line break would split it (and in Markdown end the heading)
            line = _msgstr_line(source, message.lineno, ("\\n", "\\r"))
            raise RenderError(
                f"{path}:{line}: the translation of {message.context!r} has a line "
                "break (expected the label on one line)"
            )
    return BytesIO(mo_bytes(catalog))


def mo_bytes(catalog: Catalog) -> bytes:
    """The catalog as .mo bytes, as Babel's write_mo makes them but in linear time: write_mo
    grows two bytes objects with `+=`, which takes minutes for a catalog of 200,000 messages."""
    import array
    import struct

    charset = catalog.charset
    messages = list(catalog)
    messages[1:] = [m for m in messages[1:] if m.string and not m.fuzzy]
    messages.sort()
    ids: list[bytes] = []
    strs: list[bytes] = []
    offsets: list[tuple[int, int, int, int]] = []
    ids_size = strs_size = 0
    for message in messages:
        if message.pluralizable:
            msgid = b"\x00".join(part.encode(charset) for part in message.id)
            strings = [
                string or message.id[min(index, 1)]
                for index, string in enumerate(message.string or ())
            ]
            msgstr = b"\x00".join(string.encode(charset) for string in strings)
        else:
            msgid = str(message.id).encode(charset)
            msgstr = str(message.string).encode(charset)
        if message.context:
            msgid = message.context.encode(charset) + b"\x04" + msgid
        offsets.append((ids_size, len(msgid), strs_size, len(msgstr)))
        ids.append(msgid + b"\x00")
        strs.append(msgstr + b"\x00")
        ids_size += len(msgid) + 1
        strs_size += len(msgstr) + 1
    key_start = 7 * 4 + 16 * len(messages)
    value_start = key_start + ids_size
    table: list[int] = []
    for id_offset, id_length, _, _ in offsets:
        table += [id_length, id_offset + key_start]
    for _, _, str_offset, str_length in offsets:
        table += [str_length, str_offset + value_start]
    header = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(messages), 7 * 4, 7 * 4 + len(messages) * 8, 0, 0
    )
    return b"".join([header, array.array("i", table).tobytes(), *ids, *strs])
