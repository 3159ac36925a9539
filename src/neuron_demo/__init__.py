"""neuron_demo: one sigmoid neuron, two costs, and why the cost decides how fast it learns.

The modules, one idea each: [`neuron`][neuron_demo.neuron] (σ, σ'), [`costs`][neuron_demo.costs]
(quadratic and cross-entropy: value and output error δ = ∂C/∂z),
[`train`][neuron_demo.train] (gradient descent, vectorised over starts),
[`setups`][neuron_demo.setups] (the story's experiments) and [`book`][neuron_demo.book]
(the book widget's step). Figures, facts and the command line build on these.
"""

from ._validate import ParameterError
from .book import BOOK_CROSS_ENTROPY_ETA, widget_cross_entropy_outputs
from .costs import (
    COSTS,
    Cost,
    CrossEntropyCost,
    QuadraticCost,
    get_cost,
    output_error,
    register,
    softplus,
)
from .neuron import output, sigmoid, sigmoid_pair, sigmoid_prime, weighted_input
from .setups import (
    COST_NAMES,
    EXPERIMENTS,
    FAR_START,
    INVERTER,
    NEAR_START,
    ONE_SAMPLE,
    STORY_EPOCHS,
    STORY_ETA,
    STORY_X,
    STORY_Y,
    Experiment,
    Task,
)
from .train import NEVER, Samples, Trajectory, epochs_to_learn, gradients, train

__all__ = [
    "BOOK_CROSS_ENTROPY_ETA",
    "COSTS",
    "COST_NAMES",
    "EXPERIMENTS",
    "FAR_START",
    "INVERTER",
    "NEAR_START",
    "NEVER",
    "ONE_SAMPLE",
    "STORY_EPOCHS",
    "STORY_ETA",
    "STORY_X",
    "STORY_Y",
    "Cost",
    "CrossEntropyCost",
    "Experiment",
    "ParameterError",
    "QuadraticCost",
    "Samples",
    "Task",
    "Trajectory",
    "epochs_to_learn",
    "get_cost",
    "gradients",
    "output",
    "output_error",
    "register",
    "sigmoid",
    "sigmoid_pair",
    "sigmoid_prime",
    "softplus",
    "train",
    "weighted_input",
    "widget_cross_entropy_outputs",
]
