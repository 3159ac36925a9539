"""Draw every figure of the site and compute the facts the pages quote.

    python scripts/build_figures.py --out DIR [--lang zh|en] [--theme light|dark]
                                    [--facts PATH]

Writes ``DIR/STEM.LANG.THEME.svg`` for every figure of
:data:`neuron_demo.figures.CATALOGUE` (all languages and themes unless filtered) and the
facts as JSON to ``PATH`` (default ``DIR/facts.json``). Every output is keyed on a hash of
what it depends on: the package's source, this script, and the CJK font file (the style
lives in the package). A run with nothing changed draws nothing and does not even import
matplotlib; ``DIR/.stamp.json`` records the key of each output.

Drawing runs in one worker process per core (figures are independent; the data behind them
is computed once, before the workers fork).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from neuron_demo.figures.font import CJK_FONT_FILE

LANGS = ("zh", "en")
THEMES = ("light", "dark")
STAMP = ".stamp.json"
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
    from neuron_demo.figures.catalogue import CATALOGUE

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


def build(
    out: Path,
    *,
    langs: Sequence[str] = LANGS,
    themes: Sequence[str] = THEMES,
    facts: Path | None = None,
    stems: Sequence[str] | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Draw what is stale into ``out``; return the paths written (empty when up to date).

    ``stems`` restricts the figures (tests draw a few); the command line draws them all.
    """
    out.mkdir(parents=True, exist_ok=True)
    facts = out / "facts.json" if facts is None else facts
    key = cache_key()
    stamp = _read_stamp(out)
    stems = catalogue_stems(stamp, key) if stems is None else stems
    jobs = [(s, lang, theme) for s in stems for lang in langs for theme in themes]
    names = [f"{s}.{lang}.{theme}.svg" for s, lang, theme in jobs]
    figures, facts_stale = stale(out, facts, names, stamp, key)
    if not figures and not facts_stale:
        return []
    from neuron_demo.facts import compute_facts  # computes (and caches) every data set
    from neuron_demo.figures.catalogue import render

    written: list[Path] = []
    if facts_stale:
        facts.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(compute_facts(), ensure_ascii=False, indent=1, sort_keys=True)
        _write(facts, (text + "\n").encode("utf-8"))
        stamp["outputs"][_facts_entry(facts)] = key
        written.append(facts)
    todo = [job for job, name in zip(jobs, names, strict=True) if name in figures]
    workers = min(len(todo), workers or os.cpu_count() or 1)
    if workers > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            svgs = list(pool.map(render, todo, chunksize=1))
    else:
        svgs = [render(job) for job in todo]
    for (stem, lang, theme), svg in zip(todo, svgs, strict=True):
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
    args = parser.parse_args(argv)
    written = build(
        args.out,
        langs=[args.lang] if args.lang else LANGS,
        themes=[args.theme] if args.theme else THEMES,
        facts=args.facts,
    )
    print(f"build_figures: wrote {len(written)} file(s) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
