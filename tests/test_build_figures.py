"""scripts/build_figures.py: reproducible output, nothing redrawn when nothing changed."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STEMS = ("sigmoid", "gradient-vs-output")


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "build_figures", ROOT / "scripts" / "build_figures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


def test_two_runs_are_byte_identical(script, tmp_path: Path) -> None:
    first = script.build(tmp_path / "a", stems=STEMS, workers=1)
    second = script.build(tmp_path / "b", stems=STEMS, workers=1)
    names = sorted(p.name for p in first)
    assert names == sorted(p.name for p in second)
    assert "sigmoid.zh.dark.svg" in names
    assert "facts.json" in names
    assert len(names) == 9
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_second_run_draws_nothing_and_a_source_change_redraws(
    script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    shutil.copytree(script.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(script, "PACKAGE_DIR", package)
    out = tmp_path / "out"
    assert len(script.build(out, stems=STEMS, langs=["en"], themes=["light"])) == 3
    assert script.build(out, stems=STEMS, langs=["en"], themes=["light"]) == []
    with (package / "neuron.py").open("a", encoding="utf-8") as source:
        source.write("\n# touched\n")
    redrawn = script.build(out, stems=STEMS, langs=["en"], themes=["light"])
    assert sorted(p.name for p in redrawn) == sorted(
        ["facts.json", "sigmoid.en.light.svg", "gradient-vs-output.en.light.svg"]
    )


def test_deleted_output_is_redrawn(script, tmp_path: Path) -> None:
    out = tmp_path / "out"
    script.build(out, stems=["sigmoid"], langs=["zh"], themes=["dark"], workers=1)
    (out / "sigmoid.zh.dark.svg").unlink()
    assert [
        p.name for p in script.build(out, stems=["sigmoid"], langs=["zh"], themes=["dark"])
    ] == ["sigmoid.zh.dark.svg"]


def test_command_line_writes_facts_where_asked(
    script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Restrict the catalogue to one figure so the test stays fast.
    from neuron_demo.site.figures import catalogue

    monkeypatch.setattr(catalogue, "CATALOGUE", {"sigmoid": catalogue.CATALOGUE["sigmoid"]})
    facts = tmp_path / "elsewhere" / "facts.json"
    status = script.main(
        ["--out", str(tmp_path / "figs"), "--lang", "en", "--theme", "dark", "--facts", str(facts)]
    )
    assert status == 0
    assert json.loads(facts.read_text(encoding="utf-8"))["near.a0"] == "0.82"
    assert sorted(p.name for p in (tmp_path / "figs").glob("*.svg")) == ["sigmoid.en.dark.svg"]


def test_catalogue_is_written_once_and_readiness_is_announced(
    script, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = tmp_path / "catalogue.json"
    one = {"stems": ["sigmoid"], "langs": ["en"], "themes": ["light"], "catalogue": catalogue}
    assert catalogue in script.build(tmp_path / "out", **one)
    written = script.build(tmp_path / "out2", announce=True, **one)
    assert capsys.readouterr().out.splitlines() == ["catalogue", "facts"]
    assert catalogue not in written  # already current from the first build
    entry = json.loads(catalogue.read_text(encoding="utf-8"))["figures"]["sigmoid"]
    assert set(entry) == {"alt", "caption", "lab"}
    assert entry["lab"] is None  # σ is no run: no link to the lab
    assert set(entry["alt"]) == {"zh", "en"}


def test_figures_sharing_the_facts_data_are_drawn_with_the_facts(script) -> None:
    todo = [
        ("sigmoid", "en", "light"),
        ("learning-heatmap-inverter", "en", "light"),
        ("eta-sweep", "zh", "dark"),
        ("cost-surfaces", "en", "light"),
    ]
    here, there = script.split_jobs(todo, facts_stale=True)
    assert here == [todo[1], todo[2]]
    assert there == [todo[3], todo[0]]  # later figures of the story first
    assert script.split_jobs(todo, facts_stale=False) == ([], todo[::-1])
