"""The experiments of the story, defined once for pages, figures, scripts and tests.

Nielsen (ch. 3), and the Chinese article this story retells, train one neuron on the sample x = 1,
y = 0, at η = 0.15 for 300 epochs, from a "near" start (w, b) = (0.6, 0.9), output 0.82,
and a saturated "far" start (2, 2), output 0.98. With x = 1, w and b receive identical
updates, so only z₀ = w₀ + b₀ matters there; the two-sample inverter task (x = 1 → 0,
x = 0 → 1) is where w and b play different roles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._types import FloatArray
from .train import Trajectory, train

STORY_ETA = 0.15
STORY_EPOCHS = 300
STORY_X = 1.0
STORY_Y = 0.0
NEAR_START = (0.6, 0.9)
FAR_START = (2.0, 2.0)
COST_NAMES = ("quadratic", "cross-entropy")


@dataclass(frozen=True)
class Task:
    """A training set: inputs ``x`` and targets ``y``."""

    name: str
    x: FloatArray | float
    y: FloatArray | float


ONE_SAMPLE = Task("one sample", STORY_X, STORY_Y)
INVERTER = Task("inverter", np.array([1.0, 0.0]), np.array([0.0, 1.0]))


@dataclass(frozen=True)
class Experiment:
    """One training run: a cost, a start, a task, a learning rate and a budget."""

    cost: str
    w: float
    b: float
    eta: float = STORY_ETA
    num_epochs: int = STORY_EPOCHS
    task: Task = ONE_SAMPLE

    def run(self) -> Trajectory:
        """Train and return the full [`Trajectory`][neuron_demo.train.Trajectory]."""
        return train(
            self.cost,
            self.w,
            self.b,
            eta=self.eta,
            num_epochs=self.num_epochs,
            x=self.task.x,
            y=self.task.y,
        )


EXPERIMENTS: dict[str, Experiment] = {
    f"{cost}-{where}": Experiment(cost, *start)
    for cost in COST_NAMES
    for where, start in (("near", NEAR_START), ("far", FAR_START))
}
"""The four experiments of the story, keyed ``"quadratic-near"``, ``"cross-entropy-far"``, …"""
