"""What a page asks the site for, filled in: facts, figures, lab links and the lab's setups.

Each is an error naming the page when the name is unknown:
``<!-- fact:KEY -->`` the fact's value (inside maths as TeX, so that a formula holds its
value whole: ``$\\eta = <!-- fact:story.eta -->$``); ``![alt](figure:STEM)`` the figure,
as a light and a dark image (``#only-light``/``#only-dark``, Material's theme switch)
with the page's alt text; ``[words](lab:STEM)`` a link to the lab set up as the figure
shows it; ``<!-- lab:setups -->`` the lab's setups as JSON. Once the page is HTML, each
figure's ``<img>`` gets the figure's width and height, so that the page keeps its room
while it loads and the text below does not move.

Functions of the page's text, the facts and the catalogue (what `neuron_demo.site.build`
writes), for hooks/generated.py: no MkDocs here, only the standard library and the package.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from neuron_demo.site import THEMES
from neuron_demo.site.figures.palette import svg_size

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
    """``markdown`` with every fact, figure, lab link and lab setups filled in.

    Raises ValueError, naming the page, on an unknown fact or figure, or a lab link to a
    figure without a lab setup.
    """
    prefix = root_prefix(page)

    def known(table: dict, name: str, what: str) -> dict | str:
        if name not in table:
            raise ValueError(f"{page}: unknown {what} {name!r}")
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
            raise ValueError(f"{page}: figure {match.group(1)!r} has no lab setup")
        return f"]({_at_root(prefix, 'practice', 'lab.md')}?{query})"

    def fact(match: re.Match[str], *, tex: bool = False) -> str:
        value = known(facts, match.group(1), "fact key")
        return TEX_SPECIAL.sub(r"\\\1", value) if tex else value

    # Facts inside maths first, as TeX ($\eta = <!-- fact:story.eta -->$), then the rest.
    markdown = MATHS.sub(lambda m: FACT.sub(lambda f: fact(f, tex=True), m.group()), markdown)
    markdown = FACT.sub(fact, markdown)
    markdown = markdown.replace(LAB_SETUPS, json.dumps(setups, separators=(",", ":")))
    return LAB_LINK.sub(lab, FIGURE.sub(figure, markdown))


def with_figure_sizes(html: str, figures: Path) -> str:
    """``html`` with each figure's size on its ``<img>``, read from the figure's SVG in the
    folder ``figures``."""

    def sized(match: re.Match[str]) -> str:
        width, height = svg_size((figures / match.group(1)).read_bytes())
        return f'{match.group(0)} width="{width}" height="{height}"'

    return FIGURE_IMG.sub(sized, html)
