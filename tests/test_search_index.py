"""The search-index hook's pure functions: maths as plain text, one index per language."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "search_index_hook", ROOT / "hooks" / "search_index.py"
)
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


@pytest.mark.parametrize(
    ("tex", "plain"),
    [
        (r"\sigma'(z)", "σ'(z)"),
        (r"\eta = 0.15", "η = 0.15"),
        (r"\frac{\partial C}{\partial w}", "∂C/∂w"),
        (r"\frac{\partial C}{\partial w_j}", "∂C/∂w_j"),
        (r"\frac{1}{n}\sum_x", "1/nΣ_x"),
        (r"\frac{a + b}{2}", "(a + b)/2"),
        (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
        (r"\sigma'(z) \le \tfrac14", "σ'(z) ≤ 1/4"),
        (r"\tilde{C}", "C\u0303"),
        (r"\operatorname{softplus}(z) + \mathrm{CE}", "softplus(z) + CE"),
        (r"w \leftarrow w - \eta\,\delta", "w ← w - η δ"),
        (r"a \odot \sigma'(z^L) \qquad x \in [0, 1]", "a ⊙ σ'(z^L) x ∈ [0, 1]"),
        (
            r"\begin{equation} C = -\left[y \ln a\right] \label{eq:ce} \end{equation}",
            "C = -[y ln a]",
        ),
        (r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "a = b c = d"),
        (r"\unknown{x}", "unknownx"),  # an unknown command keeps its name only
    ],
)
def test_plain_tex(tex: str, plain: str) -> None:
    assert hook.plain_tex(tex) == plain


def test_plain_maths_rewrites_every_kind_of_formula_and_nothing_else() -> None:
    text = (
        "输出\u200b误差 \\(\\delta = a - y\\)，<p>\\[ C \\ge 0 \\]</p> "
        "cells: $\\eta$ and $$\\sigma'$$; shell: <code>$ neuron-demo train</code>"
    )
    assert hook.plain_maths(text) == (
        "输出\u200b误差 δ = a - y，<p>C ≥ 0</p> "
        "cells: η and σ'; shell: <code>$ neuron-demo train</code>"
    )


def test_plain_maths_is_idempotent() -> None:
    # The hook runs once per language build; a second pass must change nothing.
    once = hook.plain_maths(r"the error \(\frac{\partial C}{\partial z}\) and $\eta$")
    assert hook.plain_maths(once) == once == "the error ∂C/∂z and η"


MERGED = {
    "config": {"lang": ["zh", "en"], "separator": "[\\s\\u200b\\-]+"},
    "docs": [
        {"location": "", "title": "首页", "text": "交叉熵"},
        {"location": "story/slowdown/#why", "title": "为什么", "text": "饱和"},
        {"location": "en/", "title": "Home", "text": "cross-entropy"},
        {"location": "en/story/slowdown/#why", "title": "Why", "text": "saturation"},
        {"location": "english/", "title": "Not a language root", "text": "x"},
    ],
}


def test_split_index_gives_each_language_its_own_documents() -> None:
    indexes = hook.split_index(MERGED, "zh", ["en"])
    assert set(indexes) == {"zh", "en"}
    assert [d["location"] for d in indexes["zh"]["docs"]] == ["", "story/slowdown/#why", "english/"]
    assert [d["location"] for d in indexes["en"]["docs"]] == ["", "story/slowdown/#why"]
    assert [d["title"] for d in indexes["en"]["docs"]] == ["Home", "Why"]
    assert indexes["zh"]["config"] == indexes["en"]["config"] == MERGED["config"]
    assert MERGED["docs"][2]["location"] == "en/"  # the input is left as it was


def test_split_index_leaves_out_languages_without_documents() -> None:
    only_english = {"config": {}, "docs": [{"location": "en/", "title": "Home", "text": ""}]}
    assert set(hook.split_index(only_english, "zh", ["en"])) == {"en"}


def test_index_path() -> None:
    site = Path("/site")
    assert hook.index_path(site, "zh", "zh") == site / "search" / "search_index.json"
    assert hook.index_path(site, "en", "zh") == site / "en" / "search" / "search_index.json"


def _page(base: str) -> str:
    config = {"base": base, "features": [], "search": "../assets/search.js"}
    return (
        '<head><script id="__config" type="application/json">'
        + json.dumps(config)
        + "</script></head>"
    )


def _config(html: str) -> dict:
    start = html.index('type="application/json">') + len('type="application/json">')
    return json.loads(html[start : html.index("</script>")])


@pytest.mark.parametrize(
    ("base", "expected"),
    [("..", "../en/"), ("../..", "../../en/"), (".", "./en/"), ("/site/", "/site/en/")],
)
def test_language_base_points_at_the_language_root(base: str, expected: str) -> None:
    config = _config(hook.language_base(_page(base), "en"))
    assert config == {"base": expected, "features": [], "search": "../assets/search.js"}


def test_language_base_needs_materials_configuration() -> None:
    with pytest.raises(ValueError, match=r"^html: no Material configuration"):
        hook.language_base("<html></html>", "en")


def test_compact_is_utf8_without_spaces() -> None:
    assert hook.compact({"text": "交叉熵", "n": [1, 2]}) == '{"text":"交叉熵","n":[1,2]}'
