"""The data behind every figure, computed from :mod:`neuron_demo` and nothing else.

Each function is pure and cached: the figures and :mod:`neuron_demo.site.facts` call the same
function with the same arguments, so the prose quotes exactly the numbers the figures show,
and one build computes each data set once. Results are frozen dataclasses of read-only
arrays. The defaults are the site's setups; tests pass small grids.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from neuron_demo import _validate
from neuron_demo._types import FloatArray, IntArray
from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA, widget_cross_entropy_outputs
from neuron_demo.costs import get_cost
from neuron_demo.neuron import sigmoid, sigmoid_prime, weighted_input
from neuron_demo.setups import (
    COST_NAMES,
    EXPERIMENTS,
    FAR_START,
    INVERTER,
    NEAR_START,
    STORY_EPOCHS,
    STORY_ETA,
    STORY_X,
    STORY_Y,
)
from neuron_demo.train import NEVER, Trajectory, epochs_to_learn, train

STARTS = {"near": NEAR_START, "far": FAR_START}
TOLERANCE = 0.1
"""A start has learned when every output is within this distance of its target."""

SATURATION_Z = 3.0
"""|z| beyond which the figures shade σ as saturated: σ'(3) ≈ 0.045, under a fifth of 1/4."""

RULE_OF_THUMB = 6
"""The book's rule of thumb: a quadratic-cost η matches a cross-entropy η this many times
smaller, because σ' = a(1 − a) averages 1/6 over the outputs a in [0, 1]."""

INVERTER_BUDGET = 3000
INVERTER_RANGE = 4.0
INVERTER_GRID = 41
"""Starts per axis of the inverter heatmap: a step of 0.2, within the cold-build budget."""

ETA_RANGE = (0.01, 10.0)
ETA_SWEEP_BUDGET = STORY_EPOCHS
Z0_RANGE = (-2.0, 8.0)


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array)
    array.setflags(write=False)
    return array


def _grid_size(name: str, value: int, minimum: int = 2) -> int:
    count = _validate.epoch_count(name, value)
    if count < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {count!r}")
    return count


@dataclass(frozen=True)
class SigmoidCurves:
    """σ(z) and σ'(z) on a grid, with the two starts of the story' weighted inputs."""

    z: FloatArray
    sigma: FloatArray
    sigma_prime: FloatArray
    saturation_z: float
    start_z: dict[str, float]


@functools.cache
def sigmoid_curves(num_points: int = 481, z_max: float = 6.0) -> SigmoidCurves:
    """σ and σ' on ``num_points`` equally spaced z in [−z_max, z_max]."""
    num_points = _grid_size("num_points", num_points)
    z_max = _validate.positive_finite("z_max", z_max)
    z = np.linspace(-z_max, z_max, num_points)
    return SigmoidCurves(
        z=_frozen(z),
        sigma=_frozen(sigmoid(z)),
        sigma_prime=_frozen(sigmoid_prime(z)),
        saturation_z=SATURATION_Z,
        start_z={name: STORY_X * w + b for name, (w, b) in STARTS.items()},
    )


@functools.cache
def story_runs() -> dict[str, Trajectory]:
    """The story's four experiments (x = 1, y = 0, η = 0.15, 300 epochs), keyed like EXPERIMENTS."""
    return {key: experiment.run() for key, experiment in EXPERIMENTS.items()}


def story_run(key: str) -> Trajectory:
    """One experiment of the story: ``"quadratic-near"``, ``"cross-entropy-far"``, …"""
    if key not in EXPERIMENTS:
        raise ValueError(f"key must be one of {', '.join(EXPERIMENTS)}, got {key!r}")
    return story_runs()[key]


def far_runs() -> dict[str, Trajectory]:
    """Both costs from the saturated start (2, 2), keyed by cost name."""
    return {cost: story_run(f"{cost}-far") for cost in COST_NAMES}


@dataclass(frozen=True)
class GradientCurves:
    """|∂C/∂b| = |δ| against the output a for the single sample x = 1, y = 0."""

    a: FloatArray
    delta: dict[str, FloatArray]


@functools.cache
def gradient_curves(num_points: int = 399) -> GradientCurves:
    """|δ| for each cost at ``num_points`` outputs a = k/(n+1), k = 1 … n (open interval)."""
    num_points = _grid_size("num_points", num_points)
    a = np.arange(1, num_points + 1) / (num_points + 1)
    z = np.log(a) - np.log1p(-a)  # the logit: a = σ(z)
    return GradientCurves(
        a=_frozen(a),
        delta={cost: _frozen(np.abs(get_cost(cost).delta(z, STORY_Y))) for cost in COST_NAMES},
    )


SOFT_TARGET = 0.7
"""The first chapter's example of a target between 0 and 1 (a probability, say)."""


def _logit(a: FloatArray) -> FloatArray:
    # The weighted input that gives the output a: a = σ(z).
    return np.log(a) - np.log1p(-a)


@dataclass(frozen=True)
class CostCurves:
    """The cost of one sample against its output a, per target: ``cost[y][name]``.

    ``swapped`` is the cross-entropy written the wrong way round, with a and y exchanged,
    −[a ln y + (1 − a) ln(1 − y)], for the soft target (it is infinite for y = 0 or 1).
    """

    a: FloatArray
    targets: tuple[float, float]
    cost: dict[float, dict[str, FloatArray]]
    swapped: FloatArray


@functools.cache
def cost_curves(num_points: int = 399) -> CostCurves:
    """Both costs at ``num_points`` outputs a = k/(n+1) for the story's target y = 0 and for
    `SOFT_TARGET`, each computed by the library from the weighted input z = σ⁻¹(a)."""
    num_points = _grid_size("num_points", num_points)
    a = np.arange(1, num_points + 1) / (num_points + 1)
    z = _logit(a)
    targets = (STORY_Y, SOFT_TARGET)
    y = SOFT_TARGET
    return CostCurves(
        a=_frozen(a),
        targets=targets,
        cost={
            target: {cost: _frozen(get_cost(cost).value(z, target)) for cost in COST_NAMES}
            for target in targets
        },
        swapped=_frozen(-(a * math.log(y) + (1 - a) * math.log1p(-y))),
    )


def cross_entropy_minimum(y: float) -> float:
    """The smallest cross-entropy for the target ``y`` in (0, 1), reached at a = y (z = σ⁻¹(y)):
    the binary entropy of y."""
    y = float(_validate.unit_interval("y", y))
    if y in (0.0, 1.0):
        raise ValueError(f"y must lie strictly between 0 and 1, got {y!r}")
    return float(get_cost("cross-entropy").value(_logit(np.float64(y)), y))


CHAIN_LAYERS = 5
CHAIN_WEIGHT = 1.0
CHAIN_BIAS = 0.0
"""The chain of the last chapter's figure: five sigmoid neurons, one per layer, each with
weight 1 (a weight of size at most 1, as the chapter's example) and bias 0, fed the story's
input x = 1 and asked for its target y = 0."""


@dataclass(frozen=True)
class BackpropChain:
    """The error of each layer of a chain of sigmoid neurons, one neuron per layer.

    Index k holds layer l = k + 1 (the output layer is the last). ``delta[cost]`` is
    δ^l = ∂C/∂z^l: the cost's output error at the top, then δ^l = δ^{l+1} w σ'(z^l)
    going back, the chapter's backpropagation with one neuron per layer.
    """

    layer: IntArray
    z: FloatArray
    sigma_prime: FloatArray
    delta: dict[str, FloatArray]
    w: float
    b: float

    @property
    def factor(self) -> FloatArray:
        """w σ'(z^l) for the hidden layers l = 1 … L − 1: what one step back multiplies by."""
        return self.w * self.sigma_prime[:-1]


@functools.cache
def backprop_chain(
    num_layers: int = CHAIN_LAYERS, w: float = CHAIN_WEIGHT, b: float = CHAIN_BIAS
) -> BackpropChain:
    """Forward through ``num_layers`` neurons from x = 1, then each cost's error back."""
    num_layers = _grid_size("num_layers", num_layers)
    w, b = float(_validate.finite_array("w", w)), float(_validate.finite_array("b", b))
    z = np.empty(num_layers)
    a = STORY_X
    for k in range(num_layers):
        z[k] = weighted_input(w, b, a)
        a = float(sigmoid(z[k]))
    slope = sigmoid_prime(z)
    deltas = {}
    for cost in COST_NAMES:
        delta = np.empty(num_layers)
        delta[-1] = get_cost(cost).delta(z[-1], STORY_Y)  # the cost enters here only
        for k in range(num_layers - 2, -1, -1):
            delta[k] = delta[k + 1] * w * slope[k]
        deltas[cost] = _frozen(delta)
    return BackpropChain(
        layer=_frozen(np.arange(1, num_layers + 1)),
        z=_frozen(z),
        sigma_prime=_frozen(slope),
        delta=deltas,
        w=w,
        b=b,
    )


@dataclass(frozen=True)
class CostSurfaces:
    """Mean cost over (w, b) for the inverter task, with gradient-descent paths.

    ``cost[name]`` has shape ``(len(b), len(w))``; ``paths[name][start]`` is the
    :class:`Trajectory` of gradient descent from that start.
    """

    w: FloatArray
    b: FloatArray
    cost: dict[str, FloatArray]
    paths: dict[str, dict[str, Trajectory]]
    eta: float


SURFACE_W = (-8.0, 4.0)
SURFACE_B = (-4.0, 8.0)
"""The window of the cost surfaces: it holds both starts and where their paths lead."""


@functools.cache
def cost_surfaces(num_points: int = 121, num_epochs: int = INVERTER_BUDGET) -> CostSurfaces:
    """Costs on a ``num_points``² grid over SURFACE_W × SURFACE_B, paths of ``num_epochs``."""
    num_points = _grid_size("num_points", num_points)
    w_grid = np.linspace(*SURFACE_W, num_points)
    b_grid = np.linspace(*SURFACE_B, num_points)
    w, b = np.meshgrid(w_grid, b_grid)
    costs, paths = {}, {}
    for cost in COST_NAMES:
        # The mean cost over the samples, as training computes it (zero epochs: no step).
        at_rest = train(cost, w, b, eta=STORY_ETA, num_epochs=0, x=INVERTER.x, y=INVERTER.y)
        costs[cost] = _frozen(np.array(at_rest.cost[0]))
        paths[cost] = {
            name: train(
                cost, w0, b0, eta=STORY_ETA, num_epochs=num_epochs, x=INVERTER.x, y=INVERTER.y
            )
            for name, (w0, b0) in STARTS.items()
        }
    return CostSurfaces(
        w=_frozen(w_grid), b=_frozen(b_grid), cost=costs, paths=paths, eta=STORY_ETA
    )


@dataclass(frozen=True)
class Panel:
    """One panel of a heatmap: a cost, its learning rate, and the epochs it needs per cell.

    ``epochs`` has shape ``(len(y), len(x))``; cells that do not learn within the budget hold
    :data:`~neuron_demo.NEVER`. ``eta`` is None where η varies along the y axis.
    """

    cost: str
    eta: float | None
    epochs: IntArray


@dataclass(frozen=True)
class Heatmap:
    """Epochs to learn on a grid, one `Panel` per key (``"quadratic"``, ``"cross-entropy"``…)."""

    x: FloatArray
    y: FloatArray
    panels: dict[str, Panel]
    budget: int
    tolerance: float


@functools.cache
def inverter_heatmap(
    num_points: int = INVERTER_GRID,
    extent: float = INVERTER_RANGE,
    budget: int = INVERTER_BUDGET,
) -> Heatmap:
    """Epochs to learn the inverter from every start (w₀, b₀) on the grid, in three panels.

    ``"quadratic"`` and ``"cross-entropy"`` share the story's η = 0.15;
    ``"quadratic-rule-of-thumb"`` gives the quadratic cost the η that the book's rule of
    thumb (`RULE_OF_THUMB`) says matches the cross-entropy's, the fair comparison.
    """
    num_points = _grid_size("num_points", num_points)
    extent = _validate.positive_finite("extent", extent)
    grid = np.linspace(-extent, extent, num_points)
    w, b = np.meshgrid(grid, grid)
    setups = {
        "quadratic": ("quadratic", STORY_ETA),
        "cross-entropy": ("cross-entropy", STORY_ETA),
        "quadratic-rule-of-thumb": ("quadratic", RULE_OF_THUMB * STORY_ETA),
    }
    panels = {
        key: Panel(
            cost,
            eta,
            _frozen(
                epochs_to_learn(
                    cost,
                    w,
                    b,
                    eta=eta,
                    max_epochs=budget,
                    x=INVERTER.x,
                    y=INVERTER.y,
                    tolerance=TOLERANCE,
                )
            ),
        )
        for key, (cost, eta) in setups.items()
    }
    return Heatmap(
        x=_frozen(grid), y=_frozen(grid), panels=panels, budget=budget, tolerance=TOLERANCE
    )


def log_grid(low: float, high: float, num_points: int) -> FloatArray:
    """``num_points`` values from ``low`` to ``high``, equally spaced on a log axis."""
    return np.logspace(math.log10(low), math.log10(high), num_points)


@functools.cache
def z0_eta_heatmap(num_z0: int = 61, num_eta: int = 41, budget: int = STORY_EPOCHS) -> Heatmap:
    """Epochs to learn the one sample x = 1, y = 0 over (z₀, η): x is z₀, y is η (log-spaced).

    With x = 1 both parameters receive the same update, so only z₀ = w₀ + b₀ matters;
    every start is taken as w₀ = b₀ = z₀/2.
    """
    num_z0 = _grid_size("num_z0", num_z0)
    num_eta = _grid_size("num_eta", num_eta)
    z0 = np.linspace(*Z0_RANGE, num_z0)
    etas = log_grid(*ETA_RANGE, num_eta)
    panels = {  # one row per η: the learning rates broadcast against the starts
        cost: Panel(
            cost,
            None,
            _frozen(
                epochs_to_learn(
                    cost,
                    z0 / 2,
                    z0 / 2,
                    eta=etas[:, None],
                    max_epochs=budget,
                    x=STORY_X,
                    y=STORY_Y,
                    tolerance=TOLERANCE,
                )
            ),
        )
        for cost in COST_NAMES
    }
    return Heatmap(
        x=_frozen(z0), y=_frozen(etas), panels=panels, budget=budget, tolerance=TOLERANCE
    )


@dataclass(frozen=True)
class SweepResult:
    """One cost's η sweep from the far start.

    ``min_eta``: the smallest η (2 significant digits, rounded up) that learns within the
    budget. ``best_eta``: the largest η (2 significant digits, rounded down) at which no
    epoch moves the output by more than the tolerance; ``best_epochs`` is what it needs.
    """

    epochs: IntArray
    min_eta: float
    best_eta: float
    best_epochs: int


@dataclass(frozen=True)
class EtaSweep:
    """Epochs to learn from the far start against η, for both costs."""

    eta: FloatArray
    results: dict[str, SweepResult]
    budget: int
    tolerance: float


def _sweep_epochs(cost: str, eta: float, budget: int) -> int:
    w0, b0 = FAR_START
    return int(epochs_to_learn(cost, w0, b0, eta=eta, max_epochs=budget, tolerance=TOLERANCE))


def largest_step(cost: str, eta: float, num_epochs: int) -> float:
    """The largest change of the output in one epoch over ``num_epochs`` epochs from (2, 2)."""
    w0, b0 = FAR_START
    run = train(cost, w0, b0, eta=eta, num_epochs=num_epochs)
    return float(np.max(np.abs(np.diff(run.output))))


def _bisect_log(predicate, low: float, high: float, steps: int = 24) -> float:
    # Boundary of a monotone predicate, true at `low` and false at `high`, in log space.
    for _ in range(steps):
        middle = math.sqrt(low * high)
        low, high = (middle, high) if predicate(middle) else (low, middle)
    return low


def _round_sig(value: float, direction: str) -> float:
    scale = 10.0 ** (math.floor(math.log10(value)) - 1)
    rounder = math.floor if direction == "down" else math.ceil
    return round(rounder(value / scale + (1e-9 if direction == "down" else -1e-9)) * scale, 12)


def _sweep_one(cost: str, etas: FloatArray, budget: int) -> SweepResult:
    w0, b0 = FAR_START
    epochs = epochs_to_learn(cost, w0, b0, eta=etas, max_epochs=budget, tolerance=TOLERANCE)
    eta_low, eta_high = ETA_RANGE
    if _sweep_epochs(cost, eta_high, budget) == NEVER:
        raise ValueError(f"budget={budget} is too small: {cost} never learns within it")

    def learns(eta: float) -> bool:
        return _sweep_epochs(cost, eta, budget) != NEVER

    def resolved(eta: float) -> bool:
        needed = _sweep_epochs(cost, eta, budget)
        return needed != NEVER and largest_step(cost, eta, max(needed, 1)) <= TOLERANCE

    min_eta = (
        eta_low
        if learns(eta_low)
        else _round_sig(_bisect_log(lambda eta: not learns(eta), eta_low, eta_high), "up")
    )
    best_eta = (
        eta_high
        if resolved(eta_high)
        else _round_sig(_bisect_log(resolved, min_eta, eta_high), "down")
    )
    return SweepResult(
        epochs=_frozen(epochs),
        min_eta=min_eta,
        best_eta=best_eta,
        best_epochs=_sweep_epochs(cost, best_eta, budget),
    )


@functools.cache
def eta_sweep(num_points: int = 61, budget: int = ETA_SWEEP_BUDGET) -> EtaSweep:
    """Epochs to learn from (2, 2) for η log-spaced over [0.01, 10], and each cost's best η.

    Why "best" needs a definition: with one sample and y = 0 the output cannot overshoot,
    so the epochs needed only fall as η grows, and a large enough η learns in one or two
    epochs under either cost. Such a run is a jump, not gradual learning. So each cost's
    best η is the largest one at which gradient descent still moves the output by at most
    the tolerance (0.1) per epoch, i.e. follows the curve it descends; being the largest,
    it is also the fastest such η.
    """
    num_points = _grid_size("num_points", num_points)
    budget = _grid_size("budget", budget, minimum=1)
    etas = log_grid(*ETA_RANGE, num_points)
    return EtaSweep(
        eta=_frozen(etas),
        results={cost: _sweep_one(cost, etas, budget) for cost in COST_NAMES},
        budget=budget,
        tolerance=TOLERANCE,
    )


@dataclass(frozen=True)
class BookWidget:
    """Outputs per epoch from each start: ``outputs[start][method]``.

    Methods: ``"widget"`` (the book's ∂C/∂a step, η = 0.005), ``"true-book-eta"`` (true
    cross-entropy gradient descent at η = 0.005) and ``"true-story-eta"`` (at η = 0.15).
    """

    epochs: IntArray
    outputs: dict[str, dict[str, FloatArray]]
    book_eta: float
    story_eta: float


@functools.cache
def book_widget(num_epochs: int = STORY_EPOCHS) -> BookWidget:
    """The book widget's step against true cross-entropy gradient descent, both starts."""
    num_epochs = _grid_size("num_epochs", num_epochs, minimum=1)
    outputs = {}
    for name, (w0, b0) in STARTS.items():
        outputs[name] = {
            "widget": _frozen(widget_cross_entropy_outputs(w0, b0, num_epochs=num_epochs)),
            "true-book-eta": _frozen(
                train(
                    "cross-entropy", w0, b0, eta=BOOK_CROSS_ENTROPY_ETA, num_epochs=num_epochs
                ).output
            ),
            "true-story-eta": _frozen(
                train("cross-entropy", w0, b0, eta=STORY_ETA, num_epochs=num_epochs).output
            ),
        }
    return BookWidget(
        epochs=_frozen(np.arange(num_epochs + 1)),
        outputs=outputs,
        book_eta=BOOK_CROSS_ENTROPY_ETA,
        story_eta=STORY_ETA,
    )
