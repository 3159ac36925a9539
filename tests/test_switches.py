"""The build's environment switches: one parser, strict about what it accepts."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from switches import plain_build, switch


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on", " On "])
def test_on(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("LL_PLAIN", value)
    assert plain_build() is True


@pytest.mark.parametrize("value", ["", "0", "false", "No", "off"])
def test_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("LL_PLAIN", value)
    assert plain_build() is False


def test_unset_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LL_PLAIN", raising=False)
    assert plain_build() is False


@pytest.mark.parametrize("value", ["2", "plain", "y", "-1"])
def test_anything_else_is_a_one_line_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("LL_SOMETHING", value)
    with pytest.raises(PluginError, match=r"^LL_SOMETHING must be one of 1, true, ") as error:
        switch("LL_SOMETHING")
    assert repr(value) in str(error.value)
    assert "\n" not in str(error.value)
