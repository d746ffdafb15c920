"""Warm PDF render time of this checkout against another sitrep install, turn about.

    .venv/bin/python benchmarks/warm_ab.py --other /path/to/old/.venv/bin/python BRIEF...

"Within 5 % of today's warm time" compares two versions of sitrep, which cannot share one
process. So each round starts one process per version, in turn: it loads and renders the brief
three times to warm every cache, then times seven more renders (load, resolve, layout, PDF) and
prints their median. The rounds alternate the two versions so that a busy machine slows both
alike; the result is the median of the rounds for each, and their ratio. Give briefs that both
versions read (the older version's own examples).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import statistics, sys, time
import sitrep
path = sys.argv[1]
for _ in range(3):
    sitrep.render(sitrep.load(path), "pdf")
samples = []
for _ in range(7):
    started = time.perf_counter()
    sitrep.render(sitrep.load(path), "pdf")
    samples.append(time.perf_counter() - started)
print(statistics.median(samples))
"""


def warm_median(python: str, brief: Path) -> float:
    result = subprocess.run(
        [python, "-c", CHILD, str(brief)], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("briefs", nargs="+", type=Path, help="briefs both versions can read")
    parser.add_argument("--other", required=True, help="the Python of the other sitrep install")
    parser.add_argument("--rounds", type=int, default=9, help="processes per version and brief")
    args = parser.parse_args()
    print(f"{'brief':36} {'this ms':>9} {'other ms':>9} {'ratio':>6}")
    for brief in args.briefs:
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.rounds):
            ours.append(warm_median(sys.executable, brief))
            theirs.append(warm_median(args.other, brief))
        this, other = statistics.median(ours), statistics.median(theirs)
        name = f"{brief.parent.name}/{brief.name}"
        print(f"{name:36} {this * 1000:9.1f} {other * 1000:9.1f} {this / other:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
