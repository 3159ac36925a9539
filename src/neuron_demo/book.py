r"""What the book's cross-entropy widgets actually compute.

Nielsen's chapter-3 widgets update ``w -= η·delta; b -= η·delta``. For the quadratic cost
``delta = a·a·(1 - a)``, the true gradient at x = 1, y = 0. For the cross-entropy they use
``delta = 1/(1 - a)``, which is $\partial C/\partial a$, not
$\partial C/\partial w = x(a - y)$; their η = 0.005 was tuned to that step.
This module reproduces that step so the site can compare it with true gradient descent.
"""

from __future__ import annotations

import numpy as np

from . import _validate
from ._types import ArrayLike, FloatArray
from .neuron import sigmoid_pair

BOOK_CROSS_ENTROPY_ETA = 0.005


def widget_cross_entropy_outputs(
    w: ArrayLike, b: ArrayLike, *, eta: float = BOOK_CROSS_ENTROPY_ETA, num_epochs: int
) -> FloatArray:
    r"""Outputs a_0 … a_N of the book's cross-entropy widget (x = 1, y = 0).

    Each step moves w and b by $\eta / (1 - a)$, the derivative of
    $-\ln(1 - a)$ with respect to a.
    """
    eta = _validate.positive_finite("eta", eta)
    num_epochs = _validate.epoch_count("num_epochs", num_epochs)
    w_k = float(_validate.finite_array("w", w))
    b_k = float(_validate.finite_array("b", b))
    outputs = np.empty(num_epochs + 1)
    for k in range(num_epochs + 1):
        a, one_minus_a = sigmoid_pair(w_k + b_k)
        outputs[k] = a
        step = eta / one_minus_a
        w_k, b_k = w_k - step, b_k - step
    return outputs
