"""Shared fixtures of the browser tests: the built site on 127.0.0.1 and one chromium.

The site is served the way GitHub Pages serves it: under the path of ``site_url``
(``/loss-and-learning/``), so the 404 pages, whose links are absolute, work too. One
threaded ``http.server`` and one browser serve the whole session; each test opens its
own context, so cookies and the palette choice never leak from one test to another.

The browser is the one ``local_site.find_browser()`` finds (``CHROME_PATH``, else chromium
or Chrome on ``PATH``), driven by Playwright (never a browser downloaded by ``playwright
install``). Without one the browser tests are skipped with that reason, except in CI
(``CI=true``), where they fail: a missing install step must not turn the quality gate green.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_site import CHROMIUM_ARGS, BrowserNotFound, find_browser, mkdocs_site_url, serve
from playwright.sync_api import Browser, sync_playwright

__all__ = ["mkdocs_site_url"]  # test_pages.py reads site_url through this module


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (random port) under the site's own path."""
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless browser, shared by every browser test of the session."""
    try:
        executable = find_browser()
    except BrowserNotFound as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        pytest.skip(str(error))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
