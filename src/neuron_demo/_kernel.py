r"""The compiled engine behind large `epochs_to_learn()` sweeps: one fused loop per chunk.

Why it exists. Written with numpy, one epoch of a sweep is some thirty array operations,
each a separate pass over the starts; it ran at a third of the speed of the same batch in
PyTorch. numba compiles the whole epoch into one loop over the starts, which the CPU runs
in SIMD lanes, three to four times faster than PyTorch (scripts/bench_sweep.py).

What it compiles. Not a second copy of the maths: the cost's own ``delta`` and ``value``
(the code the site quotes from `neuron_demo.costs`), once scalar versions of the public
functions they call are registered below: `sigmoid_pair`, `sigmoid_prime`, `output_error`
and `softplus`. A new cost written with these, arithmetic and numpy ufuncs is compiled the
same way. numba is an optional extra (``neuron-demo[fast]``): without it every sweep runs
in numpy, with the same results.

Why its own exponential. numba turns ``exp`` into a call to the C library's scalar
function, and a loop that calls a function is not vectorised. ``_exp_nonpositive`` is the
textbook method (split off a power of two, then a Taylor polynomial): plain multiplications
that vectorise, within 1 ulp of the correctly rounded result (tested against ``math.exp``).
`train()` keeps numpy's ``exp``; the two agree to a few ulp, and on the epoch counts.

Not cached on disk: numba's cache keys on this file alone and would miss an edit to
`neuron_demo.costs`. A process compiles a kernel on first use (about a second for the
first, less for the next) and imports numba only then, which is why small sweeps, where
that second would dominate, stay in numpy.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable

import numba
import numpy as np
from numba import types
from numba.extending import intrinsic, overload, register_jitable

from ._types import FloatArray, IntArray
from .costs import Cost, output_error, softplus
from .neuron import sigmoid_pair, sigmoid_prime

# exp(t) = 2^k · exp(r) with k = round(t / ln 2), r = t − k·ln 2 and |r| ≤ ln(2)/2.
# ln 2 is split in two (fdlibm's constants) so that k·LN2_HI is exact for |k| ≤ 2048.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e00
# Taylor coefficients 1/m! for exp(r) up to r¹³: the first term left out, r¹⁴/14!, is below
# 5e-18 for |r| ≤ ln(2)/2, a twentieth of an ulp.
_TAYLOR = tuple(1.0 / math.factorial(m) for m in range(14))


@intrinsic
def _float_from_bits(typingctx, bits):
    """The float64 whose IEEE 754 bit pattern is the int64 ``bits``."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], context.get_value_type(types.float64))

    return types.float64(types.int64), codegen


@register_jitable
def _power_of_two(k):
    # 2^k for a normal exponent, −1022 ≤ k ≤ 1023: the biased exponent in bits 52–62.
    return _float_from_bits((k + 1023) << 52)


@register_jitable
def _exp_nonpositive(t):
    """exp(t) for t ≤ 0, within 1 ulp, underflowing to 0 below −745 like ``math.exp``."""
    t = max(t, -746.0)
    k = int(t * _INV_LN2 - 0.5)  # round to nearest: int() truncates towards 0 and t ≤ 0
    r = (t - k * _LN2_HI) - k * _LN2_LO
    p = _TAYLOR[-1]
    for c in _TAYLOR[-2::-1]:  # Horner's rule, unrolled by the compiler
        p = p * r + c
    # 2^k in two normal factors, so that results below 2^−1022 round once, like libm's.
    half = k >> 1
    return (p * _power_of_two(half)) * _power_of_two(k - half)


@overload(sigmoid_pair)
def _sigmoid_pair_scalar(z):
    """`sigmoid_pair` for one float: the same formulas as the numpy version."""

    def sigmoid_pair_scalar(z):
        e = _exp_nonpositive(-abs(z))
        s = 1.0 / (1.0 + e)  # σ(|z|)
        small = e * s  # σ(−|z|)
        if z >= 0.0:
            return s, small
        return small, s

    return sigmoid_pair_scalar


@overload(sigmoid_prime)
def _sigmoid_prime_scalar(z):
    """σ'(z) = σ(z)(1 − σ(z)) for one float, from the same pair."""

    def sigmoid_prime_scalar(z):
        a, one_minus_a = sigmoid_pair(z)
        return a * one_minus_a

    return sigmoid_prime_scalar


@overload(output_error)
def _output_error_scalar(z, y):
    """a − y for one float, written as (1 − y)σ(z) − yσ(−z) like the numpy version."""

    def output_error_scalar(z, y):
        a, one_minus_a = sigmoid_pair(z)
        return (1.0 - y) * a - y * one_minus_a

    return output_error_scalar


@overload(softplus)
def _softplus_scalar(z):
    """ln(1 + e^z) for one float, as ``np.logaddexp(0, z)`` computes it."""

    def softplus_scalar(z):
        return max(z, 0.0) + math.log1p(_exp_nonpositive(-abs(z)))

    return softplus_scalar


ChunkTrainer = Callable[[FloatArray, FloatArray, FloatArray, IntArray], None]


def chunk_trainer(
    cost: Cost,
    x: FloatArray,
    y: FloatArray,
    max_epochs: int,
    bounds: tuple[FloatArray, FloatArray] | None,
    cost_threshold: float | None,
) -> ChunkTrainer:
    """A function that writes each of a chunk's starts' first learned epoch into ``result``.

    It takes (w, b, η, result), ``result`` filled with the value for "never". ``bounds``:
    (lo, hi), a start has learned when lo_j <= z_j <= hi_j for every sample j; if None,
    when its mean cost is below ``cost_threshold``. The kernel is compiled here.
    """
    kernel = chunk_kernel(cost, by_cost=bounds is None)
    x, y = x.ravel(), y.ravel()
    lo, hi = (bound.ravel() for bound in bounds) if bounds is not None else (x, x)  # unused
    threshold = 0.0 if cost_threshold is None else cost_threshold

    def train(w: FloatArray, b: FloatArray, eta: FloatArray, result: IntArray) -> None:
        kernel(w.copy(), b.copy(), eta.copy(), x, y, lo, hi, threshold, max_epochs, result)

    return train


@functools.cache
def chunk_kernel(cost: Cost, by_cost: bool) -> Callable[..., None]:
    """Compile `train_chunk` for ``cost`` and one criterion (once per process).

    ``by_cost``: a start has learned when its mean cost is below a threshold; otherwise
    when every weighted input lies within bounds (the outputs within a tolerance).

    Raises
    ------
    ValueError
        If the cost's methods use something numba cannot compile.
    """
    try:
        learned = _cost_below(numba.njit(cost.value)) if by_cost else _inside
        kernel = numba.njit(_SIGNATURE, nogil=True, error_model="numpy")(
            _chunk_source(numba.njit(cost.delta), learned)
        )
    except numba.core.errors.NumbaError as error:
        # numba's first lines name its compiler passes; the next says what it could not do.
        lines = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines()
        reason = next((line for line in lines if line and not line.startswith("Failed in")), "")
        raise ValueError(
            f"cost {cost.name!r} cannot be compiled for sweeps: its value and delta may use "
            f"arithmetic, numpy ufuncs and the functions of neuron_demo.costs and "
            f"neuron_demo.neuron ({reason})"
        ) from None
    return kernel


_F64 = types.float64[::1]
_SIGNATURE = types.void(
    _F64, _F64, _F64, _F64, _F64, _F64, _F64, types.float64, types.int64, types.int64[::1],
)  # fmt: skip


@numba.njit
def _inside(w, b, x, y, lo, hi, cost_threshold):
    # Every z_j = x_j·w + b within [lo_j, hi_j].
    for j in range(x.size):
        z = x[j] * w + b
        if not lo[j] <= z <= hi[j]:
            return False
    return True


def _cost_below(value):
    @numba.njit
    def cost_below(w, b, x, y, lo, hi, cost_threshold):
        # The mean cost over the samples, summed in order and then divided, as in train().
        total = 0.0
        for j in range(x.size):
            total += value(x[j] * w + b, y[j])
        return total / x.size < cost_threshold

    return cost_below


def _chunk_source(delta, learned):
    # A closure, so that numba compiles one kernel per cost with its delta and test inlined.

    def train_chunk(w, b, eta, x, y, lo, hi, cost_threshold, max_epochs, result):
        """Train the starts (w, b), each at its η, in place; write each one's learned epoch.

        ``result`` comes in filled with ``NEVER``. Starts that have learned are swapped out
        of [0, active), so that the gradient loop only runs over the ones still learning
        and stays a plain loop that the compiler vectorises.
        """
        n = x.size
        active = w.size
        where = np.arange(active)  # positions in ``result`` of the starts still learning
        dw = np.empty(active)
        db = np.empty(active)
        for k in range(max_epochs + 1):
            i = 0
            while i < active:
                if learned(w[i], b[i], x, y, lo, hi, cost_threshold):
                    result[where[i]] = k
                    active -= 1
                    w[i], b[i], eta[i] = w[active], b[active], eta[active]
                    where[i] = where[active]
                else:
                    i += 1
            if active == 0 or k == max_epochs:
                return
            dw[:active] = 0.0
            db[:active] = 0.0
            for j in range(n):  # samples outside, starts inside: the inner loop vectorises
                xj, yj = x[j], y[j]
                for i in range(active):
                    d = delta(xj * w[i] + b[i], yj)
                    dw[i] += d * xj
                    db[i] += d
            for i in range(active):
                w[i] -= eta[i] * (dw[i] / n)
                b[i] -= eta[i] * (db[i] / n)

    return train_chunk
