"""The lab's maths in a real browser: neuronLab.train against neuron_demo, run for run.

Needs only ``docs/assets/lab/neuron-lab.js`` and a browser, not the built site: these are
the numeric tests that CI also runs on numpy's other SIMD path (``.ci/run``). Each test
counts what it compared, so a comparison that silently ran over nothing fails; none asserts
that the two implementations differ (on some CPUs they agree to the last bit).
"""

from __future__ import annotations

import base64
import math
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA, widget_cross_entropy_outputs
from neuron_demo.setups import FAR_START, INVERTER, NEAR_START
from neuron_demo.train import train

pytestmark = pytest.mark.browser

LAB_ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "lab"

# Parity tolerance. neuron-lab.js repeats the library's operations in the same order, so
# the only differences are the last-bit differences between V8's Math.exp/Math.log1p and
# the C library's or numpy's SIMD exp/log1p (about one value in ten may differ by one ulp,
# ~1e-16 relative; on some CPUs none does). Gradient descent does not amplify them, but w
# and b may cross zero, where a relative measure inflates an absolute 1e-17 into ~1e-13.
RTOL = 1e-12
# Guards the division only: for an exact zero in neuron_demo the browser must give 0 too.
ZERO_FLOOR = 1e-300

# neuronLab.train's arrays and the matching Trajectory fields of neuron_demo.
ARRAYS = {"output": "output", "cost": "cost", "w": "w", "b": "b", "dCdw": "dC_dw", "dCdb": "dC_db"}


def relative_difference(actual: float, expected: float) -> float:
    return abs(actual - expected) / max(abs(expected), ZERO_FLOOR)


def _assert_close(actual: np.ndarray, reference: np.ndarray, label: object) -> int:
    """Assert every value agrees to `RTOL`; return how many values were compared."""
    assert actual.shape == reference.shape, (label, actual.shape, reference.shape)
    difference = np.abs(actual - reference) / np.maximum(np.abs(reference), ZERO_FLOOR)
    k = int(np.argmax(difference)) if difference.size else 0
    assert difference.size == 0 or difference[k] <= RTOL, (label, k, actual[k], reference[k])
    return int(difference.size)


PARITY_CASES = [
    {"cost": cost, "w": w, "b": b, "eta": eta, "epochs": epochs, "x": x, "y": y}
    for cost in ("quadratic", "cross-entropy")
    # the story's starts, saturated starts up to |z| = 50 on both sides
    for w, b in (NEAR_START, FAR_START, (25.0, 25.0), (-25.0, -25.0), (30.0, 20.0))
    for eta in (0.005, 0.15, 1.0, 3.0)
    for y in (0.0, 1.0)
    for x in (1.0, 0.5, -2.0)
    for epochs in (0, 1, 300)
]


# Every array of a run, as the bytes of one Float64Array: exact, and far faster to carry
# out of the page than JSON lists of numbers.
PACK_RUNS = """([cases, names]) => cases.map(c => {
    const run = neuronLab.train(c), n = run.output.length;
    if (names.some(name => run[name].length !== n)) return "bad length";
    const packed = new Float64Array(names.length * n);
    names.forEach((name, i) => packed.set(run[name], i * n));
    const bytes = new Uint8Array(packed.buffer);
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return btoa(text);
})"""


@pytest.fixture(scope="module")
def js_runs(browser: Browser) -> list[dict[str, np.ndarray]]:
    page = browser.new_page()
    page.add_script_tag(path=str(LAB_ASSETS / "neuron-lab.js"))
    packed = page.evaluate(PACK_RUNS, [PARITY_CASES, list(ARRAYS)])
    page.close()
    runs = []
    for case, text in zip(PARITY_CASES, packed, strict=True):
        assert text != "bad length", case
        arrays = np.frombuffer(base64.b64decode(text), dtype="<f8").reshape(len(ARRAYS), -1)
        assert arrays.shape[1] == case["epochs"] + 1, case
        runs.append(dict(zip(ARRAYS, arrays, strict=True)))
    return runs


def test_parity_with_neuron_demo(js_runs: list[dict[str, np.ndarray]]) -> None:
    compared = 0
    for case, run in zip(PARITY_CASES, js_runs, strict=True):
        setup = {key: case[key] for key in ("w", "b", "eta", "x", "y")}
        expected = train(case["cost"], num_epochs=case["epochs"], **setup)
        for js_name, py_name in ARRAYS.items():
            compared += _assert_close(run[js_name], getattr(expected, py_name), (case, js_name))
    # Every value of every array of every case: 6 arrays of epochs + 1 states each.
    assert compared == len(ARRAYS) * sum(c["epochs"] + 1 for c in PARITY_CASES)
    # The grid really reaches the saturation it claims to.
    assert any(abs(c["w"] * c["x"] + c["b"]) == 50 for c in PARITY_CASES)


# The two-sample inverter of the cost-surface and heatmap figures, and the book's widget.
INVERTER_CASES = [
    {
        "cost": cost,
        "w": w,
        "b": b,
        "eta": eta,
        "epochs": epochs,
        "x": INVERTER.x.tolist(),
        "y": INVERTER.y.tolist(),
    }
    for cost in ("quadratic", "cross-entropy")
    for w, b in (NEAR_START, FAR_START, (25.0, 25.0), (-25.0, 25.0), (30.0, -20.0))
    for eta in (0.005, 0.15, 1.0, 3.0)
    for epochs in (0, 1, 300)
]
WIDGET_CASES = [
    {
        "cost": "cross-entropy",
        "step": "book-widget",
        "w": w,
        "b": b,
        "eta": eta,
        "epochs": epochs,
        "x": 1,
        "y": 0,
    }
    for w, b in (NEAR_START, FAR_START, (25.0, 25.0), (-25.0, -25.0), (30.0, 20.0))
    for eta in (BOOK_CROSS_ENTROPY_ETA, 0.15, 1.0)
    for epochs in (0, 1, 300)
]

# Every array of each run flattened (per-sample outputs are arrays), as Float64Array bytes.
PACK_FLAT = """([cases, names]) => cases.map(c => {
    const run = neuronLab.train(c);
    return names.map(name => {
        const bytes = new Uint8Array(new Float64Array(run[name].flat()).buffer);
        let text = "";
        for (let i = 0; i < bytes.length; i += 8192) {
            text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        }
        return btoa(text);
    });
})"""


def _flat_runs(browser: Browser, cases: list[dict]) -> list[dict[str, np.ndarray]]:
    page = browser.new_page()
    page.add_script_tag(path=str(LAB_ASSETS / "neuron-lab.js"))
    packed = page.evaluate(PACK_FLAT, [cases, list(ARRAYS)])
    page.close()
    return [
        {
            name: np.frombuffer(base64.b64decode(text), dtype="<f8")
            for name, text in zip(ARRAYS, texts, strict=True)
        }
        for texts in packed
    ]


def test_inverter_parity_with_neuron_demo(browser: Browser) -> None:
    compared = 0
    for case, run in zip(INVERTER_CASES, _flat_runs(browser, INVERTER_CASES), strict=True):
        expected = train(
            case["cost"],
            case["w"],
            case["b"],
            eta=case["eta"],
            num_epochs=case["epochs"],
            x=INVERTER.x,
            y=INVERTER.y,
        )
        for js_name, py_name in ARRAYS.items():
            reference = getattr(expected, py_name).ravel()  # output: (epochs + 1, 2), row-major
            compared += _assert_close(run[js_name], reference, (case, js_name))
    # Per case: two outputs per state, and one value per state for the other five arrays.
    assert compared == sum((2 + 5) * (c["epochs"] + 1) for c in INVERTER_CASES)


def test_inverter_first_epoch_by_hand(browser: Browser) -> None:
    # From (w, b) = (2, 2): z = 4 on x = 1 and z = 2 on x = 0, written out without the library.
    case = {
        "cost": "quadratic",
        "w": 2.0,
        "b": 2.0,
        "eta": 0.15,
        "epochs": 1,
        "x": [1, 0],
        "y": [0, 1],
    }
    (run,) = _flat_runs(browser, [case])
    a1, a0 = 1 / (1 + math.exp(-4)), 1 / (1 + math.exp(-2))
    d1, d0 = a1 * a1 * (1 - a1), (a0 - 1) * a0 * (1 - a0)
    assert run["output"][:2] == pytest.approx([a1, a0], rel=1e-12)
    assert run["cost"][0] == pytest.approx((a1**2 + (1 - a0) ** 2) / 4, rel=1e-12)
    assert run["dCdw"][0] == pytest.approx(d1 / 2, rel=1e-12)
    assert run["dCdb"][0] == pytest.approx((d1 + d0) / 2, rel=1e-12)
    assert run["w"][1] == pytest.approx(2 - 0.15 * d1 / 2, rel=1e-12)


def test_widget_parity_with_neuron_demo(browser: Browser) -> None:
    compared = 0
    for case, run in zip(WIDGET_CASES, _flat_runs(browser, WIDGET_CASES), strict=True):
        expected = widget_cross_entropy_outputs(
            case["w"], case["b"], eta=case["eta"], num_epochs=case["epochs"]
        )
        compared += _assert_close(run["output"], expected, case)
        # The arrays keep the true cross-entropy gradient at x = 1, y = 0: δ = a.
        assert np.array_equal(run["dCdw"], run["output"]), case
        assert np.array_equal(run["dCdb"], run["output"]), case
    assert compared == sum(c["epochs"] + 1 for c in WIDGET_CASES)
    # The widget's step is η/(1 − a), not η·a: one step by hand from (2, 2).
    (run,) = _flat_runs(browser, [{**WIDGET_CASES[0], "w": 2.0, "b": 2.0, "epochs": 1}])
    a = 1 / (1 + math.exp(-4))
    assert run["w"][1] == pytest.approx(2 - BOOK_CROSS_ENTROPY_ETA / (1 - a), rel=1e-12)


def test_parity_initial_state_is_closed_form(js_runs: list[dict[str, np.ndarray]]) -> None:
    # Epoch 0 against σ(z) = 1/(1 + e^-z) and the costs written out by hand.
    for case, run in zip(PARITY_CASES, js_runs, strict=True):
        z = case["w"] * case["x"] + case["b"]
        a = 1 / (1 + math.exp(-z))
        y = case["y"]
        if abs(z) > 5:
            continue  # 1 - a loses digits there; the parity test covers saturation
        cost = (
            0.5 * (a - y) ** 2
            if case["cost"] == "quadratic"
            else -(y * math.log(a) + (1 - y) * math.log(1 - a))
        )
        delta = (a - y) * a * (1 - a) if case["cost"] == "quadratic" else a - y
        assert run["output"][0] == pytest.approx(a, rel=1e-12)
        assert run["cost"][0] == pytest.approx(cost, rel=1e-9)
        assert run["dCdw"][0] == pytest.approx(delta * case["x"], rel=1e-9)


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"eta": 0}, "eta"),
        ({"eta": -1}, "eta"),
        ({"eta": float("nan")}, "eta"),
        ({"epochs": 1.5}, "epochs"),
        ({"epochs": -1}, "epochs"),
        ({"epochs": 100001}, "epochs"),
        ({"y": 1.5}, "y"),
        ({"w": float("inf")}, "w"),
        ({"b": "1"}, "b"),
        ({"x": float("-inf")}, "x"),
        ({"cost": "cubic"}, "cost"),
        ({"x": []}, "x"),
        ({"x": [1, "0"]}, "x"),
        ({"x": [1, 0], "y": [0]}, "y"),
        ({"y": [0, 2]}, "y"),
        ({"step": "momentum"}, "step"),
        ({"step": "book-widget"}, "step"),  # quadratic
        ({"step": "book-widget", "cost": "cross-entropy", "x": 0.5}, "step"),
        ({"step": "book-widget", "cost": "cross-entropy", "y": 1}, "step"),
        ({"step": "book-widget", "cost": "cross-entropy", "x": [1, 0], "y": [0, 1]}, "step"),
    ],
)
def test_bad_input_names_the_parameter(browser: Browser, change: dict, parameter: str) -> None:
    page = browser.new_page()
    page.add_script_tag(path=str(LAB_ASSETS / "neuron-lab.js"))
    setup = {"w": 2, "b": 2, "eta": 0.15, "epochs": 3, "cost": "quadratic", **change}
    # NaN and infinities do not survive JSON: rebuild them inside the page.
    message = page.evaluate(
        """([setup, specials]) => {
            for (const [key, text] of Object.entries(specials)) setup[key] = Number(text);
            try { neuronLab.train(setup); return null; } catch (e) { return e.message; }
        }""",
        [
            {k: v for k, v in setup.items() if not (isinstance(v, float) and not math.isfinite(v))},
            {k: str(v) for k, v in setup.items() if isinstance(v, float) and not math.isfinite(v)},
        ],
    )
    page.close()
    assert message is not None
    assert message.startswith(f"{parameter} must be "), message
    assert "\n" not in message
