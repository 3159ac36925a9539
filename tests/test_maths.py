"""hooks/maths.mjs, the build-time typesetter, on small sites of its own (Node, no MkDocs).

The built site's maths are checked in test_site_build.py and the browser tests; here, what
the typesetter decides: errors that fail the build, and its cache.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "hooks" / "maths.mjs"
PAGE = r"""<!doctype html><html><head><title>t</title></head><body><article>
<p>Inline <span class="arithmatex">\(INLINE\)</span> and a display:</p>
<div class="arithmatex">\[\begin{equation}DISPLAY\label{eq:one}\end{equation}\]</div>
<p>See <span class="arithmatex">\(REF\)</span>.</p>
</article></body></html>
"""
MATHS = {"INLINE": r"\sigma'(z)", "DISPLAY": "a = b", "REF": r"\eqref{eq:one}"}


def site(folder: Path, **maths: str) -> Path:
    """A one-page site whose maths are ``MATHS``, some replaced by ``maths``."""
    html = PAGE
    for name, tex in {**MATHS, **maths}.items():
        html = html.replace(name, tex)
    page = folder / "story" / "page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")
    return folder


def typeset(folder: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the maths are typeset when the site is built")
    return subprocess.run(
        ["node", str(SCRIPT), str(folder), str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def typeset_page(folder: Path, html: str) -> tuple[str, str]:
    """``html`` as a one-page site, typeset: the page and the maths stylesheet."""
    page = folder / "site" / "p" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")
    done = typeset(folder / "site", folder / "cache.ndjson")
    assert done.returncode == 0, done.stderr
    css = (folder / "site/assets/mathjax/mathjax.css").read_text(encoding="utf-8")
    return page.read_text(encoding="utf-8"), css


def test_a_page_is_typeset_with_its_tex_kept_and_its_stylesheet_written(tmp_path: Path) -> None:
    done = typeset(site(tmp_path / "site"), tmp_path / "cache.ndjson")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site/story/page/index.html").read_text(encoding="utf-8")
    assert html.count("<mjx-container") == 3
    assert 'data-latex="\\sigma\'(z)"' in html
    assert "<mjx-assistive-mml" in html  # hidden MathML for screen readers
    assert re.search(r'<a href="#mjx-eqn[^"]*one"', html)  # \eqref links to the equation
    css = (tmp_path / "site/assets/mathjax/mathjax.css").read_text(encoding="utf-8")
    assert "@font-face" in css
    assert "<title>t</title>" in html  # the rest of the page is left as it was


@pytest.mark.parametrize(
    ("maths", "message"),
    [
        ({"INLINE": r"\frac{1}"}, r'TeX error .* in "\\frac\{1\}"'),
        ({"INLINE": r"\nosuchmacro"}, r"TeX error \(Undefined control sequence \\nosuchmacro\)"),
        ({"REF": r"\eqref{eq:two}"}, r"\\eqref or \\ref to an unknown label"),
        ({"INLINE": "a^{b"}, r"(TeX error|maths not found)"),
    ],
)
def test_an_error_fails_naming_the_page_and_the_formula(
    tmp_path: Path, maths: dict[str, str], message: str
) -> None:
    done = typeset(site(tmp_path / "site", **maths), tmp_path / "cache.ndjson")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines
    assert all(line.startswith("story/page/index.html: ") for line in lines), lines
    assert any(re.search(message, line) for line in lines), lines


def test_a_page_whose_maths_are_unchanged_comes_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache.ndjson"
    first = typeset(site(tmp_path / "a"), cache)
    assert "3 formulas on 1 pages (3 typeset, 0 from the cache)" in first.stdout
    second = typeset(site(tmp_path / "b"), cache)
    assert "(0 typeset, 3 from the cache)" in second.stdout
    for path in ("story/page/index.html", "assets/mathjax/mathjax.css"):
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
    # Another numbered equation: it and the \eqref to it are typeset again, not the rest.
    third = typeset(site(tmp_path / "c", DISPLAY="a = c"), cache)
    assert "(2 typeset, 1 from the cache)" in third.stdout


def rules(css: Path) -> set[str]:
    return {rule.strip() for rule in css.read_text(encoding="utf-8").split("}")}


def test_a_twin_page_takes_its_formulas_from_the_other_languages_cache(tmp_path: Path) -> None:
    # The same maths in another order, among other words (as the English twin of a Chinese
    # page has them): nothing is typeset again, and the page is the one typeset from scratch.
    twin = (
        PAGE.replace("Inline", "First a reference")
        .replace("See", "and then")
        .replace("INLINE", "SWAP")
        .replace("REF", "INLINE")
        .replace("SWAP", "REF")
    )
    assert twin != PAGE
    typeset(site(tmp_path / "zh"), tmp_path / "cache" / "zh.ndjson")
    pages = {}
    for name, cache in (("shared", "cache/en.ndjson"), ("alone", "alone/en.ndjson")):
        folder = tmp_path / name
        page = folder / "story" / "page" / "index.html"
        page.parent.mkdir(parents=True)
        html = twin
        for key, tex in MATHS.items():
            html = html.replace(key, tex)
        page.write_text(html, encoding="utf-8")
        done = typeset(folder, tmp_path / cache)
        assert done.returncode == 0, done.stderr
        pages[name] = (done.stdout, page.read_bytes(), rules(folder / "assets/mathjax/mathjax.css"))
    assert "(0 typeset, 3 from the cache)" in pages["shared"][0]
    assert "(3 typeset, 0 from the cache)" in pages["alone"][0]
    assert pages["shared"][1] == pages["alone"][1]
    assert pages["shared"][2] == pages["alone"][2]


def test_a_page_that_defines_macros_is_typeset_as_a_whole(tmp_path: Path) -> None:
    # A macro defined in one formula is used by the next: where both are known from another
    # page with another definition, the page is still typeset with its own.
    def page(meaning: str) -> str:
        return (
            "<!doctype html><html><head><title>t</title></head><body><article><p>"
            + _inline(r"\newcommand{\cost}{" + meaning + "}")
            + " "
            + _inline(r"\cost")
            + "</p></article></body></html>"
        )

    cache = tmp_path / "cache.ndjson"
    outputs = []
    for name, meaning in (("c", "C"), ("q", "Q"), ("alone", "Q")):
        path = tmp_path / name / "p" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(meaning), encoding="utf-8")
        done = typeset(tmp_path / name, cache if name != "alone" else tmp_path / "x" / "x.ndjson")
        assert done.returncode == 0, done.stderr
        outputs.append(path.read_text(encoding="utf-8"))
    assert outputs[1] == outputs[2]  # as typeset from scratch
    assert outputs[0] != outputs[1]


def _inline(tex: str) -> str:
    return f'<span class="arithmatex">\\({tex}\\)</span>'


GLUE_PAGE = (
    '<!doctype html><html lang="zh"><head><title>t</title></head><body><article>\n'
    f"<p>若 {_inline('a')}，则（{_inline('b')}）。再看“{_inline('c')}”与 {_inline('d')} 之差、"
    f"{_inline('e')}、{_inline('f')}</p>\n"
    f"<p>Take {_inline('g')}. Then {_inline('h')} and ({_inline('i')})</p>\n"
    '<div class="arithmatex">\\[k\\]</div>。\n'
    '<div class="jp-MarkdownOutput"><p>cell $m$, and $n$</p></div>\n'
    "</article></body></html>\n"
)


def test_punctuation_is_glued_to_the_formula_it_touches(tmp_path: Path) -> None:
    # A browser may break a line between an inline formula and the punctuation right after
    # it (or an opening mark right before it); each such pair sits in one nowrap span.
    html, css = typeset_page(tmp_path, GLUE_PAGE)
    formula = (
        r'<span class="arithmatex"><mjx-container [^>]*data-latex="{}".*?</mjx-container></span>'
    )
    glued = {
        tex: re.search(
            r'<span class="ll-glue">(\W?)' + formula.format(tex) + r"(\W?)</span>", html, re.S
        )
        for tex in "abcdefghi"
    }
    marks = {tex: m.groups() if m else None for tex, m in glued.items()}
    assert marks == {
        "a": ("", "，"),
        "b": ("（", "）"),  # both sides; "。" follows "）" in the text, where no break falls
        "c": ("“", "”"),
        "d": None,  # a space, then a word: a break may fall there
        "e": ("", "、"),  # the "、" before it closes "之差": no opening mark
        "f": None,
        "g": ("", "."),
        "h": None,
        "i": ("(", ")"),
    }
    assert "）</span>。再看" in html  # no break falls between two closing marks
    assert html.count('<span class="ll-glue">') == 7
    # Notebook cells hold bare containers; display formulas are blocks and are left alone.
    assert re.search(r'<span class="ll-glue"><mjx-container [^>]*data-latex="m".*?,</span>', html)
    assert re.search(r"</mjx-container></div>。", html)
    assert re.search(r"\.ll-glue \{\s*white-space: nowrap;", css)


def test_a_short_formula_stays_in_one_piece_and_a_long_one_may_break(tmp_path: Path) -> None:
    long = r"\partial C/\partial w = (1/n) \sum_{j=1}^{n} x_j (\sigma(z_j) - y_j)"
    html, css = typeset_page(tmp_path, f"<p>{_inline('x')} {_inline('x = 1')} {_inline(long)}</p>")
    containers = re.findall(r"<mjx-container [^>]*>", html)
    classes = [re.search(r'class="([^"]*)"', c).group(1) for c in containers]
    # "x" has no break point to keep; "x = 1" has one, before "=".
    assert classes == ["MathJax", "MathJax ll-whole", "MathJax"]
    assert re.search(r"\.ll-whole mjx-break \{\s*white-space: nowrap;", css)


def test_a_long_formula_breaks_outside_short_brackets_when_it_can(tmp_path: Path) -> None:
    outside = r"H(y) = -[y \ln y + (1 - y) \ln(1 - y)] + a + b"
    only_inside = r"\ln(1 - y) \ln(1 - a) \ln(1 - b)"
    html, css = typeset_page(tmp_path, f"<p>{_inline(outside)} {_inline(only_inside)}</p>")
    first, second = re.findall(r"<mjx-container .*?</mjx-container>", html, re.S)
    breaks = re.findall(r"<mjx-break( class=\"ll-keep\")?", first)
    # Around "=", before "+" inside the long [ ], before "+ a" and "+ b": free; before the
    # "−" of each short "(1 − y)": kept.
    assert [bool(b) for b in breaks] == [False, False, False, True, True, False, False]
    # A formula whose break points all lie in short brackets keeps them all.
    assert second.count("<mjx-break") == 3
    assert "ll-keep" not in second
    assert re.search(r"mjx-break\.ll-keep \{\s*white-space: nowrap;", css)


def test_a_page_preloads_the_fonts_of_its_first_formulas_only(tmp_path: Path) -> None:
    # The first formulas: plain letters (MathJax's regular font, NCM-N, behind its ZERO
    # font) and a prime (NCM-V). A sum in display style (NCM-LO) only in a closed
    # <details> and as the 21st formula: neither is seen at once.
    first = [_inline("x"), _inline("y'")] + [_inline("z")] * 18
    late = '<div class="arithmatex">\\[\\sum_i x_i\\]</div>'
    html = (
        '<!doctype html><html><head><link rel="stylesheet" href="../../assets/mathjax/'
        'mathjax.css"></head><body><article><p>' + " ".join(first) + "</p>"
        f"<details><summary>s</summary>{late}</details>{late}</article></body></html>"
    )
    page = tmp_path / "site" / "a" / "b" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(html, encoding="utf-8")
    done = typeset(tmp_path / "site", tmp_path / "cache.ndjson")
    assert done.returncode == 0, done.stderr
    out = page.read_text(encoding="utf-8")
    assert "NCM-LO" in out  # the sum does use the large-operator font
    preloaded = re.findall(
        r'<link rel="preload" href="\.\./\.\./assets/mathjax/(woff2/[\w-]+\.woff2)" '
        r'as="font" type="font/woff2" crossorigin>\n',
        out.split('<link rel="stylesheet"')[0],  # before the stylesheet
    )
    assert preloaded == [
        "woff2/mjx-ncm-n.woff2",
        "woff2/mjx-ncm-v.woff2",
        "woff2/mjx-ncm-zero.woff2",
    ]
    for font in preloaded:
        assert (tmp_path / "site/assets/mathjax" / font).stat().st_size > 0
