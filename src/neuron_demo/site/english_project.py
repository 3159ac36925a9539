"""MkDocs plugin of the Chinese project: the English project, built into ``<site>/en/``.

Each language is its own MkDocs project, as Material recommends for multilingual sites:
``mkdocs.yml`` (Chinese, the site root) and ``docs/en.yml`` (English, under /en/). This
plugin, ``english-project`` in ``mkdocs.yml`` (and turned off in ``docs/en.yml``, which
inherits it), runs MkDocs' own build of the English project with the same ``strict``, so
that ``mkdocs build`` and ``mkdocs serve`` give the whole site.

The English site is built into ``generated/english/`` and copied into ``<site>/en/``. Its
build is skipped when none of its inputs changed since the last one (their names, sizes
and modification times, and the settings): saving a Chinese page under ``mkdocs serve``
rebuilds the Chinese project only. The inputs are the English pages and config, everything
both projects share (``mkdocs.yml``, overrides, hooks, the library, what ``generated/``
holds) and the versions of the packages that build it.

The English build runs in a process of its own, forked from this one and kept across
rebuilds (MkDocs keeps a plugin that has ``on_startup`` for the whole ``mkdocs serve``).
``mkdocs serve`` forks it as it starts, before it starts its threads, and asks it for each
build as the Chinese build starts: saving an English page rebuilds the Chinese project too
(MkDocs watches all of ``docs/``), and the two builds run side by side instead of one after
the other. ``mkdocs build`` forks it once the Chinese site is written, with all that build
imported, and the English maths then come from the cache the Chinese build has just filled.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

CONFIG = "docs/en.yml"
OUTPUT = "generated/english"
FINGERPRINT = "generated/english.inputs"
INPUTS = (
    "docs/en",
    "docs/en.yml",
    "mkdocs.yml",
    "overrides",
    "hooks",
    "src/neuron_demo",
    "package-lock.json",
    # What generated/ holds for both projects; the English notebook cache is its own output.
    "generated/site",
)
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-jupyter", "mkdocstrings-python", "neuron-demo")


def fingerprint(root: Path, settings: str) -> str:
    """A hash of the English build's inputs under ``root``: file names, sizes and times, and
    ``settings``."""
    digest = hashlib.sha256(settings.encode())
    for top in INPUTS:
        path = root / top
        for file in sorted([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                stat = file.stat()
                digest.update(
                    f"{file.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
                )
    for package in PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def build_english(root: Path, strict: bool) -> None:
    """Build the English project of the repository at ``root`` into its `OUTPUT`, unless its
    inputs are unchanged."""
    key, stamp = fingerprint(root, f"strict={strict}"), root / FINGERPRINT
    if stamp.is_file() and stamp.read_text() == key and (root / OUTPUT).is_dir():
        return
    stamp.unlink(missing_ok=True)  # a failed build leaves no fingerprint behind
    config = load_config(str(root / CONFIG), site_dir=str(root / OUTPUT), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    stamp.write_text(key)


def _builder(requests: Connection, theirs: Connection, root: Path) -> None:
    # The worker process: one English build per request (its ``strict``), answered with
    # None or the error's message; None as a request, or a closed pipe, ends it. It closes
    # its copy of the other end, so that the pipe closes when the server ends, however.
    theirs.close()
    while True:
        try:
            strict = requests.recv()
        except (EOFError, KeyboardInterrupt):  # the server stopped
            return
        if strict is None:
            return
        try:
            build_english(root, strict)
        except KeyboardInterrupt:
            return
        except Exception as error:  # noqa: BLE001 - every failure goes back to the build
            requests.send(str(error) or type(error).__name__)
        else:
            requests.send(None)


class EnglishProjectConfig(Config):
    enabled = c.Type(bool, default=True)


class EnglishProject(BasePlugin[EnglishProjectConfig]):
    """Build the English project (``docs/en.yml``) into ``<site>/en/`` (see the module)."""

    def __init__(self) -> None:
        self.worker: multiprocessing.Process | None = None
        self.requests: Connection | None = None
        self.side_by_side = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs also calls this on the English build's own start, with this same plugin
        # object (it keeps one per name) configured for the English project: off there.
        if self.config.enabled:
            self.side_by_side = command == "serve"
            if self.side_by_side:
                self._start()

    def on_shutdown(self) -> None:
        if self.config.enabled:
            self._stop()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.side_by_side:
            self._ask(config)

    @event_priority(-100)  # after every other post_build: the Chinese site is complete
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the English build (asking for it first, unless it was asked for as this
        build started) and copy it into ``<site>/en/``."""
        if not self.config.enabled:
            return
        if not self.side_by_side:
            self._ask(config)
        try:
            error = self.requests.recv()
        except EOFError:  # the worker died: the next build starts another
            self._stop()
            raise PluginError("the English project's build stopped without an answer") from None
        if error is not None:
            raise PluginError(f"the English project (docs/en.yml): {error}")
        root = Path(config.config_file_path).parent
        target = Path(config.site_dir) / "en"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root / OUTPUT, target)

    def _start(self) -> None:
        # Forked while the process has one thread (before `mkdocs serve` starts its own).
        if self.worker is not None and self.worker.is_alive():
            return
        root = Path(self.config.config_file_path).resolve().parent
        context = multiprocessing.get_context("fork")
        self.requests, theirs = context.Pipe()
        self.worker = context.Process(
            target=_builder, args=(theirs, self.requests, root), name="english", daemon=True
        )
        self.worker.start()
        theirs.close()

    def _ask(self, config: MkDocsConfig) -> None:
        self._start()  # if `on_startup` was not called (MkDocs' build() called directly)
        self.requests.send(bool(config.strict))

    def _stop(self) -> None:
        if self.worker is None:
            return
        try:
            self.requests.send(None)
        except OSError:  # it has ended already
            pass
        self.worker.join(timeout=10)
        if self.worker.is_alive():
            self.worker.terminate()
        self.requests.close()
        self.worker = self.requests = None
