"""mkdocs hook: notebook pages, executed once per change and slimmed to their cells.

- ``on_files`` (before mkdocs-jupyter's): a notebook page reads the executed copy that
  hooks/generated.py keeps in ``generated/site/notebooks/`` (executed again only when the
  notebook or the library changes), so mkdocs-jupyter, with ``execute: false``, only converts
  it; ``on_pre_page`` waits for that copy if it is still being made. (mkdocs-jupyter's own
  execution cache keys on the notebook alone and would show outputs of an old library:
  danielfrg/mkdocs-jupyter#161.)
- ``on_page_content``: mkdocs-jupyter inlines about 600 KB of JupyterLab CSS, a clipboard
  library and a MathJax loader aimed at a CDN into every notebook page; they go (the site
  styles cells with Material's colours, extra.css). Output images become files beside the
  page, with the alt text their cell's metadata gives (``{"alt": "..."}``). An SVG figure,
  drawn in the site's light palette (``use_site_style()``), becomes a light and a dark file,
  the dark one recoloured as the site's own figures are, shown with the theme as they are
  (``#only-light``/``#only-dark``). Headings take the
  English notebook's anchors in both languages, as ``{#id}`` does on the Markdown pages
  (nbconvert gives a Chinese heading an empty id). The copy widget gives way to Material's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path

from markdown.extensions.toc import slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from neuron_demo.site import THEMES, build
from neuron_demo.site.figures.palette import recolour

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "site"
DOCS = ROOT / "docs"
ENGLISH = DOCS / "en"

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


def _flat(items: list) -> list:
    return [entry for item in items for entry in (item, *_flat(item.children))]


@event_priority(100)  # before mkdocs-jupyter's on_files wraps the notebook as a page
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Point each notebook page at its executed copy."""
    # A File whose folder is the executed copies' (a generated File would lose its source
    # path inside mkdocs-jupyter's wrapper, which reads only what File computes).
    executed = str(build.notebook_folder(GENERATED, config.theme["language"]))
    for file in [f for f in files if f.src_uri.endswith(".ipynb")]:
        files.remove(file)
        files.append(File(file.src_uri, executed, config.site_dir, config.use_directory_urls))
    return files


@event_priority(100)  # before mkdocs-jupyter's on_pre_page reads the notebook
def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Wait for a notebook page's executed copy, just before MkDocs reads it."""
    if page.file.src_uri.endswith(".ipynb"):
        lang = config.theme["language"]
        try:
            build.wait(GENERATED, build.site_notebooks(DOCS), (lang, page.file.src_uri))
        except RuntimeError as error:  # a notebook that does not run: one line
            raise PluginError(str(error)) from None
    return page


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Slim a notebook page down to its cells: see the module's docstring."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    lang = config.theme["language"]
    html = _COPY_WIDGET.sub("", _INLINE.sub("", html))
    anchors = heading_ids(ENGLISH / page.file.src_uri)
    toc = _flat(page.toc.items)
    if len(anchors) != len(toc) or len(_HEADING.findall(html)) != len(toc):
        raise PluginError(f"{page.file.src_uri}: its headings differ from its English twin's")
    for item, anchor in zip(toc, anchors, strict=True):
        item.id = anchor
    ids = iter(anchors)

    def heading(match: re.Match[str]) -> str:
        level, attrs, inner = match.groups()
        anchor = next(ids)
        inner = _ANCHOR.sub(f'<a class="anchor-link" href="#{anchor}">', inner)
        return f'<h{level}{_ID.sub("", attrs)} id="{anchor}">{inner}</h{level}>'

    alts = iter(image_alts(Path(page.file.abs_src_path)))
    folder = Path(page.file.abs_dest_path).parent

    def image(match: re.Match[str]) -> str:
        kind, payload = match.group(1), base64.b64decode(match.group(2))
        alt = next(alts, None)
        if alt is None:
            raise PluginError(f"{page.file.src_uri}: an output image has no 'alt' in its cell")
        folder.mkdir(parents=True, exist_ok=True)
        if kind != "svg+xml":
            name = f"output-{hashlib.sha256(payload).hexdigest()[:12]}.{kind}"
            (folder / name).write_bytes(payload)
            return f'<img alt="{escape(alt)}" src="{name}" loading="lazy">'
        light = _SVG_METADATA.sub(b"", payload)
        stem = f"output-{hashlib.sha256(light).hexdigest()[:12]}"
        images = []
        for theme in THEMES:
            svg = light if theme == "light" else recolour(light, "light", theme)
            (folder / f"{stem}.{theme}.svg").write_bytes(svg)
            images.append(
                f'<img alt="{escape(alt)}" src="{stem}.{theme}.svg#only-{theme}" loading="lazy">'
            )
        return "".join(images)

    html = _IMAGE.sub(image, _HEADING.sub(heading, html))
    return _COPY_TEXT.sub(
        rf'<nav class="md-code__nav"><button class="md-code__button" title="{_COPY_TITLE[lang]}" '
        r'data-clipboard-target="#\1" data-md-type="copy"></button></nav>'
        r'<div class="clipboard-copy-txt" id="\1" hidden>',
        html,
    )
