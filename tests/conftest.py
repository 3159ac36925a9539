"""Shared fixtures: the site, built once per test session.

``built_site`` runs ``mkdocs build --strict`` (any warning fails it) into a
temporary directory and returns that directory. Site tests and browser tests
reuse it, so the whole session pays for one build.

The build typesets the maths with MathJax from ``node_modules`` (``npm ci``).
Without it the build cannot run: locally the site tests are skipped with that
reason, in CI (``CI=true``) they fail, so a missing install step cannot hide.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_ENTRY = ROOT / "node_modules" / "@mathjax" / "src" / "package.json"
BUILD_TIMEOUT_S = 1800


def pytest_report_header() -> str:
    """Which of numpy's SIMD code paths this run takes (``./dev avx2`` narrows it)."""
    simd = np.show_config(mode="dicts")["SIMD Extensions"]
    return f"numpy {np.__version__} dispatches to: {', '.join(simd['found']) or 'baseline only'}"


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
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr).strip().splitlines()
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(log[-40:]))
    return site
