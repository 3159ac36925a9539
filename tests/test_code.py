"""Code on the pages, as the sources write it: included code fits the column, shell
sessions are written as sessions.

What the reader's browser then shows (scroll cues, the copy button's gutter, inline code
that does not break) is tested in tests/browser/test_code_blocks.py.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from prose import LANGS, pages

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = re.compile(r'^--8<-- "([^":]+):([\w\-]+)"\s*$', re.MULTILINE)
# The narrowest desktop column (Material's three-column layout at 1220 px) is 688 px: with
# the copy button's gutter, 76 characters of its monospace code (8.2 px each at 13.6 px).
# Code that the package lends the pages is wrapped to fit with room to spare.
INCLUDED_COLUMNS = 72

MARKDOWN = {
    f"{lang}:{page}": path
    for lang in LANGS
    for page, path in pages(lang).items()
    if path.suffix == ".md"
}


def section(source: Path, name: str) -> list[str]:
    """The lines of a ``--8<-- [start:NAME]`` section, dedented as the pages include it."""
    text = source.read_text(encoding="utf-8")
    match = re.search(
        rf"^[ \t]*# --8<-- \[start:{name}\]\n(.*?)^[ \t]*# --8<-- \[end:{name}\]",
        text,
        re.DOTALL | re.MULTILINE,
    )
    assert match, f"{source}: no section {name!r}"
    return textwrap.dedent(match.group(1)).splitlines()


INCLUDED = sorted(
    {
        match.groups()
        for path in MARKDOWN.values()
        for match in SNIPPET.finditer(path.read_text(encoding="utf-8"))
    }
)


def test_the_pages_include_code() -> None:
    assert ("src/neuron_demo/costs.py", "quadratic_delta") in INCLUDED


@pytest.mark.parametrize(("source", "name"), INCLUDED)
def test_included_code_fits_the_desktop_column(source: str, name: str) -> None:
    long = [line for line in section(ROOT / source, name) if len(line) > INCLUDED_COLUMNS]
    assert not long, f"{source}:{name} has lines over {INCLUDED_COLUMNS} columns: {long}"
