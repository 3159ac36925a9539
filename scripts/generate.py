"""Bring the site's generated content up to date, as every site build does first.

    python scripts/generate.py [--out DIR] [--no-notebooks]

Facts, figures (both languages and themes) and the executed notebooks go to ``--out``
(default ``generated/site/``, where the site's hooks read them); only what is stale is
remade (see `neuron_demo.site.build`). Prints what it remade.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from neuron_demo.site import build

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Entry point; exit status 1 if a notebook fails to run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "generated" / "site")
    parser.add_argument("--no-notebooks", action="store_true", help="facts and figures only")
    args = parser.parse_args(argv)
    notebooks = {} if args.no_notebooks else build.site_notebooks(ROOT / "docs")
    try:
        remade = build.update(args.out, notebooks)
    except RuntimeError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 1
    print(f"generate: remade {len(remade)} file(s) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
