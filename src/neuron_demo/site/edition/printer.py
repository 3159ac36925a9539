"""Print one language's book from the served site: assemble, paginate, print, label.

The book's page lives at ``<language root>print-edition/`` on the site's own origin, so
the built pages it fetches, their stylesheets, fonts and figures are all same-origin;
Playwright answers that address and the files of the edition (``assets/``, Paged.js) itself,
and nothing else is requested from anywhere. The page is laid out under print media, as
it is printed. What is left out of the book on purpose is `SKIPPED`.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from playwright.sync_api import Browser, Route
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from neuron_demo.site import LANGS
from neuron_demo.site.edition.fonts import text_face, truetype

FILE_NAME = "loss-and-learning.pdf"
"""The PDF's name, in each language's root: ``site/`` and ``site/en/``."""

SKIPPED = ("reference/api/", "reference/cli/")
"""Pages not in the book: the library's reference is for the screen and the terminal."""

BOOK_PATH = "print-edition/"
ASSETS = files("neuron_demo.site.edition") / "assets"
PAGINATE_TIMEOUT_MS = 600_000

# The book's own words (the rest comes from the built pages and assets/front.LANG.html).
TEXTS = {
    "zh": {
        "contents": "目录",
        "chapter": "第 {n} 章",
        "introduction": "引言",
        "labLine": "实验室要在浏览器里操作，网址是 {url}。",
        "urlOpen": "（",
        "urlClose": "）",
    },
    "en": {
        "contents": "Contents",
        "chapter": "Chapter {n}",
        "introduction": "Introduction",
        "labLine": "The lab itself runs in a web browser, at {url}.",
        "urlOpen": " (",
        "urlClose": ")",
    },
}

SHELL = """<!doctype html>
<html lang="{lang}" dir="ltr">
<head>
<meta charset="utf-8">
<title></title>
<script src="paged.js"></script>
<script src="book.js"></script>
</head>
<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
</body>
</html>
"""


@dataclass(frozen=True)
class Sources:
    """What the book takes from outside the built site."""

    pagedjs: Path
    """Paged.js's browser bundle (npm ``pagedjs``: ``dist/paged.js``)."""
    sans: Path
    """The text face, regular, with TrueType outlines (Noto Sans SC from npm)."""
    sans_bold: Path
    """The same face, bold."""
    licence: str
    """The licence's full text, printed on the back of the title page."""


@dataclass(frozen=True)
class Edition:
    """One printed book: where it is and what it took."""

    lang: str
    path: Path
    pages: int
    size_bytes: int
    seconds: float
    """From the start of the printing of all books to the end of this one's."""
    chapters: tuple[str, ...]


def language_root(lang: str) -> str:
    """A language's root relative to the site's: "" for Chinese, "en/" for English."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return "" if lang == LANGS[0] else f"{lang}/"


def edition_path(site: Path, lang: str) -> Path:
    """Where a language's book goes in the built site."""
    return site / language_root(lang) / FILE_NAME


def _front(lang: str, licence: str, date: str) -> str:
    html = (ASSETS / f"front.{lang}.html").read_text(encoding="utf-8")
    escaped = licence.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html.replace("{date}", date).replace("{licence}", escaped)


class _Book:
    """One language's book in a page of its own: assembled, then paginated, then printed."""

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        lang: str,
        sources: Sources,
        faces: dict[str, bytes],
        date: str,
    ):
        self.lang = lang
        root = language_root(lang)
        self.url = f"{base_url}{root}{BOOK_PATH}"
        self.served = {
            "": ("text/html", SHELL.replace("{lang}", lang).encode()),
            "book.js": ("text/javascript", (ASSETS / "book.js").read_bytes()),
            "book.css": ("text/css", (ASSETS / "book.css").read_bytes()),
            "paged.js": ("text/javascript", sources.pagedjs.read_bytes()),
        }
        self.served.update({name: ("font/ttf", face) for name, face in faces.items()})
        self.converted: dict[str, bytes] = {}  # the maths fonts, as TrueType (fonts.py)
        self.problems: list[str] = []
        self.context = browser.new_context(
            color_scheme="light", viewport={"width": 1200, "height": 1600}
        )
        self.context.set_default_timeout(PAGINATE_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.route(f"{self.url}**", self._answer)
        self.page.route(f"{base_url}**/mathjax/woff2/*.woff2", self._maths_font)
        # Laid out as it is printed: Material's print rules apply from the start.
        self.page.emulate_media(media="print", color_scheme="light")
        self.page.goto(self.url)
        config = {
            "root": "../",
            "siteRoot": "./" if root == "" else "../",
            "skip": list(SKIPPED),
            "front": _front(lang, sources.licence, date),
            "texts": TEXTS[lang],
        }
        self.info = self.page.evaluate("config => window.assembleBook(config)", config)

    def _answer(self, route: Route) -> None:
        name = route.request.url.removeprefix(self.url)
        if name not in self.served:
            route.fulfill(status=404, body="")
            return
        content_type, body = self.served[name]
        route.fulfill(status=200, content_type=content_type, body=body)

    def _maths_font(self, route: Route) -> None:
        url = route.request.url
        if url not in self.converted:
            self.converted[url] = truetype(route.fetch().body())
        route.fulfill(status=200, content_type="font/ttf", body=self.converted[url])

    def start_pagination(self) -> None:
        """Start Paged.js and return at once (the books are cut into pages side by side)."""
        self.page.evaluate(
            """sheets => { window.paginate(sheets).then(
              (pages) => { window.bookPages = pages; },
              (error) => { window.bookError = String(error && error.stack || error); }); }""",
            [f"{self.url}book.css"],
        )

    def print(self, out: Path) -> int:
        """Wait for the pages, print them into ``out``, label it; returns the page count."""
        self.page.wait_for_function("() => window.bookPages || window.bookError")
        error = self.page.evaluate("() => window.bookError")
        if error or self.problems:
            raise RuntimeError(
                f"the {self.lang} book failed in the browser: {error or self.problems[0]}"
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        self.page.pdf(
            path=str(out),
            prefer_css_page_size=True,
            print_background=True,
            outline=True,
            tagged=True,
        )
        info = self.info
        return label(
            out, title=info["title"], author=info["author"], subject=info["subject"], lang=self.lang
        )

    def close(self) -> None:
        self.context.close()


def print_editions(
    browser: Browser,
    base_url: str,
    site: Path,
    sources: Sources,
    *,
    date: dt.date | None = None,
) -> list[Edition]:
    """Print every language's book from the site served at ``base_url`` into ``site``.

    Parameters
    ----------
    browser
        A Chromium launched by Playwright.
    base_url
        The site's root as served, ending in "/" (``local_site.serve``).
    site
        The built site's folder: each book goes to `edition_path`.
    sources
        Paged.js, the text face and the licence.
    date
        The editions' date, printed on the back of the title page (default: today).
    """
    started = time.perf_counter()
    day = (date or dt.date.today()).isoformat()
    faces = {
        "fonts/sans-regular.ttf": text_face(sources.sans.read_bytes()),
        "fonts/sans-bold.ttf": text_face(sources.sans_bold.read_bytes()),
    }
    books: list[_Book] = []
    try:
        for lang in LANGS:
            books.append(_Book(browser, base_url, lang, sources, faces, day))
        for book in books:
            book.start_pagination()
        editions = []
        for book in books:
            out = edition_path(site, book.lang)
            pages = book.print(out)
            editions.append(
                Edition(
                    lang=book.lang,
                    path=out,
                    pages=pages,
                    size_bytes=out.stat().st_size,
                    seconds=time.perf_counter() - started,
                    chapters=tuple(book.info["chapters"]),
                )
            )
        return editions
    finally:
        for book in books:
            book.close()


def label(pdf: Path, *, title: str, author: str, subject: str, lang: str) -> int:
    """Add what Chromium leaves out (author, subject, language), open on the outline.

    An incremental update: Chromium's bytes stay as they are, the changes follow them.
    Returns the number of pages.
    """
    writer = PdfWriter(io.BytesIO(pdf.read_bytes()), incremental=True)
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject})
    catalog = writer.root_object
    catalog[NameObject("/Lang")] = TextStringObject(lang)
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    preferences = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    catalog[NameObject("/ViewerPreferences")] = preferences
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())
    return len(writer.pages)
