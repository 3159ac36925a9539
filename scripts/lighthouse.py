"""Score every page of the built site with Lighthouse (mobile), served as GitHub Pages serves it.

Usage (after ``./dev build``)::

    npm install --no-save lighthouse@12.8.2   # once; not a project dependency
    .venv/bin/python scripts/lighthouse.py [--site site] [--pages / en/ ...] [--runs N]
        [--before OTHER_SITE] [--preset desktop]

Lighthouse is not in package.json: every ``npm ci`` (CI, the deploy, a reader's machine)
would then fetch it and its ~200 packages for a report that only a maintainer runs. This
script installs nothing; it tells you the command above when Lighthouse is missing. It
drives the browser ``local_site.find_browser()`` finds, against the site served on
127.0.0.1 under its own path and gzip-compressed (``local_site.serve``), so it runs
offline and measures the bytes a reader downloads.

It prints one row per page (both languages): the four scores (0-100), total blocking
time, largest contentful paint and the KB transferred, and the ids of failing audits of
the scored categories. Targets: performance >= 95 with total blocking time <= 50 ms;
accessibility, best practices and SEO 100. Printed, not asserted: performance is noisy on
a shared two-core machine (the exit status is 1 if a target is missed). One run of a page
can be twice another's in blocking time: ``--runs 3`` scores each page three times and
prints the median of each figure. The last column is Lighthouse's benchmark index of the
machine during those runs (higher is faster): the same page scores worse when it drops.

To tell whether a change helps, compare two builds in the same minutes: ``--before DIR``
serves another build as well and scores each page on the two in turn, one run each
(``--runs`` times), printing a row for each build. Two batches run an hour apart differ
more than most changes do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from first_visit import pages
from local_site import BrowserNotFound, find_browser, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
TBT_TARGET_MS = 50


def score(url: str, preset: str | None) -> dict:
    """Run Lighthouse on one URL and return its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset:
        command.append(f"--preset={preset}")
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": str(find_browser())},
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def figures(report: dict) -> dict[str, float]:
    """The scores (0-100), total blocking time (ms), LCP (s) and KB of one report."""
    values = {key: 100 * (cat["score"] or 0) for key, cat in report["categories"].items()}
    audits = report["audits"]
    values["tbt"] = audits["total-blocking-time"]["numericValue"]
    values["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    values["kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    values["bench"] = report["environment"]["benchmarkIndex"]
    return values


def summarise(path: str, reports: list[dict]) -> tuple[str, list[str], bool]:
    """One row for a page (the median of each figure over ``reports``), the failing audits of
    its categories in any report, and whether it is on target."""
    runs = [figures(report) for report in reports]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    scores = {c: round(median[c]) for c in CATEGORIES}
    row = f"/{path:<28}" + "".join(f"{scores[c]:>7}" for c in CATEGORIES)
    row += f"{median['tbt']:>9.0f}{median['lcp']:>8.1f}{median['kb']:>8.0f}{median['bench']:>8.0f}"
    if len(runs) > 1:
        row += "  (TBT " + ", ".join(f"{run['tbt']:.0f}" for run in runs) + ")"
    failing = []
    for report in reports:
        audits = report["audits"]
        for category in CATEGORIES:
            for ref in report["categories"][category]["auditRefs"]:
                audit = audits[ref["id"]]
                if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 0.9:
                    failing.append(f"/{path} {category}: {ref['id']} ({audit['title']})")
    on_target = median["tbt"] <= TBT_TARGET_MS and all(scores[c] >= t for c, t in TARGETS.items())
    return row, list(dict.fromkeys(failing)), on_target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory")
    parser.add_argument("--pages", nargs="*", help="site-relative paths (default: every page)")
    parser.add_argument("--preset", choices=["desktop"], help="Lighthouse preset (default mobile)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (medians printed)")
    parser.add_argument("--before", type=Path, help="another build, scored in turn with --site")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: must be at least 1")
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is missing: npm install --no-save lighthouse@{LIGHTHOUSE_VERSION}")
        return 2
    try:
        find_browser()
    except BrowserNotFound as error:
        print(error)
        return 2
    sites = {"": args.site} if args.before is None else {"before": args.before, "": args.site}
    for site in sites.values():
        if not (site / "index.html").is_file():
            print(f"{site} holds no built site: run ./dev build (or pass --site, --before)")
            return 2
    servers = {name: serve(site, compress=True) for name, site in sites.items()}
    header = "".join(f"{c[:6]:>7}" for c in CATEGORIES)
    print(f"{'page':<29}{header}{'TBT ms':>9}{'LCP s':>8}{'KB':>8}{'bench':>8}")
    failing_all, missed = [], 0
    try:
        for path in args.pages if args.pages is not None else pages(args.site):
            path = path.strip("/") + "/" if path.strip("/") else ""
            reports: dict[str, list[dict]] = {name: [] for name in servers}
            for _ in range(args.runs):
                for name, (_, base) in servers.items():
                    reports[name].append(score(base + path, args.preset))
            for name, runs in reports.items():
                row, failing, on_target = summarise(path, runs)
                note = f"  ({name})" if name else ("" if on_target else "  (off target)")
                print(row + note, flush=True)
                if not name:
                    failing_all += failing
                    missed += not on_target
    finally:
        for server, _ in servers.values():
            server.shutdown()
    for item in failing_all:
        print("  failing:", item)
    targets = ", ".join(f"{c} >= {t}" for c, t in TARGETS.items())
    print(f"targets: {targets}, total blocking time <= {TBT_TARGET_MS} ms; {missed} page(s) off")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
