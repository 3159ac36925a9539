"""Costs and output errors against closed forms and finite differences."""

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neuron_demo import (
    COSTS,
    CrossEntropyCost,
    QuadraticCost,
    get_cost,
    gradients,
    output_error,
    sigmoid,
    sigmoid_prime,
)
from neuron_demo.train import Samples

ALL_COSTS = [QuadraticCost, CrossEntropyCost]
finite_z = st.floats(min_value=-30, max_value=30)
target = st.floats(min_value=0, max_value=1)


def decimal_costs(z: float, y: float) -> tuple[float, float, float, float]:
    """Quadratic and cross-entropy C and δ from their definitions, at 60 digits."""
    with localcontext() as ctx:
        ctx.prec = 60
        zd, yd = Decimal(z), Decimal(y)
        a = 1 / (1 + (-zd).exp())
        one_minus_a = 1 / (1 + zd.exp())
        quadratic = (a - yd) ** 2 / 2
        cross_entropy = -(yd * a.ln() + (1 - yd) * one_minus_a.ln())
        quadratic_delta = (a - yd) * a * one_minus_a
        cross_entropy_delta = a - yd
        return tuple(
            float(v) for v in (quadratic, cross_entropy, quadratic_delta, cross_entropy_delta)
        )


@given(finite_z, st.sampled_from([0.0, 1.0]))
def test_values_and_deltas_are_exact_for_binary_targets(z, y):
    # With y ∈ {0, 1} every quantity keeps full relative precision, saturated or not.
    quadratic, cross_entropy, quadratic_delta, cross_entropy_delta = decimal_costs(z, y)
    for actual, expected in [
        (QuadraticCost.value(z, y), quadratic),
        (CrossEntropyCost.value(z, y), cross_entropy),
        (QuadraticCost.delta(z, y), quadratic_delta),
        (CrossEntropyCost.delta(z, y), cross_entropy_delta),
    ]:
        np.testing.assert_allclose(actual, expected, rtol=1e-14, atol=0)


@given(finite_z, target)
def test_values_and_deltas_match_their_definitions(z, y):
    # For a general float y, a − y near 0 is ill-conditioned (a itself is rounded), so the
    # error is bounded in absolute terms, a few ulps of the terms a and y.
    quadratic, cross_entropy, quadratic_delta, cross_entropy_delta = decimal_costs(z, y)
    np.testing.assert_allclose(QuadraticCost.value(z, y), quadratic, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(CrossEntropyCost.value(z, y), cross_entropy, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(QuadraticCost.delta(z, y), quadratic_delta, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(
        CrossEntropyCost.delta(z, y), cross_entropy_delta, rtol=1e-13, atol=1e-15
    )


@pytest.mark.parametrize("cost", ALL_COSTS)
@given(
    w=st.floats(min_value=-15, max_value=15),
    b=st.floats(min_value=-15, max_value=15),
    x=st.floats(min_value=-1, max_value=1),
    y=target,
)
def test_gradients_match_central_differences(cost, w, b, x, y):
    samples = Samples.of(x, y)
    _, dw, db = gradients(cost, np.float64(w), np.float64(b), samples)

    def c(w_, b_):
        return float(cost.value(w_ * x + b_, y))

    h = 1e-6
    fd_w = (c(w + h, b) - c(w - h, b)) / (2 * h)
    fd_b = (c(w, b + h) - c(w, b - h)) / (2 * h)
    # Rounding in C(w ± h) limits a difference to about eps·C/h.
    atol = 1e-9 * max(1.0, c(w, b))
    np.testing.assert_allclose(dw, fd_w, rtol=1e-5, atol=atol)
    np.testing.assert_allclose(db, fd_b, rtol=1e-5, atol=atol)


@given(finite_z, target)
def test_deltas_differ_by_exactly_sigma_prime(z, y):
    np.testing.assert_allclose(
        QuadraticCost.delta(z, y),
        CrossEntropyCost.delta(z, y) * sigmoid_prime(z),
        rtol=1e-14,
        atol=1e-300,
    )


def binary_entropy(y: float) -> float:
    return -sum(p * math.log(p) for p in (y, 1 - y) if p > 0)


@given(st.floats(min_value=0.01, max_value=0.99))
def test_cross_entropy_is_smallest_at_a_equals_y(y):
    z_star = math.log(y / (1 - y))  # σ(z*) = y
    z = z_star + np.linspace(-3, 3, 601)  # z* is the middle point
    values = CrossEntropyCost.value(z, y)
    assert np.argmin(values) == 300
    np.testing.assert_allclose(values[300], binary_entropy(y), rtol=1e-12)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_cross_entropy_tends_to_zero_as_output_reaches_target(y):
    z = np.array([5.0, 10.0, 20.0, 40.0]) * (1 if y == 1 else -1)
    values = CrossEntropyCost.value(z, y)
    assert np.all(values > 0)
    assert np.all(np.diff(values) < 0)
    assert values[-1] < 1e-17


def test_saturated_cross_entropy_is_finite_and_exact():
    # −ln(1 − σ(40)) = 40 + ln(1 + e^−40): neither inf nor nan_to_num's 1.8e308.
    assert CrossEntropyCost.value(40.0, 0.0) == pytest.approx(
        40 + math.log1p(math.exp(-40)), rel=1e-15
    )
    assert CrossEntropyCost.value(1000.0, 0.0) == pytest.approx(1000.0, rel=1e-15)
    assert CrossEntropyCost.value(-1000.0, 1.0) == pytest.approx(1000.0, rel=1e-15)
    assert output_error(40.0, 1.0) == pytest.approx(-math.exp(-40) / (1 + math.exp(-40)), rel=1e-15)


@pytest.mark.parametrize("cost", ALL_COSTS)
@pytest.mark.parametrize("z", [-1000.0, -30.0, 30.0, 1000.0])
@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
def test_costs_stay_finite_for_extreme_inputs(cost, z, y):
    with np.errstate(all="raise", under="ignore"):
        assert np.isfinite(cost.value(z, y))
        assert np.isfinite(cost.delta(z, y))
    assert cost.value(z, y) >= 0


def test_costs_are_looked_up_by_name():
    assert get_cost("quadratic") is QuadraticCost
    assert get_cost("cross-entropy") is CrossEntropyCost
    assert get_cost(CrossEntropyCost) is CrossEntropyCost
    assert set(COSTS) == {"quadratic", "cross-entropy"}


@pytest.mark.parametrize("name", ["Quadratic", "log-likelihood", "", 3])
def test_unknown_cost_is_a_clear_error(name):
    with pytest.raises(ValueError, match=r"^cost must be one of 'quadratic', 'cross-entropy'"):
        get_cost(name)


def test_outputs_use_the_same_sigmoid():
    z = np.linspace(-5, 5, 11)
    np.testing.assert_array_equal(output_error(z, 0.0), sigmoid(z))
