"""The mkdocs hook's marker replacement, as pure functions (no mkdocs build)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("generated_hook", ROOT / "hooks" / "generated.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

CATALOGUE = {
    "sigmoid": {
        "alt": {"zh": "S 形曲线", "en": "an S curve"},
        "caption": {"zh": "σ 与 σ′。", "en": "σ and σ′."},
    },
}


def test_facts_are_replaced() -> None:
    text = "a = <!-- fact:near.a0 -->, η = <!-- fact:story.eta -->."
    assert hook.replace_facts(text, {"near.a0": "0.82", "story.eta": "0.15"}, "p.md") == (
        "a = 0.82, η = 0.15."
    )


def test_unknown_fact_names_page_and_key() -> None:
    with pytest.raises(PluginError, match=r"why\.en\.md.*'nope'"):
        hook.replace_facts("<!-- fact:nope -->", {}, "why.en.md")


def test_figure_marker_becomes_a_figure_with_both_themes() -> None:
    out = hook.replace_figures("x\n<!-- figure:sigmoid -->\ny", CATALOGUE, "en", "..", "a/b.en.md")
    assert out == (
        'x\n<figure markdown="span">\n'
        "![an S curve](../figures/sigmoid.en.light.svg#only-light){ loading=lazy }\n"
        "![an S curve](../figures/sigmoid.en.dark.svg#only-dark){ loading=lazy }\n"
        '<figcaption markdown="span">σ and σ′.</figcaption>\n</figure>\ny'
    )


def test_a_figure_of_a_run_links_to_the_lab_with_its_setup() -> None:
    catalogue = {"run": {**CATALOGUE["sigmoid"], "lab": "cost=quadratic&w=2"}}
    out = hook.replace_figures("<!-- figure:run -->", catalogue, "zh", "..", "a/b.zh.md")
    assert out.endswith(
        '<figcaption markdown="span">σ 与 σ′。 '
        f"[{hook.LAB_LINK['zh']}](../practice/lab.md?cost=quadratic&w=2)</figcaption>\n</figure>"
    )


def test_figure_marker_must_stand_on_its_own_line() -> None:
    text = "see <!-- figure:sigmoid --> here"
    assert hook.replace_figures(text, CATALOGUE, "zh", ".", "i.zh.md") == text


def test_unknown_stem_names_page_and_stem() -> None:
    with pytest.raises(PluginError, match=r"index\.zh\.md.*'nope'"):
        hook.replace_figures("<!-- figure:nope -->", CATALOGUE, "zh", ".", "index.zh.md")


@pytest.mark.parametrize(
    ("src_uri", "prefix"), [("index.zh.md", "."), ("why.en.md", "."), ("part/deep.en.md", "..")]
)
def test_root_prefix_counts_source_folders(src_uri: str, prefix: str) -> None:
    assert hook.root_prefix(src_uri) == prefix


def test_root_level_links_have_no_dot_segment() -> None:
    html = hook.figure_html("sigmoid", "zh", ".", "alt", "cap")
    assert "](figures/sigmoid.zh.light.svg#only-light){ loading=lazy }" in html


def test_page_language_from_suffix_or_fallback() -> None:
    assert hook.page_language("why.en.md", "zh") == "en"
    assert hook.page_language("notebook.ipynb", "zh") == "zh"
    with pytest.raises(PluginError, match="language"):
        hook.page_language("notebook.ipynb", None)
