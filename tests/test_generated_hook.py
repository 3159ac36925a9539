"""The generated-content hook's page filling, as pure functions (neuron_demo.site.pages, no
mkdocs build)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neuron_demo.site import pages

FACTS = {"near.a0": "0.82", "story.eta": "0.15", "share": "54%"}
LABS = {"sigmoid": {"lab": None}, "run": {"lab": "cost=quadratic&w=2"}}
SETUPS = {"story": {"eta": 0.15}}


def expand(markdown: str, page: str = "a/b.md", lang: str = "en") -> str:
    return pages.expand(markdown, page=page, lang=lang, facts=FACTS, labs=LABS, setups=SETUPS)


def test_facts_are_filled_in_even_inside_maths_and_alt_text() -> None:
    assert expand("a = <!-- fact:near.a0 -->, $\\eta = <!-- fact:story.eta -->$.") == (
        "a = 0.82, $\\eta = 0.15$."
    )


def test_a_fact_inside_maths_is_tex_there_and_text_elsewhere() -> None:
    # "%" would start a TeX comment and swallow the rest of the formula.
    assert expand("<!-- fact:share --> of starts, $p = <!-- fact:share -->$") == (
        "54% of starts, $p = 54\\%$"
    )
    assert expand("$$\na = <!-- fact:share -->\n$$") == "$$\na = 54\\%\n$$"
    # A shell prompt in a code block is no maths.
    assert expand("$ neuron-demo <!-- fact:share -->\n$ x") == "$ neuron-demo 54%\n$ x"


def test_a_figure_becomes_a_light_and_a_dark_image_with_the_pages_alt_text() -> None:
    out = expand("x\n![an S curve, η = <!-- fact:story.eta -->](figure:sigmoid)\ny", lang="zh")
    assert out == (
        "x\n"
        "![an S curve, η = 0.15](../figures/sigmoid.zh.light.svg#only-light){ loading=lazy }\n"
        "![an S curve, η = 0.15](../figures/sigmoid.zh.dark.svg#only-dark){ loading=lazy }\n"
        "y"
    )


def test_links_from_a_top_level_page_have_no_dot_segment() -> None:
    out = expand("![S](figure:sigmoid)", page="index.md")
    assert out.startswith("![S](figures/sigmoid.en.light.svg#only-light)")


def test_a_lab_link_opens_the_lab_on_the_figures_setup() -> None:
    assert expand("[Open it](lab:run).", page="story/why.md") == (
        "[Open it](../practice/lab.md?cost=quadratic&w=2)."
    )


def test_the_lab_setups_are_json() -> None:
    out = expand('<script type="application/json"><!-- lab:setups --></script>')
    assert json.loads(out.removeprefix('<script type="application/json">')[:-9]) == SETUPS


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("<!-- fact:nope -->", r"^story/x\.md: unknown fact key 'nope'$"),
        ("![alt](figure:nope)", r"^story/x\.md: unknown figure 'nope'$"),
        ("[go](lab:nope)", r"^story/x\.md: unknown figure 'nope'$"),
        ("[go](lab:sigmoid)", r"^story/x\.md: figure 'sigmoid' has no lab setup$"),
    ],
)
def test_an_unknown_name_fails_naming_the_page(markdown: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        expand(markdown, page="story/x.md")


def test_a_figure_must_stand_on_its_own_line() -> None:
    text = "see ![S](figure:sigmoid) here"
    assert expand(text) == text


@pytest.mark.parametrize(
    ("src_uri", "prefix"), [("index.md", "."), ("why.md", "."), ("part/deep.md", "..")]
)
def test_root_prefix_counts_source_folders(src_uri: str, prefix: str) -> None:
    assert pages.root_prefix(src_uri) == prefix


def test_a_figures_img_takes_the_size_of_its_svg(tmp_path: Path) -> None:
    (tmp_path / "sigmoid.en.light.svg").write_text('<svg width="360pt" height="180pt">')
    html = '<p><img alt="S" src="../figures/sigmoid.en.light.svg#only-light" /></p>'
    assert pages.with_figure_sizes(html, tmp_path) == (
        '<p><img alt="S" src="../figures/sigmoid.en.light.svg#only-light" width="480" '
        'height="240" /></p>'
    )
    assert pages.with_figure_sizes('<img src="photo.svg">', tmp_path) == '<img src="photo.svg">'
