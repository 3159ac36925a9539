r"""Full-batch gradient descent for one sigmoid neuron, on one start or millions at once.

With n samples :math:`(x_j, y_j)` the cost and its gradients are means over the samples,

.. math::
    C = \frac1n \sum_j C(z_j, y_j), \qquad
    \frac{\partial C}{\partial w} = \frac1n \sum_j \delta_j x_j, \qquad
    \frac{\partial C}{\partial b} = \frac1n \sum_j \delta_j,

and each epoch makes one step :math:`w \leftarrow w - \eta\,\partial C/\partial w`,
:math:`b \leftarrow b - \eta\,\partial C/\partial b`.

Starting weights and biases may be arrays (broadcast together): every start trains at once,
with no Python loop over starts. :func:`train` keeps the whole history;
:func:`epochs_to_learn` keeps only what a sweep needs. Mini-batches, momentum and other
optimisers are left out on purpose: the story needs plain gradient descent.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from . import _validate
from ._types import ArrayLike, FloatArray, IntArray
from .costs import Cost, get_cost, output_error
from .neuron import sigmoid

NEVER = -1
"""Returned by :func:`epochs_to_learn` for a start that does not learn within the budget."""

_CHUNK = 16_384  # starts per chunk in sweeps: small enough for the CPU cache


@dataclass(frozen=True)
class Samples:
    """Validated training data: inputs ``x`` and targets ``y`` of one common shape."""

    x: FloatArray
    y: FloatArray

    @classmethod
    def of(cls, x: ArrayLike, y: ArrayLike) -> Samples:
        """Check and broadcast ``x`` (finite) and ``y`` (in [0, 1])."""
        x_arr = _validate.finite_array("x", x)
        y_arr = _validate.unit_interval("y", y)
        if x_arr.ndim > 1 or y_arr.ndim > 1:
            raise ValueError(
                f"x and y must be scalars or 1-D arrays of samples, got shapes "
                f"{x_arr.shape} and {y_arr.shape}"
            )
        if x_arr.shape != y_arr.shape and x_arr.ndim == 1 and y_arr.ndim == 1:
            raise ValueError(
                f"x and y must hold the same number of samples, got {x_arr.size} and {y_arr.size}"
            )
        if 0 in x_arr.shape or 0 in y_arr.shape:
            raise ValueError("x and y must hold at least one sample, got an empty array")
        x_arr, y_arr = np.broadcast_arrays(x_arr, y_arr)
        return cls(np.array(x_arr), np.array(y_arr))

    @property
    def axes(self) -> tuple[int, ...]:
        """The trailing axes of z that index samples (empty for a single scalar sample)."""
        return tuple(range(-self.x.ndim, 0))


def _starts(w: ArrayLike, b: ArrayLike) -> tuple[FloatArray, FloatArray]:
    w_arr = _validate.finite_array("w", w)
    b_arr = _validate.finite_array("b", b)
    try:
        w_arr, b_arr = np.broadcast_arrays(w_arr, b_arr)
    except ValueError:
        raise ValueError(
            f"w and b must broadcast together, got shapes {w_arr.shape} and {b_arr.shape}"
        ) from None
    return np.array(w_arr), np.array(b_arr)


def _with_sample_axes(v: FloatArray, samples: Samples) -> FloatArray:
    return v.reshape(v.shape + (1,) * samples.x.ndim)


def gradients(
    cost: Cost, w: FloatArray, b: FloatArray, samples: Samples
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Output, mean cost and mean gradients at ``(w, b)``.

    Returns ``(a, C, dC/dw, dC/db)``; ``a`` has the sample axes, the others do not.
    """
    z = _with_sample_axes(w, samples) * samples.x + _with_sample_axes(b, samples)
    delta = cost.delta(z, samples.y)
    axes = samples.axes
    return (
        sigmoid(z),
        np.mean(cost.value(z, samples.y), axis=axes),
        np.mean(delta * samples.x, axis=axes),
        np.mean(delta, axis=axes),
    )


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
        ``"quadratic"``, ``"cross-entropy"`` or a :class:`~neuron_demo.costs.Cost`.
    w, b : array_like
        Starting weight(s) and bias(es), finite, broadcast together.
    eta : float
        Learning rate :math:`\eta > 0`.
    num_epochs : int
        Number of steps, >= 0.
    x, y : array_like
        Input(s) and target(s): scalars for one sample, or 1-D arrays of n samples;
        targets in [0, 1].

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

    shape = (num_epochs + 1, *w_k.shape)
    ws, bs, costs, dws, dbs = (np.empty(shape) for _ in range(5))
    outputs = np.empty(shape + samples.x.shape)
    for k in range(num_epochs + 1):
        a, c, dw, db = gradients(cost, w_k, b_k, samples)
        ws[k], bs[k], outputs[k], costs[k], dws[k], dbs[k] = w_k, b_k, a, c, dw, db
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


def _learned(
    cost: Cost,
    w: FloatArray,
    b: FloatArray,
    samples: Samples,
    tolerance: float,
    cost_threshold: float | None,
) -> np.ndarray:
    z = _with_sample_axes(w, samples) * samples.x + _with_sample_axes(b, samples)
    if cost_threshold is not None:
        return np.mean(cost.value(z, samples.y), axis=samples.axes) < cost_threshold
    close = np.abs(output_error(z, samples.y)) <= tolerance
    return np.all(close, axis=samples.axes)


def _epochs_to_learn_chunk(
    cost: Cost,
    w: FloatArray,
    b: FloatArray,
    samples: Samples,
    eta: float,
    max_epochs: int,
    tolerance: float,
    cost_threshold: float | None,
) -> IntArray:
    result = np.full(w.shape, NEVER, dtype=np.int64)
    for k in range(max_epochs + 1):
        learned = _learned(cost, w, b, samples, tolerance, cost_threshold)
        result[learned & (result == NEVER)] = k
        if k == max_epochs or np.all(result != NEVER):
            break
        _, _, dw, db = gradients(cost, w, b, samples)
        w = w - eta * dw
        b = b - eta * db
    return result


def epochs_to_learn(
    cost: str | Cost,
    w: ArrayLike,
    b: ArrayLike,
    *,
    eta: float,
    max_epochs: int,
    x: ArrayLike = 1.0,
    y: ArrayLike = 0.0,
    tolerance: float = 0.1,
    cost_threshold: float | None = None,
) -> IntArray:
    r"""After how many epochs each start has learned; :data:`NEVER` if not within the budget.

    A start has learned at epoch k when every output is within ``tolerance`` of its target,
    :math:`\max_j |a_j - y_j| \le` ``tolerance``, or, if ``cost_threshold`` is given, when
    the mean cost is below it. Epoch 0 counts: a start that is already there gives 0.

    The starts are trained in cache-sized chunks spread over the CPU's cores (numpy releases
    the GIL), keeping only the current state, so memory stays small for millions of starts.
    A chunk stops as soon as all of its starts have learned.

    Parameters
    ----------
    cost, w, b, eta, x, y
        As for :func:`train`.
    max_epochs : int
        The budget, >= 0.
    tolerance : float
        Allowed distance of every output from its target, >= 0.
    cost_threshold : float, optional
        If given, the criterion is ``C < cost_threshold`` instead.

    Returns
    -------
    numpy.ndarray of int64
        The broadcast shape of ``w`` and ``b``.
    """
    cost = get_cost(cost)
    eta = _validate.positive_finite("eta", eta)
    max_epochs = _validate.epoch_count("max_epochs", max_epochs)
    tolerance = _validate.non_negative("tolerance", tolerance)
    if cost_threshold is not None:
        cost_threshold = _validate.positive_finite("cost_threshold", cost_threshold)
    samples = Samples.of(x, y)
    w0, b0 = _starts(w, b)

    flat_w, flat_b = w0.ravel(), b0.ravel()
    bounds = range(0, flat_w.size, _CHUNK)

    def run(start: int) -> IntArray:
        stop = start + _CHUNK
        return _epochs_to_learn_chunk(
            cost, flat_w[start:stop], flat_b[start:stop], samples, eta, max_epochs,
            tolerance, cost_threshold,
        )

    if len(bounds) <= 1:
        parts = [run(start) for start in bounds]
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            parts = list(pool.map(run, bounds))
    result = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    return result.reshape(w0.shape)
