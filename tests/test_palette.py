"""One palette for the site: the figures, the notebook's figures and the lab draw each cost
in the same colour, readable on both themes and apart for colour-blind readers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from neuron_demo import COST_NAMES
from neuron_demo.site.figures.palette import (
    LAB_COLOURS,
    ON_COLORMAP,
    ON_COLORMAP_EDGE,
    PALETTES,
    palette,
    recolour,
)
from neuron_demo.site.figures.style import rc_params

DOCS = Path(__file__).resolve().parent.parent / "docs"
LAB_CSS = DOCS / "assets" / "lab" / "lab.css"
NOTEBOOKS = [DOCS / "practice" / "notebook.ipynb", DOCS / "en" / "practice" / "notebook.ipynb"]


def _block(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{(.*?)\}", css, re.DOTALL)
    assert match, selector
    return match.group(1)


def lab_colours(theme: str) -> dict[str, str]:
    """The lab stylesheet's colour variables for ``theme``: its first block, dark overrides."""
    css = LAB_CSS.read_text(encoding="utf-8")
    blocks = [_block(css, ".neuron-lab")]
    if theme == "dark":
        blocks.append(_block(css, '[data-md-color-scheme="slate"] .neuron-lab'))
    colours = {}
    for block in blocks:
        colours |= dict(re.findall(r"(--nl-[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))
    return colours


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_lab_draws_with_the_figures_colours(theme: str) -> None:
    colours = lab_colours(theme)
    for variable, role in LAB_COLOURS.items():
        assert colours[variable].lower() == getattr(palette(theme), role), variable


def _luminance(colour: str) -> float:
    # WCAG 2 relative luminance of an sRGB colour.
    channels = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_colours_read_on_their_background(theme: str) -> None:
    # The costs' colours label their curves, so they are held to the text threshold, 4.5:1
    # (lines alone would need 3:1).
    p = palette(theme)
    for role in ("foreground", "muted", "quadratic", "cross_entropy", "accent"):
        assert contrast(getattr(p, role), p.background) >= 4.5, role


# Machado, Oliveira and Fernandes (2009), severity 1: linear RGB as a dichromat sees it.
DICHROMACY = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _linear(colour: str) -> np.ndarray:
    c = np.array([int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    # CIELAB (D65) of a linear sRGB colour.
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("vision", ["typical", *DICHROMACY])
def test_the_costs_stay_apart_for_colour_blind_readers(theme: str, vision: str) -> None:
    p = palette(theme)
    seen = [_linear(p.quadratic), _linear(p.cross_entropy)]
    if vision != "typical":
        seen = [np.array(DICHROMACY[vision]) @ colour for colour in seen]
    distance = float(np.linalg.norm(_lab(seen[0]) - _lab(seen[1])))
    assert distance >= 30, f"ΔE = {distance:.0f}"  # ~2.3 is a just noticeable difference


def test_every_theme_colour_is_swapped_one_for_one() -> None:
    light, dark = PALETTES["light"], PALETTES["dark"]
    svg = f'<path fill="{light.quadratic}" stroke="{ON_COLORMAP}" edge="{ON_COLORMAP_EDGE}"/>'
    assert recolour(svg.encode(), "light", "dark").decode() == svg.replace(
        light.quadratic, dark.quadratic
    )


def test_plain_pyplot_code_gets_the_costs_colours_in_order() -> None:
    # The notebook plots the costs in COST_NAMES order with ax.plot and no colour.
    cycle = [entry["color"] for entry in rc_params("light")["axes.prop_cycle"]]
    p = palette("light")
    assert cycle[: len(COST_NAMES)] == [p.cost(cost) for cost in COST_NAMES]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=["zh", "en"])
def test_the_notebooks_draw_in_the_sites_style_without_colours_of_their_own(path: Path) -> None:
    code = "\n".join(
        "".join(cell["source"])
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
    )
    assert "use_site_style()" in code
    assert 'figure_formats = ["svg"]' in code
    assert not re.search(r"\bcolou?r\s*=|#[0-9a-fA-F]{6}\b|\bC\d\b", code)
