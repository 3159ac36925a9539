"""Print the cold and the warm time of drawing every figure (2 languages × 2 themes).

Cold: a fresh interpreter and an empty output folder (data computed, every SVG drawn, facts
written; notebooks left out). Warm: the same command again, with nothing changed, so
nothing is drawn.
Targets on the project's 2-core machine: cold ≤ 10 s, warm ≤ 0.3 s. Printed, not asserted.

Wall times on a shared machine move with its load, so each is measured ``--repeat`` times
and the median is printed, with the load average and the CPU seconds of the runs (which
the load barely moves), and the SVG sizes.

    python scripts/bench_figures.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "generate.py"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``generate.py --out OUT --no-notebooks`` in a
    fresh interpreter."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--no-notebooks"], check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def one_round() -> tuple[float, float, float, list[int]]:
    """(cold wall, cold CPU, warm wall, SVG sizes in bytes) in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold, cpu = timed_run(out)
        warm, _ = timed_run(out)
        sizes = sorted(path.stat().st_size for path in out.glob("figures/*.svg"))
    return cold, cpu, warm, sizes


def main(argv: list[str] | None = None) -> int:
    """Run cold, then warm, ``--repeat`` times and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds to take the median of")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be an integer >= 1, got {args.repeat}")
    load = os.getloadavg()[0]
    rounds = [one_round() for _ in range(args.repeat)]
    colds, cpus, warms, sizes = zip(*rounds, strict=True)
    cold, cpu, warm = (statistics.median(values) for values in (colds, cpus, warms))
    svgs = sizes[-1]
    print(f"load average before: {load:.1f} on {os.cpu_count()} cores; median of {args.repeat}")
    print(
        f"cold: {cold:.2f} s (CPU {cpu:.1f} s; {len(svgs)} SVG files + facts.json)   target <= 10 s"
    )
    print(f"warm: {warm:.3f} s (nothing drawn)   target <= 0.3 s")
    print(
        f"SVG sizes: total {sum(svgs) / 1024:.0f} KB, largest {svgs[-1] / 1024:.0f} KB, "
        f"median {statistics.median(svgs) / 1024:.0f} KB"
    )
    print("all cold runs: " + ", ".join(f"{value:.1f}" for value in colds) + " s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
