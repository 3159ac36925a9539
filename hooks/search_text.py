"""mkdocs hook: the search index with formulas as plain text, written compactly.

The search plugin writes ``search/search_index.json`` with arithmatex's TeX in the text
(``\\(\\sigma'(z)\\)``), which snippets would show as it is and a query for σ never matches;
each formula becomes what a reader would type (``σ'(z)``, ``∂C/∂w``: see
`neuron_demo.site.search`). The plugin also escapes every Chinese character as ``\\uXXXX``
(6 bytes, not 3); rewritten as UTF-8 the index is about a quarter smaller.

jieba, which cuts the Chinese pages into words for the index, reports its dictionary
loading on every build; set to warnings only (its ``setLogLevel``), the build says nothing
when all is well.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from neuron_demo.site.search import plain_maths


@event_priority(100)  # before the search plugin loads the dictionaries
def on_config(config: MkDocsConfig) -> None:
    """Only jieba's warnings reach the build's output."""
    jieba.setLogLevel(logging.WARNING)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Rewrite this project's search index (the search plugin wrote it just before)."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"], doc["text"] = plain_maths(doc["title"]), plain_maths(doc["text"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
