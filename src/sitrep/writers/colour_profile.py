"""An ICC colour profile with its free text blanked: the colours it gives stay exactly the same.

A figure keeps its colour profile (its colours depend on it), but a profile's description,
copyright, device and viewing-condition texts are free text: a profile made by calibrating a
monitor can name the monitor, its owner and when. Those texts are overwritten with spaces in
place, so every offset and length in the profile stays valid; the profile ID (an MD5 of the
profile) is zeroed, which the ICC specification reads as "not computed".
"""

from __future__ import annotations

import struct

__all__ = ["blank_profile_text"]

_TEXT_TAGS = frozenset((b"desc", b"cprt", b"dmnd", b"dmdd", b"vued", b"scrd", b"targ"))
"""Tags whose content is text only: description, copyright, device maker and model, viewing
conditions, screening, characterization target."""
_HEADER = 128
_PROFILE_ID = slice(84, 100)


def blank_profile_text(profile: bytes) -> bytes:
    """`profile` with the text of every text tag replaced by spaces; unchanged if it is not a
    profile this can read."""
    if len(profile) < _HEADER + 4 or profile[36:40] != b"acsp":
        return profile
    data = bytearray(profile)
    (count,) = struct.unpack_from(">I", data, _HEADER)
    if _HEADER + 4 + 12 * count > len(data):
        return profile
    for index in range(count):
        signature, offset, size = struct.unpack_from(">4sII", data, _HEADER + 4 + 12 * index)
        if signature in _TEXT_TAGS and size >= 12 and offset + size <= len(data):
            try:
                _blank_tag(data, offset, offset + size)
            except struct.error:  # a text tag that lies about its lengths: empty it all
                data[offset + 8 : offset + size] = bytes(size - 8)
    data[_PROFILE_ID] = bytes(16)
    return bytes(data)


def _blank_tag(data: bytearray, start: int, end: int) -> None:
    kind = bytes(data[start : start + 4])
    if kind == b"text":  # ASCII up to the end
        _spaces(data, start + 8, end, 1)
    elif kind == b"desc":  # ICC v2: ASCII, then Unicode, then Macintosh script code
        (ascii_count,) = struct.unpack_from(">I", data, start + 8)
        ascii_end = min(start + 12 + ascii_count, end)
        _spaces(data, start + 12, ascii_end, 1)
        if ascii_end + 8 <= end:
            (unicode_count,) = struct.unpack_from(">I", data, ascii_end + 4)
            unicode_end = min(ascii_end + 8 + 2 * unicode_count, end)
            _spaces(data, ascii_end + 8, unicode_end, 2)
            if unicode_end + 3 <= end:
                script_count = data[unicode_end + 2]
                _spaces(data, unicode_end + 3, min(unicode_end + 3 + script_count, end), 1)
    elif kind == b"mluc":  # ICC v4: records of UTF-16 strings
        records, record_size = struct.unpack_from(">II", data, start + 8)
        record_size = max(record_size, 12)
        for record in range(min(records, (end - start - 16) // record_size)):
            at = start + 16 + record * record_size
            if at + 12 > end:
                break
            length, offset = struct.unpack_from(">II", data, at + 4)
            _spaces(data, start + offset, min(start + offset + length, end), 2)


def _spaces(data: bytearray, start: int, end: int, width: int) -> None:
    """Every non-NUL character in data[start:end] (of `width` bytes) becomes a space."""
    space = b" " if width == 1 else b"\x00 "
    for at in range(start, end - width + 1, width):
        if any(data[at : at + width]):
            data[at : at + width] = space
