"""mkdocs hook of the Chinese project: build the English project into <site>/en/.

Each language is its own MkDocs project, as Material recommends for multilingual sites:
``mkdocs.yml`` (Chinese, the site root) and ``docs/en.yml`` (English, under /en/). This hook,
listed in ``mkdocs.yml`` only, runs MkDocs' own build of the English project after the
Chinese one, in the same process and with the same ``strict``, so that ``mkdocs build`` and
``mkdocs serve`` give the whole site.

The English site is built into ``generated/english/`` and copied into ``<site>/en/``. Its
build is skipped when none of its inputs changed since the last one (their names, sizes
and modification times, and the settings): saving a Chinese page under ``mkdocs serve``
rebuilds the Chinese project only. The inputs are the English pages and config, everything
both projects share (``mkdocs.yml``, overrides, hooks, the library, what ``generated/``
holds) and the versions of the packages that build it.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import metadata
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "docs" / "en.yml"
OUTPUT = ROOT / "generated" / "english"
FINGERPRINT = OUTPUT.with_name("english.inputs")
INPUTS = (
    "docs/en",
    "docs/en.yml",
    "mkdocs.yml",
    "overrides",
    "hooks",
    "src/neuron_demo",
    "package-lock.json",
)
# What generated/ holds for both projects; the English notebook cache is its own output.
GENERATED = ("generated/site",)
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-jupyter", "mkdocstrings-python", "neuron-demo")


def fingerprint(settings: str) -> str:
    """A hash of the English build's inputs: file names, sizes and times, and ``settings``."""
    digest = hashlib.sha256(settings.encode())
    for top in INPUTS + GENERATED:
        path = ROOT / top
        for file in sorted([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                stat = file.stat()
                digest.update(
                    f"{file.relative_to(ROOT)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
                )
    for package in PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def build_english(strict: bool) -> None:
    """Build the English project into `OUTPUT`, unless its inputs are unchanged."""
    key = fingerprint(f"strict={strict}")
    if FINGERPRINT.is_file() and FINGERPRINT.read_text() == key and OUTPUT.is_dir():
        return
    FINGERPRINT.unlink(missing_ok=True)  # a failed build leaves no fingerprint behind
    config = load_config(str(CONFIG), site_dir=str(OUTPUT), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    FINGERPRINT.write_text(key)


@event_priority(-100)  # after every other post_build: the Chinese site is complete
def on_post_build(*, config: MkDocsConfig) -> None:
    """Build the English project if needed and copy it into ``<site>/en/``."""
    build_english(bool(config.strict))
    target = Path(config.site_dir) / "en"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(OUTPUT, target)
