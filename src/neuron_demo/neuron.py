"""The model: one sigmoid neuron, z = w·x + b and a = σ(z).

Only the activation and its derivative live here; costs are in
[`neuron_demo.costs`][neuron_demo.costs] and training in [`neuron_demo.train`][neuron_demo.train].
Every function accepts numpy arrays and broadcasts.
"""

from __future__ import annotations

import numpy as np

from ._types import ArrayLike, FloatArray


def _exp_minus_abs(z: FloatArray) -> FloatArray:
    # exp(-|z|) lies in (0, 1]: it never overflows, and it underflows to 0 harmlessly.
    return np.exp(-np.abs(z))


def sigmoid(z: ArrayLike) -> FloatArray:
    r"""The logistic function $\sigma(z) = 1 / (1 + e^{-z})$.

    Evaluated through $e^{-|z|}$, so it is finite and warning-free for every finite
    ``z`` (``sigmoid(-1000)`` is 0, not an overflow).

    Parameters
    ----------
    z : array_like
        Weighted input(s).

    Returns
    -------
    numpy.ndarray
        $\sigma(z)$, the same shape as ``z``.
    """
    z = np.asarray(z, dtype=np.float64)
    e = _exp_minus_abs(z)
    s = 1.0 / (1.0 + e)
    return np.where(z >= 0.0, s, e * s)


def sigmoid_pair(z: ArrayLike) -> tuple[FloatArray, FloatArray]:
    r"""Return $\sigma(z)$ and $1 - \sigma(z) = \sigma(-z)$, both to full precision.

    Computing $1 - \sigma(z)$ by subtraction loses every digit once the neuron
    saturates (at z = 40 it gives 0 instead of 4.2e-18); this pair keeps both tails exact,
    which is what makes the costs below exact for saturated neurons.
    """
    z = np.asarray(z, dtype=np.float64)
    e = _exp_minus_abs(z)
    s = 1.0 / (1.0 + e)
    small = e * s
    positive = z >= 0.0
    return np.where(positive, s, small), np.where(positive, small, s)


def sigmoid_prime(z: ArrayLike) -> FloatArray:
    r"""The derivative $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.

    Computed as $e^{-|z|} / (1 + e^{-|z|})^2$ (σ' is even), which is exact in both
    tails. Its maximum is 1/4, at z = 0: this bound is the root of the learning slowdown.

    Parameters
    ----------
    z : array_like
        Weighted input(s).

    Returns
    -------
    numpy.ndarray
        $\sigma'(z)$, the same shape as ``z``.
    """
    z = np.asarray(z, dtype=np.float64)
    e = _exp_minus_abs(z)
    s = 1.0 / (1.0 + e)
    return e * s * s


def weighted_input(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> FloatArray:
    """The weighted input z = w·x + b (broadcast)."""
    return np.asarray(w, dtype=np.float64) * x + b


def output(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> FloatArray:
    """The neuron's output a = σ(w·x + b) (broadcast)."""
    return sigmoid(weighted_input(w, b, x))
