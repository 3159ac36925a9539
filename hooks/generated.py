"""mkdocs hook: build stale figures and facts, add the figures to the site, expand markers.

- ``on_pre_build``: if the stamp of ``generated/`` differs from the hash of the package
  source, the figure script and the font, run ``scripts/build_figures.py`` in a subprocess
  (a fresh interpreter, so ``mkdocs serve`` never draws with stale modules). The warm check
  hashes files only; it never imports matplotlib or neuron_demo.
- ``on_files`` (priority −100, after mkdocs-static-i18n's own ``on_files``, which crashes on
  files it did not discover): add ``generated/figures/*.svg`` as ``figures/…`` at the site
  root, once even though i18n runs this hook once per language.
- ``on_page_markdown``: ``<!-- fact:KEY -->`` becomes the fact's value and a line
  ``<!-- figure:STEM -->`` a ``<figure>`` with the light and dark SVG in the page's
  language; an unknown key or stem fails the build naming the page.
- ``on_serve``: watch ``src/`` and ``scripts/``.

With ``LL_PLAIN=1`` (the "plain" build that benchmarks compare against) nothing is drawn or
computed: what ``generated/`` already holds is used, a missing fact reads "…" and a missing
figure is left as its caption.

Generated files live in ``generated/`` (git-ignored), never in ``docs/``: writing into
``docs/`` would make ``mkdocs serve`` rebuild forever.
"""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_figures.py"
GENERATED = ROOT / "generated"
FIGURES = GENERATED / "figures"
FACTS = GENERATED / "facts.json"
CATALOGUE_JSON = GENERATED / "catalogue.json"
THEMES = ("light", "dark")
PLAIN = os.environ.get("LL_PLAIN") == "1"

FACT = re.compile(r"<!-- fact:([\w.\-]+) -->")
FIGURE = re.compile(r"^<!-- figure:([\w\-]+) -->[ \t]*$", re.MULTILINE)
LANG_SUFFIX = re.compile(r"\.(zh|en)\.md$")


# --- pure helpers (tested without mkdocs) ---------------------------------------------


def replace_facts(
    markdown: str, facts: dict[str, str], page: str, missing: str | None = None
) -> str:
    """Replace every ``<!-- fact:KEY -->``; an unknown key raises naming ``page``.

    With ``missing`` given (plain builds only), an unknown key reads ``missing`` instead.
    """

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in facts and missing is not None:
            return missing
        if key not in facts:
            raise PluginError(f"{page}: unknown fact key {key!r} in <!-- fact:{key} -->")
        return facts[key]

    return FACT.sub(value, markdown)


def root_prefix(src_uri: str) -> str:
    """The relative path from the page's source file to the docs root ("." at the top).

    mkdocs resolves a Markdown link against the page's *source* and rewrites it relative
    to the page's *URL*; so ``figures/x.svg`` from ``why.en.md`` is checked to exist and
    comes out as ``../../figures/x.svg`` on ``/en/why/`` (and ``../figures/x.svg`` on
    ``/en/why.html`` without directory URLs).
    """
    depth = src_uri.count("/")
    return "/".join([".."] * depth) or "."


def _join(prefix: str, *parts: str) -> str:
    # "./figures/x.svg" would also resolve, but mkdocs flags a leading "./" as unusual.
    return posixpath.join(*parts) if prefix == "." else posixpath.join(prefix, *parts)


def figure_html(stem: str, lang: str, prefix: str, alt: str, caption: str) -> str:
    """The ``<figure>`` holding the light and the dark SVG of ``stem`` and its caption."""
    # Lazy: the browser skips the variant hidden by the theme until it is shown.
    images = "\n".join(
        f"![{alt}]({_join(prefix, 'figures', f'{stem}.{lang}.{theme}.svg')}#only-{theme})"
        "{ loading=lazy }"
        for theme in THEMES
    )
    return f'<figure markdown="span">\n{images}\n<figcaption>{caption}</figcaption>\n</figure>'


def replace_figures(
    markdown: str,
    catalogue: dict[str, dict[str, dict[str, str]]],
    lang: str,
    prefix: str,
    page: str,
) -> str:
    """Expand every line ``<!-- figure:STEM -->``; an unknown stem raises naming ``page``."""

    def expand(match: re.Match[str]) -> str:
        stem = match.group(1)
        if PLAIN and not (FIGURES / f"{stem}.{lang}.light.svg").is_file():
            return f"<figure><figcaption>{stem}</figcaption></figure>"
        if stem not in catalogue:
            raise PluginError(f"{page}: unknown figure stem {stem!r} in <!-- figure:{stem} -->")
        entry = catalogue[stem]
        return figure_html(stem, lang, prefix, entry["alt"][lang], entry["caption"][lang])

    return FIGURE.sub(expand, markdown)


def page_language(src_uri: str, fallback: str | None) -> str:
    """The page's language: its ``.zh.md`` / ``.en.md`` suffix, else ``fallback``."""
    match = LANG_SUFFIX.search(src_uri)
    if match:
        return match.group(1)
    if fallback in ("zh", "en"):
        return fallback
    raise PluginError(f"{src_uri}: cannot tell the page's language (no .zh.md/.en.md suffix)")


# --- build -------------------------------------------------------------------------------


def _script() -> ModuleType:
    # Loaded fresh from its path on every build: it imports only the standard library.
    spec = importlib.util.spec_from_file_location("_build_figures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalogue_is_current(key: str) -> bool:
    try:
        return json.loads(CATALOGUE_JSON.read_text(encoding="utf-8"))["key"] == key
    except (FileNotFoundError, KeyError, json.JSONDecodeError):
        return False


def _write_catalogue(key: str) -> None:
    # Alt texts and captions, exported once per key so that pages never import matplotlib.
    code = (
        "import json, sys\n"
        "from neuron_demo.figures.catalogue import CATALOGUE\n"
        "json.dump({'key': sys.argv[1], 'figures': {s: {'alt': f.alt, 'caption': f.caption}"
        " for s, f in CATALOGUE.items()}}, sys.stdout, ensure_ascii=False)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, key], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise PluginError(f"reading the figure catalogue failed:\n{result.stderr}")
    CATALOGUE_JSON.write_text(result.stdout, encoding="utf-8")


def ensure_generated() -> None:
    """Redraw what is stale in ``generated/`` (cheap when nothing is)."""
    script = _script()
    key = script.cache_key()
    stamp = script._read_stamp(FIGURES)
    stems = stamp.get("stems") if stamp.get("catalogue_key") == key else None
    names = [
        f"{s}.{lang}.{theme}.svg"
        for s in stems or ()
        for lang in script.LANGS
        for theme in script.THEMES
    ]
    figures, facts_stale = script.stale(FIGURES, FACTS, names, stamp, key)
    if stems is None or figures or facts_stale:
        result = subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(FIGURES), "--facts", str(FACTS)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise PluginError(f"scripts/build_figures.py failed:\n{result.stderr}")
    if not _catalogue_is_current(key):
        _write_catalogue(key)


_state: dict[str, Any] = {}


def _load(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if PLAIN:
            return default
        raise


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Bring ``generated/`` up to date and load the facts and the catalogue."""
    if not PLAIN:
        ensure_generated()
    _state["facts"] = _load(FACTS, {})
    _state["catalogue"] = _load(CATALOGUE_JSON, {"figures": {}})["figures"]


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every generated SVG as ``figures/NAME`` (once per build, whatever i18n does)."""
    for path in sorted(FIGURES.glob("*.svg")):
        src_uri = f"figures/{path.name}"
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def _i18n_language(config: MkDocsConfig) -> str | None:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) if plugin else None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the fact and figure markers of ``page``."""
    src = page.file.src_uri
    lang = page_language(src, _i18n_language(config))
    prefix = root_prefix(src)
    markdown = replace_figures(markdown, _state["catalogue"], lang, prefix, src)
    return replace_facts(markdown, _state["facts"], src, missing="…" if PLAIN else None)


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when the package or the scripts change."""
    for folder in ("src", "scripts"):
        server.watch(str(ROOT / folder))
    return server
