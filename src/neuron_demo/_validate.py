"""Argument checks shared by the public functions, and the error they raise.

Each check raises a one-line `ParameterError` (a ``ValueError``) that names the parameter,
the offending value and the allowed range. The parameter is also an attribute, so the
command line names its option without reading the message. Nothing here computes.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from ._types import FloatArray


class ParameterError(ValueError):
    """Bad input for one parameter: a one-line message naming it and what it allows.

    ``parameter`` is the parameter's name (``"eta"``), ``requirement`` the rest of the
    message (``"must be a finite number > 0, got 0.0"``); the message is the two joined,
    or ``subject`` and the requirement when the condition involves several parameters
    (``"x and y must hold the same number of samples, …"``).
    """

    def __init__(self, parameter: str, requirement: str, *, subject: str | None = None) -> None:
        super().__init__(f"{subject or parameter} {requirement}")
        self.parameter = parameter
        self.requirement = requirement


def _floats(name: str, value: object, allowed: str) -> FloatArray:
    # ``value`` as a float64 array, or the error for something that is not numbers at all.
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ParameterError(name, f"must be {allowed}, got {value!r}") from None


def finite_array(name: str, value: object) -> FloatArray:
    """Return ``value`` as a float64 array, or raise if any element is not finite."""
    array = _floats(name, value, "a finite number or array of numbers")
    if not np.all(np.isfinite(array)):
        bad = float(array[~np.isfinite(array)].flat[0])
        raise ParameterError(name, f"must be finite, got {bad!r} (allowed: any finite number)")
    return array


def unit_interval(name: str, value: object) -> FloatArray:
    """Return ``value`` as a float64 array whose elements all lie in [0, 1]."""
    array = finite_array(name, value)
    outside = (array < 0.0) | (array > 1.0)
    if np.any(outside):
        raise ParameterError(name, f"must lie in [0, 1], got {float(array[outside].flat[0])!r}")
    return array


def positive_finite(name: str, value: object) -> float:
    """Return ``value`` as a float that is finite and > 0."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(name, f"must be a finite number > 0, got {value!r}") from None
    if not (math.isfinite(number) and number > 0.0):
        raise ParameterError(name, f"must be a finite number > 0, got {number!r}")
    return number


def positive_finite_array(name: str, value: object) -> FloatArray:
    """Return ``value`` as a float64 array whose elements are all finite and > 0."""
    array = _floats(name, value, "a finite number > 0 or an array of them")
    bad = ~(np.isfinite(array) & (array > 0.0))
    if np.any(bad):
        raise ParameterError(
            name, f"must be a finite number > 0, got {float(array[bad].flat[0])!r}"
        )
    return array


def non_negative(name: str, value: object) -> float:
    """Return ``value`` as a float that is finite and >= 0."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(name, f"must be a finite number >= 0, got {value!r}") from None
    if not (math.isfinite(number) and number >= 0.0):
        raise ParameterError(name, f"must be a finite number >= 0, got {number!r}")
    return number


def epoch_count(name: str, value: object) -> int:
    """Return ``value`` as an int >= 0; floats, bools and strings are refused."""
    if isinstance(value, bool):
        raise ParameterError(name, f"must be an integer >= 0, got {value!r}")
    try:
        count = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise ParameterError(name, f"must be an integer >= 0, got {value!r}") from None
    if count < 0:
        raise ParameterError(name, f"must be an integer >= 0, got {count!r}")
    return count
