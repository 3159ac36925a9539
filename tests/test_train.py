"""Gradient descent: hand calculations, the book's outcomes, vectorisation, sweeps, errors."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neuron_demo import (
    EXPERIMENTS,
    FAR_START,
    INVERTER,
    NEAR_START,
    NEVER,
    STORY_EPOCHS,
    STORY_ETA,
    epochs_to_learn,
    train,
)


def test_first_two_epochs_by_hand():
    # Quadratic cost from (w, b) = (0.6, 0.9), x = 1, y = 0, η = 0.15, written out:
    # a = σ(w + b), ∂C/∂w = ∂C/∂b = (a − 0)·a·(1 − a)·1.
    w, b, eta = 0.6, 0.9, 0.15
    states = []
    for _ in range(3):
        a = 1 / (1 + math.exp(-(w + b)))
        gradient = a * a * (1 - a)
        states.append((w, b, a, a * a / 2, gradient))
        w, b = w - eta * gradient, b - eta * gradient
    # epoch 0: a = σ(1.5) = 0.81757…, ∂C/∂w = 0.12194…
    assert states[0][2] == pytest.approx(0.8175744761936437, rel=1e-15)
    run = train("quadratic", 0.6, 0.9, eta=0.15, num_epochs=2)
    for k, (w_k, b_k, a_k, c_k, g_k) in enumerate(states):
        np.testing.assert_allclose(
            [run.w[k], run.b[k], run.output[k], run.cost[k], run.dC_dw[k], run.dC_db[k]],
            [w_k, b_k, a_k, c_k, g_k, g_k],
            rtol=1e-14,
        )


def test_cross_entropy_first_epoch_by_hand():
    # Cross-entropy from (2, 2): ∂C/∂w = x(a − y) = σ(4), C = −ln(1 − σ(4)) = ln(1 + e⁴).
    a0 = 1 / (1 + math.exp(-4))
    run = train("cross-entropy", 2.0, 2.0, eta=0.15, num_epochs=1)
    assert run.dC_dw[0] == pytest.approx(a0, rel=1e-15)
    assert run.cost[0] == pytest.approx(math.log1p(math.exp(4)), rel=1e-15)
    assert run.w[1] == pytest.approx(2.0 - 0.15 * a0, rel=1e-15)


def test_the_books_outcomes_are_reproduced():
    near = EXPERIMENTS["quadratic-near"].run()
    far = EXPERIMENTS["quadratic-far"].run()
    rescued = EXPERIMENTS["cross-entropy-far"].run()
    assert (near.w[0], near.b[0]) == NEAR_START
    assert (far.w[0], far.b[0]) == FAR_START
    assert near.eta == STORY_ETA
    assert near.num_epochs == STORY_EPOCHS
    assert round(float(near.output[0]), 2) == 0.82
    assert round(float(far.output[0]), 2) == 0.98
    assert near.output[-1] == pytest.approx(0.09, abs=0.005)  # the book: "about 0.09"
    assert far.output[-1] == pytest.approx(0.20, abs=0.01)
    # Hardly moving for the first ~150 epochs: less than 0.05 of the 0.98 to go.
    assert far.output[0] - far.output[150] < 0.05
    assert rescued.output[-1] < far.output[-1] / 10
    assert rescued.output[0] - rescued.output[150] > 0.9


def test_trajectory_shape_and_immutability():
    run = train("cross-entropy", [0.0, 1.0, 2.0], 0.5, eta=0.1, num_epochs=7)
    assert run.num_epochs == 7
    for field in (run.w, run.b, run.output, run.cost, run.dC_dw, run.dC_db):
        assert field.shape == (8, 3)
        with pytest.raises(ValueError, match="read-only"):
            field[0] = 0.0
    zero = train("quadratic", 1.0, 1.0, eta=0.1, num_epochs=0)
    assert zero.w.shape == (1,)
    assert zero.output[0] == pytest.approx(1 / (1 + math.exp(-2)))


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_vectorised_training_equals_a_loop_over_starts(cost):
    w = np.linspace(-4, 4, 7)[:, None]
    b = np.linspace(-3, 3, 5)[None, :]
    together = train(cost, w, b, eta=0.15, num_epochs=40, x=INVERTER.x, y=INVERTER.y)
    assert together.output.shape == (41, 7, 5, 2)
    for i in range(7):
        for j in range(5):
            alone = train(
                cost, w[i, 0], b[0, j], eta=0.15, num_epochs=40, x=INVERTER.x, y=INVERTER.y
            )
            np.testing.assert_array_equal(together.w[:, i, j], alone.w)
            np.testing.assert_array_equal(together.output[:, i, j], alone.output)
            np.testing.assert_array_equal(together.cost[:, i, j], alone.cost)


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_n_sample_gradient_is_the_mean_of_single_sample_gradients(cost):
    x = np.array([1.0, 0.0, -0.5, 2.0])
    y = np.array([0.0, 1.0, 0.25, 0.9])
    both = train(cost, 0.7, -0.3, eta=0.1, num_epochs=0, x=x, y=y)
    single = [
        train(cost, 0.7, -0.3, eta=0.1, num_epochs=0, x=xj, y=yj)
        for xj, yj in zip(x, y, strict=True)
    ]
    np.testing.assert_allclose(both.dC_dw[0], np.mean([s.dC_dw[0] for s in single]), rtol=1e-15)
    np.testing.assert_allclose(both.dC_db[0], np.mean([s.dC_db[0] for s in single]), rtol=1e-15)
    np.testing.assert_allclose(both.cost[0], np.mean([s.cost[0] for s in single]), rtol=1e-15)


def first_learned_epoch(run, tolerance):
    """Epochs to learn read off a full trajectory: the slow, obvious route."""
    y = run.y
    for k in range(run.num_epochs + 1):
        if np.all(np.abs(run.output[k] - y) <= tolerance):
            return k
    return NEVER


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_sweep_equals_the_trajectories_it_summarises(cost):
    w = np.linspace(-4, 4, 9)
    b = np.linspace(-4, 4, 9)[:, None]
    sweep = epochs_to_learn(cost, w, b, eta=0.5, max_epochs=400, x=INVERTER.x, y=INVERTER.y)
    assert sweep.shape == (9, 9)
    assert np.any(sweep == NEVER) or cost == "cross-entropy"
    for i in range(9):
        for j in range(9):
            run = train(cost, w[j], b[i, 0], eta=0.5, num_epochs=400, x=INVERTER.x, y=INVERTER.y)
            assert sweep[i, j] == first_learned_epoch(run, 0.1), (i, j)


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_one_learning_rate_per_start(cost):
    etas = np.array([0.05, 0.15, 0.6, 2.5])
    z0 = np.linspace(-1.0, 5.0, 7)
    sweep = epochs_to_learn(cost, z0 / 2, z0 / 2, eta=etas[:, None], max_epochs=300)
    assert sweep.shape == (4, 7)
    for i, eta in enumerate(etas):
        for j, z in enumerate(z0):
            run = train(cost, z / 2, z / 2, eta=float(eta), num_epochs=300)
            assert sweep[i, j] == first_learned_epoch(run, 0.1), (eta, z)
    assert len(np.unique(sweep)) > 10  # the rates matter


def test_sweep_with_a_cost_threshold():
    z0 = np.linspace(-2, 6, 17)
    sweep = epochs_to_learn("cross-entropy", z0, 0.0, eta=0.15, max_epochs=300, cost_threshold=0.05)
    for z, epochs in zip(z0, sweep, strict=True):
        run = train("cross-entropy", z, 0.0, eta=0.15, num_epochs=300)
        below = np.flatnonzero(run.cost < 0.05)
        assert epochs == (below[0] if below.size else NEVER)


def test_sweep_reports_never_and_zero():
    assert epochs_to_learn("quadratic", 2.0, 2.0, eta=0.15, max_epochs=100) == NEVER
    assert epochs_to_learn("quadratic", -2.0, -2.0, eta=0.15, max_epochs=100) == 0
    assert epochs_to_learn("quadratic", 2.0, 2.0, eta=0.15, max_epochs=0) == NEVER


def test_a_large_sweep_uses_chunks_and_matches_a_small_one():
    rng = np.random.default_rng(7)
    w, b = rng.uniform(-4, 4, (2, 40_000))  # more than one chunk
    large = epochs_to_learn("quadratic", w, b, eta=0.15, max_epochs=200, x=INVERTER.x, y=INVERTER.y)
    picks = rng.choice(w.size, 50, replace=False)
    small = epochs_to_learn(
        "quadratic", w[picks], b[picks], eta=0.15, max_epochs=200, x=INVERTER.x, y=INVERTER.y
    )
    np.testing.assert_array_equal(large[picks], small)


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
@pytest.mark.parametrize("z", [-1000.0, 1000.0])
def test_training_a_deeply_saturated_neuron_is_finite(cost, z):
    run = train(cost, z / 2, z / 2, eta=0.15, num_epochs=5, y=1.0 if z < 0 else 0.0)
    for field in (run.w, run.b, run.output, run.cost, run.dC_dw, run.dC_db):
        assert np.all(np.isfinite(field))
    if cost == "cross-entropy":
        assert run.cost[0] == pytest.approx(1000.0)
        assert abs(run.dC_dw[0]) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    cost=st.sampled_from(["quadratic", "cross-entropy"]),
    w=st.floats(-20, 20),
    b=st.floats(-20, 20),
    y=st.floats(0, 1),
    eta=st.floats(1e-3, 10),
    epochs=st.integers(0, 60),
)
def test_single_input_one_moves_w_and_b_together(cost, w, b, y, eta, epochs):
    # With x = 1, ∂C/∂w = ∂C/∂b at every step: the change in w equals the change in b.
    run = train(cost, w, b, eta=eta, num_epochs=epochs, y=y)
    np.testing.assert_allclose(run.w - w, run.b - b, rtol=1e-9, atol=1e-9)
    assert np.all(run.cost >= 0)
    assert np.all(np.isfinite(run.cost))


@settings(max_examples=60, deadline=None)
@given(
    w=st.floats(-10, 10),
    b=st.floats(-10, 10),
    x=st.floats(-3, 3),
    y=st.floats(0, 1),
    fraction=st.floats(0.05, 1.0),
)
def test_cross_entropy_never_increases_below_the_stability_bound(w, b, x, y, fraction):
    # C(w, b) is convex with Hessian σ'(z)·[x, 1]ᵀ[x, 1] ≼ (x² + 1)/4: steps with
    # η ≤ 4/(x² + 1) cannot increase it.
    eta = fraction * 4 / (x * x + 1)
    run = train("cross-entropy", w, b, eta=eta, num_epochs=30, x=x, y=y)
    assert np.all(np.diff(run.cost) <= 1e-12 * (1 + run.cost[:-1]))


BAD_ARGUMENTS = [
    (dict(eta=0.0), r"^eta must be a finite number > 0, got 0\.0$"),
    (dict(eta=-0.1), r"^eta must be a finite number > 0"),
    (dict(eta=float("nan")), r"^eta must be a finite number > 0, got nan$"),
    (dict(eta=float("inf")), r"^eta must be a finite number > 0"),
    (dict(num_epochs=-1), r"^num_epochs must be an integer >= 0, got -1$"),
    (dict(num_epochs=2.5), r"^num_epochs must be an integer >= 0, got 2\.5$"),
    (dict(num_epochs=True), r"^num_epochs must be an integer >= 0"),
    (dict(w=float("nan")), r"^w must be finite, got nan"),
    (dict(b=[0.0, float("inf")]), r"^b must be finite, got inf"),
    (dict(w="heavy"), r"^w must be a finite number"),
    (dict(x=float("-inf")), r"^x must be finite"),
    (dict(y=1.5), r"^y must lie in \[0, 1\], got 1\.5$"),
    (dict(y=-0.1), r"^y must lie in \[0, 1\]"),
    (dict(x=[1.0, 0.0], y=[0.0, 1.0, 1.0]), r"^x and y must hold the same number of samples"),
    (dict(x=[[1.0]], y=0.0), r"^x and y must be scalars or 1-D arrays"),
    (dict(x=[], y=[]), r"^x and y must hold at least one sample"),
    (dict(w=[1.0, 2.0], b=[1.0, 2.0, 3.0]), r"^w and b must broadcast together"),
    (dict(cost="hinge"), r"^cost must be one of 'quadratic', 'cross-entropy'"),
]


@pytest.mark.parametrize(("change", "message"), BAD_ARGUMENTS)
def test_bad_input_is_a_one_line_value_error(change, message):
    arguments = dict(cost="quadratic", w=1.0, b=1.0, eta=0.15, num_epochs=3) | change
    cost = arguments.pop("cost")
    with pytest.raises(ValueError, match=message) as error:
        train(cost, **arguments)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(max_epochs=-3), r"^max_epochs must be an integer >= 0"),
        (dict(tolerance=-0.1), r"^tolerance must be a finite number >= 0"),
        (dict(cost_threshold=0.0), r"^cost_threshold must be a finite number > 0"),
        (dict(eta=float("nan")), r"^eta must be a finite number > 0"),
        (dict(eta=[0.1, -1.0]), r"^eta must be a finite number > 0, got -1.0$"),
        (
            dict(eta=[0.1, 0.2, 0.3]),
            r"^eta must broadcast with w and b, got shapes \(3,\) and \(2,\)$",
        ),
        (dict(eta="fast"), r"^eta must be a finite number > 0 or an array of them, got 'fast'$"),
    ],
)
def test_bad_sweep_input_is_a_value_error(change, message):
    arguments = dict(eta=0.15, max_epochs=10) | change
    with pytest.raises(ValueError, match=message):
        epochs_to_learn("quadratic", [1.0, 2.0], 1.0, **arguments)
