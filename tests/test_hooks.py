"""The site's hooks, where they decide something of their own (no mkdocs build here).

The built site, where every hook's effect shows, is tested in test_site_build.py and the
browser tests; these are the decisions behind them.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


english = load("english")
notebooks = load("notebooks")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of a few files, as the English hook sees it."""
    for name in ("docs/en/index.md", "docs/en.yml", "mkdocs.yml", "src/neuron_demo/a.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    monkeypatch.setattr(english, "ROOT", tmp_path)
    return tmp_path


def test_the_english_build_is_skipped_only_while_its_inputs_stand_still(tree: Path) -> None:
    key = english.fingerprint("strict=True")
    assert english.fingerprint("strict=True") == key
    assert english.fingerprint("strict=False") != key  # the settings count
    page = tree / "docs" / "en" / "index.md"
    page.write_text("changed")
    os.utime(page, ns=(1, 1))
    assert english.fingerprint("strict=True") != key  # an English page
    key = english.fingerprint("strict=True")
    (tree / "src" / "neuron_demo" / "b.py").write_text("new")
    assert english.fingerprint("strict=True") != key  # the library


def test_a_chinese_page_does_not_touch_the_english_fingerprint(tree: Path) -> None:
    key = english.fingerprint("")
    (tree / "docs" / "index.md").write_text("中文")
    assert english.fingerprint("") == key


def _notebook(path: Path, cells: list[dict]) -> Path:
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    return path


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def test_notebook_anchors_are_the_toc_slugs_of_the_english_headings(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path / "nb.ipynb",
        [
            _markdown("# Run it yourself\n\nText"),
            _markdown("## Setup"),
            _markdown("## Setup\n### σ cancels"),
        ],
    )
    assert notebooks.heading_ids(path) == ["run-it-yourself", "setup", "setup_1", "cancels"]


def test_output_images_take_their_cells_alt_text_in_order(tmp_path: Path) -> None:
    def code(alt: str | None, *kinds: str) -> dict:
        outputs = [{"output_type": "display_data", "data": {kind: "x" for kind in kinds}}]
        metadata = {} if alt is None else {"alt": alt}
        return {"cell_type": "code", "metadata": metadata, "source": [], "outputs": outputs}

    path = _notebook(
        tmp_path / "nb.ipynb",
        [
            code("two curves", "image/png"),
            code("a table", "text/html", "image/png"),
            code("a figure", "image/svg+xml", "text/plain"),
            code(None, "image/jpeg"),
        ],
    )
    # An output with an HTML form is shown as HTML: it has no <img> to describe.
    assert notebooks.image_alts(path) == ["two curves", "a figure", None]
