"""Code on the pages: included code fits the column, shell sessions are written as sessions,
and the command line's page shows what its commands print.

What the reader's browser then shows (scroll cues, the copy button's gutter, inline code
that does not break) is tested in tests/browser/test_code_blocks.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import textwrap
from html import unescape
from pathlib import Path

import pytest
from prose import LANGS, pages

from neuron_demo.cli import main

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = re.compile(r'^--8<-- "([^":]+):([\w\-]+)"\s*$', re.MULTILINE)
# The narrowest desktop column (Material's three-column layout at 1220 px) is 688 px: with
# the copy button's gutter, 76 characters of its monospace code (8.2 px each at 13.6 px).
# Code that the package lends the pages is wrapped to fit with room to spare.
INCLUDED_COLUMNS = 72

MARKDOWN = {
    f"{lang}:{page}": path
    for lang in LANGS
    for page, path in pages(lang).items()
    if path.suffix == ".md"
}


def section(source: Path, name: str) -> list[str]:
    """The lines of a ``--8<-- [start:NAME]`` section, dedented as the pages include it."""
    text = source.read_text(encoding="utf-8")
    match = re.search(
        rf"^[ \t]*# --8<-- \[start:{name}\]\n(.*?)^[ \t]*# --8<-- \[end:{name}\]",
        text,
        re.DOTALL | re.MULTILINE,
    )
    assert match, f"{source}: no section {name!r}"
    return textwrap.dedent(match.group(1)).splitlines()


INCLUDED = sorted(
    {
        match.groups()
        for path in MARKDOWN.values()
        for match in SNIPPET.finditer(path.read_text(encoding="utf-8"))
    }
)


def test_the_pages_include_code() -> None:
    assert ("src/neuron_demo/costs.py", "quadratic_delta") in INCLUDED


@pytest.mark.parametrize(("source", "name"), INCLUDED)
def test_included_code_fits_the_desktop_column(source: str, name: str) -> None:
    long = [line for line in section(ROOT / source, name) if len(line) > INCLUDED_COLUMNS]
    assert not long, f"{source}:{name} has lines over {INCLUDED_COLUMNS} columns: {long}"


FENCE = re.compile(r"^```(\S*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
SHELLS = {"bash", "sh", "shell", "zsh", "shell-session"}


@pytest.mark.parametrize("page", sorted(MARKDOWN))
def test_shell_sessions_use_the_session_lexer(page: str) -> None:
    """A shell session is ``console`` (Pygments' BashSessionLexer): ``$ `` before each
    command, then its output as it is. The script lexer (``bash``) would take the output
    and the arguments for shell code."""
    for lang, body in FENCE.findall(MARKDOWN[page].read_text(encoding="utf-8")):
        assert lang not in SHELLS, f"{page}: a ```{lang} block; write it as ```console"
        if lang == "console":
            first = body.splitlines()[0]
            assert first.startswith("$ "), f"{page}: {first!r} has no prompt"


# ---------------------------------------------------------------------------------------
# The command line's page shows what the commands print
# ---------------------------------------------------------------------------------------
CLI_PAGE = "reference/cli"
COMMAND = re.compile(r"^<!-- command(?: exits (\d+))?: (.+?) -->$", re.MULTILINE)
SESSION = re.compile(
    r'<div class="language-console highlight"><pre[^>]*>.*?<code[^>]*>(.*?)</code></pre>',
    re.DOTALL,
)


def printed(command: str) -> tuple[int, str]:
    """What ``command`` prints, run in this process through `neuron_demo.cli.main` (the
    hook runs it in a subprocess), and its exit status."""
    words = shlex.split(command)
    target = words[-1] if words[-2:-1] == [">"] else None
    words = words[:-2] if target else words
    tool = words[-4:] == ["|", "python", "-m", "json.tool"]
    words = words[:-4] if tool else words
    argv = words[1:] if words[0] == "neuron-demo" else words[3:]
    assert words[: len(words) - len(argv)] in (["neuron-demo"], ["python", "-m", "neuron_demo"])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as stop:
            status = stop.code
    text = out.getvalue()
    if tool:
        text = json.dumps(json.loads(text), indent=4) + "\n"
    return status, ("" if target else text) + err.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_line_page_shows_what_each_command_prints(
    built_site: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")  # the terminal the build runs the commands in
    source = pages(lang)[CLI_PAGE].read_text(encoding="utf-8")
    wanted = COMMAND.findall(source)
    assert len(wanted) >= 8, "the page should show the command line at work"
    html = (built_site / ("en/" if lang == "en" else "") / CLI_PAGE / "index.html").read_text(
        encoding="utf-8"
    )
    shown = [unescape(re.sub(r"<[^>]+>", "", block)) for block in SESSION.findall(html)]
    assert len(shown) == len(wanted)
    for (status, command), session in zip(wanted, shown, strict=True):
        typed, _, output = session.partition("\n")
        while typed.endswith(" \\"):  # a long command goes on over more lines
            more, _, output = output.partition("\n")
            typed = typed.removesuffix("\\") + more.strip()
        assert typed == f"$ {command}"
        assert printed(command) == (int(status or 0), output)
    assert "..." not in "".join(shown)
