"""The ``neuron-demo`` command line: train one neuron and print what happened.

Bad input never shows a traceback: every error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from ._validate import ParameterError
from .costs import COSTS
from .train import Trajectory, train

FORMATS = ("table", "json", "csv")
_OPTIONS = {
    "num_epochs": "--epochs",
    "eta": "--eta",
    "w": "--w",
    "b": "--b",
    "x": "--x",
    "y": "--y",
}
"""The option that carries each library parameter, to name it in error messages."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, no usage block: the same shape as the library's ValueErrors.
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="neuron-demo",
        description="One sigmoid neuron, two costs: watch how fast it learns.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser(
        "train",
        help="train one neuron by gradient descent and print every epoch",
        description="Train a = σ(w·x + b) by full-batch gradient descent.",
    )
    run.add_argument("--cost", required=True, choices=sorted(COSTS), help="the cost function")
    run.add_argument("--w", type=float, required=True, help="starting weight")
    run.add_argument("--b", type=float, required=True, help="starting bias")
    run.add_argument("--eta", type=float, required=True, help="learning rate η > 0")
    run.add_argument("--epochs", type=int, required=True, help="number of epochs ≥ 0")
    run.add_argument("--x", type=float, default=1.0, help="input (default 1)")
    run.add_argument("--y", type=float, default=0.0, help="target in [0, 1] (default 0)")
    run.add_argument("--format", choices=FORMATS, default="table", help="output format")
    run.add_argument(
        "--every",
        type=int,
        default=None,
        metavar="K",
        help="table: print every K-th epoch (default: about ten rows)",
    )
    return parser


def to_json(run: Trajectory, x: float, y: float) -> str:
    """The run as one JSON object; floats at full (round-trip) precision."""
    return json.dumps(
        {
            "cost_function": run.cost_function,
            "eta": run.eta,
            "epochs": run.num_epochs,
            "x": x,
            "y": y,
            "w": run.w.tolist(),
            "b": run.b.tolist(),
            "output": run.output.tolist(),
            "cost": run.cost.tolist(),
        }
    )


def to_csv(run: Trajectory) -> str:
    """One row per epoch: epoch, w, b, output, cost, dC_dw, dC_db."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["epoch", "w", "b", "output", "cost", "dC_dw", "dC_db"])
    columns = (run.w, run.b, run.output, run.cost, run.dC_dw, run.dC_db)
    for k in range(run.num_epochs + 1):
        writer.writerow([k, *(repr(float(column[k])) for column in columns)])
    return buffer.getvalue()


def to_table(run: Trajectory, every: int | None) -> str:
    """A readable summary every ``every`` epochs, always including the first and the last."""
    n = run.num_epochs
    step = every if every else max(1, n // 10)
    rows = sorted({*range(0, n + 1, step), n})
    lines = [
        f"{run.cost_function} cost, eta = {run.eta:g}, {n} epochs",
        f"{'epoch':>6} {'w':>10} {'b':>10} {'output a':>10} {'cost C':>11} {'dC/dw':>11}",
    ]
    lines += [
        f"{k:>6} {run.w[k]:>10.4f} {run.b[k]:>10.4f} {run.output[k]:>10.4f} "
        f"{run.cost[k]:>11.4e} {run.dC_dw[k]:>11.4e}"
        for k in rows
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 on success, 2 on bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.every is not None and args.every < 1:
        parser.error(f"--every must be an integer >= 1, got {args.every!r}")
    try:
        run = train(
            args.cost, args.w, args.b, eta=args.eta, num_epochs=args.epochs, x=args.x, y=args.y
        )
    except ParameterError as error:
        option = _OPTIONS.get(error.parameter, error.parameter)
        print(f"{parser.prog}: error: {option} {error.requirement}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(to_json(run, args.x, args.y) + "\n")
    elif args.format == "csv":
        sys.stdout.write(to_csv(run))
    else:
        sys.stdout.write(to_table(run, args.every))
    return 0
