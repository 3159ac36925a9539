"""mkdocs hook: the search index with formulas as plain text, written compactly.

The search plugin writes ``search/search_index.json`` with arithmatex's TeX in the text
(``\\(\\sigma'(z)\\)``), which snippets would show as it is and a query for σ never matches;
each formula becomes what a reader would type (``σ'(z)``, ``∂C/∂w``: see
`neuron_demo.site.search`). The plugin also escapes every Chinese character as ``\\uXXXX``
(6 bytes, not 3); rewritten as UTF-8 the index is about a quarter smaller.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from neuron_demo.site.search import plain_maths


def on_post_build(*, config: MkDocsConfig) -> None:
    """Rewrite this project's search index (the search plugin wrote it just before)."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"], doc["text"] = plain_maths(doc["title"]), plain_maths(doc["text"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
