"""Print the site's two books, Chinese and English, into the built site (``./dev pdf``).

    python scripts/print_edition.py [SITE]

SITE (default ``site/``) is a site that ``mkdocs build`` made; the books go to
``SITE/loss-and-learning.pdf`` and ``SITE/en/loss-and-learning.pdf``, beside the pages
that link to them. The site is served on 127.0.0.1 for the browser (``local_site``), which
is the one the browser tests use. Prints each book's pages, size and time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from local_site import CHROMIUM_ARGS, find_browser, serve
from playwright.sync_api import sync_playwright

from neuron_demo.site.edition import Edition, Sources, print_editions

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
NOTO_SANS_SC = NODE_MODULES / "@expo-google-fonts" / "noto-sans-sc"


def sources() -> Sources:
    """Paged.js and the text face from npm, the repository's licence."""
    found = Sources(
        pagedjs=NODE_MODULES / "pagedjs" / "dist" / "paged.js",
        sans=NOTO_SANS_SC / "400Regular" / "NotoSansSC_400Regular.ttf",
        sans_bold=NOTO_SANS_SC / "700Bold" / "NotoSansSC_700Bold.ttf",
        licence=(ROOT / "LICENSE").read_text(encoding="utf-8"),
    )
    for path in (found.pagedjs, found.sans, found.sans_bold):
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `npm ci`")
    return found


def print_site(site: Path) -> list[Edition]:
    """Serve ``site``, print every language's book into it; returns what was printed."""
    inputs = sources()
    server, base_url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(find_browser()), args=CHROMIUM_ARGS
            )
            try:
                return print_editions(browser, base_url, site, inputs)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    """Entry point: print both books, then one line about each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site")
    args = parser.parse_args(argv)
    for edition in print_site(args.site):
        print(
            f"print_edition: {edition.path} ({edition.lang}): {edition.pages} pages, "
            f"{edition.size_bytes / 1e6:.2f} MB, {edition.seconds:.1f} s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
