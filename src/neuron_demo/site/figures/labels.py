"""Every word drawn inside a figure, in Simplified Chinese and English.

One table, so that a translator sees all labels at once and both languages say the same
thing. The Chinese terms are the glossary's: 代价 (cost), 二次代价, 交叉熵, 输出, 训练轮数
(epoch), 学习率 η, 饱和. Templates take their numbers from the library's constants
(``str.format`` fields), never typed.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .style import check_lang

LABELS: dict[str, dict[str, str]] = {
    "quadratic": {"zh": "二次代价", "en": "quadratic cost"},
    "cross-entropy": {"zh": "交叉熵代价", "en": "cross-entropy cost"},
    "epoch": {"zh": "训练轮数", "en": "epoch"},
    "output": {"zh": "输出 a", "en": "output a"},
    "cost": {"zh": "代价 C", "en": "cost C"},
    "weighted_input": {"zh": "带权输入 z", "en": "weighted input z"},
    "saturated": {"zh": "饱和", "en": "saturated"},
    "sigma_prime_max": {"zh": "σ′(0) = 1/4", "en": "σ′(0) = 1/4"},
    "start_z": {"zh": "z₀ = {z:g}", "en": "z₀ = {z:g}"},
    "start": {"zh": "从 (w, b) = ({w:g}, {b:g}) 出发", "en": "from (w, b) = ({w:g}, {b:g})"},
    "start_point": {"zh": "起点 ({w:g}, {b:g})", "en": "start ({w:g}, {b:g})"},
    "gradient": {"zh": "|∂C/∂b| = |δ|", "en": "|∂C/∂b| = |δ|"},
    "start_output": {"zh": "a₀ = {a:.2f}", "en": "a₀ = {a:.2f}"},
    "weight": {"zh": "权重 w", "en": "weight w"},
    "bias": {"zh": "偏置 b", "en": "bias b"},
    "initial_weight": {"zh": "初始权重 w₀", "en": "initial weight w₀"},
    "initial_bias": {"zh": "初始偏置 b₀", "en": "initial bias b₀"},
    "initial_z": {"zh": "初始带权输入 z₀ = w₀ + b₀", "en": "initial weighted input z₀ = w₀ + b₀"},
    "learning_rate": {"zh": "学习率 η", "en": "learning rate η"},
    "epochs_to_learn": {"zh": "学会所需的训练轮数", "en": "epochs to learn"},
    "never": {"zh": "{budget} 轮内未学会", "en": "not learned within {budget} epochs"},
    "path_dots": {
        "zh": "梯度下降路径（每 {every} 轮一点）",
        "en": "gradient descent (a dot every {every} epochs)",
    },
    "story_setup": {"zh": "本文设置 η = {eta:g}", "en": "the story's setup, η = {eta:g}"},
    "best_eta": {"zh": "η = {eta:g}：{epochs} 轮", "en": "η = {eta:g}: {epochs} epochs"},
    "jumping": {
        "zh": "虚线：某一轮输出变化超过 {tolerance:g}",
        "en": "dashed: one epoch moves the output by more than {tolerance:g}",
    },
    "widget": {
        "zh": "书中演示：沿 ∂C/∂a 走，η = {eta:g}",
        "en": "book widget: steps along ∂C/∂a, η = {eta:g}",
    },
    "true_gd": {
        "zh": "交叉熵的梯度下降，η = {eta:g}",
        "en": "cross-entropy gradient descent, η = {eta:g}",
    },
}


def significant(value: float, digits: int = 2) -> str:
    """``value`` to ``digits`` significant digits, keeping trailing zeros: 0.2 → "0.20".

    Plain decimals, never exponents, because the prose quotes them as they are.
    """
    if value == 0:
        return "0"
    for _ in range(2):  # a second pass when rounding adds a digit (0.0996 -> 0.100)
        decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
        text = half_up(value, decimals)
        value = float(text)
    return text


def half_up(value: float, decimals: int = 0) -> str:
    """``value`` rounded to ``decimals`` places, a tie rounding away from zero: 2536.5 → "2537".

    The way a reader rounds. Python's ``round()`` and ``format`` round a tie to even
    (2536.5 → 2536); the tie is judged on the float's exact value, so 0.15, which is stored
    as 0.1499…, still rounds to 0.1.
    """
    exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{exact:f}"


def label(key: str, lang: str, **fields: object) -> str:
    """The label ``key`` in ``lang``, with ``fields`` filled into its template."""
    check_lang(lang)
    if key not in LABELS:
        raise ValueError(f"key must be one of the labels in LABELS, got {key!r}")
    return LABELS[key][lang].format(**fields)
