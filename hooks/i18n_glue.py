"""Glue between mkdocs-static-i18n, mkdocs-jupyter and mkdocs-material.

What it fixes, and why each fix lives here:

Notebooks inside the i18n site (ultrabug/mkdocs-static-i18n#198)
    mkdocs-jupyter turns ``*.ipynb`` into pages by wrapping their ``File`` in
    ``on_files``; the i18n plugin then rebuilds the file list (priority -100)
    from plain ``File`` objects, so the wrapper is lost, the notebook is copied
    as a raw JSON asset, and it gets no language alternates. This hook runs
    after the i18n plugin and turns each language's notebook back into a
    documentation page at ``practice/notebook/`` (``en/practice/notebook/``),
    with its alternates, so the language switcher and the sitemap see it.
Executing each notebook once per change
    mkdocs-jupyter's own cache is evicted by every language build in turn.
    The hook executes notebooks itself (nbclient) and keeps the executed copy
    in ``generated/notebooks/<key>/``, keyed on the notebook's bytes and on
    every file of ``src/neuron_demo`` (a package change re-executes them). It
    then points the page at the executed copy, and mkdocs-jupyter (with
    ``execute: false``) only converts it to HTML.
Notebook page weight
    mkdocs-jupyter inlines about 600 KB of JupyterLab CSS (and a clipboard
    library) into every notebook page. The hook strips those blocks;
    ``docs/stylesheets/extra.css`` styles the cells with Material's colours,
    so they follow the light/dark toggle.
Per-language static templates
    Every language build renders ``404.html`` and ``sitemap.xml`` into the
    site root, so the last language would win. The default language keeps the
    root ``404.html``; other languages get ``<lang>/404.html``. The sitemap
    (which accumulates all languages and their hreflang alternates) is also
    written under each language root, where Material's language selector
    looks for it.

LL_PLAIN=1 skips notebook execution (the "plain" build): pages then show the
notebooks' stored outputs, converted afresh (a plain build uses nothing from
``generated/``).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from copy import deepcopy
from html import escape as html_escape
from pathlib import Path, PurePosixPath

import nbformat
from jupyter_client.manager import KernelManager
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from switches import plain_build

log = get_plugin_logger("i18n_glue")

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "src" / "neuron_demo"
CACHE_DIR = ROOT / "generated" / "notebooks"
HTML_CACHE_DIR = ROOT / "generated" / "notebook-html"
EXECUTION_TIMEOUT_S = 600

# Blocks that mkdocs-jupyter inlines into every notebook page: JupyterLab's
# stylesheets, the clipboard-copy library and its listener, and a MathJax 2
# loader aimed at a CDN. The site has its own styles and MathJax.
_INLINE_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)
_INLINE_SCRIPT = re.compile(r"<script[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
_COPY_WIDGET = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.DOTALL
)
# The hidden text of each code cell, which the copy widget used to copy.
_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="(cell-\d+)">')
# Headings: nbconvert gives a Chinese heading id="" and a "#" link, while the page's
# table of contents (Python-Markdown's slugs) calls it _1, _2... (see _heading_ids).
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
# Material's own tooltip for its copy buttons ("clipboard.copy").
_COPY_TITLE = {"zh": "复制", "en": "Copy to clipboard"}
# Output images: nbconvert inlines them as base64 and, lacking alt text,
# gives them an English placeholder.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_DATA_SRC = re.compile(r'src="data:image/(png|jpeg);base64,([^"]+)"')
_ALT = re.compile(r'\salt="[^"]*"')
_FALLBACK_ALT = {"zh": "笔记本单元格输出的图", "en": "Figure output by a notebook cell"}
# Image files extracted from notebook pages, written beside them after rendering.
_PAGE_IMAGES: dict[str, dict[str, bytes]] = {}


def is_plain_build() -> bool:
    """Tell whether LL_PLAIN asks for the plain build (no execution, no drawing)."""
    return plain_build()


def _i18n_plugin(config: MkDocsConfig):
    """Return the mkdocs-static-i18n plugin instance (it must be configured)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("hooks/i18n_glue.py needs the 'i18n' plugin (mkdocs-static-i18n).")
    return plugin


def package_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash every source file of the package: names and bytes, in a stable order.

    Caches are skipped: they change when Python merely imports the package.
    """
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def cache_key(notebook: Path, package: str) -> str:
    """Key an executed notebook on its own bytes, the package and the Python version."""
    digest = hashlib.sha256(notebook.read_bytes())
    digest.update(package.encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:20]


def execute_notebook(notebook: Path, out: Path) -> None:
    """Run every cell of ``notebook`` in a fresh kernel and write the result to ``out``.

    The kernel starts in the notebook's folder, as Jupyter would, and talks
    over local IPC sockets (over TCP, ipykernel warns about plain-text
    traffic). A cell that raises fails the build: a notebook that does not
    run is a broken page.
    """
    nb = nbformat.read(notebook, as_version=4)
    with tempfile.TemporaryDirectory(prefix="ll-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "k"))
        client = NotebookClient(
            nb,
            km=km,
            timeout=EXECUTION_TIMEOUT_S,
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            last_line = str(error).strip().splitlines()[-1]
            raise PluginError(f"Notebook {notebook} failed to execute: {last_line}") from error
        finally:
            # A kernel handed to nbclient is not shut down by it.
            if km.has_kernel:
                km.shutdown_kernel()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    nbformat.write(nb, partial)
    partial.replace(out)


def executed_copy(notebook: Path, package: str, cache_dir: Path = CACHE_DIR) -> Path:
    """Return the executed copy of ``notebook``, executing it only on a cache miss.

    The copy keeps the notebook's file name (``<key>/notebook.zh.ipynb``), so
    the downloadable file is named as in the repository. Older copies of the
    same notebook are removed; copies of other notebooks (the other language)
    are left alone, so the language builds never evict each other.
    """
    key = cache_key(notebook, package)
    out = cache_dir / key / notebook.name
    if out.is_file():
        return out
    log.info(f"Executing notebook {notebook.name} (cache miss)")
    execute_notebook(notebook, out)
    for stale in cache_dir.glob(f"*/{notebook.name}"):
        if stale.parent.name != key:
            shutil.rmtree(stale.parent)
    return out


_executions: dict[tuple[Path, str], Future[Path]] = {}
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ll-notebook")


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    """Start executing every stale notebook, all languages, in the background.

    Priority 100: the first thing a build does, before the plugins set themselves up
    (jieba's dictionary alone takes 0.6 s). The kernels then run while mkdocs reads the
    pages and the figures are drawn; a notebook page waits for its execution only when
    mkdocs reads it (see ``NotebookPageFile``). Each (notebook, key) is started once,
    however many language builds call this.
    """
    if is_plain_build():
        return
    package = package_digest()
    for notebook in sorted(Path(config.docs_dir).rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        job = (notebook.resolve(), cache_key(notebook, package))
        if job not in _executions:
            _executions[job] = _executor.submit(executed_copy, notebook, package)


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Set up the plugins that keep per-language state for the language being built.

    - mkdocs-jupyter's HTML cache gets a directory of this language's own (none if plain):
      it evicts, after each build, every entry that build did not use, so with one
      directory per language each build keeps its own notebook's entry.
    - mkdocstrings takes the language of its headings ("Parameters" / "参数", "required" /
      "必需") from the theme in its ``on_config``, which runs before the i18n plugin has
      switched the theme to the language being built: without this every language got
      the default's, and the English reference came out with Chinese headings.
    """
    language = _i18n_plugin(config).current_language
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        raise PluginError("hooks/i18n_glue.py needs the 'mkdocs-jupyter' plugin.")
    jupyter.config["cache"] = not is_plain_build()
    jupyter.config["cache_dir"] = str(HTML_CACHE_DIR / language)
    mkdocstrings = config.plugins.get("mkdocstrings")
    if mkdocstrings is not None:
        # Handlers._locale: the one attribute the extension renders with (mkdocstrings 1.0).
        mkdocstrings.handlers._locale = language


def _execution(notebook: Path, package: str) -> Future[Path]:
    # The background execution started in on_config, else (a notebook it did not see)
    # one started now.
    job = (notebook.resolve(), cache_key(notebook, package))
    if job not in _executions:
        _executions[job] = _executor.submit(executed_copy, notebook, package)
    return _executions[job]


class NotebookPageFile(File):
    """A notebook that the build treats as a documentation page.

    Its source may be an execution still running (``executed``): the page reads the
    executed copy, and waits for it, only when something first asks for
    ``abs_src_path``, i.e. when mkdocs reads the page, the last of its language. The
    other pages are read meanwhile.
    """

    executed: Future[Path] | None = None

    def is_documentation_page(self) -> bool:
        return True

    @property
    def abs_src_path(self) -> str | None:
        if self.executed is not None:
            self._abs_src_path = str(self.executed.result())
            self.executed = None
        if "_abs_src_path" not in self.__dict__:
            return File.abs_src_path.func(self)
        return self._abs_src_path

    @abs_src_path.setter
    def abs_src_path(self, value: str | None) -> None:
        self._abs_src_path = value


def _page_dest_uri(asset_dest_uri: str, use_directory_urls: bool) -> str:
    """Map the i18n plugin's asset destination (``en/practice/notebook.ipynb``) to a page's."""
    path = PurePosixPath(asset_dest_uri)
    stem = path.parent / path.stem
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def _notebook_page(
    src_uri: str, locale: str, default_locale: str, config: MkDocsConfig
) -> NotebookPageFile:
    """Build the page file of the notebook ``src_uri`` (``practice/notebook.zh.ipynb``)."""
    no_suffix = re.sub(rf"\.{re.escape(locale)}\.ipynb$", ".ipynb", src_uri)
    prefix = "" if locale == default_locale else f"{locale}/"
    page_file = NotebookPageFile(
        src_uri,
        config.docs_dir,
        config.site_dir,
        config.use_directory_urls,
        dest_uri=_page_dest_uri(prefix + no_suffix, config.use_directory_urls),
    )
    page_file.locale = locale
    page_file.localization = locale
    page_file.locale_alternate_of = locale
    page_file.norm_src_uri = no_suffix
    return page_file


@event_priority(-110)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Turn the current language's notebooks into pages, executed and cached.

    Runs after mkdocs-static-i18n (priority -100), which has already chosen
    this language's files.
    """
    i18n = _i18n_plugin(config)
    language, default = i18n.current_language, i18n.default_language
    languages = i18n.build_languages
    package = None if is_plain_build() else package_digest()
    for file in list(files):
        if not (file.src_uri.endswith(".ipynb") and getattr(file, "locale", None)):
            continue
        if file.localization != language:
            raise PluginError(
                f"Notebook {file.src_uri} needs a language suffix, e.g. "
                f"{file.src_uri.removesuffix('.ipynb')}.{default}.ipynb"
            )
        page_file = _notebook_page(file.src_uri, language, default, config)
        page_file.alternates = {}
        for other in languages:
            other_src = re.sub(rf"\.{language}\.ipynb$", f".{other}.ipynb", file.src_uri)
            if other == language:
                page_file.alternates[other] = page_file
            elif (Path(config.docs_dir) / other_src).is_file():
                page_file.alternates[other] = _notebook_page(other_src, other, default, config)
            else:
                raise PluginError(f"Notebook {file.src_uri} has no twin {other_src}")
        if package is not None:
            page_file.executed = _execution(Path(file.abs_src_path), package)
        files.remove(file)
        files.append(page_file)
    # The i18n sitemap lists the pages it saw in its own on_files: add ours.
    i18n.i18n_files_per_language[language] = files.documentation_pages()
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Take a notebook page's meta description from the notebook's metadata.

    A notebook has no front matter; ``{"description": "..."}`` in its
    top-level metadata plays that part (else the site description is used).
    """
    if isinstance(page.file, NotebookPageFile):
        notebook = nbformat.read(page.file.abs_src_path, as_version=4)
        description = notebook.metadata.get("description")
        if description:
            page.meta["description"] = description
    return markdown


def image_alts(notebook: Path) -> list[str | None]:
    """List the alt text of each raster image the notebook's outputs show, in order.

    A cell gives its figures alt text in its metadata, ``{"alt": "..."}``, in
    the notebook's language. nbconvert renders a PNG or JPEG as an ``<img>``
    only when no richer form (HTML, SVG) of the same output exists.
    """
    alts = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            raster = "image/png" in data or "image/jpeg" in data
            if raster and not ("text/html" in data or "image/svg+xml" in data):
                alts.append(cell.metadata.get("alt"))
    return alts


def _externalise_images(html: str, page: Page) -> str:
    """Move inlined output images into files beside the page and give them alt text.

    A notebook page is otherwise mostly base64; as files, the images are
    fetched in parallel, cached, and kept out of the 150 KB HTML budget.
    """
    locale = page.file.locale
    alts = iter(image_alts(Path(page.file.abs_src_path)))
    images = _PAGE_IMAGES.setdefault(page.file.dest_uri, {})

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        data = _DATA_SRC.search(tag)
        if data is None:
            return tag
        payload = base64.b64decode(data.group(2))
        ext = "jpg" if data.group(1) == "jpeg" else "png"
        name = f"output-{hashlib.sha256(payload).hexdigest()[:12]}.{ext}"
        images[name] = payload
        alt = next(alts, None)
        if alt is None:
            log.info(f"{page.file.src_uri}: an output image has no 'alt' cell metadata")
            alt = _FALLBACK_ALT.get(locale, _FALLBACK_ALT["en"])
        tag = _ALT.sub("", tag).replace(data.group(0), f'src="{name}" loading="lazy"')
        return tag.replace("<img", f'<img alt="{html_escape(alt)}"', 1)

    return _IMG_TAG.sub(replace, html)


def _toc_ids(items) -> list[str]:
    """The anchors of a table of contents, in document order."""
    return [anchor for item in items for anchor in (item.id, *_toc_ids(item.children))]


_ID_ATTR = re.compile(r'\sid="[^"]*"')
_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">')
ID_SOURCE_LOCALE = "en"
"""The language whose notebook headings name the anchors of every language's twin."""


def _twin_toc_ids(page: Page) -> list[str] | None:
    """The anchors of the English twin's headings, as mkdocs-jupyter slugs them.

    A Chinese heading slugifies to nothing (``_1``, ``_2``...), so the twins' anchors would
    differ; the English slugs (``setup``, ``your-turn``) are used in every language, as
    ``{#id}`` does on the Markdown pages. None if there is no English twin.
    """
    twin = getattr(page.file, "alternates", {}).get(ID_SOURCE_LOCALE)
    if twin is None or twin is page.file:
        return None
    # A private helper of mkdocs-jupyter (pinned at 0.26.x): the function it uses itself.
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    tokens, _ = _get_nb_toc_tokens(twin.abs_src_path, 6)

    def flat(items: list[dict]) -> list[str]:
        return [anchor for item in items for anchor in (item["id"], *flat(item["children"]))]

    return flat(tokens)


def _rename_toc(items, ids) -> None:
    for item in items:
        item.id = next(ids)
        _rename_toc(item.children, ids)


def _heading_ids(html: str, page: Page) -> str:
    """Give each notebook heading the id its table-of-contents entry links to.

    mkdocs-jupyter slugifies headings twice: nbconvert's slug (empty for a Chinese
    heading) for the heading, Python-Markdown's (``_1``, ``_2``...) for the table of
    contents. Here both take the English twin's slugs, so every contents link leads
    somewhere and the twins share their anchors.
    """
    toc_ids = _toc_ids(page.toc.items)
    twin_ids = _twin_toc_ids(page)
    if twin_ids is not None:
        if len(twin_ids) != len(toc_ids):
            raise PluginError(
                f"{page.file.src_uri}: {len(toc_ids)} headings, but its English twin has "
                f"{len(twin_ids)}: twins must have the same headings"
            )
        _rename_toc(page.toc.items, iter(twin_ids))
        toc_ids = twin_ids
    ids = iter(toc_ids)

    def replace(match: re.Match[str]) -> str:
        level, attrs, inner = match.groups()
        anchor = next(ids, None)
        if anchor is None:
            raise PluginError(f"{page.file.src_uri}: more headings than contents entries")
        attrs = _ID_ATTR.sub("", attrs) + f' id="{anchor}"'
        inner = _ANCHOR_LINK.sub(f'<a class="anchor-link" href="#{anchor}">', inner)
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(replace, html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Slim a notebook page down to its cells, with Material's copy buttons.

    Strips the stylesheets and scripts mkdocs-jupyter inlines, moves output
    images into files, and replaces the plugin's copy widget with Material's
    (the theme's clipboard handler copies the cell's hidden source text named
    by ``data-clipboard-target``).
    """
    if not isinstance(page.file, NotebookPageFile):
        return html
    title = _COPY_TITLE.get(page.file.locale, _COPY_TITLE["en"])
    html = _INLINE_STYLE.sub("", html)
    html = _INLINE_SCRIPT.sub("", html)
    html = _COPY_WIDGET.sub("", html)
    html = _heading_ids(html, page)
    html = _externalise_images(html, page)
    return _COPY_TEXT.sub(
        rf'<nav class="md-code__nav"><button class="md-code__button" title="{title}" '
        r'data-clipboard-target="#\1" data-md-type="copy"></button></nav>'
        r'<div class="clipboard-copy-txt" id="\1" hidden>',
        html,
    )


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Write the images taken out of a notebook page next to its HTML."""
    for name, payload in _PAGE_IMAGES.pop(page.file.dest_uri, {}).items():
        target = Path(page.file.abs_dest_path).parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
    return output


@event_priority(40)
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    """Point the language selector at this page's twin, by a page-relative link.

    mkdocs-static-i18n (priority 50) does this for every page but the two
    home pages, whose links it leaves as absolute paths built from
    ``site_url`` (``/loss-and-learning/en/``): those break wherever the site
    is not served under that path (``mkdocs serve``, local tests).
    """
    alternates = getattr(page.file, "alternates", {})
    for alternate in _selector_links(config):
        twin = alternates.get(alternate["lang"])
        if twin is not None:
            alternate["link"] = twin.url
    return context


def on_pre_template(template, *, template_name: str, config: MkDocsConfig):
    """Give the 404 page the language roots, not the links of the last page built."""
    if template_name == "404.html":
        # Set as an attribute, as mkdocs-static-i18n does: templates read that first.
        config.extra.alternate = deepcopy(_i18n_plugin(config).extra_alternate)
    return template


def _selector_links(config: MkDocsConfig) -> list[dict]:
    """Return the language selector's links as the templates will see them.

    mkdocs-static-i18n stores the per-page copy as an attribute of
    ``config.extra`` (which Jinja looks up before the item of the same name).
    """
    try:
        return config.extra.alternate
    except AttributeError:
        return config.extra.get("alternate", [])


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page and sitemap under its own root.

    Returning an empty string makes MkDocs skip writing the template itself.
    """
    i18n = _i18n_plugin(config)
    language = i18n.current_language
    site = Path(config.site_dir)
    if template_name == "404.html" and language != i18n.default_language:
        _write(site / language / "404.html", output)
        return ""
    if template_name == "sitemap.xml":
        for other in i18n.build_languages:
            if other != i18n.default_language:
                _write(site / other / "sitemap.xml", output)
    return output


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
