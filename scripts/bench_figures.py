"""Print the cold and the warm time of drawing every figure (2 languages × 2 themes).

Cold: a fresh interpreter and an empty output folder (data computed, 48 SVGs drawn, facts
written). Warm: the same command again, with nothing changed, so nothing is drawn.
Targets on the project's 2-core machine: cold ≤ 10 s, warm ≤ 0.3 s. Printed, not asserted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "build_figures.py"


def timed_run(out: Path) -> float:
    """Seconds for one ``build_figures.py --out OUT`` in a fresh interpreter."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True)
    return time.perf_counter() - start


def main() -> int:
    """Run cold, then warm, and print both."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold = timed_run(out)
        warm = timed_run(out)
        count = len(list(out.glob("*.svg")))
    print(f"cold: {cold:.2f} s ({count} SVG files + facts.json)   target <= 10 s")
    print(f"warm: {warm:.3f} s (nothing drawn)                   target <= 0.3 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
