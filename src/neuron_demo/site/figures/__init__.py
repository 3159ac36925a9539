"""The site's figures: data (`data`), drawing (`plots`), colours and sizes (`palette`),
rcParams, layout and SVG (`style`), fonts (`font`), words (`labels`) and the catalogue of
stems, alt texts and captions (`catalogue`).

The public names are loaded on first use, so that `neuron_demo.site.figures.font` and
`neuron_demo.site.figures.palette` (the build's cache check, the site's hooks) can be
imported without importing matplotlib. Notebooks and scripts call `use_site_style()` to
draw with pyplot as the site does.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "CATALOGUE": "catalogue",
    "FIGURES": "catalogue",
    "FigureSpec": "catalogue",
    "get_figure": "catalogue",
    "MissingGlyphError": "style",
    "PALETTES": "palette",
    "use_site_style": "style",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
