"""Shared fixtures of the browser tests: the built site on 127.0.0.1 and one chromium.

The site is served the way GitHub Pages serves it: under the path of ``site_url``
(``/loss-and-learning/``), so the 404 pages, whose links are absolute, work too. One
threaded ``http.server`` and one browser serve the whole session; each test opens its
own context, so cookies and the palette choice never leak from one test to another.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright (never a browser
downloaded by ``playwright install``). Without it the browser tests are skipped with
that reason, except in CI (``CI=true``), where they fail: a missing install step must
not turn the quality gate green.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_site_url(mkdocs_yml: Path = REPO / "mkdocs.yml") -> str:
    """``site_url`` of mkdocs.yml, ending in "/".

    mkdocs.yml may carry ``!!python/name`` tags (some Markdown extensions need them);
    only ``site_url`` is read, so every tag is accepted and ignored.
    """

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    url = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)["site_url"]
    return url if url.endswith("/") else url + "/"


def site_prefix() -> str:
    """The path part of ``site_url`` ("/loss-and-learning/"), where Pages serves the site."""
    return urlsplit(mkdocs_site_url()).path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve ``directory`` under ``prefix`` only, silently."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (random port) under the site's own path."""
    handler = type("Handler", (_Handler,), {"prefix": site_prefix()})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, shared by every browser test of the session."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
