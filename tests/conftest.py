"""Shared fixtures: the site, built once per test session.

``built_site`` runs ``mkdocs build --strict`` (any warning fails it) into a
temporary directory and returns that directory. Site tests and browser tests
reuse it, so the whole session pays for one build. ``published_site`` is the
same directory once the two PDF books are printed into it, as ``./dev pdf``
does (``scripts/print_edition.py``: it needs the browser the browser tests use);
printing takes longer than building, so it happens once, and only in a session
that runs a test asking for the books. The summary at the end says how long the
build and the printing took.

The build typesets the maths with MathJax from ``node_modules`` (``npm ci``).
Without it the build cannot run: locally the site tests are skipped with that
reason, in CI (``CI=true``) they fail, so a missing install step cannot hide.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from local_site import BrowserNotFound, find_browser

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_ENTRY = ROOT / "node_modules" / "@mathjax" / "src" / "package.json"
BUILD_TIMEOUT_S = 1800
TIMINGS: dict[str, float] = {}  # what the session's fixtures took, for the summary


def pytest_report_header() -> str:
    """Which of numpy's SIMD code paths this run takes (``./dev avx2`` narrows it)."""
    simd = np.show_config(mode="dicts")["SIMD Extensions"]
    return f"numpy {np.__version__} dispatches to: {', '.join(simd['found']) or 'baseline only'}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How long the site's build and its books took (measured, never asserted)."""
    for what, seconds in TIMINGS.items():
        terminalreporter.write_line(f"{what}: {seconds:.1f} s")


def require_mathjax() -> None:
    """Skip (locally) or fail (in CI) when the pinned MathJax is not installed."""
    if MATHJAX_ENTRY.is_file():
        return
    reason = f"node_modules/@mathjax/src is missing: run `npm ci` in {ROOT}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the whole bilingual site with ``--strict`` and return its directory."""
    require_mathjax()
    site = tmp_path_factory.mktemp("site")
    _run(
        "site built (mkdocs build --strict)",
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
    )
    return site


def _run(what: str, command: list[str]) -> None:
    """Run ``command`` in the project, fail with the end of its output if it fails, and
    record how long it took under ``what`` (printed in the session's summary)."""
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr).strip().splitlines()
        pytest.fail(f"failed: {what}\n" + "\n".join(log[-40:]))
    TIMINGS[what] = time.perf_counter() - started


@pytest.fixture(scope="session")
def published_site(built_site: Path) -> Path:
    """The built site with its PDF books printed into it, as it is published."""
    print_books(built_site)
    return built_site


def print_books(site: Path) -> None:
    """Print the PDF books into ``site``; without a browser, locally, leave them out.

    The tests that read the books then skip (``tests/test_print_edition.py``), as the
    browser tests do; in CI a missing browser fails instead.
    """
    try:
        find_browser()
    except BrowserNotFound as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        return
    # A process of its own, as `./dev pdf` runs it: the browser tests' Playwright may be
    # running in this one already, and two sync Playwrights cannot share a thread.
    _run(
        "books printed (scripts/print_edition.py)",
        [sys.executable, str(ROOT / "scripts" / "print_edition.py"), str(site)],
    )
