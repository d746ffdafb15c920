"""Import WeasyPrint without one `ldconfig` subprocess per native library name it tries.

WeasyPrint (through cffi) looks up each of Pango, GObject, HarfBuzz and fontconfig under several
names, and every miss runs `ctypes.util.find_library`, which starts `/sbin/ldconfig -p` again:
about 22 subprocesses, a third of a second on every new process. During the import we answer
from one cached `ldconfig -p` listing with the same rule the standard library uses on Linux, and
put the standard function back afterwards.
"""

from __future__ import annotations

import ctypes.util
import importlib
import os
import re
import struct
import subprocess
import sys
from functools import lru_cache
from types import ModuleType

__all__ = ["find_library_cached", "import_weasyprint"]

_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


@lru_cache(maxsize=1)
def _ldconfig_listing() -> bytes:
    try:
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            check=False,
            env={"LC_ALL": "C", "LANG": "C"},
        ).stdout
    except OSError:
        return b""


def find_library_cached(name: str) -> str | None:
    """`ctypes.util.find_library` as it behaves on Linux, from one cached ldconfig listing."""
    machine = f"{os.uname().machine}-{struct.calcsize('l') * 8}"
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({_ABI.get(machine, 'libc6')}"
    match = re.search(os.fsencode(pattern), _ldconfig_listing())
    return os.fsdecode(match.group(1)) if match else None


def import_weasyprint() -> ModuleType:
    """Import and return the weasyprint module, quickly where that is safe."""
    loaded: ModuleType | None = sys.modules.get("weasyprint")
    if loaded is not None:
        return loaded
    usable = (
        sys.platform.startswith("linux")
        and not os.environ.get("LD_LIBRARY_PATH")
        and _ldconfig_listing()
    )
    original = ctypes.util.find_library
    if usable:
        ctypes.util.find_library = find_library_cached
    try:
        module = importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = original
    return module
