"""The built site: both languages complete, offline, each searchable in its own language.

Every test reads the output of one ``mkdocs build --strict`` (the
``built_site`` fixture in conftest.py); expectations come from the site's
plan (page list, language roots), not from the build's own output.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from prose import pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
NOTEBOOK_PAGE = "practice/notebook"
NOTEBOOK_MAX_BYTES = 150 * 1024

# The site's pages (docs/<page>.<lang>.md, the notebook as .ipynb).
PAGES = (
    "index",
    "story/neuron-and-costs",
    "story/slowdown",
    "story/why-slow",
    "story/cross-entropy",
    "story/learning-rates",
    "story/beyond",
    "practice/exercises",
    NOTEBOOK_PAGE,
    "practice/lab",
    "reference/api",
    "reference/cli",
    "reference/glossary",
)

# Search terms and the pages of the term's language that must come up for each (the
# chapter built around the idea, and the glossary), as locations in that language's
# index, which is served from the language's root.
SEARCH_TERMS = {
    ("zh", "交叉熵"): ("story/cross-entropy/", "reference/glossary/"),
    ("zh", "学习率"): ("story/learning-rates/", "reference/glossary/"),
    ("zh", "饱和"): ("story/why-slow/", "reference/glossary/"),
    ("en", "entropy"): ("story/cross-entropy/", "reference/glossary/"),
    ("en", "saturation"): ("story/why-slow/", "reference/glossary/"),
    # The English glossary lists the Chinese terms: they are segmented there too.
    ("en", "交叉熵"): ("reference/glossary/",),
    # Symbols from the formulas (indexed as text), which no trimmer strips.
    ("zh", "σ"): ("story/why-slow/",),
    ("zh", "η"): ("story/learning-rates/",),
    ("zh", "∂c"): ("story/why-slow/",),
    ("en", "σ"): ("story/why-slow/",),
    ("en", "η"): ("story/learning-rates/",),
    ("en", "∂c"): ("story/why-slow/",),
}


def page_url(page: str, lang: str) -> str:
    """Site-relative URL of a page: zh at the root, en under en/ (directory URLs)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix if page == "index" else f"{prefix}{page}/"


def page_html(site: Path, page: str, lang: str) -> Path:
    return site / page_url(page, lang) / "index.html"


def language_root(lang: str) -> str:
    """Site-relative URL of a language's root ("" for the default language)."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def search_index(site: Path, lang: str) -> dict:
    """The search index of ``lang``, served from its language root."""
    path = site / language_root(lang) / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(page: str, lang: str) -> Path:
    """The page's source: Chinese in docs/, English in docs/en/, the same paths."""
    ext = ".ipynb" if page == NOTEBOOK_PAGE else ".md"
    return (DOCS / "en" if lang == "en" else DOCS) / f"{page}{ext}"


class Tags(HTMLParser):
    """Collect every start tag with its attributes, and the <html lang>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def first(self, tag: str) -> dict[str, str]:
        return next(attrs for name, attrs in self.tags if name == tag)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def expected_lang(site: Path, html: Path) -> str:
    first = html.relative_to(site).parts[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_twin_in_the_sources(page: str) -> None:
    missing = [
        str(source_of(page, lang)) for lang in LANGUAGES if not source_of(page, lang).is_file()
    ]
    assert not missing, f"missing sources: {missing}"


def test_no_page_without_a_twin() -> None:
    for lang in LANGUAGES:
        assert sorted(pages(lang)) == sorted(PAGES), lang


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_in_both_languages(built_site: Path, page: str, lang: str) -> None:
    html = page_html(built_site, page, lang)
    assert html.is_file(), f"{page} ({lang}) was not built at {html}"


def test_html_lang_matches_the_language_of_every_page(built_site: Path) -> None:
    wrong = {}
    for html in built_pages(built_site):
        lang = parse(html).first("html").get("lang")
        if lang != expected_lang(built_site, html):
            wrong[str(html.relative_to(built_site))] = lang
    assert not wrong, f"wrong <html lang>: {wrong}"


@pytest.mark.parametrize(("path", "lang"), [("404.html", "zh"), ("en/404.html", "en")])
def test_404_pages_are_in_their_language(built_site: Path, path: str, lang: str) -> None:
    assert parse(built_site / path).first("html")["lang"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sitemaps_list_every_page_with_hreflang_alternates(built_site: Path, lang: str) -> None:
    # Each language's project has its own sitemap; every page in it names both twins.
    text = (built_site / language_root(lang) / "sitemap.xml").read_text(encoding="utf-8")
    locs = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text)]
    base = "/loss-and-learning/"
    assert sorted(locs) == sorted(base + page_url(page, lang) for page in PAGES)
    for other in LANGUAGES:
        alternates = re.findall(rf'hreflang="{other}" href="([^"]+)"', text)
        assert sorted(urlsplit(a).path for a in alternates) == sorted(
            base + page_url(page, other) for page in PAGES
        )


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_leads_to_the_same_page(
    built_site: Path, page: str, lang: str, other: str
) -> None:
    html = page_html(built_site, page, lang)
    links = {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in parse(html).tags
        if tag == "a" and "md-select__link" in attrs.get("class", "")
    }
    here = f"http://site/{page_url(page, lang)}"
    assert urljoin(here, links[other]) == f"http://site/{page_url(page, other)}"


def _search_tokens(entry: dict, separator: re.Pattern[str]) -> set[str]:
    return set(separator.split(entry["title"] + " " + entry["text"]))


@pytest.mark.parametrize(("lang_term", "pages"), SEARCH_TERMS.items())
def test_search_index_has_the_words_as_tokens(
    built_site: Path, lang_term: tuple[str, str], pages: tuple[str, ...]
) -> None:
    lang, term = lang_term
    index = search_index(built_site, lang)
    separator = re.compile(index["config"]["separator"])
    found = {
        entry["location"].split("#")[0]
        for entry in index["docs"]
        if term in {token.lower() for token in _search_tokens(entry, separator)}
    }
    missing = set(pages) - found
    assert not missing, f"{lang} search for {term} misses {sorted(missing)}"


def _h1(html: Path) -> str:
    """The text of a built page's first heading, without its permalink."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html.read_text(encoding="utf-8"), re.DOTALL)
    heading = re.sub(r"<a [^>]*>(&para;|¶)</a>", "", match.group(1))
    return unescape(re.sub(r"<[^>]+>", "", heading)).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_only_its_own_pages(built_site: Path, lang: str) -> None:
    # One document per page section; the page's own entry (no #anchor) carries the page
    # title (as HTML, with jieba's U+200B between Chinese words). Every page of the
    # language is there, under its location relative to the language root, with the
    # title of that language's page, and nothing else is.
    index = search_index(built_site, lang)
    titles = {
        entry["location"]: unescape(entry["title"]).replace("\u200b", "")
        for entry in index["docs"]
        if "#" not in entry["location"]
    }
    root = language_root(lang)
    expected = {
        page_url(page, lang).removeprefix(root): _h1(page_html(built_site, page, lang))
        for page in PAGES
    }
    assert titles == expected
    sections = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert sections == set(expected)
    cjk_titles = [title for title in titles.values() if re.search(r"[\u3400-\u9fff]", title)]
    assert len(cjk_titles) == (len(PAGES) if lang == "zh" else 0), cjk_titles


def _load_urls(parser: Tags) -> list[str]:
    """URLs a browser fetches for this page: src/href of everything but links to follow."""
    urls = []
    for tag, attrs in parser.tags:
        rel = attrs.get("rel", "")
        if tag == "a" or (tag == "link" and rel in ("canonical", "prev", "next")):
            continue
        urls += [attrs[key] for key in ("src", "href", "data", "poster") if key in attrs]
        urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style", ""))
    for css in parser.styles:
        urls += _css_urls(css)
    return urls


def _css_urls(css: str) -> list[str]:
    imports = re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return imports + re.findall(r"url\(\s*['\"]?([^'\")]+)", css)


def _is_remote(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("http", "https") or url.strip().startswith("//")


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    remote = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix == ".html":
            urls = _load_urls(parse(path))
        elif path.suffix == ".css":
            urls = _css_urls(path.read_text(encoding="utf-8"))
        else:
            continue
        remote += [f"{path.relative_to(built_site)}: {url}" for url in urls if _is_remote(url)]
    assert not remote, "third-party loads:\n" + "\n".join(remote)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_maths_need_no_script_and_their_stylesheet_is_the_sites(
    built_site: Path, lang: str
) -> None:
    # hooks/maths.py typesets the maths when the site is built: pages load no MathJax, and
    # link one stylesheet of this language's project, whose fonts are served beside it.
    html = page_html(built_site, "story/why-slow", lang)
    tags = parse(html).tags
    scripts = [attrs["src"] for tag, attrs in tags if tag == "script" and "src" in attrs]
    assert not [src for src in scripts if "mathjax" in src.lower()]
    text = html.read_text(encoding="utf-8")
    assert text.count("<mjx-container") > 20
    assert "\\(" not in text  # no inline TeX left for a script to find
    sheets = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "stylesheet"]
    maths = [href for href in sheets if href.endswith("assets/mathjax/mathjax.css")]
    assert len(maths) == 1
    assert not _is_remote(maths[0])
    stylesheet = (html.parent / maths[0]).resolve()
    assert stylesheet == (built_site / language_root(lang) / "assets/mathjax/mathjax.css").resolve()
    fonts = re.findall(r'url\("?([^")]+\.woff2)', stylesheet.read_text(encoding="utf-8"))
    assert fonts
    assert all((stylesheet.parent / font).is_file() for font in fonts)
    assert (stylesheet.parent / "LICENSE").is_file()


def test_every_formula_keeps_its_tex(built_site: Path) -> None:
    # For a copy as TeX (docs/javascripts/copy-tex.js): each container holds its source.
    html = page_html(built_site, "story/why-slow", "en").read_text(encoding="utf-8")
    containers = re.findall(r"<mjx-container [^>]*>", html)
    assert containers
    assert all("data-latex=" in tag for tag in containers)
    assert 'data-latex="\\sigma&#39;(z)' in html or "data-latex=\"\\sigma'(z)" in html


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_notebook_pages_are_light_html_linked_across_languages(
    built_site: Path, lang: str, other: str
) -> None:
    html = page_html(built_site, NOTEBOOK_PAGE, lang)
    text = html.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>"), "notebook emitted as raw JSON"
    assert "jp-Notebook" in text
    size = html.stat().st_size
    assert size <= NOTEBOOK_MAX_BYTES, f"{html} weighs {size} bytes"
    hrefs = [attrs.get("href", "") for tag, attrs in parse(html).tags if tag == "a"]
    here = f"http://site/{page_url(NOTEBOOK_PAGE, lang)}"
    assert f"http://site/{page_url(NOTEBOOK_PAGE, other)}" in {urljoin(here, h) for h in hrefs}


@pytest.mark.parametrize(
    ("lang", "headings"),
    [("zh", ["参数", "返回", "必需"]), ("en", ["Parameters", "Returns", "required"])],
)
def test_library_reference_speaks_the_page_language(
    built_site: Path, lang: str, headings: list[str]
) -> None:
    # mkdocstrings' own words (table headings, "required") follow the page's language.
    html = page_html(built_site, "reference/api", lang).read_text(encoding="utf-8")
    article = re.sub(r"<[^>]+>", " ", html[html.index("<article") : html.index("</article>")])
    for word in headings:
        assert re.search(rf"(?<!\w){word}(?!\w)", article), word
    if lang == "en":
        assert re.findall(r"[\u4e00-\u9fff]+", article) == []


def _parameter_tables(html: str) -> dict[str, list[tuple[str, str]]]:
    """(name, default) rows of each documented function's parameter table, by function id."""
    tables = {}
    headings = list(re.finditer(r'<h[2-4] id="(neuron_demo\.[\w.]+)"', html))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        section = html[heading.end() : following.start() if following else len(html)]
        table = re.search(
            r'"doc-section-title">Parameters:</span></p>\s*<table>.*?</table>', section, re.DOTALL
        )
        if table is None:
            continue
        rows = []
        for row in re.findall(r"<tr.*?</tr>", table.group(0), re.DOTALL):
            cells = [
                " ".join(re.sub(r"<[^>]+>", " ", cell).split())
                for cell in re.findall(r"<td.*?</td>", row, re.DOTALL)
            ]
            if cells:
                rows.append((cells[0], cells[-1]))
        tables[heading.group(1)] = rows
    return tables


def test_library_reference_tables_match_the_signatures(built_site: Path) -> None:
    # Each documented parameter in signature order, with the signature's default (a
    # docstring that groups "x, y : ..." made mkdocstrings give y the default of x).
    html = page_html(built_site, "reference/api", "en").read_text(encoding="utf-8")
    tables = _parameter_tables(html)
    assert "neuron_demo.train.epochs_to_learn" in tables
    for ident, rows in tables.items():
        module, _, name = ident.rpartition(".")
        function = getattr(importlib.import_module(module), name)
        if inspect.isclass(function):  # documented by its own members
            continue
        parameters = inspect.signature(function).parameters.values()
        expected = [
            (p.name, "required" if p.default is p.empty else repr(p.default)) for p in parameters
        ]
        assert rows == expected, ident


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_keeps_its_notebook_html_cached(built_site: Path, lang: str) -> None:
    # After a build of both languages, each language's cache still holds its notebook's
    # converted HTML (with one shared directory, each build evicted the other's entry).
    entries = list((ROOT / "generated" / "notebooks" / lang).glob("*.json"))
    assert len(entries) == 1
    content = json.loads(entries[0].read_text(encoding="utf-8"))["content"]
    assert "jp-Notebook" in content
    assert ("训练" in content) == (lang == "zh")  # the notebook of this language
    assert "after 300 epochs a =" in content  # an executed cell's output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_figures_come_in_the_sites_palette_for_both_themes(
    built_site: Path, lang: str
) -> None:
    # Each output figure is a light SVG in the site's palette, the costs' colours among
    # them, and its dark twin recoloured as the site's own figures are.
    from neuron_demo.site.figures.palette import PALETTES, recolour

    html = page_html(built_site, NOTEBOOK_PAGE, lang)
    sources = re.findall(r'<img alt="[^"]+" src="([^"#]+)#only-(light|dark)"', html.read_text())
    light = [src for src, theme in sources if theme == "light"]
    assert len(light) == 2
    assert [src.replace(".light.", ".dark.") for src in light] == [
        src for src, theme in sources if theme == "dark"
    ]
    p = PALETTES["light"]
    palette = {colour for colour in vars(p).values() if colour.startswith("#")}
    for src in light:
        svg = (html.parent / src).read_bytes()
        colours = {c.decode() for c in re.findall(rb"#[0-9a-fA-F]{6}\b", svg)}
        assert colours <= palette  # so that recolouring leaves nothing light behind
        assert {p.quadratic, p.cross_entropy} <= colours
        dark = (html.parent / src.replace(".light.", ".dark.")).read_bytes()
        assert dark == recolour(svg, "light", "dark")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_is_downloadable(built_site: Path, lang: str) -> None:
    html = page_html(built_site, NOTEBOOK_PAGE, lang)
    downloads = [attrs["href"] for tag, attrs in parse(html).tags if "download" in attrs]
    assert downloads == ["notebook.ipynb"]
    notebook = json.loads((html.parent / downloads[0]).read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(cell["execution_count"] is not None for cell in code), "not executed"
    # Nothing on stderr: a warning there (a glyph missing from a label, say) is on the page.
    streams = [o for cell in code for o in cell["outputs"] if o["output_type"] == "stream"]
    assert [o["text"] for o in streams if o["name"] == "stderr"] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_is_compact_utf8(built_site: Path, lang: str) -> None:
    # hooks/search_text.py: Chinese characters as themselves, not 6-byte \u escapes
    # (the English glossary has the Chinese terms too), and no spaces between tokens.
    path = built_site / language_root(lang) / "search" / "search_index.json"
    raw = path.read_text(encoding="utf-8")
    assert "交叉熵" in raw
    assert "\\u4ea4" not in raw  # 交
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_holds_maths_as_plain_text(built_site: Path, lang: str) -> None:
    # Result snippets show the indexed text as it is: formulas must read as text.
    docs = search_index(built_site, lang)["docs"]
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs)
    for tex in ("\\(", "\\[", "\\frac", "\\sigma", "\\partial", "$\\"):
        assert tex not in text
    assert "∂C/∂w" in text  # the chain rule
    assert "σ'(z)" in text  # the quadratic δ


def _material_config(html: Path) -> dict:
    """The configuration Material's JavaScript reads from the page."""
    text = html.read_text(encoding="utf-8")
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text)
    return json.loads(match.group(1))


def test_every_page_fetches_the_search_index_of_its_language(built_site: Path) -> None:
    # Material's worker fetches search/search_index.json under the configuration's
    # "base" and resolves result links against it: that must be the page's language root.
    wrong = {}
    for html in built_pages(built_site):
        relative = html.relative_to(built_site).as_posix()
        if relative.startswith("assets/"):
            continue
        here = urljoin("http://site/loss-and-learning/", relative)
        base = urljoin(here, _material_config(html)["base"])
        expected = "http://site/loss-and-learning/" + language_root(expected_lang(built_site, html))
        if base != expected:
            wrong[relative] = base
    assert not wrong, f"search base outside the page's language root: {wrong}"


def test_notebook_twins_share_their_heading_anchors(built_site: Path) -> None:
    # A Chinese heading slugifies to nothing; hooks/notebooks.py gives both twins the
    # English slugs, so a link to #setup works in either language.
    heading_ids = {
        lang: re.findall(
            r"<h[1-6][^>]*\sid=\"([^\"]+)\"", page_html(built_site, NOTEBOOK_PAGE, lang).read_text()
        )
        for lang in ("zh", "en")
    }
    assert heading_ids["zh"] == heading_ids["en"]
    assert "setup" in heading_ids["zh"]
    assert not [anchor for anchor in heading_ids["zh"] if re.fullmatch(r"_\d+", anchor)]


def test_numbers_in_the_built_pages_are_what_the_library_computes(built_site: Path) -> None:
    # Computed here, in this process, rather than read from generated/facts.json.
    from neuron_demo.site.facts import compute_facts

    facts = compute_facts()
    marker = re.compile(r"<!-- fact:([\w.\-]+) -->")
    checked = 0
    for lang in LANGUAGES:
        for page, source in pages(lang).items():
            keys = marker.findall(source.read_text(encoding="utf-8"))
            if not keys:
                continue
            html = page_html(built_site, page, lang).read_text(encoding="utf-8")
            assert "<!-- fact:" not in html, f"{source.name}: a marker was left in the page"
            text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r'alt="([^"]*)"', r">\1<", html)))
            for key in keys:
                assert facts[key] in text, f"{source.name}: {key} = {facts[key]!r} not on the page"
                checked += 1
    assert checked > 100


def test_figures_have_their_pages_alt_text_with_numbers_filled_in(built_site: Path) -> None:
    # A page's ![alt](figure:STEM) becomes a light and a dark image with that alt text.
    checked = 0
    for lang in LANGUAGES:
        for page, source in pages(lang).items():
            figures = re.findall(
                r"^!\[([^\]]*)\]\(figure:([\w-]+)\)", source.read_text("utf-8"), re.M
            )
            html = page_html(built_site, page, lang).read_text(encoding="utf-8")
            for alt, stem in figures:
                images = re.findall(
                    rf'<img alt="([^"]*)"[^>]*src="[^"]*{stem}\.{lang}\.(\w+)\.svg', html
                )
                assert sorted(theme for _, theme in images) == ["dark", "light"], (page, stem)
                for shown, _ in images:
                    assert "<!--" not in unescape(shown)
                    assert unescape(shown).startswith(re.split(r"<!--", alt)[0].strip()), stem
                checked += 1
    assert checked >= 2 * 14  # every figure at least once in each language


def test_every_svg_image_keeps_its_room_while_it_loads(built_site: Path) -> None:
    # Each <img> of an SVG (the site's figures, the notebooks' outputs) says how large it
    # is drawn: the SVG's own width and height, in points, at 96 px to 72 pt.
    checked = 0
    for html in built_site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", html.read_text(encoding="utf-8")):
            src = re.search(r'src="([^"#]+\.svg)', tag)
            if src is None:
                continue
            root = ElementTree.parse(html.parent / src.group(1)).getroot()
            expected = [
                round(float(root.get(side).removesuffix("pt")) * 4 / 3)
                for side in ("width", "height")
            ]
            shown = [re.search(rf'\b{side}="(\d+)"', tag) for side in ("width", "height")]
            assert all(shown), (html, tag)
            assert [int(m.group(1)) for m in shown] == expected, (html, src.group(1))
            checked += 1
    assert checked >= 2 * 2 * 16  # both languages, both themes, every figure at least


def test_compiled_templates_are_kept_for_the_next_build(built_site: Path) -> None:
    # hooks/templates.py gives Material's and mkdocstrings' Jinja environments a bytecode
    # cache; Jinja names a template's file after the template's name and path
    # (BytecodeCache.get_cache_key, file pattern "__jinja2_%s.cache" by default).
    from jinja2 import BytecodeCache
    from mkdocstrings_handlers import python

    cache = ROOT / "generated" / "templates"
    templates = {
        "main.html": ROOT / "overrides" / "main.html",
        "module.html.jinja": Path(python.__file__).parent / "templates/material/module.html.jinja",
    }
    for name, path in templates.items():
        assert path.is_file(), path
        key = BytecodeCache().get_cache_key(name, str(path))
        assert (cache / f"__jinja2_{key}.cache").is_file(), name


OWN_SCRIPTS = ("zoom.js", "copy-tex.js", "accessible.js")


def test_the_sites_own_scripts_wait_for_the_whole_page(built_site: Path) -> None:
    # Deferred (mkdocs.yml, extra_javascript), after the theme's script, in their order:
    # run where they stand they lengthened the long task the theme's script starts in.
    wrong = {}
    for html in built_pages(built_site):
        tags = re.findall(r'<script\b[^>]*\bsrc="[^"]*"[^>]*>', html.read_text("utf-8"))
        if not tags:
            continue
        names = [re.search(r'src="([^"]*)"', tag)[1].rsplit("/", 1)[-1] for tag in tags]
        ours = [(name, tag) for name, tag in zip(names, tags, strict=True) if name in OWN_SCRIPTS]
        deferred = all(re.search(r"\sdefer[\s>]", tag) for _, tag in ours)
        in_order = [name for name, _ in ours] == list(OWN_SCRIPTS)
        if not (names[0].startswith("bundle.") and in_order and deferred):
            wrong[html.relative_to(built_site).as_posix()] = tags
    assert not wrong, wrong
