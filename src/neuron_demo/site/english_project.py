"""MkDocs plugin ``english-project`` (on in ``mkdocs.yml``, off in ``docs/en.yml``, which
inherits it): the English project, built by MkDocs into ``generated/english/`` with the
Chinese build's ``strict``, and copied into ``<site>/en/``.

It is skipped while its `INPUTS` (names, sizes and times), settings and `PACKAGES` stand
still. It runs in a process forked from this one, kept across rebuilds (as MkDocs keeps a
plugin that has ``on_startup``). ``mkdocs serve`` forks it before it starts its threads,
and asks it as each Chinese build starts: the projects build side by side (saving an
English page rebuilds both, as MkDocs watches all of ``docs/``). ``mkdocs build`` asks it
once the Chinese site is written: the English maths then come from the Chinese cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import shutil
import signal
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
# The inputs: the English pages and config, what both projects share (generated/site/ is
# what generated/ holds for both; the English notebook cache is this build's own output).
INPUTS = ("docs/en", "docs/en.yml", "mkdocs.yml", "overrides", "hooks", "src/neuron_demo")
INPUTS += ("package-lock.json", "generated/site")
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-jupyter", "mkdocstrings-python", "neuron-demo")


def fingerprint(root: Path, settings: str) -> str:
    """A hash of the English build's inputs under ``root``: file names, sizes and times, and
    ``settings``."""
    digest = hashlib.sha256(settings.encode())
    for top in INPUTS:
        path = root / top
        for file in sorted([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                meta = file.stat()
                digest.update(f"{file.relative_to(root)}\0{meta.st_size}\0{meta.st_mtime_ns}\0".encode())
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
    # The worker: one English build per request (its ``strict``), answered with None or the
    # error; None, or a closed pipe, ends it. Ctrl-C is the server's to handle (it then ends
    # the worker), and the worker closes its copy of the server's end of the pipe, so that
    # the pipe closes when the server ends, however it ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    theirs.close()
    with contextlib.suppress(EOFError):  # the server is gone
        while (strict := requests.recv()) is not None:
            try:
                build_english(root, strict)
            except Exception as error:  # noqa: BLE001 - every failure goes back to the build
                requests.send(str(error) or type(error).__name__)
            else:
                requests.send(None)


class EnglishProjectConfig(Config):
    enabled = c.Type(bool, default=True)


class EnglishProject(BasePlugin[EnglishProjectConfig]):
    """Build the English project (``docs/en.yml``) into ``<site>/en/`` (see the module)."""

    worker: multiprocessing.Process | None = None
    requests: Connection | None = None
    side_by_side = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Called again by the English build, on this same object (MkDocs keeps one per
        # name) configured for the English project: off there.
        self.side_by_side = self.config.enabled and command == "serve"
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
            raise PluginError("the English project's build stopped without an answer") from None
        if error is not None:
            raise PluginError(f"the English project (docs/en.yml): {error}")
        target = Path(config.site_dir) / "en"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(config.config_file_path).parent / OUTPUT, target)

    def _start(self) -> None:
        # Forked while the process has one thread (before `mkdocs serve` starts its own).
        if self.worker is not None and not self.worker.is_alive():
            self._stop()  # it died: another one
        if self.worker is not None:
            return
        root = Path(self.config.config_file_path).resolve().parent
        context = multiprocessing.get_context("fork")
        self.requests, theirs = context.Pipe()
        self.worker = context.Process(target=_builder, args=(theirs, self.requests, root))
        self.worker.daemon = True  # ended with the server, however it ends
        self.worker.start()
        theirs.close()

    def _ask(self, config: MkDocsConfig) -> None:
        self._start()  # if `on_startup` was not called (MkDocs' build() called directly)
        self.requests.send(bool(config.strict))

    def _stop(self) -> None:
        if self.worker is not None:
            with contextlib.suppress(OSError):  # unless it has ended already
                self.requests.send(None)
            self.worker.join(timeout=10)
            self.worker.terminate()  # if still alive
            self.requests.close()
            self.worker = self.requests = None
