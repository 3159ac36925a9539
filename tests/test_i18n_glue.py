"""The notebook execution cache of hooks/i18n_glue.py: execute once per change, and wait
for an execution only when its page is read."""

from __future__ import annotations

import importlib.util
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

HOOK = Path(__file__).resolve().parent.parent / "hooks" / "i18n_glue.py"


@pytest.fixture(scope="module")
def glue():
    spec = importlib.util.spec_from_file_location("i18n_glue_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("A = 1\n")
    (pkg / "sub" / "b.py").write_text("B = 2\n")
    return pkg


def test_package_digest_changes_with_any_source_file(glue, package: Path) -> None:
    before = glue.package_digest(package)
    (package / "sub" / "b.py").write_text("B = 3\n")
    assert glue.package_digest(package) != before


def test_package_digest_ignores_bytecode_caches(glue, package: Path) -> None:
    before = glue.package_digest(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\x00")
    assert glue.package_digest(package) == before


def test_cache_key_depends_on_notebook_and_package(glue, tmp_path: Path) -> None:
    notebook = tmp_path / "n.zh.ipynb"
    notebook.write_text('{"cells": []}')
    key = glue.cache_key(notebook, "pkg-1")
    assert glue.cache_key(notebook, "pkg-1") == key
    assert glue.cache_key(notebook, "pkg-2") != key
    notebook.write_text('{"cells": [] }')
    assert glue.cache_key(notebook, "pkg-1") != key


def test_cached_notebook_is_not_executed_again(glue, tmp_path: Path, monkeypatch) -> None:
    notebook = tmp_path / "n.en.ipynb"
    notebook.write_text('{"cells": []}')
    cached = tmp_path / "cache" / glue.cache_key(notebook, "pkg") / notebook.name
    cached.parent.mkdir(parents=True)
    cached.write_text("executed")

    def must_not_run(*args: object) -> None:
        raise AssertionError("a cached notebook was executed again")

    monkeypatch.setattr(glue, "execute_notebook", must_not_run)
    assert glue.executed_copy(notebook, "pkg", tmp_path / "cache") == cached


def test_new_version_replaces_only_its_own_stale_copy(glue, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    for name in ("old-key/n.zh.ipynb", "other-key/n.en.ipynb"):
        (cache / name).parent.mkdir(parents=True)
        (cache / name).write_text("stale")
    notebook = tmp_path / "n.zh.ipynb"
    notebook.write_text('{"cells": []}')
    monkeypatch.setattr(glue, "execute_notebook", lambda nb, out: out.write_text("run"))
    (cache / glue.cache_key(notebook, "pkg")).mkdir()
    fresh = glue.executed_copy(notebook, "pkg", cache)
    assert fresh.read_text() == "run"
    assert not (cache / "old-key").exists()
    assert (cache / "other-key" / "n.en.ipynb").is_file()


def _page_file(glue, tmp_path: Path):
    config = SimpleNamespace(
        docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"), use_directory_urls=True
    )
    return glue._notebook_page("practice/notebook.zh.ipynb", "zh", "zh", config)


def test_notebook_page_reads_the_docs_notebook_without_execution(glue, tmp_path: Path) -> None:
    page_file = _page_file(glue, tmp_path)
    assert page_file.abs_src_path == str(tmp_path / "docs" / "practice" / "notebook.zh.ipynb")
    assert page_file.dest_uri == "practice/notebook/index.html"


def test_notebook_page_waits_for_its_execution_only_when_read(glue, tmp_path: Path) -> None:
    page_file = _page_file(glue, tmp_path)
    executed = tmp_path / "cache" / "key" / "notebook.zh.ipynb"
    started, release = threading.Event(), threading.Event()

    def execute() -> Path:
        started.set()
        release.wait()
        return executed

    with ThreadPoolExecutor(1) as pool:
        page_file.executed = execution = pool.submit(execute)
        started.wait()
        assert not execution.done()  # handing the page its execution did not wait for it
        # Asking for the source waits until the execution has finished.
        threading.Timer(0.05, release.set).start()
        assert page_file.abs_src_path == str(executed)
        assert execution.done()
    assert page_file.abs_src_path == str(executed)


def test_notebook_page_fails_with_its_execution(glue, tmp_path: Path) -> None:
    page_file = _page_file(glue, tmp_path)
    failed: Future[Path] = Future()
    failed.set_exception(PluginError("Notebook n.zh.ipynb failed to execute: ValueError"))
    page_file.executed = failed
    with pytest.raises(PluginError, match="failed to execute"):
        _ = page_file.abs_src_path
