"""The facts quoted in prose, checked against independent routes."""

from __future__ import annotations

import math
import re

import pytest

from neuron_demo.site.facts import compute_facts, fact_values, first_epoch, format_fact

COSTS = ("quadratic", "cross_entropy")
STARTS = ("near", "far")


def _expected_keys() -> set[str]:
    keys = {
        "story.eta",
        "story.epochs",
        "story.x",
        "story.y",
        "sigma_prime.max",
        "sigma_prime.near_z0",
        "sigma_prime.far_z0",
        "far.gradient_ratio",
        "sigma_prime.mean_over_a",
        "inverter.budget",
        "inverter.tolerance",
        "inverter.range",
        "eta_sweep.eta_min",
        "eta_sweep.eta_max",
        "eta_sweep.budget",
        "eta_sweep.tolerance",
        "book.eta",
        "story.drop",
        "story.tolerance",
        "story.halfway_epoch",
        "rule_of_thumb.ratio",
        "gradient.quadratic_max",
        "saturated.z",
        "saturated.cross_entropy_cost",
        "plateau_estimate.quadratic.bracket",
        "plateau_estimate.quadratic.epochs",
        "plateau_estimate.cross_entropy.epochs",
        "last_stretch.from",
        "inverter.rule_of_thumb_eta",
        "soft_target.y",
        "soft_target.cross_entropy_min",
        "chain.layers",
        "chain.w",
        "chain.b",
        "chain.ratio",
        "chain.factor_min",
        "chain.factor_max",
        "chain.shrink",
    }
    keys |= {f"{s}.{v}" for s in STARTS for v in ("w0", "b0", "z0", "a0")}
    keys |= {
        f"{c}.{s}.{v}"
        for c in COSTS
        for s in STARTS
        for v in (
            "a_final",
            "a_150",
            "c0",
            "c_final",
            "dw0",
            "epochs_to_drop",
            "epochs_to_half",
            "epochs_to_learn",
        )
    }
    keys |= {
        f"inverter.{c}.{v}"
        for c in (*COSTS, "quadratic_rule_of_thumb")
        for v in ("learned_percent", "median_epochs")
    }
    keys |= {f"last_stretch.{c}.epochs" for c in COSTS}
    keys |= {f"eta_sweep.{c}.{v}" for c in COSTS for v in ("best_eta", "best_epochs", "min_eta")}
    keys |= {f"book.{m}.{s}.a_final" for m in ("true_gd", "widget") for s in STARTS}
    return keys


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return compute_facts()


@pytest.fixture(scope="module")
def values() -> dict[str, float]:
    return fact_values()


def _sigma(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_keys_are_exactly_those_of_contributing(facts: dict[str, str]) -> None:
    assert set(facts) == _expected_keys()


def test_display_strings(facts: dict[str, str]) -> None:
    assert facts["near.a0"] == "0.82"
    assert facts["far.a0"] == "0.98"
    assert facts["story.eta"] == "0.15"
    assert facts["story.epochs"] == "300"
    assert facts["near.w0"] == "0.6"
    assert facts["far.w0"] == "2.0"
    assert facts["sigma_prime.max"] == "0.25"
    assert facts["book.eta"] == "0.005"
    assert facts["inverter.cross_entropy.learned_percent"] == "100%"
    assert re.fullmatch(r"\d+%", facts["inverter.quadratic.learned_percent"])
    for key, text in facts.items():
        if key.endswith(("epochs_to_drop", "epochs_to_half", "best_epochs", "median_epochs")):
            assert re.fullmatch(r"\d+", text), key


def test_starts_by_hand(values: dict[str, float]) -> None:
    assert values["near.a0"] == pytest.approx(1 / (1 + math.exp(-1.5)), rel=1e-15)
    assert values["far.a0"] == pytest.approx(1 / (1 + math.exp(-4.0)), rel=1e-15)


def test_sigma_prime_closed_forms(values: dict[str, float]) -> None:
    assert values["sigma_prime.max"] == 0.25
    assert values["sigma_prime.far_z0"] == pytest.approx(_sigma(4) * (1 - _sigma(4)), rel=1e-12)
    assert values["sigma_prime.mean_over_a"] == pytest.approx(1 / 6, abs=1e-8)  # ∫a(1−a)da
    assert values["far.gradient_ratio"] == pytest.approx(
        1 / (_sigma(4) * (1 - _sigma(4))), rel=1e-12
    )


def test_initial_costs_and_gradients(values: dict[str, float]) -> None:
    a = _sigma(1.5)
    assert values["quadratic.near.c0"] == pytest.approx(a * a / 2, rel=1e-12)
    assert values["cross_entropy.near.c0"] == pytest.approx(-math.log(1 - a), rel=1e-12)
    assert values["quadratic.near.dw0"] == pytest.approx(a * a * (1 - a), rel=1e-12)
    assert values["cross_entropy.near.dw0"] == pytest.approx(a, rel=1e-12)


def test_run_milestones_by_plain_python_gradient_descent(values: dict[str, float]) -> None:
    for cost in COSTS:
        for where, z0 in (("near", 1.5), ("far", 4.0)):
            z, outputs = z0, [_sigma(z0)]
            for _ in range(300):
                a = _sigma(z)
                delta = a * a * (1 - a) if cost == "quadratic" else a
                z -= 2 * 0.15 * delta  # w and b both move by η·δ at x = 1
                outputs.append(_sigma(z))
            prefix = f"{cost}.{where}"
            assert values[f"{prefix}.a_final"] == pytest.approx(outputs[-1], rel=1e-9)
            assert values[f"{prefix}.a_150"] == pytest.approx(outputs[150], rel=1e-9)
            drop = next(k for k, a in enumerate(outputs) if a <= outputs[0] - 0.1)
            half = next(k for k, a in enumerate(outputs) if a < 0.5)
            assert values[f"{prefix}.epochs_to_drop"] == drop
            assert values[f"{prefix}.epochs_to_half"] == half


def _plain_descent(cost: str, z: float, until: float, limit: int = 100_000) -> int:
    """Epochs of plain-Python gradient descent (x = 1, y = 0, η = 0.15) until a <= until."""
    for k in range(limit):
        a = _sigma(z)
        if a <= until:
            return k
        z -= 2 * 0.15 * (a * a * (1 - a) if cost == "quadratic" else a)
    raise AssertionError("did not get there")


def test_runs_until_learned_by_plain_python(values: dict[str, float]) -> None:
    # Learned: the output within 0.1 of the target 0.
    for cost in COSTS:
        for where, z0 in (("near", 1.5), ("far", 4.0)):
            assert values[f"{cost}.{where}.epochs_to_learn"] == _plain_descent(cost, z0, 0.1)


def test_the_last_stretch_is_slow_for_the_quadratic_cost(values: dict[str, float]) -> None:
    # From a = 1/2 (z = 0) to a <= 0.1: σ' vanishes again near the target.
    assert values["last_stretch.from"] == 0.5
    quadratic = values["last_stretch.quadratic.epochs"]
    assert quadratic == _plain_descent("quadratic", 0.0, 0.1)
    assert values["last_stretch.cross_entropy.epochs"] == _plain_descent("cross_entropy", 0.0, 0.1)
    # As long as the plateau: the story cannot call this phase harmless.
    assert quadratic > values["quadratic.far.epochs_to_half"]


def test_plateau_estimates_by_numerical_integration(values: dict[str, float]) -> None:
    # k = (1/2η) ∫₀^{z₀} dz / δ(z): the midpoint rule instead of the closed form.
    n, z0, eta = 200_000, 4.0, 0.15
    h = z0 / n
    midpoints = [(i + 0.5) * h for i in range(n)]
    quadratic = sum(1 / (_sigma(z) ** 2 * (1 - _sigma(z))) for z in midpoints) * h
    cross_entropy = sum(1 / _sigma(z) for z in midpoints) * h
    assert values["plateau_estimate.quadratic.bracket"] == pytest.approx(quadratic, rel=1e-8)
    assert values["plateau_estimate.quadratic.epochs"] == pytest.approx(
        quadratic / (2 * eta), rel=1e-8
    )
    assert values["plateau_estimate.cross_entropy.epochs"] == pytest.approx(
        cross_entropy / (2 * eta), rel=1e-8
    )


def test_closed_form_constants(values: dict[str, float]) -> None:
    assert values["gradient.quadratic_max"] == pytest.approx(4 / 27, rel=1e-14)  # a = 2/3
    assert values["rule_of_thumb.ratio"] == round(1 / values["sigma_prime.mean_over_a"])
    assert values["inverter.rule_of_thumb_eta"] == pytest.approx(6 * 0.15, rel=1e-15)
    # softplus(40) = 40 + ln(1 + e^−40): the saturated cost is the weighted input itself.
    assert values["saturated.cross_entropy_cost"] == pytest.approx(40 + math.exp(-40), rel=1e-15)


def test_the_soft_target_and_its_binary_entropy(values: dict[str, float]) -> None:
    y = values["soft_target.y"]
    assert y == 0.7  # the first chapter's example
    entropy = -(y * math.log(y) + (1 - y) * math.log(1 - y))
    assert values["soft_target.cross_entropy_min"] == pytest.approx(entropy, rel=1e-12)


def test_the_chain_by_hand(values: dict[str, float], facts: dict[str, str]) -> None:
    # Five neurons, w = 1, b = 0, from x = 1: z¹ = 1 and zˡ = σ(zˡ⁻¹); the error at the top
    # is a − y (cross-entropy) or (a − y) σ'(z^L) (quadratic), and each step back
    # multiplies by w σ'(zˡ).
    assert (facts["chain.layers"], facts["chain.w"], facts["chain.b"]) == ("5", "1", "0")
    z = [1.0]
    for _ in range(4):
        z.append(_sigma(z[-1]))
    slopes = [_sigma(v) * (1 - _sigma(v)) for v in z]
    assert values["chain.ratio"] == pytest.approx(1 / slopes[-1], rel=1e-12)
    assert values["chain.factor_min"] == pytest.approx(min(slopes[:-1]), rel=1e-12)
    assert values["chain.factor_max"] == pytest.approx(max(slopes[:-1]), rel=1e-12)
    assert values["chain.shrink"] == pytest.approx(math.prod(slopes[:-1]), rel=1e-12)
    assert values["chain.factor_max"] < 0.25  # at most 1/4 in size, as the chapter says


def test_the_book_quotes(values: dict[str, float]) -> None:
    assert values["quadratic.near.a_final"] == pytest.approx(0.09, abs=0.005)  # "about 0.09"
    assert values["book.true_gd.near.a_final"] == pytest.approx(0.42, abs=0.005)
    assert values["book.true_gd.far.a_final"] == pytest.approx(0.78, abs=0.005)


def test_inverter_shares(values: dict[str, float]) -> None:
    assert 40 <= values["inverter.quadratic.learned_percent"] <= 60  # "about half"
    assert values["inverter.cross_entropy.learned_percent"] == 100
    assert (
        values["inverter.cross_entropy.median_epochs"] < values["inverter.quadratic.median_epochs"]
    )
    # At the rule of thumb's η, six times larger, the quadratic cost learns almost everywhere.
    assert values["inverter.quadratic_rule_of_thumb.learned_percent"] > 95


def test_first_epoch() -> None:
    assert first_epoch([False, True, True]) == 1
    assert first_epoch([False]) == -1


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        # A reader rounds a tie up; Python's round() would show 2536 and 2.
        ("inverter.quadratic.median_epochs", 2536.5, "2537"),
        ("eta_sweep.quadratic.best_epochs", 2.5, "3"),
        ("inverter.quadratic.median_epochs", 2536.49, "2536"),
        ("quadratic.far.a_final", 0.125, "0.13"),  # 1/8 is exact in binary: a true tie
        ("quadratic.far.a_final", 0.0996, "0.10"),
    ],
)
def test_ties_round_up(key: str, value: float, shown: str) -> None:
    assert format_fact(key, value) == shown
