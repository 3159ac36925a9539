"""The model: one sigmoid neuron, z = w·x + b and a = σ(z).

Only the activation and its derivative live here; costs are in
[`neuron_demo.costs`][neuron_demo.costs] and training in [`neuron_demo.train`][neuron_demo.train].
Every function accepts numpy arrays and broadcasts.
"""

from __future__ import annotations

import numpy as np

from ._types import ArrayLike, FloatArray


def sigmoid_pair(z: ArrayLike) -> tuple[FloatArray, FloatArray]:
    r"""Return $\sigma(z)$ and $1 - \sigma(z) = \sigma(-z)$, both to full precision.

    The one place the logistic function is evaluated. Through $e^{-|z|} \in (0, 1]$ it
    never overflows (``sigmoid(-1000)`` is 0, without a warning), and computing
    $1 - \sigma(z)$ as $\sigma(-z)$ rather than by subtraction keeps both tails exact
    (at z = 40 subtraction gives 0 instead of 4.2e-18): that is what makes the costs exact
    for saturated neurons.
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    s = 1.0 / (1.0 + e)  # σ(|z|)
    small = e * s  # σ(−|z|)
    positive = z >= 0.0
    return np.where(positive, s, small), np.where(positive, small, s)


def sigmoid(z: ArrayLike) -> FloatArray:
    r"""The logistic function $\sigma(z) = 1 / (1 + e^{-z})$, finite for every finite z.

    Parameters
    ----------
    z : array_like
        Weighted input(s).

    Returns
    -------
    numpy.ndarray
        $\sigma(z)$, the same shape as ``z``.
    """
    return sigmoid_pair(z)[0]


def sigmoid_prime(z: ArrayLike) -> FloatArray:
    r"""The derivative $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.

    Both factors come from `sigmoid_pair()`, so it is exact in both tails. Its maximum is
    1/4, at z = 0: this bound is the root of the learning slowdown.

    Parameters
    ----------
    z : array_like
        Weighted input(s).

    Returns
    -------
    numpy.ndarray
        $\sigma'(z)$, the same shape as ``z``.
    """
    a, one_minus_a = sigmoid_pair(z)
    return a * one_minus_a


def weighted_input(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> FloatArray:
    """The weighted input z = w·x + b (broadcast)."""
    return np.asarray(w, dtype=np.float64) * x + b


def output(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> FloatArray:
    """The neuron's output a = σ(w·x + b) (broadcast)."""
    return sigmoid(weighted_input(w, b, x))
