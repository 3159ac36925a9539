"""Command-line examples, run when the site is built, with what they print.

``<!-- command: neuron-demo train --cost quadratic ... -->``, alone on its line, becomes a
shell session (a ``console`` block): ``$ `` and the command, then what the command printed
when the site was built, so the page and the program cannot drift apart.
``<!-- command exits 2: ... -->`` is a command that must fail with that status: the
session then shows what it writes to standard error.

A command is one program or a pipeline of them (``a | b``), and may end with ``> FILE``
(the page then shows no output, as a terminal would; no file is written). The programs are the
library's command line, ``neuron-demo`` or ``python -m neuron_demo``, and ``python -m
json.tool``; each runs as ``python -m MODULE`` with the Python that builds the site and the
library the site is built from, in a terminal of `TERMINAL_COLUMNS` columns (argparse wraps
its help to it). The command line has no language option: both languages show the same
output.

A marker it cannot read, an unknown program, an exit status other than the one the marker
states, or a command that succeeds but writes to standard error is a `ValueError` whose
message names the page (hooks/commands.py fails the build with it).

What the commands print is kept in a `Cache` (the site's is ``generated/commands.json``),
keyed on the library's source (`neuron_demo.site.build.inputs_key`) and the versions of
Python and numpy: editing a page runs nothing again, changing the library runs each command
once more.

Functions of a page's text and of the commands it names, for hooks/commands.py: no
MkDocs here, only the standard library and the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import neuron_demo
from neuron_demo.site import build

MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker><!-- command(?: exits (?P<status>\d+))?: "
    r"(?P<command>\S.*?) -->)[ \t]*$",
    re.MULTILINE,
)
# Anything that looks like a command marker: each must be one that MARKER reads.
ANY_MARKER = re.compile(r"<!--\s*commands?\b.*?-->", re.DOTALL)
# Each program, as the reader types it, and the module that is that program.
PROGRAMS = {
    ("neuron-demo",): "neuron_demo",
    ("python", "-m", "neuron_demo"): "neuron_demo",
    ("python", "-m", "json.tool"): "json.tool",
}
TERMINAL_COLUMNS = 72
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.IGNORECASE)
# A word of a command: quoted strings stay whole.
WORD = re.compile(r"""(?:[^\s'"]+|'[^']*'|"[^"]*")+""")
TIMEOUT_S = 120


@dataclass(frozen=True)
class Result:
    """How a command ended: its exit status, and what it wrote to each stream."""

    status: int
    stdout: str
    stderr: str


Runner = Callable[[str], Result]


def stages(command: str) -> tuple[list[list[str]], str | None]:
    """The argument vectors of the pipeline's programs (``python -m MODULE ARGS``), and
    the file its output is redirected to, if any.

    Raises ValueError on a program that is not one of `PROGRAMS`.
    """
    words = shlex.split(command)
    target = None
    if len(words) >= 2 and words[-2] == ">":
        words, target = words[:-2], words[-1]
    vectors, stage = [], []
    for word in [*words, "|"]:
        if word != "|":
            stage.append(word)
            continue
        for program, module in PROGRAMS.items():
            if tuple(stage[: len(program)]) == program:
                vectors.append([sys.executable, "-m", module, *stage[len(program) :]])
                break
        else:
            known = ", ".join(" ".join(program) for program in PROGRAMS)
            raise ValueError(f"{' '.join(stage) or 'nothing'!r} is not one of: {known}")
        stage = []
    return vectors, target


def environment() -> dict[str, str]:
    """The environment of every command: the library the site is built from, first on the
    path; UTF-8 output; a terminal of `TERMINAL_COLUMNS` columns."""
    source = str(Path(neuron_demo.__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([source, path] if path else [source]),
        "PYTHONUTF8": "1",
        "COLUMNS": str(TERMINAL_COLUMNS),
    }


def run(command: str) -> Result:
    """Run ``command`` as a shell would: each stage's output into the next; the status is
    the last stage's, and an earlier stage that fails is the result."""
    vectors, target = stages(command)
    env, text, errors = environment(), None, ""
    for vector in vectors:
        done = subprocess.run(
            vector,
            input=text,
            capture_output=True,
            encoding="utf-8",
            env=env,
            timeout=TIMEOUT_S,
            check=False,
        )
        text, errors = done.stdout, errors + done.stderr
        if done.returncode != 0:
            break
    return Result(done.returncode, "" if target else text, errors)


def shown(command: str, width: int = TERMINAL_COLUMNS) -> list[str]:
    """The command as a session shows it: after ``$ ``, and continued on more lines (``\\``
    at the end of each but the last) where it would be wider than ``width``. An option stays
    on the line of its value, and ``|`` or ``>`` on the line of what follows it."""
    units: list[str] = []
    for word in WORD.findall(command):
        if units and (units[-1] in ("|", ">") or _option_and_value(units[-1], word)):
            units[-1] += f" {word}"
        else:
            units.append(word)
    lines = [f"$ {units[0]}"]
    for unit in units[1:]:
        if len(f"{lines[-1]} {unit} \\") > width:
            lines[-1] += " \\"
            lines.append(f"    {unit}")
        else:
            lines[-1] += f" {unit}"
    return lines


def _option_and_value(previous: str, word: str) -> bool:
    """Whether ``word`` is the value of the option ``previous``."""
    option = previous.startswith("-") and " " not in previous
    return option and (not word.startswith("-") or NUMBER.fullmatch(word) is not None)


def session(indent: str, command: str, result: Result, *, status: int, page: str) -> str:
    """The Markdown of a shell session: the command, then what it printed.

    Raises ValueError, naming the page, on an exit status other than ``status``, or on a
    command that succeeds but writes to standard error.
    """
    if result.status != status:
        raise ValueError(
            f"{page}: `{command}` exited with {result.status}, not {status}:\n{result.stderr}"
        )
    if status == 0 and result.stderr:
        raise ValueError(f"{page}: `{command}` wrote to standard error:\n{result.stderr}")
    output = (result.stdout + result.stderr).splitlines()
    lines = ["```console", *shown(command), *output, "```"]
    return "\n".join(indent + line if line else line for line in lines)


def expand(markdown: str, *, page: str, results: Mapping[str, Result]) -> str:
    """``markdown`` with each command marker replaced by its session (see `session`).

    Raises ValueError, naming the page, on a marker it cannot read.
    """
    readable = {match.start("marker") for match in MARKER.finditer(markdown)}
    for marker in ANY_MARKER.finditer(markdown):
        if marker.start() not in readable:
            raise ValueError(
                f"{page}: {marker.group()[:200]} is not a command marker, which stands alone "
                "on its line as <!-- command: COMMAND --> or <!-- command exits N: COMMAND -->"
            )

    def replace(match: re.Match[str]) -> str:
        command = match.group("command")
        status = int(match.group("status") or 0)
        return session(match.group("indent"), command, results[command], status=status, page=page)

    return MARKER.sub(replace, markdown)


def commands(markdown: str) -> list[str]:
    """The commands the page's markers name, in order."""
    return [match.group("command") for match in MARKER.finditer(markdown)]


class Cache:
    """What each command printed, for one version of the library and of Python."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        runs = stored.get("runs", {}) if stored.get("key") == key else {}
        self.results = {command: Result(**result) for command, result in runs.items()}

    def get(self, wanted: list[str], runner: Runner, *, page: str) -> dict[str, Result]:
        """The results of ``wanted``, running (in parallel) those not known yet.

        Raises ValueError, naming the page, on an unknown program, before anything runs.
        """
        missing = [command for command in dict.fromkeys(wanted) if command not in self.results]
        if missing:
            try:
                for command in missing:
                    stages(command)  # an unknown program fails before anything runs
            except ValueError as error:
                raise ValueError(f"{page}: {error}") from None
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                self.results.update(zip(missing, pool.map(runner, missing), strict=True))
            self._save()
        return {command: self.results[command] for command in wanted}

    def _save(self) -> None:
        runs = {command: asdict(result) for command, result in sorted(self.results.items())}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps({"key": self.key, "runs": runs}, indent=1), encoding="utf-8")
        partial.replace(self.path)


def cache_key() -> str:
    """The library's source (as the site's other outputs key it), the versions of Python
    and numpy, and the terminal's width."""
    digest = hashlib.sha256(build.inputs_key().encode())
    digest.update(f"{sys.version}\0{metadata.version('numpy')}\0{TERMINAL_COLUMNS}".encode())
    return digest.hexdigest()
