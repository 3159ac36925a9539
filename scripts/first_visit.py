"""Print what each page's first visit transfers: empty cache, a phone's screen, no scrolling.

    python scripts/first_visit.py [--site site] [--width 412] [--height 823]

The built site is served on 127.0.0.1 as GitHub Pages serves it (gzip, under the path of
``site_url``; ``local_site.serve``), and each page is loaded in a fresh browser context of a
phone's size (Lighthouse's mobile screen by default), until the network is idle. Every
response counts with its bytes on the wire (compressed body and headers): HTML, CSS,
JavaScript, fonts, the search index, and the images in view (the others are lazy).
Target: every page <= 250 KB. Printed, not asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from local_site import CHROMIUM_ARGS, find_browser, serve

ROOT = Path(__file__).resolve().parent.parent
TARGET_KB = 250
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "font",
    "image": "img",
    "fetch": "data",
    "xhr": "data",
}


def pages(site: Path) -> list[str]:
    """Site-relative URLs of every page (directory URLs), the 404 pages left out."""
    found = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(("" if path == "." else path + "/") for path in found if "assets" not in path)


def first_visit(browser, url: str, viewport: dict[str, int]) -> Counter[str]:
    """Bytes on the wire by kind of resource, for one load of ``url`` with an empty cache."""
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # late requests (the search worker's index)
    sizes: Counter[str] = Counter()
    for request in responses:
        size = request.sizes()
        kind = KINDS.get(request.resource_type, "other")
        sizes[kind] += size["responseBodySize"] + size["responseHeadersSize"]
    context.close()
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory")
    parser.add_argument("--width", type=int, default=412)
    parser.add_argument("--height", type=int, default=823)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run ./dev build (or pass --site)")
        return 2
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site, compress=True)
    columns = ["html", "css", "js", "font", "data", "img", "other"]
    print(f"{'page':<30}" + "".join(f"{c:>7}" for c in columns) + f"{'total KB':>10}")
    worst = 0.0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(find_browser()), args=CHROMIUM_ARGS)
            for path in pages(args.site):
                sizes = first_visit(
                    browser, base + path, {"width": args.width, "height": args.height}
                )
                total = sum(sizes.values()) / 1024
                worst = max(worst, total)
                cells = "".join(f"{sizes[c] / 1024:7.1f}" for c in columns)
                flag = "" if total <= TARGET_KB else "  over"
                print(f"/{path:<29}{cells}{total:10.1f}{flag}", flush=True)
            browser.close()
    finally:
        server.shutdown()
    print(f"largest first visit: {worst:.1f} KB (target <= {TARGET_KB} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
