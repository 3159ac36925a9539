"""Formulas as the plain text a reader would type, for the search index.

The search plugin indexes each page's text with arithmatex's TeX in it (``\\(\\sigma'(z)\\)``),
which result snippets would show as it is and which a query for σ never matches;
`plain_maths` rewrites every formula as ``σ'(z)``, ``∂C/∂w``. Pure functions of strings.
"""

from __future__ import annotations

import re

# TeX as arithmatex leaves it in the indexed text, \( inline \) and \[ display \], and as
# notebook Markdown cells keep it, $$ display $$ and $inline$ (no space after the "$", so a
# shell prompt "$ ..." is not maths).
_MATHS = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]|\$\$(.*?)\$\$|\$(?!\s)([^$]*?)\$", re.DOTALL)
_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ",
    "Sigma": "Σ", "tau": "τ", "phi": "φ", "partial": "∂", "nabla": "∇", "sum": "Σ",
    "int": "∫", "infty": "∞", "sqrt": "√", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ne": "≠", "neq": "≠", "approx": "≈", "ll": "≪", "gg": "≫", "in": "∈", "to": "→",
    "leftarrow": "←", "rightarrow": "→", "mapsto": "↦", "longmapsto": "↦", "cdot": "·",
    "times": "×", "odot": "⊙", "dots": "…", "ldots": "…", "cdots": "⋯", "ln": "ln",
    "log": "log", "exp": "exp", "max": "max", "min": "min",
}  # fmt: skip
# Commands that only structure or space the formula.
_DROPPED = re.compile(
    r"\\(?:label|eqref|ref|begin|end)\{[^{}]*\}|\\(?:left|right|bigl|bigr|big|Big)\b"
)
# A line break may carry its extra space, \\[6pt].
_SPACES = re.compile(r"\\(?:[,;:! ]|quad\b|qquad\b)|\\\\(?:\[[^\]]*\])?|&")
# Characters TeX escapes: \% is a percent sign.
_ESCAPED = re.compile(r"\\([%#&_$])")
# \frac{num}{den}, or TeX's shorthand for one-character arguments, \tfrac14.
_FRACTION = re.compile(r"\\[dt]?frac(?:\{([^{}]*)\}|(\w))(?:\{([^{}]*)\}|(\w))")
_WRAPPER = re.compile(r"\\(?:mathrm|operatorname|mathsf|mathbf|text)\{([^{}]*)\}")
_TILDE = re.compile(r"\\tilde\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
# ∂ and ∇ bind to what follows: "\partial C" reads ∂C.
_BINDING = re.compile(r"([∂∇])\s+")


def _grouped(term: str) -> str:
    # A numerator or denominator of more than one symbol keeps its parentheses.
    term = term.strip()
    return term if len(term) <= 1 or re.fullmatch(r"[∂∇]?\w(?:_\w+)?'?", term) else f"({term})"


def _fraction(match: re.Match[str]) -> str:
    numerator, one, denominator, other = match.groups()
    return f"{_grouped(numerator or one)}/{_grouped(denominator or other)}"


def plain_tex(tex: str) -> str:
    """One formula as plain text: Greek letters and operators as characters, braces gone.

    ``\\frac{\\partial C}{\\partial w}`` becomes ``∂C/∂w`` and ``\\sigma'(z)`` becomes
    ``σ'(z)``; labels, equation environments and spacing commands disappear.
    """
    text = _ESCAPED.sub(r"\1", _SPACES.sub(" ", _DROPPED.sub("", tex)))
    text = _COMMAND.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(0)), text)
    text = _BINDING.sub(r"\1", text)
    while True:  # innermost first: nested fractions and wrappers unwind one level a pass
        previous = text
        text = _WRAPPER.sub(r"\1", text)
        text = _TILDE.sub(lambda m: m.group(1) + "\u0303", text)
        text = _FRACTION.sub(_fraction, text)
        if text == previous:
            break
    text = _COMMAND.sub(r"\1", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def plain_maths(text: str) -> str:
    """``text`` with each formula (``\\(…\\)``, ``\\[…\\]``, ``$…$``, ``$$…$$``) in plain text."""
    return _MATHS.sub(lambda m: plain_tex(next(g for g in m.groups() if g is not None)), text)
