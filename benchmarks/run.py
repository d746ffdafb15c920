"""Benchmark sitrep against pandoc and against WeasyPrint alone, side by side in one run.

    .venv/bin/python benchmarks/run.py            # full run (about 3 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, pandoc batch extrapolated

Prints medians and ratios with the targets from issue 7. Machines here are shared and noisy, so
every comparison is measured in the same run, alternating the two sides.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "north-korea-russia-summit" / "brief.yaml"
SITREP = [str(Path(sys.executable).with_name("sitrep"))]
# pandoc runs the `weasyprint` command, which lives beside this Python in the virtual env.
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


@dataclass
class Row:
    name: str
    ours: float
    theirs: float | None
    target: str
    passed: bool | None

    def show(self) -> str:
        their = f"{self.theirs * 1000:9.1f}" if self.theirs is not None else " " * 9
        ratio = f"{self.ours / self.theirs:6.2f}" if self.theirs else " " * 6
        verdict = {True: "ok", False: "MISSED", None: ""}[self.passed]
        return f"{self.name:44} {self.ours * 1000:9.1f} {their} {ratio}  {self.target:18} {verdict}"


def run(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    return time.perf_counter() - started


def alternate(a: Callable[[], float], b: Callable[[], float], repeats: int) -> tuple[float, float]:
    """Median seconds of a and b, measured turn about so that load hits both alike."""
    first, second = [], []
    for _ in range(repeats):
        first.append(a())
        second.append(b())
    return statistics.median(first), statistics.median(second)


def timed(action: Callable[[], Any]) -> Callable[[], float]:
    def measure() -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    return measure


def scaled_brief(folder: Path, factor: int, cjk: bool = False) -> Path:
    """The example brief as it is, with its events (and their citations) repeated `factor`
    times, or with every event and the title in Korean and Chinese."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["what"] = list(data.get("what", [])) * factor
    if cjk:
        korean = "김정은 위원장은 평양에서 전용 열차를 타고 러시아로 출발했다. "
        chinese = "朝鲜领导人金正恩乘坐专列离开平壤前往俄罗斯。"

        def translate(event: dict[str, Any]) -> dict[str, Any]:
            notes = re.findall(r"\[@[^\]]*\]|\^\[[^\]]*\]", event["text"])
            return {**event, "text": korean + chinese + " ".join(notes)}

        data["what"] = [
            {**item, "events": [translate(e) for e in item["events"]]}
            if "events" in item
            else translate(item)
            for item in data["what"]
        ]
        data["title"] = "북한-러시아 정상회담 정보 브리핑 朝俄峰会"
    path = folder / f"brief-x{factor}{'-cjk' if cjk else ''}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for asset in EXAMPLE.parent.iterdir():
        if asset.suffix != ".yaml" and not (folder / asset.name).exists():
            shutil.copy(asset, folder / asset.name)
    return path


def peak_memory_mb(brief: Path, out: Path) -> float:
    code = (
        "import resource, sitrep; "
        f"sitrep.render(sitrep.load({str(brief)!r}), {str(out)!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip()) / 1024


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import sitrep; print(time.perf_counter() - t)"
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(7)
    ]
    return statistics.median(samples)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    found = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": str(os.cpu_count()),
    }
    for name in ("sitrep-briefs", "weasyprint", "docxtpl", "pydantic"):
        found[name] = version(name)
    pandoc = shutil.which("pandoc")
    if pandoc:
        found["pandoc"] = subprocess.run(
            [pandoc, "--version"], capture_output=True, text=True
        ).stdout.split("\n", 1)[0]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed (apt-get install pandoc)", file=sys.stderr)
        return 1

    import sitrep
    from sitrep.resolve import resolve
    from sitrep.writers.html import render_html
    from sitrep.writers.options import RenderOptions

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as temp:
        work = Path(temp)
        brief_path = scaled_brief(work, 1)
        markdown = work / "brief.md"
        subprocess.run([*SITREP, "render", "-q", str(brief_path), "-o", str(markdown)], check=True)

        # 1. A new process per render, PDF and DOCX, against pandoc on the same content.
        ours, theirs = alternate(
            lambda: run([*SITREP, "render", "-q", str(brief_path), "-o", str(work / "a.pdf")]),
            lambda: run(
                [pandoc, str(markdown), "-o", str(work / "b.pdf"), "--pdf-engine=weasyprint"],
                cwd=work,
            ),
            repeats,
        )
        rows.append(
            Row("new process, PDF vs pandoc", ours, theirs, "<= 0.9x pandoc", ours <= 0.9 * theirs)
        )
        # A draft: its watermark's outlines are made (once) in the main process.
        draft_path = work / "draft.yaml"
        draft_path.write_text(
            brief_path.read_text(encoding="utf-8") + '\nstatus: draft\nversion: "0.3"\n',
            encoding="utf-8",
        )
        ours, theirs = alternate(
            lambda: run([*SITREP, "render", "-q", str(draft_path), "-o", str(work / "d.pdf")]),
            lambda: run([*SITREP, "render", "-q", str(brief_path), "-o", str(work / "a.pdf")]),
            repeats,
        )
        rows.append(
            Row("new process, draft PDF vs final", ours, theirs, "<= 1.1x", ours <= 1.1 * theirs)
        )
        ours, theirs = alternate(
            lambda: run([*SITREP, "render", "-q", str(brief_path), "-o", str(work / "a.docx")]),
            lambda: run([pandoc, str(markdown), "-o", str(work / "b.docx")]),
            repeats,
        )
        rows.append(
            Row("new process, DOCX vs pandoc", ours, theirs, "<= 3x pandoc", ours <= 3 * theirs)
        )

        # 2. Warm re-render in this process, against WeasyPrint alone on the same final HTML.
        import weasyprint

        from sitrep.writers.pdf.engine import font_config

        brief = sitrep.load(brief_path)
        html = render_html(resolve(brief), RenderOptions(), print_layout=True)
        fonts = font_config()
        sitrep.render(brief, "pdf")  # warm caches on both sides
        weasyprint.HTML(string=html, base_url=str(work)).write_pdf(font_config=fonts)
        warm = 5 * repeats
        ours, theirs = alternate(
            timed(lambda: sitrep.render(sitrep.load(brief_path), "pdf")),
            timed(
                lambda: weasyprint.HTML(string=html, base_url=str(work)).write_pdf(
                    font_config=fonts
                )
            ),
            warm,
        )
        rows.append(
            Row(
                "warm PDF re-render vs WeasyPrint alone",
                ours,
                theirs,
                "<= 1.15x WeasyPrint",
                ours <= 1.15 * theirs,
            )
        )
        sitrep.render(brief, "docx")
        docx = statistics.median(
            timed(lambda: sitrep.render(sitrep.load(brief_path), "docx"))() for _ in range(warm)
        )
        rows.append(Row("warm DOCX re-render", docx, None, "< 25 ms", docx < 0.025))

        # 3. Scale: ten times the events and citations; a Korean/Chinese brief.
        big = scaled_brief(work, 10)
        cjk = scaled_brief(work, 1, cjk=True)
        sitrep.render(sitrep.load(big), "pdf")
        sitrep.render(sitrep.load(cjk), "pdf")
        one, ten = alternate(
            timed(lambda: sitrep.render(sitrep.load(brief_path), "pdf")),
            timed(lambda: sitrep.render(sitrep.load(big), "pdf")),
            repeats,
        )
        rows.append(
            Row("10x events and citations vs 1x (PDF)", ten, one, "<= 12x", ten <= 12 * one)
        )
        latin, korean = alternate(
            timed(lambda: sitrep.render(sitrep.load(brief_path), "pdf")),
            timed(lambda: sitrep.render(sitrep.load(cjk), "pdf")),
            repeats,
        )
        rows.append(
            Row("CJK brief vs Latin brief (PDF)", korean, latin, "<= 2x", korean <= 2 * latin)
        )

        # 4. A batch of 100 briefs: one sitrep command on all cores, against pandoc per file.
        batch = work / "batch"
        batch.mkdir()
        for index in range(100):
            shutil.copy(brief_path, batch / f"brief-{index:03d}.yaml")
            shutil.copy(markdown, batch / f"brief-{index:03d}.md")
        for asset in EXAMPLE.parent.iterdir():
            if asset.suffix != ".yaml":
                shutil.copy(asset, batch / asset.name)
        yamls = sorted(str(p) for p in batch.glob("brief-*.yaml"))
        parallel = run([*SITREP, "render", "-q", *yamls, "-o", str(work / "out-par"), "-f", "pdf"])
        serial = run(
            [*SITREP, "render", "-q", "-j", "1", *yamls, "-o", str(work / "out-ser"), "-f", "pdf"]
        )
        mds = sorted(batch.glob("brief-*.md"))
        sample = mds[:10] if args.quick else mds
        pandoc_time = sum(
            run(
                [pandoc, str(md), "-o", str(md.with_suffix(".pdf")), "--pdf-engine=weasyprint"],
                cwd=batch,
            )
            for md in sample
        )
        pandoc_time *= len(mds) / len(sample)
        rows.append(
            Row(
                "100 briefs to PDF vs pandoc per file",
                parallel,
                pandoc_time,
                "<= 0.1x pandoc",
                parallel <= 0.1 * pandoc_time,
            )
        )
        rows.append(
            Row(
                f"100 briefs, -j 1 vs all {os.cpu_count()} cores",
                serial,
                parallel,
                ">= 1.7x speed-up",
                serial >= 1.7 * parallel,
            )
        )

        # 5. Start-up and memory.
        started = import_time()
        rows.append(Row("import sitrep", started, None, "< 100 ms", started < 0.1))
        memory = peak_memory_mb(big, work / "big.pdf")

    print(f"{'measure':44} {'sitrep ms':>9} {'other ms':>9} {'ratio':>6}  {'target':18}")
    for row in rows:
        print(row.show())
    print(
        f"{'peak memory, 10x brief to PDF':44} {memory:8.0f}M {'':9} {'':6}  {'< 300 MB':18} "
        f"{'ok' if memory < 300 else 'MISSED'}"
    )
    info = versions()
    print("versions:", ", ".join(f"{k} {v}" for k, v in info.items()))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "rows": [row.__dict__ for row in rows],
                    "peak_memory_mb": memory,
                    "versions": info,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0 if all(row.passed is not False for row in rows) and memory < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
