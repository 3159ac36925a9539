"""Serve MathJax from the site itself, pinned by package-lock.json.

The site may not load anything from a third-party host (CDNs are slow or
blocked in mainland China and break offline reading), so the hook copies the
MathJax files the pages need from ``node_modules/mathjax`` into the build under
``assets/mathjax/``, with MathJax's licence beside them.

Which MathJax: v3 with CHTML output. Its combined ``es5/tex-chtml.js``
(1.16 MB) needs the ``output/chtml/fonts/woff-v2`` folder beside it, of which
a page downloads only the fonts its formulas use (typically five or six files,
70 KB in all). The self-contained v3 ``tex-svg.js`` weighs 2.11 MB, so every
page with a formula would carry about 0.9 MB more; v4's CHTML output fetches
its fonts from a CDN. CHTML also keeps formulas as text, so find-in-page and
copy work on them.

Rather than the combined file, the pages load ``startup.js`` and the loader
fetches exactly the components that ``docs/javascripts/mathjax.js`` names:
``core``, ``input/tex`` (with ams, newcommand, noundefined, autoload),
``output/chtml`` (with its font data, ``output/chtml/fonts/tex.js``) and
``a11y/assistive-mml`` (hidden MathML for screen
readers) -- 0.76 MB. What that drops is the right-click menu (``ui/menu``,
0.43 MB), which the combined file carries. ``input/tex/extensions`` is
copied too: TeX's autoload fetches an extension (``\\boldsymbol``,
``\\cancel``, ...) from there only when a formula uses it.

Deliberately left out: the rest of the npm package (combined components,
the menu, the speech-rule engine), which no page requests.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_PACKAGE = ROOT / "node_modules" / "mathjax"
DEST_DIR = "assets/mathjax"

# Paths relative to node_modules/mathjax: single files and whole folders.
MATHJAX_FILES = (
    "LICENSE",
    "package.json",
    "es5/startup.js",
    "es5/core.js",
    "es5/input/tex.js",
    "es5/output/chtml.js",
    "es5/output/chtml/fonts/tex.js",
    "es5/a11y/assistive-mml.js",
)
MATHJAX_FOLDERS = ("es5/output/chtml/fonts/woff-v2", "es5/input/tex/extensions")


def _source_files(package: Path) -> list[tuple[Path, str]]:
    """List (source path, destination path in the site) of every MathJax file served.

    The ``es5/`` prefix is dropped; the layout under it is kept, since the
    loader finds components and fonts relative to ``startup.js``.
    """
    pairs = []
    for rel in MATHJAX_FILES:
        pairs.append((package / rel, f"{DEST_DIR}/{rel.removeprefix('es5/')}"))
    for folder in MATHJAX_FOLDERS:
        for path in sorted((package / folder).rglob("*")):
            if path.is_file():
                rel = path.relative_to(package).as_posix().removeprefix("es5/")
                pairs.append((path, f"{DEST_DIR}/{rel}"))
    return pairs


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail early, with the fix in the message, when MathJax is not installed."""
    if not all((MATHJAX_PACKAGE / rel).is_file() for rel in MATHJAX_FILES):
        raise PluginError(
            f"MathJax is missing from {MATHJAX_PACKAGE}: run `npm ci` in {ROOT} "
            "(the site serves its own pinned MathJax, never a CDN)."
        )
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the pinned MathJax files to the build as static files.

    Only the Chinese project lists this hook: the files are served once, from the site
    root, for both languages.
    """
    for src, dest in _source_files(MATHJAX_PACKAGE):
        files.append(
            File.generated(config, dest, abs_src_path=str(src), inclusion=InclusionLevel.NOT_IN_NAV)
        )
    return files
