"""The catalogue: every figure of the site, its file stem, its data, its words.

A page writes ``<!-- figure:STEM -->``; the site's hook looks the stem up here for the alt
text and the caption in the page's language, and ``scripts/build_figures.py`` draws
``STEM.LANG.THEME.svg`` from ``plot(data(), lang, theme)``. Alt text says what the figure
shows for a reader who cannot see it; the caption says what to look at. Numbers in the
words come from the library's constants, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from matplotlib.figure import Figure

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA
from neuron_demo.setups import FAR_START, NEAR_START, STORY_EPOCHS, STORY_ETA, STORY_X, STORY_Y
from . import data, plots
from .style import check_lang, recolour, svg_bytes

_N, _F = NEAR_START, FAR_START
_LIGHT_SVG: dict[tuple[str, str], bytes] = {}
"""Light SVGs drawn in this process, by (stem, lang): the dark ones are recoloured copies."""
_STORY = {"eta": STORY_ETA, "epochs": STORY_EPOCHS}


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its stem, how to compute and draw it, and its alt text and caption."""

    stem: str
    data: Callable[[], Any]
    plot: Callable[[Any, str, str], Figure]
    alt: dict[str, str]
    caption: dict[str, str]
    lab: dict[str, object] | None = None
    """The lab's setup for this figure (its link parameters), if it shows a run or a setting."""

    def lab_query(self) -> str | None:
        """The query string that opens the lab on this figure's setup, or None."""
        return (
            None
            if self.lab is None
            else urlencode(
                {k: f"{v:g}" if isinstance(v, float) else str(v) for k, v in self.lab.items()}
            )
        )

    def figure(self, lang: str, theme: str) -> Figure:
        """The figure in ``lang`` and ``theme``."""
        return self.plot(self.data(), check_lang(lang), theme)

    def svg(self, lang: str, theme: str) -> bytes:
        """The figure as reproducible SVG bytes (raises on a missing glyph).

        Only the light theme is drawn; any other is the light SVG recoloured (see
        `recolour()`), which halves the drawing.
        """
        key = (self.stem, check_lang(lang))
        if key not in _LIGHT_SVG:
            _LIGHT_SVG[key] = svg_bytes(self.figure(lang, "light"), "light")
        light = _LIGHT_SVG[key]
        return light if theme == "light" else recolour(light, "light", theme)

    def filename(self, lang: str, theme: str) -> str:
        """``STEM.LANG.THEME.svg``."""
        return f"{self.stem}.{lang}.{theme}.svg"


def _lab(cost: str, start: tuple[float, float], **changes: object) -> dict[str, object]:
    # The lab's link parameters (docs/assets/lab/lab.js reads them): the story's setup.
    w, b = start
    setup = {"cost": cost, "task": "single", "w": w, "b": b, "x": STORY_X, "y": STORY_Y}
    return {**setup, "eta": STORY_ETA, "epochs": STORY_EPOCHS, **changes}


def _run(cost: str, where: str, start: tuple[float, float]) -> FigureSpec:
    zh_cost = {"quadratic": "二次代价", "cross-entropy": "交叉熵代价"}[cost]
    en_cost = {"quadratic": "quadratic cost", "cross-entropy": "cross-entropy cost"}[cost]
    w, b = start
    fields = {"w": w, "b": b, **_STORY}
    return FigureSpec(
        stem=f"run-{cost}-{where}",
        data=partial(data.story_run, f"{cost}-{where}"),
        plot=plots.run_figure,
        lab=_lab(cost, start),
        alt={
            "zh": "两幅曲线图：左图为输出 a 随训练轮数的变化，右图为代价 C 随训练轮数的变化；"
            f"使用{zh_cost}，从 (w, b) = ({w:g}, {b:g}) 出发。",
            "en": "Two line charts: the output a against the epoch (left) and the cost C "
            f"against the epoch (right), {en_cost}, starting from "
            f"(w, b) = ({w:g}, {b:g}).",
        },
        caption={
            "zh": "{cost}，从 (w, b) = ({w:g}, {b:g}) 出发，x = 1，y = 0，η = {eta:g}，"
            "训练 {epochs} 轮。".format(cost=zh_cost, **fields),
            "en": "{cost}, starting from (w, b) = ({w:g}, {b:g}), x = 1, y = 0, "
            "η = {eta:g}, {epochs} epochs.".format(cost=en_cost.capitalize(), **fields),
        },
    )


FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        stem="sigmoid",
        data=data.sigmoid_curves,
        plot=plots.sigmoid_figure,
        alt={
            "zh": "S 形函数 σ(z) 从 0 平滑升到 1，其导数 σ′(z) 是以 z = 0 为中心、最高 1/4 的"
            "钟形曲线；两侧 |z| 较大的区域标为饱和，σ′ 在那里几乎为 0。",
            "en": "The sigmoid σ(z) rising smoothly from 0 to 1, and its derivative σ′(z), a "
            "bell centred on z = 0 with peak 1/4; the tails at large |z| are shaded as "
            "saturated, where σ′ is almost 0.",
        },
        caption={
            "zh": "σ(z) 与 σ′(z)。σ′ 最大只有 1/4；在阴影所示的饱和区，σ′ 几乎为零。"
            "圆圈是两个起点的带权输入。",
            "en": "σ(z) and σ′(z). σ′ is at most 1/4, and almost zero in the shaded, saturated "
            "tails. Circles mark the two starts' weighted inputs.",
        },
    ),
    _run("quadratic", "near", _N),
    _run("quadratic", "far", _F),
    _run("cross-entropy", "near", _N),
    _run("cross-entropy", "far", _F),
    FigureSpec(
        stem="far-start-comparison",
        data=data.far_runs,
        plot=plots.far_start_figure,
        lab=_lab("both", _F),
        alt={
            "zh": "输出 a 随训练轮数变化的两条曲线，都从饱和的起点 (2, 2) 出发：交叉熵代价的输出"
            "立即下降，二次代价的输出先长时间停在接近 1 的位置，之后才下降。",
            "en": "Two curves of the output a against the epoch, both from the saturated start "
            "(2, 2): under the cross-entropy cost the output falls at once; under the "
            "quadratic cost it stays near 1 for a long time before it falls.",
        },
        caption={
            "zh": "同一个饱和起点、同一个学习率 η = {eta:g}：交叉熵立刻开始学习，"
            "二次代价却几乎停滞。".format(**_STORY),
            "en": "Same saturated start, same learning rate η = {eta:g}: the cross-entropy "
            "learns at once, the quadratic cost stalls.".format(**_STORY),
        },
    ),
    FigureSpec(
        stem="gradient-vs-output",
        data=data.gradient_curves,
        plot=plots.gradient_figure,
        alt={
            "zh": "梯度大小 |∂C/∂b| 随输出 a 变化（目标 y = 0）：交叉熵是一条从 0 升到 1 的直线；"
            "二次代价在 a = 2/3 处达到峰值 4/27（约 <!-- fact:gradient.quadratic_max -->），"
            "当 a 趋近 1 时又跌回 0。",
            "en": "The gradient size |∂C/∂b| against the output a for target y = 0: for the "
            "cross-entropy a straight line from 0 to 1; for the quadratic cost a hump "
            "peaking at 4/27 (about <!-- fact:gradient.quadratic_max -->) at a = 2/3 and "
            "falling back to 0 as a approaches 1.",
        },
        caption={
            "zh": "目标 y = 0 时，梯度随输出的变化。输出越错（a 越接近 1），"
            "交叉熵的梯度越大，二次代价的梯度反而越小。",
            "en": "How the gradient depends on the output when the target is y = 0. The more "
            "wrong the output (a near 1), the larger the cross-entropy gradient and the "
            "smaller the quadratic one.",
        },
    ),
    FigureSpec(
        stem="cost-surfaces",
        data=data.cost_surfaces,
        plot=plots.cost_surface_figure,
        lab=_lab("both", _F, task="inverter", epochs=data.INVERTER_BUDGET),
        alt={
            "zh": "两幅等高线图，画出反相器任务（x = 1 → 0，x = 0 → 1）的平均代价随 (w, b) 的变化，"
            "并画出梯度下降路径：二次代价有大片平坦的高原，路径上的点挤在一起；"
            "交叉熵的路径点间距更大，走得更远。",
            "en": "Two contour maps of the mean cost over (w, b) for the inverter task "
            "(x = 1 → 0, x = 0 → 1), with gradient-descent paths: the quadratic cost has "
            "wide flat plateaus where the path's dots crowd together; the cross-entropy "
            "path's dots are spread out and travel further.",
        },
        caption={
            "zh": "反相器任务的代价曲面与梯度下降路径（η = {eta:g}）。点越密，学得越慢。".format(
                **_STORY
            ),
            "en": "Cost surfaces of the inverter task with gradient-descent paths "
            "(η = {eta:g}). Where the dots crowd, learning is slow.".format(**_STORY),
        },
    ),
    FigureSpec(
        stem="learning-heatmap-inverter",
        data=data.inverter_heatmap,
        plot=plots.inverter_heatmap_figure,
        lab=_lab("both", _F, task="inverter", epochs=data.INVERTER_BUDGET),
        alt={
            "zh": "三幅热图，横轴为初始权重 w₀，纵轴为初始偏置 b₀，"
            "颜色表示学会反相器所需的训练轮数。"
            # The shares are facts, filled in by the site build (hooks/generated.py).
            "左图二次代价、中图交叉熵，学习率相同，在预算内学会的起点分别占 "
            "<!-- fact:inverter.quadratic.learned_percent -->（其余为灰色斜线）和 "
            "<!-- fact:inverter.cross_entropy.learned_percent -->；右图二次代价使用按经验法则放大"
            "的学习率 η = <!-- fact:inverter.rule_of_thumb_eta -->，学会的起点占 "
            "<!-- fact:inverter.quadratic_rule_of_thumb.learned_percent -->。",
            "en": "Three heatmaps over the initial weight w₀ and bias b₀, coloured by the "
            "epochs needed to learn the inverter. Left, the quadratic cost, and middle, the "
            "cross-entropy, at the same learning rate: "
            "<!-- fact:inverter.quadratic.learned_percent --> and "
            "<!-- fact:inverter.cross_entropy.learned_percent --> of the starts learn within "
            "the budget (the rest is grey hatching). Right, the quadratic cost at the rule of "
            "thumb's larger η = <!-- fact:inverter.rule_of_thumb_eta -->: "
            "<!-- fact:inverter.quadratic_rule_of_thumb.learned_percent --> learn.",
        },
        caption={
            "zh": "从每个起点 (w₀, b₀) 学会反相器（每个输出与目标相差不超过 {tol:g}）"
            "所需的训练轮数，最多 {budget} 轮。左、中两图使用同一个 η = {eta:g}；"
            "右图给二次代价 {ratio} 倍的学习率，这才是公平的比较。".format(
                tol=data.TOLERANCE,
                budget=data.INVERTER_BUDGET,
                ratio=data.RULE_OF_THUMB,
                **_STORY,
            ),
            "en": "Epochs needed to learn the inverter (every output within {tol:g} of its "
            "target) from each start (w₀, b₀), at most {budget} epochs. The left and middle "
            "panels share η = {eta:g}; the right panel gives the quadratic cost {ratio} times "
            "that η, the fair comparison.".format(
                tol=data.TOLERANCE,
                budget=data.INVERTER_BUDGET,
                ratio=data.RULE_OF_THUMB,
                **_STORY,
            ),
        },
    ),
    FigureSpec(
        stem="learning-heatmap-z0-eta",
        data=data.z0_eta_heatmap,
        plot=plots.z0_eta_heatmap_figure,
        lab=_lab("both", _F),
        alt={
            "zh": "两幅热图，横轴为初始带权输入 z₀，"
            "纵轴为对数刻度的学习率 η，颜色表示学会单个样本所需的"
            "训练轮数；二次代价在 z₀ 大、η 小的区域学不会，交叉熵的这块区域小得多。",
            "en": "Two heatmaps over the initial weighted input z₀ and the learning rate η "
            "(log scale), coloured by the epochs needed to learn the single sample; the "
            "quadratic cost fails where z₀ is large and η small, the cross-entropy "
            "fails in a much smaller region.",
        },
        caption={
            "zh": "单个样本 x = 1，y = 0："
            "只有 z₀ = w₀ + b₀ 起作用。颜色是学会（输出不超过 {tol:g}）"
            "所需的训练轮数，最多 {epochs} 轮；圆圈是本文的两个起点。".format(
                tol=data.TOLERANCE, **_STORY
            ),
            "en": "The single sample x = 1, y = 0: only z₀ = w₀ + b₀ matters. Colour: epochs "
            "to learn (output at most {tol:g}), at most {epochs}; circles: the two "
            "starts.".format(tol=data.TOLERANCE, **_STORY),
        },
    ),
    FigureSpec(
        stem="eta-sweep",
        data=data.eta_sweep,
        plot=plots.eta_sweep_figure,
        lab=_lab("both", _F),
        alt={
            "zh": "双对数坐标图：从 (2, 2) 出发学会所需的训练轮数随学习率 η 的变化，"
            "两种代价各一条曲线，"
            "各自的最佳 η 用圆点标出；交叉熵的曲线整体在二次代价的左下方。",
            "en": "A log-log chart of the epochs needed to learn from (2, 2) against the "
            "learning rate η, one curve per cost, each cost's best η marked with a dot; "
            "the cross-entropy curve lies below and left of the quadratic one.",
        },
        caption={
            "zh": "公平地比较学习率："
            f"每种代价取各自的最佳 η（每轮输出变化不超过 {data.TOLERANCE:g} 的最大 η），"
            "交叉熵仍然学得更快。",
            "en": "Comparing learning rates fairly: with each cost at its own best η (the "
            f"largest η at which no epoch moves the output by more than {data.TOLERANCE:g}), the "
            "cross-entropy still learns faster.",
        },
    ),
    FigureSpec(
        stem="book-widget",
        data=data.book_widget,
        plot=plots.book_widget_figure,
        lab=_lab("widget", _F, eta=BOOK_CROSS_ENTROPY_ETA),
        alt={
            "zh": "两幅曲线图，分别从 (0.6, 0.9) 和 (2, 2) 出发，"
            "画出输出随训练轮数的变化：书中演示的"
            "步进、η = {book:g} 时真正的交叉熵梯度下降，以及 η = {eta:g} 时的梯度下降。".format(
                book=BOOK_CROSS_ENTROPY_ETA, **_STORY
            ),
            "en": "Two line charts, from (0.6, 0.9) and from (2, 2), of the output against the "
            "epoch: the book widget's step, true cross-entropy gradient descent at "
            "η = {book:g}, and true gradient descent at η = {eta:g}.".format(
                book=BOOK_CROSS_ENTROPY_ETA, **_STORY
            ),
        },
        caption={
            "zh": f"书中交叉熵演示沿 ∂C/∂a 走（η = {BOOK_CROSS_ENTROPY_ETA:g}），"
            "并不是它自己公式里的梯度；"
            "同样的 η 下真正的梯度下降学得很慢。",
            "en": "The book's cross-entropy widget steps along "
            f"∂C/∂a (η = {BOOK_CROSS_ENTROPY_ETA:g}), not along "
            "its own equation's gradient; true gradient descent with the same η learns "
            "slowly.",
        },
    ),
)

CATALOGUE: dict[str, FigureSpec] = {spec.stem: spec for spec in FIGURES}
"""The figures by stem, in the order of the story."""


def get_figure(stem: str) -> FigureSpec:
    """The figure ``stem``; a one-line ValueError lists the known stems otherwise."""
    if stem not in CATALOGUE:
        raise ValueError(f"stem must be one of {', '.join(CATALOGUE)}, got {stem!r}")
    return CATALOGUE[stem]


def render(job: tuple[str, str, str]) -> bytes:
    """SVG bytes of ``(stem, lang, theme)``: a module-level function, so worker processes
    can receive it."""
    stem, lang, theme = job
    return get_figure(stem).svg(lang, theme)
