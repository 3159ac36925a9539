"""The prose of the site's pages, as the build reads it: Markdown pages and notebook text cells.

Shared by the tests that hold the text to its rules (``test_prose.py``). Prose is what a
reader reads as words: maths, code, HTML comments (the fact and figure markers), link
targets, attribute lists, HTML tags and included snippets are cut out; the words of links,
tables, admonitions and front-matter descriptions stay.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
LANGS = ("zh", "en")

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_DESCRIPTION = re.compile(r"^description:\s*(.*)$", re.MULTILINE)
_FENCE = re.compile(r"^([ \t]*)(```|~~~)[^\n]*\n.*?^\1\2[ \t]*$", re.DOTALL | re.MULTILINE)
_DISPLAY = re.compile(r"\$\$.*?\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?:[^$\\]|\\.)+?\$")
_CODE = re.compile(r"``[^\n]*?``|`[^`\n]*`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_ATTRIBUTES = re.compile(r"\{[:#.][^}\n]*\}|\{ *[\w-]+=[^}\n]*\}")
_TAG = re.compile(r"<[^>\n]+>")
_SNIPPET = re.compile(r"^\s*--8<--.*$", re.MULTILINE)
_MKDOCSTRINGS = re.compile(r"^::: .*?(?=^\S|\Z)", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Text:
    """Words of one page (or one notebook cell) in one language."""

    lang: str
    page: str  # path in its project without suffix, e.g. "story/why-slow"
    where: str  # for messages: the file, and the cell of a notebook
    prose: str


def prose(markdown: str) -> str:
    """``markdown`` with everything that is not words for a reader blanked out.

    Each cut becomes a space, so numbers on either side never run together; line breaks
    are kept, so a message can quote the line.
    """
    front = _FRONT_MATTER.match(markdown)
    description = ""
    if front:
        found = _DESCRIPTION.search(front.group(1))
        description = found.group(1) if found else ""
        markdown = markdown[front.end() :]
    for pattern in (_FENCE, _MKDOCSTRINGS, _DISPLAY, _INLINE_MATH, _CODE, _COMMENT, _SNIPPET):
        markdown = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    for pattern in (_LINK_TARGET, _ATTRIBUTES, _TAG):
        markdown = pattern.sub(" ", markdown)
    return description + "\n" + markdown


def _notebook_cells(path: Path) -> Iterator[tuple[int, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] == "markdown":
            yield number, "".join(cell["source"])


def pages(lang: str) -> dict[str, Path]:
    """The pages of ``lang``'s project, by their path without suffix (``story/why-slow``):
    Chinese in docs/, English in docs/en/ (same paths)."""
    root = DOCS / "en" if lang == "en" else DOCS
    found = {}
    for path in sorted([*root.rglob("*.md"), *root.rglob("*.ipynb")]):
        relative = path.relative_to(root)
        if lang == "zh" and relative.parts[0] == "en":
            continue
        found[relative.with_suffix("").as_posix()] = path
    return found


def texts() -> Iterator[Text]:
    """Every page's prose, both languages; a notebook gives one `Text` per text cell."""
    for lang in LANGS:
        for page, path in pages(lang).items():
            where = f"{lang}/{path.relative_to(DOCS).as_posix()}"
            if path.suffix == ".md":
                yield Text(lang, page, where, prose(path.read_text(encoding="utf-8")))
            else:
                for number, source in _notebook_cells(path):
                    yield Text(lang, page, f"{where}, cell {number}", prose(source))


def page_prose(page: str, lang: str) -> str:
    """All the prose of one page in one language."""
    return "\n".join(t.prose for t in texts() if t.page == page and t.lang == lang)
