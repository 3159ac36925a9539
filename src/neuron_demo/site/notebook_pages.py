"""Notebook pages slimmed to their cells: what mkdocs-jupyter makes, made a page of the site.

mkdocs-jupyter inlines about 600 KB of JupyterLab CSS, a clipboard library and a MathJax
loader aimed at a CDN into every notebook page; they go (the site styles cells with
Material's colours, extra.css). Output images become files beside the page, with the alt
text their cell's metadata gives (``{"alt": "..."}``). An SVG figure, drawn in the site's
light palette (``use_site_style()``), becomes a light and a dark file, the dark one
recoloured as the site's own figures are, shown with the theme as they are
(``#only-light``/``#only-dark``). Headings take the English notebook's anchors in both
languages, as ``{#id}`` does on the Markdown pages (nbconvert gives a Chinese heading an
empty id). The copy widget gives way to Material's.

Functions of the notebook files and the page's HTML, for hooks/notebooks.py, which gives
the page's table of contents the same anchors: no MkDocs here, and beyond the standard
library and the package only Python-Markdown's slugs, as MkDocs's table of contents makes
them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from neuron_demo.site import THEMES
from neuron_demo.site.figures.palette import recolour, svg_size

_INLINE = re.compile(r"<(style|script)[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)
_COPY_WIDGET = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.DOTALL
)
_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="(cell-\d+)">')
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\sid="[^"]*"')
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">')
_IMAGE = re.compile(r'<img\b[^>]*src="data:image/(png|jpeg|svg\+xml);base64,([^"]+)"[^>]*>')
_SVG_METADATA = re.compile(rb"<metadata>.*?</metadata>\s*", re.DOTALL)  # a date, a version
_COPY_TITLE = {"zh": "复制", "en": "Copy to clipboard"}  # Material's own tooltip


def _cells(notebook: Path) -> list[dict]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def heading_ids(notebook: Path) -> list[str]:
    """The anchors of the notebook's Markdown headings, in order, as the toc slugs them."""
    ids: set[str] = set()
    found = []
    for cell in _cells(notebook):
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if match := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line):
                    found.append(unique(slugify(match.group(1), "-"), ids))
    return found


def image_alts(notebook: Path) -> list[str | None]:
    """The alt text of each image the outputs show, in order (nbconvert renders an SVG, PNG
    or JPEG as an ``<img>`` only when the output has no HTML form)."""
    alts = []
    for cell in _cells(notebook):
        for output in cell.get("outputs", []):
            data = set(output.get("data", {}))
            if {"image/svg+xml", "image/png", "image/jpeg"} & data and "text/html" not in data:
                alts.append(cell.get("metadata", {}).get("alt"))
    return alts


def slimmed(
    html: str,
    *,
    page: str,
    lang: str,
    anchors: list[str],
    toc_headings: int,
    alts: list[str | None],
    folder: Path,
) -> str:
    """A notebook page's HTML slimmed down to its cells: see the module's docstring.

    Parameters
    ----------
    html : str
        The page's content, as mkdocs-jupyter converts the notebook.
    page : str
        The page's path in its project, which the errors name.
    lang : str
        The page's language (``"zh"`` or ``"en"``), for the copy button's tooltip.
    anchors : list of str
        Its headings' anchors, in order: the English notebook's `heading_ids`.
    toc_headings : int
        How many headings the page's table of contents lists.
    alts : list of str or None
        The alt text of its output images, in order: the notebook's `image_alts`.
    folder : Path
        The page's folder in the built site, where its output images are written.

    Raises
    ------
    ValueError
        If the page's headings differ in number from its English twin's, or an output image
        has no alt text; the message names the page.
    """
    html = _COPY_WIDGET.sub("", _INLINE.sub("", html))
    if len(anchors) != toc_headings or len(_HEADING.findall(html)) != toc_headings:
        raise ValueError(f"{page}: its headings differ from its English twin's")
    ids = iter(anchors)

    def heading(match: re.Match[str]) -> str:
        level, attrs, inner = match.groups()
        anchor = next(ids)
        inner = _ANCHOR.sub(f'<a class="anchor-link" href="#{anchor}">', inner)
        return f'<h{level}{_ID.sub("", attrs)} id="{anchor}">{inner}</h{level}>'

    alt_texts = iter(alts)

    def image(match: re.Match[str]) -> str:
        kind, payload = match.group(1), base64.b64decode(match.group(2))
        alt = next(alt_texts, None)
        if alt is None:
            raise ValueError(f"{page}: an output image has no 'alt' in its cell")
        folder.mkdir(parents=True, exist_ok=True)
        if kind != "svg+xml":
            name = f"output-{hashlib.sha256(payload).hexdigest()[:12]}.{kind}"
            (folder / name).write_bytes(payload)
            return f'<img alt="{escape(alt)}" src="{name}" loading="lazy">'
        light = _SVG_METADATA.sub(b"", payload)
        stem = f"output-{hashlib.sha256(light).hexdigest()[:12]}"
        width, height = svg_size(light)
        images = []
        for theme in THEMES:
            svg = light if theme == "light" else recolour(light, "light", theme)
            (folder / f"{stem}.{theme}.svg").write_bytes(svg)
            images.append(
                f'<img alt="{escape(alt)}" src="{stem}.{theme}.svg#only-{theme}" '
                f'width="{width}" height="{height}" loading="lazy">'
            )
        return "".join(images)

    html = _IMAGE.sub(image, _HEADING.sub(heading, html))
    return _COPY_TEXT.sub(
        rf'<nav class="md-code__nav"><button class="md-code__button" title="{_COPY_TITLE[lang]}" '
        r'data-clipboard-target="#\1" data-md-type="copy"></button></nav>'
        r'<div class="clipboard-copy-txt" id="\1" hidden>',
        html,
    )
