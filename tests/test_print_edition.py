"""The print edition: two PDF books in the built site, one per language.

Every test reads the books that the ``built_site`` fixture printed, with pypdf. The
expectations come from elsewhere: the reading order from the nav of mkdocs.yml and
docs/en.yml, the chapter titles, equation numbers and figures from the built pages, the
numbers from the library's facts through the pages' fact markers, the two themes' colours
from the figures' palette, the title and author from mkdocs.yml.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import pytest
import yaml
from local_site import site_prefix
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from neuron_demo.site.edition import FILE_NAME, SKIPPED, edition_path
from neuron_demo.site.facts import compute_facts
from neuron_demo.site.figures.palette import PALETTES, Palette

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")
PROJECT = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "docs" / "en.yml"}
DOCS = {"zh": ROOT / "docs", "en": ROOT / "docs" / "en"}
INTRODUCTION = {"zh": "引言", "en": "Introduction"}  # the home page's title in the book
CONTENTS = {"zh": "目录", "en": "Contents"}
MAX_BYTES = 10 * 1024 * 1024
FACT = re.compile(r"<!-- fact:([\w.\-]+) -->")
# A figure's alt text is not printed (it is the image's /Alt in the tags).
FIGURE = re.compile(r"!\[.*?\]\(figure:[\w\-]+\)", re.DOTALL)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def nav_pages(lang: str) -> list[str]:
    """The project's pages in nav order, as source paths ("story/why-slow.md")."""
    text = PROJECT[lang].read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:") :])["nav"]

    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += walk(value) if isinstance(value, list) else [value]
        return found

    return walk(nav)


def page_dir(source: str) -> str:
    """The built page's folder for a source path ("story/why-slow.md" -> "story/why-slow/")."""
    stem = source.rsplit(".", 1)[0]
    return "" if stem == "index" else stem + "/"


def slug_of(source: str) -> str:
    """A chapter's prefix of ids in the book ("story-why-slow"; the home page's "introduction")."""
    return page_dir(source).rstrip("/").replace("/", "-") or "introduction"


def book_pages(lang: str) -> list[str]:
    return [page for page in nav_pages(lang) if page_dir(page) not in SKIPPED]


def setting(lang: str, key: str) -> str:
    """A top-level setting of the language's project (the English one inherits the rest)."""
    for project in (PROJECT[lang], PROJECT["zh"]):
        match = re.search(rf"^{key}:\s*(.+)$", project.read_text(encoding="utf-8"), re.M)
        if match:
            return match.group(1).strip()
    raise KeyError(key)


@dataclass
class Book:
    """One printed book, read once."""

    lang: str
    path: Path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    @cached_property
    def chapters(self) -> list[tuple[str, int]]:
        """The outline's top level: each chapter's title and first page (0-based)."""
        return [
            (item.title, self.reader.get_destination_page_number(item))
            for item in self.reader.outline
            if not isinstance(item, list)
        ]

    def chapter_text(self, index: int) -> str:
        first = self.chapters[index][1]
        end = self.chapters[index + 1][1] if index + 1 < len(self.chapters) else None
        return "".join(self.texts[first:end])


@pytest.fixture(scope="module")
def books(published_site: Path) -> dict[str, Book]:
    found = {
        "zh": Book("zh", published_site / FILE_NAME),
        "en": Book("en", published_site / "en" / FILE_NAME),
    }
    if not any(book.path.is_file() for book in found.values()):
        pytest.skip("no books: they are printed with the browser the browser tests use")
    return found


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return compute_facts()


def squeeze(text: str) -> str:
    """Text without white space, with one minus sign, for finding numbers in it."""
    return re.sub(r"\s+", "", text).replace("\u2212", "-")


@pytest.mark.parametrize("lang", LANGS)
def test_the_book_exists_and_is_under_ten_megabytes(books: dict[str, Book], lang: str) -> None:
    path = books[lang].path
    assert path.is_file(), path
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("lang", LANGS)
def test_the_outline_has_the_chapters_in_reading_order(
    books: dict[str, Book], built_site: Path, lang: str
) -> None:
    site = edition_path(built_site, lang).parent  # the language's folder of the site
    expected = []
    for page in book_pages(lang):
        if page_dir(page) == "":
            expected.append(INTRODUCTION[lang])
            continue
        built = (site / page_dir(page) / "index.html").read_text(encoding="utf-8")
        title = html.unescape(TITLE.search(built).group(1)).strip()
        expected.append(title.rsplit(" - ", 1)[0])
    assert [title for title, _ in books[lang].chapters] == expected
    firsts = [first for _, first in books[lang].chapters]
    assert firsts == sorted(firsts)


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_give_each_chapter_its_page(books: dict[str, Book], lang: str) -> None:
    book = books[lang]
    contents = next(text for text in book.texts if text.startswith(CONTENTS[lang]))
    lines = [line.strip() for line in contents.splitlines()]
    for title, first in book.chapters:
        numbered = [line for line in lines if line.endswith(str(first + 1)) and title in line]
        assert numbered, f"{title!r} on page {first + 1} not in the contents: {lines}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_chapter_shows_the_numbers_its_page_shows(
    books: dict[str, Book], facts: dict[str, str], lang: str
) -> None:
    book = books[lang]
    missing = []
    for index, page in enumerate(book_pages(lang)):
        source = (DOCS[lang] / page).read_text(encoding="utf-8")
        text = squeeze(book.chapter_text(index))
        for key in sorted(set(FACT.findall(FIGURE.sub("", source)))):
            if squeeze(facts[key]) not in text:
                missing.append(f"{page}: {key} = {facts[key]}")
    assert not missing, missing
    assert sum(len(FACT.findall((DOCS[lang] / p).read_text())) for p in book_pages(lang)) > 50


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_copies_as_written(books: dict[str, Book], lang: str) -> None:
    # A CJK font draws a radical like its ideograph: the PDF must map the glyph back to
    # the ideograph (言, not ⾔), or the text cannot be searched.
    radicals = [c for text in books[lang].texts for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    assert not radicals


def _fonts(resources: DictionaryObject, seen: set[int]) -> list[DictionaryObject]:
    """Every font a page's resources use, in forms (the figures) too."""
    found = []
    fonts = resources.get("/Font")
    if fonts is not None:
        found += [font.get_object() for font in fonts.get_object().values()]
    for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        form = xobject.get_object()
        if id(form) in seen or form.get("/Subtype") != "/Form" or "/Resources" not in form:
            continue
        seen.add(id(form))
        found += _fonts(form["/Resources"].get_object(), seen)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded(books: dict[str, Book], lang: str) -> None:
    failures = set()
    seen: set[int] = set()
    for number, page in enumerate(books[lang].reader.pages, start=1):
        for font in _fonts(page.get("/Resources", DictionaryObject()).get_object(), seen):
            described = font
            if font.get("/Subtype") == "/Type0":
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in FONT_FILES):
                failures.add(f"page {number}: {font.get('/Subtype')} {font.get('/BaseFont')}")
    assert not failures, sorted(failures)


ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([\w-]+)="([^"]*)"')
COLOUR = re.compile(rb"(?<![\w.])(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (?:rg|RG)\b")


def light_images(page: Path) -> list[str]:
    """The alt texts of the images a built page shows in its light theme."""
    article = ARTICLE.search(page.read_text(encoding="utf-8")).group(0)
    found = []
    for tag in IMAGE.findall(article):
        attributes = dict(ATTRIBUTE.findall(tag))
        if not attributes["src"].endswith("#only-dark"):
            found.append(squeeze(html.unescape(attributes.get("alt", ""))))
    return found


def tagged_figures(reader: PdfReader) -> list[tuple[int, str]]:
    """The book's figures as its tags name them: (page, alt text) of each /Figure with /Alt."""
    found = []
    stack = [reader.root_object["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        if not isinstance(element, DictionaryObject):
            continue
        if element.get("/S") == "/Figure" and "/Alt" in element:
            found.append((reader.get_page_number(element["/Pg"].get_object()), element["/Alt"]))
        kids = element.get("/K")
        stack += kids if isinstance(kids, list) else [kids] if kids is not None else []
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_each_chapter_has_its_pages_figures_once(
    books: dict[str, Book], built_site: Path, lang: str
) -> None:
    # A figure is on a page twice, drawn for each theme, with the same alt text: once
    # in the book means the dark one was left out.
    book = books[lang]
    site = edition_path(built_site, lang).parent  # the language's folder of the site
    firsts = [first for _, first in book.chapters]
    printed: list[list[str]] = [[] for _ in firsts]
    for page, alt in tagged_figures(book.reader):
        chapter = max(index for index, first in enumerate(firsts) if first <= page)
        printed[chapter].append(squeeze(alt))
    expected = [
        sorted(light_images(site / page_dir(page) / "index.html")) for page in book_pages(lang)
    ]
    assert [sorted(alts) for alts in printed] == expected
    assert sum(map(len, expected)) > 15


def colours(reader: PdfReader) -> set[tuple[int, int, int]]:
    """Every colour the pages draw with, in 0-255 steps."""
    found = set()
    for page in reader.pages:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        for match in COLOUR.finditer(data):
            found.add(tuple(round(float(value) * 255) for value in match.groups()))
    return found


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("lang", LANGS)
def test_figures_are_drawn_in_the_light_theme(books: dict[str, Book], lang: str) -> None:
    drawn = colours(books[lang].reader)

    def used(colour: str) -> bool:  # within a step of rounding
        return any(max(abs(a - b) for a, b in zip(c, rgb(colour), strict=True)) <= 1 for c in drawn)

    light, dark = PALETTES["light"], PALETTES["dark"]
    names = [field.name for field in fields(Palette) if field.name != "colormap"]
    assert not [name for name in names if used(getattr(dark, name))]
    assert used(light.quadratic)
    assert used(light.cross_entropy)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_blank(books: dict[str, Book], lang: str) -> None:
    book = books[lang]
    blank = []
    for number, (page, text) in enumerate(zip(book.reader.pages, book.texts, strict=True), 1):
        resources = page.get("/Resources", DictionaryObject()).get_object()
        if not text.strip() and not resources.get("/XObject"):
            blank.append(number)
    assert not blank


@pytest.mark.parametrize("lang", LANGS)
def test_title_author_language_and_tags(books: dict[str, Book], lang: str) -> None:
    reader = books[lang].reader
    assert reader.metadata.title == setting(lang, "site_name")
    assert reader.metadata.author == setting(lang, "site_author")
    catalog = reader.root_object
    assert catalog["/Lang"] == lang
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog


@pytest.mark.parametrize("lang", LANGS)
def test_links_go_to_a_page_of_the_book_or_to_the_web(books: dict[str, Book], lang: str) -> None:
    reader = books[lang].reader
    inside = outside = 0
    failures = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri is None:
                inside += 1  # a destination in this file (Chromium writes /Dest)
                if "/Dest" not in link:
                    failures.append(f"page {number}: a link with neither URI nor destination")
            elif not uri.startswith("https://"):
                failures.append(f"page {number}: {uri}")
            else:
                outside += 1
    assert not failures, failures
    assert inside > 100
    assert outside > 5


EQUATION = re.compile(r'<mjx-mtd id="mjx-eqn:([^"]+)"[^>]*>(.*?)</mjx-mtd>', re.DOTALL)


def equation_numbers(page: Path) -> dict[str, str]:
    """The number the built page gives each labelled equation: {"eq:gd": "(1)"}."""
    text = page.read_text(encoding="utf-8")
    return {label: re.sub(r"<[^>]+>", "", body) for label, body in EQUATION.findall(text)}


@pytest.mark.parametrize("lang", LANGS)
def test_equation_links_land_on_the_equation_with_the_pages_number(
    books: dict[str, Book], built_site: Path, lang: str
) -> None:
    book = books[lang]
    site = edition_path(built_site, lang).parent  # the language's folder of the site
    numbers = {}  # destination name -> (chapter index, number shown on the site)
    for index, page in enumerate(book_pages(lang)):
        built = site / page_dir(page) / "index.html"
        for label, number in equation_numbers(built).items():
            numbers[f"{slug_of(page)}--mjx-eqn:{label}"] = (
                index,
                number,
            )
    chapter_of = [0] * len(book.texts)
    for index, (_, first) in enumerate(book.chapters):
        for page_index in range(first, len(book.texts)):
            chapter_of[page_index] = index
    named = book.reader.named_destinations
    checked = set()
    failures = set()
    for number, page in enumerate(book.reader.pages):
        for annotation in page.get("/Annots") or []:
            name = str(annotation.get_object().get("/Dest", "")).lstrip("/")
            if "--mjx-eqn:" not in name:
                continue
            chapter, shown = numbers[name]
            target = book.reader.get_destination_page_number(named["/" + name])
            if chapter_of[number] != chapter or chapter_of[target] != chapter:
                failures.add(f"page {number + 1}: {name} leaves its chapter")
            elif squeeze(shown) not in squeeze(book.texts[target]):
                failures.add(f"page {number + 1}: {name} lands on a page without {shown}")
            checked.add(name)
    assert not failures, sorted(failures)
    assert len(checked) > 20


def test_every_page_links_to_the_book_in_its_language(built_site: Path) -> None:
    prefix = site_prefix()  # the 404 pages' links are absolute
    failures = []
    for page in sorted(built_site.rglob("*.html")):
        relative = page.relative_to(built_site)
        if relative.parts[0] == "assets":
            continue
        expected = built_site / ("en" if relative.parts[0] == "en" else "") / FILE_NAME
        text = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*' + re.escape(FILE_NAME) + ')"', text)
        targets = {
            built_site / href.removeprefix(prefix) if href.startswith("/") else page.parent / href
            for href in hrefs
        }
        if {target.resolve() for target in targets} != {expected.resolve()}:
            failures.append(f"{relative}: {hrefs}")
    assert not failures, failures
