"""Print the site's build timings, for the reader's author: cold, plain, edit, serve reload.

What it measures (on whatever machine runs it; the targets assume 2 cores):

* **cold build**: ``generated/`` removed first (figures, facts, executed notebooks, the
  notebooks' HTML and the English site), so everything is made again;
* **plain build**: everything generated is current, both languages are built (the English
  site's reuse is turned off by removing its fingerprint);
* **unchanged build**: the same again, with the English site reused as it is unchanged;
* **one-line edit rebuild**: one line of prose added to an English page (and removed
  again afterwards): both languages are built, nothing generated is remade;
* **serve reload**: ``mkdocs serve`` running, the time from saving a page (one Chinese, one
  English) to the server answering with the new text, when a reader's browser reloads.

Targets: cold <= 2 x plain; one-line edit rebuild <= plain; serve reload <= 2 s.
It prints figures and exits 0: timings on a shared machine are too noisy to gate on;
``--runs N`` repeats the cold, plain and edited builds (in turn) and each serve reload,
and prints the medians.

    python scripts/bench_site.py [--runs N] [--skip-serve | --skip-builds]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from local_site import free_port, get_text

from neuron_demo.site import english_project

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
ENGLISH_FINGERPRINT = ROOT / english_project.FINGERPRINT  # removed: the English site is rebuilt
PAGES = {
    "zh": ROOT / "docs" / "story" / "slowdown.md",
    "en": ROOT / "docs" / "en" / "story" / "slowdown.md",
}
URLS = {"zh": "story/slowdown/", "en": "en/story/slowdown/"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(site_dir: Path) -> float:
    """Run ``mkdocs build --strict`` into ``site_dir`` and return its wall time in seconds."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("mkdocs build failed:\n" + (result.stdout + result.stderr)[-4000:])
    return elapsed


class Edit:
    """One line of prose appended to a page, with a marker to look for; undone on exit."""

    def __init__(self, page: Path) -> None:
        self.page, self.original = page, page.read_bytes()
        self.marker = f"bench-{time.time_ns()}"

    def __enter__(self) -> str:
        self.page.write_bytes(self.original + f"\n\nOne more line, {self.marker}.\n".encode())
        return self.marker

    def __exit__(self, *exc: object) -> None:
        self.page.write_bytes(self.original)


def serve_reloads(runs: int) -> dict[str, list[float]]:
    """Seconds from saving a page to ``mkdocs serve`` answering with it, ``runs`` times per
    language (a page requested while the site is being rebuilt is answered once it is built,
    as a reader's browser, told by the server to reload, gets it)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/loss-and-learning/"
    times: dict[str, list[float]] = {lang: [] for lang in PAGES}
    try:
        deadline = time.monotonic() + 300
        while "</html>" not in get_text(base + URLS["en"]):
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("mkdocs serve did not come up")
            time.sleep(0.2)
        time.sleep(2)  # let the file watcher settle
        for _ in range(runs):
            for lang, page in PAGES.items():
                with Edit(page) as marker:
                    saved = time.perf_counter()
                    while marker not in get_text(base + URLS[lang]):
                        time.sleep(0.02)
                    times[lang].append(time.perf_counter() - saved)
                time.sleep(3)  # the rebuild for the restored page
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="builds and reloads, N each")
    parser.add_argument("--skip-serve", action="store_true", help="no serve reload timing")
    parser.add_argument("--skip-builds", action="store_true", help="serve reload timing only")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: must be at least 1")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.skip_builds:
        builds(args.runs)
    if not args.skip_serve:
        for lang, seconds in serve_reloads(args.runs).items():
            label = f"serve reload ({lang} page)"
            median = statistics.median(seconds)
            each = ", ".join(f"{s:.1f}" for s in seconds)
            print(f"{label:<26}{median:7.1f} s   {mark(median <= 2)} target <= 2 s   ({each})")


def builds(runs: int) -> None:
    """Print the cold, plain, one-line-edit and unchanged builds' times: each run builds
    cold, plain and edited in turn, so that the machine's load weighs on all three alike;
    the medians of ``runs`` are compared."""
    times: dict[str, list[float]] = {"cold": [], "plain": [], "edit": []}
    with tempfile.TemporaryDirectory(prefix="ll-bench-") as tmp:
        site = Path(tmp) / "site"
        for run in range(1, runs + 1):
            shutil.rmtree(GENERATED, ignore_errors=True)
            times["cold"].append(build(site))
            ENGLISH_FINGERPRINT.unlink(missing_ok=True)
            times["plain"].append(build(site))
            with Edit(PAGES["en"]):
                times["edit"].append(build(site))
            if runs > 1:
                print(f"run {run}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()))
        build(site)  # back to the unedited page
        unchanged = build(site)
    cold, plain, edit = (statistics.median(times[k]) for k in ("cold", "plain", "edit"))
    print(f"{'cold build':<26}{cold:7.1f} s   {mark(cold <= 2 * plain)} target <= 2 x plain")
    print(f"{'plain build':<26}{plain:7.1f} s   (cold / plain = {cold / plain:.2f})")
    print(f"{'unchanged build':<26}{unchanged:7.1f} s   (the English site reused)")
    print(f"{'one-line edit rebuild':<26}{edit:7.1f} s   {mark(edit <= plain)} target <= plain")


if __name__ == "__main__":
    main()
