"""neuron_demo.site.build: each output remade only when its inputs change, reproducibly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from neuron_demo.site import build

STEMS = ("sigmoid", "gradient-vs-output")


def notebook(path: Path, *sources: str) -> Path:
    """A notebook of code cells at ``path``."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package that the key is computed from, so a test can edit it."""
    copy = tmp_path / "package"
    shutil.copytree(build.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build, "PACKAGE_DIR", copy)
    return copy


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    first = build.update(tmp_path / "a", {}, stems=STEMS, workers=1)
    second = build.update(tmp_path / "b", {}, stems=STEMS, workers=1)
    assert first == second
    assert "figures/sigmoid.zh.dark.svg" in first
    assert {"facts.json", "lab.json"} <= set(first)
    assert len([name for name in first if name.endswith(".svg")]) == 2 * 2 * 2
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_nothing_is_remade_until_the_package_changes(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build.update(out, {}, stems=STEMS)
    assert build.update(out, {}, stems=STEMS) == []
    with (package / "neuron.py").open("a", encoding="utf-8") as source:
        source.write("\n# touched\n")
    remade = build.update(out, {}, stems=STEMS)
    assert "facts.json" in remade
    assert "figures/gradient-vs-output.en.light.svg" in remade


def test_a_deleted_output_is_remade(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build.update(out, {}, stems=["sigmoid"], workers=1)
    (out / "figures" / "sigmoid.zh.dark.svg").unlink()
    assert "figures/sigmoid.zh.dark.svg" in build.update(out, {}, stems=["sigmoid"], workers=1)


def test_the_catalogue_gives_each_figure_its_lab_link(tmp_path: Path) -> None:
    build.update(tmp_path, {}, stems=["sigmoid", "run-quadratic-far"])
    labs = json.loads((tmp_path / "figures" / "catalogue.json").read_text(encoding="utf-8"))
    assert labs["sigmoid"] == {"lab": None}  # σ is no run: no link to the lab
    assert "w=2&b=2" in labs["run-quadratic-far"]["lab"]


def test_a_notebook_runs_again_only_when_it_changes(tmp_path: Path) -> None:
    source = notebook(tmp_path / "docs" / "nb.ipynb", "print(6 * 7)")
    pages = {("en", "nb.ipynb"): source}
    out = tmp_path / "out"
    assert "notebooks/en/nb.ipynb" in build.update(out, pages, stems=[])
    executed = nbformat.read(build.notebook_folder(out, "en") / "nb.ipynb", as_version=4)
    assert executed.cells[0].outputs[0].text == "42\n"
    assert build.update(out, pages, stems=[]) == []
    notebook(source, "print(6 * 9)")
    assert build.update(out, pages, stems=[]) == ["notebooks/en/nb.ipynb"]


def test_a_notebook_that_fails_is_one_line_naming_it(tmp_path: Path) -> None:
    source = notebook(tmp_path / "bad.ipynb", "1 / 0")
    with pytest.raises(RuntimeError, match=r"^notebook .*bad\.ipynb failed to execute: ") as error:
        build.update(tmp_path / "out", {("zh", "bad.ipynb"): source}, stems=[])
    assert "ZeroDivisionError" in str(error.value)
    assert "\n" not in str(error.value)


def test_the_sites_notebooks_are_found_in_both_projects() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    assert set(build.site_notebooks(docs)) == {
        ("zh", "practice/notebook.ipynb"),
        ("en", "practice/notebook.ipynb"),
    }


def test_started_work_is_waited_for_and_a_failure_reported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build.update(out, {}, stems=["sigmoid"])  # facts and figures current: notebooks only
    good = notebook(tmp_path / "good.ipynb", "print(1 + 1)")
    bad = notebook(tmp_path / "bad.ipynb", "1 / 0")
    pages = {("zh", "bad.ipynb"): bad, ("en", "good.ipynb"): good}
    build.start(out, pages)  # returns at once; a process of its own executes both
    build.wait(out, pages, ("en", "good.ipynb"))
    executed = nbformat.read(build.notebook_folder(out, "en") / "good.ipynb", as_version=4)
    assert executed.cells[0].outputs[0].text == "2\n"
    with pytest.raises(RuntimeError, match=r"^notebook .*bad\.ipynb failed to execute: "):
        build.wait(out, pages, ("zh", "bad.ipynb"))


def test_waiting_with_nobody_at_work_makes_the_output_here(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build.update(out, {}, stems=["sigmoid"])
    source = notebook(tmp_path / "nb.ipynb", "print(3)")
    build.wait(out, {("zh", "nb.ipynb"): source}, ("zh", "nb.ipynb"))  # no start before
    assert (build.notebook_folder(out, "zh") / "nb.ipynb").is_file()
    assert build.stale(out, {("zh", "nb.ipynb"): source}) == {}


def test_a_notebook_gives_the_same_file_whenever_it_runs(tmp_path: Path) -> None:
    # A figure's SVG carries a date (matplotlib's metadata); the kernel's SOURCE_DATE_EPOCH
    # makes it the same in every run, so two builds of the site are byte for byte alike.
    # (Its ids are fixed by svg.hashsalt, which the site's style sets: use_site_style.)
    source = notebook(
        tmp_path / "nb.ipynb",
        '%config InlineBackend.figure_formats = ["svg"]\n'
        "import matplotlib.pyplot as plt\n"
        'plt.rcParams["svg.hashsalt"] = "same"\n'
        "plt.plot([0, 1], [1, 0])\n"
        "plt.show()",
    )
    pages = {("en", "nb.ipynb"): source}
    outs = (tmp_path / "a", tmp_path / "b")
    for out in outs:  # each run in a process of its own, as a build runs it
        build.update(out, pages, stems=[])
    first, second = (build.notebook_folder(out, "en") / "nb.ipynb" for out in outs)
    assert "<dc:date>1970-01-01" in first.read_text(encoding="utf-8")
    assert first.read_bytes() == second.read_bytes()
