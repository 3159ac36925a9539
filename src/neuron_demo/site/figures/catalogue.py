"""The catalogue: every figure of the site, its file stem, its data and its lab setup.

A page shows a figure as ``![alt text](figure:STEM)`` inside a ``<figure>`` with its
caption: the words live in the page, in its language, with fact markers for their
numbers. `neuron_demo.site.build` draws ``STEM.LANG.THEME.svg`` from
``plot(data(), lang, theme)``; a caption's ``[…](lab:STEM)`` link opens the lab on the
figure's setup, `FigureSpec.lab`, taken from the library's constants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from matplotlib.figure import Figure

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA
from neuron_demo.setups import FAR_START, NEAR_START, STORY_EPOCHS, STORY_ETA, STORY_X, STORY_Y
from . import data, plots
from .style import check_lang, recolour, svg_bytes

_N, _F = NEAR_START, FAR_START
_LIGHT_SVG: dict[tuple[str, str], bytes] = {}
"""Light SVGs drawn in this process, by (stem, lang): the dark ones are recoloured copies."""


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its stem, how to compute and draw it, and the lab's setup for it."""

    stem: str
    data: Callable[[], Any]
    plot: Callable[[Any, str, str], Figure]
    lab: dict[str, object] | None = None
    """The lab's setup for this figure (its link parameters), if it shows a run or a setting."""

    def lab_query(self) -> str | None:
        """The query string that opens the lab on this figure's setup, or None."""
        return (
            None
            if self.lab is None
            else urlencode(
                {k: f"{v:g}" if isinstance(v, float) else str(v) for k, v in self.lab.items()}
            )
        )

    def figure(self, lang: str, theme: str) -> Figure:
        """The figure in ``lang`` and ``theme``."""
        return self.plot(self.data(), check_lang(lang), theme)

    def svg(self, lang: str, theme: str) -> bytes:
        """The figure as reproducible SVG bytes (raises on a missing glyph).

        Only the light theme is drawn; any other is the light SVG recoloured (see
        `recolour()`), which halves the drawing.
        """
        key = (self.stem, check_lang(lang))
        if key not in _LIGHT_SVG:
            _LIGHT_SVG[key] = svg_bytes(self.figure(lang, "light"), "light")
        light = _LIGHT_SVG[key]
        return light if theme == "light" else recolour(light, "light", theme)

    def filename(self, lang: str, theme: str) -> str:
        """``STEM.LANG.THEME.svg``."""
        return f"{self.stem}.{lang}.{theme}.svg"


def _lab(cost: str, start: tuple[float, float], **changes: object) -> dict[str, object]:
    # The lab's link parameters (docs/assets/lab/lab.js reads them): the story's setup.
    w, b = start
    setup = {"cost": cost, "task": "single", "w": w, "b": b, "x": STORY_X, "y": STORY_Y}
    return {**setup, "eta": STORY_ETA, "epochs": STORY_EPOCHS, **changes}


def _run(cost: str, where: str, start: tuple[float, float]) -> FigureSpec:
    return FigureSpec(
        stem=f"run-{cost}-{where}",
        data=partial(data.story_run, f"{cost}-{where}"),
        plot=plots.run_figure,
        lab=_lab(cost, start),
    )


FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        stem="cost-vs-output",
        data=data.cost_curves,
        plot=plots.cost_curves_figure,
    ),
    FigureSpec(
        stem="sigmoid",
        data=data.sigmoid_curves,
        plot=plots.sigmoid_figure,
    ),
    _run("quadratic", "near", _N),
    _run("quadratic", "far", _F),
    _run("cross-entropy", "near", _N),
    _run("cross-entropy", "far", _F),
    FigureSpec(
        stem="far-start-comparison",
        data=data.far_runs,
        plot=plots.far_start_figure,
        lab=_lab("both", _F),
    ),
    FigureSpec(
        stem="gradient-vs-output",
        data=data.gradient_curves,
        plot=plots.gradient_figure,
    ),
    FigureSpec(
        stem="cost-surfaces",
        data=data.cost_surfaces,
        plot=plots.cost_surface_figure,
        lab=_lab("both", _F, task="inverter", epochs=data.INVERTER_BUDGET),
    ),
    FigureSpec(
        stem="learning-heatmap-inverter",
        data=data.inverter_heatmap,
        plot=plots.inverter_heatmap_figure,
        lab=_lab("both", _F, task="inverter", epochs=data.INVERTER_BUDGET),
    ),
    FigureSpec(
        stem="learning-heatmap-z0-eta",
        data=data.z0_eta_heatmap,
        plot=plots.z0_eta_heatmap_figure,
        lab=_lab("both", _F),
    ),
    FigureSpec(
        stem="eta-sweep",
        data=data.eta_sweep,
        plot=plots.eta_sweep_figure,
        lab=_lab("both", _F),
    ),
    FigureSpec(
        stem="book-widget",
        data=data.book_widget,
        plot=plots.book_widget_figure,
        lab=_lab("widget", _F, eta=BOOK_CROSS_ENTROPY_ETA),
    ),
    FigureSpec(
        stem="backprop-chain",
        data=data.backprop_chain,
        plot=plots.backprop_chain_figure,
    ),
)

CATALOGUE: dict[str, FigureSpec] = {spec.stem: spec for spec in FIGURES}
"""The figures by stem, in the order of the story."""


def get_figure(stem: str) -> FigureSpec:
    """The figure ``stem``; a one-line ValueError lists the known stems otherwise."""
    if stem not in CATALOGUE:
        raise ValueError(f"stem must be one of {', '.join(CATALOGUE)}, got {stem!r}")
    return CATALOGUE[stem]


def render(job: tuple[str, str, str]) -> bytes:
    """SVG bytes of ``(stem, lang, theme)``: a module-level function, so worker processes
    can receive it."""
    stem, lang, theme = job
    return get_figure(stem).svg(lang, theme)
