"""The environment switches of the site build, read one way by every hook.

``LL_PLAIN``
    The "plain" build that benchmarks compare against: nothing is drawn, computed or
    executed; pages use what ``generated/`` already holds.

A switch is on for ``1``, ``true``, ``yes`` or ``on`` and off for ``0``, ``false``, ``no``,
``off`` or unset/empty (any case). Anything else fails the build with a one-line error
naming the variable, so a typo never silently builds the other way.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

ON = ("1", "true", "yes", "on")
OFF = ("", "0", "false", "no", "off")


def switch(name: str) -> bool:
    """Whether the environment variable ``name`` turns its switch on."""
    raw = os.environ.get(name, "")
    value = raw.strip().lower()
    if value in ON:
        return True
    if value in OFF:
        return False
    allowed = ", ".join(ON + OFF[1:])
    raise PluginError(f"{name} must be one of {allowed} (or empty), got {raw!r}")


def plain_build() -> bool:
    """Whether ``LL_PLAIN`` asks for the plain build (no drawing, no notebook execution)."""
    return switch("LL_PLAIN")
