"""A built site on 127.0.0.1, and a Chromium-family browser to look at it.

Shared by the browser tests (``tests/browser/conftest.py``), the test of ``mkdocs serve``
and the scripts that measure the site (``bench_site.py``, ``lighthouse.py``), so all of
them serve and browse the same way: under the path of ``site_url``
(``/loss-and-learning/``), as GitHub Pages does, and with the browser launched with the
flags a closed network needs.

The browser is found, not assumed (`find_browser()`): ``CHROME_PATH`` if set (the name
Lighthouse and chrome-launcher read), else the first of ``chromium``, ``chromium-browser``,
``google-chrome-stable`` and ``google-chrome`` on ``PATH`` that answers ``--version``.
Answering matters: on Ubuntu, ``chromium-browser`` may be a stub that only asks for a snap.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BROWSER_ENV = "CHROME_PATH"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
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


class BrowserNotFound(RuntimeError):
    """No usable Chromium-family browser: the message says what was tried and what to do."""


def _answers(path: str) -> bool:
    # A real browser prints its version and exits 0; a snap stub or a broken link does not.
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and bool(re.search(r"\d+\.\d+", done.stdout))


@functools.cache
def find_browser() -> Path:
    """The browser to drive: ``CHROME_PATH`` if set, else the first on ``PATH`` that runs.

    Raises
    ------
    BrowserNotFound
        If ``CHROME_PATH`` names no working browser, or none of `BROWSER_NAMES` runs.
    """
    named = os.environ.get(BROWSER_ENV)
    if named:
        if not _answers(named):
            raise BrowserNotFound(
                f"{BROWSER_ENV}={named} does not run ('{named} --version' failed): "
                "point it at a Chromium or Chrome executable"
            )
        return Path(named)
    tried = []
    for name in BROWSER_NAMES:
        path = shutil.which(name)
        if path is None:
            continue
        if _answers(path):
            return Path(path)
        tried.append(path)
    found = f" (found but not running: {', '.join(tried)})" if tried else ""
    raise BrowserNotFound(
        f"no browser: none of {', '.join(BROWSER_NAMES)} runs{found}; install one "
        f"(apt-get install chromium) or set {BROWSER_ENV}=/path/to/chrome"
    )


def mkdocs_site_url(mkdocs_yml: Path = ROOT / "mkdocs.yml") -> str:
    """``site_url`` of mkdocs.yml, ending in "/" (read without a YAML parser)."""
    match = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise ValueError("mkdocs.yml has no site_url")
    url = match.group(1)
    return url if url.endswith("/") else url + "/"


def site_prefix() -> str:
    """The path part of ``site_url`` ("/loss-and-learning/"), where Pages serves the site."""
    return urlsplit(mkdocs_site_url()).path


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, for a server another process starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_text(url: str) -> str:
    """The page at ``url`` as text, or "" while it cannot be had (a server starting)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve ``directory`` under ``prefix`` only, silently."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args: object) -> None:
        pass


class _GzipHandler(_Handler):
    """As GitHub Pages serves a site: text compressed with gzip, cached for ten minutes."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".mjs")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?")[0].split("#")[0]))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve(
    site: Path, prefix: str | None = None, *, compress: bool = False
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on an ephemeral 127.0.0.1 port from a background thread.

    Returns the server (``shutdown()`` it when done) and the site's base URL. ``prefix``
    defaults to the path of ``site_url``. ``compress`` serves text gzip-compressed, as
    GitHub Pages does (for measuring what a reader downloads).
    """
    base = _GzipHandler if compress else _Handler
    handler = type("Handler", (base,), {"prefix": site_prefix() if prefix is None else prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
