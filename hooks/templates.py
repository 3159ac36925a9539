"""mkdocs hook: compiled templates cached on disk, for faster rebuilds.

Every build makes fresh Jinja environments and compiles their templates again: Material's
page templates and mkdocstrings' templates for the library's reference, each about half a
second in each language's build. Jinja's documented bytecode cache keeps the compiled
templates in ``generated/templates/``, keyed on each template's name and source, so a
rebuild under ``mkdocs serve`` (both projects) only loads them.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

CACHE = Path(__file__).resolve().parent.parent / "generated" / "templates"


def _cache() -> FileSystemBytecodeCache:
    CACHE.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(CACHE))


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Give mkdocstrings' Python handler the cache before the pages are rendered.

    The handler is made here, as the first ``:::`` block would make it (one per build,
    `MkdocstringsPlugin.get_handler`), and its templates load through the cache.
    """
    config.plugins["mkdocstrings"].get_handler("python").env.bytecode_cache = _cache()
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give Material's environment the cache before any page template is loaded."""
    env.bytecode_cache = _cache()
    return env
