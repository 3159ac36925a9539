"""Benchmark the vectorised sweep: 10⁶ starts × 300 epochs on the two-sample inverter task.

Prints, for each cost: the one-off compilation of its sweep kernel (numba, once per
process; the difference between a first and a second sweep), then, for the second sweep,
starts·epochs per second of :func:`neuron_demo.epochs_to_learn`, the speed-up over a plain
per-start Python loop (timed on a sample and scaled), and, when PyTorch is importable
(imported only after the sweeps), the ratio against the same batch done with PyTorch on the
CPU in this run; and the process's peak resident memory after the sweeps. The inverter
(x = 1 → 0, x = 0 → 1) is used so that no shortcut through z₀ = w₀ + b₀ applies.
Tolerance 0 keeps every start training for the whole budget, so each run does exactly
starts × epochs steps.

    python scripts/bench_sweep.py [--starts N] [--epochs E] [--loop-sample K]

Figures are printed, never asserted: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import time

import numpy as np

import neuron_demo as nd

ETA = 0.15


def loop_epochs_to_learn(cost: str, w: float, b: float, epochs: int) -> None:
    """The same training, one start at a time, in plain Python floats."""
    samples = list(zip(nd.INVERTER.x.tolist(), nd.INVERTER.y.tolist(), strict=True))
    for _ in range(epochs):
        dw = db = 0.0
        for x, y in samples:
            z = w * x + b
            a = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
            delta = a - y if cost == "cross-entropy" else (a - y) * a * (1.0 - a)
            dw += delta * x
            db += delta
        w -= ETA * dw / len(samples)
        b -= ETA * db / len(samples)


def torch_batch(cost: str, w0: np.ndarray, b0: np.ndarray, epochs: int) -> float:
    """Seconds for the same batch in PyTorch (float64, CPU); NaN if torch is missing."""
    try:
        import torch
    except ImportError:
        return math.nan
    x = torch.tensor(nd.INVERTER.x, dtype=torch.float64).reshape(2, 1)
    y = torch.tensor(nd.INVERTER.y, dtype=torch.float64).reshape(2, 1)
    w = torch.tensor(w0)
    b = torch.tensor(b0)
    start = time.perf_counter()
    with torch.no_grad():
        for _ in range(epochs):
            a = torch.sigmoid(x * w + b)
            delta = a - y if cost == "cross-entropy" else (a - y) * a * (1 - a)
            w = w - ETA * (delta * x).mean(0)
            b = b - ETA * delta.mean(0)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=1_000_000)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--loop-sample", type=int, default=200)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    w0, b0 = rng.uniform(-4.0, 4.0, size=(2, args.starts))
    work = args.starts * args.epochs
    print(
        f"{args.starts:,} starts × {args.epochs} epochs, inverter task, η = {ETA}, "
        f"{os.cpu_count()} CPUs, numpy {np.__version__}"
    )

    def sweep(cost: str) -> float:
        start = time.perf_counter()
        nd.epochs_to_learn(
            cost,
            w0,
            b0,
            eta=ETA,
            max_epochs=args.epochs,
            x=nd.INVERTER.x,
            y=nd.INVERTER.y,
            tolerance=0.0,
        )
        return time.perf_counter() - start

    sweep_seconds = {}
    for cost in nd.COST_NAMES:
        first = sweep(cost)  # compiles the kernel (a sweep this large runs compiled)
        sweep_seconds[cost] = sweep(cost)
        print(
            f"{cost:>13}: first sweep {first:.2f} s, so about "
            f"{first - sweep_seconds[cost]:.1f} s of it compiling (once per process)"
        )
    # Peak resident memory of the whole process so far: Python, numpy, numba, the starts and
    # the sweeps (PyTorch is imported only after this line).
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory after both sweeps: {peak_mib:.0f} MiB")

    for cost, seconds in sweep_seconds.items():
        start = time.perf_counter()
        for w, b in zip(w0[: args.loop_sample], b0[: args.loop_sample], strict=True):
            loop_epochs_to_learn(cost, float(w), float(b), args.epochs)
        loop_seconds = (time.perf_counter() - start) * args.starts / args.loop_sample

        torch_seconds = torch_batch(cost, w0, b0, args.epochs)
        torch_text = (
            "PyTorch not importable"
            if math.isnan(torch_seconds)
            else f"PyTorch CPU {torch_seconds:.2f} s, so {torch_seconds / seconds:.2f}× "
            "PyTorch's speed"
        )
        print(
            f"{cost:>13}: {seconds:5.2f} s, {work / seconds / 1e6:6.1f} M starts·epochs/s, "
            f"{loop_seconds / seconds:5.0f}× the Python loop ({loop_seconds:.0f} s scaled); "
            f"{torch_text}"
        )


if __name__ == "__main__":
    main()
