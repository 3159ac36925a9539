"""Every figure, in both languages, as laid out for the site: labels clear of the data and of
each other, markers whole, nothing cut off at the figure's edge.

Measured on the figure objects in display coordinates after the build's own layout
(`svg_bytes`), not on pixels: a label is its text's box (with its background box, if any),
a curve is its polyline clipped to its axes, a marker is a disc of its size.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from neuron_demo.site.figures import CATALOGUE
from neuron_demo.site.figures.style import latin_outside_maths, svg_bytes

TOUCH_PX = 1.0
"""A label this close to data touches it (labels must only not overlap: a legend's box and a
line's extent already hold some space around their glyphs)."""

NO_LINE = ("None", "none", "", " ")


def laid_out(figure: Figure) -> RendererBase:
    """Lay ``figure`` out as the build does, draw it once, and return the renderer."""
    svg_bytes(figure, "light")
    figure.draw_without_rendering()
    return figure._get_renderer()


def _box(artist: Text | Legend, renderer: RendererBase) -> Bbox:
    box = artist.get_window_extent(renderer)
    patch = artist.get_bbox_patch() if isinstance(artist, Text) else None
    if patch is not None:
        box = Bbox.union([box, patch.get_window_extent(renderer)])
    return box


def _shown(text: Text) -> bool:
    return text.get_visible() and bool(text.get_text().strip())


def _tick_labels(ax: Axes) -> list[Text]:
    # The labels of the ticks drawn (Axis keeps stale Tick objects beyond the view too).
    return [t for axis in (ax.xaxis, ax.yaxis) for t in axis.get_ticklabels("both") if _shown(t)]


def labels(figure: Figure) -> dict[str, Text | Legend]:
    """Every label of ``figure`` by a readable name; a legend counts as one label."""
    found: dict[str, Text | Legend] = {}
    for n, ax in enumerate(figure.axes):
        texts = [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        texts += _tick_labels(ax) + list(ax.texts)
        for text in texts:
            if _shown(text):
                found[f"axes {n}: {text.get_text()!r}"] = text
        if ax.get_legend() is not None:
            found[f"axes {n}: legend"] = ax.get_legend()
    for text in figure.texts:
        if _shown(text):
            found[f"figure: {text.get_text()!r}"] = text
    for n, legend in enumerate(figure.legends):
        found[f"figure legend {n}"] = legend
    return found


def _marker_radius(line: Line2D) -> float:
    # Half the marker's size plus half its edge, in pixels.
    return (line.get_markersize() + line.get_markeredgewidth()) / 2 * line.figure.dpi / 72


def _data(figure: Figure) -> list[tuple[str, Axes, Line2D]]:
    return [
        (f"axes {n}: line {k} ({line.get_label()})", ax, line)
        for n, ax in enumerate(figure.axes)
        for k, line in enumerate(ax.get_lines())
        if line.get_visible() and len(line.get_xdata())
    ]


def _inside(box: Bbox, points: np.ndarray) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    return (box.x0 <= x) & (x <= box.x1) & (box.y0 <= y) & (y <= box.y1)


def _touches(line: Line2D, ax: Axes, box: Bbox) -> bool:
    box = box.padded(TOUCH_PX)
    region = Bbox.intersection(box, ax.bbox) if line.get_clip_on() else box
    if region is None:
        return False
    points = line.get_transform().transform(np.column_stack(line.get_data()))
    if line.get_linestyle() not in NO_LINE:
        path = line.get_transform().transform_path(line.get_path())
        if path.intersects_bbox(region, filled=False):
            return True
    if line.get_marker() in NO_LINE:
        return False
    return bool(np.any(_inside(region.padded(_marker_radius(line)), points)))


def collisions(figure: Figure) -> list[str]:
    """Labels touching data or each other, clipped markers and labels cut off at the edge."""
    renderer = laid_out(figure)
    boxes = {name: _box(artist, renderer) for name, artist in labels(figure).items()}
    found = []
    for name, box in boxes.items():
        for what, ax, line in _data(figure):
            if _touches(line, ax, box):
                found.append(f"{name} touches {what}")
        if not (figure.bbox.contains(box.x0, box.y0) and figure.bbox.contains(box.x1, box.y1)):
            found.append(f"{name} is cut off at the figure's edge")
    for (one, a), (other, b) in combinations(boxes.items(), 2):
        if a.overlaps(b):
            found.append(f"{one} overlaps {other}")
    for what, ax, line in _data(figure):
        if line.get_marker() in NO_LINE or not line.get_clip_on():
            continue
        # Cut by the axes' edge: near it, neither wholly inside nor wholly beyond the view
        # (the dots of a path that leaves the window are beyond it, not cut).
        points = line.get_transform().transform(np.column_stack(line.get_data()))
        radius = _marker_radius(line)
        cut = _inside(ax.bbox.padded(radius), points) & ~_inside(ax.bbox.padded(-radius), points)
        if np.any(cut):
            found.append(f"{what}: a marker is clipped by its axes")
    return found


FIGURES = [(stem, lang) for stem in CATALOGUE for lang in ("zh", "en")]


@pytest.mark.parametrize(
    ("stem", "lang"), FIGURES, ids=[f"{stem}-{lang}" for stem, lang in FIGURES]
)
def test_labels_clear_data_and_each_other(stem: str, lang: str) -> None:
    assert collisions(CATALOGUE[stem].figure(lang, "light")) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_labels_with_maths_keep_latin_inside_the_maths(lang: str) -> None:
    # Outside the dollars such a label is drawn in the CJK font; its letters and digits
    # belong inside, where they look like every other label's.
    outside = {}
    for stem, spec in CATALOGUE.items():
        figure = spec.figure(lang, "light")
        laid_out(figure)
        for name, text in labels(figure).items():
            if isinstance(text, Text) and latin_outside_maths(text.get_text()):
                outside[f"{stem} {name}"] = latin_outside_maths(text.get_text())
    assert outside == {}


def _figure_with(*artists: str) -> Figure:
    figure = Figure(figsize=(4, 3))
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set(xlim=(0, 1), ylim=(0, 1))
    if "label on the line" in artists:
        ax.text(0.5, 0.5, "on it", ha="center", va="center")
    if "two labels" in artists:
        ax.text(0.1, 0.8, "first")
        ax.text(0.12, 0.8, "second")
    if "marker at the edge" in artists:
        ax.plot([1], [0.5], "o", ms=10)
    if "marker unclipped" in artists:
        ax.plot([1], [0.5], "o", ms=10, clip_on=False)
    if "label off the figure" in artists:
        ax.annotate("gone", (1, 0.5), xytext=(400, 0), textcoords="offset points")
    return figure


def test_the_checks_see_each_kind_of_collision() -> None:
    assert collisions(_figure_with()) == []
    assert collisions(_figure_with("label on the line")) == [
        "axes 0: 'on it' touches axes 0: line 0 (_child0)"
    ]
    assert any("overlaps" in found for found in collisions(_figure_with("two labels")))
    assert collisions(_figure_with("marker at the edge"))[-1].endswith("clipped by its axes")
    assert collisions(_figure_with("marker unclipped")) == []
    assert "cut off" in collisions(_figure_with("label off the figure"))[0]
