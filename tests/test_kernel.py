"""The compiled sweep kernel: its exponential, its scalar helpers, the costs it compiles.

Sweeps here run in the kernel whatever their size; tests/test_train.py covers numpy's.
numba is an optional extra: without it this module is skipped, and sweeps run in numpy.
"""

import math
import sys
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_train import first_learned_epoch

from neuron_demo import (
    COSTS,
    INVERTER,
    NEVER,
    epochs_to_learn,
    output_error,
    sigmoid_pair,
    sigmoid_prime,
    softplus,
    train,
)

numba = pytest.importorskip("numba", reason="numba is optional: pip install neuron-demo[fast]")
_exp_nonpositive = pytest.importorskip("neuron_demo._kernel")._exp_nonpositive


@pytest.fixture(autouse=True)
def compiled_sweeps(monkeypatch):
    """Every sweep in this module runs in the compiled kernel, however small."""
    monkeypatch.setattr(sys.modules["neuron_demo.train"], "_COMPILE_FROM", 0)


def _compiled(scalar_function):
    """``scalar_function`` as the kernel compiles it, applied to each float of an array."""

    @numba.njit
    def apply(values):
        out = np.empty_like(values)
        for i in range(values.size):
            out[i] = scalar_function(values[i])
        return out

    return apply


_compiled_exp = _compiled(_exp_nonpositive)
_compiled_softplus = _compiled(numba.njit(lambda z: softplus(z)))
_compiled_a = _compiled(numba.njit(lambda z: sigmoid_pair(z)[0]))
_compiled_one_minus_a = _compiled(numba.njit(lambda z: sigmoid_pair(z)[1]))


def test_exp_is_within_one_ulp_of_the_c_library():
    rng = np.random.default_rng(3)
    ln2 = math.log(2.0)
    t = np.concatenate(
        [
            -np.linspace(0.0, 750.0, 300_001),
            -rng.uniform(0.0, 40.0, 100_000),
            # Around the reduction's rounding points k·ln2 ± ln2/2, and the ends of the range.
            -(np.arange(1080) * ln2 + ln2 / 2)[:, None] + np.array([-1e-13, 0.0, 1e-13]),
            [0.0, -0.0, -1e-300, -708.39, -708.4, -744.4, -745.1, -745.2, -746.0, -1e4],
        ],
        axis=None,
    )
    t = t[t <= 0.0]
    expected = np.array([math.exp(v) for v in t])
    got = _compiled_exp(t)
    normal = expected >= np.finfo(np.float64).tiny
    ulps = np.abs(got[normal] - expected[normal]) / np.spacing(expected[normal])
    assert ulps.max() <= 1.0
    assert np.median(ulps) == 0.0  # most results are the correctly rounded ones
    smallest_subnormal = np.nextafter(0.0, 1.0)
    assert np.abs(got[~normal] - expected[~normal]).max() <= smallest_subnormal


def test_compiled_sigmoid_pair_matches_numpy_in_both_tails():
    z = np.concatenate([np.linspace(-1000.0, 1000.0, 20_001), [-40.0, 0.0, 40.0]])
    a, one_minus_a = _compiled_a(z), _compiled_one_minus_a(z)
    expected_a, expected_one_minus_a = sigmoid_pair(z)
    # Relative agreement, also where the values are tiny (σ(−40) ≈ 4.2e-18).
    np.testing.assert_allclose(a, expected_a, rtol=4e-16, atol=0.0)
    np.testing.assert_allclose(one_minus_a, expected_one_minus_a, rtol=4e-16, atol=0.0)


def test_compiled_softplus_matches_logaddexp():
    z = np.linspace(-800.0, 800.0, 16_001)
    np.testing.assert_allclose(_compiled_softplus(z), np.logaddexp(0.0, z), rtol=4e-16, atol=0.0)


samples = st.integers(1, 3).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-2.0, 2.0), min_size=n, max_size=n),
        st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(
    cost=st.sampled_from(["quadratic", "cross-entropy"]),
    w=st.floats(-6.0, 6.0),
    b=st.floats(-6.0, 6.0),
    xy=samples,
    eta=st.floats(0.05, 3.0),
    tolerance=st.floats(0.02, 0.3),
)
def test_the_kernel_learns_when_train_does(cost, w, b, xy, eta, tolerance):
    x, y = (np.array(values) for values in xy)
    sweep = epochs_to_learn(cost, w, b, eta=eta, max_epochs=60, x=x, y=y, tolerance=tolerance)
    run = train(cost, w, b, eta=eta, num_epochs=60, x=x, y=y)
    assert sweep == first_learned_epoch(run, tolerance)


def test_the_kernel_takes_one_learning_rate_per_start():
    etas = np.array([0.05, 0.5, 3.0])
    w = np.linspace(-4.0, 4.0, 9)
    arguments = dict(x=INVERTER.x, y=INVERTER.y)
    sweep = epochs_to_learn("cross-entropy", w, 1.0, eta=etas[:, None], max_epochs=150, **arguments)
    for i, eta in enumerate(etas):
        for j, w0 in enumerate(w):
            run = train("cross-entropy", w0, 1.0, eta=float(eta), num_epochs=150, **arguments)
            assert sweep[i, j] == first_learned_epoch(run, 0.1), (eta, w0)


class QuarticCost:
    """A cost written for this test only: C = (a − y)⁴/4, δ = (a − y)³·σ'(z)."""

    name: ClassVar[str] = "quartic"

    @staticmethod
    def value(z, y):
        return 0.25 * output_error(z, y) ** 4

    @staticmethod
    def delta(z, y):
        return output_error(z, y) ** 3 * sigmoid_prime(z)


def test_a_new_cost_class_is_compiled_for_sweeps():
    w = np.linspace(-3.0, 3.0, 7)
    b = np.linspace(-3.0, 3.0, 7)[:, None]
    sweep = epochs_to_learn(
        QuarticCost, w, b, eta=2.0, max_epochs=300, x=INVERTER.x, y=INVERTER.y, tolerance=0.2
    )
    learned = 0
    for i in range(7):
        for j in range(7):
            run = train(QuarticCost, w[j], b[i, 0], eta=2.0, num_epochs=300, x=INVERTER.x,
                        y=INVERTER.y)  # fmt: skip
            assert sweep[i, j] == first_learned_epoch(run, 0.2), (i, j)
            learned += sweep[i, j] != NEVER
    assert 0 < learned < 49  # the grid has starts of both kinds


def test_a_new_cost_class_is_compiled_for_cost_thresholds():
    z0 = np.linspace(-3.0, 3.0, 13)
    sweep = epochs_to_learn(QuarticCost, z0, 0.0, eta=8.0, max_epochs=200, cost_threshold=1e-3)
    for z, epochs in zip(z0, sweep, strict=True):
        run = train(QuarticCost, z, 0.0, eta=8.0, num_epochs=200)
        below = np.flatnonzero(run.cost < 1e-3)
        assert epochs == (below[0] if below.size else NEVER)


class PythonOnlyCost(QuarticCost):
    """Its delta calls a Python builtin numba cannot compile."""

    name: ClassVar[str] = "python-only"

    @staticmethod
    def delta(z, y):
        return float(np.format_float_positional(z)) - y


def test_a_cost_numba_cannot_compile_is_a_one_line_value_error():
    message = r"^cost 'python-only' cannot be compiled .*numpy.format_float_positional"
    with pytest.raises(ValueError, match=message) as error:
        epochs_to_learn(PythonOnlyCost, 1.0, 1.0, eta=0.1, max_epochs=3)
    assert "\n" not in str(error.value)
    assert "\x1b" not in str(error.value)  # numba's terminal colours are stripped


def test_kernel_and_numpy_agree_on_a_sweep_of_many_chunks(monkeypatch):
    rng = np.random.default_rng(11)
    w, b = rng.uniform(-5.0, 5.0, (2, 3, 5000))  # several kernel chunks, in a 2-D shape
    arguments = dict(eta=0.3, max_epochs=200, x=INVERTER.x, y=INVERTER.y)
    compiled = {cost: epochs_to_learn(cost, w, b, **arguments) for cost in COSTS}
    monkeypatch.setattr(sys.modules["neuron_demo.train"], "_COMPILE_FROM", math.inf)
    for cost in COSTS:
        numpy_result = epochs_to_learn(cost, w, b, **arguments)
        assert compiled[cost].shape == (3, 5000)
        assert len(np.unique(numpy_result)) > 20  # early and late learners, and NEVER
        np.testing.assert_array_equal(compiled[cost], numpy_result)
