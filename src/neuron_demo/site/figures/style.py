"""How every figure looks: the palettes and sizes of `palette` as rcParams, the fonts, the
layout and the SVG writer.

Fonts: ``font.family = ["DejaVu Sans", "Noto Sans SC"]`` makes matplotlib fall back per
glyph, so Latin text, digits and Greek look identical in both languages and only CJK glyphs
come from Noto Sans SC (from npm, SIL Open Font Licence; see `neuron_demo.site.figures.font`).
Maths is mathtext (``$w$``), which has no such fallback: it draws the words outside the
dollars in a label's first font, so a label that mixes Chinese and maths gets the CJK font
first (`fit_cjk_maths`, run by the layout engine `SiteLayout` before every layout), and keeps
its Latin letters and digits inside the dollars, where DejaVu draws them. Matplotlib only
*warns* when a glyph is missing and draws a box; :func:`glyph_guard` turns that into
:class:`MissingGlyphError`, so a broken Chinese figure fails the build.

Text is written as paths (``svg.fonttype = "path"``), not as ``<text>``: the site serves no
web fonts, and with ``<text>`` each reader's own fonts would draw the labels (a desktop
without a CJK font shows boxes, and other fonts have other widths, so labels laid out by
matplotlib could overlap). Paths cost about twice the bytes, but glyphs are defined once
per file and reused, so a figure stays in the tens of kilobytes, and what the build checked
is exactly what every reader sees.

Nothing here touches pyplot: figures are plain :class:`matplotlib.figure.Figure` objects
drawn under :func:`themed`, a scoped ``rc_context``. `use_site_style()` gives notebooks and
scripts the same look through pyplot.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator

import matplotlib as mpl
from cycler import cycler
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from neuron_demo.site import LANGS

from .font import CJK_FONT_FAMILY, FONT_FAMILY, register_cjk_font
from .palette import (
    FIGURE_WIDTH_IN,
    FONT_SIZE,
    LINE_WIDTH,
    MARKER_SIZE,
    ON_COLORMAP,
    ON_COLORMAP_EDGE,
    PALETTES,
    SMALL_FONT_SIZE,
    Palette,
    palette,
    recolour,
)

__all__ = [
    "FIGURE_WIDTH_IN",
    "ON_COLORMAP",
    "ON_COLORMAP_EDGE",
    "PALETTES",
    "SVG_METADATA",
    "MissingGlyphError",
    "Palette",
    "SiteLayout",
    "check_lang",
    "fit_cjk_maths",
    "glyph_guard",
    "palette",
    "png_bytes",
    "rc_params",
    "recolour",
    "svg_bytes",
    "themed",
    "use_site_style",
]

SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""No date and no software version in the files: two runs give the same bytes."""


class MissingGlyphError(RuntimeError):
    """A character of a label has no glyph in any configured font."""


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a site language, else raise a one-line ValueError."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def rc_params(theme: str) -> dict[str, object]:
    """The rcParams for ``theme``: fonts, sizes readable on a phone, colours, SVG output.

    The colour cycle starts with the costs in `neuron_demo.COST_NAMES` order (quadratic,
    cross-entropy), so that plain ``ax.plot`` calls in that order get the site's colours.
    """
    p = palette(theme)
    return {
        "font.family": FONT_FAMILY,
        "mathtext.fontset": "dejavusans",
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": SMALL_FONT_SIZE,
        "ytick.labelsize": SMALL_FONT_SIZE,
        "legend.fontsize": SMALL_FONT_SIZE,
        "lines.linewidth": LINE_WIDTH,
        "lines.markersize": MARKER_SIZE,
        "axes.prop_cycle": cycler(color=[p.quadratic, p.cross_entropy, p.accent, p.muted]),
        "figure.figsize": (FIGURE_WIDTH_IN, 3.6),
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


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_MATHS = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")


def fit_cjk_maths(figure: Figure) -> None:
    """Give every text of ``figure`` that mixes Chinese and mathtext the CJK font first.

    Mathtext draws the words outside the dollars in the text's first font, without the
    per-glyph fallback of plain text: with DejaVu Sans first, "输出 $a$" loses its Chinese.
    Latin letters and digits of such a label belong inside the dollars (`latin_outside_maths`).
    """
    for text in figure.findobj(Text):
        content = text.get_text()
        if _CJK.search(content) and _MATHS.search(content):
            text.set_fontfamily([CJK_FONT_FAMILY, *FONT_FAMILY])


def latin_outside_maths(content: str) -> str:
    """The Latin letters and digits a label mixing Chinese and maths has outside its maths.

    They would be drawn in the CJK font's Latin, unlike every other figure text; a test
    keeps this empty for the site's figures.
    """
    if not (_CJK.search(content) and _MATHS.search(content)):
        return ""
    return "".join(re.findall(r"[A-Za-z0-9]", _MATHS.sub("", content)))


class SiteLayout(ConstrainedLayoutEngine):
    """Constrained layout that first fits the fonts of labels mixing Chinese and maths.

    The layout engine is what matplotlib runs before every draw and every layout
    measurement, so a label's font is right whenever its size is measured.
    """

    def execute(self, fig: Figure) -> dict:
        fit_cjk_maths(fig)
        return super().execute(fig)


_PYPLOT_HOOK = f"{__name__}:use_site_layout"


def use_site_layout(figure: Figure) -> None:
    """Give a pyplot figure `SiteLayout` in place of plain constrained layout (a hook that
    `use_site_style()` adds to ``rcParams["figure.hooks"]``)."""
    engine = figure.get_layout_engine()
    if engine is None or type(engine) is ConstrainedLayoutEngine:
        params = {} if engine is None else engine.get()
        figure.set_layout_engine(SiteLayout(**params))


def use_site_style() -> None:
    """Draw with pyplot as the site's figures are drawn: for notebooks and scripts.

    The light palette (the costs' colours first in the colour cycle, see `rc_params`), the
    site's type sizes and fonts (with Noto Sans SC for Chinese), a figure as wide as the
    page's column, SVG text as paths, and constrained layout that gets labels mixing
    Chinese and maths right. The site shows a notebook's SVG figures in both themes,
    recoloured for the dark one as its own figures are.

    Raises
    ------
    FileNotFoundError
        If the CJK font file is missing (run ``npm ci``, or ``./dev setup``).
    """
    register_cjk_font()
    mpl.rcParams.update(rc_params("light"))
    mpl.rcParams["figure.constrained_layout.use"] = True
    hooks = [hook for hook in mpl.rcParams["figure.hooks"] if hook != _PYPLOT_HOOK]
    mpl.rcParams["figure.hooks"] = [*hooks, _PYPLOT_HOOK]


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
