"""Bring what the site generates up to date: facts, figures and executed notebooks.

One folder holds it all (``generated/site/`` for the site's hooks)::

    figures/catalogue.json      every figure's stem and lab link (its setup as query)
    facts.json                  every fact, as the pages quote it
    lab.json                    the setups the neuron lab offers (the library's constants)
    figures/STEM.LANG.THEME.svg every figure, each language and theme
    notebooks/LANG/PATH.ipynb   each notebook, executed (PATH: its path in its project)
    stamp.json                  the input key each of these was made with
    lock, error.txt             held while they are being made; what went wrong

Each output is remade only when its inputs changed, judged by one key function,
`inputs_key`: the bytes of the package's source and the identity of the CJK font, and, for
a notebook, its own bytes. A check with nothing to do imports neither matplotlib nor the
kernel machinery and takes milliseconds. The work runs in worker processes, one per core:
figures by stem (a stem's data are computed once), notebooks each in its own kernel, while
the main process computes the facts and draws the figures that share the facts' data.

`update` does the work and returns. A site build instead calls `start`, which runs
`update` in a process of its own and returns at once, and then `wait` for each output
where it first needs it: the pages are read while the figures are drawn. The outputs are
stamped one by one as they are written, and the process holds ``lock`` until it is done;
a `wait` with nobody making what it waits for makes it itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from neuron_demo.site import LANGS, THEMES
from neuron_demo.site.figures.font import CJK_FONT_FILE

PACKAGE_DIR = Path(__file__).resolve().parent.parent
STAMP = "stamp.json"
LOCK = "lock"
ERROR = "error.txt"
FIGURES = "figures"
FACTS = "facts.json"
LAB = "lab.json"
CATALOGUE_JSON = "figures/catalogue.json"
NOTEBOOKS = "notebooks"
EXECUTION_TIMEOUT_S = 600
NOTEBOOK_DATE = "0"
"""``SOURCE_DATE_EPOCH`` for the notebooks' kernels: the date their figures say they were
drawn, the same for every build (1970-01-01)."""
POLL_S = 0.05


def inputs_key(*files: Path) -> str:
    """The hash of everything an output depends on: the package, the font and ``files``.

    The package is its Python source, file by file (names and bytes); the font, a file of
    10 MB from npm, is identified by its path, size and modification time.
    """
    digest = hashlib.sha256()
    for path in [*sorted(PACKAGE_DIR.rglob("*.py")), *files]:
        digest.update(f"{path.name}\0".encode() + path.read_bytes() + b"\0")
    font = CJK_FONT_FILE.stat() if CJK_FONT_FILE.exists() else None
    identity = (str(CJK_FONT_FILE), font.st_size, font.st_mtime_ns) if font else ("no font",)
    digest.update(repr(identity).encode())
    return digest.hexdigest()


def figure_names(stems: Sequence[str]) -> list[str]:
    """``STEM.LANG.THEME.svg`` for every stem, language and theme."""
    return [f"{stem}.{lang}.{theme}.svg" for stem in stems for lang in LANGS for theme in THEMES]


def notebook_folder(out: Path, lang: str) -> Path:
    """The folder of language ``lang``'s executed notebooks, laid out as its pages are."""
    return out / NOTEBOOKS / lang


def _write(path: Path, content: bytes) -> None:
    # Atomic: a build that reads the folder never sees half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(content)
    os.replace(partial, path)


def _write_json(path: Path, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    _write(path, (text + "\n").encode("utf-8"))


def _read_stamp(out: Path) -> dict[str, str]:
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _draw(stem: str) -> list[tuple[str, bytes]]:
    # Every variant of one stem, in a worker: the stem's data are computed once.
    from neuron_demo.site.figures.catalogue import get_figure

    spec = get_figure(stem)
    return [(spec.filename(l, t), spec.svg(l, t)) for l in LANGS for t in THEMES]  # noqa: E741


def execute_notebook(source: Path, target: Path) -> None:
    """Run every cell of ``source`` in a fresh kernel, started in its folder; write ``target``.

    A cell that raises fails with the notebook and the error's last line: a notebook that
    does not run is a broken page. The kernel talks over local sockets (over TCP,
    ipykernel warns about unencrypted traffic) and is shut down whatever happens. It runs
    with ``SOURCE_DATE_EPOCH`` set (`NOTEBOOK_DATE`), which matplotlib writes into a
    figure's metadata instead of the time it was drawn: the same notebook and library give
    the same file, whenever the site is built.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(source, as_version=4)
    with tempfile.TemporaryDirectory(prefix="ll-kernel-") as sockets:
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/k")
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=EXECUTION_TIMEOUT_S,
            record_timing=False,
            resources={"metadata": {"path": str(source.parent)}},
        )
        try:
            client.execute(env={**os.environ, "SOURCE_DATE_EPOCH": NOTEBOOK_DATE})
        except CellExecutionError as error:
            last = str(error).strip().splitlines()[-1]
            raise RuntimeError(f"notebook {source} failed to execute: {last}") from None
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel()
    _write(target, nbformat.writes(notebook).encode("utf-8"))


Notebook = tuple[str, str]  # (language, path of the page in its project)


def site_notebooks(docs: Path) -> dict[Notebook, Path]:
    """The notebook pages of both projects: Chinese in ``docs/``, English in ``docs/en/``."""
    roots = {"zh": docs, "en": docs / "en"}
    return {
        (lang, path.relative_to(root).as_posix()): path
        for lang, root in roots.items()
        for path in sorted(root.rglob("*.ipynb"))
        if lang != "zh" or path.relative_to(root).parts[0] != "en"
    }


def stale(out: Path, notebooks: dict[Notebook, Path]) -> dict[str | Notebook, str]:
    """The outputs to remake, each with the key it is to be stamped with.

    The outputs are ``"catalogue"``, ``"facts"``, ``"figures"`` and each notebook page.
    """
    stamp = _read_stamp(out)
    key = inputs_key()
    stems = stamp.get("stems", "").split()
    wanted: dict[str | Notebook, tuple[str, list[Path]]] = {
        "catalogue": (key, [out / CATALOGUE_JSON]),
        "facts": (key, [out / FACTS, out / LAB]),
        "figures": (key, [out / FIGURES / name for name in figure_names(stems)]),
        **{
            page: (inputs_key(source), [notebook_folder(out, page[0]) / page[1]])
            for page, source in notebooks.items()
        },
    }
    return {
        what: new_key
        for what, (new_key, files) in wanted.items()
        if stamp.get(_stamp_name(what)) != new_key or not all(f.is_file() for f in files)
    }


def _stamp_name(what: str | Notebook) -> str:
    return what if isinstance(what, str) else f"notebook:{what[0]}/{what[1]}"


@contextlib.contextmanager
def _exclusive(out: Path, *, block: bool = True) -> Iterator[int | None]:
    # The lock file's descriptor, locked (None if ``block`` is False and it is held).
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except BlockingIOError:
            yield None
            return
        yield fd
    finally:
        os.close(fd)


def update(
    out: Path,
    notebooks: dict[Notebook, Path],
    *,
    stems: Sequence[str] | None = None,
    workers: int | None = None,
) -> list[str]:
    """Remake what is stale in ``out``; return the outputs remade (empty when up to date).

    ``notebooks`` maps each notebook page, (language, path), to its source file; ``stems``
    restricts the figures (tests draw a few). Raises ``RuntimeError`` for a notebook that
    fails to run.
    """
    if not stale(out, notebooks):
        return []
    with _exclusive(out):
        return _remake(out, notebooks, stems, workers)


def _remake(
    out: Path, notebooks: dict[Notebook, Path], stems: Sequence[str] | None, workers: int | None
) -> list[str]:
    # The work of `update`, with the lock held; each output is stamped as soon as it is made.
    todo = stale(out, notebooks)
    if not todo:
        return []
    from neuron_demo.site.facts import DATA_SETS, compute_facts, lab_setups
    from neuron_demo.site.figures.catalogue import CATALOGUE
    from neuron_demo.site.figures.font import register_cjk_font

    stamp = _read_stamp(out)
    remade: list[str] = []

    key = inputs_key()

    def done(what: str | Notebook, *names: str) -> None:
        stamp[_stamp_name(what)] = todo.get(what, key)
        _write_json(out / STAMP, stamp)
        remade.extend(names)

    chosen = [s for s in CATALOGUE if stems is None or s in stems]
    if "catalogue" in todo or "figures" in todo:
        _write_json(out / CATALOGUE_JSON, {s: {"lab": CATALOGUE[s].lab_query()} for s in chosen})
        stamp["stems"] = " ".join(chosen)
        done("catalogue", CATALOGUE_JSON)
    register_cjk_font()  # before the workers fork, so that they share it
    drawing = chosen if "figures" in todo else []
    # Figures whose data the facts compute anyway are drawn here, the rest by the workers
    # (later, heavier figures of the story first, so the short ones fill the gaps).
    here = [s for s in drawing if CATALOGUE[s].data in DATA_SETS]
    there = [s for s in drawing if s not in here][::-1]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers or os.cpu_count() or 1, mp_context=context) as pool:
        # In the order a site build needs them: the Chinese project's notebook pages, the
        # figures (before its pages are written), the English project's notebook pages.
        def run(page: Notebook) -> Future[None]:
            target = notebook_folder(out, page[0]) / page[1]
            return pool.submit(execute_notebook, notebooks[page], target)

        pages = [page for page in notebooks if page in todo]
        runs = {page: run(page) for page in pages if page[0] == LANGS[0]}
        drawn = pool.map(_draw, there)
        runs |= {page: run(page) for page in pages if page[0] != LANGS[0]}
        if "facts" in todo:
            _write_json(out / FACTS, compute_facts())
            _write_json(out / LAB, lab_setups())
            done("facts", FACTS, LAB)
        for name, svg in [pair for stem in here for pair in _draw(stem)] + [
            pair for pairs in drawn for pair in pairs
        ]:
            _write(out / FIGURES / name, svg)
            remade.append(f"{FIGURES}/{name}")
        if "figures" in todo:
            done("figures")
        failed = []
        for page, run in runs.items():
            try:
                run.result()
            except RuntimeError as error:  # the others are still stamped
                failed.append(error)
            else:
                done(page, f"{NOTEBOOKS}/{page[0]}/{page[1]}")
    if failed:
        raise failed[0]
    return remade


def start(out: Path, notebooks: dict[Notebook, Path]) -> None:
    """Start remaking what is stale in a process of its own; return at once.

    Nothing is started when all is current, or when a process is already at work.
    """
    if not stale(out, notebooks):
        return
    with _exclusive(out, block=False) as fd:
        if fd is None:
            return  # someone is at work already
        (out / ERROR).unlink(missing_ok=True)
        pages = json.dumps([[*page, str(source)] for page, source in notebooks.items()])
        # The process inherits the locked descriptor, and with it the lock, until it ends;
        # it forks at once and its child does the work, so nothing is left to wait for.
        subprocess.run(
            [sys.executable, "-m", "neuron_demo.site.build", str(out), pages, str(fd)],
            pass_fds=(fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )


def wait(out: Path, notebooks: dict[Notebook, Path], what: str | Notebook) -> None:
    """Return once ``what`` is current, making it here if no process is at work on it.

    Raises ``RuntimeError`` with the one-line error of the process that failed to make it.
    """
    while what in stale(out, notebooks):
        if (out / ERROR).is_file():
            raise RuntimeError((out / ERROR).read_text(encoding="utf-8").strip())
        with _exclusive(out, block=False) as fd:
            if fd is not None:  # nobody at work: make it here
                _remake(out, notebooks, None, None)
                continue
        time.sleep(POLL_S)


def _main(out: str, pages: str, fd: str) -> int:
    # The process `start` runs: the lock is held on the inherited descriptor ``fd``. It
    # returns at once, leaving the work to a child of its own (a daemon, in effect).
    if os.fork():
        return 0
    os.setsid()
    notebooks = {(lang, path): Path(source) for lang, path, source in json.loads(pages)}
    try:
        _remake(Path(out), notebooks, None, None)
    except Exception as error:  # noqa: BLE001 - every failure is reported to the waiters
        message = str(error).strip().splitlines() or [type(error).__name__]
        _write(Path(out) / ERROR, message[-1].encode("utf-8"))
        return 1
    finally:
        os.close(int(fd))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(*sys.argv[1:]))
