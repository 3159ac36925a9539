"""mkdocs hook: short inline code is never broken across lines.

Each short run of an inline ``<code>`` without a space is kept whole by the class
``ll-whole`` (docs/stylesheets/extra.css, "Code"): `neuron_demo.site.inline_code`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from neuron_demo.site.inline_code import keep_whole


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the page's short inline code whole."""
    return keep_whole(html)
