"""The print edition: the built site as one PDF book per language.

A headless Chromium, driven by Playwright, opens a page of the edition's own on the served
site (`printer`); there ``assets/book.js`` fetches the built pages in the order of the site's
navigation, keeps each page's article, and Paged.js cuts the book into A4 pages with
``assets/book.css``: a title page with the sources and the licence, contents with page
numbers, running heads, page numbers, the light figures as vectors, every link inside the
book a link and every other address printed. Chromium prints it with an outline and tags;
pypdf adds the metadata Chromium leaves out (author, language).

It builds nothing itself: it reads a site that ``mkdocs build`` made and needs the browser,
Paged.js (npm) and pypdf. ``scripts/print_edition.py`` is its entry point (``./dev pdf``).
"""

from neuron_demo.site.edition.printer import (
    FILE_NAME,
    SKIPPED,
    Edition,
    Sources,
    edition_path,
    print_editions,
)

__all__ = ["FILE_NAME", "SKIPPED", "Edition", "Sources", "edition_path", "print_editions"]
