r"""Full-batch gradient descent for one sigmoid neuron, on one start or millions at once.

With n samples $(x_j, y_j)$ the cost and its gradients are means over the samples,

$$
\begin{aligned}
C &= \frac1n \sum_j C(z_j, y_j), \\
\frac{\partial C}{\partial w} &= \frac1n \sum_j \delta_j x_j, \\
\frac{\partial C}{\partial b} &= \frac1n \sum_j \delta_j,
\end{aligned}
$$

and each epoch makes one step $w \leftarrow w - \eta\,\partial C/\partial w$,
$b \leftarrow b - \eta\,\partial C/\partial b$.

Starting weights and biases may be arrays (broadcast together): every start trains at once,
with no Python loop over starts. `train()` keeps the whole history;
`epochs_to_learn()` keeps only what a sweep needs. Mini-batches, momentum and other
optimisers are left out on purpose: the story needs plain gradient descent.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from . import _validate
from ._types import ArrayLike, FloatArray, IntArray
from ._validate import ParameterError
from .costs import Cost, get_cost
from .neuron import sigmoid

NEVER = -1
"""Returned by `epochs_to_learn()` for a start that does not learn within the budget."""

# Sweeps run in chunks of starts, spread over the CPU's cores. Small ones in numpy; from
# _COMPILE_FROM starts × epochs on, in a kernel that numba compiles (about a second, once per
# process), which then runs three to four times faster (scripts/bench_sweep.py).
_COMPILE_FROM = 100_000_000
_NUMPY_CHUNK = 16_384  # large enough to amortise numpy's per-call cost, small enough for L2
_KERNEL_CHUNK = 4096  # the compiled loop's state (four arrays) fits in L2


@dataclass(frozen=True)
class Samples:
    """Validated training data: inputs ``x`` and targets ``y`` of one common shape.

    A scalar pair is one sample; 1-D arrays hold n samples. Internally the sample axis
    comes first (``z`` has shape ``(n, *starts)``), so that means over samples are sums of
    contiguous rows: the same additions, in the same order, for one start or a million.
    """

    x: FloatArray
    y: FloatArray

    @classmethod
    def of(cls, x: ArrayLike, y: ArrayLike) -> Samples:
        """Check and broadcast ``x`` (finite) and ``y`` (in [0, 1])."""
        x_arr = _validate.finite_array("x", x)
        y_arr = _validate.unit_interval("y", y)
        if x_arr.ndim > 1 or y_arr.ndim > 1:
            raise ParameterError(
                "x" if x_arr.ndim > 1 else "y",
                f"must be scalars or 1-D arrays of samples, got shapes "
                f"{x_arr.shape} and {y_arr.shape}",
                subject="x and y",
            )
        if x_arr.ndim == 1 and y_arr.ndim == 1 and x_arr.shape != y_arr.shape:
            raise ParameterError(
                "y",
                f"must hold the same number of samples, got {x_arr.size} and {y_arr.size}",
                subject="x and y",
            )
        if x_arr.size == 0 or y_arr.size == 0:
            raise ParameterError(
                "x" if x_arr.size == 0 else "y",
                "must hold at least one sample, got an empty array",
                subject="x and y",
            )
        x_arr, y_arr = np.broadcast_arrays(x_arr, y_arr)
        return cls(np.array(x_arr), np.array(y_arr))

    def columns(self, start_ndim: int) -> tuple[FloatArray, FloatArray]:
        """``x`` and ``y`` shaped to broadcast against starts with ``start_ndim`` axes."""
        shape = self.x.shape + (1,) * start_ndim
        return self.x.reshape(shape), self.y.reshape(shape)


def _starts(w: ArrayLike, b: ArrayLike) -> tuple[FloatArray, FloatArray]:
    w_arr = _validate.finite_array("w", w)
    b_arr = _validate.finite_array("b", b)
    try:
        w_arr, b_arr = np.broadcast_arrays(w_arr, b_arr)
    except ValueError:
        raise ParameterError(
            "b",
            f"must broadcast together, got shapes {w_arr.shape} and {b_arr.shape}",
            subject="w and b",
        ) from None
    return np.array(w_arr), np.array(b_arr)


def _sample_mean(values: FloatArray, samples: Samples) -> FloatArray:
    # A sum of rows, then one division: identical arithmetic whatever the number of starts.
    if samples.x.ndim == 0:
        return values
    return np.sum(values, axis=0) / samples.x.size


def gradients(
    cost: Cost, w: FloatArray, b: FloatArray, samples: Samples
) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Weighted inputs and mean gradients at ``(w, b)``.

    Returns ``(z, dC/dw, dC/db)`` where ``z`` has the sample axis first and
    $\partial C/\partial w = \frac1n \sum_j \delta_j x_j$,
    $\partial C/\partial b = \frac1n \sum_j \delta_j$.
    """
    x, y = samples.columns(np.ndim(w))
    z = x * w + b
    delta = cost.delta(z, y)
    return z, _sample_mean(delta * x, samples), _sample_mean(delta, samples)


def _frozen(array: FloatArray) -> FloatArray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Trajectory:
    """The history of one training run (or of many starts trained together).

    Index 0 of every array is the initial state, index k the state after k epochs, so each
    has length ``num_epochs + 1`` along its first axis. The next axes are the broadcast shape
    of the starts; ``output`` has the sample axis last when there are several samples.
    ``dC_dw[k]`` and ``dC_db[k]`` are the gradients at state k, the ones that step k used.
    The arrays are read-only.
    """

    cost_function: str
    eta: float
    x: FloatArray
    y: FloatArray
    w: FloatArray
    b: FloatArray
    output: FloatArray
    cost: FloatArray
    dC_dw: FloatArray
    dC_db: FloatArray

    @property
    def num_epochs(self) -> int:
        """The number of gradient-descent steps taken."""
        return self.w.shape[0] - 1


def train(
    cost: str | Cost,
    w: ArrayLike,
    b: ArrayLike,
    *,
    eta: float,
    num_epochs: int,
    x: ArrayLike = 1.0,
    y: ArrayLike = 0.0,
) -> Trajectory:
    r"""Train by full-batch gradient descent and record every epoch.

    Parameters
    ----------
    cost : str or Cost
        ``"quadratic"``, ``"cross-entropy"`` or a [`Cost`][neuron_demo.costs.Cost].
    w : array_like
        Starting weight(s), finite; broadcast with ``b``.
    b : array_like
        Starting bias(es), finite; broadcast with ``w``.
    eta : float
        Learning rate $\eta > 0$.
    num_epochs : int
        Number of steps, >= 0.
    x : array_like
        Input(s): a number for one sample, or a 1-D array of n samples.
    y : array_like
        Target(s) in [0, 1], one per input.

    Returns
    -------
    Trajectory
        Every array of length ``num_epochs + 1``; index 0 is the start.

    Examples
    --------
    >>> run = train("quadratic", 2.0, 2.0, eta=0.15, num_epochs=300)
    >>> round(float(run.output[0]), 2), run.output.shape
    (0.98, (301,))
    """
    cost = get_cost(cost)
    eta = _validate.positive_finite("eta", eta)
    num_epochs = _validate.epoch_count("num_epochs", num_epochs)
    samples = Samples.of(x, y)
    w_k, b_k = _starts(w, b)

    _, y_col = samples.columns(w_k.ndim)
    shape = (num_epochs + 1, *w_k.shape)
    ws, bs, costs, dws, dbs = (np.empty(shape) for _ in range(5))
    outputs = np.empty(shape + samples.x.shape)
    for k in range(num_epochs + 1):
        z, dw, db = gradients(cost, w_k, b_k, samples)
        ws[k], bs[k], dws[k], dbs[k] = w_k, b_k, dw, db
        outputs[k] = np.moveaxis(sigmoid(z), 0, -1) if samples.x.ndim else sigmoid(z)
        costs[k] = _sample_mean(cost.value(z, y_col), samples)
        w_k, b_k = w_k - eta * dw, b_k - eta * db
    return Trajectory(
        cost_function=cost.name,
        eta=eta,
        x=_frozen(samples.x),
        y=_frozen(samples.y),
        w=_frozen(ws),
        b=_frozen(bs),
        output=_frozen(outputs),
        cost=_frozen(costs),
        dC_dw=_frozen(dws),
        dC_db=_frozen(dbs),
    )


def _output_bounds(samples: Samples, tolerance: float) -> tuple[FloatArray, FloatArray]:
    # |σ(z) − y| ≤ tol  ⇔  logit(y − tol) ≤ z ≤ logit(y + tol), σ being increasing; the
    # bounds are computed once, so a sweep tests each start without another exp per epoch.
    with np.errstate(divide="ignore"):
        low = np.clip(samples.y - tolerance, 0.0, 1.0)
        high = np.clip(samples.y + tolerance, 0.0, 1.0)
        lo = np.log(low) - np.log1p(-low)
        hi = np.log(high) - np.log1p(-high)
    return lo, hi


def _epochs_to_learn_chunk(
    cost: Cost,
    w: FloatArray,
    b: FloatArray,
    samples: Samples,
    eta: FloatArray,
    max_epochs: int,
    bounds: tuple[FloatArray, FloatArray] | None,
    cost_threshold: float | None,
    result: IntArray,
) -> None:
    # Writes each start's first learned epoch into ``result`` (which holds NEVER on entry).
    x, y = samples.columns(1)
    sample_axes = 0 if samples.x.ndim else ()
    where = np.arange(w.size)  # positions in ``result`` of the starts still learning
    for k in range(max_epochs + 1):
        z = x * w + b
        if bounds is not None:
            lo, hi = (bound.reshape(x.shape) for bound in bounds)
            learned = np.all((z >= lo) & (z <= hi), axis=sample_axes)
        else:
            learned = _sample_mean(cost.value(z, y), samples) < cost_threshold
        if learned.any():
            result[where[learned]] = k
            still = ~learned
            where, w, b, eta, z = where[still], w[still], b[still], eta[still], z[..., still]
            if where.size == 0:
                break
        if k == max_epochs:
            break
        delta = cost.delta(z, y)
        w = w - eta * _sample_mean(delta * x, samples)
        b = b - eta * _sample_mean(delta, samples)


def epochs_to_learn(
    cost: str | Cost,
    w: ArrayLike,
    b: ArrayLike,
    *,
    eta: ArrayLike,
    max_epochs: int,
    x: ArrayLike = 1.0,
    y: ArrayLike = 0.0,
    tolerance: float = 0.1,
    cost_threshold: float | None = None,
) -> IntArray:
    r"""After how many epochs each start has learned; `NEVER` if not within the budget.

    A start has learned at epoch k when every output is within ``tolerance`` of its target,
    $\max_j |a_j - y_j| \le$ ``tolerance``, or, if ``cost_threshold`` is given, when
    the mean cost is below it. Epoch 0 counts: a start that is already there gives 0.

    The starts are trained in cache-sized chunks spread over the CPU's cores, keeping only
    the current state, so memory stays small for millions of starts; a chunk stops as soon
    as all of its starts have learned. Small sweeps run in numpy. Large ones (10⁸ starts ×
    epochs and more) run, if numba is installed (``pip install neuron-demo[fast]``), in a
    loop that numba compiles, once per process, from the cost's own ``delta`` and
    ``value`` (see ``neuron_demo._kernel``); the two give the same epochs.

    Parameters
    ----------
    cost : str or Cost
        ``"quadratic"``, ``"cross-entropy"`` or a [`Cost`][neuron_demo.costs.Cost].
    w : array_like
        Starting weight(s), finite; broadcast with ``b`` and ``eta``.
    b : array_like
        Starting bias(es), finite; broadcast with ``w`` and ``eta``.
    eta : array_like
        Learning rate(s) $\eta > 0$: a number, or an array broadcast with ``w`` and ``b``
        (one learning rate per start, e.g. ``eta=etas[:, None]`` against a row of starts
        sweeps both at once).
    max_epochs : int
        The budget, >= 0.
    x : array_like
        Input(s): a number for one sample, or a 1-D array of n samples.
    y : array_like
        Target(s) in [0, 1], one per input.
    tolerance : float
        Allowed distance of every output from its target, >= 0.
    cost_threshold : float, optional
        If given, the criterion is ``C < cost_threshold`` instead.

    Returns
    -------
    numpy.ndarray of int64
        The broadcast shape of ``w``, ``b`` and ``eta``.
    """
    cost = get_cost(cost)
    eta = _validate.positive_finite_array("eta", eta)
    max_epochs = _validate.epoch_count("max_epochs", max_epochs)
    tolerance = _validate.non_negative("tolerance", tolerance)
    if cost_threshold is not None:
        cost_threshold = _validate.positive_finite("cost_threshold", cost_threshold)
    samples = Samples.of(x, y)
    w0, b0 = _starts(w, b)
    try:
        w0, b0, eta0 = np.broadcast_arrays(w0, b0, eta)
    except ValueError:
        raise ParameterError(
            "eta", f"must broadcast with w and b, got shapes {eta.shape} and {w0.shape}"
        ) from None

    bounds = None if cost_threshold is not None else _output_bounds(samples, tolerance)
    run = _compiled(cost, samples, max_epochs, bounds, cost_threshold, w0.size * max_epochs)
    chunk = _KERNEL_CHUNK
    if run is None:
        chunk = _NUMPY_CHUNK

        def run(w: FloatArray, b: FloatArray, eta: FloatArray, result: IntArray) -> None:
            _epochs_to_learn_chunk(
                cost, w, b, samples, eta, max_epochs, bounds, cost_threshold, result
            )

    flat = [array.ravel() for array in (w0, b0, eta0)]
    result = np.full(w0.size, NEVER, dtype=np.int64)
    starts = range(0, w0.size, chunk)

    def part(start: int) -> None:
        run(*(array[start : start + chunk] for array in (*flat, result)))

    if len(starts) <= 1:
        for start in starts:
            part(start)
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(part, starts))
    return result.reshape(w0.shape)


def _compiled(
    cost: Cost,
    samples: Samples,
    max_epochs: int,
    bounds: tuple[FloatArray, FloatArray] | None,
    cost_threshold: float | None,
    steps: int,
) -> Callable[[FloatArray, FloatArray, FloatArray, IntArray], None] | None:
    # The compiled chunk trainer for a large sweep, if numba is installed; else None (numpy).
    if steps < _COMPILE_FROM or importlib.util.find_spec("numba") is None:
        return None
    from . import _kernel  # imports numba: only large sweeps pay for it

    return _kernel.chunk_trainer(cost, samples.x, samples.y, max_epochs, bounds, cost_threshold)
