"""How every figure looks: the site's two palettes, the fonts, and the SVG writer.

The palettes follow mkdocs-material's default scheme (primary indigo ``#4051b5`` on white)
and its ``slate`` scheme (``hsl(225, 15%, 14%)`` background), so a figure sits on the page
as if it were part of it. Colours for the two costs stay the same across all figures:
the quadratic cost is always orange, the cross-entropy always indigo.

Fonts: ``font.family = ["DejaVu Sans", "Noto Sans SC"]`` makes matplotlib fall back per
glyph, so Latin text, digits and Greek look identical in both languages and only CJK glyphs
come from Noto Sans SC (from npm, SIL Open Font Licence; see `neuron_demo.site.figures.font`). Matplotlib
only *warns* when a glyph is missing and draws a box; :func:`glyph_guard` turns that into
:class:`MissingGlyphError`, so a broken Chinese figure fails the build.

Text is written as paths (``svg.fonttype = "path"``), not as ``<text>``: the site serves no
web fonts, and with ``<text>`` each reader's own fonts would draw the labels (a desktop
without a CJK font shows boxes, and other fonts have other widths, so labels laid out by
matplotlib could overlap). Paths cost about twice the bytes, but glyphs are defined once
per file and reused, so a figure stays in the tens of kilobytes, and what the build checked
is exactly what every reader sees.

Nothing here touches pyplot: figures are plain :class:`matplotlib.figure.Figure` objects
drawn under :func:`themed`, a scoped ``rc_context``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from neuron_demo.site import LANGS, THEMES

from .font import FONT_FAMILY, register_cjk_font


FIGURE_WIDTH_IN = 7.0
"""504 pt = 672 CSS px: the width of mkdocs-material's content column."""

SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""No date and no software version in the files: two runs give the same bytes."""


class MissingGlyphError(RuntimeError):
    """A character of a label has no glyph in any configured font."""


@dataclass(frozen=True)
class Palette:
    """The colours of one theme."""

    background: str
    foreground: str
    muted: str
    grid: str
    quadratic: str
    cross_entropy: str
    accent: str
    never: str
    colormap: str


PALETTES: dict[str, Palette] = {
    # mkdocs-material "default": text is black at 87 % on white.
    "light": Palette(
        background="#ffffff",
        foreground="#212121",
        muted="#757575",
        grid="#e0e0e0",
        quadratic="#d55e00",
        cross_entropy="#3f51b5",
        accent="#00875a",
        never="#c8c8c8",
        colormap="viridis",
    ),
    # mkdocs-material "slate": hsla(225, 15%, 90%, 0.82) on hsl(225, 15%, 14%).
    "dark": Palette(
        background="#1e2129",
        foreground="#bfc1c6",
        muted="#8c8e95",
        grid="#363840",
        quadratic="#ff9f5a",
        cross_entropy="#8c9eff",
        accent="#4fd1a1",
        never="#4a4d57",
        colormap="viridis",
    ),
}


ON_COLORMAP = "#fefefe"
"""Marks drawn over a colormap (paths, start markers): near-white in both themes, and not
``#ffffff``, which is the light theme's background and so is swapped by `recolour()`."""


def _colour_swap(source: str, target: str) -> dict[str, str]:
    pairs = {
        getattr(PALETTES[source], name): getattr(PALETTES[target], name)
        for name in Palette.__dataclass_fields__
        if name != "colormap"
    }
    assert len(pairs) == len(Palette.__dataclass_fields__) - 1, "palette colours must differ"
    assert ON_COLORMAP not in pairs
    return pairs


def recolour(svg: bytes, source: str, target: str) -> bytes:
    """An SVG drawn in the ``source`` theme, with each palette colour swapped for ``target``'s.

    Figures take every theme-dependent colour from their palette and nothing else differs
    between the themes (the colormap is shared), so the dark figure is the light one
    recoloured: half the drawing of a cold build. ``tests/test_figures.py`` checks, figure
    by figure, that this equals a dark figure drawn from scratch (element ids aside).
    """
    palette(source), palette(target)  # validate both names
    swap = _colour_swap(source, target)
    pattern = re.compile("|".join(re.escape(colour) for colour in swap))
    return pattern.sub(lambda match: swap[match.group(0)], svg.decode("utf-8")).encode("utf-8")


def palette(theme: str) -> Palette:
    """The palette of ``theme`` (``"light"`` or ``"dark"``)."""
    if theme not in PALETTES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    return PALETTES[theme]


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a site language, else raise a one-line ValueError."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def rc_params(theme: str) -> dict[str, object]:
    """The rcParams for ``theme``: fonts, sizes readable on a phone, colours, SVG output."""
    p = palette(theme)
    return {
        "font.family": FONT_FAMILY,
        "mathtext.fontset": "dejavusans",
        # At 672 px a 13 pt (17 px) label is still 9 px on a 360 px phone.
        "font.size": 13,
        "axes.titlesize": 13,
        "axes.labelsize": 13,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
        "lines.linewidth": 2.2,
        "figure.facecolor": p.background,
        "savefig.facecolor": p.background,
        "axes.facecolor": p.background,
        "axes.edgecolor": p.muted,
        "axes.labelcolor": p.foreground,
        "axes.titlecolor": p.foreground,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": p.grid,
        "grid.linewidth": 0.8,
        "xtick.color": p.muted,
        "ytick.color": p.muted,
        "xtick.labelcolor": p.foreground,
        "ytick.labelcolor": p.foreground,
        "text.color": p.foreground,
        "legend.frameon": False,
        "legend.labelcolor": p.foreground,
        "svg.fonttype": "path",
        "svg.hashsalt": "neuron-demo",
        "svg.image_inline": True,
        "savefig.dpi": 150,  # only rasterised heatmap cells use it
    }


@contextlib.contextmanager
def themed(theme: str) -> Iterator[Palette]:
    """Apply the rcParams of ``theme`` for the duration of the block; yield its palette."""
    register_cjk_font()
    with mpl.rc_context(rc_params(theme)):
        yield palette(theme)


_MISSING_GLYPH = re.compile(r"glyph.*missing|missing.*glyph|does not have a glyph", re.IGNORECASE)


class _GlyphLogHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _MISSING_GLYPH.search(message):
            self.messages.append(message)


@contextlib.contextmanager
def glyph_guard() -> Iterator[None]:
    """Raise :class:`MissingGlyphError` if drawing inside the block lacked any glyph.

    Matplotlib reports a missing glyph as a ``UserWarning`` (text) or a log record
    (mathtext) and carries on; both are caught here. Other warnings are re-issued unchanged.
    """
    handler = _GlyphLogHandler()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(handler)
    missing = handler.messages + [
        str(w.message) for w in caught if _MISSING_GLYPH.search(str(w.message))
    ]
    if missing:
        raise MissingGlyphError(missing[0])
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def svg_bytes(figure: Figure, theme: str) -> bytes:
    """Render ``figure`` as reproducible SVG; raise :class:`MissingGlyphError` if a glyph is
    missing.

    The layout is computed once, with the SVG renderer's own text metrics, and then fixed:
    ``savefig`` on a figure with a layout engine first draws the whole figure without output
    just to run the layout, then draws it again, and that first draw was a fifth of a cold
    build's drawing time.
    """
    buffer = io.BytesIO()
    with themed(theme), glyph_guard():
        FigureCanvasSVG(figure)  # layout measures text as the SVG writer will draw it
        engine = figure.get_layout_engine()
        if engine is not None:
            engine.execute(figure)
            figure.set_layout_engine(None)  # removed: "none" leaves a placeholder engine
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return buffer.getvalue()


def png_bytes(figure: Figure, theme: str, dpi: int = 100) -> bytes:
    """Render ``figure`` as PNG (previews only; the site uses SVG)."""
    buffer = io.BytesIO()
    with themed(theme), glyph_guard():
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
