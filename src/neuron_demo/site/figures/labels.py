"""Every word drawn inside a figure, in Simplified Chinese and English.

One table, so that a translator sees all labels at once and both languages say the same
thing. The Chinese terms are the glossary's: 代价 (cost), 二次代价, 交叉熵, 输出, 训练轮数
(epoch), 学习率 η, 饱和. Templates take their numbers from the library's constants
(``str.format`` fields), never typed.

Maths is mathtext (``$w$``, ``$\\eta$``), italic as in the prose. In a Chinese label that also
has maths, Latin letters and digits go inside the dollars, where DejaVu draws them as in
every other label (see `neuron_demo.site.figures.style.fit_cjk_maths`).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .style import check_lang

LABELS: dict[str, dict[str, str]] = {
    "quadratic": {"zh": "二次代价", "en": "quadratic cost"},
    "cross-entropy": {"zh": "交叉熵代价", "en": "cross-entropy cost"},
    "epoch": {"zh": "训练轮数", "en": "epoch"},
    "output": {"zh": "输出 $a$", "en": "output $a$"},
    "cost": {"zh": "代价 $C$", "en": "cost $C$"},
    "weighted_input": {"zh": "带权输入 $z$", "en": "weighted input $z$"},
    "saturated": {"zh": "饱和", "en": "saturated"},
    "sigma": {"zh": r"$\sigma(z)$", "en": r"$\sigma(z)$"},
    "sigma_prime": {"zh": r"$\sigma'(z)$", "en": r"$\sigma'(z)$"},
    "sigma_prime_max": {"zh": r"$\sigma'(0) = 1/4$", "en": r"$\sigma'(0) = 1/4$"},
    "start_z": {"zh": "$z_0 = {z:g}$", "en": "$z_0 = {z:g}$"},
    "start": {"zh": "从 $(w, b) = ({w:g}, {b:g})$ 出发", "en": "from $(w, b) = ({w:g}, {b:g})$"},
    "start_point": {"zh": "起点 $({w:g}, {b:g})$", "en": "start $({w:g}, {b:g})$"},
    "gradient": {
        "zh": r"$|\partial C/\partial b| = |\delta|$",
        "en": r"$|\partial C/\partial b| = |\delta|$",
    },
    "start_output": {"zh": "$a_0 = {a:.2f}$", "en": "$a_0 = {a:.2f}$"},
    "weight": {"zh": "权重 $w$", "en": "weight $w$"},
    "bias": {"zh": "偏置 $b$", "en": "bias $b$"},
    "initial_weight": {"zh": "初始权重 $w_0$", "en": "initial weight $w_0$"},
    "initial_bias": {"zh": "初始偏置 $b_0$", "en": "initial bias $b_0$"},
    "initial_z": {
        "zh": "初始带权输入 $z_0 = w_0 + b_0$",
        "en": "initial weighted input $z_0 = w_0 + b_0$",
    },
    "learning_rate": {"zh": r"学习率 $\eta$", "en": r"learning rate $\eta$"},
    "eta": {"zh": r"$\eta = {eta:g}$", "en": r"$\eta = {eta:g}$"},
    "epochs_to_learn": {"zh": "学会所需的训练轮数", "en": "epochs to learn"},
    "never": {"zh": "{budget} 轮内未学会", "en": "not learned within {budget} epochs"},
    "path_dots": {
        "zh": "梯度下降路径（每 {every} 轮一点）",
        "en": "gradient descent (a dot every {every} epochs)",
    },
    "best_eta": {
        "zh": r"$\eta = {eta:g}$：${epochs}$ 轮",
        "en": r"$\eta = {eta:g}$: {epochs} epochs",
    },
    "jumping": {
        "zh": "虚线：某一轮输出变化超过 {tolerance:g}",
        "en": "dashed: one epoch moves the output by more than {tolerance:g}",
    },
    "widget": {
        "zh": r"书中演示：沿 $\partial C/\partial a$ 走，$\eta = {eta:g}$",
        "en": r"book widget: steps along $\partial C/\partial a$, $\eta = {eta:g}$",
    },
    "true_gd": {
        "zh": r"交叉熵的梯度下降，$\eta = {eta:g}$",
        "en": r"cross-entropy gradient descent, $\eta = {eta:g}$",
    },
    "target": {"zh": "目标 $y = {y:g}$", "en": "target $y = {y:g}$"},
    "swapped": {"zh": "$a$ 与 $y$ 对调", "en": "$a$ and $y$ swapped"},
    "minimum_at_target": {"zh": "最小值在 $a = y$", "en": "smallest at $a = y$"},
    "layer": {"zh": "层 $l$", "en": "layer $l$"},
    "layer_error": {"zh": r"误差 $|\delta^l|$", "en": r"error $|\delta^l|$"},
    "output_layer": {"zh": "$L$", "en": "$L$"},
    "input": {"zh": "$x$", "en": "$x$"},
    "cost_node": {"zh": "$C$", "en": "$C$"},
    "step_back": {"zh": r"$\times\, w\,\sigma'(z^l)$", "en": r"$\times\, w\,\sigma'(z^l)$"},
    "output_ratio": {"zh": r"$\times\, 1/\sigma'(z^L)$", "en": r"$\times\, 1/\sigma'(z^L)$"},
    "error_back": {"zh": r"误差 $\delta$ 逐层向后传", "en": r"the error $\delta$ flows back"},
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
