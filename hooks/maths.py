"""mkdocs hook: the maths typeset when the site is built, so a page needs no script for it.

After each project is built, ``node hooks/maths.mjs`` typesets every formula of its pages
with MathJax 4 (npm, pinned by package-lock.json) and writes the shared stylesheet and the
fonts it names into ``assets/mathjax/`` (see that file). A formula typeset before, on any
page of either language, comes from its cache, ``generated/maths/LANG.ndjson`` (each language
reads both). A TeX error fails the build with the page and the formula, as ``--strict`` does
for a broken link.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "hooks" / "maths.mjs"
# Named here: a hook's module name is its path as the project lists it (../hooks/maths.py).
log = get_plugin_logger("maths")


def on_config(config: MkDocsConfig) -> None:
    """Fail early, with the fix in the message, when Node or MathJax is missing."""
    if shutil.which("node") is None:
        raise PluginError("node is missing: the maths are typeset when the site is built")
    if not (ROOT / "node_modules" / "@mathjax" / "src").is_dir():
        raise PluginError(f"MathJax is missing from {ROOT / 'node_modules'}: run `npm ci`")


def on_post_build(*, config: MkDocsConfig) -> None:
    """Typeset the maths of this project's pages (the English ones in their own build)."""
    cache = ROOT / "generated" / "maths" / f"{config.theme['language']}.ndjson"
    command = ["node", str(SCRIPT), config.site_dir, str(cache)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError("the maths could not be typeset:\n" + done.stderr.strip())
    log.info(done.stdout.strip())
