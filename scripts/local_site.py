"""A built site on 127.0.0.1, and Debian's chromium to look at it.

Shared by the browser tests (``tests/browser/conftest.py``) and the scripts that measure
the site (``bench_site.py``, ``lighthouse.py``), so all of them serve and browse the same
way: under the path of ``site_url`` (``/loss-and-learning/``), as GitHub Pages does, and
with chromium launched with the flags this machine's closed network needs.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
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


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve ``directory`` under ``prefix`` only, silently."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args: object) -> None:
        pass


def serve(site: Path, prefix: str | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on an ephemeral 127.0.0.1 port from a background thread.

    Returns the server (``shutdown()`` it when done) and the site's base URL. ``prefix``
    defaults to the path of ``site_url``.
    """
    handler = type("Handler", (_Handler,), {"prefix": site_prefix() if prefix is None else prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
