"""Run axe-core over every page of the built site, light and dark, desktop and phone.

    python scripts/axe_audit.py [--site site] [--pages / en/ ...] [--details]

axe-core (npm, MPL-2.0, pinned in package-lock.json) checks WCAG 2.0, 2.1 and 2.2 (its target
size), levels A and AA, and its best practices, in the browser `local_site.find_browser()`
finds, against the site served on 127.0.0.1. Each page is opened four times: on a desktop
screen and on a 360 px phone (what scrolls sideways differs), each with the reader's system
asking for a light and for a dark colour scheme (the palette follows it). Prints, per page,
screen and scheme, the number of violating elements by rule, and the total. The browser
tests run the same audit and fail on any violation (tests/browser/test_accessibility.py).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import product
from pathlib import Path

from first_visit import pages
from local_site import CHROMIUM_ARGS, find_browser, serve

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}  # the reader's wish -> the palette shown
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
# Two frames first: the page's scripts react to its layout (e.g. docs/javascripts/
# accessible.js makes what scrolls reachable by keyboard) before axe looks. The run is
# left in window.axeAudit, so that several pages can be audited at once (``audit_all``).
START = """(tags) => {
  window.axeAudit = new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    .then(() => axe.run(document, {runOnly: {type: "tag", values: tags},
                                   resultTypes: ["violations"]}))
    .then((result) => ({scheme: document.body.getAttribute("data-md-color-scheme"),
      violations: result.violations.map((v) => ({rule: v.id, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ") + " :: " +
                                  n.failureSummary.split("\\n")[1])}))}));
}"""
AT_ONCE = 3  # pages audited at the same time (each in its own tab)


@contextmanager
def reader(browser, scheme: str, screen: str) -> Iterator:
    """A browser context whose reader asks for ``scheme`` ("light"/"dark") on ``screen``."""
    context = browser.new_context(color_scheme=scheme, viewport=SCREENS[screen])
    try:
        yield context
    finally:
        context.close()


def audit_all(context, urls: list[str], scheme: str) -> Iterator[tuple[str, list[dict]]]:
    """(url, axe-core's violations) for each of ``urls``, opened in ``context`` (``reader``).

    Raises AssertionError if a page does not show the palette of ``scheme``: an audit of
    the wrong palette must not pass for the right one.
    """
    tabs = [context.new_page() for _ in range(AT_ONCE)]
    for first in range(0, len(urls), AT_ONCE):
        batch = list(zip(tabs, urls[first : first + AT_ONCE], strict=False))
        for tab, url in batch:
            tab.goto(url, wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("load")
            tab.add_script_tag(path=str(AXE))
            tab.evaluate(START, TAGS)
        for tab, url in batch:
            result = tab.evaluate("window.axeAudit")
            if result["scheme"] != SCHEMES[scheme]:
                raise AssertionError(
                    f"{url}: asked for {scheme}, the page shows {result['scheme']}"
                )
            yield url, result["violations"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory")
    parser.add_argument("--pages", nargs="*", help="site-relative paths (default: every page)")
    parser.add_argument("--details", action="store_true", help="print every violating element")
    args = parser.parse_args(argv)
    if not AXE.is_file():
        print(f"{AXE} is missing: run npm ci")
        return 2
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    paths = args.pages if args.pages is not None else pages(args.site)
    totals: Counter[str] = Counter()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(find_browser()), args=CHROMIUM_ARGS)
            for screen, scheme in product(SCREENS, SCHEMES):
                with reader(browser, scheme, screen) as context:
                    for url, found in audit_all(context, [base + p for p in paths], scheme):
                        counts = {v["rule"]: len(v["nodes"]) for v in found}
                        totals[scheme] += sum(counts.values())
                        listed = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
                        path = url.removeprefix(base)
                        total = sum(counts.values())
                        print(f"/{path:<30}{screen:<8}{scheme:<6}{total:>5}  {listed}", flush=True)
                        if args.details:
                            for v in found:
                                for node in v["nodes"]:
                                    print(f"    {v['rule']}: {node}")
            browser.close()
    finally:
        server.shutdown()
    print(f"violating elements: light {totals['light']}, dark {totals['dark']}")
    return 1 if sum(totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
