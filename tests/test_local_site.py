"""How the browser tests and measuring scripts find their browser (no real browser here)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import local_site
import pytest


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    local_site.find_browser.cache_clear()
    yield
    local_site.find_browser.cache_clear()


def fake(folder: Path, name: str, *, works: bool) -> Path:
    """An executable that prints a version (a browser) or fails (a snap stub)."""
    path = folder / name
    body = 'echo "Chromium 1.2.3"' if works else 'echo "requires the chromium snap" >&2; exit 1'
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_chrome_path_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    named = fake(tmp_path, "my-chrome", works=True)
    fake(tmp_path, "chromium", works=True)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CHROME_PATH", str(named))
    assert local_site.find_browser() == named


def test_a_chrome_path_that_does_not_run_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake(tmp_path, "chromium", works=True)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "missing"))
    with pytest.raises(local_site.BrowserNotFound, match=r"^CHROME_PATH=.*missing does not run"):
        local_site.find_browser()


def test_stubs_are_skipped_in_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake(tmp_path, "chromium-browser", works=False)  # Ubuntu's snap stub
    chrome = fake(tmp_path, "google-chrome", works=True)
    fake(tmp_path, "google-chrome-stable", works=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROME_PATH", raising=False)
    assert local_site.find_browser() == chrome


def test_no_browser_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stub = fake(tmp_path, "chromium", works=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROME_PATH", raising=False)
    with pytest.raises(local_site.BrowserNotFound) as error:
        local_site.find_browser()
    message = str(error.value)
    assert str(stub) in message
    assert "CHROME_PATH=" in message
    assert os.linesep not in message
