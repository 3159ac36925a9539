r"""Cost functions: each one a value C(z, y) and an output error δ(z, y) = ∂C/∂z.

The whole lesson of the site sits in the two ``delta`` methods below: they differ by
exactly one factor, σ'(z). Under the quadratic cost a saturated neuron (σ' ≈ 0) hardly
learns, however wrong it is; under the cross-entropy that factor cancels.

Costs take the weighted input z rather than the output a = σ(z), so that they can be
evaluated without ever forming 1 - a by subtraction: saturated neurons stay exact.
Per-sample values only: averaging over samples is training's job.

A new cost is one class with a ``name``, ``value(z, y)`` and ``delta(z, y)``, registered
with `register`. Both take floats or float arrays (training passes arrays of one shape);
write them with arithmetic, numpy ufuncs and the functions here and in
[`neuron_demo.neuron`][neuron_demo.neuron], as the two below are.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from ._types import ArrayLike, FloatArray
from ._validate import ParameterError
from .neuron import sigmoid_pair, sigmoid_prime


@runtime_checkable
class Cost(Protocol):
    """What every cost provides: a ``name``, its ``value`` and its output error ``delta``."""

    name: ClassVar[str]

    @staticmethod
    def value(z: FloatArray, y: FloatArray) -> FloatArray:
        """The cost of one sample with weighted input ``z`` and target ``y``."""
        ...

    @staticmethod
    def delta(z: FloatArray, y: FloatArray) -> FloatArray:
        """The output error δ = ∂C/∂z of one sample."""
        ...


def output_error(z: ArrayLike, y: ArrayLike) -> FloatArray:
    r"""The signed error $a - y$ with $a = \sigma(z)$, exact when saturated.

    Written as $(1 - y)\,\sigma(z) - y\,\sigma(-z)$, which equals $a - y$
    because $\sigma(z) + \sigma(-z) = 1$; with y = 1 and z = 40 it gives
    $-4.2\times10^{-18}$ where ``sigmoid(z) - 1`` gives 0.
    """
    a, one_minus_a = sigmoid_pair(z)
    y = np.asarray(y, dtype=np.float64)
    return (1.0 - y) * a - y * one_minus_a


def softplus(z: ArrayLike) -> FloatArray:
    r"""$\operatorname{softplus}(z) = \ln(1 + e^z)$, finite for every finite z.

    ``np.logaddexp(0, z)`` never overflows: softplus(1000) is 1000, not ``inf``.
    """
    return np.logaddexp(0.0, z)


COSTS: dict[str, Cost] = {}


def register(cost: type[Cost]) -> type[Cost]:
    """Class decorator: make ``cost`` available to `get_cost()` under ``cost.name``."""
    COSTS[cost.name] = cost  # type: ignore[assignment]
    return cost


@register
class QuadraticCost:
    r"""The quadratic cost $C = \tfrac12 (a - y)^2$.

    Its output error carries the factor $\sigma'(z) \le 1/4$:

    $$
    \delta = \frac{\partial C}{\partial z} = (a - y)\,\sigma'(z)
    $$
    """

    name: ClassVar[str] = "quadratic"

    @staticmethod
    def value(z: FloatArray, y: FloatArray) -> FloatArray:
        """$C = (a - y)^2 / 2$."""
        return 0.5 * output_error(z, y) ** 2

    # --8<-- [start:quadratic_delta]
    @staticmethod
    def delta(z: FloatArray, y: FloatArray) -> FloatArray:
        """δ = (a − y)·σ'(z): the error, times the slope of the sigmoid."""
        return output_error(z, y) * sigmoid_prime(z)

    # --8<-- [end:quadratic_delta]


@register
class CrossEntropyCost:
    r"""The cross-entropy cost $C = -[y \ln a + (1 - y) \ln(1 - a)]$.

    With $\ln a = -\operatorname{softplus}(-z)$ and
    $\ln(1 - a) = -\operatorname{softplus}(z)$ it is evaluated from z, so a saturated
    neuron costs about |z| (C(40, 0) ≈ 40) instead of ``inf``. Its output error has no
    $\sigma'$ factor:

    $$
    \delta = \frac{\partial C}{\partial z} = a - y
    $$
    """

    name: ClassVar[str] = "cross-entropy"

    @staticmethod
    def value(z: FloatArray, y: FloatArray) -> FloatArray:
        """$C = y\\,\\mathrm{softplus}(-z) + (1 - y)\\,\\mathrm{softplus}(z)$."""
        return y * softplus(-z) + (1.0 - y) * softplus(z)

    # --8<-- [start:cross_entropy_delta]
    @staticmethod
    def delta(z: FloatArray, y: FloatArray) -> FloatArray:
        """δ = a − y: the slope σ'(z) has cancelled.

        The error alone sets the pace, however saturated the neuron.
        """
        return output_error(z, y)

    # --8<-- [end:cross_entropy_delta]


def get_cost(cost: str | Cost) -> Cost:
    """Look a cost up by name (``"quadratic"``, ``"cross-entropy"``); pass objects through.

    Raises
    ------
    ParameterError
        If ``cost`` is an unknown name.
    """
    if isinstance(cost, str):
        try:
            return COSTS[cost]
        except KeyError:
            known = ", ".join(repr(name) for name in COSTS)
            raise ParameterError("cost", f"must be one of {known}, got {cost!r}") from None
    if isinstance(cost, Cost):
        return cost
    known = ", ".join(repr(name) for name in COSTS)
    raise ParameterError("cost", f"must be one of {known} or a Cost, got {cost!r}")
