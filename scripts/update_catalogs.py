"""Bring sitrep's label catalogs (src/sitrep/locale/<lang>.po) in line with sitrep.labels.

A key added to `ENGLISH` gets an untranslated entry in each catalog (tests/test_labels.py then
names it until it is translated); a translation whose English text changed is marked fuzzy; a
key that no longer exists is dropped (sitrep.catalogs).

    python scripts/update_catalogs.py          # rewrite the catalogs
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is out of date
"""

from __future__ import annotations

import argparse
import sys

from sitrep.catalogs import catalog_source
from sitrep.labels import LOCALE_DIR


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a catalog is stale")
    args = parser.parse_args()
    stale = []
    for path in sorted(LOCALE_DIR.glob("*.po")):
        content = catalog_source(path.stem, path.read_bytes())
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
