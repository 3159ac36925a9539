"""σ and σ' against independent routes: high-precision decimals and finite differences."""

from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neuron_demo import sigmoid, sigmoid_pair, sigmoid_prime

Z_GRID = np.concatenate([np.linspace(-40.0, 40.0, 161), [-745.0, -700.0, 700.0, 745.0]])


def decimal_sigmoid(z: float) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        return 1 / (1 + (-Decimal(z)).exp())


def test_sigmoid_matches_high_precision_closed_form():
    expected = [float(decimal_sigmoid(z)) for z in Z_GRID]
    np.testing.assert_allclose(sigmoid(Z_GRID), expected, rtol=4.5e-16, atol=0)  # 2 ulp


def test_sigmoid_pair_keeps_both_tails_exact():
    a, one_minus_a = sigmoid_pair(Z_GRID)
    expected = [float(decimal_sigmoid(-z)) for z in Z_GRID]  # 1 − σ(z) = σ(−z)
    np.testing.assert_allclose(one_minus_a, expected, rtol=4.5e-16, atol=0)
    np.testing.assert_allclose(a + one_minus_a, 1.0, rtol=0, atol=2.3e-16)


def test_sigmoid_prime_is_sigma_times_one_minus_sigma():
    expected = []
    for z in Z_GRID:
        # σ(z)·σ(−z) = σ(z)(1 − σ(z)); 60 digits cannot hold 1 − σ(700) by subtraction.
        expected.append(float(decimal_sigmoid(z) * decimal_sigmoid(-z)))
    np.testing.assert_allclose(sigmoid_prime(Z_GRID), expected, rtol=1e-15, atol=0)


@given(st.floats(min_value=-30, max_value=30))
def test_sigmoid_prime_matches_central_difference(z):
    h = 1e-5
    difference = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    # Near σ = 1 each value is rounded by up to 1.1e-16: up to 2.2e-16 / 2h in the quotient.
    np.testing.assert_allclose(sigmoid_prime(z), difference, rtol=1e-6, atol=2.5e-11)


def test_sigmoid_prime_peaks_at_one_quarter_at_zero():
    z = np.linspace(-6.0, 6.0, 1201)  # contains 0 exactly
    values = sigmoid_prime(z)
    assert z[np.argmax(values)] == 0.0
    assert sigmoid_prime(0.0) == 0.25
    assert np.all(values <= 0.25)


@pytest.mark.parametrize("z", [-1000.0, 1000.0, -1e300, 1e300])
def test_extreme_inputs_are_finite_and_quiet(z):
    with np.errstate(all="raise", under="ignore"):
        assert np.isfinite(sigmoid(z))
        assert np.isfinite(sigmoid_prime(z))
    assert sigmoid(z) == (1.0 if z > 0 else 0.0)
    assert sigmoid_prime(z) == 0.0
