"""The package's shape: what importing it costs, and how its modules depend on each other.

- ``import neuron_demo`` (and its command line) needs numpy and nothing else outside the
  standard library; matplotlib belongs to the site's wing, numba to an optional extra.
- No two modules of the package import each other, directly or around a circle.
- Bad input is a `ParameterError` that names its parameter, so callers need not parse
  messages.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import neuron_demo as nd

PACKAGE = Path(nd.__file__).parent
CORE = ["neuron_demo", "neuron_demo.cli"]


def third_party_imports(module: str) -> list[str]:
    """The top-level modules outside the standard library that importing ``module`` loads."""
    code = (
        f"import sys, {module}\n"
        "names = {m.split('.')[0] for m in sys.modules}\n"
        "print('\\n'.join(sorted(names - set(sys.stdlib_module_names))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return [name for name in done.stdout.split() if not name.startswith("_")]


@pytest.mark.parametrize("module", CORE)
def test_the_core_needs_numpy_only(module: str) -> None:
    assert third_party_imports(module) == ["neuron_demo", "numpy"]


def test_the_site_wing_is_what_brings_matplotlib() -> None:
    # The check above can fail: importing the facts does load matplotlib.
    assert "matplotlib" in third_party_imports("neuron_demo.site.facts")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    # Modules of the package that ``path`` imports, resolved to absolute names. Imports
    # inside functions count too: a circle through a lazy import is still a circle.
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # "from . import _validate" imports the module, not the package's __init__.
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            targets = submodules + ([] if set(submodules) <= modules else [base])
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t.startswith("neuron_demo")}
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in _imports(path, name, set(modules)) if m in modules and m != name}
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node, [node])):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle() -> None:
    graph = import_graph()
    assert "neuron_demo.costs" in graph["neuron_demo.train"]  # the graph sees imports
    assert _cycle(graph) is None


@pytest.mark.parametrize(
    ("call", "parameter", "message"),
    [
        (lambda: nd.train("quadratic", 1, 1, eta=0, num_epochs=3), "eta", "eta must be"),
        (lambda: nd.train("quadratic", 1, 1, eta=1, num_epochs=-1), "num_epochs", "num_epochs"),
        (lambda: nd.get_cost("cubic"), "cost", "cost must be one of"),
        (
            lambda: nd.train("quadratic", 1, 1, eta=1, num_epochs=1, x=[1, 0], y=[0]),
            "y",
            "x and y must hold the same number of samples",
        ),
        (
            lambda: nd.epochs_to_learn("quadratic", [1, 2], [1, 2, 3], eta=1, max_epochs=1),
            "b",
            "w and b must broadcast together",
        ),
    ],
)
def test_bad_input_names_its_parameter(call, parameter: str, message: str) -> None:
    with pytest.raises(nd.ParameterError) as error:
        call()
    assert error.value.parameter == parameter
    assert str(error.value).startswith(message)
    assert str(error.value).endswith(error.value.requirement)
    assert isinstance(error.value, ValueError)


def test_large_sweeps_run_in_numpy_without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    # numba is optional: a sweep large enough for the compiled kernel still runs, in numpy.
    monkeypatch.setitem(sys.modules, "numba", None)  # as if it were not installed
    monkeypatch.setattr(sys.modules["neuron_demo.train"], "_COMPILE_FROM", 0)
    w = np.linspace(-3, 3, 9)
    sweep = nd.epochs_to_learn("quadratic", w, 0.0, eta=1.0, max_epochs=400)
    for start, epochs in zip(w, sweep, strict=True):
        run = nd.train("quadratic", start, 0.0, eta=1.0, num_epochs=400)
        learned = np.flatnonzero(run.output <= 0.1)
        assert epochs == (learned[0] if learned.size else nd.NEVER)
