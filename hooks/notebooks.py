"""mkdocs hook: notebook pages, executed once per change and slimmed to their cells.

- ``on_files`` (before mkdocs-jupyter's): a notebook page reads the executed copy that
  hooks/generated.py keeps in ``generated/site/notebooks/`` (executed again only when the
  notebook or the library changes), so mkdocs-jupyter, with ``execute: false``, only converts
  it; ``on_pre_page`` waits for that copy if it is still being made. (mkdocs-jupyter's own
  execution cache keys on the notebook alone and would show outputs of an old library:
  danielfrg/mkdocs-jupyter#161.)
- ``on_page_content``: the page slimmed to its cells, its output images files beside it, its
  headings with the English notebook's anchors, in the page and in its table of contents
  (`neuron_demo.site.notebook_pages`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from neuron_demo.site import build
from neuron_demo.site.notebook_pages import heading_ids, image_alts, slimmed

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "site"
DOCS = ROOT / "docs"
ENGLISH = DOCS / "en"


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
    """Slim a notebook page down to its cells, its table of contents taking the anchors its
    headings take."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    anchors = heading_ids(ENGLISH / page.file.src_uri)
    alts = image_alts(Path(page.file.abs_src_path))
    toc = _flat(page.toc.items)
    try:
        html = slimmed(
            html,
            page=page.file.src_uri,
            lang=config.theme["language"],
            anchors=anchors,
            toc_headings=len(toc),
            alts=alts,
            folder=Path(page.file.abs_dest_path).parent,
        )
    except ValueError as error:  # headings unlike the English twin's, an image without alt
        raise PluginError(str(error)) from None
    for item, anchor in zip(toc, anchors, strict=True):
        item.id = anchor
    return html
