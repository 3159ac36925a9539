"""mkdocs hook: command-line examples, run when the site is built, with what they print.

``<!-- command: neuron-demo train ... -->``, alone on its line, becomes a shell session:
the command, then what it printed. The markers, the programs that may run and the cache of
their outputs are `neuron_demo.site.commands`; this hook keeps that cache in
``generated/commands.json`` and fails the build, naming the page, on what it rejects.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from neuron_demo.site.commands import ANY_MARKER, Cache, cache_key, commands, expand, run

CACHE = Path(__file__).resolve().parent.parent / "generated" / "commands.json"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the page's command markers by the sessions they name."""
    wanted = commands(markdown)
    if not wanted and not ANY_MARKER.search(markdown):
        return markdown
    cache = Cache(CACHE, cache_key())  # read where it is needed: no state between builds
    try:
        results = cache.get(wanted, run, page=page.file.src_uri) if wanted else {}
        return expand(markdown, page=page.file.src_uri, results=results)
    except ValueError as error:  # a marker, a program or an outcome the page may not have
        raise PluginError(str(error)) from None
