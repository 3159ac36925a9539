"""One search index per language, written as compact UTF-8 JSON.

Why per language
    The search plugin writes one index for the whole site (``search/search_index.json``),
    and mkdocs-static-i18n fills it with every language's pages. Material's search worker
    fetches ``search/search_index.json`` under the page's ``base``, which on an English
    page is the site root too, so every page downloaded both languages (330 KB) and an
    English query could rank a Chinese page first. Here the merged index is split: the
    default language's documents stay in ``search/search_index.json`` at the site root,
    each other language's go to ``<lang>/search/search_index.json`` with locations
    relative to ``<lang>/``; and each page of that language gets ``<lang>/`` as the
    ``base`` of Material's configuration (``<script id="__config">``), so its worker
    fetches its own language's index and resolves result links from there. The
    configuration of both indexes (languages, separator, pipeline) stays the one the
    search plugin wrote: the English glossary lists Chinese terms, which must still be
    segmented and found. Only the ``base`` entry changes: ``__md_scope`` (where the
    palette choice is stored) is a separate template variable, so the choice is shared
    by both languages as before.
Why plain maths
    The indexed text keeps arithmatex's TeX (``\\(\\sigma'(z)\\)``), which result
    snippets show as it is and which a query for σ never matches. Each formula is
    rewritten as the plain text a reader would type: ``σ'(z)``, ``∂C/∂w``.
Why compact
    The search plugin writes ``\\uXXXX`` escapes, so every Chinese character costs 6 bytes
    instead of 3. Rewritten compactly the index is about a quarter smaller, with identical
    content.

The split runs last (priority −110): after mkdocs-static-i18n (−100) has merged every
language's entries and re-run the search plugin. With i18n this hook also runs inside
each other language's build, when the root index holds only that language's documents;
a language with no documents in the root index is left as it is, so every pass is
harmless and the last one, with all languages, decides.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

INDEX = Path("search") / "search_index.json"
# Material's configuration block (base.html); its "base" is the page's base_url.
_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


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
_SPACES = re.compile(r"\\(?:[,;:! ]|quad\b|qquad\b)|\\\\|&")
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
    text = _SPACES.sub(" ", _DROPPED.sub("", tex))
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


# --- pure helpers ------------------------------------------------------------------------


def compact(document: Any) -> str:
    """``document`` as JSON without ASCII escapes or spaces."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def split_index(index: dict, default: str, others: list[str]) -> dict[str, dict]:
    """Split a merged search index into one index per language.

    A document whose location starts with ``<lang>/`` (``lang`` in ``others``) belongs to
    that language and loses the prefix, since its index is served from ``<lang>/``; every
    other document belongs to ``default``. Each index keeps ``index["config"]``. Only the
    languages with documents are returned.
    """
    docs: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), default)
        location = doc["location"] if lang == default else doc["location"][len(lang) + 1 :]
        docs.setdefault(lang, []).append({**doc, "location": location})
    return {lang: {"config": index["config"], "docs": entries} for lang, entries in docs.items()}


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    """Where the index of ``lang`` is served: the site root's, or the language root's."""
    return site_dir / INDEX if lang == default else site_dir / lang / INDEX


def language_base(html: str, lang: str) -> str:
    """Point the ``base`` of Material's configuration in ``html`` at the ``lang/`` root.

    ``base`` is the path from the page to the site root (``..``, ``../..``, or
    ``/path/`` on a 404 page); Material fetches ``search/search_index.json`` and
    resolves result links against it. The trailing slash matters: without it,
    ``search/…`` would resolve against the site root again.
    """

    def rebase(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["base"] = posixpath.join(config["base"], lang) + "/"
        # As the template's ``tojson`` filter writes it: safe inside <script>.
        return match.group(1) + str(htmlsafe_json_dumps(config)) + match.group(3)

    html, count = _CONFIG_SCRIPT.subn(rebase, html, count=1)
    if count != 1:
        raise ValueError('html: no Material configuration <script id="__config"> found')
    return html


# --- mkdocs events -----------------------------------------------------------------------


def _languages(config: MkDocsConfig) -> tuple[str, str, list[str]]:
    """(language being built, default language, the other languages built)."""
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    others = [lang for lang in i18n.build_languages if lang != default]
    return i18n.current_language, default, others


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """On a page of a non-default language, search that language's index."""
    current, default, _ = _languages(config)
    return output if current == default else language_base(output, current)


@event_priority(10)
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for a non-default language's 404 page.

    Priority 10: before hooks/i18n_glue.py writes that page under ``<lang>/`` (and tells
    mkdocs not to write it at the root).
    """
    current, default, _ = _languages(config)
    if template_name != "404.html" or current == default:
        return output
    return language_base(output, current)


@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Split the site's search index by language, maths as plain text, each compactly."""
    root_index = Path(config.site_dir) / INDEX
    if not root_index.is_file():
        return
    _, default, others = _languages(config)
    merged = json.loads(root_index.read_text(encoding="utf-8"))
    for doc in merged["docs"]:
        doc["title"], doc["text"] = plain_maths(doc["title"]), plain_maths(doc["text"])
    for lang, index in split_index(merged, default, others).items():
        path = index_path(Path(config.site_dir), lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(compact(index), encoding="utf-8")
