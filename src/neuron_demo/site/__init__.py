"""The site's wing: the facts its pages quote and the figures they show, and the build of both.

Not part of the library proper: it needs matplotlib (``pip install neuron-demo[site]``), and
``import neuron_demo`` never imports it. [`facts`][neuron_demo.site.facts] computes every
number a page quotes, `figures` draws every figure, and `build` writes both into one
folder, keyed on everything they depend on, for the site's hooks and scripts.
"""

LANGS = ("zh", "en")
"""The site's languages: Chinese at the site root (the default), English under /en/."""

THEMES = ("light", "dark")
"""The site's two colour schemes (Material's ``default`` and ``slate``), one figure each."""
