"""Short inline code, never broken across lines.

Browsers end a line after a hyphen, so ``--help`` could show as ``-`` and ``-help`` on two
lines; and Material lets inline code break anywhere (``word-break: break-word``), so that
a long name cannot stick out of a phone's screen, which in a narrow table cell cuts even
``cost_function`` in two. Both are kept in bounds: in every inline ``<code>`` (not code
blocks) each run of characters without a space, of at most `MAX_WHOLE` characters, is kept
whole by the class ``ll-whole`` (docs/stylesheets/extra.css, "Code"): on the ``<code>``
when it is one run, else on a ``<span>`` around each run. Spaces stay places to break, and
a longer run may still break: `MAX_WHOLE` characters of inline code take about 200 px,
less than a line on a 360 px screen.

Highlighted inline code (a ``#!python`` snippet, a member's signature in the library
reference) is a row of ``<span>`` tokens: a run there is a row of tokens with no space
between them, wrapped whole in a ``<span class="ll-whole">``; a run that shares a token with
a space (a string with a space in it) is left as it is.

A function of the page's HTML, for hooks/inline_code.py: no MkDocs here, only the standard
library.
"""

from __future__ import annotations

import re
from html import unescape

MAX_WHOLE = 24
_PRE_OR_CODE = re.compile(
    r"(<pre\b.*?</pre>)|<code>([^<]*)</code>|(<code class=\"highlight\b[^\">]*\">)(.*?)</code>",
    re.DOTALL | re.IGNORECASE,
)
_RUN = re.compile(r"\S+")
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")
_SPACES = re.compile(r"(\s+)")


def _whole(run: str) -> bool:
    return len(unescape(run)) <= MAX_WHOLE


def _highlighted(tokens: str) -> str:
    """Highlighted code's ``tokens`` (``<span>`` elements and spaces) with each short run
    of tokens without a space between them wrapped whole."""
    out: list[str] = []
    run: list[str] = []
    text, spaced, depth = "", False, 0

    def end_run() -> None:
        nonlocal text, spaced
        piece = "".join(run)
        whole = text and not spaced and _whole(text)
        out.append(f'<span class="ll-whole">{piece}</span>' if whole else piece)
        run.clear()
        text, spaced = "", False

    for part in _TAG_OR_TEXT.findall(tokens):
        if part.startswith("<"):
            depth += -1 if part.startswith("</") else 1
            run.append(part)
        elif depth:  # inside a token: a space there is the token's own
            run.append(part)
            text += part
            spaced = spaced or bool(_SPACES.search(part))
        else:
            for piece in _SPACES.split(part):
                if piece.isspace():
                    end_run()
                    out.append(piece)
                elif piece:
                    run.append(piece)
                    text += piece
    end_run()
    return "".join(out)


def keep_whole(html: str) -> str:
    """``html`` with the short runs of its inline code kept whole."""

    def code(match: re.Match[str]) -> str:
        block, text, highlighted, tokens = match.groups()
        if block is not None:
            return block
        if highlighted is not None:
            return f"{highlighted}{_highlighted(tokens)}</code>"
        runs = _RUN.findall(text)
        if runs == [text] and _whole(text):
            return f'<code class="ll-whole">{text}</code>'
        inner = _RUN.sub(
            lambda run: f'<span class="ll-whole">{run[0]}</span>' if _whole(run[0]) else run[0],
            text,
        )
        return f"<code>{inner}</code>"

    return _PRE_OR_CODE.sub(code, html)
