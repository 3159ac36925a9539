"""Score the built site with Lighthouse: the home page and the heaviest page per language.

Usage (after ``./dev build``)::

    npm install --no-save lighthouse@12.8.2   # once; not a project dependency
    .venv/bin/python scripts/lighthouse.py [--site site] [--preset desktop]

Lighthouse is not in package.json: every ``npm ci`` (CI, the deploy, a reader's
machine) would then fetch it and its ~200 packages for a report that only a maintainer
runs. This script installs nothing; it tells you the command above when Lighthouse is
missing. It drives the browser that ``local_site.find_browser()`` finds (``CHROME_PATH``, else
chromium or Chrome on ``PATH``) against the
site served on 127.0.0.1 under its own path (``/loss-and-learning/``, as on GitHub
Pages), so it runs offline.

It prints, per page: the accessibility, best-practices, SEO and performance scores
(0-100), the page's total transfer in KB, and the ids of failing audits of the first
three categories. Targets: accessibility 100, best practices 100, SEO >= 95.
Performance is reported only: it is noisy on a shared two-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from local_site import BrowserNotFound, find_browser, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 95}
_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"#]+)')


def page_weight(site: Path, page: Path) -> int:
    """Bytes of a page's HTML and of the images it names (the part that varies by page)."""
    html = page.read_text(encoding="utf-8")
    images = {(page.parent / src).resolve() for src in _SRC.findall(html)}
    return page.stat().st_size + sum(p.stat().st_size for p in images if p.is_file())


def pages_to_score(site: Path) -> list[str]:
    """Home and heaviest page of each language, as paths relative to the site root."""
    chosen = []
    for lang_root in (site, site / "en"):
        pages = [
            p
            for p in lang_root.rglob("index.html")
            if "assets" not in p.relative_to(site).parts
            and (lang_root != site or p.relative_to(site).parts[0] != "en")
        ]
        heaviest = max(pages, key=lambda p: page_weight(site, p))
        for page in (lang_root / "index.html", heaviest):
            path = page.parent.relative_to(site).as_posix()
            chosen.append("" if path == "." else path + "/")
    return list(dict.fromkeys(chosen))


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


def summarise(path: str, report: dict) -> tuple[str, list[str]]:
    """One line of scores for a page, and the failing audits of the targeted categories."""
    scores = {key: round(100 * (cat["score"] or 0)) for key, cat in report["categories"].items()}
    weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    line = f"/{path:<28}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES) + f"{weight:>12.0f}"
    failing = []
    for category in TARGETS:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"/{path} {category}: {ref['id']} ({audit['title']})")
    return line, failing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory")
    parser.add_argument("--preset", choices=["desktop"], help="Lighthouse preset (default mobile)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is missing: npm install --no-save lighthouse@{LIGHTHOUSE_VERSION}")
        return 2
    try:
        find_browser()
    except BrowserNotFound as error:
        print(error)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run ./dev build (or pass --site)")
        return 2
    server, base = serve(args.site)
    print(f"{'page':<29}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'KB':>12}")
    failing_all = []
    missed = False
    try:
        for path in pages_to_score(args.site):
            report = score(base + path, args.preset)
            line, failing = summarise(path, report)
            print(line, flush=True)
            failing_all += failing
            missed |= any(
                100 * (report["categories"][c]["score"] or 0) < target
                for c, target in TARGETS.items()
            )
    finally:
        server.shutdown()
    for item in failing_all:
        print("  failing:", item)
    print("targets: " + ", ".join(f"{c} >= {t}" for c, t in TARGETS.items()))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
