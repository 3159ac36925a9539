"""mkdocs hook: the site's generated content, made current and put into the pages.

- ``on_config``: start bringing ``generated/site/`` up to date (`neuron_demo.site.build`:
  facts, figures, executed notebooks), in a process of its own, so that MkDocs reads the
  pages meanwhile; nothing starts when all is current. Every later event waits for what
  it needs, and only for that.
- ``on_files``: add this project's figures, ``figures/STEM.LANG.THEME.svg``; ``on_env``,
  the last event before MkDocs copies them, waits until they are drawn.
- ``on_page_markdown``: fill in the facts (``<!-- fact:KEY -->``), figures
  (``![alt](figure:STEM)``), lab links (``[words](lab:STEM)``) and the lab's setups
  (``<!-- lab:setups -->``) a page asks for, an unknown name an error naming the page;
  ``on_post_page``: each figure's ``<img>`` gets the figure's width and height
  (`neuron_demo.site.pages`).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from neuron_demo.site import THEMES, build
from neuron_demo.site.pages import expand, with_figure_sizes

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "site"


def _json(name: str) -> dict:
    return json.loads((GENERATED / name).read_text(encoding="utf-8"))


def wait(what: str) -> None:
    """Return once ``what`` is current in generated/site/ (see `neuron_demo.site.build`)."""
    try:
        build.wait(GENERATED, build.site_notebooks(ROOT / "docs"), what)
    except RuntimeError as error:  # e.g. a notebook that does not run: one line
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> None:
    """Start remaking what is stale (both projects call it; the first starts the work)."""
    build.start(GENERATED, build.site_notebooks(ROOT / "docs"))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add this project's figures (in its language), both themes, drawn or to be drawn."""
    wait("catalogue")
    lang = config.theme["language"]
    for stem in _json(build.CATALOGUE_JSON):
        for theme in THEMES:
            name = f"{stem}.{lang}.{theme}.svg"
            path = GENERATED / build.FIGURES / name
            files.append(File.generated(config, f"figures/{name}", abs_src_path=str(path)))
    return files


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Wait until the figures are drawn: MkDocs copies them next."""
    wait("figures")
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the page's facts, figures and lab links."""
    wait("facts")
    facts, labs, setups = (_json(name) for name in (build.FACTS, build.CATALOGUE_JSON, build.LAB))
    try:
        return expand(
            markdown,
            page=page.file.src_uri,
            lang=config.theme["language"],
            facts=facts,
            labs=labs,
            setups=setups,
        )
    except ValueError as error:  # an unknown fact or figure
        raise PluginError(str(error)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Write each figure's size on its ``<img>`` (the figures are drawn: see ``on_env``)."""
    return with_figure_sizes(output, GENERATED / build.FIGURES)
