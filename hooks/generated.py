"""mkdocs hook: the site's generated content, made current and put into the pages.

- ``on_config``: start bringing ``generated/site/`` up to date (`neuron_demo.site.build`:
  facts, figures, executed notebooks), in a process of its own, so that MkDocs reads the
  pages meanwhile; nothing starts when all is current. Every later event waits for what
  it needs, and only for that.
- ``on_files``: add this project's figures, ``figures/STEM.LANG.THEME.svg``; ``on_env``,
  the last event before MkDocs copies them, waits until they are drawn.
- ``on_page_markdown``: fill in what a page asks for, each an error naming the page when
  the name is unknown:
  ``<!-- fact:KEY -->`` the fact's value (inside maths as TeX, so that a formula holds its
  value whole: ``$\\eta = <!-- fact:story.eta -->$``); ``![alt](figure:STEM)`` the figure,
  as a light and a dark image (``#only-light``/``#only-dark``, Material's theme switch)
  with the page's alt text; ``[words](lab:STEM)`` a link to the lab set up as the figure
  shows it; ``<!-- lab:setups -->`` the lab's setups as JSON.
- ``on_post_page``: each figure's ``<img>`` gets the figure's width and height, so that
  the page keeps its room while it loads and the text below does not move.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from neuron_demo.site import THEMES, build
from neuron_demo.site.figures.palette import svg_size

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "site"


FACT = re.compile(r"<!-- fact:([\w.\-]+) -->")
# Maths as arithmatex finds it: $$ display $$, and $inline$ on one line (an opening "$"
# followed by a space is a shell prompt, not maths). A fact inside maths is TeX there.
MATHS = re.compile(r"\$\$.*?\$\$|(?<![\\$])\$(?![\s$])(?:[^$\\\n]|\\.)+?\$", re.DOTALL)
# What TeX reads as markup in a value; "54%" would otherwise start a comment.
TEX_SPECIAL = re.compile(r"([%#&_$])")
FIGURE = re.compile(r"^!\[([^\]]*)\]\(figure:([\w\-]+)\)[ \t]*$", re.MULTILINE)
LAB_LINK = re.compile(r"\]\(lab:([\w\-]+)\)")
LAB_SETUPS = "<!-- lab:setups -->"
FIGURE_IMG = re.compile(
    r'<img\b[^>]*\bsrc="[^"]*\bfigures/([\w\-]+\.\w+\.\w+\.svg)#[^"]*"[^>]*?(?= ?/?>)'
)


def _json(name: str) -> dict:
    return json.loads((GENERATED / name).read_text(encoding="utf-8"))


def root_prefix(src_uri: str) -> str:
    """The relative path from the page's source file to the docs root ("." at the top).

    mkdocs resolves a Markdown link against the page's *source* and rewrites it relative
    to the page's *URL*, checking that the target exists.
    """
    return "/".join([".."] * src_uri.count("/")) or "."


def _at_root(prefix: str, *parts: str) -> str:
    # "./figures/x.svg" would also resolve, but mkdocs flags a leading "./" as unusual.
    return posixpath.join(*parts) if prefix == "." else posixpath.join(prefix, *parts)


def expand(markdown: str, *, page: str, lang: str, facts: dict, labs: dict, setups: dict) -> str:
    """``markdown`` with every fact, figure, lab link and lab setups filled in."""
    prefix = root_prefix(page)

    def known(table: dict, name: str, what: str) -> dict | str:
        if name not in table:
            raise PluginError(f"{page}: unknown {what} {name!r}")
        return table[name]

    def figure(match: re.Match[str]) -> str:
        alt, stem = match.groups()
        known(labs, stem, "figure")
        return "\n".join(
            f"![{alt}]({_at_root(prefix, 'figures', f'{stem}.{lang}.{theme}.svg')}"
            f"#only-{theme}){{ loading=lazy }}"
            for theme in THEMES
        )

    def lab(match: re.Match[str]) -> str:
        query = known(labs, match.group(1), "figure")["lab"]
        if query is None:
            raise PluginError(f"{page}: figure {match.group(1)!r} has no lab setup")
        return f"]({_at_root(prefix, 'practice', 'lab.md')}?{query})"

    def fact(match: re.Match[str], *, tex: bool = False) -> str:
        value = known(facts, match.group(1), "fact key")
        return TEX_SPECIAL.sub(r"\\\1", value) if tex else value

    # Facts inside maths first, as TeX ($\eta = <!-- fact:story.eta -->$), then the rest.
    markdown = MATHS.sub(lambda m: FACT.sub(lambda f: fact(f, tex=True), m.group()), markdown)
    markdown = FACT.sub(fact, markdown)
    markdown = markdown.replace(LAB_SETUPS, json.dumps(setups, separators=(",", ":")))
    return LAB_LINK.sub(lab, FIGURE.sub(figure, markdown))


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
    return expand(
        markdown,
        page=page.file.src_uri,
        lang=config.theme["language"],
        facts=_json(build.FACTS),
        labs=_json(build.CATALOGUE_JSON),
        setups=_json(build.LAB),
    )


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Write each figure's size on its ``<img>`` (the figures are drawn: see ``on_env``)."""

    def sized(match: re.Match[str]) -> str:
        width, height = svg_size((GENERATED / build.FIGURES / match.group(1)).read_bytes())
        return f'{match.group(0)} width="{width}" height="{height}"'

    return FIGURE_IMG.sub(sized, output)
