"""The neuron lab's page in a real browser: controls, links, playback, themes, keyboard.

Uses the built site, served by the shared fixtures of ``conftest.py`` (``browser``,
``base_url``). The lab's maths against neuron_demo is ``test_lab_parity.py``. Playback is
driven by Playwright's clock (``page.clock``), which also drives requestAnimationFrame, so
no test depends on how fast the machine draws.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response

from neuron_demo.book import BOOK_CROSS_ENTROPY_ETA, widget_cross_entropy_outputs
from neuron_demo.setups import (
    FAR_START,
    INVERTER,
    NEAR_START,
    STORY_EPOCHS,
    STORY_ETA,
    STORY_X,
    STORY_Y,
)
from neuron_demo.site import THEMES
from neuron_demo.site.figures.palette import PALETTES
from neuron_demo.train import train

from .test_lab_parity import RTOL, relative_difference

pytestmark = pytest.mark.browser

PAGES = {"zh": "practice/lab/", "en": "en/practice/lab/"}


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
        self.page.clock.install()  # runs as usual until a test pauses it (see freeze)
        self.page.goto(self.base_url + PAGES[lang] + query)
        self.page.wait_for_selector("#neuron-lab .nl-readout td[data-value]")
        return self.page


def freeze(page: Page) -> None:
    """Stop the page's clock: from now on, time (and animation frames) moves by run_for only."""
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)


@pytest.fixture
def lab(browser: Browser, base_url: str) -> Iterator[LabPage]:
    page = LabPage(browser, base_url)
    yield page
    page.context.close()
    assert page.problems == []


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


DEFAULT = {
    "w": FAR_START[0],
    "b": FAR_START[1],
    "eta": STORY_ETA,
    "epochs": STORY_EPOCHS,
    "x": STORY_X,
    "y": STORY_Y,
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


def test_presets_are_the_storys_starts(lab: LabPage) -> None:
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
    freeze(page)
    assert epoch(page) == 0
    page.click(".nl-play")
    page.clock.run_for(200)  # a dozen frames of a run that takes about three seconds
    assert 0 < epoch(page) < STORY_EPOCHS  # it animates rather than jumping to the end
    page.clock.run_for(5000)
    assert epoch(page) == STORY_EPOCHS
    w, b = NEAR_START if start == "near" else FAR_START
    shown = readout(page, "output")
    assert set(shown) == {"quadratic", "cross-entropy"}
    for cost, value in shown.items():
        expected = reference_output(cost, w, b, STORY_ETA, STORY_EPOCHS)
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
    assert page.is_hidden(".nl-notice")  # nothing of this link was ignored
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
    # A value out of range in the URL falls back to the default.
    page = lab.open("en", "?eta=-1&epochs=2.5&cost=cubic")
    assert float(page.input_value('[data-number="eta"]')) == STORY_ETA
    assert float(page.input_value('[data-number="epochs"]')) == STORY_EPOCHS
    assert page.is_checked('input[name="nl-cost"][value="both"]')
    assert page.text_content(".nl-notice") == (
        "This link's eta=-1, epochs=2.5, cost=cubic could not be used, so the lab shows its "
        "defaults for them."
    )
    page.fill('[data-number="w"]', "1")  # the reader moves on: the notice goes
    assert page.is_hidden(".nl-notice")


# Links a reader may paste, each with the parts the lab must ignore. The lab must draw with
# the defaults for those, throw nothing (the fixture fails on any page or console error),
# inject nothing, and name the ignored parts in one sentence in the page's language.
HOSTILE_LINKS = [
    ("?task=constructor", ["task=constructor"]),
    ("?task=__proto__&cost=toString", ["task=__proto__", "cost=toString"]),
    ("?cost=hasOwnProperty&task=valueOf", ["cost=hasOwnProperty", "task=valueOf"]),
    ("?__proto__=1&constructor=2&nonsense", ["__proto__=1", "constructor=2", "nonsense="]),
    ("?w=1e400&b=-1e999&eta=1e308&epochs=1e9", ["w=1e400", "b=-1e999", "eta=1e308", "epochs"]),
    ("?w=0x10&b=1,5&eta=.&epochs=Infinity&y=NaN", ["w=0x10", "b=1,5", "eta=.", "epochs="]),
    ("?w=1.5&w=2.5&cost=quadratic&cost=both", ["w=2.5", "cost=both"]),
    ("?w=%E0%A4%A&b=%&x=%zz", ["w=", "b=%", "x=%zz"]),
    (
        "?w=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E&task=%3Cscript%3Ewindow.pwned%3D1"
        "%3C%2Fscript%3E&y=%22%3E%3Csvg%20onload%3Dwindow.pwned%3D1%3E",
        ["w=<img", "task=<script>", 'y=">'],
    ),
    # 10 KB of unknown keys (GitHub Pages and the test server refuse URLs of 64 KB).
    ("?" + "&".join(f"k{i}={'9' * 100}" for i in range(100)), ["k0=999", "k4=999", "95"]),
]
HOSTILE_IDS = [
    "task-constructor",
    "prototype-names",
    "object-methods",
    "unknown-keys",
    "huge-numbers",
    "malformed-numbers",
    "repeated-keys",
    "broken-percent-encoding",
    "markup",
    "long-link",
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("query", "named"), HOSTILE_LINKS, ids=HOSTILE_IDS)
def test_hostile_links_leave_a_working_lab(
    lab: LabPage, lang: str, query: str, named: list[str]
) -> None:
    page = lab.open(lang, query)
    assert page.evaluate("() => window.pwned") is None
    assert page.query_selector("#neuron-lab img, #neuron-lab script, #neuron-lab svg") is None
    notice = page.text_content(".nl-notice") or ""
    assert page.is_visible(".nl-notice")
    for part in named:
        assert part in notice, (part, notice)
    assert bool(re.search(r"[\u4e00-\u9fff]", notice)) == (lang == "zh"), notice
    # What was ignored takes the default; what was valid (the first w, cost) is used.
    values = {key: float(page.input_value(f'[data-number="{key}"]')) for key in DEFAULT}
    if query.startswith("?w=1.5&w=2.5"):
        assert values == {**DEFAULT, "w": 1.5}
        assert page.is_checked('input[name="nl-cost"][value="quadratic"]')
    else:
        assert values == DEFAULT
        assert page.is_checked('input[name="nl-cost"][value="both"]')
        assert page.is_checked('input[name="nl-task"][value="single"]')
    assert_matches_library(page, {**values, "epochs": int(values["epochs"])})


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
    assert (eta, epochs) == (STORY_ETA, 3000)  # the figures' η and budget
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
    widget = widget_cross_entropy_outputs(*FAR_START, num_epochs=STORY_EPOCHS)[-1]
    assert relative_difference(shown["book-widget"], float(widget)) <= RTOL
    true = reference_output("cross-entropy", *FAR_START, BOOK_CROSS_ENTROPY_ETA, STORY_EPOCHS)
    assert relative_difference(shown["cross-entropy"], true) <= RTOL
    # The book's facts: true gradient descent at η = 0.005 from (2, 2) ends near 0.78.
    assert shown["cross-entropy"] == pytest.approx(0.78, abs=0.005)
    assert "cost=widget" in page.evaluate("() => location.href")
    page.reload()
    page.wait_for_selector(".nl-readout td[data-value]")
    assert page.is_checked('input[name="nl-cost"][value="widget"]')
    assert _json_outputs(page) == shown


def _next_frames(page: Page) -> None:
    """Return once the page has drawn two more frames (a redraw asked for has happened)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _canvases(page: Page) -> list[str]:
    _next_frames(page)
    return page.eval_on_selector_all("#neuron-lab canvas", "els => els.map(e => e.toDataURL())")


def _toggle_palette(page: Page, scheme: str) -> None:
    toggle = page.locator("form[data-palette] label:visible")
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
    freeze(page)
    page.focus(".nl-play")
    page.keyboard.press("Space")
    page.clock.run_for(200)
    page.keyboard.press("Enter")  # pause
    paused = epoch(page)
    page.clock.run_for(2000)
    assert 0 < epoch(page) == paused < STORY_EPOCHS
    page.focus('[data-action="step"]')
    page.keyboard.press("Enter")
    page.clock.run_for(100)
    assert epoch(page) == paused + 1
    page.focus('[data-action="reset"]')
    page.keyboard.press("Space")
    page.clock.run_for(100)
    assert epoch(page) == 0


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
    freeze(page)
    page.evaluate("""() => {
        window.seenEpochs = [];
        new MutationObserver(() => seenEpochs.push(
            document.querySelector('.nl-epoch').dataset.epoch))
          .observe(document.querySelector('.nl-epoch'), {attributes: true});
    }""")
    page.click(".nl-play")
    page.clock.run_for(400)
    seen = page.evaluate("() => seenEpochs")
    assert seen == [str(STORY_EPOCHS)] * len(seen)
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


def _figure_lab_links(site: Path) -> dict[str, set[str]]:
    """Per language, the lab links of the figures' captions: their query strings."""
    links: dict[str, set[str]] = {"zh": set(), "en": set()}
    for page in site.rglob("index.html"):
        lang = "en" if page.relative_to(site).parts[0] == "en" else "zh"
        for caption in re.findall(r"<figcaption>(.*?)</figcaption>", page.read_text("utf-8")):
            links[lang] |= set(re.findall(r'href="[^"]*practice/lab/\?([^"]+)"', caption))
    return links


def test_every_figure_link_opens_the_lab_on_its_setup(lab: LabPage, built_site: Path) -> None:
    links = _figure_lab_links(built_site)
    assert len(links["zh"]) >= 7  # four runs, both costs from far, the inverter, the widget
    assert links["zh"] == links["en"]
    for lang, queries in links.items():
        for query in sorted(queries):
            params = dict(parse_qsl(unescape(query)))
            page = lab.open(lang, "?" + unescape(query))
            assert page.is_hidden(".nl-notice"), (query, page.text_content(".nl-notice"))
            for key in DEFAULT:
                assert float(page.input_value(f'[data-number="{key}"]')) == float(params[key])
            assert page.is_checked(f'input[name="nl-cost"][value="{params["cost"]}"]')
            assert page.is_checked(f'input[name="nl-task"][value="{params["task"]}"]')


def _opaque_colours(page: Page) -> dict[str, int]:
    """How many pixels of the lab's chart canvases have each fully opaque colour."""
    _next_frames(page)
    return page.eval_on_selector_all(
        "#neuron-lab canvas",
        """canvases => {
          const count = {};
          for (const canvas of canvases) {
            const {width, height} = canvas;
            const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] !== 255) continue;
              const hex = "#" + [0, 1, 2]
                .map((k) => data[i + k].toString(16).padStart(2, "0")).join("");
              count[hex] = (count[hex] || 0) + 1;
            }
          }
          return count;
        }""",
    )


@pytest.mark.parametrize("theme", THEMES)
def test_each_cost_has_one_colour_in_figures_notebook_and_lab(
    browser: Browser, base_url: str, built_site: Path, theme: str
) -> None:
    # The palette is written down once (neuron_demo.site.figures.palette); each cost's colour
    # is what the site's figures and the notebook's figures stroke their curves with, and
    # what the lab paints: whole pixels of that colour on its chart after a run.
    palette = PALETTES[theme]
    colours = {cost: palette.cost(cost).lower() for cost in ("quadratic", "cross-entropy")}
    assert len(set(colours.values())) == 2

    figure = (built_site / "figures" / f"far-start-comparison.zh.{theme}.svg").read_text("utf-8")
    outputs = sorted((built_site / "practice" / "notebook").glob(f"output-*.{theme}.svg"))
    assert outputs, "the notebook page has no figure in this theme"
    notebook = "".join(path.read_text("utf-8") for path in outputs)
    for cost, colour in colours.items():
        assert f"stroke: {colour}" in figure.lower(), (cost, "figure")
        assert f"stroke: {colour}" in notebook.lower(), (cost, "notebook")

    page_ = LabPage(browser, base_url)
    try:
        page = page_.open("zh", "?cost=both&epochs=60")
        scheme = "slate" if theme == "dark" else "default"
        if page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") != scheme:
            _toggle_palette(page, scheme)
        freeze(page)
        page.click(".nl-play")
        page.clock.run_for(5000)
        assert epoch(page) == 60
        page.clock.resume()  # animation frames again, for the drawing to be read
        painted = _opaque_colours(page)
        for cost, colour in colours.items():
            assert painted.get(colour, 0) >= 50, (cost, colour, theme)
    finally:
        page_.context.close()
    assert page_.problems == []
