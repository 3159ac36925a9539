"""The site's visual language, written down once: colours, type sizes, line widths, marks.

Everything that draws for the site takes its look from here: the figures (through
`neuron_demo.site.figures.style`), the notebook's figures (`use_site_style()`) and the neuron
lab, whose stylesheet ``docs/assets/lab/lab.css`` repeats the three line colours as
``--nl-quadratic``, ``--nl-cross-entropy`` and ``--nl-book-widget`` (a test holds them
equal). No matplotlib here, so the site's hooks can recolour an SVG cheaply.

Colours
    One colour per cost, in every figure, notebook and the lab: the quadratic cost is
    Okabe–Ito vermilion, the cross-entropy Okabe–Ito blue, and the third line (σ′, the book
    widget) Okabe–Ito bluish green. The pair orange/blue stays apart under every common
    colour-vision deficiency. Each is darkened on the light page and lightened on the dark
    one until it reads as *text* (WCAG 4.5:1), because the figures label curves in their
    colour; lines need only 3:1. Contrast against each theme's background:

    ============= ================ ================ =============================
    role          light (#ffffff)  dark (#1e2129)   used for
    ============= ================ ================ =============================
    quadratic     #c45200  4.6:1   #f5a04f  7.7:1   the quadratic cost
    cross_entropy #0072b2  5.2:1   #56b4e9  7.0:1   the cross-entropy cost, σ
    accent        #008060  4.9:1   #3cc79b  7.5:1   σ′, the book widget
    foreground    #212121 16.1:1   #bfc1c6  8.9:1   text
    muted         #757575  4.6:1   #8c8e95  4.9:1   secondary text, axes, guides
    grid          #e0e0e0          #363840          grid lines, shading (no text)
    never         #c8c8c8          #4a4d57          cells that never learn
    ============= ================ ================ =============================

    The backgrounds are mkdocs-material's: white for its ``default`` scheme, and
    ``hsl(225, 15%, 14%)`` for ``slate``. Marks over a colormap (viridis, the same in both
    themes) are `ON_COLORMAP` near-white with an `ON_COLORMAP_EDGE` near-black rim, so they
    show on its dark purple, on its yellow and on the grey hatching of cells that never learn.

Type and lines
    `FONT_SIZE` pt for labels and `SMALL_FONT_SIZE` pt for ticks and legends, on a figure
    `FIGURE_WIDTH_IN` wide (672 CSS px, Material's content column; a 13 pt label is still
    9 px on a 360 px phone). Curves are `LINE_WIDTH` pt, guides `GUIDE_WIDTH` pt.
    Maths in labels is mathtext (``$w$``, ``$\\eta$``), italic as in the prose.

Annotations
    A label next to data is offset from it and sits on a box of the page's colour
    (`Palette.annotation_box`), so that no curve runs through it; legends go where no data is,
    outside the axes when a panel has no empty corner. ``tests/test_figures.py`` checks every
    figure for labels touching data or each other, and for clipped markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from neuron_demo.site import THEMES

FIGURE_WIDTH_IN = 7.0
"""504 pt = 672 CSS px: the width of mkdocs-material's content column."""

FONT_SIZE = 13
SMALL_FONT_SIZE = 12
LINE_WIDTH = 2.2
GUIDE_WIDTH = 1.5
MARKER_SIZE = 7.0


@dataclass(frozen=True)
class Palette:
    """The colours of one theme (see the module's table)."""

    background: str
    foreground: str
    muted: str
    grid: str
    quadratic: str
    cross_entropy: str
    accent: str
    never: str
    colormap: str

    def annotation_box(self) -> dict[str, object]:
        """The box under a label that sits next to data: the page's colour, no edge, so that
        no line runs through the label."""
        return {"boxstyle": "round,pad=0.15", "facecolor": self.background, "lw": 0}

    def cost(self, name: str) -> str:
        """The colour of the cost ``name`` (``"quadratic"`` or ``"cross-entropy"``)."""
        if name not in ("quadratic", "cross-entropy"):
            raise ValueError(f"name must be quadratic or cross-entropy, got {name!r}")
        return self.quadratic if name == "quadratic" else self.cross_entropy


PALETTES: dict[str, Palette] = {
    # mkdocs-material "default": text is black at 87 % on white.
    "light": Palette(
        background="#ffffff",
        foreground="#212121",
        muted="#757575",
        grid="#e0e0e0",
        quadratic="#c45200",
        cross_entropy="#0072b2",
        accent="#008060",
        never="#c8c8c8",
        colormap="viridis",
    ),
    # mkdocs-material "slate": hsla(225, 15%, 90%, 0.82) on hsl(225, 15%, 14%).
    "dark": Palette(
        background="#1e2129",
        foreground="#bfc1c6",
        muted="#8c8e95",
        grid="#363840",
        quadratic="#f5a04f",
        cross_entropy="#56b4e9",
        accent="#3cc79b",
        never="#4a4d57",
        colormap="viridis",
    ),
}

LAB_COLOURS = {
    "--nl-quadratic": "quadratic",
    "--nl-cross-entropy": "cross_entropy",
    "--nl-book-widget": "accent",
}
"""The lab stylesheet's colour variables and the palette colour each one repeats."""

ON_COLORMAP = "#fefefe"
"""Marks drawn over a colormap (paths, start markers): near-white in both themes, and not
``#ffffff``, which is the light theme's background and so is swapped by `recolour()`."""

ON_COLORMAP_EDGE = "#141414"
"""The dark rim of marks over a colormap, the same in both themes."""


def palette(theme: str) -> Palette:
    """The palette of ``theme`` (``"light"`` or ``"dark"``)."""
    if theme not in PALETTES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    return PALETTES[theme]


def _colour_swap(source: str, target: str) -> dict[str, str]:
    names = [f.name for f in fields(Palette) if f.name != "colormap"]
    pairs = {getattr(palette(source), n): getattr(palette(target), n) for n in names}
    assert len(pairs) == len(names), "palette colours must differ"
    assert not {ON_COLORMAP, ON_COLORMAP_EDGE} & set(pairs)
    return pairs


def recolour(svg: bytes, source: str, target: str) -> bytes:
    """An SVG drawn in the ``source`` theme, with each palette colour swapped for ``target``'s.

    Figures take every theme-dependent colour from their palette and nothing else differs
    between the themes (the colormap is shared), so the dark figure is the light one
    recoloured: half the drawing of a cold build, and the notebook's figures, drawn once in
    the light palette, get their dark twin the same way. ``tests/test_figures.py`` checks,
    figure by figure, that this equals a dark figure drawn from scratch (element ids aside).
    """
    swap = _colour_swap(source, target)
    pattern = re.compile("|".join(re.escape(colour) for colour in swap))
    return pattern.sub(lambda match: swap[match.group(0)], svg.decode("utf-8")).encode("utf-8")
