"""The site's figures: data (:mod:`.data`), drawing (:mod:`.plots`), look (:mod:`.style`),
words (:mod:`.labels`) and the catalogue of stems, alt texts and captions (:mod:`.catalogue`).

Importing this package imports matplotlib; the rest of :mod:`neuron_demo` does not.
"""

from .catalogue import CATALOGUE, FIGURES, FigureSpec, get_figure
from .style import LANGS, THEMES, MissingGlyphError

__all__ = [
    "CATALOGUE",
    "FIGURES",
    "LANGS",
    "THEMES",
    "FigureSpec",
    "MissingGlyphError",
    "get_figure",
]
