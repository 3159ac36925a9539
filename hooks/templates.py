"""mkdocs hook: Material's compiled templates cached on disk, for faster rebuilds.

Every build makes a fresh Jinja environment and compiles Material's templates again, about
half a second in each language's build. Jinja's documented bytecode cache keeps the compiled
templates in ``generated/templates/``, keyed on each template's source, so a rebuild under
``mkdocs serve`` (both projects) only loads them.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

CACHE = Path(__file__).resolve().parent.parent / "generated" / "templates"


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the environment the cache before any page template is loaded."""
    CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
    return env
