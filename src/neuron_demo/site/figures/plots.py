"""One function per figure: computed data + language + theme in, a matplotlib Figure out.

No pyplot: each function builds a :class:`matplotlib.figure.Figure` under
:func:`~neuron_demo.site.figures.style.themed` and returns it; saving is
:func:`~neuron_demo.site.figures.style.svg_bytes`' job. The functions only draw: every number
comes from :mod:`neuron_demo.site.figures.data`, so tests can read a figure's data back from its
axes. Figures carry no title, because the page's caption says what they show; a panel's
title only tells the panels apart. Labels next to data are offset from it on a box of the
page's colour, markers at an axis are not clipped, and legends sit where no data is
(`neuron_demo.site.figures.palette` describes the look; ``tests/test_figures.py`` checks it).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.patheffects import Normal, Stroke
from matplotlib.ticker import FixedLocator, MaxNLocator, StrMethodFormatter

from neuron_demo.setups import COST_NAMES, STORY_ETA
from neuron_demo.train import NEVER, Trajectory

from .data import (
    STARTS,
    BackpropChain,
    BookWidget,
    CostCurves,
    CostSurfaces,
    EtaSweep,
    GradientCurves,
    Heatmap,
    SigmoidCurves,
)
from .labels import label, significant
from .palette import GUIDE_WIDTH, ON_COLORMAP, ON_COLORMAP_EDGE, Palette
from .style import FIGURE_WIDTH_IN, SiteLayout, check_lang, themed

NEVER_HATCH = "///"
RIM = [Stroke(linewidth=3.6, foreground=ON_COLORMAP_EDGE), Normal()]
"""A dark rim around a near-white mark over a colormap, so it shows on yellow and on grey."""


def _figure(height: float, ncols: int = 1, **subplot_kw: object) -> tuple[Figure, list[Axes]]:
    figure = Figure(figsize=(FIGURE_WIDTH_IN, height), layout=SiteLayout())
    # Room between panels, so that one panel's last tick label never meets the next one's.
    figure.get_layout_engine().set(wspace=0.06)
    axes = figure.subplots(1, ncols, squeeze=False, **subplot_kw)[0]
    return figure, list(axes)


def _plain_log_labels(*axes: Axis) -> None:
    """Label the decades of log axes as plain numbers: 0.01, 0.1, 1, 10, 100.

    Matplotlib's default labels (10⁻², 10⁻¹, …) are mathtext, which every figure re-parses
    (a third of a log figure's drawing time); plain numbers are also how the prose writes
    learning rates and epochs.
    """
    for axis in axes:
        axis.set_major_formatter(StrMethodFormatter("{x:g}"))


def _end_label(ax: Axes, x: float, y: float, value: float, colour: str, p: Palette) -> None:
    # A curve's last value beside its end point, right of the axes where no data is.
    ax.annotate(
        significant(value),
        (x, y),
        xytext=(8, 3),
        textcoords="offset points",
        ha="left",
        va="bottom",  # above the tick label that may sit below the end point
        color=colour,
        bbox=p.annotation_box(),
        annotation_clip=False,
    )


def sigmoid_figure(data: SigmoidCurves, lang: str, theme: str) -> Figure:
    """σ(z) and σ'(z), the saturated tails shaded, σ'(0) = 1/4 and the story's starts marked."""
    check_lang(lang)
    with themed(theme) as p:
        figure, (ax,) = _figure(3.6)
        z_max = float(data.z[-1])
        for sign in (-1, 1):
            ax.axvspan(sign * data.saturation_z, sign * z_max, color=p.grid, alpha=0.6, lw=0)
            ax.text(
                sign * (data.saturation_z + z_max) / 2,
                0.5,
                label("saturated", lang),
                ha="center",
                va="center",
                color=p.muted,
            )
        ax.plot(data.z, data.sigma, color=p.cross_entropy, label=label("sigma", lang))
        ax.plot(data.z, data.sigma_prime, color=p.accent, label=label("sigma_prime", lang))
        ax.plot([0], [0.25], "o", color=p.accent)
        ax.annotate(
            label("sigma_prime_max", lang),
            (0, 0.25),
            xytext=(12, 8),
            textcoords="offset points",
            color=p.foreground,
            bbox=p.annotation_box(),
        )
        for z0 in data.start_z.values():
            a0 = 1 / (1 + np.exp(-z0))
            ax.plot([z0], [a0], "o", color=p.cross_entropy, mfc=p.background, mew=2)
            # Below and to the right: under a rising, flattening curve, clear of it.
            ax.annotate(
                label("start_z", lang, z=z0),
                (z0, a0),
                xytext=(8, -9),
                textcoords="offset points",
                ha="left",
                va="top",
                color=p.foreground,
                bbox=p.annotation_box(),
            )
        ax.set(xlim=(-z_max, z_max), ylim=(-0.03, 1.08), xlabel=label("weighted_input", lang))
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.95))
    return figure


def cost_curves_figure(data: CostCurves, lang: str, theme: str) -> Figure:
    """Both costs of one sample against the output a: for the target 0 and a soft target.

    For the soft target the cross-entropy's minimum at a = y is marked, and the cost written
    the wrong way round (a and y exchanged) is drawn dashed.
    """
    check_lang(lang)
    with themed(theme) as p:
        figure, axes = _figure(3.7, ncols=2, sharey=True)
        top = 3.0
        for ax, y in zip(axes, data.targets, strict=True):
            for cost in COST_NAMES:
                ax.plot(data.a, data.cost[y][cost], color=p.cost(cost), label=label(cost, lang))
            ax.set(xlim=(0, 1), ylim=(0, top), xlabel=label("output", lang))
            ax.set_title(label("target", lang, y=y))
        soft = data.targets[1]
        ax = axes[1]
        ax.plot(data.a, data.swapped, color=p.muted, ls="--", label=label("swapped", lang))
        lowest = float(np.min(data.cost[soft]["cross-entropy"]))
        ax.plot([soft], [lowest], "o", color=p.cross_entropy)
        # Below and to the left: under every curve but the quadratic one, still above it.
        ax.annotate(
            label("minimum_at_target", lang),
            (soft, lowest),
            xytext=(-8, -10),
            textcoords="offset points",
            ha="right",
            va="top",
            color=p.foreground,
            bbox=p.annotation_box(),
        )
        axes[0].set_ylabel(label("cost", lang))
        handles, labels = axes[1].get_legend_handles_labels()
        figure.legend(handles, labels, loc="outside upper center", ncols=3)
    return figure


def run_figure(run: Trajectory, lang: str, theme: str) -> Figure:
    """One experiment of the story: output against epoch (left) and cost against epoch (right)."""
    check_lang(lang)
    with themed(theme) as p:
        figure, (ax_a, ax_c) = _figure(3.3, ncols=2)
        colour = p.cost(run.cost_function)
        epochs = np.arange(run.num_epochs + 1)
        for ax, values, key in ((ax_a, run.output, "output"), (ax_c, run.cost, "cost")):
            ax.plot(epochs, values, color=colour)
            ax.plot([0, epochs[-1]], [values[0], values[-1]], "o", color=colour, clip_on=False)
            _end_label(ax, epochs[-1], values[-1], float(values[-1]), colour, p)
            ax.set(xlabel=label("epoch", lang), ylabel=label(key, lang), xlim=(0, epochs[-1]))
        ax_a.set_ylim(0, 1)
        ax_c.set_ylim(0, 1.08 * float(np.max(run.cost)))
    return figure


def far_start_figure(runs: dict[str, Trajectory], lang: str, theme: str) -> Figure:
    """Output against epoch for both costs from the saturated start (2, 2)."""
    check_lang(lang)
    with themed(theme) as p:
        figure, (ax,) = _figure(3.6)
        for cost in COST_NAMES:
            run = runs[cost]
            epochs = np.arange(run.num_epochs + 1)
            ax.plot(epochs, run.output, color=p.cost(cost), label=label(cost, lang))
        ax.set(
            xlabel=label("epoch", lang),
            ylabel=label("output", lang),
            ylim=(0, 1),
            xlim=(0, runs[COST_NAMES[0]].num_epochs),
        )
        # Between the curves: the quadratic one stays high, the cross-entropy falls at once.
        ax.legend(loc="center left", bbox_to_anchor=(0.14, 0.55))
    return figure


def gradient_figure(data: GradientCurves, lang: str, theme: str) -> Figure:
    """|∂C/∂b| against the output a for y = 0, both costs, with the story's starting outputs."""
    check_lang(lang)
    with themed(theme) as p:
        figure, (ax,) = _figure(3.6)
        for cost in COST_NAMES:
            ax.plot(data.a, data.delta[cost], color=p.cost(cost), label=label(cost, lang))
        for w0, b0 in STARTS.values():
            a0 = float(1 / (1 + np.exp(-(w0 + b0))))
            ax.axvline(a0, color=p.muted, ls=":", lw=GUIDE_WIDTH)
            ax.annotate(
                label("start_output", lang, a=a0),
                (a0, 0.45),
                xytext=(-5, 0),
                textcoords="offset points",
                rotation=90,
                ha="right",
                va="center",
                color=p.muted,
            )
        ax.set(
            xlabel=label("output", lang),
            ylabel=label("gradient", lang),
            xlim=(0, 1),
            ylim=(0, 1.02),
        )
        ax.legend(loc="upper left")
    return figure


START_MARKERS = {"near": "o", "far": "s"}


def _path_dots_every(num_epochs: int) -> int:
    return max(1, num_epochs // 30)


def _within(values: np.ndarray, grid: np.ndarray, margin: float = 0.02) -> np.ndarray:
    # Inside the grid's range, a fraction ``margin`` of it away from either end.
    low, high = float(grid[0]), float(grid[-1])
    inset = margin * (high - low)
    return (low + inset <= values) & (values <= high - inset)


def cost_surface_figure(data: CostSurfaces, lang: str, theme: str) -> Figure:
    """Both costs over (w, b) for the inverter task, with gradient-descent paths.

    The filled contours are rasterised (a vector contour map is ten times the bytes);
    the paths, their dots and all text stay vectors.
    """
    check_lang(lang)
    with themed(theme) as p:
        figure, axes = _figure(4.4, ncols=2, sharey=True)
        for ax, cost in zip(axes, COST_NAMES, strict=True):
            filled = ax.contourf(data.w, data.b, data.cost[cost], levels=14, cmap=p.colormap)
            filled.set_rasterized(True)
            ax.contour(
                data.w,
                data.b,
                data.cost[cost],
                levels=filled.levels,
                colors=p.background,
                linewidths=0.4,
                alpha=0.5,
            )
            colourbar = figure.colorbar(filled, ax=ax, location="bottom", aspect=30, pad=0.02)
            colourbar.set_label(label("cost", lang))
            colourbar.ax.xaxis.set_major_locator(MaxNLocator(4))
            for name, run in data.paths[cost].items():
                every = _path_dots_every(run.num_epochs)
                ax.plot(run.w, run.b, color=ON_COLORMAP, lw=1.6)
                w, b = run.w[::every], run.b[::every]
                # A path may leave the window: its line is cut at the edge, its dots are
                # drawn whole or not at all.
                shown = _within(w, data.w) & _within(b, data.b)
                ax.plot(w[shown], b[shown], "o", ms=3.2, color=ON_COLORMAP)
                ax.plot(
                    run.w[0],
                    run.b[0],
                    START_MARKERS[name],
                    ms=9,
                    color=p.cost(cost),
                    mec=ON_COLORMAP,
                    mew=1.5,
                    path_effects=RIM,
                )
            ax.set(
                xlim=(data.w[0], data.w[-1]),
                ylim=(data.b[0], data.b[-1]),
                title=label(cost, lang),
                xlabel=label("weight", lang),
            )
            ax.grid(False)
        axes[0].set_ylabel(label("bias", lang))
        every = _path_dots_every(data.paths[COST_NAMES[0]]["near"].num_epochs)
        handles, labels = [], []
        for name, (w0, b0) in STARTS.items():
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker=START_MARKERS[name],
                    ms=9,
                    color=p.muted,
                    mec=p.foreground,
                    mew=1.5,
                )
            )
            labels.append(label("start_point", lang, w=w0, b=b0))
        handles.append(Line2D([], [], color=p.foreground, marker="o", ms=3.2, lw=1.6))
        labels.append(label("path_dots", lang, every=every))
        figure.legend(handles, labels, loc="outside upper center", ncols=2)
    return figure


def _start_rings(ax: Axes, points: list[tuple[float, float]]) -> None:
    # The story's starts over a heatmap: near-white rings with a dark rim.
    for x, y in points:
        ax.plot(x, y, "o", ms=7, mfc="none", mec=ON_COLORMAP, mew=1.8, path_effects=RIM)


def _heatmap_axes(
    figure: Figure, axes: list[Axes], data: Heatmap, lang: str, p: Palette, *, log_y: bool
) -> None:
    learned = [panel.epochs[panel.epochs != NEVER] for panel in data.panels.values()]
    low = max(1, min(int(e.min()) for e in learned if e.size))
    norm = LogNorm(vmin=low, vmax=data.budget)
    mesh = None
    for ax, panel in zip(axes, data.panels.values(), strict=True):
        epochs = np.ma.masked_equal(panel.epochs, NEVER)
        ax.set_facecolor(p.never)
        ax.patch.set_hatch(NEVER_HATCH)
        ax.patch.set_edgecolor(p.background)
        mesh = ax.pcolormesh(
            data.x, data.y, epochs, norm=norm, cmap=p.colormap, shading="nearest", rasterized=True
        )
        title = label(panel.cost, lang)
        ax.set_title(title if panel.eta is None else f"{title}\n{label('eta', lang, eta=panel.eta)}")
        ax.grid(False)
        if log_y:
            ax.set_yscale("log")
            _plain_log_labels(ax.yaxis)
    # Beside the last panel and exactly as tall, whatever its aspect makes of its height.
    colourbar = figure.colorbar(mesh, cax=axes[-1].inset_axes([1.05, 0, 0.06, 1]))
    _plain_log_labels(colourbar.ax.yaxis)
    colourbar.set_label(label("epochs_to_learn", lang))
    figure.legend(
        handles=[Patch(facecolor=p.never, edgecolor=p.background, hatch=NEVER_HATCH)],
        labels=[label("never", lang, budget=data.budget)],
        loc="outside upper center",
    )


def inverter_heatmap_figure(data: Heatmap, lang: str, theme: str) -> Figure:
    """Epochs to learn the inverter from each start (w₀, b₀), one panel per cost and η."""
    check_lang(lang)
    with themed(theme) as p:
        figure, axes = _figure(3.0, ncols=len(data.panels), sharey=True)
        _heatmap_axes(figure, axes, data, lang, p, log_y=False)
        for ax in axes:
            ax.set(aspect="equal", xlabel=label("initial_weight", lang))
            _start_rings(ax, list(STARTS.values()))
        axes[0].set_ylabel(label("initial_bias", lang))
    return figure


def z0_eta_heatmap_figure(data: Heatmap, lang: str, theme: str) -> Figure:
    """Epochs to learn the one sample x = 1, y = 0 over (z₀, η), one panel per cost."""
    check_lang(lang)
    with themed(theme) as p:
        figure, axes = _figure(3.9, ncols=len(data.panels), sharey=True)
        _heatmap_axes(figure, axes, data, lang, p, log_y=True)
        figure.supxlabel(label("initial_z", lang), fontsize="medium")  # one for both panels
        for ax in axes:
            _start_rings(ax, [(w0 + b0, STORY_ETA) for w0, b0 in STARTS.values()])
        axes[0].set_ylabel(label("learning_rate", lang))
    return figure


def eta_sweep_figure(data: EtaSweep, lang: str, theme: str) -> Figure:
    """Epochs to learn from (2, 2) against η (log axes), each cost's best η marked.

    Solid where every epoch moves the output by at most the tolerance, dashed beyond the
    best η, where a few large steps jump over the learning. Each best η is labelled where
    its own curve leaves room: the quadratic one above and to the right, over its dashed
    tail; the cross-entropy one below and to the left, under its solid part.
    """
    check_lang(lang)
    with themed(theme) as p:
        figure, (ax,) = _figure(4.8)
        offsets = {"quadratic": ((10, 6), "left", "bottom"), "cross-entropy": ((-10, -8), "right", "top")}
        for cost in COST_NAMES:
            result = data.results[cost]
            colour = p.cost(cost)
            learned = result.epochs != NEVER
            eta, epochs = data.eta[learned], result.epochs[learned]
            smooth = eta <= result.best_eta
            ax.plot(eta[smooth], epochs[smooth], color=colour, label=label(cost, lang))
            jump = ~smooth
            jump[np.argmin(smooth) - 1 if np.any(smooth) else 0] = True  # join the two styles
            ax.plot(eta[jump], epochs[jump], color=colour, ls="--")
            ax.plot(
                result.best_eta,
                result.best_epochs,
                "o",
                ms=9,
                color=colour,
                mec=p.background,
                mew=1.5,
            )
            offset, ha, va = offsets[cost]
            ax.annotate(
                label("best_eta", lang, eta=result.best_eta, epochs=result.best_epochs),
                (result.best_eta, result.best_epochs),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                color=colour,
                bbox=p.annotation_box(),
            )
        ax.set(
            xscale="log",
            yscale="log",
            xlabel=label("learning_rate", lang),
            ylabel=label("epochs_to_learn", lang),
            # Room on the right for the label of the quadratic cost's best η.
            xlim=(0.8 * data.eta[0], 3 * data.eta[-1]),
            ylim=(0.8, 1.5 * data.budget),
        )
        _plain_log_labels(ax.xaxis, ax.yaxis)
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Line2D([], [], color=p.muted, ls="--"))
        labels.append(label("jumping", lang, tolerance=data.tolerance))
        # Below the axes: inside, the dashed-line entry would sit on the dashed curves.
        figure.legend(handles, labels, loc="outside lower center", ncols=1)
    return figure


def book_widget_figure(data: BookWidget, lang: str, theme: str) -> Figure:
    """Output against epoch: the book widget's step versus true gradient descent, both starts."""
    check_lang(lang)
    with themed(theme) as p:
        figure, axes = _figure(3.9, ncols=2, sharey=True)
        styles = {
            "widget": (p.accent, "-", label("widget", lang, eta=data.book_eta)),
            "true-book-eta": (p.cross_entropy, "--", label("true_gd", lang, eta=data.book_eta)),
            "true-story-eta": (p.cross_entropy, "-", label("true_gd", lang, eta=data.story_eta)),
        }
        for ax, (name, outputs) in zip(axes, data.outputs.items(), strict=True):
            for method, (colour, style, text) in styles.items():
                ax.plot(data.epochs, outputs[method], color=colour, ls=style, label=text)
            w0, b0 = STARTS[name]
            ax.set(
                xlabel=label("epoch", lang),
                title=label("start", lang, w=w0, b=b0),
                xlim=(0, data.epochs[-1]),
                ylim=(0, 1),
            )
            ax.xaxis.set_major_locator(MaxNLocator(3))
        axes[0].set_ylabel(label("output", lang))
        handles, labels = axes[0].get_legend_handles_labels()
        figure.legend(handles, labels, loc="outside lower center", ncols=1)
    return figure


def _chain_diagram(ax: Axes, layers: np.ndarray, lang: str, p: Palette) -> None:
    # The chain, one neuron per layer, above the plot's layer axis: x in, C out, and the
    # error going back below the forward arrows.
    ax.set_axis_off()
    ax.set_ylim(-1, 1)
    first, last = float(layers[0]), float(layers[-1])
    nodes = [first - 0.75, *map(float, layers), last + 0.75]
    size = 16  # points: markers stay round whatever the axes' aspect
    ax.plot(layers, np.full(len(layers), 0.3), "o", ms=size, mfc=p.background, mec=p.foreground)
    ax.text(nodes[0], 0.3, label("input", lang), ha="center", va="center")
    ax.text(nodes[-1], 0.3, label("cost_node", lang), ha="center", va="center")
    for start, end in zip(nodes[:-1], nodes[1:], strict=True):
        ax.add_patch(
            FancyArrowPatch(
                (start, 0.3),
                (end, 0.3),
                arrowstyle="-|>",
                mutation_scale=10,
                shrinkA=size / 2 + 3,
                shrinkB=size / 2 + 3,
                color=p.muted,
                lw=1.2,
            )
        )
    ax.add_patch(
        FancyArrowPatch(
            (nodes[-1], -0.55),
            (first, -0.55),
            arrowstyle="-|>",
            mutation_scale=12,
            color=p.foreground,
            lw=1.4,
        )
    )
    ax.text(
        (first + nodes[-1]) / 2,
        -0.55,
        label("error_back", lang),
        ha="center",
        va="center",
        bbox=p.annotation_box(),
    )


def backprop_chain_figure(data: BackpropChain, lang: str, theme: str) -> Figure:
    """The error |δ^l| of each layer of a chain of sigmoid neurons, both costs, log scale.

    Above the plot, the chain itself with the error flowing back. The cost sets δ^L only;
    every step back multiplies both costs' errors by the same w σ'(z^l), so the two lines
    are parallel on the log axis, a constant factor 1/σ'(z^L) apart (marked at the top).
    """
    check_lang(lang)
    with themed(theme) as p:
        figure = Figure(figsize=(FIGURE_WIDTH_IN, 4.6), layout=SiteLayout())
        ax_chain, ax = figure.subplots(2, 1, sharex=True, height_ratios=(1, 3.2))
        _chain_diagram(ax_chain, data.layer, lang, p)
        for cost in COST_NAMES:
            ax.plot(data.layer, data.delta[cost], "o-", color=p.cost(cost), label=label(cost, lang))
        first, last = float(data.layer[0]), float(data.layer[-1])
        ax.set(yscale="log", xlabel=label("layer", lang), ylabel=label("layer_error", lang))
        ax.set_xlim(first - 0.9, last + 1.7)  # room on the right for the gap's label
        ax.xaxis.set_major_locator(FixedLocator([float(x) for x in data.layer]))
        ax.set_xticklabels([*(str(x) for x in data.layer[:-1]), label("output_layer", lang)])
        _plain_log_labels(ax.yaxis)
        ax.grid(False, axis="x")
        upper, lower = data.delta["cross-entropy"], data.delta["quadratic"]
        # One step back, above the cross-entropy's last segment.
        ax.annotate(
            label("step_back", lang),
            ((data.layer[-2] + last) / 2, float(np.sqrt(upper[-2] * upper[-1]))),
            xytext=(-8, 10),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=p.foreground,
            bbox=p.annotation_box(),
        )
        # The gap between the costs, the same at every layer, beside the output layer.
        gap_x = last + 0.3
        ax.add_patch(
            FancyArrowPatch(
                (gap_x, float(lower[-1])),
                (gap_x, float(upper[-1])),
                arrowstyle="<|-|>",
                mutation_scale=9,
                color=p.muted,
                lw=1.2,
            )
        )
        ax.annotate(
            label("output_ratio", lang),
            (gap_x, float(np.sqrt(upper[-1] * lower[-1]))),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=p.foreground,
        )
        ax.legend(loc="upper left")
    return figure
