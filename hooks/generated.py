"""mkdocs hook: build stale figures and facts, add the figures to the site, expand markers.

- ``on_config`` (priority 100, the first thing a build does, before the plugins set
  themselves up: jieba's dictionary alone takes 0.6 s): if the stamp of ``generated/``
  differs from the hash of the package source, the figure script and the font, start
  ``scripts/build_figures.py --background`` (a fresh interpreter, so ``mkdocs serve`` never
  draws with stale modules). The warm check hashes files only: it never imports matplotlib
  and draws or computes nothing (it reads the font's path from ``neuron_demo.site.figures.font``,
  which brings in the package and numpy). The drawing runs on the second core while
  mkdocs builds the pages: the hook waits for the catalogue and the facts only where it
  first needs them, and for the figures only at the very end. The script computes the
  facts at normal priority and draws at a low one, so the figures, needed last, never hold
  up the pages or the notebooks.
- ``on_files`` (priority −100, after mkdocs-static-i18n's own ``on_files``, which crashes on
  files it did not discover): add every figure of the catalogue as ``figures/…`` at the
  site root, once even though i18n runs this hook once per language.
- ``on_page_markdown``: ``<!-- fact:KEY -->`` becomes the fact's value and a line
  ``<!-- figure:STEM -->`` a ``<figure>`` with the light and dark SVG in the page's
  language; an unknown key or stem fails the build naming the page.
- ``on_post_build`` (priority −110, after i18n has built the other languages): wait for the
  drawing and copy the figures into the site.
- ``on_serve``: watch ``src/`` and ``scripts/``.

With ``LL_PLAIN=1`` (the "plain" build that benchmarks compare against; ``hooks/switches.py``
reads it) nothing is drawn or computed: what ``generated/`` already holds is used, a missing
fact reads "…" and a missing figure is left as its caption.

Generated files live in ``generated/`` (git-ignored), never in ``docs/``: writing into
``docs/`` would make ``mkdocs serve`` rebuild forever.
"""

from __future__ import annotations

import importlib.util
import json
import posixpath
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from switches import plain_build

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_figures.py"
GENERATED = ROOT / "generated"
FIGURES = GENERATED / "figures"
FACTS = GENERATED / "facts.json"
CATALOGUE_JSON = GENERATED / "catalogue.json"
LANGS = ("zh", "en")
THEMES = ("light", "dark")
PLAIN = plain_build()

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


LAB_LINK = {"zh": "在实验室里打开这个实验", "en": "Open this experiment in the lab"}


def figure_html(
    stem: str, lang: str, prefix: str, alt: str, caption: str, lab: str | None = None
) -> str:
    """The ``<figure>`` holding the light and the dark SVG of ``stem`` and its caption.

    ``lab``, a query string, adds a link to the lab set up as the figure shows it.
    """
    # Lazy: the browser skips the variant hidden by the theme until it is shown.
    images = "\n".join(
        f"![{alt}]({_join(prefix, 'figures', f'{stem}.{lang}.{theme}.svg')}#only-{theme})"
        "{ loading=lazy }"
        for theme in THEMES
    )
    if lab is not None:
        caption += f" [{LAB_LINK[lang]}]({_join(prefix, 'practice', 'lab.md')}?{lab})"
    return (
        f'<figure markdown="span">\n{images}\n'
        f'<figcaption markdown="span">{caption}</figcaption>\n</figure>'
    )


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
        return figure_html(
            stem, lang, prefix, entry["alt"][lang], entry["caption"][lang], entry.get("lab")
        )

    return FIGURE.sub(expand, markdown)


def page_language(src_uri: str, fallback: str | None) -> str:
    """The page's language: its ``.zh.md`` / ``.en.md`` suffix, else ``fallback``."""
    match = LANG_SUFFIX.search(src_uri)
    if match:
        return match.group(1)
    if fallback in ("zh", "en"):
        return fallback
    raise PluginError(f"{src_uri}: cannot tell the page's language (no .zh.md/.en.md suffix)")


# --- build ---------------------------------------------------------------------------


def _script() -> ModuleType:
    # Loaded fresh from its path on every build; of the project it imports only the font's
    # path (neuron_demo.site.figures.font), never matplotlib.
    spec = importlib.util.spec_from_file_location("_build_figures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_stale() -> bool:
    """Whether any figure, the facts or the catalogue needs drawing (hashes files only)."""
    script = _script()
    key = script.cache_key()
    stamp = script._read_stamp(FIGURES)
    stems = stamp.get("stems") if stamp.get("catalogue_key") == key else None
    if stems is None or not script.catalogue_is_current(CATALOGUE_JSON, key):
        return True
    names = [f"{s}.{lang}.{theme}.svg" for s in stems for lang in script.LANGS for theme in THEMES]
    figures, facts_stale = script.stale(FIGURES, FACTS, names, stamp, key)
    return bool(figures) or facts_stale


class Drawing:
    """``scripts/build_figures.py`` running in the background while mkdocs builds pages.

    A fresh interpreter, so ``mkdocs serve`` never draws with stale modules. The script
    prints ``catalogue`` and ``facts`` as soon as those files are current; the hook waits
    for each only where it first needs it, and for the figures only where they are copied.
    """

    def __init__(self) -> None:
        # A file, not a pipe, so it never fills up; it lives as long as the drawing.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish()
        command = [sys.executable, str(SCRIPT), "--out", str(FIGURES), "--facts", str(FACTS)]
        command += ["--catalogue", str(CATALOGUE_JSON), "--announce", "--background"]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=self._stderr, text=True
        )
        self._ready: set[str] = set()
        self._error = ""

    def wait_for(self, what: str) -> None:
        """Return once the script has announced ``what`` (or has finished)."""
        while what not in self._ready:
            line = self._process.stdout.readline()
            if not line:
                self.finish()
                return
            self._ready.add(line.strip())

    def running(self) -> bool:
        """Whether the script is still drawing."""
        return self._process.poll() is None

    def finish(self) -> None:
        """Wait for the script to end; raise with its error output if it failed."""
        status = self._process.wait()
        if not self._stderr.closed:
            self._process.stdout.close()
            self._stderr.seek(0)
            self._error = self._stderr.read().decode("utf-8", "replace")
            self._stderr.close()
        if status:
            raise PluginError(f"scripts/build_figures.py failed:\n{self._error}")


_drawing: Drawing | None = None
_deferred: list[File] = []
_state: dict[str, Any] = {}


class FigureFile(File):
    """A generated SVG whose copy into the site waits until the drawing has finished.

    mkdocs copies static files in the middle of each language's build; deferring the copy
    to the end of the last one (``on_post_build``) keeps the drawing running alongside
    every page of both languages.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if _drawing is not None and _drawing.running():
            _deferred.append(self)
        else:
            super().copy_file(dirty)


def _load(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if PLAIN:
            return default
        raise


def _ready(what: str) -> Any:
    # The catalogue or the facts, loaded once per build, after the drawing has written them.
    if what not in _state:
        if _drawing is not None:
            _drawing.wait_for(what)
        path, default = (CATALOGUE_JSON, {"figures": {}}) if what == "catalogue" else (FACTS, {})
        loaded = _load(path, default)
        _state[what] = loaded["figures"] if what == "catalogue" else loaded
    return _state[what]


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    """Start drawing what is stale, in the background; forget the last build's data.

    With mkdocs-static-i18n this runs once per language: a drawing already running (the
    first language started it) is left alone, and the second language redraws nothing.
    """
    global _drawing
    _state.clear()
    if PLAIN or (_drawing is not None and _drawing.running()):
        return
    if _drawing is not None:
        _drawing.finish()  # it ended between two builds: raise if it failed
    _drawing = Drawing() if is_stale() else None


def _figure_names() -> list[str]:
    if PLAIN:  # whatever an earlier build left
        return sorted(path.name for path in FIGURES.glob("*.svg"))
    return [
        f"{stem}.{lang}.{theme}.svg"
        for stem in _ready("catalogue")
        for lang in LANGS
        for theme in THEMES
    ]


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every figure as ``figures/NAME`` (once per build, whatever i18n does)."""
    for name in _figure_names():
        src_uri = f"figures/{name}"
        if files.get_file_from_path(src_uri) is None:
            files.append(FigureFile.generated(config, src_uri, abs_src_path=str(FIGURES / name)))
    return files


def _i18n_language(config: MkDocsConfig) -> str | None:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) if plugin else None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the fact and figure markers of ``page``."""
    src = page.file.src_uri
    lang = page_language(src, _i18n_language(config))
    prefix = root_prefix(src)
    markdown = replace_figures(markdown, _ready("catalogue"), lang, prefix, src)
    return replace_facts(markdown, _ready("facts"), src, missing="…" if PLAIN else None)


@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Wait for the drawing and copy the figures whose copy was deferred.

    Priority −110: after mkdocs-static-i18n's ``on_post_build`` (−100), which builds the
    other languages, so the first language's build does not wait for the drawing.
    """
    global _drawing
    if _drawing is not None:
        _drawing.finish()
        _drawing = None
    while _deferred:
        File.copy_file(_deferred.pop(), dirty=False)


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when the package or the scripts change."""
    for folder in ("src", "scripts"):
        server.watch(str(ROOT / folder))
    return server
