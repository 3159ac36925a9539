"""Each page and its twin say the same thing: same equations, figures, numbers and anchors.

Compared on the Markdown sources: display maths in order and inline maths as a multiset
(word order differs between the languages), after normalising whitespace; fact, figure and
command markers in order; explicit heading ids in order; included code in order.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from prose import pages

LANGS = ("zh", "en")
SOURCES = {lang: pages(lang) for lang in LANGS}
PAGES = sorted(page for page, path in SOURCES["zh"].items() if path.suffix == ".md")
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
# Facts, lab setups, figures, lab links and commands: what the build fills in.
MARKER = re.compile(
    r"<!-- (?:fact|lab):[\w.\-]+ -->|\]\((?:figure|lab):[\w\-]+\)|<!-- command[^:\n]*: .+? -->"
)
HEADING_ID = re.compile(r"^#{1,6} .*\{#([\w\-]+)\}\s*$", re.MULTILINE)
SNIPPET = re.compile(r'^--8<-- "[^"]+"', re.MULTILINE)


def normalise(tex: str) -> str:
    return " ".join(tex.split())


def parts(text: str) -> dict[str, object]:
    prose = FENCE.sub("", text)
    without_display = DISPLAY.sub("", prose)
    return {
        "display maths": [normalise(m) for m in DISPLAY.findall(prose)],
        "inline maths": Counter(normalise(m) for m in INLINE.findall(without_display)),
        "markers": MARKER.findall(text),
        "heading ids": HEADING_ID.findall(text),
        "included code": SNIPPET.findall(text),
    }


def test_pages_are_found() -> None:
    assert "story/cross-entropy" in PAGES
    assert len(PAGES) >= 12


def test_every_page_has_its_twin() -> None:
    assert set(SOURCES["zh"]) == set(SOURCES["en"])


@pytest.mark.parametrize("page", PAGES)
def test_twins_carry_the_same_maths_markers_and_anchors(page: str) -> None:
    zh, en = (parts(SOURCES[lang][page].read_text(encoding="utf-8")) for lang in LANGS)
    for what in zh:
        assert zh[what] == en[what], f"{page}: the twins differ in their {what}"


def test_the_comparison_sees_each_kind_of_difference() -> None:
    zh = (
        "## 导数 {#derivative}\n\n若 $a = \\sigma(z)$，则\n\n"
        "$$\nC = -\\ln(1 - a)\n$$\n\n<!-- fact:far.a0 -->\n"
    )
    en = (
        "## The derivative {#derivative}\n\nIf $a = \\sigma(z)$, then\n\n"
        "$$\n  C = -\\ln(1 - a)\n$$\n\n<!-- fact:far.a0 -->\n"
    )
    assert parts(zh) == parts(en)  # whitespace inside maths does not matter
    assert parts(zh.replace("1 - a", "a"))["display maths"] != parts(en)["display maths"]
    assert parts(zh.replace("far.a0", "near.a0"))["markers"] != parts(en)["markers"]
    run = "\n<!-- command: neuron-demo train --help -->\n"
    assert parts(zh + run)["markers"] != parts(en)["markers"]
    assert parts(zh.replace("{#derivative}", "{#d}"))["heading ids"] != parts(en)["heading ids"]
    assert parts(zh.replace("\\sigma(z)$", "z$"))["inline maths"] != parts(en)["inline maths"]
