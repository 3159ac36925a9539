"""The data behind each figure, read back from its axes, and the missing-glyph guard."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from matplotlib.figure import Figure
from prose import pages

from neuron_demo import NEVER
from neuron_demo.site.figures import CATALOGUE, MissingGlyphError, data, get_figure, plots
from neuron_demo.site.figures.labels import LABELS, label, significant
from neuron_demo.site.figures.style import svg_bytes, themed

STEMS = [
    "cost-vs-output",
    "sigmoid",
    "run-quadratic-near",
    "run-quadratic-far",
    "run-cross-entropy-near",
    "run-cross-entropy-far",
    "far-start-comparison",
    "gradient-vs-output",
    "cost-surfaces",
    "learning-heatmap-inverter",
    "learning-heatmap-z0-eta",
    "eta-sweep",
    "book-widget",
    "backprop-chain",
]


def _sigma(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_catalogue_has_exactly_the_contributing_stems() -> None:
    assert list(CATALOGUE) == STEMS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_is_shown_with_alt_text_and_a_caption(lang: str) -> None:
    # A page shows a figure as ![alt](figure:STEM) inside a <figure> with a <figcaption>.
    shown = {}
    for page, path in pages(lang).items():
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"<figure markdown=\"span\">\n(.*?)\n</figure>", text, re.S):
            image, caption = block.split("\n", 1)
            match = re.fullmatch(r"!\[([^\]]+)\]\(figure:([\w-]+)\)", image)
            assert match, (page, image)
            assert re.fullmatch(r'<figcaption markdown="span">.+</figcaption>', caption), page
            shown[match.group(2)] = page
    assert sorted(shown) == sorted(STEMS)


def test_unknown_stem_and_language_are_one_line_errors() -> None:
    with pytest.raises(ValueError, match="stem must be one of"):
        get_figure("nope")
    with pytest.raises(ValueError, match="lang must be one of zh, en"):
        label("epoch", "fr")
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        plots.sigmoid_figure(data.sigmoid_curves(11), "en", "sepia")


def test_every_label_has_both_languages() -> None:
    assert all(set(entry) == {"zh", "en"} for entry in LABELS.values())


def test_significant_keeps_two_digits() -> None:
    assert [significant(v) for v in (0.2, 0.0936, 56.6, 0.0996)] == ["0.20", "0.094", "57", "0.10"]


def test_cost_curves_are_the_two_costs_and_the_swapped_one() -> None:
    curves = data.cost_curves(num_points=9)
    a = np.arange(1, 10) / 10
    np.testing.assert_allclose(curves.a, a)
    y = 0.7
    expected = {
        0.0: {"quadratic": a**2 / 2, "cross-entropy": -np.log(1 - a)},
        y: {
            "quadratic": (y - a) ** 2 / 2,
            "cross-entropy": -(y * np.log(a) + (1 - y) * np.log(1 - a)),
        },
    }
    assert curves.targets == (0.0, y)
    for target, costs in expected.items():
        for cost, values in costs.items():
            np.testing.assert_allclose(curves.cost[target][cost], values, rtol=1e-12)
    # Swapped, it is the straight line −ln(1 − y) − a ln(y / (1 − y)): its minimum at an end.
    np.testing.assert_allclose(
        curves.swapped, -math.log(1 - y) - a * math.log(y / (1 - y)), rtol=1e-12
    )
    figure = plots.cost_curves_figure(curves, "en", "light")
    left, right = figure.axes
    np.testing.assert_allclose(left.get_lines()[1].get_ydata(), -np.log(1 - a), rtol=1e-12)
    (marked,) = [line for line in right.get_lines() if len(line.get_xdata()) == 1]
    assert marked.get_xdata()[0] == pytest.approx(y)


def test_the_cross_entropy_is_smallest_at_the_target_where_it_is_the_binary_entropy() -> None:
    y = 0.7
    entropy = -(y * math.log(y) + (1 - y) * math.log(1 - y))
    assert data.cross_entropy_minimum(y) == pytest.approx(entropy, rel=1e-12)
    assert data.cross_entropy_minimum(0.5) == pytest.approx(math.log(2), rel=1e-12)
    curves = data.cost_curves(num_points=999)
    lowest = int(np.argmin(curves.cost[y]["cross-entropy"]))
    assert curves.a[lowest] == pytest.approx(y)
    with pytest.raises(ValueError, match="y must lie strictly between 0 and 1"):
        data.cross_entropy_minimum(1.0)


def test_backprop_chain_is_hand_rolled_backpropagation() -> None:
    chain = data.backprop_chain(num_layers=4, w=1.0, b=0.0)
    # Forward by hand from x = 1: z¹ = w·1 + b, then zˡ = w·σ(zˡ⁻¹) + b.
    z = [1.0]
    for _ in range(3):
        z.append(_sigma(z[-1]))
    np.testing.assert_allclose(chain.z, z, rtol=1e-12)
    slope = [_sigma(v) * (1 - _sigma(v)) for v in z]
    a_top = _sigma(z[-1])
    expected = {"cross-entropy": [a_top - 0], "quadratic": [(a_top - 0) * slope[-1]]}
    for deltas in expected.values():
        for k in (2, 1, 0):
            deltas.insert(0, deltas[0] * 1.0 * slope[k])
    for cost, deltas in expected.items():
        np.testing.assert_allclose(chain.delta[cost], deltas, rtol=1e-12)
    # The costs differ by 1/σ'(z^L) at every layer; each step back is at most 1/4 in size.
    np.testing.assert_allclose(
        chain.delta["cross-entropy"] / chain.delta["quadratic"], 1 / slope[-1], rtol=1e-12
    )
    assert np.all(chain.factor <= 0.25)
    figure = plots.backprop_chain_figure(chain, "zh", "light")
    lines = figure.axes[1].get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), expected["quadratic"], rtol=1e-12)
    np.testing.assert_allclose(lines[1].get_xdata(), [1, 2, 3, 4])


def test_backprop_chain_refuses_a_chain_too_short_or_a_weight_not_finite() -> None:
    with pytest.raises(ValueError, match="num_layers must be an integer >= 2"):
        data.backprop_chain(num_layers=1)
    with pytest.raises(ValueError, match="w must be finite"):
        data.backprop_chain(w=math.inf)


def test_sigmoid_lines_hold_sigma_and_its_derivative() -> None:
    curves = data.sigmoid_curves(num_points=13, z_max=6.0)
    figure = plots.sigmoid_figure(curves, "en", "light")
    sigma_line, prime_line = figure.axes[0].get_lines()[:2]
    z = [-6 + k for k in range(13)]
    np.testing.assert_allclose(sigma_line.get_xdata(), z)
    np.testing.assert_allclose(sigma_line.get_ydata(), [_sigma(v) for v in z], rtol=1e-12)
    np.testing.assert_allclose(
        prime_line.get_ydata(), [math.exp(-v) / (1 + math.exp(-v)) ** 2 for v in z], rtol=1e-12
    )


def test_run_figure_plots_output_and_cost_per_epoch() -> None:
    run = data.story_run("quadratic-near")
    figure = plots.run_figure(run, "zh", "dark")
    ax_a, ax_c = figure.axes
    output = ax_a.get_lines()[0].get_ydata()
    assert len(output) == 301
    assert output[0] == pytest.approx(_sigma(1.5), rel=1e-12)
    # One epoch by hand: δ = (a − 0)·σ'(z), w and b both move by η·δ (x = 1).
    a0 = _sigma(1.5)
    z1 = 1.5 - 2 * 0.15 * a0 * a0 * (1 - a0)
    assert output[1] == pytest.approx(_sigma(z1), rel=1e-12)
    assert ax_c.get_lines()[0].get_ydata()[0] == pytest.approx(a0**2 / 2, rel=1e-12)


def test_far_start_figure_has_both_costs_from_the_same_output() -> None:
    figure = plots.far_start_figure(data.far_runs(), "en", "light")
    lines = figure.axes[0].get_lines()
    assert len(lines) == 2
    for line in lines:
        assert line.get_ydata()[0] == pytest.approx(_sigma(4.0), rel=1e-12)
    quadratic, cross_entropy = (line.get_ydata() for line in lines)
    assert cross_entropy[50] < 0.2 < 0.9 < quadratic[50]


def test_gradient_curves_are_a_and_a_squared_one_minus_a() -> None:
    curves = data.gradient_curves(num_points=9)
    figure = plots.gradient_figure(curves, "en", "dark")
    quadratic, cross_entropy = figure.axes[0].get_lines()[:2]
    a = np.arange(1, 10) / 10
    np.testing.assert_allclose(quadratic.get_xdata(), a)
    np.testing.assert_allclose(quadratic.get_ydata(), a * a * (1 - a), rtol=1e-12)
    np.testing.assert_allclose(cross_entropy.get_ydata(), a, rtol=1e-12)


def test_cost_surfaces_hold_the_mean_inverter_cost() -> None:
    surfaces = data.cost_surfaces(num_points=7, num_epochs=20)
    w, b = surfaces.w[2], surfaces.b[5]
    a1, a0 = _sigma(w + b), _sigma(b)  # x = 1 -> target 0, x = 0 -> target 1
    quadratic = ((a1 - 0) ** 2 / 2 + (a0 - 1) ** 2 / 2) / 2
    cross_entropy = (-math.log(1 - a1) - math.log(a0)) / 2
    assert surfaces.cost["quadratic"][5, 2] == pytest.approx(quadratic, rel=1e-12)
    assert surfaces.cost["cross-entropy"][5, 2] == pytest.approx(cross_entropy, rel=1e-12)
    figure = plots.cost_surface_figure(surfaces, "zh", "light")
    path = figure.axes[0].get_lines()[0]
    np.testing.assert_allclose(path.get_xdata()[0], 0.6)
    assert len(path.get_xdata()) == 21


def test_inverter_heatmap_marks_unlearned_starts_and_matches_single_runs() -> None:
    heatmap = data.inverter_heatmap(num_points=5, extent=4.0, budget=1000)
    epochs = heatmap.panels["cross-entropy"].epochs
    figure = plots.inverter_heatmap_figure(heatmap, "en", "light")
    mesh = figure.axes[0].collections[0]
    assert np.ma.count_masked(mesh.get_array()) == np.count_nonzero(
        heatmap.panels["quadratic"].epochs == NEVER
    )
    # The start (0, 0) learned the inverter after exactly `k` epochs: check by hand-rolled GD.
    w = b = 0.0
    k = int(epochs[2, 2])
    assert k > 0
    for _ in range(k):
        a1, a0 = _sigma(w + b), _sigma(b)
        dw, db = (a1 - 0) / 2, ((a1 - 0) + (a0 - 1)) / 2
        w, b = w - 0.15 * dw, b - 0.15 * db
    assert _sigma(w + b) <= 0.1
    assert _sigma(b) >= 0.9
    w_prev, b_prev = 0.0, 0.0
    for _ in range(k - 1):
        a1, a0 = _sigma(w_prev + b_prev), _sigma(b_prev)
        w_prev, b_prev = w_prev - 0.15 * a1 / 2, b_prev - 0.15 * (a1 + a0 - 1) / 2
    assert not (_sigma(w_prev + b_prev) <= 0.1 and _sigma(b_prev) >= 0.9)


def test_inverter_heatmap_has_a_fair_panel_at_the_rule_of_thumb_eta() -> None:
    heatmap = data.inverter_heatmap(num_points=5, extent=4.0, budget=1000)
    assert [(p.cost, p.eta) for p in heatmap.panels.values()] == [
        ("quadratic", 0.15),
        ("cross-entropy", 0.15),
        ("quadratic", pytest.approx(0.9)),  # six times larger: the book's rule of thumb
    ]
    figure = plots.inverter_heatmap_figure(heatmap, "en", "light")
    titles = [ax.get_title() for ax in figure.axes[:3]]
    assert titles == [
        "quadratic cost\n$\\eta = 0.15$",
        "cross-entropy cost\n$\\eta = 0.15$",
        "quadratic cost\n$\\eta = 0.9$",
    ]
    # On this grid the six-times-larger step learns every start the shared η learns, sooner.
    fair = heatmap.panels["quadratic-rule-of-thumb"].epochs
    shared = heatmap.panels["quadratic"].epochs
    learned = (fair != NEVER) & (shared != NEVER)
    assert np.all(fair[learned] <= shared[learned])  # a larger step, never slower here


def test_z0_eta_heatmap_depends_on_z0_only() -> None:
    heatmap = data.z0_eta_heatmap(num_z0=5, num_eta=3, budget=300)
    assert heatmap.panels["quadratic"].epochs.shape == (3, 5)
    np.testing.assert_allclose(heatmap.y, [0.01, 0.31622776601683794, 10.0], rtol=1e-12)
    figure = plots.z0_eta_heatmap_figure(heatmap, "zh", "dark")
    assert figure.axes[0].get_yscale() == "log"
    # Larger z0 (more saturated) never learns faster under the quadratic cost.
    quadratic = heatmap.panels["quadratic"].epochs
    learned = np.where(quadratic == NEVER, 10**9, quadratic)
    assert np.all(np.diff(learned[:, 1:], axis=1) >= 0)


def test_eta_sweep_best_and_min_eta_follow_their_definitions() -> None:
    sweep = data.eta_sweep(num_points=7)
    for cost, result in sweep.results.items():
        learned = result.epochs[result.epochs != NEVER]
        assert np.all(np.diff(learned) <= 0)  # no overshoot with y = 0: more η, fewer epochs
        assert data.largest_step(cost, result.best_eta, result.best_epochs) <= 0.1
        above = float(significant(result.best_eta * 1.1))
        epochs = data._sweep_epochs(cost, above, 300)
        assert data.largest_step(cost, above, max(epochs, 1)) > 0.1
        assert data._sweep_epochs(cost, result.min_eta, 300) != NEVER
        assert data._sweep_epochs(cost, result.min_eta * 0.95, 300) == NEVER
    quadratic, cross_entropy = sweep.results["quadratic"], sweep.results["cross-entropy"]
    assert cross_entropy.best_epochs < quadratic.best_epochs
    figure = plots.eta_sweep_figure(sweep, "en", "light")
    marked = [line for line in figure.axes[0].get_lines() if len(line.get_xdata()) == 1]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in marked] == [
        (quadratic.best_eta, quadratic.best_epochs),
        (cross_entropy.best_eta, cross_entropy.best_epochs),
    ]


def test_book_widget_step_is_one_over_one_minus_a() -> None:
    book = data.book_widget(num_epochs=3)
    figure = plots.book_widget_figure(book, "zh", "light")
    widget = figure.axes[0].get_lines()[0].get_ydata()
    z = 1.5
    expected = [_sigma(z)]
    for _ in range(3):
        z -= 2 * 0.005 / (1 - _sigma(z))
        expected.append(_sigma(z))
    np.testing.assert_allclose(widget, expected, rtol=1e-12)


@pytest.mark.parametrize("stem", ["sigmoid", "eta-sweep", "learning-heatmap-z0-eta"])
def test_chinese_figures_render_without_missing_glyphs(stem: str) -> None:
    assert get_figure(stem).svg("zh", "dark").startswith(b"<?xml")


def test_a_missing_glyph_raises() -> None:
    with themed("light"):
        figure = Figure()
        figure.add_subplot().set_title("代价 \ue000")  # a private-use code point: no font has it
    with pytest.raises(MissingGlyphError, match="missing"):
        svg_bytes(figure, "light")


def test_svg_is_reproducible_and_has_no_metadata() -> None:
    first = get_figure("gradient-vs-output").svg("en", "light")
    second = get_figure("gradient-vs-output").svg("en", "light")
    assert first == second
    assert b"<dc:date>" not in first
    assert b"Matplotlib v" not in first


_SVG_ID = re.compile(r'(id="|#)([a-z]+[0-9a-f]{8,})')


def _without_ids(svg: bytes) -> str:
    # Matplotlib names markers, clip paths and hatches by hashes of their style, colour
    # included; number them in order of appearance instead.
    names: dict[str, str] = {}
    return _SVG_ID.sub(
        lambda m: m.group(1) + names.setdefault(m.group(2), f"id{len(names)}"),
        svg.decode("utf-8"),
    )


@pytest.mark.parametrize("stem", list(CATALOGUE))
def test_recoloured_light_svg_is_the_dark_figure(stem):
    # The build draws only the light theme and recolours it: that must be exactly what
    # drawing the dark theme gives, element for element.
    spec = CATALOGUE[stem]
    drawn_dark = svg_bytes(spec.figure("en", "dark"), "dark")
    assert _without_ids(spec.svg("en", "dark")) == _without_ids(drawn_dark)
    assert spec.svg("en", "dark") != spec.svg("en", "light")
