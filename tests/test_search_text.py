"""Formulas as plain text for the search index (neuron_demo.site.search).

Each language's project writes its own index, so there is nothing left to split; what the
site tests check of the built indexes is in tests/test_site_build.py.
"""

from __future__ import annotations

import pytest

from neuron_demo.site import search as hook


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
        (r"\begin{aligned} a &= b \\[6pt] c &= d \end{aligned}", "a = b c = d"),
        (r"p = 54\%", "p = 54%"),
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
