"""Every page of the built site, in both languages, in a real browser.

The pages are discovered from the built site (every ``index.html`` outside ``assets/``,
and the two 404 pages, which work because the site is served under its own path). Each
page is opened once; ``page_reports`` records what the checks need (console, network,
maths, images, links, ids, language switcher, metadata) and each test then reads every
page's report and lists every page that fails it, naming the page and the problem.

Search and the palette toggle need interaction and have their own tests.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from .conftest import mkdocs_site_url

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}
NOT_FOUND = ("404.html", "en/404.html")
# Visible text that means the build did not typeset a formula: display or inline
# delimiters left as text, or an \eqref whose \label MathJax could not find.
RAW_TEX = ("$$", "\\(", "\\[", "(???)")
IMAGE_TIMEOUT_MS = 10_000
TEST_TIMEOUT_MS = 20_000
PARALLEL_PAGES = 4

# Everything a check needs, gathered in the page as it loads (the maths are typeset when
# the site is built: no script runs for them). Lazy images (and the hidden variant of
# every figure, display:none) are made eager first, so every <img> of the page is loaded,
# whichever palette is shown.
COLLECT = """async (imageTimeout) => {
  const images = [...document.images];
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map((img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
    setTimeout(resolve, imageTimeout);
  })));
  const skip = "pre, code, script, style, mjx-container, [hidden]";
  const visibleText = (root) => {
    if (!root) return "";
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (!parent.closest(skip) && parent.getClientRects().length) {
        parts.push(walker.currentNode.data);
      }
    }
    return parts.join(" ");
  };
  const article = document.querySelector("article.md-content__inner") || document.body;
  const meta = document.querySelector('meta[name="description"]');
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: document.querySelector("h1")?.textContent ?? "",
    description: meta ? meta.content : null,
    text: visibleText(article),
    notebookText: [...document.querySelectorAll(".jp-MarkdownOutput")]
      .map(visibleText).join(" "),
    arithmatex: document.querySelectorAll(".arithmatex").length,
    untypeset: [...document.querySelectorAll(".arithmatex")]
      .filter((e) => !e.querySelector("mjx-container"))
      .map((e) => e.textContent.slice(0, 60)),
    notebookMath: document.querySelectorAll(".jp-MarkdownOutput mjx-container").length,
    mathjax: document.querySelectorAll("mjx-container").length,
    merrors: [...document.querySelectorAll("mjx-merror")]
      .map((e) => e.getAttribute("data-mjx-error") || e.textContent),
    images: images.map((img) => ({
      src: img.currentSrc || img.src,
      alt: img.getAttribute("alt"),
      width: img.naturalWidth,
    })),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.name),
    switcher: [...document.querySelectorAll("a.md-select__link[hreflang]")]
      .map((a) => [a.hreflang, a.href]),
  };
}"""


@dataclass
class Report:
    """What one page showed the browser."""

    path: str  # relative to the site root: "", "en/story/slowdown/", "404.html"
    lang: str  # the language the page is written in (from its place in the site)
    data: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # console and network

    @property
    def name(self) -> str:
        return "/" + self.path


def discover_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path relative to its root."""
    pages = [
        "" if html.parent == site else html.parent.relative_to(site).as_posix() + "/"
        for html in site.rglob("index.html")
        if "assets" not in html.relative_to(site).parts
    ]
    return sorted(pages) + [path for path in NOT_FOUND if (site / path).is_file()]


def file_of(path: str) -> str:
    """The file that serves a page path ("en/" -> "en/index.html")."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def language_of(path: str) -> str:
    return "en" if path.startswith("en/") else "zh"


def twin_of(path: str) -> str:
    """The same page in the other language; for a 404 page, the other home page."""
    if path in NOT_FOUND:
        return "" if language_of(path) == "en" else "en/"
    return path.removeprefix("en/") if language_of(path) == "en" else "en/" + path


class Watcher:
    """Collect console errors and warnings, page errors and bad requests of one page."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # Warnings too: a font the browser rejects is only a warning, and shows wrong glyphs.
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and request.url.split("/")[2:3] != [
            self.origin.split("/")[2]
        ]:
            self.problems.append(f"request to another host: {request.url}")

    def _failed(self, request: Request) -> None:
        self.problems.append(f"request failed ({request.failure}): {request.url}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@dataclass
class Visit:
    """A page being loaded in its own browser context."""

    report: Report
    page: Page
    watcher: Watcher
    response: Response | None


def start_visit(browser: Browser, base_url: str, path: str) -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TEST_TIMEOUT_MS)
    page = context.new_page()
    watcher = Watcher(page, base_url)
    response = page.goto(base_url + path, wait_until="commit")
    return Visit(Report(path, language_of(path)), page, watcher, response)


def finish_visit(visit: Visit) -> Report:
    page, report = visit.page, visit.report
    if visit.response is None or visit.response.status != 200:
        visit.watcher.problems.append(f"the page itself: HTTP {visit.response}")
    page.wait_for_load_state("load")
    report.data = page.evaluate(COLLECT, IMAGE_TIMEOUT_MS)
    # Material's language selector fetches the sitemap once the page has loaded.
    page.wait_for_load_state("networkidle")
    page.context.close()
    report.problems = visit.watcher.problems
    return report


@pytest.fixture(scope="module")
def page_reports(browser: Browser, base_url: str, built_site: Path) -> dict[str, Report]:
    """Visit every page, a few at a time (the browser loads them while we wait on one)."""
    paths = discover_pages(built_site)
    reports = {}
    for first in range(0, len(paths), PARALLEL_PAGES):
        batch = [start_visit(browser, base_url, p) for p in paths[first : first + PARALLEL_PAGES]]
        reports.update((visit.report.path, finish_visit(visit)) for visit in batch)
    return reports


def fail_if(failures: list[str]) -> None:
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures)


# ---------------------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------------------
def test_every_page_is_discovered_in_both_languages(page_reports: dict[str, Report]) -> None:
    paths = set(page_reports)
    assert {"", "en/", *NOT_FOUND} <= paths
    assert len(paths) >= 2 * 10
    missing = {path: twin_of(path) for path in paths if twin_of(path) not in paths}
    fail_if([f"/{path}: no twin at /{twin}" for path, twin in missing.items()])


# ---------------------------------------------------------------------------------------
# Console and network
# ---------------------------------------------------------------------------------------
def test_no_console_error_no_foreign_or_failed_request(page_reports: dict[str, Report]) -> None:
    fail_if([f"{r.name}: {problem}" for r in page_reports.values() for problem in r.problems])


# ---------------------------------------------------------------------------------------
# Maths
# ---------------------------------------------------------------------------------------
def test_formulas_are_typeset_without_errors(page_reports: dict[str, Report]) -> None:
    failures = []
    for r in page_reports.values():
        d = r.data
        if d["arithmatex"] and not d["mathjax"]:
            failures.append(f"{r.name}: {d['arithmatex']} formulas but nothing typeset")
        failures += [f"{r.name}: formula not typeset: {text!r}" for text in d["untypeset"]]
        failures += [f"{r.name}: MathJax error: {error!r}" for error in d["merrors"]]
        for raw in RAW_TEX:
            if raw in d["text"]:
                at = d["text"].index(raw)
                context = d["text"][max(0, at - 40) : at + 40]
                failures.append(f"{r.name}: {raw!r} left in the text: {context!r}")
        if "$" in d["notebookText"]:
            failures.append(f"{r.name}: '$' left in a notebook Markdown cell")
    fail_if(failures)


def test_notebook_pages_typeset_their_markdown_cells(page_reports: dict[str, Report]) -> None:
    notebooks = [r for r in page_reports.values() if r.path.endswith("practice/notebook/")]
    assert len(notebooks) == 2
    fail_if([f"{r.name}: no typeset maths" for r in notebooks if not r.data["notebookMath"]])


# ---------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------
def test_every_image_loads_with_alt_text_in_the_page_language(
    page_reports: dict[str, Report],
) -> None:
    failures = []
    for r in page_reports.values():
        for img in r.data["images"]:
            alt = (img["alt"] or "").strip()
            if not img["width"]:
                failures.append(f"{r.name}: image does not load: {img['src'][:120]}")
            if not alt:
                failures.append(f"{r.name}: image without alt text: {img['src'][:120]}")
            elif bool(CJK.search(alt)) != (r.lang == "zh"):
                failures.append(f"{r.name}: alt text not in {r.lang}: {alt[:60]!r}")
    fail_if(failures)


def test_figures_are_on_the_pages_that_have_them(page_reports: dict[str, Report]) -> None:
    # Each figure is a light and a dark image; the story pages all have figures.
    for path in ("story/slowdown/", "en/story/slowdown/", "story/cross-entropy/"):
        sources = [img["src"] for img in page_reports[path].data["images"]]
        assert sum(src.endswith("#only-light") for src in sources) >= 2, path
        assert sum(src.endswith("#only-light") for src in sources) == sum(
            src.endswith("#only-dark") for src in sources
        ), path


# ---------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------
def _target(url: str, base_url: str, site: Path) -> tuple[str | None, str]:
    """The built file a local URL names (None if it names none) and its fragment."""
    parts = urlsplit(url)
    root = urlsplit(base_url)
    path = unquote(parts.path)
    if not path.startswith(root.path):
        return None, parts.fragment
    relative = path[len(root.path) :]
    relative = file_of(relative)
    return (relative if (site / relative).is_file() else None), unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(
    page_reports: dict[str, Report], base_url: str, published_site: Path
) -> None:
    origin = urlsplit(base_url).netloc
    ids = {file_of(r.path): set(r.data["ids"]) for r in page_reports.values()}
    failures = []
    checked = 0
    for r in page_reports.values():
        for url in sorted(set(r.data["links"])):
            if urlsplit(url).netloc != origin:
                continue
            checked += 1
            target, fragment = _target(url, base_url, published_site)
            if target is None:
                failures.append(f"{r.name}: link to a missing page: {url}")
            elif fragment and fragment not in ids.get(target, ()):
                if target not in ids:
                    failures.append(f"{r.name}: #{fragment} on a non-page: {url}")
                else:
                    failures.append(f"{r.name}: no element with id {fragment!r} on {target}: {url}")
    assert checked > 100 * 2
    fail_if(failures)


# ---------------------------------------------------------------------------------------
# Languages and metadata
# ---------------------------------------------------------------------------------------
def test_language_switcher_points_to_the_twin(
    page_reports: dict[str, Report], base_url: str
) -> None:
    failures = []
    for r in page_reports.values():
        links = dict(r.data["switcher"])
        expected = {r.lang: base_url + r.path, OTHER[r.lang]: base_url + twin_of(r.path)}
        if r.path in NOT_FOUND:
            expected[r.lang] = base_url + ("en/" if r.lang == "en" else "")
        if links != expected:
            failures.append(f"{r.name}: switcher {links} instead of {expected}")
    fail_if(failures)


def test_html_lang_and_content_agree(page_reports: dict[str, Report]) -> None:
    failures = []
    for r in page_reports.values():
        d = r.data
        if d["lang"] != r.lang:
            failures.append(f"{r.name}: <html lang={d['lang']!r}>, expected {r.lang!r}")
        for what in ("title", "h1"):
            if bool(CJK.search(d[what])) != (r.lang == "zh"):
                failures.append(f"{r.name}: {what} {d[what]!r} is not in {r.lang}")
        cjk = len(CJK.findall(d["text"]))
        latin = len(re.findall(r"[A-Za-z]", d["text"]))
        if r.lang == "zh" and cjk < 20:
            failures.append(f"{r.name}: only {cjk} Chinese characters on a Chinese page")
        if r.lang == "en" and cjk > 0.2 * latin:
            failures.append(f"{r.name}: {cjk} Chinese characters, {latin} Latin letters")
    fail_if(failures)


def test_meta_description_in_the_page_language(page_reports: dict[str, Report]) -> None:
    failures = []
    for r in page_reports.values():
        description = (r.data["description"] or "").strip()
        if len(description) < 20:
            failures.append(f"{r.name}: meta description missing or too short: {description!r}")
        elif bool(CJK.search(description)) != (r.lang == "zh"):
            failures.append(f"{r.name}: meta description not in {r.lang}: {description[:50]!r}")
    fail_if(failures)


SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.mark.parametrize(
    "path",
    [
        "",
        "story/why-slow/",
        "practice/notebook/",
        "reference/api/",
        "en/",
        "en/story/why-slow/",
        "en/practice/notebook/",
        "en/reference/glossary/",
    ],
)
def test_choosing_the_other_language_lands_on_the_twin(
    browser: Browser, base_url: str, path: str
) -> None:
    # A real click, after the page has settled: Material's own script, which fetches each
    # language's sitemap and may take over the click, must land on the twin as well.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    link = page.locator(f'a.md-select__link[hreflang="{OTHER[language_of(path)]}"]')
    with page.expect_navigation():
        link.evaluate("a => a.click()")
    page.wait_for_load_state("load")
    landed = page.url
    context.close()
    assert landed == base_url + twin_of(path)


@pytest.mark.parametrize("sitemap", ["sitemap.xml", "en/sitemap.xml"])
def test_sitemap_hreflang_alternates_pair_each_page_with_its_twin(
    page_reports: dict[str, Report], built_site: Path, sitemap: str, base_url: str
) -> None:
    # Each language's project writes its own sitemap, of its own pages; every page in it
    # names both twins as hreflang alternates (overrides/sitemap.xml).
    site_url = mkdocs_site_url()
    tree = ET.parse(built_site / sitemap)
    listed = set()
    failures = []
    for url in tree.getroot().findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS).strip()
        path = loc.removeprefix(site_url)
        listed.add(path)
        alternates = {
            link.get("hreflang"): link.get("href").removeprefix(site_url)
            for link in url.findall("x:link", SITEMAP_NS)
        }
        lang = language_of(path)
        expected = {lang: path, OTHER[lang]: twin_of(path)}
        if alternates != expected:
            failures.append(f"{sitemap}: /{path}: alternates {alternates}, expected {expected}")
    own = "en" if sitemap.startswith("en/") else "zh"
    pages = {p for p in page_reports if p not in NOT_FOUND and language_of(p) == own}
    failures += [f"{sitemap}: /{path} is not listed" for path in sorted(pages - listed)]
    failures += [f"{sitemap}: lists /{path}, which is no page" for path in sorted(listed - pages)]
    fail_if(failures)


# ---------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("home", "query", "expected"),
    [
        ("", "交叉熵", "story/cross-entropy/"),
        ("", "学习率", "story/learning-rates/"),
        ("", "饱和", "story/why-slow/"),
        ("story/slowdown/", "交叉熵", "story/cross-entropy/"),
        ("en/", "cross-entropy", "en/story/cross-entropy/"),
        ("en/", "saturation", "en/story/why-slow/"),
        ("en/story/slowdown/", "learning rate", "en/story/learning-rates/"),
        # The English glossary lists the Chinese terms; an English page still finds
        # only English pages.
        ("en/story/slowdown/", "交叉熵", "en/reference/glossary/"),
        ("404.html", "饱和", "story/why-slow/"),
        ("en/404.html", "saturation", "en/story/why-slow/"),
        # Symbols: the formulas are indexed as text, and no trimmer strips Greek.
        ("story/slowdown/", "σ", "story/why-slow/"),
        ("story/slowdown/", "η", "story/learning-rates/"),
        ("story/slowdown/", "∂C", "story/why-slow/"),
        ("en/story/slowdown/", "σ", "en/story/why-slow/"),
        ("en/story/slowdown/", "η", "en/story/learning-rates/"),
        ("en/story/slowdown/", "∂C", "en/story/why-slow/"),
    ],
)
def test_search_finds_the_page_in_the_language_of_the_page(
    browser: Browser, base_url: str, home: str, query: str, expected: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    indexes = []
    page.on("request", lambda r: indexes.append(r.url) if "search_index" in r.url else None)
    page.goto(base_url + home)
    page.click(".md-search__input")
    page.keyboard.type(query)
    # Material searches on keyup; typing CJK inserts text without one, as an IME would.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=TEST_TIMEOUT_MS)
    results = page.eval_on_selector_all(
        "a.md-search-result__link", "links => links.map(a => a.href.split(/[?#]/)[0])"
    )
    context.close()
    assert base_url + expected in results, f"/{home}: {query!r} gives {results}"
    lang = language_of(home)
    # Only this language's index is downloaded, and every result is in this language.
    root = base_url + ("en/" if lang == "en" else "")
    assert indexes == [root + "search/search_index.json"]
    assert [url for url in results if language_of(url.removeprefix(base_url)) != lang] == []


# ---------------------------------------------------------------------------------------
# Dark mode
# ---------------------------------------------------------------------------------------
SHOWN_IMAGES = """(suffix) => [...document.querySelectorAll(`img[src$="${suffix}"]`)].map(
  (img) => [getComputedStyle(img).display !== "none", img.naturalWidth])"""


@pytest.mark.parametrize("path", ["story/slowdown/", "en/story/slowdown/"])
def test_palette_toggle_shows_the_dark_figures(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    light = page.evaluate(SHOWN_IMAGES, "#only-light")
    assert light
    assert all(shown for shown, _ in light)
    assert not any(shown for shown, _ in page.evaluate(SHOWN_IMAGES, "#only-dark"))
    page.click("form[data-palette] label:visible")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    # Lazy images load as they come into view, as a reader scrolling down sees them.
    for img in page.locator('img[src$="#only-dark"]').all():
        img.scroll_into_view_if_needed()
    page.wait_for_function(
        """() => [...document.querySelectorAll('img[src$="#only-dark"]')]
                 .every((img) => img.complete && img.naturalWidth > 0)""",
        timeout=TEST_TIMEOUT_MS,
    )
    dark = page.evaluate(SHOWN_IMAGES, "#only-dark")
    light_after = page.evaluate(SHOWN_IMAGES, "#only-light")
    context.close()
    assert len(dark) == len(light)
    assert all(shown and width > 0 for shown, width in dark), dark
    assert not any(shown for shown, _ in light_after)


# ---------------------------------------------------------------------------------------
# Maths without JavaScript, and copied as TeX
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["story/why-slow/", "en/story/cross-entropy/", "practice/notebook/"]
)
def test_formulas_show_with_javascript_off(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    shown = page.evaluate("""() => {
      const maths = [...document.querySelectorAll("mjx-container")];
      const box = (e) => e.getBoundingClientRect();
      return {count: maths.length,
              visible: maths.filter((e) => box(e).width > 0 && box(e).height > 0).length,
              text: document.querySelector("article").innerText};
    }""")
    context.close()
    assert shown["count"] > 5
    assert shown["visible"] == shown["count"]
    for raw in RAW_TEX:
        assert raw not in shown["text"], raw


def test_copying_a_formula_copies_its_tex(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "en/story/why-slow/")
    copied = page.evaluate("""() => {
      const formula = [...document.querySelectorAll("mjx-container:not([display])")]
        .find((e) => e.getAttribute("data-latex") === "\\\\sigma'(z)");
      const range = document.createRange();
      range.selectNode(formula);
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
      let text = null;
      const read = (event) => { text = event.clipboardData.getData("text/plain"); };
      document.addEventListener("copy", read);
      document.execCommand("copy");
      return text;
    }""")
    context.close()
    assert copied == "$\\sigma'(z)$"


def test_a_closed_solution_is_not_laid_out_until_opened(browser: Browser, base_url: str) -> None:
    # docs/stylesheets/extra.css: a closed <details> keeps its contents out of layout (the
    # theme measures its code blocks on load); opened, they show, code tools and all.
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "en/practice/exercises/")
    state = """(details) => [...details.children].filter((e) => e.tagName !== "SUMMARY")
      .map((e) => e.getClientRects().length > 0)"""
    solution = page.locator("details:has(pre > code)").first
    closed = solution.evaluate(state)
    solution.locator("summary").click()
    opened = solution.evaluate(state)
    buttons = solution.locator(".md-code__button").count()
    context.close()
    assert closed
    assert not any(closed)
    assert all(opened)
    assert buttons >= 1


SCHEME = "() => document.body.dataset.mdColorScheme"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_palette_follows_the_system_until_the_reader_chooses(
    browser: Browser, base_url: str, system: str
) -> None:
    # The reader's system colour scheme picks the palette (slate is Material's dark one);
    # a choice then holds on every page, in both languages, whatever the system says.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=system)
    page = context.new_page()
    page.goto(base_url + "story/slowdown/")
    first, other = ("default", "slate") if system == "light" else ("slate", "default")
    assert page.evaluate(SCHEME) == first
    # The browser's own colours follow the header's, once the page is idle.
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]')")
    header = page.evaluate(
        "() => getComputedStyle(document.querySelector('header')).backgroundColor"
    )
    red, green, blue = (int(c) for c in header[header.index("(") + 1 : -1].split(",")[:3])
    theme = page.evaluate("() => document.querySelector('meta[name=theme-color]').content")
    assert theme == f"#{red:02x}{green:02x}{blue:02x}"
    assert page.evaluate("() => document.querySelector('meta[name=color-scheme]').content") == (
        "light" if first == "default" else "dark"
    )
    flipped = "dark" if system == "light" else "light"
    page.emulate_media(color_scheme=flipped)  # the reader has not chosen: it follows
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{other}'")
    page.emulate_media(color_scheme=system)
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{first}'")
    page.click("form[data-palette] label:visible")
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{other}'")
    for path in ("en/story/why-slow/", ""):
        page.goto(base_url + path)
        assert page.evaluate(SCHEME) == other, path
    # The system changes again: the page hears of it (after the palette's own listener,
    # registered first), and the reader's choice holds.
    page.evaluate(
        """() => { window.heard = new Promise((done) => matchMedia('(prefers-color-scheme: dark)')
             .addEventListener('change', done, {once: true})); }"""
    )
    page.emulate_media(color_scheme=flipped)
    page.evaluate("() => window.heard")
    assert page.evaluate(SCHEME) == other
    context.close()


def test_the_palette_switches_by_keyboard(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "en/")
    checked = page.locator("form[data-palette] input:checked")
    checked.focus()
    name = checked.get_attribute("aria-label")
    assert name == "Switch to dark mode"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    # The focus is on the option now shown, whose label switches back.
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
        "Switch to light mode"
    )
    assert page.evaluate("() => document.activeElement.checked")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    # The options are radio buttons: the arrow keys move between them, and switch.
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    context.close()
