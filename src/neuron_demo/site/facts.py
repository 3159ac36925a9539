"""The numbers the pages quote, computed from the same data as the figures.

A page writes ``<!-- fact:KEY -->``; the site build replaces it with ``compute_facts()[KEY]``.
`fact_values()` gives the raw numbers (for tests and the build), `compute_facts()`
the display strings. The keys (CONTRIBUTING.md lists them) and their definitions:

``story.eta``, ``story.epochs``, ``story.x``, ``story.y``
    The setup of the story's experiments: η = 0.15, 300 epochs, the single sample x = 1, y = 0.
``near.w0``, ``near.b0``, ``near.z0``, ``near.a0`` (and ``far.*``)
    The two starts (0.6, 0.9) and (2, 2), z₀ = w₀·x + b₀ and a₀ = σ(z₀).
``E.a_final``, ``E.a_150``, ``E.c0``, ``E.c_final``, ``E.dw0``
    For each E = COST.START (``quadratic.near`` … ``cross_entropy.far``) of the story's runs:
    the output after all epochs and after 150, the cost at the start and at the end,
    ∂C/∂w at the start.
``E.epochs_to_drop``
    The first epoch k with a_k ≤ a₀ − 0.1: when learning gets going.
``E.epochs_to_half``
    The first epoch k with a_k < 0.5.
``E.epochs_to_learn``
    The first epoch with a_k within the tolerance 0.1 of the target, run up to `LONG_RUN`.
``story.drop``, ``story.halfway_epoch``, ``story.tolerance``
    `DROP` and `HALFWAY_EPOCH`, the thresholds above, as the prose quotes them, and the
    tolerance 0.1 within which an output has learned its target (``E.epochs_to_learn``).
``last_stretch.from``, ``last_stretch.COST.epochs``
    From output 1/2 (z = 0) to within the tolerance of the target 0: the quadratic cost's
    second slow phase, where σ' vanishes again on the target's side.
``plateau_estimate.quadratic.bracket``, ``plateau_estimate.COST.epochs``
    Exercise 3.3's continuous-time estimate of the epochs from the far start down to
    output 1/2 (`plateau_estimates()`).
``gradient.quadratic_max``
    4/27, the largest |δ| = a²(1 − a) of the quadratic cost for y = 0, at a = 2/3.
``saturated.z``, ``saturated.cross_entropy_cost``
    A deeply saturated weighted input (40) and the cross-entropy there for y = 0 (about 40).
``rule_of_thumb.ratio``
    `data.RULE_OF_THUMB`, 6 = 1 / (1/6).
``sigma_prime.max``, ``sigma_prime.near_z0``, ``sigma_prime.far_z0``
    σ'(0) = 1/4, σ'(1.5) and σ'(4).
``far.gradient_ratio``
    Cross-entropy ∂C/∂w over quadratic ∂C/∂w at (2, 2): (a − y) / ((a − y)σ'(z)) = 1/σ'(4).
``sigma_prime.mean_over_a``
    The mean of a(1 − a) for a uniform on [0, 1] (exactly 1/6), by the midpoint rule on
    10 000 cells: the book's rule of thumb that a quadratic η matches a cross-entropy η
    about six times smaller.
``inverter.budget``, ``inverter.tolerance``, ``inverter.range``
    The inverter heatmap: 3000 epochs, every output within 0.1, starts in [−4, 4]².
``inverter.COST.learned_percent``, ``inverter.COST.median_epochs``
    Over that heatmap's grid of starts: the share that learns within the budget, and the
    median epochs among those that learn. COST may also be ``quadratic_rule_of_thumb``, the
    quadratic cost at ``inverter.rule_of_thumb_eta``, six times the story's η.
``eta_sweep.eta_min``, ``eta_sweep.eta_max``, ``eta_sweep.budget``, ``eta_sweep.tolerance``
    The η sweep from (2, 2): η from 0.01 to 10, at most 300 epochs, tolerance 0.1.
``eta_sweep.COST.best_eta``, ``eta_sweep.COST.best_epochs``
    The largest η (2 significant digits, rounded down) at which no epoch moves the output by
    more than the tolerance, and the epochs it needs (see
    `neuron_demo.site.figures.data.eta_sweep()` for why "best" needs this definition).
``eta_sweep.COST.min_eta``
    The smallest η (2 significant digits, rounded up) that learns within 300 epochs.
``soft_target.y``, ``soft_target.cross_entropy_min``
    The first chapter's example of a target between 0 and 1 (0.7), and the smallest
    cross-entropy for it, the binary entropy of y, reached at a = y.
``chain.layers``, ``chain.w``, ``chain.b``
    The last chapter's chain of sigmoid neurons, one per layer: 5 layers, each with weight 1
    and bias 0, fed x = 1 with the target y = 0.
``chain.ratio``, ``chain.factor_min``, ``chain.factor_max``, ``chain.shrink``
    In that chain: the cross-entropy's error over the quadratic cost's, the same at every
    layer (1/σ'(z^L)); the smallest and largest factor w σ'(z^l) of one step back; and the
    first layer's error as a fraction of the output layer's, the same for both costs.
``book.eta``, ``book.true_gd.START.a_final``, ``book.widget.START.a_final``
    The book widget's η = 0.005; the output after 300 epochs of true cross-entropy gradient
    descent at that η, and of the widget's ∂C/∂a step.

Outputs, costs, gradients and learning rates are shown to 2 significant digits, epochs as
integers, shares as whole percentages. COST in keys is ``quadratic`` or ``cross_entropy``.
"""

from __future__ import annotations

import math

import numpy as np

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA
from neuron_demo.costs import get_cost
from .figures import data
from .figures.labels import half_up, significant
from neuron_demo.neuron import sigmoid, sigmoid_prime
from neuron_demo.setups import (
    COST_NAMES,
    EXPERIMENTS,
    INVERTER,
    STORY_EPOCHS,
    STORY_ETA,
    STORY_X,
    STORY_Y,
)
from neuron_demo.train import NEVER, Trajectory, epochs_to_learn

DROP = 0.1
"""How far the output must fall below its start for learning to have "got going"."""

HALFWAY_EPOCH = 150
"""The epoch at which the pages compare the runs midway (``E.a_150``)."""

LONG_RUN = 10 * STORY_EPOCHS
"""The budget for running the story's experiments until they have learned."""

SATURATED_Z = 40.0
"""A weighted input deep in saturation, where 1 − σ(z) is far below the float spacing at 1."""

DATA_SETS = (
    data.story_runs,
    data.inverter_heatmap,
    data.eta_sweep,
    data.book_widget,
    data.backprop_chain,
)
"""The data sets the facts are computed from: a build computes them together with the
figures drawn from them, in one process."""


def _key(cost: str) -> str:
    return cost.replace("-", "_")


def first_epoch(mask: np.ndarray) -> int:
    """The first index where ``mask`` holds; `NEVER` if nowhere."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else NEVER


def _run_values(prefix: str, run: Trajectory) -> dict[str, float | int]:
    a = run.output
    return {
        f"{prefix}.a_final": float(a[-1]),
        f"{prefix}.a_150": float(a[HALFWAY_EPOCH]),
        f"{prefix}.c0": float(run.cost[0]),
        f"{prefix}.c_final": float(run.cost[-1]),
        f"{prefix}.dw0": float(run.dC_dw[0]),
        f"{prefix}.epochs_to_drop": first_epoch(a <= a[0] - DROP),
        f"{prefix}.epochs_to_half": first_epoch(a < 0.5),
    }


def _start_values() -> dict[str, float]:
    values: dict[str, float] = {}
    for name, (w0, b0) in data.STARTS.items():
        z0 = STORY_X * w0 + b0
        values |= {
            f"{name}.w0": w0,
            f"{name}.b0": b0,
            f"{name}.z0": z0,
            f"{name}.a0": float(sigmoid(z0)),
        }
    return values


def _inverter_values() -> dict[str, float | int]:
    heatmap = data.inverter_heatmap()
    values: dict[str, float | int] = {
        "inverter.budget": heatmap.budget,
        "inverter.tolerance": heatmap.tolerance,
        "inverter.range": data.INVERTER_RANGE,
        "inverter.rule_of_thumb_eta": heatmap.panels["quadratic-rule-of-thumb"].eta,
    }
    for name, panel in heatmap.panels.items():
        learned = panel.epochs[panel.epochs != NEVER]
        values[f"inverter.{_key(name)}.learned_percent"] = 100.0 * learned.size / panel.epochs.size
        values[f"inverter.{_key(name)}.median_epochs"] = float(np.median(learned))
    return values


def _to_learn_values() -> dict[str, int]:
    # Each run of the story until its output is within the tolerance of the target: the
    # budget is ten times the story's, which every one of them needs less than.
    values: dict[str, int] = {}
    for name, experiment in EXPERIMENTS.items():
        cost, where = name.rsplit("-", 1)
        values[f"{_key(cost)}.{where}.epochs_to_learn"] = int(
            epochs_to_learn(
                cost,
                experiment.w,
                experiment.b,
                eta=experiment.eta,
                max_epochs=LONG_RUN,
                x=experiment.task.x,
                y=experiment.task.y,
                tolerance=data.TOLERANCE,
            )
        )
    return values


def _last_stretch_values() -> dict[str, float | int]:
    # From output 1/2 (z = 0) to within the tolerance of the target 0: saturation on the
    # target's side, where σ' vanishes again for the quadratic cost.
    values: dict[str, float | int] = {"last_stretch.from": float(sigmoid(0.0))}
    for cost in COST_NAMES:
        values[f"last_stretch.{_key(cost)}.epochs"] = int(
            epochs_to_learn(
                cost,
                0.0,
                0.0,
                eta=STORY_ETA,
                max_epochs=LONG_RUN,
                x=STORY_X,
                y=STORY_Y,
                tolerance=data.TOLERANCE,
            )
        )
    return values


def plateau_estimates(z0: float, eta: float) -> dict[str, float]:
    r"""Epochs from z₀ down to z = 0 (output 1/2), with the epochs as continuous time.

    With x = 1 and y = 0, dz/dk = −2η·δ(z). Separating variables (Exercise 3.3):

    $$
    \begin{aligned}
    k_\text{quadratic}
      &= \frac{e^{z_0} + 3 z_0 - 3 e^{-z_0} - \tfrac12 e^{-2 z_0} + \tfrac52}{2\eta}, \\
    k_\text{cross-entropy} &= \frac{z_0 + 1 - e^{-z_0}}{2\eta}.
    \end{aligned}
    $$

    Returns the quadratic bracket (the numerator) and both estimates.
    """
    bracket = math.exp(z0) + 3 * z0 - 3 * math.exp(-z0) - 0.5 * math.exp(-2 * z0) + 2.5
    return {
        "quadratic.bracket": bracket,
        "quadratic.epochs": bracket / (2 * eta),
        "cross_entropy.epochs": (z0 + 1 - math.exp(-z0)) / (2 * eta),
    }


def _eta_sweep_values() -> dict[str, float | int]:
    sweep = data.eta_sweep()
    values: dict[str, float | int] = {
        "eta_sweep.eta_min": data.ETA_RANGE[0],
        "eta_sweep.eta_max": data.ETA_RANGE[1],
        "eta_sweep.budget": sweep.budget,
        "eta_sweep.tolerance": sweep.tolerance,
    }
    for cost, result in sweep.results.items():
        values |= {
            f"eta_sweep.{_key(cost)}.best_eta": result.best_eta,
            f"eta_sweep.{_key(cost)}.best_epochs": result.best_epochs,
            f"eta_sweep.{_key(cost)}.min_eta": result.min_eta,
        }
    return values


def _book_values() -> dict[str, float]:
    book = data.book_widget()
    values: dict[str, float] = {"book.eta": BOOK_CROSS_ENTROPY_ETA}
    for name, outputs in book.outputs.items():
        values[f"book.true_gd.{name}.a_final"] = float(outputs["true-book-eta"][-1])
        values[f"book.widget.{name}.a_final"] = float(outputs["widget"][-1])
    return values


def _chapter_values() -> dict[str, float | int]:
    # The figures of the first and the last chapter.
    chain = data.backprop_chain()
    quadratic, cross_entropy = chain.delta["quadratic"], chain.delta["cross-entropy"]
    return {
        "soft_target.y": data.SOFT_TARGET,
        "soft_target.cross_entropy_min": data.cross_entropy_minimum(data.SOFT_TARGET),
        "chain.layers": len(chain.layer),
        "chain.w": chain.w,
        "chain.b": chain.b,
        "chain.ratio": float(cross_entropy[-1] / quadratic[-1]),
        "chain.factor_min": float(np.min(chain.factor)),
        "chain.factor_max": float(np.max(chain.factor)),
        "chain.shrink": float(cross_entropy[0] / cross_entropy[-1]),
    }


def mean_sigma_prime_over_a(num_cells: int = 10_000) -> float:
    """The mean of a(1 − a) over a uniform on [0, 1], by the midpoint rule (error 1/(12n²))."""
    a = (np.arange(num_cells) + 0.5) / num_cells
    return float(np.mean(a * (1 - a)))


def fact_values() -> dict[str, float | int]:
    """Every fact as a raw number (int for epochs and counts)."""
    runs = data.story_runs()
    values: dict[str, float | int] = {
        "story.eta": STORY_ETA,
        "story.epochs": STORY_EPOCHS,
        "story.x": STORY_X,
        "story.y": STORY_Y,
        **_start_values(),
    }
    for cost in COST_NAMES:
        for where in data.STARTS:
            values |= _run_values(f"{_key(cost)}.{where}", runs[f"{cost}-{where}"])
    near_z0, far_z0 = values["near.z0"], values["far.z0"]
    values |= {
        "sigma_prime.max": float(sigmoid_prime(0.0)),
        "sigma_prime.near_z0": float(sigmoid_prime(near_z0)),
        "sigma_prime.far_z0": float(sigmoid_prime(far_z0)),
        "far.gradient_ratio": values["cross_entropy.far.dw0"] / values["quadratic.far.dw0"],
        "sigma_prime.mean_over_a": mean_sigma_prime_over_a(),
        "rule_of_thumb.ratio": data.RULE_OF_THUMB,
        "story.drop": DROP,
        "story.tolerance": data.TOLERANCE,
        "story.halfway_epoch": HALFWAY_EPOCH,
        # The largest quadratic |δ| for y = 0: a²(1 − a) peaks at a = 2/3, i.e. z = ln 2.
        "gradient.quadratic_max": float(get_cost("quadratic").delta(math.log(2.0), 0.0)),
        "saturated.z": SATURATED_Z,
        "saturated.cross_entropy_cost": float(get_cost("cross-entropy").value(SATURATED_Z, 0.0)),
        **{f"plateau_estimate.{k}": v for k, v in plateau_estimates(far_z0, STORY_ETA).items()},
        **_to_learn_values(),
        **_last_stretch_values(),
        **_inverter_values(),
        **_eta_sweep_values(),
        **_book_values(),
        **_chapter_values(),
    }
    return values


_INTEGER_SUFFIXES = (
    "epochs",
    "budget",
    "epochs_to_drop",
    "epochs_to_half",
    "epochs_to_learn",
    "median_epochs",
    "best_epochs",
    "halfway_epoch",
)
_SETUP_KEYS = (
    "story.eta",
    "story.x",
    "story.y",
    "inverter.tolerance",
    "inverter.range",
    "eta_sweep.eta_min",
    "eta_sweep.eta_max",
    "eta_sweep.tolerance",
    "book.eta",
    "story.drop",
    "story.tolerance",
    "last_stretch.from",
    "inverter.rule_of_thumb_eta",
    "rule_of_thumb.ratio",
    "saturated.z",
    "soft_target.y",
    "chain.layers",
    "chain.w",
    "chain.b",
)


def format_fact(key: str, value: float | int) -> str:
    """The display string of one fact (see the module docstring for the precision)."""
    if key.endswith(_INTEGER_SUFFIXES):
        if value == NEVER:
            raise ValueError(f"{key} never happens within the run; the prose cannot quote it")
        return half_up(value)
    if key.endswith("learned_percent"):
        return f"{value:.0f}%"
    if key in _SETUP_KEYS:
        return f"{value:g}"
    if key.endswith((".w0", ".b0", ".z0")):
        return f"{value:.1f}"  # as the book writes the starts: 0.6, 0.9 and 2.0, 2.0
    return significant(float(value))


def compute_facts() -> dict[str, str]:
    """Every fact as the string a page shows, keyed as in CONTRIBUTING.md."""
    return {key: format_fact(key, value) for key, value in fact_values().items()}


def lab_setups() -> dict[str, object]:
    """The setups the neuron lab offers, from the library's constants (the lab's page reads
    them, so the lab never holds a hand copy).

    ``story``: the story's η, epochs and sample; ``starts``: the near and far (w, b);
    ``inverter``: the two-sample task, and the η and budget of its heatmap; ``widget``: the
    book widget's η.
    """
    return {
        "story": {"eta": STORY_ETA, "epochs": STORY_EPOCHS, "x": STORY_X, "y": STORY_Y},
        "starts": {name: {"w": w, "b": b} for name, (w, b) in data.STARTS.items()},
        "inverter": {
            "x": INVERTER.x.tolist(),
            "y": INVERTER.y.tolist(),
            "eta": STORY_ETA,
            "epochs": data.INVERTER_BUDGET,
        },
        "widget": {"eta": BOOK_CROSS_ENTROPY_ETA, "epochs": STORY_EPOCHS},
    }
