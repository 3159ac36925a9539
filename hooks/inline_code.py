"""mkdocs hook: short inline code is never broken across lines.

Browsers end a line after a hyphen, so ``--help`` could show as ``-`` and ``-help`` on two
lines; and Material lets inline code break anywhere (``word-break: break-word``), so that
a long name cannot stick out of a phone's screen, which in a narrow table cell cuts even
``cost_function`` in two. Both are kept in bounds: in every inline ``<code>`` (not code
blocks) each run of characters without a space, of at most `MAX_WHOLE` characters, is kept
whole by the class ``ll-whole`` (docs/stylesheets/extra.css, "Code"): on the ``<code>``
when it is one run, else on a ``<span>`` around each run. Spaces stay places to break, and
a longer run may still break: `MAX_WHOLE` characters of inline code take about 200 px,
less than a line on a 360 px screen.

Inline code with markup inside (highlighted with ``#!python``) is left as it is.
"""

from __future__ import annotations

import re
from html import unescape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MAX_WHOLE = 24
_PRE_OR_CODE = re.compile(r"(<pre\b.*?</pre>)|<code>([^<]*)</code>", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(r"\S+")


def _whole(run: str) -> bool:
    return len(unescape(run)) <= MAX_WHOLE


def keep_whole(html: str) -> str:
    """``html`` with the short runs of its inline code kept whole."""

    def code(match: re.Match[str]) -> str:
        block, text = match.groups()
        if block is not None:
            return block
        runs = _RUN.findall(text)
        if runs == [text] and _whole(text):
            return f'<code class="ll-whole">{text}</code>'
        inner = _RUN.sub(
            lambda run: f'<span class="ll-whole">{run[0]}</span>' if _whole(run[0]) else run[0],
            text,
        )
        return f"<code>{inner}</code>"

    return _PRE_OR_CODE.sub(code, html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the page's short inline code whole."""
    return keep_whole(html)
