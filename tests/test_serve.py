"""``mkdocs serve``, as ``./dev serve`` runs it: both languages served together, and the
English project rebuilt (by the english-project plugin's worker process, side by side with
the Chinese build) when one of its pages is saved; nothing left running when it stops.

Functional only: how long a reload takes is measured by ``scripts/bench_site.py``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from local_site import free_port, get_text

from neuron_demo.site import english_project

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_PAGE = ROOT / "docs" / "en" / "story" / "slowdown.md"
ENGLISH_OUTPUT = ROOT / english_project.OUTPUT / "story" / "slowdown" / "index.html"
TIMEOUT_S = 300
EPOCH = re.compile(r"livereload\((\d+),")  # the build a served page comes from


def _interruptible() -> None:
    # In the server's process, before mkdocs starts: Ctrl-C does what it does in a terminal.
    # A shell that runs the tests in the background (`&`, without job control) starts them
    # with SIGINT ignored, every child inherits that, and Python then leaves it ignored.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _until(what: str, found, server: subprocess.Popen) -> object:
    # The value ``found()`` returns once it is true; a failure if the server stops first.
    deadline = time.monotonic() + TIMEOUT_S
    while not (value := found()):
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve stopped before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"mkdocs serve: no {what} after {TIMEOUT_S} s")
        time.sleep(0.1)
    return value


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.usefixtures("built_site")  # everything generated is current: a quick start
def test_serve_rebuilds_the_english_project_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("w")  # a file: a pipe nobody reads could fill
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches it
        preexec_fn=_interruptible,
    )
    base = f"http://127.0.0.1:{port}/loss-and-learning/"
    try:
        english = _until("English page", lambda: get_text(base + "en/story/slowdown/"), server)
        chinese = get_text(base + "story/slowdown/")
        assert '<html lang="en"' in english
        assert '<html lang="zh"' in chinese
        epoch = int(EPOCH.search(english)[1])
        built = ENGLISH_OUTPUT.stat().st_mtime_ns

        os.utime(ENGLISH_PAGE)  # saved, unchanged
        page = base + "en/story/slowdown/"
        newer = _until(
            "rebuild", lambda: (m := EPOCH.search(get_text(page))) and int(m[1]) > epoch, server
        )
        assert newer
        assert ENGLISH_OUTPUT.stat().st_mtime_ns > built  # the English project was rebuilt
        assert '<html lang="en"' in get_text(base + "en/story/slowdown/")
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert server.returncode != -signal.SIGKILL, "mkdocs serve did not stop within 60 s of Ctrl-C"
    assert server.returncode == 0, output[-3000:]
    assert "Error" not in output, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    deadline = time.monotonic() + 10
    while _alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server.pid), "a process of mkdocs serve is still running"
