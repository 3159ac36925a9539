"""Write the search index as compact UTF-8 JSON.

The search plugin writes ``search/search_index.json`` with ``\\uXXXX`` escapes, so every
Chinese character costs 6 bytes instead of 3, and Material downloads the index on every
page. Rewritten compactly it is about a quarter smaller (443 KB → 330 KB for this site),
with identical content.

Runs last (priority −110): after mkdocs-static-i18n (−100) has merged both languages'
entries and re-run the search plugin. With i18n the hook also runs inside each language's
build; rewriting is idempotent, so that is harmless.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


def compact(text: str) -> str:
    """The same JSON document, without ASCII escapes or spaces."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Rewrite the site's search index compactly, if there is one."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(compact(index.read_text(encoding="utf-8")), encoding="utf-8")
