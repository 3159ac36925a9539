"""The neuron lab in a real browser: parity of neuronLab.train with neuron_demo, and the page.

Parity needs only ``docs/assets/lab/neuron-lab.js``. The page tests use the built site,
served by the shared fixtures of ``conftest.py`` (``browser``, ``base_url``).
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA, widget_cross_entropy_outputs
from neuron_demo.setups import (
    FAR_START,
    INVERTER,
    NEAR_START,
    SEED_EPOCHS,
    SEED_ETA,
    SEED_X,
    SEED_Y,
)
from neuron_demo.train import train

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
LAB_ASSETS = REPO / "docs" / "assets" / "lab"
PAGES = {"zh": "practice/lab/", "en": "en/practice/lab/"}

# Parity tolerance. neuron-lab.js repeats the library's operations in the same order, so
# the only differences are the last-bit differences between V8's Math.exp/Math.log1p and
# the C library's exp/log1p (about one value in ten differs by one ulp, ~1e-16 relative).
# Gradient descent does not amplify them, but w and b may cross zero, where a relative
# measure inflates an absolute 1e-17 into ~1e-13 (the worst seen on this grid is 2e-13).
RTOL = 1e-12
# Guards the division only: for an exact zero in neuron_demo the browser must give 0 too.
ZERO_FLOOR = 1e-300

# neuronLab.train's arrays and the matching Trajectory fields of neuron_demo.
ARRAYS = {"output": "output", "cost": "cost", "w": "w", "b": "b", "dCdw": "dC_dw", "dCdb": "dC_db"}


class LabPage:
    """A browser page on the lab that records console errors and failed requests."""

    def __init__(self, browser: Browser, base_url: str, **context_options: object) -> None:
        self.base_url = base_url
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, **context_options
        )
        self.page: Page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # A failed request is logged as a bare "Failed to load resource"; _response names it.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def open(self, lang: str = "en", query: str = "") -> Page:
        self.page.goto(self.base_url + PAGES[lang] + query)
        self.page.wait_for_selector("#neuron-lab .nl-readout td[data-value]")
        return self.page


@pytest.fixture
def lab(browser: Browser, base_url: str) -> Iterator[LabPage]:
    page = LabPage(browser, base_url)
    yield page
    page.context.close()
    assert page.problems == []


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
def relative_difference(actual: float, expected: float) -> float:
    return abs(actual - expected) / max(abs(expected), ZERO_FLOOR)


def reference_output(
    cost: str, w: float, b: float, eta: float, epochs: int, x: float = 1.0, y: float = 0.0
) -> float:
    return float(train(cost, w, b, eta=eta, num_epochs=epochs, x=x, y=y).output[-1])


def final_outputs(page: Page) -> dict[str, float]:
    """The lab's final output per cost, at full precision (data-value)."""
    items = page.eval_on_selector_all(
        ".nl-final-value",
        "els => els.map(e => [e.closest('[data-cost]').dataset.cost, e.dataset.value])",
    )
    return {cost: float(value) for cost, value in items}


def readout(page: Page, key: str) -> dict[str, float]:
    items = page.eval_on_selector_all(
        f'.nl-readout td[data-key="{key}"]',
        "els => els.map(e => [e.dataset.cost, e.dataset.value])",
    )
    return {cost: float(value) for cost, value in items}


def epoch(page: Page) -> int:
    return int(page.get_attribute(".nl-epoch", "data-epoch"))


def assert_matches_library(page: Page, setup: dict[str, float]) -> None:
    """Every cost the lab shows ends where neuron_demo ends for the same setup."""
    shown = final_outputs(page)
    assert shown, "the lab shows no final output"
    for cost, value in shown.items():
        expected = reference_output(cost, **setup)
        assert relative_difference(value, expected) <= RTOL, (cost, setup, value, expected)


# ---------------------------------------------------------------------------------------
# Parity: neuronLab.train against neuron_demo.train
# ---------------------------------------------------------------------------------------
PARITY_CASES = [
    {"cost": cost, "w": w, "b": b, "eta": eta, "epochs": epochs, "x": x, "y": y}
    for cost in ("quadratic", "cross-entropy")
    # the seed's starts, saturated starts up to |z| = 50 on both sides
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
    worst = 0.0
    for case, run in zip(PARITY_CASES, js_runs, strict=True):
        setup = {key: case[key] for key in ("w", "b", "eta", "x", "y")}
        expected = train(case["cost"], num_epochs=case["epochs"], **setup)
        for js_name, py_name in ARRAYS.items():
            reference = getattr(expected, py_name)
            difference = np.abs(run[js_name] - reference) / np.maximum(
                np.abs(reference), ZERO_FLOOR
            )
            k = int(np.argmax(difference))
            assert difference[k] <= RTOL, (case, js_name, k, run[js_name][k], reference[k])
            worst = max(worst, float(difference[k]))
    # The grid really reaches the saturation it claims to.
    assert any(abs(c["w"] * c["x"] + c["b"]) == 50 for c in PARITY_CASES)
    assert worst > 0  # two independent implementations, not the same numbers read twice


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


def _assert_close(actual: np.ndarray, reference: np.ndarray, label: object) -> float:
    assert actual.shape == reference.shape, (label, actual.shape, reference.shape)
    difference = np.abs(actual - reference) / np.maximum(np.abs(reference), ZERO_FLOOR)
    k = int(np.argmax(difference))
    assert difference[k] <= RTOL, (label, k, actual[k], reference[k])
    return float(difference[k])


def test_inverter_parity_with_neuron_demo(browser: Browser) -> None:
    worst = 0.0
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
            worst = max(worst, _assert_close(run[js_name], reference, (case, js_name)))
    assert worst > 0


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
    for case, run in zip(WIDGET_CASES, _flat_runs(browser, WIDGET_CASES), strict=True):
        expected = widget_cross_entropy_outputs(
            case["w"], case["b"], eta=case["eta"], num_epochs=case["epochs"]
        )
        _assert_close(run["output"], expected, case)
        # The arrays keep the true cross-entropy gradient at x = 1, y = 0: δ = a.
        assert np.array_equal(run["dCdw"], run["output"]), case
        assert np.array_equal(run["dCdb"], run["output"]), case
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


# ---------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------
DEFAULT = {
    "w": FAR_START[0],
    "b": FAR_START[1],
    "eta": SEED_ETA,
    "epochs": SEED_EPOCHS,
    "x": SEED_X,
    "y": SEED_Y,
}
CHANGES = {"w": 1.5, "b": -0.5, "eta": 0.5, "epochs": 50, "x": 0.5, "y": 1.0}


def test_each_control_changes_the_result(lab: LabPage) -> None:
    page = lab.open("en")
    setup = dict(DEFAULT)
    assert_matches_library(page, setup)
    for key, value in CHANGES.items():
        before = final_outputs(page)
        page.fill(f'[data-number="{key}"]', str(value))
        setup[key] = value
        after = final_outputs(page)
        assert after != before, key
        assert_matches_library(page, setup)
    # The slider moves the number field and the result with it.
    before = final_outputs(page)
    page.focus('[data-range="w"]')
    page.keyboard.press("ArrowRight")
    assert float(page.input_value('[data-number="w"]')) == pytest.approx(1.51)
    assert final_outputs(page) != before
    # The cost choice decides which runs are shown.
    page.check('input[name="nl-cost"][value="quadratic"]')
    assert set(final_outputs(page)) == {"quadratic"}
    page.check('input[name="nl-cost"][value="cross-entropy"]')
    assert set(final_outputs(page)) == {"cross-entropy"}


def test_presets_are_the_seed_experiments(lab: LabPage) -> None:
    page = lab.open("zh", "?w=5&b=-3&eta=2&epochs=10&x=2&y=1")
    for preset, (w, b) in (("near", NEAR_START), ("far", FAR_START)):
        page.click(f'[data-preset="{preset}"]')
        values = {key: float(page.input_value(f'[data-number="{key}"]')) for key in DEFAULT}
        assert values == {**DEFAULT, "w": w, "b": b}


def test_bad_number_is_flagged_and_ignored(lab: LabPage) -> None:
    page = lab.open("en")
    before = final_outputs(page)
    page.fill('[data-number="eta"]', "-1")
    assert page.get_attribute('[data-number="eta"]', "aria-invalid") == "true"
    assert "η" in page.text_content(".nl-status")
    assert final_outputs(page) == before
    page.fill('[data-number="eta"]', "0.15")
    assert page.get_attribute('[data-number="eta"]', "aria-invalid") is None
    assert page.text_content(".nl-status").strip() == ""


def _fact_number(text: str) -> tuple[float, float] | None:
    """The number a fact shows and half a unit of its last digit, or None if it is no number."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.(\d+))?)\s*", text)
    if not match:
        return None
    return float(match.group(1)), 0.5 * 10.0 ** -len(match.group(2) or "")


@pytest.mark.parametrize(("lang", "start"), [("zh", "far"), ("en", "near")])
def test_play_runs_to_the_library_value(lab: LabPage, lang: str, start: str) -> None:
    page = lab.open(lang)
    page.click(f'[data-preset="{start}"]')
    page.check('input[name="nl-cost"][value="both"]')
    assert epoch(page) == 0
    page.click(".nl-play")
    page.wait_for_function("() => +document.querySelector('.nl-epoch').dataset.epoch > 0")
    assert epoch(page) < SEED_EPOCHS  # it animates rather than jumping to the end
    page.wait_for_function(
        f"() => document.querySelector('.nl-epoch').dataset.epoch === '{SEED_EPOCHS}'",
        timeout=10_000,
    )
    w, b = NEAR_START if start == "near" else FAR_START
    shown = readout(page, "output")
    assert set(shown) == {"quadratic", "cross-entropy"}
    for cost, value in shown.items():
        expected = reference_output(cost, w, b, SEED_ETA, SEED_EPOCHS)
        assert relative_difference(value, expected) <= RTOL
        # The value the build quoted on the page (the fact hook's rounding).
        fact = page.text_content(f'[data-fact="{cost.replace("-", "_")}.{start}.a_final"]')
        assert fact is not None, "the reference table lacks this experiment"
        quoted = _fact_number(fact)
        assert quoted is not None, f"the fact hook left {fact!r} on the page"
        assert abs(quoted[0] - value) <= quoted[1] + 1e-12, (cost, fact, value)
    assert "300" in page.text_content(".nl-done")


def test_url_round_trips_the_setup(lab: LabPage) -> None:
    setup = {"w": 1.25, "b": -0.5, "eta": 0.3, "epochs": 120, "x": 0.5, "y": 1.0}
    query = "?" + "&".join(f"{k}={v}" for k, v in setup.items()) + "&cost=cross-entropy"
    page = lab.open("en", query)
    assert {k: float(page.input_value(f'[data-number="{k}"]')) for k in setup} == setup
    assert page.is_checked('input[name="nl-cost"][value="cross-entropy"]')
    assert_matches_library(page, setup)
    page.fill('[data-number="w"]', "2.5")
    url = page.evaluate("() => location.href")  # page.url lags behind replaceState
    assert "w=2.5" in url
    assert "cost=cross-entropy" in url
    page.reload()
    page.wait_for_selector(".nl-readout td[data-value]")
    assert float(page.input_value('[data-number="w"]')) == 2.5
    assert float(page.input_value('[data-number="epochs"]')) == 120
    assert_matches_library(page, {**setup, "w": 2.5})
    # A value out of range in the URL falls back to the seed's.
    page = lab.open("en", "?eta=-1&epochs=2.5&cost=cubic")
    assert float(page.input_value('[data-number="eta"]')) == SEED_ETA
    assert float(page.input_value('[data-number="epochs"]')) == SEED_EPOCHS
    assert page.is_checked('input[name="nl-cost"][value="both"]')


def _json_outputs(page: Page) -> dict[str, object]:
    """The lab's final output per run, parsed (a list per run on the inverter)."""
    items = page.eval_on_selector_all(
        ".nl-final-value",
        "els => els.map(e => [e.closest('[data-cost]').dataset.cost, e.dataset.value])",
    )
    return {run: json.loads(value) for run, value in items}


def test_inverter_preset_reproduces_the_figures_task(lab: LabPage) -> None:
    page = lab.open("zh")
    page.click('[data-more="inverter"]')
    assert page.is_checked('input[name="nl-task"][value="inverter"]')
    assert page.is_disabled('[data-number="x"]')
    assert page.is_disabled('[data-range="y"]')
    epochs = int(page.input_value('[data-number="epochs"]'))
    eta = float(page.input_value('[data-number="eta"]'))
    assert (eta, epochs) == (SEED_ETA, 3000)  # the figures' η and budget
    shown = _json_outputs(page)
    assert set(shown) == {"quadratic", "cross-entropy"}
    for cost, values in shown.items():
        expected = train(cost, *FAR_START, eta=eta, num_epochs=epochs, x=INVERTER.x, y=INVERTER.y)
        assert len(values) == 2
        for value, reference in zip(values, expected.output[-1], strict=True):
            assert relative_difference(value, float(reference)) <= RTOL, (cost, value)
    # One readout row and one legend entry per sample, in the page's language.
    keys = page.eval_on_selector_all(
        '.nl-readout td[data-cost="quadratic"]', "els => els.map(e => e.dataset.key)"
    )
    assert keys == ["w", "b", "output.0", "output.1", "cost", "dCdw"]
    legend = page.eval_on_selector_all(".nl-sample", "els => els.map(e => e.textContent)")
    assert legend == ["样本 x = 1 → y = 0", "样本 x = 0 → y = 1"]
    # The task lives in the URL, and the single-sample choice gives the x, y controls back.
    url = page.evaluate("() => location.href")
    assert "task=inverter" in url
    page.reload()
    page.wait_for_selector(".nl-readout td[data-value]")
    assert page.is_checked('input[name="nl-task"][value="inverter"]')
    assert _json_outputs(page) == shown
    page.check('input[name="nl-task"][value="single"]')
    assert not page.is_disabled('[data-number="x"]')
    assert_matches_library(page, {**DEFAULT, "eta": eta, "epochs": epochs})


def test_widget_preset_compares_the_book_step(lab: LabPage) -> None:
    page = lab.open("en", "?x=0.5&y=1&task=inverter")
    page.click('[data-more="widget"]')
    assert page.is_checked('input[name="nl-cost"][value="widget"]')
    assert float(page.input_value('[data-number="eta"]')) == BOOK_CROSS_ENTROPY_ETA
    assert page.is_disabled('input[name="nl-task"][value="inverter"]')
    shown = _json_outputs(page)
    assert set(shown) == {"book-widget", "cross-entropy"}
    widget = widget_cross_entropy_outputs(*FAR_START, num_epochs=SEED_EPOCHS)[-1]
    assert relative_difference(shown["book-widget"], float(widget)) <= RTOL
    true = reference_output("cross-entropy", *FAR_START, BOOK_CROSS_ENTROPY_ETA, SEED_EPOCHS)
    assert relative_difference(shown["cross-entropy"], true) <= RTOL
    # The book's facts: true gradient descent at η = 0.005 from (2, 2) ends near 0.78.
    assert shown["cross-entropy"] == pytest.approx(0.78, abs=0.005)
    assert "cost=widget" in page.evaluate("() => location.href")
    page.reload()
    page.wait_for_selector(".nl-readout td[data-value]")
    assert page.is_checked('input[name="nl-cost"][value="widget"]')
    assert _json_outputs(page) == shown


def _canvases(page: Page) -> list[str]:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.eval_on_selector_all("#neuron-lab canvas", "els => els.map(e => e.toDataURL())")


def _toggle_palette(page: Page, scheme: str) -> None:
    toggle = page.locator('form[data-md-component="palette"] label:visible')
    if toggle.count():
        toggle.first.click()
    else:
        page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_function(
        f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'"
    )


def test_switching_the_theme_redraws(lab: LabPage) -> None:
    page = lab.open("zh")
    start = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    other = "slate" if start != "slate" else "default"
    light = _canvases(page)
    _toggle_palette(page, other)
    dark = _canvases(page)
    assert all(a != b for a, b in zip(light, dark, strict=True))
    _toggle_palette(page, start)
    assert _canvases(page) == light


def test_keyboard_reaches_every_control(lab: LabPage) -> None:
    page = lab.open("en")
    # Material's focus-visible polyfill adds attributes on focus: name controls by ours.
    name = (
        "e => [e.type, e.name, e.dataset.preset, e.dataset.action, e.dataset.range, "
        "e.dataset.number].join('|')"
    )
    controls = page.eval_on_selector_all(
        "#neuron-lab button, #neuron-lab input:not([type=radio]), #neuron-lab input:checked",
        f"els => els.map({name})",
    )
    page.focus("#neuron-lab button")
    reached = []
    for _ in range(len(controls) + 5):
        reached.append(page.evaluate(f"() => ({name})(document.activeElement)"))
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", reached[-1]  # focus is visible
        page.keyboard.press("Tab")
        if not page.evaluate(
            "() => document.getElementById('neuron-lab').contains(document.activeElement)"
        ):
            break
    assert set(controls) <= set(reached)
    # Arrow keys move within the cost choice; Space and Enter press Play.
    page.focus('input[name="nl-cost"]:checked')
    page.keyboard.press("ArrowLeft")
    assert page.is_checked('input[name="nl-cost"][value="cross-entropy"]')
    page.focus(".nl-play")
    page.keyboard.press("Space")
    page.wait_for_function("() => +document.querySelector('.nl-epoch').dataset.epoch > 0")
    page.keyboard.press("Enter")  # pause
    paused = epoch(page)
    page.wait_for_timeout(200)
    assert 0 < epoch(page) == paused < SEED_EPOCHS
    page.focus('[data-action="step"]')
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelector('.nl-epoch').dataset.epoch === '{paused + 1}'"
    )
    page.focus('[data-action="reset"]')
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.nl-epoch').dataset.epoch === '0'")


def test_labels_are_in_the_page_language(lab: LabPage) -> None:
    chinese = re.compile(r"[\u4e00-\u9fff]")
    for lang in ("zh", "en"):
        page = lab.open(lang)
        texts = [
            page.text_content(selector)
            for selector in ('label[for="nl-w"]', ".nl-play", ".nl-final", '[data-preset="far"]')
        ]
        texts += page.eval_on_selector_all(
            "#neuron-lab [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
        )
        assert len(texts) == 4 + 6 + 3  # six sliders and three canvases carry aria-labels
        for text in texts:
            assert bool(chinese.search(text or "")) == (lang == "zh"), (lang, text)


def test_reduced_motion_shows_the_result_at_once(browser: Browser, base_url: str) -> None:
    lab = LabPage(browser, base_url, reduced_motion="reduce")
    page = lab.open("en")
    page.evaluate("""() => {
        window.seenEpochs = [];
        new MutationObserver(() => seenEpochs.push(
            document.querySelector('.nl-epoch').dataset.epoch))
          .observe(document.querySelector('.nl-epoch'), {attributes: true});
    }""")
    page.click(".nl-play")
    page.wait_for_timeout(400)
    seen = page.evaluate("() => seenEpochs")
    assert seen == [str(SEED_EPOCHS)] * len(seen)
    assert seen
    assert_matches_library(page, DEFAULT)
    lab.context.close()
    assert lab.problems == []


@pytest.mark.parametrize("width", [360, 1280])
def test_fits_the_width(browser: Browser, base_url: str, width: int) -> None:
    lab = LabPage(browser, base_url)
    lab.page.set_viewport_size({"width": width, "height": 800})
    page = lab.open("zh")
    overflow = page.evaluate("""() => {
        const lab = document.getElementById('neuron-lab').getBoundingClientRect();
        return [lab.right <= innerWidth, document.documentElement.scrollWidth <= innerWidth];
    }""")
    assert overflow == [True, True]
    lab.context.close()
    assert lab.problems == []
