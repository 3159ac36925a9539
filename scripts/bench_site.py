"""Print the site's page weights and build timings against the project's targets.

What it measures (on whatever machine runs it; the targets assume 2 cores):

* **cold full build**: ``generated/`` (figures, facts, executed notebooks)
  removed first, so every figure is drawn and every notebook executed;
* **plain build**: ``LL_PLAIN=1``, no figure drawing, no notebook execution;
* **one-line edit rebuild**: after the cold build, one line of prose added to
  a page (and removed again afterwards); nothing should be redrawn or re-run;
* **page weights**: each page's HTML bytes, and the bytes a browser with an
  empty cache downloads to show it (HTML, CSS, JavaScript, fonts, images,
  the search index), measured by Debian's chromium through Playwright
  against the cold build served on 127.0.0.1.

Targets: notebook page <= 150 KB of HTML; no page above ~1.5 MB with all its
assets; cold full build <= 2x plain; one-line-edit rebuild <= plain.

It prints figures and exits 0: timings on a shared machine are too noisy to
gate on; ``--runs N`` repeats the full and plain builds (alternating) and
judges the median ratio. Usage:
``python scripts/bench_site.py [--runs N] [--skip-cold] [--skip-weights]``.
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

from local_site import CHROMIUM_ARGS, find_browser, serve

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
EDITED_PAGE = ROOT / "docs" / "story" / "slowdown.en.md"
EDIT_LINE = "\nOne more line of prose, added by scripts/bench_site.py.\n"
NOTEBOOK_HTML_MAX = 150 * 1024
PAGE_TOTAL_MAX = 1.5 * 1024 * 1024


def build(site_dir: Path, *, plain: bool = False) -> float:
    """Run ``mkdocs build --strict`` into ``site_dir`` and return its wall time in seconds."""
    env = dict(os.environ)
    env.pop("LL_PLAIN", None)
    if plain:
        env["LL_PLAIN"] = "1"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("mkdocs build failed:\n" + (result.stdout + result.stderr)[-4000:])
    return elapsed


def edited_rebuild(site_dir: Path) -> float:
    """Time a build after appending one line of prose to a page, then restore the page."""
    original = EDITED_PAGE.read_bytes()
    try:
        EDITED_PAGE.write_bytes(original + EDIT_LINE.encode())
        return build(site_dir)
    finally:
        EDITED_PAGE.write_bytes(original)


def page_urls(site_dir: Path) -> list[str]:
    """Site-relative URLs of every built page (directory URLs), 404 pages excluded."""
    return sorted(
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
    )


def cold_weight(browser, url: str) -> tuple[int, int]:
    """Load ``url`` with an empty cache; return (bytes downloaded, requests).

    Waits for MathJax to finish, since it fetches its fonts while typesetting.
    """
    from playwright.sync_api import Error

    context = browser.new_context()
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => !window.MathJax || !MathJax.startup || MathJax.startup.promise")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_load_state("networkidle")
    total = 0
    for response in responses:
        try:
            total += len(response.body())
        except Error:  # a redirect or an aborted request has no body
            continue
    context.close()
    return total, len(responses)


def page_weights(site_dir: Path) -> list[tuple[str, int, int, int]]:
    """(url, HTML bytes, cold bytes with assets, requests) for every page."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site_dir, prefix="/")
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(find_browser()), args=CHROMIUM_ARGS)
            for url in page_urls(site_dir):
                html = (site_dir / url / "index.html").stat().st_size
                total, requests = cold_weight(browser, base + url)
                rows.append((url or "/", html, total, requests))
            browser.close()
    finally:
        server.shutdown()
    return rows


def mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-cold", action="store_true", help="keep generated/ (warm build)")
    parser.add_argument("--skip-weights", action="store_true", help="no browser measurements")
    parser.add_argument("--runs", type=int, default=1, help="full and plain builds, N each")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: must be at least 1")

    with tempfile.TemporaryDirectory(prefix="ll-bench-") as tmp:
        site, plain_site = Path(tmp) / "site", Path(tmp) / "plain"
        label = "warm full build" if args.skip_cold else "cold full build"
        ratios = []
        for run in range(1, args.runs + 1):
            if not args.skip_cold:
                shutil.rmtree(GENERATED, ignore_errors=True)
            full = build(site)
            plain = build(plain_site, plain=True)
            ratios.append(full / plain)
            if args.runs > 1:
                times = f"{full:5.1f} s, plain {plain:5.1f} s"
                print(f"run {run}: {label} {times}, ratio {full / plain:.2f}")
        edit = edited_rebuild(Path(tmp) / "edit")

        ratio = statistics.median(ratios)
        if args.runs > 1:
            verdict = f"{mark(ratio <= 2)} target <= 2 (median)"
            print(f"{label + ' / plain':<28}{ratio:8.2f}     {verdict}")
        else:
            print(f"{label:<28}{full:8.1f} s   {mark(full <= 2 * plain)} target <= 2 x plain")
            print(f"{'plain build (LL_PLAIN=1)':<28}{plain:8.1f} s")
        print(f"{'one-line edit rebuild':<28}{edit:8.1f} s   {mark(edit <= plain)} target <= plain")

        if args.skip_weights:
            return
        print()
        print(f"{'page':<34}{'HTML KB':>9}{'cold KB':>9}{'requests':>10}")
        for url, html, total, requests in page_weights(site):
            limit_ok = total <= PAGE_TOTAL_MAX
            if "notebook" in url:
                limit_ok = limit_ok and html <= NOTEBOOK_HTML_MAX
            print(f"{url:<34}{html / 1024:9.1f}{total / 1024:9.1f}{requests:10d}  {mark(limit_ok)}")
        print(
            f"targets: notebook HTML <= {NOTEBOOK_HTML_MAX // 1024} KB; "
            f"every page <= {PAGE_TOTAL_MAX / 1024 / 1024:.1f} MB cold with all assets"
        )


if __name__ == "__main__":
    main()
