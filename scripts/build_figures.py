"""Draw every figure of the site and compute the facts the pages quote.

    python scripts/build_figures.py --out DIR [--lang zh|en] [--theme light|dark]
                                    [--facts PATH] [--catalogue PATH] [--announce]
                                    [--background]

Writes ``DIR/STEM.LANG.THEME.svg`` for every figure of
:data:`neuron_demo.site.figures.CATALOGUE` (all languages and themes unless filtered), the
facts as JSON to ``PATH`` (default ``DIR/facts.json``) and, if asked, the figures' alt texts
and captions as JSON (``--catalogue``), so that the site build never imports matplotlib.
Every output is keyed on a hash of what it depends on: the package's source, this script,
and the CJK font file (the style lives in the package). A run with nothing changed draws
nothing and does not even import matplotlib; ``DIR/.stamp.json`` records the key of each
output.

Figures are drawn in one worker process per core, forked after the imports, while this
process computes and writes the facts and then draws the figures that share the facts' data
sets. Each worker receives a figure's variants together, so no data set is computed twice.
With ``--announce`` the script prints ``catalogue`` and ``facts`` on lines of their own as
soon as those files are current: the mkdocs hook starts this script in the background and
renders pages while the figures are still being drawn. With ``--background`` the figures
are drawn at a low CPU priority (the facts are not): a site build needs the facts for its
first page and the figures only at its end, and on two cores the drawing would otherwise
take CPU time from the build itself and from the notebooks it executes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from neuron_demo.site.figures.font import CJK_FONT_FILE

LANGS = ("zh", "en")
THEMES = ("light", "dark")
STAMP = ".stamp.json"
# Niceness of background drawing: a CPU weight of 335 against 1024 for a normal process, so
# the site build and its notebooks come first (see --background). Not lower, since other
# programs come first too: next to two busy processes on two cores, drawing every figure
# took 7 s at niceness 0, 12 s at 5 and 30 s at 10.
BACKGROUND_NICENESS = 5
PACKAGE_DIR = Path(importlib.util.find_spec("neuron_demo").origin).parent


def source_files(package_dir: Path) -> list[Path]:
    """The files whose content decides every figure: the package's Python source."""
    return sorted(package_dir.rglob("*.py"))


def cache_key(package_dir: Path | None = None) -> str:
    """A hash of the package source, this script and the font file's identity.

    The font is a file of 10 MB from npm: its path, size and modification time identify it
    (a new pinned version changes them) without reading it on every build.
    """
    package_dir = PACKAGE_DIR if package_dir is None else package_dir
    digest = hashlib.sha256()
    for path in [*source_files(package_dir), Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    font = CJK_FONT_FILE.stat() if CJK_FONT_FILE.exists() else None
    identity = (str(CJK_FONT_FILE), font.st_size, font.st_mtime_ns) if font else ("no font",)
    digest.update(repr(identity).encode())
    return digest.hexdigest()


def _read_stamp(out: Path) -> dict:
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"outputs": {}}
    return stamp if isinstance(stamp.get("outputs"), dict) else {"outputs": {}}


def _facts_entry(facts: Path) -> str:
    return f"facts:{facts.resolve()}"


def catalogue_stems(stamp: dict, key: str) -> list[str]:
    """The catalogue's stems, from the stamp if it was written with ``key``.

    The catalogue is package source, so the same key means the same stems; only a changed
    key imports the catalogue (and with it matplotlib).
    """
    if stamp.get("catalogue_key") == key:
        return list(stamp["stems"])
    from neuron_demo.site.figures.catalogue import CATALOGUE

    stamp["catalogue_key"], stamp["stems"] = key, list(CATALOGUE)
    return list(CATALOGUE)


def stale(
    out: Path, facts: Path, names: Iterable[str], stamp: dict, key: str
) -> tuple[list[str], bool]:
    """The figure file names, and whether the facts file, need (re)writing for ``key``."""
    outputs = stamp["outputs"]
    figures = [n for n in names if outputs.get(n) != key or not (out / n).exists()]
    facts_stale = outputs.get(_facts_entry(facts)) != key or not facts.exists()
    return figures, facts_stale


def _write(path: Path, content: bytes) -> None:
    # Atomic: mkdocs serve never sees half a file.
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(content)
    os.replace(partial, path)


def _announce(enabled: bool, what: str) -> None:
    if enabled:
        print(what, flush=True)


def _lower_priority() -> None:
    # Linux applies a niceness to the calling thread and to the threads it starts later
    # (epochs_to_learn's pool), so each process calls this from its main thread.
    os.nice(BACKGROUND_NICENESS)


def catalogue_is_current(catalogue: Path, key: str) -> bool:
    """Whether ``catalogue`` was written for ``key``."""
    try:
        return json.loads(catalogue.read_text(encoding="utf-8"))["key"] == key
    except (FileNotFoundError, KeyError, TypeError, json.JSONDecodeError):
        return False


def _write_catalogue(catalogue: Path, key: str) -> None:
    from neuron_demo.site.figures.catalogue import CATALOGUE

    figures = {
        s: {"alt": f.alt, "caption": f.caption, "lab": f.lab_query()} for s, f in CATALOGUE.items()
    }
    text = json.dumps({"key": key, "figures": figures}, ensure_ascii=False, sort_keys=True)
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    _write(catalogue, text.encode("utf-8"))


Job = tuple[str, str, str]


def _write_facts(facts: Path) -> None:
    from neuron_demo.site.facts import compute_facts

    text = json.dumps(compute_facts(), ensure_ascii=False, indent=1, sort_keys=True)
    facts.parent.mkdir(parents=True, exist_ok=True)
    _write(facts, (text + "\n").encode("utf-8"))


def split_jobs(todo: Sequence[Job], facts_stale: bool) -> tuple[list[Job], list[Job]]:
    """(jobs drawn with the facts, in this process; jobs for the workers, stem by stem).

    Each process computes a data set on first use and caches it. The figures drawn from
    the data sets the facts need stay with the facts, and the workers receive each stem's
    variants as one chunk, so no data set is computed twice. The workers' stems run in
    reverse story order: later figures draw the heavier data (sweeps, surfaces), and the
    short ones then fill the gaps at the end.
    """
    from neuron_demo.site.facts import DATA_SETS
    from neuron_demo.site.figures.catalogue import CATALOGUE

    with_facts = [j for j in todo if facts_stale and CATALOGUE[j[0]].data in DATA_SETS]
    stems = list(dict.fromkeys(j[0] for j in todo))[::-1]
    rest = [j for stem in stems for j in todo if j[0] == stem and j not in with_facts]
    return with_facts, rest


def build(
    out: Path,
    *,
    langs: Sequence[str] = LANGS,
    themes: Sequence[str] = THEMES,
    facts: Path | None = None,
    catalogue: Path | None = None,
    stems: Sequence[str] | None = None,
    workers: int | None = None,
    announce: bool = False,
    background: bool = False,
) -> list[Path]:
    """Draw what is stale into ``out``; return the paths written (empty when up to date).

    ``stems`` restricts the figures (tests draw a few); the command line draws them all.
    ``catalogue``, if given, receives the alt texts and captions. ``announce`` prints
    ``catalogue`` and ``facts`` on stdout as soon as each is current. With more than one
    worker, the workers draw while this process computes and writes the facts.
    ``background`` lowers the CPU priority of the drawing (workers from their start, this
    process once the facts are written): for the mkdocs hook, whose build needs the facts
    first and the figures last.
    """
    out.mkdir(parents=True, exist_ok=True)
    facts = out / "facts.json" if facts is None else facts
    key = cache_key()
    stamp = _read_stamp(out)
    stems = catalogue_stems(stamp, key) if stems is None else stems
    written: list[Path] = []
    if catalogue is not None and not catalogue_is_current(catalogue, key):
        _write_catalogue(catalogue, key)
        written.append(catalogue)
    _announce(announce, "catalogue")
    jobs = [(s, lang, theme) for s in stems for lang in langs for theme in themes]
    names = [f"{s}.{lang}.{theme}.svg" for s, lang, theme in jobs]
    figures, facts_stale = stale(out, facts, names, stamp, key)
    if not facts_stale:
        _announce(announce, "facts")
    if not figures and not facts_stale:
        return written
    from neuron_demo.site.figures.catalogue import render
    from neuron_demo.site.figures.font import register_cjk_font

    register_cjk_font()  # before the workers fork, so that they share it
    todo = [job for job, name in zip(jobs, names, strict=True) if name in figures]
    here, there = split_jobs(todo, facts_stale)
    workers = min(len(there), workers or os.cpu_count() or 1)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            context = multiprocessing.get_context("fork")
            initializer = _lower_priority if background else None
            pool = stack.enter_context(
                ProcessPoolExecutor(workers, mp_context=context, initializer=initializer)
            )
            drawn = pool.map(render, there, chunksize=len(langs) * len(themes))
        else:
            here, there = here + there, []
            drawn = iter(())
        if facts_stale:
            _write_facts(facts)
            _announce(announce, "facts")
            stamp["outputs"][_facts_entry(facts)] = key
            written.append(facts)
        if background:
            _lower_priority()
        svgs = [render(job) for job in here] + list(drawn)
    for (stem, lang, theme), svg in zip(here + there, svgs, strict=True):
        path = out / f"{stem}.{lang}.{theme}.svg"
        _write(path, svg)
        stamp["outputs"][path.name] = key
        written.append(path)
    _write(out / STAMP, json.dumps(stamp, indent=1, sort_keys=True).encode("utf-8"))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; prints how many files it wrote."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for the SVG files")
    parser.add_argument("--lang", choices=LANGS, help="only this language")
    parser.add_argument("--theme", choices=THEMES, help="only this theme")
    parser.add_argument("--facts", type=Path, help="where to write facts.json")
    parser.add_argument("--catalogue", type=Path, help="where to write the alt texts and captions")
    parser.add_argument(
        "--announce", action="store_true", help="print 'catalogue' and 'facts' when ready"
    )
    parser.add_argument(
        "--background", action="store_true", help="draw at low CPU priority (not the facts)"
    )
    args = parser.parse_args(argv)
    written = build(
        args.out,
        langs=[args.lang] if args.lang else LANGS,
        themes=[args.theme] if args.theme else THEMES,
        facts=args.facts,
        catalogue=args.catalogue,
        announce=args.announce,
        background=args.background,
    )
    print(f"build_figures: wrote {len(written)} file(s) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
